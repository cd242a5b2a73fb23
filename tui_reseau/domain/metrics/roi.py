"""Return on the time spent at events and in communities, ranked: where networking pays best.

Definitions (period = the events held, and the involvements done, in the period):

- an event: its hours (travel included, as recorded); the contacts met there (the attendance
  recorded for it); among them the qualified ones (``qualified_on`` set); the opportunities born
  there (linked to the event, opened whenever) and the euros of those won;
- a community: its hours are those of its involvements in the period plus those of its events
  held in the period; the contacts met through it are its members (a membership records that we
  met the person through the community) met in the period (``met_on``, else ``created_at``);
  its opportunities are those born at its events of the period plus those of the members met
  in the period, each counted once;
- per hour: each figure divided by the hours; « — » for 0 hours (nothing to divide by);
- ranking: euros won per hour, then contacts met per hour, then name; « — » ranks last.

Eight grouped SQL queries (attendance, qualified attendance, opportunities and hours for events
and for communities; the communities' opportunities read through a ``UNION`` sub-query); the
rows joined here are one per event or community.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import Case, fn

from tui_reseau.domain.cadence import to_date
from tui_reseau.domain.metrics.common import (
    Record,
    RecordKey,
    euros,
    joined,
    met_date,
    met_in,
    number,
    person_name,
    ratio,
)
from tui_reseau.domain.metrics.period import Period
from tui_reseau.domain.vocabulary import INVOLVEMENT_KINDS, OPPORTUNITY_STAGES, label
from tui_reseau.store.models import (
    Community,
    CommunityMember,
    Contact,
    Event,
    EventContact,
    Involvement,
    Opportunity,
)

__all__ = ["Roi", "RoiRow", "roi", "roi_records"]

FAMILY = "roi"
WON = "gagnee"


@dataclass(frozen=True, slots=True)
class RoiRow:
    """The time given to one event or community, and what came of it."""

    kind: str  # "event" or "community"
    id: int
    name: str
    day: dt.date | None  # the event's date; None for a community
    hours: Decimal
    contacts: int
    qualified: int
    opportunities: int
    won_eur: Decimal
    key: RecordKey
    community_id: int | None = None  # an event's community, whose hours include the event's

    @property
    def won_per_hour(self) -> float | None:
        return ratio(self.won_eur, self.hours)

    @property
    def contacts_per_hour(self) -> float | None:
        return ratio(self.contacts, self.hours)

    @property
    def qualified_per_hour(self) -> float | None:
        return ratio(self.qualified, self.hours)

    @property
    def opportunities_per_hour(self) -> float | None:
        return ratio(self.opportunities, self.hours)


@dataclass(frozen=True, slots=True)
class Roi:
    """Events and communities, each ranked best paying first."""

    events: tuple[RoiRow, ...]
    communities: tuple[RoiRow, ...]

    @property
    def hours(self) -> Decimal:
        """Hours in all: the communities' hours include their events'; the events without a
        community are added once."""
        alone = sum((r.hours for r in self.events if r.community_id is None), Decimal(0))
        return alone + sum((r.hours for r in self.communities), Decimal(0))


def _rank(row: RoiRow) -> tuple:
    won, met = row.won_per_hour, row.contacts_per_hour
    return (won is None, -(won or 0), met is None, -(met or 0), row.name.casefold(), row.id)


def _money(value: object) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def _held_in(period: Period):  # -> peewee expression
    return (Event.held_on >= period.start) & (Event.held_on < period.stop)


def _qualified_flag():  # -> peewee expression
    return Case(None, [(Contact.qualified_on.is_null(False), 1)], 0)


def _won_value():  # -> peewee expression
    return Case(None, [(Opportunity.stage == WON, fn.COALESCE(Opportunity.value_eur, 0))], 0)


def _community_contacts(period: Period):  # -> query of (community, contact)
    """The contacts met through a community in ``period``: its members met in the period."""
    return (
        CommunityMember.select(
            CommunityMember.community.alias("cid"), CommunityMember.contact.alias("pid")
        )
        .join(Contact)
        .where(met_in(period))
    )


def _community_opportunities(period: Period):  # -> UNION query of (community, opportunity)
    born = (
        Opportunity.select(Event.community.alias("cid"), Opportunity.id.alias("oid"))
        .join(Event, on=Opportunity.event == Event.id)
        .where(_held_in(period) & Event.community.is_null(False))
    )
    members = (
        Opportunity.select(CommunityMember.community.alias("cid"), Opportunity.id.alias("oid"))
        .join(CommunityMember, on=CommunityMember.contact == Opportunity.contact)
        .join(Contact, on=Contact.id == Opportunity.contact)
        .where(met_in(period))
    )
    return (born | members).alias("opps")


def _events(period: Period) -> list[RoiRow]:
    attendance = EventContact.select(EventContact.event, fn.COUNT(EventContact.id)).join(Event)
    # Two counts rather than one with a CASE: all attendances come from the (event, contact)
    # index alone; only the qualified ones need their contact (measured: a third faster).
    met = {
        event_id: [int(n), 0]
        for event_id, n in attendance.where(_held_in(period)).group_by(EventContact.event).tuples()
    }
    for event_id, n in (
        attendance.switch(EventContact)
        .join(Contact)
        .where(_held_in(period) & Contact.qualified_on.is_null(False))
        .group_by(EventContact.event)
        .tuples()
    ):
        met[event_id][1] = int(n)
    born: dict[int, tuple[int, Decimal]] = {}
    for event_id, n, won in (
        Opportunity.select(Opportunity.event, fn.COUNT(Opportunity.id), fn.SUM(_won_value()))
        .join(Event, on=Opportunity.event == Event.id)
        .where(_held_in(period))
        .group_by(Opportunity.event)
        .tuples()
    ):
        born[event_id] = (int(n), _money(won))
    rows = []
    for event_id, name, held_on, hours, community_id in (
        Event.select(Event.id, Event.name, Event.held_on, Event.hours, Event.community)
        .where(_held_in(period))
        .tuples()
    ):
        contacts, qualified = met.get(event_id, (0, 0))
        opportunities, won = born.get(event_id, (0, Decimal(0)))
        rows.append(
            RoiRow(
                "event",
                event_id,
                name,
                held_on,
                _money(hours),
                contacts,
                qualified,
                opportunities,
                won,
                RecordKey(FAMILY, "event", event_id, period),
                community_id,
            )
        )
    return sorted(rows, key=_rank)


def _communities(period: Period) -> list[RoiRow]:
    hours: dict[int, Decimal] = {}
    for community_id, spent in (
        Involvement.select(Involvement.community, fn.SUM(Involvement.hours))
        .where((Involvement.happened_on >= period.start) & (Involvement.happened_on < period.stop))
        .group_by(Involvement.community)
        .tuples()
    ):
        hours[community_id] = _money(spent)
    for community_id, spent in (
        Event.select(Event.community, fn.SUM(Event.hours))
        .where(_held_in(period) & Event.community.is_null(False))
        .group_by(Event.community)
        .tuples()
    ):
        hours[community_id] = hours.get(community_id, Decimal(0)) + _money(spent)

    people: dict[int, tuple[int, int]] = {}
    for community_id, n, qualified in (
        _community_contacts(period)
        .select(CommunityMember.community, fn.COUNT(Contact.id), fn.SUM(_qualified_flag()))
        .group_by(CommunityMember.community)
        .tuples()
    ):
        people[community_id] = (int(n), int(qualified or 0))

    opps = _community_opportunities(period)
    yielded: dict[int, tuple[int, Decimal]] = {}
    for community_id, n, won in (
        Opportunity.select(opps.c.cid, fn.COUNT(Opportunity.id), fn.SUM(_won_value()))
        .join(opps, on=Opportunity.id == opps.c.oid)
        .group_by(opps.c.cid)
        .tuples()
    ):
        yielded[community_id] = (int(n), _money(won))

    rows = []
    for community_id, name in Community.select(Community.id, Community.name).tuples():
        contacts, qualified = people.get(community_id, (0, 0))
        opportunities, won = yielded.get(community_id, (0, Decimal(0)))
        spent = hours.get(community_id, Decimal(0))
        if not (spent or contacts or opportunities):
            continue  # nothing given, nothing received in the period: not a line of the table
        rows.append(
            RoiRow(
                "community",
                community_id,
                name,
                None,
                spent,
                contacts,
                qualified,
                opportunities,
                won,
                RecordKey(FAMILY, "community", community_id, period),
            )
        )
    return sorted(rows, key=_rank)


def roi(period: Period) -> Roi:
    """The events held and the communities active in ``period``, best paying per hour first."""
    return Roi(tuple(_events(period)), tuple(_communities(period)))


# ------------------------------------------------------------------------------- records


def _hours_text(hours: object) -> str:
    return f"{number(_money(hours))} h"


def _event_records(where) -> list[Record]:  # where: peewee expression on Event
    return [
        Record("event", event_id, held_on, name, joined("Événement", place), _hours_text(h), None)
        for event_id, name, held_on, place, h in Event.select(
            Event.id, Event.name, Event.held_on, Event.place, Event.hours
        )
        .where(where)
        .order_by(Event.held_on, Event.id)
        .tuples()
    ]


def _contact_records(query, limit: int) -> tuple[list[Record], int]:
    """``query``: a Contact query already joined and filtered to the people met."""
    total = query.count()
    rows = (
        query.select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Contact.circle,
            Contact.qualified_on,
            met_date(),
        )
        .order_by(Contact.qualified_on.is_null(), Contact.last_name, Contact.first_name, Contact.id)
        .limit(limit)
        .tuples()
    )
    records = [
        Record(
            "contact",
            contact_id,
            to_date(met),
            person_name(first, last),
            joined(company, f"Cercle {circle}"),
            "qualifié" if qualified_on else "—",
            contact_id,
        )
        for contact_id, first, last, company, circle, qualified_on, met in rows
    ]
    return records, total


def _opportunity_records(query, limit: int) -> tuple[list[Record], int]:
    """``query``: an Opportunity query already joined and filtered."""
    total = query.count()
    rows = (
        query.select(
            Opportunity.id,
            Opportunity.opened_on,
            Opportunity.title,
            Opportunity.stage,
            Opportunity.value_eur,
            Opportunity.contact,
            Contact.first_name,
            Contact.last_name,
        )
        .join_from(Opportunity, Contact, on=Opportunity.contact == Contact.id)
        .order_by(Opportunity.opened_on, Opportunity.id)
        .limit(limit)
        .tuples()
    )
    records = [
        Record(
            "opportunity",
            opp_id,
            opened_on,
            person_name(first, last),
            title,
            joined(label(OPPORTUNITY_STAGES, stage), euros(value) if value is not None else ""),
            contact_id,
        )
        for opp_id, opened_on, title, stage, value, contact_id, first, last in rows
    ]
    return records, total


def roi_records(key: RecordKey, limit: int) -> tuple[list[Record], int]:
    """What is behind an event's or a community's line: the event(s) and involvements (the
    hours), the contacts met (qualified ones first), the opportunities (stage and amount).
    Returns (the records, at most ``limit`` contacts and ``limit`` opportunities; total)."""
    period = key.period
    ident = int(key.value)  # type: ignore[arg-type]
    if key.dimension == "event":
        time_spent = _event_records(Event.id == ident)
        people = Contact.select(Contact.id).join(EventContact).where(EventContact.event == ident)
        opportunities = Opportunity.select(Opportunity.id).where(Opportunity.event == ident)
    else:
        time_spent = [
            Record(
                "involvement",
                inv_id,
                day,
                label(INVOLVEMENT_KINDS, kind),
                description,
                _hours_text(h),
                None,
            )
            for inv_id, day, kind, description, h in Involvement.select(
                Involvement.id,
                Involvement.happened_on,
                Involvement.kind,
                Involvement.description,
                Involvement.hours,
            )
            .where(
                (Involvement.community == ident)
                & (Involvement.happened_on >= period.start)
                & (Involvement.happened_on < period.stop)
            )
            .order_by(Involvement.happened_on, Involvement.id)
            .tuples()
        ]
        time_spent += _event_records(_held_in(period) & (Event.community == ident))
        time_spent.sort(key=lambda r: (r.day or dt.date.min, r.kind, r.id))
        people = (
            Contact.select(Contact.id)
            .join(CommunityMember)
            .where(met_in(period) & (CommunityMember.community == ident))
        )
        opps = _community_opportunities(period)
        opportunities = (
            Opportunity.select(Opportunity.id)
            .join(opps, on=Opportunity.id == opps.c.oid)
            .where(opps.c.cid == ident)
        )
    contacts, contact_total = _contact_records(people, limit)
    deals, deal_total = _opportunity_records(opportunities, limit)
    return time_spent + contacts + deals, len(time_spent) + contact_total + deal_total
