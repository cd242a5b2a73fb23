"""What the metrics, a figure's records and the definitions look like, at 120×36 and 80×24."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.network import TODAY, settle
from tests.unit.test_metrics import metrics_network
from tui_reseau.locations import DbTarget
from tui_reseau.ui.app import ReseauApp, make_app

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]
SECTIONS = [
    pytest.param("1", id="qualifies"),
    pytest.param("2", id="conversion"),
    pytest.param("3", id="recommandations"),
    pytest.param("4", id="temps"),
    pytest.param("5", id="relances"),
]


def metrics_app(tmp_path: Path) -> ReseauApp:
    """The hand-built network of ``tests/unit/test_metrics.py`` (answers known in advance)."""
    app = make_app(DbTarget(path=tmp_path / "r.db"), today=TODAY)
    metrics_network()
    return app


def on_the_metrics(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """Press I on the contact list, then ``keys``; wait for the work; no toast left."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("size", SIZES)
def test_metrics_section(snap_compare, tmp_path: Path, size: tuple[int, int], section: str) -> None:
    run_before = on_the_metrics("t", section)  # the last 3 months
    assert snap_compare(metrics_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_metrics_this_year(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(metrics_app(tmp_path), terminal_size=size, run_before=on_the_metrics("c"))


@pytest.mark.parametrize("size", SIZES)
def test_records_of_a_community(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    run_before = on_the_metrics("t", "4", "enter")  # Club A: involvement, event, people, deals
    assert snap_compare(metrics_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_records_of_the_follow_ups_due(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    run_before = on_the_metrics("t", "5", "enter")
    assert snap_compare(metrics_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_definitions(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    run_before = on_the_metrics("question_mark")
    assert snap_compare(metrics_app(tmp_path), terminal_size=size, run_before=run_before)
