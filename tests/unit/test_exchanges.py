"""Recommendations received, services given, derived results and the give/take balance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tui_reseau.domain.contacts import ContactDraft, ValidationErrors, save_contact
from tui_reseau.domain.exchanges import (
    RecommendationDraft,
    ServiceDraft,
    balance_of,
    balances,
    delete_recommendation,
    delete_service,
    recommendation_draft_of,
    recommendations,
    save_recommendation,
    save_service,
    service_draft_of,
    services,
)
from tui_reseau.domain.opportunities import OpportunityDraft, save_opportunity, set_stage
from tui_reseau.store.models import Opportunity, Recommendation, ServiceGiven

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def people(database: object) -> dict[str, int]:
    def person(first: str, last: str, circle: int = 2) -> int:
        return save_contact(ContactDraft(first_name=first, last_name=last, circle=circle))

    return {
        "jean": person("Jean", "Dupont"),
        "paul": person("Paul", "Dupuis"),
        "claire": person("Claire", "Lemaire"),
        "helene": person("Hélène", "Vasseur", 1),
        "marc": person("Marc", "Lefèvre", 1),
    }


def _recommend(by: int, to: int | None = None, what: str = "", on: str = "aujourd'hui") -> int:
    draft = RecommendationDraft(recommender_id=by, recommended_to_id=to, for_what=what)
    draft.received_on = on
    return save_recommendation(draft, today=TODAY)


def _serve(to: int, on: str = "aujourd'hui", introduced: int | None = None) -> int:
    draft = ServiceDraft(contact_id=to, description="Présenté à un client", given_on=on)
    draft.introduced_id = introduced
    return save_service(draft, today=TODAY)


def _opportunity(contact: int, recommendation: int, value: str, stage: str) -> int:
    oid = save_opportunity(
        OpportunityDraft(
            title="Mission", contact_id=contact, value=value, recommendation_id=recommendation
        ),
        today=TODAY,
    )
    set_stage(oid, stage, TODAY)
    return oid


def test_a_recommendation_needs_who_and_for_whom_or_what(people: dict[str, int]) -> None:
    with pytest.raises(ValidationErrors) as caught:
        save_recommendation(RecommendationDraft(received_on="demain"), today=TODAY)
    errors = caught.value.by_field
    assert set(errors) == {"recommender", "for_what", "received_on"}
    assert "Qui vous a recommandé" in errors["recommender"]
    assert "futur" in errors["received_on"]
    with pytest.raises(ValidationErrors) as caught:
        _recommend(people["jean"], people["jean"])
    assert "celle qui recommande" in caught.value.by_field["recommended_to"]
    assert Recommendation.select().count() == 0


def test_a_recommendation_is_saved_edited_and_deleted(people: dict[str, int]) -> None:
    rid = _recommend(people["jean"], people["helene"], "site web", on="12/11")
    draft = recommendation_draft_of(rid)
    assert (draft.recommender_id, draft.recommended_to_id, draft.received_on) == (
        people["jean"],
        people["helene"],
        "12/11/2026",
    )
    draft.channel = "cafe"
    save_recommendation(draft, rid, today=TODAY)
    (row,) = recommendations(TODAY)
    assert (row.recommender_name, row.subject, row.channel_label) == (
        "Jean Dupont",
        "Hélène Vasseur · site web",
        "Café",
    )
    oid = _opportunity(people["helene"], rid, "1 000", "piste")
    delete_recommendation(rid)
    assert recommendations(TODAY) == []
    assert Opportunity.get_by_id(oid).recommendation_id is None  # the opportunity stays


def test_results_are_derived_from_the_opportunities(people: dict[str, int]) -> None:
    recent = _recommend(people["jean"], what="audit", on="01/11")
    forgotten = _recommend(people["jean"], what="bilan", on="01/06")
    won = _recommend(people["paul"], people["helene"], on="01/09")
    lost = _recommend(people["claire"], people["marc"], on="01/09")
    open_ = _recommend(people["claire"], what="conseil", on="01/10")
    _opportunity(people["helene"], won, "12 000", "gagnee")
    _opportunity(people["helene"], won, "3 000", "perdue")
    _opportunity(people["helene"], won, "5 000", "gagnee")
    _opportunity(people["marc"], lost, "2 000", "perdue")
    _opportunity(people["claire"], open_, "", "proposition")
    results = {row.id: row.result_label for row in recommendations(TODAY)}
    assert results == {
        recent: "En attente",
        forgotten: "Sans suite",
        won: "Gagnée · 17\u202f000 €",
        lost: "Perdue",
        open_: "Proposition",
    }


def test_a_service_is_checked_saved_edited_and_deleted(people: dict[str, int]) -> None:
    with pytest.raises(ValidationErrors) as caught:
        save_service(
            ServiceDraft(contact_id=people["jean"], kind="cadeau", introduced_id=people["jean"]),
            today=TODAY,
        )
    assert set(caught.value.by_field) == {"kind", "introduced"}
    assert ServiceGiven.select().count() == 0
    sid = _serve(people["jean"], on="hier", introduced=people["helene"])
    draft = service_draft_of(sid)
    assert (draft.given_on, draft.introduced_id) == ("25/11/2026", people["helene"])
    draft.kind = "conseil"
    save_service(draft, sid, today=TODAY)
    (row,) = services()
    assert (row.contact_name, row.kind_label, row.introduced_name) == (
        "Jean Dupont",
        "Conseil",
        "Hélène Vasseur",
    )
    delete_service(sid)
    assert services() == []


def test_the_balance_puts_those_we_owe_first(people: dict[str, int]) -> None:
    # Jean: 3 recommendations (one won 12 000 €), 1 service → we owe him 2.
    # Paul: 1 recommendation won 5 000 €, nothing given → we owe him 1.
    # Claire: 1 recommendation, 1 service → even.
    # Marc: 2 services, no recommendation → he owes us.
    for on in ("01/09", "01/10"):
        _recommend(people["jean"], what="audit", on=on)
    jean_won = _recommend(people["jean"], people["helene"], on="05/11")
    _opportunity(people["helene"], jean_won, "12 000", "gagnee")
    paul = _recommend(people["paul"], people["marc"], on="02/11")
    _opportunity(people["marc"], paul, "5 000", "gagnee")
    _recommend(people["claire"], what="conseil", on="03/11")
    _serve(people["claire"], on="20/11")
    _serve(people["jean"], on="10/11")
    _serve(people["marc"], on="01/10")
    _serve(people["marc"], on="02/10")
    rows = balances()
    assert [(b.name, b.received, b.won_eur, b.given, b.balance) for b in rows] == [
        ("Jean Dupont", 3, Decimal("12000"), 1, -2),
        ("Paul Dupuis", 1, Decimal("5000"), 0, -1),
        ("Claire Lemaire", 1, Decimal(0), 1, 0),
        ("Marc Lefèvre", 0, Decimal(0), 2, 2),
    ]
    assert [b.last_exchange_on for b in rows] == [
        dt.date(2026, 11, 10),
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 20),
        dt.date(2026, 10, 2),
    ]
    jean = balance_of(people["jean"])
    assert jean is not None and jean.we_owe and jean.won_eur == Decimal("12000")
    helene = balance_of(people["helene"])
    assert helene is not None and (helene.received, helene.given, helene.balance) == (0, 0, 0)
    assert balance_of(999) is None
