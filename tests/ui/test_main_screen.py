"""The main screen as a user drives it: list, card, filters, deletion, details (real SQLite)."""

from __future__ import annotations

import inspect
from pathlib import Path

from tests.network import settle, small_network_app
from tui_reseau.store.models import Contact, MemorisedDetail
from tui_reseau.ui.screens.card import CardScreen
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.widgets.contact_card import ContactCardView
from tui_reseau.ui.widgets.contact_list import ContactList


def names_in_list(app) -> list[str]:
    ids = list(app.screen.query_one(ContactList).ids)
    by_id = {c.id: c.full_name for c in Contact.select()}
    return [by_id[i] for i in ids]


async def test_list_in_name_order_and_card_follows_the_cursor(db_path: Path) -> None:
    app, _ids = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert names_in_list(app) == [
            "Sophie Desmet",
            "Jean Dupont",
            "Paul Dupuis",
            "Marc Lefèvre",
            "Claire Lemaire",
            "Hélène Vasseur",
        ]
        card = app.screen.query_one(ContactCardView)
        assert card.card is not None and card.card.name == "Sophie Desmet"
        await pilot.press("down")
        await settle(pilot)
        assert card.card.name == "Jean Dupont"
        await pilot.press("end")
        await settle(pilot)
        assert card.card.name == "Hélène Vasseur"
        assert [d.text for d in card.card.details if d.still_true] == [
            "ouvrir une 2e boutique à Abbeville",
            "voile à Wimereux",
        ]
        assert card.card.follow_ups[0].overdue


