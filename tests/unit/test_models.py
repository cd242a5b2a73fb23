"""The models' constraints, as the database itself enforces them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import peewee
import pytest

from tui_reseau.store.models import (
    Community,
    Contact,
    ContactTag,
    Event,
    EventContact,
    FollowUp,
    Interaction,
    InteractionContact,
    MemorisedDetail,
    Opportunity,
    Recommendation,
    ServiceGiven,
)

pytestmark = pytest.mark.usefixtures("database")
TODAY = dt.date(2026, 11, 26)


def _contact(**fields: object) -> Contact:
    return Contact.create(**{"first_name": "Jean", "last_name": "Dupont", "circle": 1, **fields})


def test_circle_must_be_one_two_or_three() -> None:
    for circle in (1, 2, 3):
        _contact(circle=circle)
    for circle in (0, 4):
        with pytest.raises(peewee.IntegrityError):
            _contact(circle=circle)


def test_a_contact_needs_a_circle() -> None:
    with pytest.raises(peewee.IntegrityError):
        Contact.create(first_name="Sans", last_name="Cercle")


def test_deleting_a_contact_removes_what_is_about_them() -> None:
    jean = _contact()
    other = _contact(first_name="Léa", last_name="Martin")
    MemorisedDetail.create(contact=jean, kind="passion", text="voile", noted_on=TODAY)
    ContactTag.create(contact=jean, name="bni")
    FollowUp.create(contact=jean, due_on=TODAY, reason="rappeler")
    meeting = Interaction.create(happened_on=TODAY, channel="cafe")
    InteractionContact.create(interaction=meeting, contact=jean)
    InteractionContact.create(interaction=meeting, contact=other)
    Opportunity.create(contact=jean, title="Audit", opened_on=TODAY)
    ServiceGiven.create(contact=jean, kind="conseil", given_on=TODAY)
    event = Event.create(name="Afterwork", held_on=TODAY)
    EventContact.create(event=event, contact=jean)

    jean.delete_instance()

    assert MemorisedDetail.select().count() == 0
    assert ContactTag.select().count() == 0
    assert FollowUp.select().count() == 0
    assert Opportunity.select().count() == 0
    assert ServiceGiven.select().count() == 0
    assert EventContact.select().count() == 0
    # The shared meeting stays, with the other participant only.
    assert [p.contact_id for p in InteractionContact.select()] == [other.id]


def test_who_introduced_whom_survives_the_introducer_as_unknown() -> None:
    introducer = _contact(first_name="Paul")
    jean = _contact(introduced_by=introducer)
    rec = Recommendation.create(recommender=introducer, received_on=TODAY, for_what="un audit")
    introducer.delete_instance()
    assert Contact.get_by_id(jean.id).introduced_by is None
    assert Recommendation.get_by_id(rec.id).recommender is None


def test_a_tag_is_held_once_per_contact() -> None:
    jean = _contact()
    ContactTag.create(contact=jean, name="bni")
    with pytest.raises(peewee.IntegrityError):
        ContactTag.create(contact=jean, name="bni")


def test_opportunity_value_cannot_be_negative() -> None:
    jean = _contact()
    Opportunity.create(contact=jean, title="ok", opened_on=TODAY, value_eur=Decimal("1500.50"))
    with pytest.raises(peewee.IntegrityError):
        Opportunity.create(contact=jean, title="ko", opened_on=TODAY, value_eur=Decimal("-1"))


def test_money_and_hours_are_exact_decimals() -> None:
    event = Event.create(name="Salon", held_on=TODAY, hours=Decimal("2.5"), cost_eur="49.90")
    again = Event.get_by_id(event.id)
    assert again.hours == Decimal("2.50")
    assert again.cost_eur == Decimal("49.90")


def test_community_names_are_unique() -> None:
    Community.create(name="BNI Lille Centre", kind="club")
    with pytest.raises(peewee.IntegrityError):
        Community.create(name="BNI Lille Centre", kind="club")


def test_a_detail_goes_stale_without_being_lost() -> None:
    jean = _contact()
    detail = MemorisedDetail.create(contact=jean, kind="projet", text="entrepôt à Arras")
    assert detail.still_true
    detail.still_true = False
    detail.save()
    assert MemorisedDetail.get_by_id(detail.id).text == "entrepôt à Arras"
    assert not MemorisedDetail.get_by_id(detail.id).still_true
