"""What the agenda, its dialogs and the meeting report look like, at 120×36 and 80×24."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.network import TODAY, settle
from tests.ui.test_agenda import agenda_network
from tui_reseau.locations import DbTarget
from tui_reseau.ui.app import ReseauApp, make_app
from tui_reseau.ui.screens.agenda import AgendaScreen

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


def agenda_app(tmp_path: Path) -> ReseauApp:
    """Follow-ups in every section and two relations to revive (see ``agenda_network``)."""
    app = make_app(DbTarget(path=tmp_path / "r.db"), today=TODAY)
    agenda_network()
    return app


def on_the_agenda(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """Open the agenda, press ``keys``, wait for the work; no toast left on screen."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(AgendaScreen())
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        pilot.app.clear_notifications()
        # A blinking cursor would be drawn or not depending on how long the work took.
        for field in pilot.app.screen.query("Input, TextArea"):
            field.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_agenda(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(agenda_app(tmp_path), terminal_size=size, run_before=on_the_agenda())


@pytest.mark.parametrize("size", SIZES)
def test_agenda_on_a_relation_to_revive(
    snap_compare, tmp_path: Path, size: tuple[int, int]
) -> None:
    run_before = on_the_agenda("end")  # the last relation: the list scrolls down to it
    assert snap_compare(agenda_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_snooze_dialog_with_an_unreadable_date(
    snap_compare, tmp_path: Path, size: tuple[int, int]
) -> None:
    run_before = on_the_agenda("z", *"bientôt", "enter")
    assert snap_compare(agenda_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_done_dialog(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    run_before = on_the_agenda("d", *"Annonce envoyée")
    assert snap_compare(agenda_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_meeting_form(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    run_before = on_the_agenda("m")  # on Hélène's late follow-up: ticked as settled
    assert snap_compare(agenda_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_meeting_form_errors(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    run_before = on_the_agenda(
        "m",
        *"+2s",
        "tab",
        "tab",
        *"trois heures",
        "tab",
        "tab",
        "tab",
        *"visite du local jeudi",
        "ctrl+s",
    )
    assert snap_compare(agenda_app(tmp_path), terminal_size=size, run_before=run_before)
