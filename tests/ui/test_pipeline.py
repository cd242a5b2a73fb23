"""The opportunities pipeline at the keyboard: add through the form, move along, delete."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Label, Static

from tests.network import TODAY, settle, small_network_app
from tui_reseau.domain.exchanges import RecommendationDraft, save_recommendation
from tui_reseau.domain.opportunities import OpportunityDraft, save_opportunity, set_stage
from tui_reseau.hostile import HOSTILE_SAMPLES
from tui_reseau.store.models import Opportunity
from tui_reseau.ui.app import ReseauApp
from tui_reseau.ui.screens.card import CardScreen
from tui_reseau.ui.screens.opportunity_form import OpportunityFormScreen
from tui_reseau.ui.screens.pipeline import PipelineScreen
from tui_reseau.ui.screens.search import SearchScreen
from tui_reseau.ui.widgets.contact_picker import ContactPicker
from tui_reseau.ui.widgets.pipeline_board import PipelineBoard


def pipeline_network(ids: dict[str, int]) -> dict[str, int]:
    """Three opportunities over three stages, one born of Jean's recommendation."""
    reco = save_recommendation(
        RecommendationDraft(
            recommender_id=ids["jean"],
            recommended_to_id=ids["helene"],
            for_what="site de la 2e boutique",
            received_on="02/11",
        ),
        today=TODAY,
    )

    def opportunity(title: str, who: str, value: str, opened: str, **extra: object) -> int:
        draft = OpportunityDraft(
            title=title, contact_id=ids[who], value=value, opened_on=opened, **extra
        )  # type: ignore[arg-type]
        return save_opportunity(draft, today=TODAY)

    site = opportunity(
        "Site de la boutique d'Abbeville", "helene", "8 500", "05/11", recommendation_id=reco
    )
    audit = opportunity(
        "Audit logistique de l'entrepôt de Dunkerque", "sophie", "24 k€", "01/09", channel="cafe"
    )
    set_stage(audit, "proposition", dt.date(2026, 10, 1))
    formation = opportunity("Formation des vendeurs", "marc", "3 200", "01/06")
    set_stage(formation, "gagnee", dt.date(2026, 7, 15))
    return {"reco": reco, "site": site, "audit": audit, "formation": formation}


def header(app: ReseauApp, stage: str) -> str:
    """The column head as shown: « Gagnée  1\\n3 200 € »."""
    return str(app.screen.query_one(f"#header-{stage}", Static).content).replace("\u202f", " ")


def selected_title(app: ReseauApp) -> str | None:
    card = app.screen.query_one(PipelineBoard).selected
    return card.title if card else None


async def open_pipeline(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press("O")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PipelineScreen)


