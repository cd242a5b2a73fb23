"""Contacts service: validation in French, one transaction per save, the list and its filters."""

from __future__ import annotations

import datetime as dt

import pytest

from tui_reseau.domain.card import load_card
from tui_reseau.domain.contacts import (
    ContactDraft,
    ContactFilter,
    ValidationErrors,
    contact_ids,
    contact_rows,
    delete_contact,
    draft_of,
    known_tags,
    save_contact,
)
from tui_reseau.domain.details import add_detail, delete_detail, set_still_true, update_detail
from tui_reseau.domain.validation import ValidationError
from tui_reseau.store.models import Contact, ContactTag, Interaction, InteractionContact

pytestmark = pytest.mark.usefixtures("database")
TODAY = dt.date(2026, 11, 26)


def _save(**fields: object) -> int:
    draft = ContactDraft(**{"first_name": "Jean", "last_name": "Dupont", "circle": 1, **fields})
    return save_contact(draft, today=TODAY)


def test_a_valid_contact_is_saved_normalised() -> None:
    cid = _save(
        phone="06 12 34 56 78",
        email="Jean.Dupont@Exemple.FR",
        city="Villeneuve-d'Ascq",
        tags="BNI, client ; #vip",
        linkedin_url="linkedin.com/in/jean-dupont/",
    )
    c = Contact.get_by_id(cid)
    assert c.phone == "+33612345678"
    assert c.email == "Jean.Dupont@exemple.fr"
    assert c.pole == "lille"  # suggested from the city
    assert c.linkedin_url == "https://www.linkedin.com/in/jean-dupont"
    assert [t.name for t in c.tag_rows.order_by(ContactTag.id)] == ["bni", "client", "vip"]
    assert c.met_on == TODAY


def test_every_wrong_field_is_reported_at_once_and_nothing_is_written() -> None:
    with pytest.raises(ValidationErrors) as info:
        _save(first_name="", last_name="", phone="06 12", email="pas-un-mail", circle=4)
    by_field = info.value.by_field
    assert set(by_field) >= {"last_name", "phone", "email", "circle"}
    assert "obligatoire" in by_field["last_name"]
    assert all(message and message[0].isupper() for message in by_field.values())
    assert Contact.select().count() == 0


def test_a_kind_must_belong_to_the_chosen_circle() -> None:
    with pytest.raises(ValidationErrors) as info:
        _save(circle=1, kind="expert_comptable")
    assert "n'est pas un type du cercle 1" in info.value.by_field["kind"]
    assert _save(circle=2, kind="expert_comptable")


def test_qualification_date_is_kept_while_qualified_and_cleared_when_not() -> None:
    cid = _save(qualified=True)
    assert Contact.get_by_id(cid).qualified_on == TODAY
    draft = draft_of(cid)
    draft.company = "Nouvelle société"
    save_contact(draft, cid, today=TODAY + dt.timedelta(days=10))
    assert Contact.get_by_id(cid).qualified_on == TODAY
    draft.qualified = False
    save_contact(draft, cid, today=TODAY)
    assert Contact.get_by_id(cid).qualified_on is None


def test_editing_replaces_the_tags() -> None:
    cid = _save(tags="bni, vip")
    draft = draft_of(cid)
    assert draft.tags == "bni, vip"
    draft.tags = "export"
    save_contact(draft, cid, today=TODAY)
    assert known_tags() == [("export", 1)]


def test_a_contact_cannot_have_introduced_themselves() -> None:
    cid = _save()
    draft = draft_of(cid)
    draft.introduced_by_id = cid
    with pytest.raises(ValidationErrors) as info:
        save_contact(draft, cid, today=TODAY)
    assert "introduced_by" in info.value.by_field


def test_deleting_keeps_meetings_shared_with_others_and_drops_the_lonely_ones() -> None:
    jean, lea = _save(), _save(first_name="Léa", last_name="Martin")
    shared = Interaction.create(happened_on=TODAY, channel="dejeuner", notes="à deux")
    alone = Interaction.create(happened_on=TODAY, channel="cafe", notes="seul")
    InteractionContact.create(interaction=shared, contact=jean)
    InteractionContact.create(interaction=shared, contact=lea)
    InteractionContact.create(interaction=alone, contact=jean)
    assert delete_contact(jean) == "Jean Dupont"
    assert [i.notes for i in Interaction.select()] == ["à deux"]
    assert Contact.select().count() == 1


def test_list_is_ordered_by_name_and_filtered_by_every_criterion() -> None:
    a = _save(
        first_name="Zoé", last_name="Adam", circle=2, city="Lille", qualified=True, tags="bni"
    )
    b = _save(first_name="Marc", last_name="Bernard", circle=2, city="Amiens")
    c = _save(first_name="Anne", last_name="Caron", circle=1, city="Lille", sector="logistique")
    assert list(contact_ids()) == [a, b, c]
    assert list(contact_ids(ContactFilter(circles=frozenset({2})))) == [a, b]
    assert list(contact_ids(ContactFilter(poles=frozenset({"lille"})))) == [a, c]
    both = ContactFilter(circles=frozenset({2}), poles=frozenset({"lille"}))
    assert list(contact_ids(both)) == [a]
    assert list(contact_ids(ContactFilter(qualified=True))) == [a]
    assert list(contact_ids(ContactFilter(qualified=False))) == [b, c]
    assert list(contact_ids(ContactFilter(tag="bni"))) == [a]
    assert list(contact_ids(ContactFilter(sector="logistique"))) == [c]
    assert both.describe() == "cercle 2 · Lille"


def test_rows_carry_the_last_contact_date_in_the_order_asked() -> None:
    a, b = _save(), _save(first_name="Léa")
    for day in (dt.date(2026, 9, 1), dt.date(2026, 11, 20)):
        meeting = Interaction.create(happened_on=day, channel="cafe")
        InteractionContact.create(interaction=meeting, contact=a)
    rows = contact_rows([b, a])
    assert [r.id for r in rows] == [b, a]
    assert rows[1].last_contact_on == dt.date(2026, 11, 20)
    assert rows[1].days_since_contact(TODAY) == 6
    assert rows[0].last_contact_on is None


def test_detail_lifecycle_shows_on_the_card() -> None:
    cid = _save()
    detail = add_detail(cid, "projet", "nouvel entrepôt à Arras", noted_on=dt.date(2026, 3, 1))
    update_detail(detail, "projet", "entrepôt à Arras livré en mai")
    set_still_true(detail, False)
    card = load_card(cid, TODAY)
    assert card is not None
    assert [(d.text, d.still_true) for d in card.details] == [
        ("entrepôt à Arras livré en mai", False)
    ]
    delete_detail(detail)
    assert load_card(cid, TODAY).details == ()


def test_an_empty_detail_is_refused_in_french() -> None:
    cid = _save()
    with pytest.raises(ValidationError) as info:
        add_detail(cid, "passion", "   ")
    assert "vide" in info.value.message


def test_a_contact_keeps_its_own_cadence_or_the_circle_s() -> None:
    cid = _save(cadence="15 jours")
    assert Contact.get_by_id(cid).cadence_days == 15
    draft = draft_of(cid)
    assert draft.cadence == "15"
    draft.cadence = ""
    save_contact(draft, cid, today=TODAY)
    assert Contact.get_by_id(cid).cadence_days is None
    draft.cadence = "souvent"
    with pytest.raises(ValidationErrors) as info:
        save_contact(draft, cid, today=TODAY)
    assert "Cadence illisible" in info.value.by_field["cadence"]
