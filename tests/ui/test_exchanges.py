"""Recommendations and services at the keyboard: log, turn into an opportunity, balance."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from tests.network import TODAY, settle, small_network_app
from tests.ui.test_pipeline import pipeline_network
from tui_reseau.domain.exchanges import ServiceDraft, save_service
from tui_reseau.store.models import Opportunity, Recommendation, ServiceGiven
from tui_reseau.ui.app import ReseauApp
from tui_reseau.ui.screens.card import CardScreen
from tui_reseau.ui.screens.exchanges import ExchangesScreen
from tui_reseau.ui.screens.opportunity_form import OpportunityFormScreen
from tui_reseau.ui.screens.recommendation_form import RecommendationFormScreen
from tui_reseau.ui.screens.service_form import ServiceFormScreen
from tui_reseau.ui.widgets.contact_picker import ContactPicker


def rows(app: ReseauApp, part: str) -> list[list[str]]:
    """The cells of a part's table as shown (cut to their column, spaces trimmed)."""
    table = app.screen.query_one(f"#table-{part}", DataTable)
    return [
        [cell.plain.strip().replace("\u202f", " ") for cell in table.get_row_at(i)]
        for i in range(table.row_count)
    ]


async def open_exchanges(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("R")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExchangesScreen)


async def pick(pilot: Pilot, picker: str, query: str) -> None:
    """Choose a contact in the picker ``picker`` through the search dialog."""
    pilot.app.screen.query_one(f"#{picker}", ContactPicker).focus()
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press(*query, "enter")
    await settle(pilot)


async def test_log_a_recommendation_then_make_it_an_opportunity(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_exchanges(pilot)
        assert rows(app, "recos") == []
        assert "Aucune recommandation" in str(app.screen.query_one("#empty-recos", Static).content)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, RecommendationFormScreen)
        await pick(pilot, "recommender", "dupont")
        await pick(pilot, "recommended_to", "vasseur")
        form.query_one("#for_what", Input).value = "site de la 2e boutique"
        form.query_one("#received_on", Input).value = "hier"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExchangesScreen)
        assert rows(app, "recos") == [
            ["25/11", "Jean Dupont", "Hélène Vasseur · site de la 2e boutique", "", "En attente"]
        ]
        await pilot.press("o")
        await settle(pilot)
        opportunity_form = app.screen
        assert isinstance(opportunity_form, OpportunityFormScreen)
        assert opportunity_form.query_one("#title", Input).value == "site de la 2e boutique"
        assert opportunity_form.query_one("#contact", ContactPicker).contact_id == ids["helene"]
        opportunity_form.query_one("#value", Input).value = "9 000"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExchangesScreen)
        assert rows(app, "recos")[0][-1] == "Piste ouverte"
        born = Opportunity.get()
        assert (born.recommendation_id, born.contact_id) == (Recommendation.get().id, ids["helene"])
        await pilot.press("3")
        await settle(pilot)
        assert rows(app, "balance") == [["Jean Dupont", "1", "—", "0", "−1", "25/11"]]


async def test_log_a_service_and_see_the_balance(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    pipeline_network(ids)  # Jean recommended Hélène, whose opportunity is open
    async with app.run_test(size=(120, 36)) as pilot:
        await open_exchanges(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert rows(app, "balance") == [["Jean Dupont", "1", "—", "0", "−1", "02/11"]]
        await pilot.press("a")  # on the balance: a service for the selected prescriber
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ServiceFormScreen)
        assert form.query_one("#contact", ContactPicker).contact_id == ids["jean"]
        form.query_one("#description", Input).value = "Présenté au Crédit du Nord"
        await pick(pilot, "introduced", "dupuis")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(app, "balance") == [["Jean Dupont", "1", "—", "1", "0", "26/11"]]
        await pilot.press("2")
        await settle(pilot)
        assert rows(app, "services") == [
            [
                "26/11",
                "Jean Dupont",
                "Mise en relation",
                "Présenté au Crédit du Nord",
                "Paul Dupuis",
            ]
        ]


async def test_the_form_refuses_a_service_to_nobody(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exchanges(pilot)
        await pilot.press("2", "a")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = app.screen.query_one("#contact-error")
        assert "À qui avez-vous rendu service" in str(error.content)  # type: ignore[attr-defined]
        assert ServiceGiven.select().count() == 0


async def test_edit_and_delete_a_service(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    save_service(ServiceDraft(contact_id=ids["paul"], description="Conseil"), today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_exchanges(pilot)
        await pilot.press("2", "e")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#contact", ContactPicker).contact_name == "Paul Dupuis"
        form.query_one("#description", Input).value = "Conseil sur son prêt"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(app, "services")[0][3] == "Conseil sur son prêt"
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press(*"oui")  # letters never confirm
        await settle(pilot)
        assert ServiceGiven.select().count() == 1
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert ServiceGiven.select().count() == 0
        assert rows(app, "services") == []


async def test_enter_opens_the_recommenders_card(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    pipeline_network(ids)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_exchanges(pilot)
        assert rows(app, "recos")[0][1] == "Jean Dupont"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.contact_id == ids["jean"]
