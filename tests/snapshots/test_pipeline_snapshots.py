"""What the pipeline, recommendations and services look like, with their forms, at 120×36 and
80×24."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.network import TODAY, settle, small_network_app
from tests.ui.test_pipeline import pipeline_network
from tui_reseau.domain.exchanges import ServiceDraft, save_service
from tui_reseau.domain.opportunities import OpportunityDraft, save_opportunity
from tui_reseau.hostile import HOSTILE_SAMPLES
from tui_reseau.ui.app import ReseauApp

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


def exchanges_app(tmp_path: Path) -> ReseauApp:
    """The small network with three opportunities, a recommendation and two services."""
    app, ids = small_network_app(tmp_path / "r.db")
    pipeline_network(ids)
    save_service(
        ServiceDraft(
            contact_id=ids["jean"],
            description="Présenté à un client qui cherche un expert-comptable",
            given_on="10/11",
            introduced_id=ids["marc"],
        ),
        today=TODAY,
    )
    save_service(
        ServiceDraft(contact_id=ids["paul"], kind="conseil", description="Relu son offre"),
        today=TODAY,
    )
    # A hostile title stays text, cut to its column.
    save_opportunity(
        OpportunityDraft(
            title=HOSTILE_SAMPLES["balisage Rich"], contact_id=ids["claire"], value="1,5 k€"
        ),
        today=TODAY,
    )
    return app


def after(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """Press ``keys`` from the main screen, wait for the work; no toast left on screen."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()
        for field in pilot.app.screen.query("Input, TextArea"):
            field.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_pipeline(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = exchanges_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=after("O", "right"))


@pytest.mark.parametrize("size", SIZES)
def test_opportunity_form(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = exchanges_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=after("O", "right", "e"))


@pytest.mark.parametrize("size", SIZES)
def test_opportunity_form_errors(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = exchanges_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=after("O", "a", "ctrl+s"))


@pytest.mark.parametrize("size", SIZES)
def test_recommendations(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = exchanges_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=after("R"))


@pytest.mark.parametrize("size", SIZES)
def test_services(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = exchanges_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=after("R", "2"))


@pytest.mark.parametrize("size", SIZES)
def test_balance(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = exchanges_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=after("R", "3"))


@pytest.mark.parametrize("size", SIZES)
def test_recommendation_form(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = exchanges_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=after("R", "e"))


@pytest.mark.parametrize("size", SIZES)
def test_service_form(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app = exchanges_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=after("R", "2", "a"))
