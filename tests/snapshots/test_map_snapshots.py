"""Snapshots of the circle map: a few people as markers, a demo network as counts, and NO_COLOR."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.network import TODAY, settle, small_network_app
from tui_reseau.domain.demo import generate_demo
from tui_reseau.locations import DbTarget
from tui_reseau.ui.app import ReseauApp, make_app
from tui_reseau.ui.screens.map import MapScreen

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]
TO_HELENE = ("up", "up", "up", "right", "right", "right", "right", "tab")
"""Ring 1, then clockwise to Amiens & Somme, then Tab to Hélène (an overdue follow-up)."""


def map_then(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(MapScreen(on_filter=lambda flt: None))
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
        await settle(pilot)

    return run_before


def demo_app(db_path: Path, contacts: int = 300) -> ReseauApp:
    app = make_app(DbTarget(path=db_path), today=TODAY)
    generate_demo(contacts=contacts, today=TODAY)
    return app


@pytest.mark.parametrize("size", SIZES)
def test_map_of_the_small_network(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    """Six people, one marker each; Hélène's cell selected and Hélène highlighted."""
    app, _ = small_network_app(db_path)
    assert snap_compare(app, terminal_size=size, run_before=map_then(*TO_HELENE))


@pytest.mark.parametrize("size", SIZES)
def test_map_of_a_demo_network(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    """300 people: crowded cells show a shading and their counts; the Lille sector selected."""
    app = demo_app(db_path)
    assert snap_compare(app, terminal_size=size, run_before=map_then("right"))


def test_map_without_colour(snap_compare, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR: Textual turns every colour to grey; the glyphs and symbols still tell it all.

    The App reads NO_COLOR when it is created (it adds its monochrome filter then), so the
    variable is set only around ``make_app``.
    """
    monkeypatch.setenv("NO_COLOR", "1")
    app = demo_app(db_path, contacts=120)
    monkeypatch.delenv("NO_COLOR")
    assert app.no_color
    keys = ("up", "right", "right", "right", "right", "tab")  # ring 3 × Amiens, a contact
    assert snap_compare(app, terminal_size=(120, 36), run_before=map_then(*keys))
