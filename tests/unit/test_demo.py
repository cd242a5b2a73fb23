"""The demo network: deterministic, complete, believable, and never mixed with real data."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import phonenumbers
import pytest

from tui_reseau.domain import vocabulary as voc
from tui_reseau.domain.demo import WRITE_ORDER, DemoSummary, generate_demo, is_empty
from tui_reseau.domain.vocabulary import OPPORTUNITY_STAGES, Pole
from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import close_database, open_database
from tui_reseau.store.models import (
    ALL_MODELS,
    Community,
    Contact,
    ContactTag,
    Event,
    EventContact,
    FollowUp,
    Interaction,
    InteractionContact,
    Involvement,
    MemorisedDetail,
    Opportunity,
    Recommendation,
    ServiceGiven,
    Setting,
)

TODAY = dt.date(2026, 11, 26)
YEAR_AGO = TODAY - dt.timedelta(days=365)
FICTION_PHONE = re.compile(r"^\+33(63998\d{4}|19900\d{4})$")

SUMMARY_MODELS = {
    "contacts": Contact,
    "details": MemorisedDetail,
    "interactions": Interaction,
    "follow_ups": FollowUp,
    "events": Event,
    "communities": Community,
    "involvements": Involvement,
    "recommendations": Recommendation,
    "opportunities": Opportunity,
    "services": ServiceGiven,
    "tags": ContactTag,
}


@pytest.fixture
def demo(database) -> DemoSummary:
    """The default demo network (150 contacts) in the test's database."""
    return generate_demo(today=TODAY)


def _dump() -> dict[str, list[tuple]]:
    """Every row of every table, in id order, columns in the model's order (so that a column
    added by a later migration does not move ``updated_at`` from the end of each row)."""
    tables = {}
    for model in ALL_MODELS:
        name = model._meta.table_name
        columns = ", ".join(f'"{f.column_name}"' for f in model._meta.sorted_fields)
        cursor = model._meta.database.execute_sql(f'SELECT {columns} FROM "{name}" ORDER BY 1')
        tables[name] = cursor.fetchall()
    return tables


def _generate_into(path: Path, **options) -> tuple[DemoSummary, dict[str, list[tuple]]]:
    open_database(DbTarget(path=path))
    try:
        summary = generate_demo(**{"today": TODAY, **options})
        return summary, _dump()
    finally:
        close_database()


def _count(model) -> int:
    return model.select().count()


# ----------------------------------------------------------------------------- determinism


def test_same_seed_and_day_write_identical_rows(tmp_path: Path) -> None:
    first = _generate_into(tmp_path / "a.db", seed=7)
    second = _generate_into(tmp_path / "b.db", seed=7)
    assert first == second


def test_another_seed_writes_another_network(tmp_path: Path) -> None:
    _, first = _generate_into(tmp_path / "a.db", seed=1)
    _, second = _generate_into(tmp_path / "b.db", seed=2)
    assert first["contact"] != second["contact"]
    assert first["interaction"] != second["interaction"]


def test_dates_follow_today_not_the_clock(tmp_path: Path) -> None:
    _, now = _generate_into(tmp_path / "a.db")
    _, later = _generate_into(tmp_path / "b.db", today=TODAY + dt.timedelta(days=400))
    latest = max(row[-1] for row in later["contact"])  # updated_at
    assert latest.startswith(str((TODAY + dt.timedelta(days=400)).year))
    assert now["contact"] != later["contact"]


# ----------------------------------------------------------------------------- completeness


@pytest.mark.usefixtures("demo")
def test_every_table_has_rows() -> None:
    for model in ALL_MODELS:
        if model is not Setting:
            assert _count(model) > 0, model.__name__


def test_summary_counts_the_rows_written(demo: DemoSummary) -> None:
    for name, model in SUMMARY_MODELS.items():
        assert getattr(demo, name) == _count(model), name
    assert demo.contacts == 150
    assert 8 <= demo.communities <= 10
    assert 18 <= demo.events <= 25


def test_default_sizes_are_believable(demo: DemoSummary) -> None:
    assert 2.5 <= demo.interactions / demo.contacts <= 3.5
    assert 1.2 <= demo.details / demo.contacts <= 1.8
    assert demo.follow_ups == 45
    assert demo.opportunities >= 16
    assert demo.recommendations >= 12
    assert demo.services >= 12