async def test_the_four_columns_show_counts_and_totals(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    pipeline_network(ids)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_pipeline(pilot)
        assert header(app, "piste") == "Piste  1\n8 500 €"
        assert header(app, "proposition") == "Proposition  1\n24 000 €"
        assert header(app, "gagnee") == "Gagnée  1\n3 200 €"
        assert header(app, "perdue") == "Perdue  0\n0 €"
        assert selected_title(app) == "Site de la boutique d'Abbeville"
        await pilot.press("right")
        assert selected_title(app) == "Audit logistique de l'entrepôt de Dunkerque"
        await pilot.press("right", "right")
        assert selected_title(app) is None  # Perdue is empty
        await pilot.press("left")
        assert selected_title(app) == "Formation des vendeurs"


async def test_add_through_the_form_then_win_it_by_key(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    pipeline_network(ids)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_pipeline(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, OpportunityFormScreen)
        form.query_one("#title", Input).value = "Refonte du site de la banque"
        form.query_one("#contact", ContactPicker).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"dupuis", "enter")
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#contact", ContactPicker).contact_id == ids["paul"]
        form.query_one("#value", Input).value = "12 k€"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert header(app, "piste") == "Piste  2\n20 500 €"
        assert selected_title(app) == "Site de la boutique d'Abbeville"
        await pilot.press("up")  # the newest first: the new one is above
        assert selected_title(app) == "Refonte du site de la banque"
        await pilot.press("g")
        await settle(pilot)
        assert header(app, "piste") == "Piste  1\n8 500 €"
        assert header(app, "gagnee") == "Gagnée  2\n15 200 €"
        assert selected_title(app) == "Refonte du site de la banque"  # followed to its column
        won = Opportunity.get(Opportunity.title == "Refonte du site de la banque")
        assert (won.stage, won.closed_on, won.value_eur) == ("gagnee", TODAY, 12000)


async def test_arrows_with_shift_and_angle_brackets_move_the_stage(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    made = pipeline_network(ids)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pipeline(pilot)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert Opportunity.get_by_id(made["site"]).stage == "proposition"
        assert header(app, "proposition").startswith("Proposition  2")
        await pilot.press("shift+right")
        await settle(pilot)
        assert Opportunity.get_by_id(made["site"]).closed_on == TODAY
        await pilot.press("less_than_sign")
        await settle(pilot)
        site = Opportunity.get_by_id(made["site"])
        assert (site.stage, site.closed_on) == ("proposition", None)
        await pilot.press("shift+left", "p")
        await settle(pilot)
        assert Opportunity.get_by_id(made["site"]).stage == "perdue"
        assert header(app, "perdue") == "Perdue  1\n8 500 €"


async def test_delete_asks_first_and_a_letter_never_confirms(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    made = pipeline_network(ids)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_pipeline(pilot)
        await pilot.press("delete")
        await settle(pilot)
        question = str(app.screen.query_one("#question", Static).content)
        assert "Site de la boutique d'Abbeville" in question
        await pilot.press(*"oui", "enter")  # the focus is on « Annuler »
        await settle(pilot)
        assert Opportunity.get_or_none(Opportunity.id == made["site"]) is not None
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Opportunity.get_or_none(Opportunity.id == made["site"]) is None
        assert header(app, "piste") == "Piste  0\n0 €"


async def test_the_form_says_what_is_wrong_and_keeps_the_typing(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    pipeline_network(ids)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pipeline(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#value", Input).value = "beaucoup"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "obligatoire" in str(form.query_one("#title-error", Label).content)
        assert "Entrée ouvre la recherche" in str(form.query_one("#contact-error", Label).content)
        assert "Montant illisible" in str(form.query_one("#value-error", Label).content)
        assert form.query_one("#value", Input).value == "beaucoup"
        assert Opportunity.select().count() == 3
        await pilot.press("escape")  # something was typed: asks before throwing it away
        await settle(pilot)
        assert app.screen is not form and not isinstance(app.screen, PipelineScreen)
        await pilot.press("escape")  # « Continuer la saisie »
        await settle(pilot)
        assert app.screen is form


async def test_edit_keeps_the_values_and_enter_opens_the_contact(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    made = pipeline_network(ids)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_pipeline(pilot)
        await pilot.press("right", "e")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#title", Input).value.startswith("Audit logistique")
        assert form.query_one("#contact", ContactPicker).contact_name == "Sophie Desmet"
        form.query_one("#value", Input).value = "30 000"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Opportunity.get_by_id(made["audit"]).value_eur == 30000
        assert header(app, "proposition") == "Proposition  1\n30 000 €"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.contact_id == ids["sophie"]


async def test_this_year_hides_what_closed_last_year(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    made = pipeline_network(ids)
    Opportunity.update(opened_on=dt.date(2025, 6, 1), closed_on=dt.date(2025, 12, 20)).where(
        Opportunity.id == made["formation"]
    ).execute()
    async with app.run_test(size=(120, 36)) as pilot:
        await open_pipeline(pilot)
        assert header(app, "gagnee").startswith("Gagnée  1")
        await pilot.press("t")
        await settle(pilot)
        assert header(app, "gagnee").startswith("Gagnée  0")
        assert "cette année" in str(app.screen.query_one("#pipeline-bar", Static).content)


async def test_a_hostile_title_is_moved_and_said_as_plain_text(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    title = HOSTILE_SAMPLES["action Textual"]
    save_opportunity(OpportunityDraft(title=title, contact_id=ids["jean"]), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pipeline(pilot)
        assert selected_title(app) == title
        await pilot.press("g")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, PipelineScreen)
        said = [n for n in app._notifications if title in n.message]
        assert said and not any(n.markup for n in said)
        assert header(app, "gagnee").startswith("Gagnée  1")
