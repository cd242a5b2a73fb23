"""Events: validation in French by field, hours and cost as typed, counts, links, deletion."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tui_reseau.domain.communities import CommunityDraft, save_community
from tui_reseau.domain.contacts import ContactDraft, ValidationErrors, delete_contact, save_contact
from tui_reseau.domain.events import (
    EventDraft,
    delete_event,
    draft_of,
    event_detail,
    format_euros,
    format_hours,
    link_contact,
    list_events,
    save_event,
    unlink_contact,
)
from tui_reseau.domain.validation import ValidationError
from tui_reseau.hostile import short_samples
from tui_reseau.store.models import Contact, Event, EventContact, Opportunity

TODAY = dt.date(2026, 11, 26)


def person(first: str, last: str, circle: int = 1, company: str = "") -> int:
    return save_contact(
        ContactDraft(first_name=first, last_name=last, circle=circle, company=company), today=TODAY
    )


def event(name: str = "Afterwork CCI", held_on: str = "12/11", **fields: object) -> int:
    return save_event(EventDraft(name=name, held_on=held_on, **fields), today=TODAY)


# --------------------------------------------------------------------------- validation


def test_a_blank_form_says_which_fields_are_required(database: object) -> None:
    with pytest.raises(ValidationErrors) as caught:
        save_event(EventDraft(), today=TODAY)
    errors = caught.value.by_field
    assert set(errors) == {"name", "held_on"}
    assert "« Nom » est obligatoire" in errors["name"]
    assert "La date est obligatoire" in errors["held_on"]
    assert Event.select().count() == 0


def test_every_wrong_field_gets_its_own_french_message_and_nothing_is_written(
    database: object,
) -> None:
    draft = EventDraft(
        name="Salon", held_on="le 32 du mois", hours="trois heures", cost="-45", pole="paris"
    )
    with pytest.raises(ValidationErrors) as caught:
        save_event(draft, today=TODAY)
    errors = caught.value.by_field
    assert set(errors) == {"held_on", "hours", "cost", "pole"}
    assert errors["held_on"].startswith("Date non comprise")
    assert "Exemples acceptés" in errors["hours"]
    assert "négatif" in errors["cost"]
    assert Event.select().count() == 0


@pytest.mark.parametrize(
    ("typed", "hours"),
    [("3", "3"), ("2,5", "2.5"), ("2h30", "2.5"), ("1 h 15", "1.25"), ("", "0")],
)
def test_hours_are_read_as_people_type_them(database: object, typed: str, hours: str) -> None:
    event_id = event(hours=typed)
    assert list_events()[0].hours == Decimal(hours)
    assert Event.get_by_id(event_id).hours == Decimal(hours)


@pytest.mark.parametrize(
    ("typed", "cost"), [("45", "45"), ("45,50", "45.5"), ("1 200 €", "1200"), ("", "0")]
)
def test_cost_is_read_in_euros_as_people_type_it(database: object, typed: str, cost: str) -> None:
    event(cost=typed)
    assert list_events()[0].cost_eur == Decimal(cost)


def test_the_pole_comes_from_the_place_unless_chosen(database: object) -> None:
    from_place = event(place="Dunkerque")
    chosen = event(name="Forum", place="Dunkerque", pole="lille")
    unknown = event(name="Visio", place="En ligne")
    poles = {row.id: row.pole for row in list_events()}
    assert poles == {from_place: "littoral", chosen: "lille", unknown: None}


def test_hostile_names_are_stored_as_typed_or_refused_with_a_message(database: object) -> None:
    for label, text in short_samples().items():
        try:
            event_id = event(name=text)
        except ValidationErrors as exc:  # control characters: refused, said why
            assert "name" in exc.by_field, label
        else:
            stored = Event.get_by_id(event_id).name
            assert stored == text.strip(), label


def test_a_vanished_community_is_refused(database: object) -> None:
    with pytest.raises(ValidationErrors) as caught:
        event(community_id=999)
    assert "n'existe plus" in caught.value.by_field["community"]


# --------------------------------------------------------------------------- list and detail


def test_the_list_is_newest_first_with_counts_from_the_database(database: object) -> None:
    club = save_community(CommunityDraft(name="BNI Lille", kind="club"), today=TODAY)
    old = event("Petit-déjeuner BNI", "03/10", community_id=club, hours="2", cost="25")
    new = event("Salon Eurasanté", "20/11", hours="1h30")
    a, b = person("Hélène", "Vasseur"), person("Jean", "Dupont")
    link_contact(old, a)
    link_contact(old, b)
    link_contact(new, a)
    Opportunity.create(contact=a, title="Site web", opened_on=TODAY, event=old)

    rows = list_events()
    assert [r.id for r in rows] == [new, old]
    assert (rows[1].contacts_met, rows[1].opportunities, rows[1].community) == (2, 1, "BNI Lille")
    assert (rows[0].contacts_met, rows[0].opportunities, rows[0].community) == (1, 0, "")
    assert [r.id for r in list_events(community_id=club)] == [old]


def test_detail_lists_the_people_met_with_circle_and_company(database: object) -> None:
    event_id = event(notes="Beaucoup de monde")
    jean = person("Jean", "Dupont", circle=2, company="Cabinet Dupont")
    helene = person("Hélène", "Vasseur")
    link_contact(event_id, jean)
    link_contact(event_id, helene)
    detail = event_detail(event_id)
    assert detail is not None
    assert detail.notes == "Beaucoup de monde"
    assert [(c.name, c.company, c.circle) for c in detail.contacts] == [
        ("Jean Dupont", "Cabinet Dupont", 2),
        ("Hélène Vasseur", "", 1),
    ]
    assert event_detail(999) is None


def test_linking_is_idempotent_and_unlinking_says_if_anything_changed(database: object) -> None:
    event_id, jean = event(), person("Jean", "Dupont")
    assert link_contact(event_id, jean) is True
    assert link_contact(event_id, jean) is False
    assert EventContact.select().count() == 1
    assert unlink_contact(event_id, jean) is True
    assert unlink_contact(event_id, jean) is False
    assert list_events()[0].contacts_met == 0
    with pytest.raises(ValidationError, match="n'existe plus"):
        link_contact(event_id, 999)


def test_editing_keeps_the_people_met_and_the_form_reads_back_as_typed(database: object) -> None:
    event_id = event(place="Amiens", hours="2h30", cost="45,50")
    link_contact(event_id, person("Jean", "Dupont"))
    draft = draft_of(event_id)
    assert (draft.held_on, draft.hours, draft.cost, draft.pole) == (
        "12/11/2026",
        "2,5",
        "45,5",
        "amiens",
    )
    draft.name = "Afterwork CCI Amiens"
    assert save_event(draft, event_id, today=TODAY) == event_id
    row = list_events()[0]
    assert (row.name, row.contacts_met, row.cost_eur) == (
        "Afterwork CCI Amiens",
        1,
        Decimal("45.5"),
    )


def test_deleting_an_event_keeps_the_contacts_and_the_opportunities(database: object) -> None:
    event_id, jean = event(), person("Jean", "Dupont")
    link_contact(event_id, jean)
    opportunity = Opportunity.create(contact=jean, title="Audit", opened_on=TODAY, event=event_id)
    assert delete_event(event_id) == "Afterwork CCI"
    assert EventContact.select().count() == 0
    assert Contact.select().count() == 1
    assert Opportunity.get_by_id(opportunity.id).event_id is None


def test_deleting_a_contact_removes_them_from_the_events(database: object) -> None:
    event_id, jean = event(), person("Jean", "Dupont")
    link_contact(event_id, jean)
    delete_contact(jean)
    assert list_events()[0].contacts_met == 0


def test_figures_are_shown_the_french_way() -> None:
    assert format_hours(Decimal("2.50")) == "2,5 h"
    assert format_hours(Decimal("3.00")) == "3 h"
    assert format_euros(Decimal("45.50")) == "45,50 €"
    assert format_euros(Decimal("1200.00")) == "1\u202f200 €"
