"""Bad database files, given to the real commands: a French message with a hint, a non-zero
exit, no traceback, and the file left as it was (a read-only file may still be read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reseau.diagnostics.bad_files import CASES, BadFile, good_template, try_case

PAIRS = [(case, command) for case in CASES for command in case.expect]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return good_template(tmp_path_factory.mktemp("modele"))


@pytest.mark.parametrize(
    ("case", "command"), PAIRS, ids=[f"{case.name}-{command}" for case, command in PAIRS]
)
def test_bad_file_is_refused_in_french_and_left_untouched(
    tmp_path: Path, template: Path, case: BadFile, command: str
) -> None:
    outcome = try_case(tmp_path, template, case, command)
    if outcome.skipped:
        pytest.skip(outcome.skipped)
    assert outcome.returncode is not None, "l'application a pris l'écran"
    assert "Traceback" not in outcome.stderr
    assert "erreur inattendue" not in outcome.stderr
    if outcome.expected == "accepté":
        assert outcome.returncode == 0, outcome.stderr
    else:
        assert outcome.returncode != 0
        message, *hint = [line for line in outcome.stderr.splitlines() if line.strip()]
        assert message.startswith("reseau : ")
        assert hint, "un conseil doit suivre le message"
        assert outcome.unchanged, "le fichier a été modifié"
    assert outcome.problem == ""


def test_each_kind_of_damage_has_its_own_words(tmp_path: Path, template: Path) -> None:
    """Not one vague message for all: each case says what is wrong and what to do."""
    said = {
        case.name: try_case(tmp_path, template, case, next(iter(case.expect))).stderr
        for case in CASES
        if not case.drop_privileges
    }
    assert "n'est pas une base tui_reseau lisible" in said["pas une base (texte)"]
    assert "n'est pas une base tui_reseau lisible" in said["page corrompue"]
    assert "reseau doctor" in said["base tronquée"]
    assert "version plus récente" in said["schéma plus récent"]
    assert "pip install --upgrade" in said["schéma plus récent"]
    assert "est un dossier" in said["un dossier"]
    assert "disque plein" in said["disque plein (reseau add)"]
    assert "disque plein" in said["disque plein (reseau demo)"]
    assert "Rien n'a été enregistré" in said["disque plein (reseau demo)"]


def test_read_only_file_and_folder_are_named_with_their_fix(tmp_path: Path, template: Path) -> None:
    cases = {case.name: case for case in CASES}
    on_file = try_case(tmp_path, template, cases["fichier en lecture seule"], "add")
    on_folder = try_case(tmp_path, template, cases["dossier en lecture seule"], "brief")
    if on_file.skipped or on_folder.skipped:
        pytest.skip(on_file.skipped or on_folder.skipped)
    assert "lecture seule" in on_file.stderr and "chmod u+w" in on_file.stderr
    assert "-wal" in on_folder.stderr and "chmod u+w" in on_folder.stderr
