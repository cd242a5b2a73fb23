"""Hostile names and notes as the user sees them at 80×24: literal, one line each, harmless."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tests.network import TODAY, settle
from tui_reseau.hostile import HOSTILE_SAMPLES
from tui_reseau.locations import DbTarget
from tui_reseau.store.models import Contact, FollowUp, MemorisedDetail
from tui_reseau.ui.app import ReseauApp, make_app
from tui_reseau.ui.screens.card import CardScreen

SHOWN = (
    "balisage Rich",
    "action Textual",
    "couleur ANSI",
    "OSC 52 presse-papiers",
    "inversion droite-gauche",
    "emoji",
    "accents combinants",
    "largeur double",
    "chaîne immense",
)


def hostile_app(tmp_path: Path) -> tuple[ReseauApp, int]:
    """A few hostile samples written as an import might have (checks bypassed)."""
    app = make_app(DbTarget(path=tmp_path / "r.db"), today=TODAY)
    first = 0
    for n, sample in enumerate(SHOWN):
        text = HOSTILE_SAMPLES[sample]
        contact = Contact.create(
            first_name=text if sample == "chaîne immense" else text[:100],
            last_name=f"Témoin{n}",
            company=text[:200],
            role=text[:200],
            city=text[:100],
            circle=1 + n % 3,
            notes=text[:300],
        )
        MemorisedDetail.create(contact=contact, kind="passion", text=text[:300], noted_on=TODAY)
        FollowUp.create(contact=contact, due_on=TODAY, reason=text[:120])
        first = first or contact.id
    return app, first


async def _still(pilot: Pilot) -> None:
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_hostile_list(snap_compare, tmp_path: Path) -> None:
    app, _ = hostile_app(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_still)


def test_hostile_card(snap_compare, tmp_path: Path) -> None:
    app, first = hostile_app(tmp_path)

    async def open_card(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(CardScreen(first + 1))  # the contact named with actions
        await _still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_card)
