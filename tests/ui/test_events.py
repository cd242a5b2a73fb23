"""Events in the app: the list from the main screen (E), the form, the people met, deletion."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Label, Static

from tests.network import settle, small_network_app
from tui_reseau.domain.events import EventDraft, link_contact, save_event
from tui_reseau.hostile import HOSTILE_SAMPLES
from tui_reseau.store.models import Event, EventContact
from tui_reseau.ui.screens.card import CardScreen
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.screens.event_detail import EventScreen
from tui_reseau.ui.screens.event_form import EventFormScreen
from tui_reseau.ui.screens.events import EventsScreen
from tui_reseau.ui.screens.main import MainScreen
from tui_reseau.ui.screens.search import SearchScreen
from tui_reseau.ui.widgets.record_table import VirtualRecordTable

TODAY = dt.date(2026, 11, 26)


def text_of(pilot: Pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def table_lines(pilot: Pilot, selector: str) -> list[str]:
    """Each row of a table as the user reads it (words joined by one plain space)."""
    table = pilot.app.screen.query_one(selector, VirtualRecordTable)
    return [
        " ".join(word for cell in table.row_texts(i) for word in cell.split())
        for i in range(table.row_count)
    ]


async def pick(pilot: Pilot, query: str) -> None:
    """In the search dialog: type ``query`` and take the first result."""
    assert isinstance(pilot.app.screen, SearchScreen)
    await pilot.press(*query)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_from_the_main_screen_create_an_event_then_link_two_people(
    db_path: Path,
) -> None:
    app, ids = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        assert "Aucun événement" in text_of(pilot, "#events-empty")

        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, EventFormScreen)
        await pilot.press(*"Afterwork CCI", "tab", *"12/11", "tab", *"Lille", "tab")
        form = app.screen
        form.query_one("#hours", Input).value = "2h30"
        form.query_one("#cost", Input).value = "1 200 €"
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, EventsScreen)
        event = Event.get()
        assert (event.name, event.held_on, event.pole) == (
            "Afterwork CCI",
            dt.date(2026, 11, 12),
            "lille",
        )
        assert (event.hours, event.cost_eur) == (Decimal("2.5"), Decimal("1200"))
        assert table_lines(pilot, "#events-table") == [
            "12/11/2026 Afterwork CCI Lille 2,5 h 1 200 € 0"
        ]

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventScreen)
        await pilot.press("plus")
        await settle(pilot)
        await pick(pilot, "dupont jean")
        await pilot.press("l")
        await settle(pilot)
        await pick(pilot, "vasseur")
        assert isinstance(app.screen, EventScreen)
        assert text_of(pilot, "#event-met-title") == "Personnes rencontrées : 2"
        assert [line.split(" ")[:2] for line in table_lines(pilot, "#event-met")] == [
            ["Jean", "Dupont"],
            ["Hélène", "Vasseur"],
        ]
        assert {row.contact_id for row in EventContact.select()} == {ids["jean"], ids["helene"]}

        await pilot.press("escape")
        await settle(pilot)
        assert table_lines(pilot, "#events-table")[0].endswith(" 2")  # the count, back in the list
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_linking_someone_twice_changes_nothing_and_says_so(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    event_id = save_event(EventDraft(name="Salon", held_on="01/10"), today=TODAY)
    link_contact(event_id, ids["jean"])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(EventScreen(event_id))
        await settle(pilot)
        await pilot.press("plus")
        await settle(pilot)
        await pick(pilot, "dupont jean")
        assert EventContact.select().count() == 1
        assert any("déjà" in n.message for n in app._notifications)


async def test_wrong_fields_get_their_message_and_the_typing_stays(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(EventsScreen())
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#name", Input).value = "Salon"
        form.query_one("#held_on", Input).value = "bientôt"
        form.query_one("#hours", Input).value = "trois heures"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "Date non comprise" in str(form.query_one("#held_on-error", Label).render())
        assert "Durée illisible" in str(form.query_one("#hours-error", Label).render())
        assert form.focused is form.query_one("#held_on")
        assert form.query_one("#hours", Input).value == "trois heures"
        assert Event.select().count() == 0

        form.query_one("#held_on", Input).value = "hier"
        form.query_one("#hours", Input).value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        assert Event.get().held_on == dt.date(2026, 11, 25)


async def test_escape_on_a_typed_form_asks_before_losing_it(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(EventsScreen())
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Salon", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep typing
        await settle(pilot)
        assert app.screen.query_one("#name", Input).value == "Salon"


async def test_editing_an_event(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    event_id = save_event(EventDraft(name="Salon", held_on="01/10", hours="2"), today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(EventsScreen())
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#hours", Input).value == "2"
        form.query_one("#name", Input).value = "Salon de l'entrepreneur"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Event.get_by_id(event_id).name == "Salon de l'entrepreneur"
        assert "Salon de l'entrepreneur" in table_lines(pilot, "#events-table")[0]


async def test_delete_asks_first_and_a_typed_letter_confirms_nothing(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    event_id = save_event(EventDraft(name="Salon", held_on="01/10"), today=TODAY)
    link_contact(event_id, ids["jean"])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(EventsScreen())
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press(*"oui", "escape")
        await settle(pilot)
        assert Event.select().count() == 1
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Event.select().count() == 0
        assert "Aucun événement" in text_of(pilot, "#events-empty")


async def test_unlink_asks_then_enter_opens_the_card(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    event_id = save_event(EventDraft(name="Salon", held_on="01/10"), today=TODAY)
    link_contact(event_id, ids["jean"])
    link_contact(event_id, ids["helene"])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(EventScreen(event_id))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.contact_id == ids["jean"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("minus")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [c.contact_id for c in EventContact.select()] == [ids["helene"]]
        assert text_of(pilot, "#event-met-title") == "Personnes rencontrées : 1"


async def test_markup_in_a_name_is_shown_as_typed(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    name = HOSTILE_SAMPLES["action Textual"]
    event_id = save_event(EventDraft(name=name, held_on="01/10"), today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(EventScreen(event_id))
        await settle(pilot)
        assert text_of(pilot, "#event-bar") == f" Événement · {name}"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)  # no click action ran, nothing quit
