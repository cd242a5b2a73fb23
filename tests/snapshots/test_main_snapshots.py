"""Snapshots of the main screen and the contact card, at 120×36 and 80×24."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.network import TODAY, settle, small_network_app
from tui_reseau.locations import DbTarget
from tui_reseau.ui.app import make_app

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


def keys_then_settle(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    app, _ = small_network_app(db_path)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("end"))


@pytest.mark.parametrize("size", SIZES)
def test_main_screen_filtered(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    app, _ = small_network_app(db_path)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("2", "q"))


@pytest.mark.parametrize("size", SIZES)
def test_contact_card(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    """Hélène's card: details grouped, one stale, an overdue follow-up, who introduced her."""
    app, _ = small_network_app(db_path)
    keys = ("end", "tab") if size[0] >= 100 else ("end", "enter")
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_delete_confirmation(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    app, _ = small_network_app(db_path)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle("delete"))


@pytest.mark.parametrize("size", SIZES)
def test_first_launch_offers_the_demo(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    app = make_app(DbTarget(path=db_path), today=TODAY)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle())
