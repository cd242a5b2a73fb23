"""Communities: unique names, roles and kinds, the involvement log, the contacts met through one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.unit.test_postgres import pg_server, pg_url  # noqa: F401  (fixtures)
from tui_reseau.domain.communities import (
    CommunityDraft,
    InvolvementDraft,
    add_involvement,
    add_member,
    community_card,
    community_choices,
    delete_community,
    delete_involvement,
    draft_of,
    list_communities,
    remove_member,
    save_community,
)
from tui_reseau.domain.contacts import ContactDraft, ValidationErrors, delete_contact, save_contact
from tui_reseau.domain.events import EventDraft, link_contact, list_events, save_event
from tui_reseau.store.models import Community, CommunityMember, Contact, Event, Involvement

TODAY = dt.date(2026, 11, 26)


def person(first: str, last: str, circle: int = 3) -> int:
    return save_contact(ContactDraft(first_name=first, last_name=last, circle=circle), today=TODAY)


def community(name: str = "BNI Lille Centre", kind: str = "club", **fields: object) -> int:
    return save_community(CommunityDraft(name=name, kind=kind, **fields), today=TODAY)


def event_of(community_id: int, name: str, hours: str = "2") -> int:
    return save_event(
        EventDraft(name=name, held_on="10/11", hours=hours, community_id=community_id),
        today=TODAY,
    )


# --------------------------------------------------------------------------- validation


def test_a_name_already_used_is_refused_whatever_its_case(database: object) -> None:
    community("CCI Grand Lille", "cci")
    with pytest.raises(ValidationErrors) as caught:
        community("  cci grand lille ", "cci")
    assert "s'appelle déjà" in caught.value.by_field["name"]
    assert Community.select().count() == 1


def test_a_name_already_used_is_refused_however_its_accents_were_typed(database: object) -> None:
    community("Réseau Entreprendre Somme", "association")  # « é » as one character
    with pytest.raises(ValidationErrors) as caught:  # « e » + combining accent, as a Mac types it
        community("RE\u0301SEAU ENTREPRENDRE SOMME", "association")
    assert "s'appelle déjà" in caught.value.by_field["name"]
    assert Community.select().count() == 1


def test_renaming_a_community_to_its_own_name_is_fine(database: object) -> None:
    cid = community("CCI Grand Lille", "cci")
    draft = draft_of(cid)
    draft.role = "responsable"
    assert save_community(draft, cid, today=TODAY) == cid
    assert list_communities()[0].role == "responsable"


def test_each_wrong_field_is_named_in_french(database: object) -> None:
    draft = CommunityDraft(name="", kind="syndicat", role="chef", pole="paris", joined_on="bientôt")
    with pytest.raises(ValidationErrors) as caught:
        save_community(draft, today=TODAY)
    errors = caught.value.by_field
    assert set(errors) == {"name", "kind", "role", "pole", "joined_on"}
    assert "Club d'entrepreneurs" in errors["kind"]
    assert "membre actif" in errors["role"]
    assert errors["joined_on"].startswith("Date non comprise")


def test_joining_in_the_future_is_refused(database: object) -> None:
    with pytest.raises(ValidationErrors) as caught:
        community(joined_on="+1 mois")
    assert "futur" in caught.value.by_field["joined_on"]


def test_the_role_advice_is_the_methods(database: object) -> None:
    card = community_card(community(role="passif"))
    assert card is not None
    assert card.role_advice == "Inscrit, peu présent : invisible."


# --------------------------------------------------------------------------- involvement


def test_involvement_is_logged_with_its_hours_and_dated_today_by_default(database: object) -> None:
    cid = community()
    add_involvement(
        cid,
        InvolvementDraft(kind="intervention", description="Atelier export", hours="1 h 30"),
        today=TODAY,
    )
    add_involvement(
        cid, InvolvementDraft(kind="responsabilite", happened_on="01/09", hours="3"), today=TODAY
    )
    card = community_card(cid)
    assert card is not None
    assert [(i.kind, i.happened_on, i.hours) for i in card.involvements] == [
        ("intervention", TODAY, Decimal("1.5")),
        ("responsabilite", dt.date(2026, 9, 1), Decimal("3")),
    ]
    assert card.row.involvement_hours == Decimal("4.5")


def test_a_wrong_involvement_writes_nothing_and_says_why(database: object) -> None:
    cid = community()
    with pytest.raises(ValidationErrors) as caught:
        add_involvement(
            cid, InvolvementDraft(kind="sieste", hours="beaucoup", happened_on="??"), today=TODAY
        )
    assert set(caught.value.by_field) == {"kind", "hours", "happened_on"}
    assert Involvement.select().count() == 0


def test_deleting_an_involvement(database: object) -> None:
    cid = community()
    iid = add_involvement(cid, InvolvementDraft(kind="participation", hours="2"), today=TODAY)
    assert delete_involvement(iid) is True
    assert delete_involvement(iid) is False
    assert list_communities()[0].hours == Decimal(0)


# --------------------------------------------------------------------------- contacts met


def test_contacts_met_are_members_and_people_met_at_its_events_counted_once(
    database: object,
) -> None:
    club, cci = community(), community("CCI Amiens", "cci")
    sophie, thomas, claire, paul = (
        person("Sophie", "Desmet"),
        person("Thomas", "Caron"),
        person("Claire", "Lemaire"),
        person("Paul", "Dupuis"),
    )
    add_member(club, sophie)
    add_member(club, thomas)
    breakfast = event_of(club, "Petit-déjeuner", hours="2")
    link_contact(breakfast, thomas)  # member and met there: counted once
    link_contact(breakfast, claire)
    link_contact(event_of(club, "Soirée", hours="1h30"), claire)
    link_contact(event_of(cci, "Forum", hours="3"), paul)

    rows = {r.name: r for r in list_communities()}
    assert rows["BNI Lille Centre"].contacts_met == 3
    assert rows["BNI Lille Centre"].event_hours == Decimal("3.5")
    assert rows["CCI Amiens"].contacts_met == 1
    card = community_card(club)
    assert card is not None
    assert [(m.contact.name, m.member, m.events) for m in card.contacts] == [
        ("Thomas Caron", True, 1),
        ("Sophie Desmet", True, 0),
        ("Claire Lemaire", False, 2),
    ]
    assert [e.name for e in card.events] == ["Soirée", "Petit-déjeuner"]


def test_membership_is_idempotent(database: object) -> None:
    cid, sophie = community(), person("Sophie", "Desmet")
    assert add_member(cid, sophie) is True
    assert add_member(cid, sophie) is False
    assert remove_member(cid, sophie) is True
    assert remove_member(cid, sophie) is False
    assert CommunityMember.select().count() == 0


def test_deleting_a_community_removes_its_log_and_members_but_keeps_events_and_people(
    database: object,
) -> None:
    cid, sophie = community(), person("Sophie", "Desmet")
    add_member(cid, sophie)
    add_involvement(cid, InvolvementDraft(kind="participation", hours="1"), today=TODAY)
    event_id = event_of(cid, "Petit-déjeuner")
    assert delete_community(cid) == "BNI Lille Centre"
    assert (CommunityMember.select().count(), Involvement.select().count()) == (0, 0)
    assert Event.get_by_id(event_id).community_id is None
    assert list_events()[0].community == ""
    assert Contact.select().count() == 1
    assert community_card(cid) is None


def test_a_deleted_contact_leaves_the_community(database: object) -> None:
    cid, sophie = community(), person("Sophie", "Desmet")
    add_member(cid, sophie)
    delete_contact(sophie)
    assert list_communities()[0].contacts_met == 0


def test_choices_are_by_name(database: object) -> None:
    community("DCF Littoral")
    community("apm Lille")
    assert [name for _, name in community_choices()] == ["apm Lille", "DCF Littoral"]


def test_events_and_communities_work_on_postgres(pg_url: str) -> None:  # noqa: F811
    """The same counts on PostgreSQL (UNION, aggregated joins, raw rows): SQL stays portable."""
    from tui_reseau.locations import parse_db_value
    from tui_reseau.store.database import open_database

    open_database(parse_db_value(pg_url, "--db"))
    club, sophie, claire = community(), person("Sophie", "Desmet"), person("Claire", "Lemaire")
    add_member(club, sophie)
    breakfast = event_of(club, "Petit-déjeuner", hours="2h30")
    link_contact(breakfast, sophie)
    link_contact(breakfast, claire)
    add_involvement(club, InvolvementDraft(kind="participation", hours="1,5"), today=TODAY)
    row = list_events()[0]
    assert (row.name, row.held_on, row.hours, row.contacts_met) == (
        "Petit-déjeuner",
        dt.date(2026, 11, 10),
        Decimal("2.5"),
        2,
    )
    listed = list_communities()[0]
    assert (listed.contacts_met, listed.hours) == (2, Decimal(4))
    card = community_card(club)
    assert card is not None and [m.events for m in card.contacts] == [1, 1]
    assert delete_community(club) == "BNI Lille Centre"
    assert list_events()[0].community == ""