@pytest.mark.usefixtures("demo")
def test_rows_read_back_through_the_models() -> None:
    helene = Contact.get(Contact.id == 1)
    assert helene.full_name == "Hélène Dupont"
    assert isinstance(helene.created_at, dt.datetime)
    assert isinstance(helene.met_on, dt.date)
    opportunity = Opportunity.select().where(Opportunity.value_eur.is_null(False)).first()
    assert isinstance(opportunity.value_eur, Decimal)
    assert isinstance(Event.select().first().hours, Decimal)


@pytest.mark.usefixtures("demo")
def test_every_code_written_is_a_vocabulary_code() -> None:
    for contact in Contact.select():
        assert contact.sector in voc.SECTORS
        assert contact.kind in voc.CONTACT_KINDS[voc.Circle(contact.circle)]
        assert contact.met_via in voc.CHANNELS
        assert Pole(contact.pole)
    for community in Community.select():
        assert community.kind in voc.COMMUNITY_KINDS
        assert community.role in voc.COMMUNITY_ROLES
        assert Pole(community.pole)
    assert {e.pole for e in Event.select()} <= {pole.value for pole in Pole}
    assert {i.kind for i in Involvement.select()} <= set(voc.INVOLVEMENT_KINDS)
    assert {i.channel for i in Interaction.select()} <= set(voc.CHANNELS)
    assert {r.channel for r in Recommendation.select()} <= set(voc.CHANNELS)
    assert {o.channel for o in Opportunity.select()} <= set(voc.CHANNELS)
    assert {d.kind for d in MemorisedDetail.select()} <= set(voc.DETAIL_KINDS)
    assert {s.kind for s in ServiceGiven.select()} <= set(voc.SERVICE_KINDS)
    tags = {t.name for t in ContactTag.select()}
    assert {"bni", "client", "prescripteur", "vip", "export"} <= tags
    assert all(tag == tag.lower() and "#" not in tag and len(tag) <= 40 for tag in tags)


# ----------------------------------------------------------------------------- dates


@pytest.mark.usefixtures("demo")
def test_interactions_spread_over_the_past_year() -> None:
    days = [i.happened_on for i in Interaction.select()]
    assert min(days) >= YEAR_AGO
    assert max(days) <= TODAY
    assert len({(d.year, d.month) for d in days}) >= 10


@pytest.mark.usefixtures("demo")
def test_nothing_but_follow_ups_and_events_lies_in_the_future() -> None:
    for model, column in (
        (Recommendation, Recommendation.received_on),
        (Opportunity, Opportunity.opened_on),
        (Opportunity, Opportunity.closed_on),
        (ServiceGiven, ServiceGiven.given_on),
        (MemorisedDetail, MemorisedDetail.noted_on),
        (Involvement, Involvement.happened_on),
        (Contact, Contact.met_on),
        (Contact, Contact.qualified_on),
    ):
        assert model.select().where(column > TODAY).count() == 0, column
    tomorrow = dt.datetime.combine(TODAY + dt.timedelta(days=1), dt.time())
    for model in ALL_MODELS:
        for name in ("created_at", "updated_at"):
            if name in model._meta.fields:
                assert model.select().where(getattr(model, name) >= tomorrow).count() == 0
    held = [e.held_on for e in Event.select()]
    assert sum(day > TODAY for day in held) >= 2
    assert len({(d.year, d.month) for d in held if d <= TODAY}) >= 10


@pytest.mark.usefixtures("demo")
def test_follow_ups_overdue_today_this_week_later_and_done() -> None:
    open_ = FollowUp.select().where(FollowUp.done_on.is_null())
    overdue = open_.where(FollowUp.due_on < TODAY, FollowUp.snoozed_until.is_null()).count()
    assert overdue >= 1
    assert open_.where(FollowUp.due_on == TODAY).count() >= 1
    week = TODAY + dt.timedelta(days=6)
    assert open_.where(FollowUp.due_on > TODAY, FollowUp.due_on <= week).count() >= 1
    assert open_.where(FollowUp.due_on > week).count() >= 1
    done = FollowUp.select().where(FollowUp.done_on.is_null(False))
    assert done.count() >= 1
    assert all(f.done_on <= TODAY for f in done)


