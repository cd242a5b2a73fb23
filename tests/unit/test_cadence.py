"""Keep-in-touch cadences and the relations to revive, on small networks with known answers."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from tui_reseau.domain.cadence import (
    cadence_of,
    default_cadences,
    relations_to_revive,
    set_contact_cadence,
    set_default_cadence,
)
from tui_reseau.domain.validation import ValidationError
from tui_reseau.store.models import (
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    Setting,
    database_proxy,
)

pytestmark = pytest.mark.usefixtures("database")
TODAY = dt.date(2026, 11, 25)  # a Wednesday
LONG_AGO = dt.datetime(2020, 1, 6, 9, 30)


def ago(days: int, today: dt.date = TODAY) -> dt.date:
    return today - dt.timedelta(days=days)


def person(
    name: str,
    circle: int = 1,
    *,
    met_on: dt.date | None = None,
    created_at: dt.datetime = LONG_AGO,
    cadence_days: int | None = None,
) -> int:
    return Contact.create(
        first_name=name,
        last_name="Test",
        company=f"Société {name}",
        circle=circle,
        met_on=met_on,
        created_at=created_at,
        cadence_days=cadence_days,
    ).id


def exchange(on: dt.date, *contact_ids: int, channel: str = "cafe") -> int:
    interaction = Interaction.create(happened_on=on, channel=channel)
    for cid in contact_ids:
        InteractionContact.create(interaction=interaction, contact=cid)
    return interaction.id


def revived(today: dt.date = TODAY, limit: int | None = None) -> dict[str, int]:
    """First name → days overdue, for the contacts to revive."""
    return {
        r.name.removesuffix(" Test"): r.overdue_by_days for r in relations_to_revive(today, limit)
    }


# ------------------------------------------------------------------------------ settings


def test_the_method_s_cadences_apply_until_changed() -> None:
    assert default_cadences() == {1: 30, 2: 45, 3: 90}


def test_a_changed_cadence_is_kept_and_can_be_changed_again() -> None:
    assert set_default_cadence(2, 60) == 60
    assert default_cadences() == {1: 30, 2: 60, 3: 90}
    assert set_default_cadence(2, "21 jours") == 21
    assert default_cadences()[2] == 21
    assert Setting.get_by_id("cadence.circle.2").value == "21"


@pytest.mark.parametrize(
    ("circle", "days", "field", "words"),
    [
        (1, 0, "cadence_days", "entre 1 et 730"),
        (1, 731, "cadence_days", "hors limites"),
        (3, "deux mois", "cadence_days", "illisible"),
        (3, "", "cadence_days", "illisible"),
        (4, 30, "circle", "1, 2 ou 3"),
    ],
)
def test_a_wrong_cadence_is_refused_in_french_and_not_saved(
    circle: int, days: object, field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as info:
        set_default_cadence(circle, days)  # type: ignore[arg-type]
    assert info.value.field == field
    assert words in info.value.message
    assert Setting.select().count() == 0
    assert default_cadences() == {1: 30, 2: 45, 3: 90}


def test_a_hand_edited_setting_that_makes_no_sense_is_ignored() -> None:
    Setting.create(key="cadence.circle.1", value="souvent")
    Setting.create(key="cadence.circle.3", value="120")
    assert default_cadences() == {1: 30, 2: 45, 3: 120}


def test_a_contact_s_own_cadence_overrides_the_circle_s() -> None:
    everyday = person("Anne", 1, cadence_days=10)
    usual = person("Bruno", 2)
    cadences = default_cadences()
    assert cadence_of(Contact.get_by_id(everyday), cadences) == 10
    assert cadence_of(Contact.get_by_id(usual)) == 45
    assert set_contact_cadence(usual, "15") == 15
    assert cadence_of(Contact.get_by_id(usual)) == 15
    assert set_contact_cadence(usual, "") is None
    assert cadence_of(Contact.get_by_id(usual)) == 45
    with pytest.raises(ValidationError, match="n'existe plus"):
        set_contact_cadence(999, 30)


# --------------------------------------------------------------------------- to revive


def test_the_silence_is_counted_from_the_last_interaction() -> None:
    exchange(ago(31), person("Trente-et-un"))
    exchange(ago(30), person("Trente"))
    exchange(ago(29), person("Vingt-neuf"))
    regular = person("Régulier")
    exchange(ago(200), regular)
    exchange(ago(5), regular)  # the latest exchange counts, not the first
    assert revived() == {"Trente-et-un": 1}
    [row] = relations_to_revive(TODAY)
    assert row.last_contact_on == ago(31)
    assert row.days_since == 31
    assert row.cadence_days == 30
    assert row.circle == 1
    assert row.company == "Société Trente-et-un"


def test_each_circle_has_its_cadence_and_a_contact_may_have_its_own() -> None:
    exchange(ago(46), person("Prescriptrice", 2))
    exchange(ago(44), person("Banquier", 2))
    exchange(ago(91), person("Club", 3))
    exchange(ago(89), person("Cci", 3))
    exchange(ago(11), person("Proche", 1, cadence_days=10))
    exchange(ago(40), person("Lointain", 1, cadence_days=60))
    assert revived() == {"Prescriptrice": 1, "Club": 1, "Proche": 1}


def test_a_contact_never_met_counts_from_the_day_we_met_else_from_when_recorded() -> None:
    person("Rencontré", 3, met_on=ago(100))
    person("Récent", 3, met_on=ago(10), created_at=dt.datetime(2019, 1, 1))
    person("Enregistré", 2, created_at=dt.datetime.combine(ago(50), dt.time(18, 45)))
    person("Nouveau", 2, created_at=dt.datetime.combine(ago(45), dt.time(8, 0)))
    assert revived() == {"Rencontré": 10, "Enregistré": 5}
    rows = {r.name: r for r in relations_to_revive(TODAY)}
    never = rows["Rencontré Test"]
    assert (never.last_contact_on, never.days_since, never.counted_from) == (None, None, ago(100))


def test_a_shared_lunch_counts_for_every_participant() -> None:
    a, b, c = person("Alice"), person("Bob"), person("Chloé")
    exchange(ago(40), a, b, c)
    exchange(ago(3), a, b)
    assert revived() == {"Chloé": 10}


def test_a_follow_up_marked_done_without_an_interaction_does_not_warm_the_relation() -> None:
    cid = person("Relancé")
    exchange(ago(60), cid)
    FollowUp.create(contact=cid, due_on=ago(5), done_on=ago(2), reason="Rappeler")
    assert revived() == {"Relancé": 30}


def test_a_contact_with_an_open_follow_up_within_the_cadence_is_left_to_the_agenda() -> None:
    planned = person("Planifié")  # cadence 30: a follow-up in 20 days keeps it off the list
    late = person("EnRetard")
    far = person("Lointain")
    snoozed_far = person("Reporté")
    closed = person("Clos")
    for cid in (planned, late, far, snoozed_far, closed):
        exchange(ago(100), cid)
    FollowUp.create(contact=planned, due_on=TODAY + dt.timedelta(days=20))
    FollowUp.create(contact=late, due_on=ago(3))
    FollowUp.create(contact=far, due_on=TODAY + dt.timedelta(days=31))
    FollowUp.create(contact=snoozed_far, due_on=ago(1), snoozed_until=TODAY + dt.timedelta(days=40))
    FollowUp.create(contact=closed, due_on=TODAY + dt.timedelta(days=2), done_on=ago(1))
    assert revived() == {"Lointain": 70, "Reporté": 70, "Clos": 70}


def test_most_overdue_first_then_closest_circle_then_name() -> None:
    exchange(ago(35), person("Zoé", 1))
    exchange(ago(50), person("Yves", 2))  # 5 days over 45
    exchange(ago(35), person("Anna", 1))
    exchange(ago(200), person("Marc", 3))
    rows = relations_to_revive(TODAY)
    assert [r.name for r in rows] == ["Marc Test", "Anna Test", "Zoé Test", "Yves Test"]
    assert [r.overdue_by_days for r in rows] == [110, 5, 5, 5]
    assert [r.name for r in relations_to_revive(TODAY, limit=2)] == ["Marc Test", "Anna Test"]
    assert relations_to_revive(TODAY, limit=0) == []


def test_a_changed_circle_cadence_changes_who_is_to_revive() -> None:
    exchange(ago(40), person("Amie", 1))
    assert revived() == {"Amie": 10}
    set_default_cadence(1, 60)
    assert revived() == {}
    set_default_cadence(1, 7)
    assert revived() == {"Amie": 33}


@pytest.mark.parametrize(
    "today",
    [
        dt.date(2026, 11, 29),  # a Sunday
        dt.date(2026, 11, 30),  # the last day of a month
        dt.date(2027, 3, 1),  # after a short February
        dt.date(2026, 12, 31),  # the last day of a year
    ],
)
def test_edge_days_count_calendar_days(today: dt.date) -> None:
    exchange(ago(31, today), person("Juste"))
    exchange(ago(30, today), person("Limite"))
    person("Jamais", 3, met_on=ago(91, today))
    assert revived(today) == {"Juste": 1, "Jamais": 1}


# ------------------------------------------------------------------------ at some scale


def _naive(today: dt.date, contacts: list[dict], exchanges: dict[int, list[dt.date]]) -> dict:
    """The rule written the slow, obvious way: one contact at a time."""
    cadences = default_cadences()
    expected = {}
    for c in contacts:
        cadence = c["cadence_days"] or cadences[c["circle"]]
        seen = exchanges.get(c["id"])
        start = max(seen) if seen else (c["met_on"] or c["created_at"].date())
        next_due = c["next_due"]
        if next_due is not None and (next_due - today).days <= cadence:
            continue
        if (today - start).days > cadence:
            expected[c["id"]] = (today - start).days - cadence
    return expected


def test_two_thousand_contacts_in_three_queries_with_the_same_answers_as_the_naive_rule(
    database: object,
) -> None:
    rng = random.Random(4)
    contacts: list[dict] = []
    for index in range(2_000):
        met = ago(rng.randint(0, 400)) if rng.random() < 0.7 else None
        contacts.append(
            {
                "id": index + 1,
                "first_name": f"P{index:04d}",
                "last_name": "Test",
                "company": "",
                "circle": rng.choice((1, 2, 3)),
                "met_on": met,
                "created_at": dt.datetime.combine(ago(rng.randint(0, 500)), dt.time(10, 0)),
                "cadence_days": rng.choice((None, None, None, 7, 20, 120)),
                "next_due": None,
            }
        )
    exchanges: dict[int, list[dt.date]] = {}
    interactions, participants = [], []
    for number in range(1, 5_001):
        day = ago(rng.randint(0, 365))
        interactions.append((number, day, "cafe"))
        for cid in rng.sample(range(1, 2_001), rng.choice((1, 1, 1, 2, 3))):
            participants.append((number, cid))
            exchanges.setdefault(cid, []).append(day)
    follow_ups = []
    for cid in rng.sample(range(1, 2_001), 300):
        due = TODAY + dt.timedelta(days=rng.randint(-20, 150))
        follow_ups.append((cid, due))
        contacts[cid - 1]["next_due"] = min(filter(None, (contacts[cid - 1]["next_due"], due)))
    with database_proxy.atomic():
        Contact.insert_many(
            [{k: v for k, v in c.items() if k != "next_due"} for c in contacts]
        ).execute()
        for start in range(0, len(interactions), 300):
            Interaction.insert_many(
                interactions[start : start + 300],
                fields=[Interaction.id, Interaction.happened_on, Interaction.channel],
            ).execute()
        for start in range(0, len(participants), 300):
            InteractionContact.insert_many(
                participants[start : start + 300],
                fields=[InteractionContact.interaction, InteractionContact.contact],
            ).execute()
        FollowUp.insert_many(follow_ups, fields=[FollowUp.contact, FollowUp.due_on]).execute()

    executed: list[str] = []
    original = database.execute_sql  # type: ignore[attr-defined]

    def counting(sql: str, params: object = None, *args: object, **kwargs: object) -> object:
        executed.append(sql)
        return original(sql, params, *args, **kwargs)

    database.execute_sql = counting  # type: ignore[attr-defined]
    try:
        rows = relations_to_revive(TODAY)
    finally:
        del database.execute_sql  # type: ignore[attr-defined]

    assert len(executed) == 3, executed
    expected = _naive(TODAY, contacts, exchanges)
    assert len(expected) > 300  # the network is big enough to mean something
    assert {r.contact_id: r.overdue_by_days for r in rows} == expected
    assert [r.overdue_by_days for r in rows] == sorted(expected.values(), reverse=True)
