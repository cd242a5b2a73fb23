"""Hostile text through the shell commands: stored exactly, printed literally and inert, to a
pipe, to a terminal and as JSON."""

from __future__ import annotations

import pytest

from tui_reseau.diagnostics.hostile_cli import (
    HostileResult,
    literal_token,
    output_problems,
    run_hostile_cli,
)
from tui_reseau.hostile import HOSTILE_SAMPLES


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> HostileResult:
    return run_hostile_cli(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("name", list(HOSTILE_SAMPLES))
def test_sample_is_stored_exactly_and_printed_inert_by_brief(
    result: HostileResult, name: str
) -> None:
    report = next(r for r in result.samples if r.name == name)
    assert report.contact_id
    assert set(report.stored) == {"nom", "entreprise, notes", "détail", "relance"}
    assert report.problems == []


def test_search_prints_every_sample_inert_and_json_gives_the_exact_text(
    result: HostileResult,
) -> None:
    assert result.search_problems == []
    assert result.outputs_checked == 2 * len(HOSTILE_SAMPLES) + 3


def test_every_sample_is_stored_as_given_but_the_nul_character(result: HostileResult) -> None:
    """Markup, escape sequences, bidi overrides, huge strings: accepted and kept exactly (the
    report's problems say when a stored value differs); only NUL, which no database keeps in a
    text, is refused."""
    for report in result.samples:
        expected = {"refusé"} if "\x00" in report.text else {"accepté"}
        services = {v for k, v in report.stored.items() if k != "nom"}
        assert services == expected, (report.name, report.stored)
    stored = {r.name: r.stored["nom"] for r in result.samples}
    for name in ("couleur ANSI", "OSC 52 presse-papiers", "inversion droite-gauche", "emoji"):
        assert stored[name] == "accepté", name  # through the real « reseau add »


def test_the_output_check_catches_what_a_terminal_would_obey() -> None:
    assert output_problems("nom\x1b]52;c;Y2F0\x07", terminal=True)
    assert output_problems("facture\u202efdp.exe", terminal=False)
    assert output_problems("\x1b[31mrouge", terminal=False)  # no colour at all in a pipe
    assert output_problems("\x1b[2J", terminal=True)  # not one of our styles
    assert not output_problems("\x1b[1mGras\x1b[0m ␛[31m\r\n", terminal=True)
    assert literal_token(HOSTILE_SAMPLES["balisage Rich"]) == "[reverse]inversé[/]"
