"""Communities in the app: the list from the main screen (C), the form, the card, involvement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from textual.widgets import Input, Label, Select, Static

from tests.network import settle, small_network_app
from tests.ui.test_events import pick, table_lines, text_of
from tui_reseau.domain.communities import CommunityDraft, add_member, save_community
from tui_reseau.domain.events import EventDraft, link_contact, save_event
from tui_reseau.store.models import Community, CommunityMember, Involvement
from tui_reseau.ui.screens.card import CardScreen
from tui_reseau.ui.screens.communities import CommunitiesScreen
from tui_reseau.ui.screens.community import CommunityScreen
from tui_reseau.ui.screens.community_form import CommunityFormScreen
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.screens.involvement_form import InvolvementFormScreen
from tui_reseau.ui.screens.main import MainScreen

TODAY = dt.date(2026, 11, 26)


def club_with_people(ids: dict[str, int]) -> int:
    """BNI Lille Centre: Sophie is a member; Claire and Sophie were met at its breakfast."""
    club = save_community(
        CommunityDraft(name="BNI Lille Centre", kind="club", role="actif", pole="lille"),
        today=TODAY,
    )
    add_member(club, ids["sophie"])
    breakfast = save_event(
        EventDraft(name="Petit-déjeuner BNI", held_on="19/11", hours="2", community_id=club),
        today=TODAY,
    )
    link_contact(breakfast, ids["claire"])
    link_contact(breakfast, ids["sophie"])
    return club


async def test_from_the_main_screen_create_a_community_and_log_an_involvement(
    db_path: Path,
) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, CommunitiesScreen)

        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, CommunityFormScreen)
        await pilot.press(*"CCI Amiens-Picardie")
        form = app.screen
        form.query_one("#kind", Select).value = "cci"
        form.query_one("#role", Select).value = "responsable"
        await settle(pilot)
        help_line = str(form.query_one("#role-help", Label).render())
        assert help_line == "Prend des responsabilités, organise : incontournable."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CommunitiesScreen)
        assert table_lines(pilot, "#communities-table") == [
            "CCI Amiens-Picardie CCI Responsable 0 h 0"
        ]

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CommunityScreen)
        assert "incontournable" in text_of(pilot, "#community-head")
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, InvolvementFormScreen)
        await pilot.press("tab", *"Animé l'atelier export", "tab")
        app.screen.query_one("#happened_on", Input).value = "mardi dernier"
        await pilot.press("tab", *"2h30", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CommunityScreen)
        involvement = Involvement.get()
        assert (involvement.description, involvement.happened_on, involvement.hours) == (
            "Animé l'atelier export",
            dt.date(2026, 11, 24),
            Decimal("2.5"),
        )
        assert text_of(pilot, "#involvements-title") == "Journal d'implication : 1"
        assert table_lines(pilot, "#involvements") == [
            "24/11/2026 Participation Animé l'atelier export 2,5 h"
        ]
        assert "Temps donné : 2,5 h" in text_of(pilot, "#community-head")

        await pilot.press("escape")
        await settle(pilot)
        assert table_lines(pilot, "#communities-table")[0].endswith("2,5 h 0")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_the_card_shows_the_contacts_met_through_the_community(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    club = club_with_people(ids)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(CommunityScreen(club))
        await settle(pilot)
        assert text_of(pilot, "#contacts-title") == "Contacts rencontrés par elle : 2"
        assert table_lines(pilot, "#contacts") == [
            "Sophie Desmet Transports Desmet 3 membre · 1 év.",
            "Claire Lemaire Lemaire Conseil 2 1 év.",
        ]
        assert table_lines(pilot, "#events")[0].startswith("19/11/2026 Petit-déjeuner BNI")

        await pilot.press("plus")
        await settle(pilot)
        await pick(pilot, "vasseur")
        assert text_of(pilot, "#contacts-title") == "Contacts rencontrés par elle : 3"
        assert CommunityMember.select().count() == 2

        await pilot.press("down", "enter")  # the contacts table has the focus: Claire's card
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.contact_id == ids["claire"]


async def test_removing_a_member_asks_first(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    club = club_with_people(ids)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(CommunityScreen(club))
        await settle(pilot)
        await pilot.press("delete")  # on Sophie, a member
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert CommunityMember.select().count() == 0
        # Still met at the breakfast: she stays among the contacts met, no longer a member.
        assert table_lines(pilot, "#contacts")[0] == "Sophie Desmet Transports Desmet 3 1 év."


async def test_a_name_already_taken_is_said_under_the_field(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    club_with_people(ids)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(CommunitiesScreen())
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#name", Input).value = "bni lille centre"
        form.query_one("#kind", Select).value = "club"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "s'appelle déjà" in str(form.query_one("#name-error", Label).render())
        assert Community.select().count() == 1


async def test_deleting_a_community_asks_first(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    club_with_people(ids)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(CommunitiesScreen())
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Community.select().count() == 0
        assert app.screen.query_one("#communities-empty", Static).display
