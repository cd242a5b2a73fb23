"""The search dialog as a user drives it: typed key by key, real SQLite file, real index."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.network import settle
from tui_reseau.domain.contacts import ContactDraft, save_contact
from tui_reseau.domain.details import add_detail
from tui_reseau.locations import DbTarget
from tui_reseau.ui.app import ReseauApp, make_app
from tui_reseau.ui.screens.main import MainScreen
from tui_reseau.ui.screens.search import SearchScreen
from tui_reseau.ui.widgets.contact_card import ContactCardView
from tui_reseau.ui.widgets.contact_list import ContactList

TODAY = dt.date(2026, 11, 26)
WIDE = (120, 36)

PEOPLE: tuple[ContactDraft, ...] = (
    ContactDraft(
        first_name="Jean",
        last_name="Dupont",
        company="Menuiserie Dupont",
        role="Menuisier",
        city="Lille",
        circle=1,
    ),
    ContactDraft(
        first_name="Hélène",
        last_name="Lefèvre",
        company="Cabinet Lefèvre",
        role="Expert-comptable",
        city="Arras",
        circle=2,
    ),
    ContactDraft(
        first_name="Luc",
        last_name="Martin",
        company="Fournil Lillois",
        role="Boulanger",
        city="Lille",
        circle=1,
    ),
    ContactDraft(
        first_name="Marc",
        last_name="Petit",
        company="Au Pain Picard",
        role="Boulanger",
        city="Amiens",
        circle=1,
    ),
    ContactDraft(
        first_name="Claire",
        last_name="Roussel",
        company="Opalinea",
        role="Consultante",
        city="Boulogne-sur-Mer",
        circle=3,
    ),
)


def network(db_path: Path) -> tuple[ReseauApp, dict[str, int]]:
    """The app over a small network (never empty: an empty one would offer the demo)."""
    app = make_app(DbTarget(path=db_path), today=TODAY)
    ids = {f"{d.first_name} {d.last_name}": save_contact(d, today=TODAY) for d in PEOPLE}
    add_detail(ids["Claire Roussel"], "passion", "voile à Wimereux", noted_on=TODAY)
    return app, ids


def search_screen(app: ReseauApp) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen


def shown_names(app: ReseauApp) -> list[str]:
    screen = search_screen(app)
    assert screen.shown_query == screen.input.value
    return [r.row.name for r in screen.results]


async def type_query(pilot, text: str, *, opener: str = "slash") -> SearchScreen:
    await settle(pilot)
    await pilot.press(opener)
    await settle(pilot)
    for key in text:  # key by key, as a person types
        await pilot.press(key)
    await settle(pilot)
    return search_screen(pilot.app)


async def test_typo_finds_dupont_and_enter_opens_his_card(db_path: Path) -> None:
    app, ids = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await type_query(pilot, "dupond")
        assert screen.input.has_focus
        assert shown_names(app)[0] == "Jean Dupont"
        assert str(screen.query_one("#search-status").render()) == "1 résultat"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        card = app.screen.query_one(ContactCardView).card
        assert card is not None and "Dupont" in card.name
        assert app.screen.query_one(ContactList).current_id == ids["Jean Dupont"]


async def test_accents_are_optional(db_path: Path) -> None:
    app, _ = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        await type_query(pilot, "helene")
        assert shown_names(app)[0] == "Hélène Lefèvre"
        hit = search_screen(app).results[0].hit
        assert hit.field == "name"
        assert [hit.text[a:b] for a, b in hit.spans] == ["Hélène"]


async def test_two_words_rank_the_amiens_baker_first(db_path: Path) -> None:
    app, _ = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        await type_query(pilot, "boulanger amiens")
        names = shown_names(app)
        assert names[0] == "Marc Petit"
        assert names.index("Marc Petit") < names.index("Luc Martin")


async def test_a_memorised_detail_says_why_it_matched(db_path: Path) -> None:
    app, _ = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await type_query(pilot, "wimereux")
        assert shown_names(app) == ["Claire Roussel"]
        result = screen.results[0]
        assert result.reason == "détail mémorisé"
        assert result.hit.text == "Passion : voile à Wimereux"
        prompt = screen.result_list.get_option_at_index(0).prompt
        assert "détail mémorisé : Passion : voile à Wimereux" in str(prompt)


async def test_no_result_says_what_to_try(db_path: Path) -> None:
    app, _ = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await type_query(pilot, "xyz")
        assert shown_names(app) == []
        assert str(screen.query_one("#search-status").render()) == (
            "Aucun résultat pour « xyz » — vérifiez l'orthographe ou cherchez un détail"
        )


async def test_arrows_move_in_results_while_typing_goes_on(db_path: Path) -> None:
    app, ids = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await type_query(pilot, "boulanger")
        assert len(screen.results) == 2
        assert screen.result_list.highlighted == 0
        await pilot.press("down")
        assert screen.result_list.highlighted == 1
        assert screen.input.has_focus
        await pilot.press("up", "ctrl+n")
        assert screen.result_list.highlighted == 1
        second = screen.results[1].row.id
        # The « ▸ » marker follows the highlight (visible without colour).
        assert str(screen.result_list.get_option_at_index(1).prompt).startswith("▸ ")
        assert not str(screen.result_list.get_option_at_index(0).prompt).startswith("▸")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(ContactList).current_id == second
        assert second in {ids["Marc Petit"], ids["Luc Martin"]}


async def test_escape_closes_without_changing_the_selection(db_path: Path) -> None:
    app, _ = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        before = app.screen.query_one(ContactList).current_id
        await type_query(pilot, "dupont")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(ContactList).current_id == before


async def test_ctrl_k_opens_the_search_too(db_path: Path) -> None:
    app, _ = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        await type_query(pilot, "roussel", opener="ctrl+k")
        assert shown_names(app) == ["Claire Roussel"]


async def test_a_contact_created_after_start_up_is_found(db_path: Path) -> None:
    app, _ = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        new_id = save_contact(
            ContactDraft(first_name="Zoé", last_name="Vanneste", city="Dunkerque", circle=2),
            today=TODAY,
        )
        app.contact_changed(new_id)
        await type_query(pilot, "vannes")
        assert search_screen(app).results[0].row.id == new_id


async def test_fast_typing_ends_with_results_for_the_whole_query(db_path: Path) -> None:
    app, _ = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.press(*"lille")  # no pause between keys
        await settle(pilot)
        screen = search_screen(app)
        assert screen.input.value == "lille"
        assert screen.shown_query == "lille"
        assert {r.row.name for r in screen.results} == {"Jean Dupont", "Luc Martin"}
        await pilot.press("backspace", *" boul")
        await settle(pilot)
        assert screen.shown_query == "lill boul"
        assert shown_names(app)[0] == "Luc Martin"


async def test_enter_before_the_results_opens_the_best_one(db_path: Path) -> None:
    app, ids = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"roussel", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.query_one(ContactList).current_id == ids["Claire Roussel"]


async def test_waits_for_the_index_then_answers(db_path: Path) -> None:
    app, _ = network(db_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.search._ready.clear()  # as if the index were still being built
        await pilot.press("slash", *"petit")
        await pilot.pause()
        screen = search_screen(app)
        assert str(screen.query_one("#search-status").render()) == "Index en préparation…"
        assert screen.shown_query is None
        app.search._ready.set()
        await settle(pilot)
        assert shown_names(app) == ["Marc Petit"]


async def test_hostile_names_are_shown_as_text(db_path: Path) -> None:
    app, _ = network(db_path)
    hostile = save_contact(
        ContactDraft(first_name="[bold]Eve", last_name="Piège", company="[red]x[/red]", circle=3),
        today=TODAY,
    )
    async with app.run_test(size=WIDE) as pilot:
        screen = await type_query(pilot, "piege")
        assert screen.results[0].row.id == hostile
        prompt = str(screen.result_list.get_option_at_index(0).prompt)
        assert "[bold]Eve Piège" in prompt and "[red]x[/red]" in prompt


async def test_fits_80_by_24(db_path: Path) -> None:
    """Narrow terminal: results one or two lines each, Enter opens the card full screen."""
    app, _ = network(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await type_query(pilot, "lille")
        result_list = screen.result_list
        assert result_list.region.width >= 70
        assert result_list.region.height >= 12
        heights = [result_list._heights[i] for i in range(result_list.option_count)]
        assert set(heights) <= {1, 2}
        await pilot.press("enter")
        await settle(pilot)
        card = app.screen.query_one(ContactCardView).card
        assert card is not None and card.id == screen.results[0].row.id


async def test_a_long_text_is_cut_so_that_its_match_shows(db_path: Path) -> None:
    app, _ = network(db_path)
    save_contact(
        ContactDraft(
            first_name="Paul",
            last_name="Noël",
            circle=3,
            notes="Rencontré au salon des entrepreneurs de la CCI Hauts-de-France, parle de Zanzibar.",
        ),
        today=TODAY,
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await type_query(pilot, "zanzibar")
        second_line = str(screen.result_list.get_option_at_index(0).prompt).split("\n")[1]
        assert second_line.startswith("    notes : …")
        assert "Zanzibar" in second_line
        assert len(second_line) <= screen.result_list.scrollable_content_region.width
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        second_line = str(screen.result_list.get_option_at_index(0).prompt).split("\n")[1]
        assert second_line == (
            "    notes : Rencontré au salon des entrepreneurs de la CCI Hauts-de-France, "
            "parle de Zanzibar."
        )