@pytest.mark.usefixtures("demo")
def test_every_opportunity_stage_with_closing_dates_where_due() -> None:
    stages = Counter(o.stage for o in Opportunity.select())
    assert set(stages) == set(OPPORTUNITY_STAGES)
    for opportunity in Opportunity.select():
        closed = opportunity.stage in ("gagnee", "perdue")
        assert (opportunity.closed_on is not None) == closed
        if closed:
            assert opportunity.opened_on <= opportunity.closed_on <= TODAY
    assert Opportunity.select().where(Opportunity.recommendation.is_null(False)).count() >= 1
    assert Opportunity.select().where(Opportunity.event.is_null(False)).count() >= 1


# ----------------------------------------------------------------------------- the people


@pytest.mark.usefixtures("demo")
def test_all_circles_and_poles_with_lille_heaviest() -> None:
    circles = Counter(c.circle for c in Contact.select())
    assert set(circles) == {1, 2, 3}
    assert 0.35 <= circles[1] / 150 <= 0.45
    poles = Counter(c.pole for c in Contact.select())
    assert set(poles) == {pole.value for pole in Pole}
    assert poles.most_common(1)[0][0] == Pole.LILLE.value
    assert 0.38 <= poles[Pole.LILLE.value] / 150 <= 0.52


@pytest.mark.usefixtures("demo")
def test_phones_only_in_the_ranges_reserved_for_fiction() -> None:
    phones = [c.phone for c in Contact.select() if c.phone]
    assert len(phones) > 100
    assert len(set(phones)) == len(phones)
    for phone in phones:
        assert FICTION_PHONE.match(phone), phone
        assert phonenumbers.is_possible_number(phonenumbers.parse(phone, None)), phone
    assert any(p.startswith("+336") for p in phones)
    assert any(p.startswith("+331") for p in phones)


@pytest.mark.usefixtures("demo")
def test_emails_and_linkedin_are_fictional_and_unique() -> None:
    contacts = list(Contact.select())
    emails = [c.email for c in contacts if c.email]
    assert len(set(emails)) == len(emails)
    assert all(re.fullmatch(r"[a-z0-9.-]+@exemple-[a-z0-9-]+\.(fr|be)", e) for e in emails)
    urls = [c.linkedin_url for c in contacts if c.linkedin_url]
    assert len(set(urls)) == len(urls)
    assert all(u.startswith("https://www.linkedin.com/in/") for u in urls)


@pytest.mark.usefixtures("demo")
def test_names_for_search_demos_and_the_baker_of_amiens() -> None:
    assert Contact.select().where(Contact.last_name == "Dupont").count() >= 1
    assert Contact.select().where(Contact.last_name == "Dupuis").count() >= 1
    assert Contact.select().where(Contact.first_name == "Hélène").count() >= 1
    baker = Contact.get(Contact.role == "Boulanger", Contact.city == "Amiens")
    assert baker.company.startswith("Boulangerie ")
    assert baker.circle == 1


@pytest.mark.usefixtures("demo")
def test_qualification_introductions_and_first_meetings_at_events() -> None:
    contacts = list(Contact.select())
    qualified = sum(c.qualified_on is not None for c in contacts)
    assert 0.3 <= qualified / len(contacts) <= 0.7
    introduced = [c for c in contacts if c.introduced_by_id is not None]
    assert introduced
    assert all(c.introduced_by_id < c.id for c in introduced)
    assert any(c.cadence_days for c in contacts)
    met_at_event = [c for c in contacts if c.met_via == "evenement" and c.met_on >= YEAR_AGO]
    assert met_at_event
    for contact in met_at_event:
        days = {
            ec.event.held_on for ec in EventContact.select().where(EventContact.contact == contact)
        }
        assert contact.met_on in days


@pytest.mark.usefixtures("demo")
def test_interactions_with_several_people_and_at_events() -> None:
    sizes = Counter(row.interaction_id for row in InteractionContact.select())
    assert max(sizes.values()) == 2
    assert Interaction.select().where(Interaction.event.is_null(False)).count() >= 1
    assert Counter(d.still_true for d in MemorisedDetail.select())[False] >= 1


@pytest.mark.usefixtures("demo")
def test_give_and_take_is_uneven_with_prescribers() -> None:
    received = Counter(r.recommender_id for r in Recommendation.select())
    given = Counter(s.contact_id for s in ServiceGiven.select())
    top, top_count = received.most_common(1)[0]
    assert top_count >= 3
    assert given[top] < top_count