async def test_circle_pole_and_qualified_filters_by_key(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert names_in_list(app) == ["Jean Dupont", "Paul Dupuis", "Claire Lemaire"]
        await pilot.press("p")  # first pole: Lille Métropole
        await settle(pilot)
        assert names_in_list(app) == ["Jean Dupont"]
        assert "cercle 2 · Lille" in str(app.screen.query_one("#topbar").render())
        await pilot.press("0")
        await pilot.press("q")
        await settle(pilot)
        assert names_in_list(app) == ["Jean Dupont", "Hélène Vasseur"]
        await pilot.press("0")
        await settle(pilot)
        assert len(names_in_list(app)) == 6


async def test_delete_needs_a_button_and_cancel_is_the_default(db_path: Path) -> None:
    app, _ids = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the focused button is « Annuler »
        await settle(pilot)
        assert Contact.select().count() == 6
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("tab", "enter")  # move to « Supprimer », then confirm
        await settle(pilot)
        assert Contact.select().count() == 5
        assert not Contact.select().where(Contact.last_name == "Desmet").exists()
        assert names_in_list(app)[0] == "Jean Dupont"


async def test_letters_typed_after_delete_never_confirm_it(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        # As a paste or an SSH bundle would bring them: the dialog is up, letters follow.
        await pilot.press("delete", *"oyos", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert Contact.select().count() == 6


async def test_slash_dupont_in_one_burst_searches_and_deletes_nothing(db_path: Path) -> None:
    from tui_reseau.ui.screens.search import SearchScreen

    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"dupont")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("Input").value == "dupont"
        assert Contact.select().count() == 6
        assert MemorisedDetail.select().count() == 4


async def test_detail_marked_stale_and_back_with_s(db_path: Path) -> None:
    app, _ids = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("end", "tab")  # Hélène, then into her details
        await settle(pilot)
        card = app.screen.query_one(ContactCardView)
        first = card.detail_list.get_option_at_index(card.detail_list.highlighted).id
        detail_id = int(first[1:])
        before = MemorisedDetail.get_by_id(detail_id).still_true
        await pilot.press("s")
        await settle(pilot)
        assert MemorisedDetail.get_by_id(detail_id).still_true is (not before)
        await pilot.press("s")
        await settle(pilot)
        assert MemorisedDetail.get_by_id(detail_id).still_true is before


async def test_jump_to_who_introduced_us(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("end", "tab", "i")
        await settle(pilot)
        card = app.screen.query_one(ContactCardView)
        assert card.card is not None and card.card.name == "Jean Dupont"
        assert app.screen.query_one(ContactList).current_id == ids["jean"]


async def test_narrow_terminal_opens_the_card_full_screen(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.query_one(ContactCardView).display or app.screen.size.width < 100
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.query_one(ContactCardView).card.name == "Jean Dupont"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CardScreen)
        assert app.screen.query_one(ContactList).current_id == ids["jean"]


async def test_empty_database_offers_the_demo_network(db_path: Path) -> None:
    from tests.network import TODAY
    from tui_reseau.locations import DbTarget
    from tui_reseau.ui.app import make_app

    app = make_app(DbTarget(path=db_path), today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("tab", "enter")  # « Charger la démo »
        await settle(pilot)
        await settle(pilot)
        assert Contact.select().count() == 150
        assert len(app.screen.query_one(ContactList).ids) == 150


async def test_command_palette_lists_the_screen_actions_in_french(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for action in (
            "Chercher",
            "Ajouter",
            "Modifier",
            "Noter un détail",
            "Supprimer",
            "Filtres",
            "Cercle 2",
            "Quitter",
        ):
            assert action in titles, titles
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Cercle 2")
        result = command.callback()
        if inspect.isawaitable(result):
            await result
        await settle(pilot)
        assert names_in_list(app) == ["Jean Dupont", "Paul Dupuis", "Claire Lemaire"]


async def test_question_mark_shows_every_key(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert app.screen.query("HelpPanel")
        await pilot.press("question_mark")
        await settle(pilot)
        assert not app.screen.query("HelpPanel")


async def test_delete_a_detail_after_confirmation(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("end", "tab")  # Hélène's details
        await settle(pilot)
        card = app.screen.query_one(ContactCardView)
        highlighted = card.detail_list.get_option_at_index(card.detail_list.highlighted)
        detail_id = int(highlighted.id[1:])
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert not MemorisedDetail.select().where(MemorisedDetail.id == detail_id).exists()
        assert Contact.select().count() == 6  # the contact stays
        assert len(app.screen.query_one(ContactCardView).card.details) == 2


async def test_tab_cycles_list_details_and_card(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        card = app.screen.query_one(ContactCardView)
        assert app.focused is app.screen.query_one(ContactList)
        await pilot.press("tab")
        assert app.focused is card.detail_list
        await pilot.press("tab")
        assert app.focused is card
        await pilot.press("tab")
        assert app.focused is app.screen.query_one(ContactList)


async def test_search_opens_from_the_full_screen_card_too(db_path: Path) -> None:
    from tui_reseau.ui.screens.search import SearchScreen

    app, ids = small_network_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("ctrl+p")  # moves in the results: no command palette here
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"lemaire")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.query_one(ContactCardView).card.name == "Claire Lemaire"
        assert app.screen.contact_id == ids["claire"]


async def burst(app, *keys: str) -> None:
    """Post keys all at once, as a paste or an SSH packet brings them (no wait between)."""
    from textual import events

    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_a_burst_after_slash_lands_in_the_search_not_in_the_list(db_path: Path) -> None:
    from tui_reseau.ui.screens.search import SearchScreen

    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await burst(app, "slash", *"dupont")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("Input").value == "dupont"
        main = app.get_screen_stack_main()
        assert main.filter.is_empty  # « p » did not switch the pole filter behind
        assert len(main.contact_list.ids) == 6


async def test_a_burst_after_a_form_key_fills_the_form(db_path: Path) -> None:
    from tui_reseau.ui.screens.contact_form import ContactFormScreen

    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await burst(app, "a", *"Benoit")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        assert app.screen.query_one("#first_name").value == "Benoit"


async def test_map_key_opens_the_map_and_a_sector_filters_the_list(db_path: Path) -> None:
    from tui_reseau.ui.screens.map import MapScreen
    from tui_reseau.ui.widgets.circle_map import CircleMap

    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, MapScreen)
        app.screen.query_one(CircleMap).select(2, "lille")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, MapScreen)
        assert names_in_list(app) == ["Jean Dupont"]
        await pilot.press("p")  # the next pole after Lille
        await settle(pilot)
        assert app.screen.filter.poles == frozenset({"amiens"})


async def test_map_pane_beside_the_list_filters_it_as_the_selection_moves(db_path: Path) -> None:
    from tui_reseau.ui.widgets.circle_map import CircleMap

    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        side_map = app.screen.query_one("#side-map", CircleMap)
        assert side_map.display and app.focused is side_map
        assert "Carte" in str(app.screen.query_one("#side-tabs").render())
        side_map.select(2, None)  # the prescribers' ring
        await settle(pilot)
        assert names_in_list(app) == ["Jean Dupont", "Paul Dupuis", "Claire Lemaire"]
        side_map.select(2, "lille")
        await settle(pilot)
        assert names_in_list(app) == ["Jean Dupont"]
        await pilot.press("v")  # back to the card
        await settle(pilot)
        assert app.screen.query_one(ContactCardView).display
        assert app.screen.query_one(ContactCardView).card.name == "Jean Dupont"


async def test_agenda_from_the_list_and_back_shows_what_was_done(db_path: Path) -> None:
    from tui_reseau.store.models import FollowUp
    from tui_reseau.ui.screens.agenda import AgendaScreen

    app, ids = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        # Hélène's overdue follow-up is first: done, with a note.
        await pilot.press("d")
        await settle(pilot)
        await pilot.press(*"Annonce envoyée", "enter")
        await settle(pilot)
        assert FollowUp.get(FollowUp.contact == ids["helene"]).done_on is not None
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        card = app.screen.query_one(ContactCardView).card
        assert card.name == "Hélène Vasseur"
        assert card.follow_ups == ()
        assert card.interactions[0].notes == "Annonce envoyée"


async def test_meeting_report_from_the_card(db_path: Path) -> None:
    from tui_reseau.ui.screens.meeting_form import MeetingFormScreen

    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("down", "m")  # Jean Dupont
        await settle(pilot)
        assert isinstance(app.screen, MeetingFormScreen)
        app.screen.query_one("#notes").text = "Café : parle d'un client à Lens"
        await pilot.press("ctrl+s")
        await settle(pilot)
        card = app.screen.query_one(ContactCardView).card
        assert card.name == "Jean Dupont"
        assert card.interactions[0].notes == "Café : parle d'un client à Lens"
        assert card.last_contact_on == app.today
