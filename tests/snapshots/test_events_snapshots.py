"""What events and communities look like — lists, event, form, card — at 120×36 and 80×24."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from tests.network import TODAY, build_small_network, settle
from tui_reseau.domain.communities import (
    CommunityDraft,
    InvolvementDraft,
    add_involvement,
    add_member,
    save_community,
)
from tui_reseau.domain.events import EventDraft, link_contact, save_event
from tui_reseau.locations import DbTarget
from tui_reseau.ui.app import ReseauApp, make_app
from tui_reseau.ui.screens.communities import CommunitiesScreen
from tui_reseau.ui.screens.community import CommunityScreen
from tui_reseau.ui.screens.event_detail import EventScreen
from tui_reseau.ui.screens.events import EventsScreen

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


def events_network() -> dict[str, int]:
    """The small network, three communities, four events and an involvement log."""
    ids = build_small_network()

    def community(name: str, kind: str, role: str, pole: str, joined: str = "") -> int:
        draft = CommunityDraft(name=name, kind=kind, role=role, pole=pole, joined_on=joined)
        return save_community(draft, today=TODAY)

    def event(name: str, day: str, place: str, club: int | None, hours: str, cost: str) -> int:
        draft = EventDraft(
            name=name, held_on=day, place=place, community_id=club, hours=hours, cost=cost
        )
        return save_event(draft, today=TODAY)

    bni = community("BNI Lille Centre", "club", "actif", "lille", "01/03/2025")
    ids["bni"] = bni
    cci = community("CCI Amiens-Picardie", "cci", "passif", "amiens")
    community("Connect HDF", "plateforme", "responsable", "region", "15/01/2026")
    add_member(bni, ids["sophie"])
    add_member(bni, ids["jean"])
    add_involvement(
        bni,
        InvolvementDraft("intervention", "Atelier « trouver ses prescripteurs »", "10/11", "3"),
        today=TODAY,
    )
    add_involvement(bni, InvolvementDraft("participation", "", "02/10", "1h30"), today=TODAY)
    breakfast = event("Petit-déjeuner BNI", "19/11", "Lille", bni, "2h30", "25")
    ids["breakfast"] = breakfast
    for key in ("claire", "sophie", "paul"):
        link_contact(breakfast, ids[key])
    forum = event(
        "Forum de l'entrepreneuriat et de la transmission d'entreprise des Hauts-de-France",
        "05/11",
        "Amiens",
        cci,
        "6",
        "1 200 €",
    )
    link_contact(forum, ids["helene"])
    event("Afterwork des commerçants", "14/10", "Boulogne-sur-Mer", None, "1 h 15", "0")
    event("Salon Eurasanté", "18/09/2025", "", None, "4", "45,50")
    return ids


def network_app(tmp_path: Path) -> tuple[ReseauApp, dict[str, int]]:
    app = make_app(DbTarget(path=tmp_path / "r.db"), today=TODAY)
    return app, events_network()


def opening(screen: Callable[[], Screen], *keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """Open ``screen``, press ``keys``, wait for the work; no toast or blinking cursor left."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(screen())
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        pilot.app.clear_notifications()
        for field in pilot.app.screen.query("Input, TextArea"):
            field.cursor_blink = False  # type: ignore[attr-defined]
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_events_list(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, _ = network_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=opening(EventsScreen))


@pytest.mark.parametrize("size", SIZES)
def test_event_detail(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, ids = network_app(tmp_path)
    run_before = opening(lambda: EventScreen(ids["breakfast"]))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_event_form_with_errors(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, _ = network_app(tmp_path)
    keys = ("a", *"Salon", "tab", *"bientôt", "tab", *"Lille", "tab", "tab", "tab")
    run_before = opening(EventsScreen, *keys, *"trois heures", "ctrl+s")
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_communities_list(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, _ = network_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=opening(CommunitiesScreen))


@pytest.mark.parametrize("size", SIZES)
def test_community_card(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    app, ids = network_app(tmp_path)
    run_before = opening(lambda: CommunityScreen(ids["bni"]))
    assert snap_compare(app, terminal_size=size, run_before=run_before)
