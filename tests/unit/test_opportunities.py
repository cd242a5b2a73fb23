"""Opportunities: validation in French, euros, stage moves and closing dates, pipeline totals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tui_reseau.domain.contacts import ContactDraft, ValidationErrors, save_contact
from tui_reseau.domain.exchanges import RecommendationDraft, save_recommendation
from tui_reseau.domain.opportunities import (
    OpportunityDraft,
    apply_origin,
    delete_opportunity,
    draft_from_recommendation,
    draft_of,
    format_euros,
    move_stage,
    origin_choices,
    origin_key,
    parse_value,
    pipeline,
    save_opportunity,
    set_stage,
)
from tui_reseau.domain.validation import ValidationError
from tui_reseau.store.models import Event, Opportunity

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def people(database: object) -> dict[str, int]:
    return {
        "jean": save_contact(ContactDraft(first_name="Jean", last_name="Dupont", circle=2)),
        "helene": save_contact(ContactDraft(first_name="Hélène", last_name="Vasseur", circle=1)),
    }


def _save(contact_id: int, title: str = "Site web", **fields: object) -> int:
    return save_opportunity(
        OpportunityDraft(title=title, contact_id=contact_id, **fields),  # type: ignore[arg-type]
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 000", Decimal("12000")),
        ("12000,50", Decimal("12000.5")),
        ("12 k€", Decimal("12000")),
        ("1,5 M€", Decimal("1500000")),
        ("8 500 €", Decimal("8500")),
        ("", None),
    ],
)
def test_values_in_euros_as_people_type_them(text: str, expected: Decimal | None) -> None:
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["douze mille", "12,000,50", "-300", "20 000 000 000"])
def test_unreadable_values_are_refused_in_french(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_value(text)
    assert caught.value.field == "value"
    assert "Montant" in caught.value.message


def test_euros_are_shown_the_french_way() -> None:
    assert format_euros(Decimal("12000")) == "12\u202f000 €"
    assert format_euros(Decimal("1234.5")) == "1\u202f234,50 €"
    assert format_euros(None) == "—"


def test_every_wrong_field_is_named_and_nothing_is_written(people: dict[str, int]) -> None:
    draft = OpportunityDraft(
        title=" ", value="beaucoup", opened_on="bientôt", channel="linkedin", event_id=999
    )
    with pytest.raises(ValidationErrors) as caught:
        save_opportunity(draft, today=TODAY)
    errors = caught.value.by_field
    assert set(errors) == {"title", "contact", "value", "opened_on", "origin"}
    assert "obligatoire" in errors["title"]
    assert "Entrée ouvre la recherche" in errors["contact"]
    assert "Une seule origine" in errors["origin"]
    assert Opportunity.select().count() == 0


def test_an_opportunity_cannot_open_in_the_future(people: dict[str, int]) -> None:
    with pytest.raises(ValidationErrors) as caught:
        _save(people["jean"], opened_on="demain")
    assert "futur" in caught.value.by_field["opened_on"]


def test_saved_then_edited_keeps_what_was_typed(people: dict[str, int]) -> None:
    oid = _save(people["jean"], value="12 k€", opened_on="15/10", channel="linkedin")
    draft = draft_of(oid)
    assert (draft.title, draft.value, draft.opened_on, draft.channel) == (
        "Site web",
        "12\u202f000 €",
        "15/10/2026",
        "linkedin",
    )
    draft.title = "Site web et boutique"
    save_opportunity(draft, oid, today=TODAY)
    saved = Opportunity.get_by_id(oid)
    assert (saved.title, saved.value_eur, saved.opened_on) == (
        "Site web et boutique",
        Decimal("12000"),
        dt.date(2026, 10, 15),
    )


def test_won_and_lost_are_dated_and_reopening_clears_the_date(people: dict[str, int]) -> None:
    oid = _save(people["jean"])
    assert move_stage(oid, +1, TODAY) == "proposition"
    assert Opportunity.get_by_id(oid).closed_on is None
    assert move_stage(oid, +1, TODAY) == "gagnee"
    assert Opportunity.get_by_id(oid).closed_on == TODAY
    later = TODAY + dt.timedelta(days=3)
    assert move_stage(oid, +1, later) == "perdue"
    assert Opportunity.get_by_id(oid).closed_on == later
    assert move_stage(oid, +1, later) == "perdue"  # the last column: stays
    set_stage(oid, "piste", later)
    assert Opportunity.get_by_id(oid).closed_on is None
    assert move_stage(oid, -1, later) == "piste"  # the first column: stays


def test_an_opportunity_saved_as_won_is_closed_today(people: dict[str, int]) -> None:
    oid = _save(people["jean"], stage="gagnee")
    assert Opportunity.get_by_id(oid).closed_on == TODAY


def test_pipeline_columns_and_totals(people: dict[str, int]) -> None:
    _save(people["jean"], "A", value="1 000")
    _save(people["helene"], "B", value="2 500,50")
    _save(people["jean"], "C")  # no value: counted, adds nothing
    won = _save(people["helene"], "D", value="10 k€", opened_on="01/09")
    set_stage(won, "gagnee", TODAY)
    columns = pipeline(TODAY)
    assert [c.label for c in columns] == ["Piste", "Proposition", "Gagnée", "Perdue"]
    lead, proposal, won_col, lost = columns
    assert (lead.count, lead.total_eur) == (3, Decimal("3500.50"))
    assert {c.title for c in lead.cards} == {"A", "B", "C"}
    assert (proposal.count, proposal.total_eur, proposal.cards) == (0, Decimal(0), ())
    assert (won_col.count, won_col.total_eur) == (1, Decimal("10000"))
    card = won_col.cards[0]
    assert (card.contact_name, card.age_days) == (
        "Hélène Vasseur",
        (TODAY - dt.date(2026, 9, 1)).days,
    )
    assert lost.count == 0


def test_a_long_column_reads_its_newest_cards_and_counts_them_all(
    people: dict[str, int],
) -> None:
    for day in range(1, 6):
        _save(people["jean"], f"Piste {day}", value="100", opened_on=f"0{day}/11")
    (lead, *_) = pipeline(TODAY, per_stage=2)
    assert [c.title for c in lead.cards] == ["Piste 5", "Piste 4"]
    assert (lead.count, lead.total_eur) == (5, Decimal(500))


def test_this_year_leaves_out_what_closed_before(people: dict[str, int]) -> None:
    old = _save(people["jean"], "Ancienne", opened_on="01/03/2025")
    set_stage(old, "perdue", dt.date(2025, 6, 1))
    _save(people["jean"], "Ouverte depuis 2025", opened_on="01/03/2025")
    assert pipeline(TODAY)[3].count == 1
    this_year = pipeline(TODAY, this_year=True)
    assert this_year[3].count == 0
    assert this_year[0].count == 1


def test_delete_removes_it(people: dict[str, int]) -> None:
    oid = _save(people["jean"])
    assert delete_opportunity(oid) == "Site web"
    assert pipeline(TODAY)[0].count == 0


def test_an_opportunity_born_of_a_recommendation(people: dict[str, int]) -> None:
    rid = save_recommendation(
        RecommendationDraft(
            recommender_id=people["jean"],
            recommended_to_id=people["helene"],
            for_what="refonte du site",
        ),
        today=TODAY,
    )
    draft = draft_from_recommendation(rid)
    assert (draft.contact_id, draft.title, draft.recommendation_id) == (
        people["helene"],
        "refonte du site",
        rid,
    )
    assert origin_key(draft) == f"r:{rid}"
    keys = [choice.key for choice in origin_choices(TODAY)]
    assert keys[0] == f"r:{rid}" and "c:linkedin" in keys


def test_origin_keys_round_trip(people: dict[str, int]) -> None:
    event = Event.create(name="Salon", held_on=TODAY)
    draft = OpportunityDraft()
    apply_origin(draft, f"e:{event.id}")
    assert (draft.event_id, draft.recommendation_id, draft.channel) == (event.id, None, "")
    apply_origin(draft, "c:cafe")
    assert (draft.event_id, draft.channel) == (None, "cafe")
    apply_origin(draft, None)
    assert origin_key(draft) is None
    labels = [c.label for c in origin_choices(TODAY)]
    assert any(text.startswith("Événement · 26/11/2026 · Salon") for text in labels)