# ----------------------------------------------------------------------------- safety


def test_refuses_a_database_that_is_not_empty(database) -> None:
    Contact.create(first_name="Vraie", last_name="Personne", circle=1)
    assert not is_empty()
    before = _dump()
    with pytest.raises(ReseauError) as caught:
        generate_demo(today=TODAY)
    assert "démonstration" in caught.value.message
    assert "--db" in caught.value.hint
    assert _dump() == before


@pytest.mark.parametrize("model", [Community, Event])
def test_a_community_or_an_event_is_enough_to_refuse(database, model) -> None:
    fields = {"name": "Club réel", "kind": "club"}
    if model is Event:
        fields = {"name": "Salon réel", "held_on": TODAY}
    model.create(**fields)
    with pytest.raises(ReseauError):
        generate_demo(today=TODAY)
    assert _count(Contact) == 0


def test_empty_then_filled(database) -> None:
    assert is_empty()
    generate_demo(today=TODAY)
    assert not is_empty()


@pytest.mark.parametrize("contacts", [0, 9, 1_000_001])
def test_refuses_impossible_sizes(database, contacts: int) -> None:
    with pytest.raises(ReseauError):
        generate_demo(contacts=contacts, today=TODAY)
    assert is_empty()


def test_smallest_network_still_has_everything(database) -> None:
    summary = generate_demo(contacts=10, today=TODAY)
    assert summary.contacts == 10
    for model in ALL_MODELS:
        if model is not Setting:
            assert _count(model) > 0, model.__name__
    assert {c.circle for c in Contact.select()} == {1, 2, 3}
    assert {c.pole for c in Contact.select()} == {pole.value for pole in Pole}


# ----------------------------------------------------------------------------- scale


def test_two_thousand_contacts_scale_the_counts(tmp_path: Path) -> None:
    small, _ = _generate_into(tmp_path / "small.db")
    open_database(DbTarget(path=tmp_path / "large.db"))
    try:
        large = generate_demo(contacts=2000, today=TODAY)
        assert _count(Contact) == 2000
        phones = [c.phone for c in Contact.select(Contact.phone) if c.phone]
        assert len(set(phones)) == len(phones)
    finally:
        close_database()
    assert 2.5 <= large.interactions / 2000 <= 3.5
    assert 1.2 <= large.details / 2000 <= 1.8
    assert large.follow_ups == 600
    assert large.recommendations > 5 * small.recommendations
    assert large.opportunities > 5 * small.opportunities
    assert small.events < large.events <= 30
    assert large.communities == small.communities


def test_an_error_midway_leaves_the_database_as_it_was(database) -> None:
    # A real SQLite trigger makes the opportunities fail, after contacts, interactions… were sent.
    database.execute_sql(
        "CREATE TRIGGER refuse_opportunity BEFORE INSERT ON opportunity "
        "BEGIN SELECT RAISE(ABORT, 'refusé pour le test'); END"
    )
    with pytest.raises(Exception, match="refusé pour le test"):
        generate_demo(today=TODAY)
    assert all(rows == [] for rows in _dump().values())
    assert is_empty()


def test_every_table_but_settings_is_written() -> None:
    assert set(WRITE_ORDER) == set(ALL_MODELS) - {Setting}


@pytest.mark.parametrize(
    "today",
    [dt.date(2026, 12, 25), dt.date(2027, 1, 1), dt.date(2026, 8, 15), dt.date(2026, 11, 29)],
    ids=["noel", "jour-de-l-an", "15-aout", "dimanche"],
)
def test_holidays_and_week_ends_as_today(database, today: dt.date) -> None:
    generate_demo(contacts=40, today=today)
    past = (
        Interaction.select().where(Interaction.happened_on > today),
        Recommendation.select().where(Recommendation.received_on > today),
        Opportunity.select().where(Opportunity.opened_on > today),
        ServiceGiven.select().where(ServiceGiven.given_on > today),
        Contact.select().where(Contact.met_on > today),
    )
    assert all(query.count() == 0 for query in past)
    assert FollowUp.select().where(FollowUp.due_on == today).count() >= 1


def test_the_page_cache_is_given_back(database) -> None:
    before = database.execute_sql("PRAGMA cache_size").fetchone()[0]
    generate_demo(contacts=10, today=TODAY)
    assert database.execute_sql("PRAGMA cache_size").fetchone()[0] == before
