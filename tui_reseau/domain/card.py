"""The contact card: everything we know and remember about one person, as plain data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import NamedTuple

from tui_reseau.domain.phones import format_phone
from tui_reseau.domain.vocabulary import (
    ALL_CONTACT_KINDS,
    CHANNELS,
    DETAIL_KINDS,
    OPPORTUNITY_STAGES,
    SECTORS,
    SERVICE_KINDS,
    Circle,
    Pole,
    label,
)
from tui_reseau.store.models import (
    Contact,
    ContactTag,
    FollowUp,
    Interaction,
    InteractionContact,
    MemorisedDetail,
    Opportunity,
    Recommendation,
    ServiceGiven,
)

LAST_INTERACTIONS = 5
EXCHANGES_SHOWN = 5
"""Recommendations received and services given held by a card (the most recent; all are counted)."""

# The card's records are NamedTuples, not dataclasses: the same immutable records with named
# fields, created in a tenth of the time at import (7 frozen dataclasses cost ~5 ms, a few
# percent of a 140 ms ``reseau brief``, which imports this module).


class PersonRef(NamedTuple):
    """Another contact named on a card (jump to them)."""

    id: int
    name: str


class DetailItem(NamedTuple):
    id: int
    kind: str
    kind_label: str
    text: str
    noted_on: dt.date
    still_true: bool


class InteractionItem(NamedTuple):
    id: int
    happened_on: dt.date
    channel_label: str
    duration_minutes: int | None
    notes: str
    with_others: tuple[PersonRef, ...]


class FollowUpItem(NamedTuple):
    id: int
    due_on: dt.date  # the date it is expected now (snooze included)
    reason: str
    overdue: bool


class OpportunityItem(NamedTuple):
    id: int
    title: str
    stage: str
    stage_label: str
    value_eur: Decimal | None
    opened_on: dt.date


class ExchangeItem(NamedTuple):
    """A recommendation they gave us, or a service we gave them."""

    on: dt.date
    label: str
    text: str


class ContactCard(NamedTuple):
    id: int
    name: str
    first_name: str
    last_name: str
    company: str
    role: str
    circle: int
    circle_label: str
    kind_label: str
    pole: str | None
    pole_label: str
    city: str
    sector_label: str
    qualified_on: dt.date | None
    met_via_label: str
    met_on: dt.date | None
    introduced_by: PersonRef | None
    introduced: tuple[PersonRef, ...]
    email: str
    phone: str
    linkedin_url: str
    tags: tuple[str, ...]
    notes: str
    details: tuple[DetailItem, ...]
    interactions: tuple[InteractionItem, ...]
    interaction_count: int
    last_contact_on: dt.date | None
    follow_ups: tuple[FollowUpItem, ...]
    opportunities: tuple[OpportunityItem, ...]
    recommendations_received: tuple[ExchangeItem, ...]  # the EXCHANGES_SHOWN most recent
    services_given: tuple[ExchangeItem, ...]  # the EXCHANGES_SHOWN most recent
    received_count: int
    given_count: int

    @property
    def is_prescriber(self) -> bool:
        return self.circle == Circle.PRESCRIPTEURS

    @property
    def balance(self) -> int:
        """What they gave us minus what we gave them (positive: we owe them)."""
        return self.received_count - self.given_count

    def details_by_kind(self) -> dict[str, list[DetailItem]]:
        """Details grouped by kind, in the vocabulary's order, true ones first in each group."""
        groups: dict[str, list[DetailItem]] = defaultdict(list)
        for item in self.details:
            groups[item.kind].append(item)
        order = [k for k in DETAIL_KINDS if k in groups] + [
            k for k in groups if k not in DETAIL_KINDS
        ]
        return {
            k: sorted(groups[k], key=lambda d: (not d.still_true, -d.noted_on.toordinal()))
            for k in order
        }


def _person(contact: Contact | None) -> PersonRef | None:
    return PersonRef(contact.id, contact.full_name) if contact is not None else None


def load_card(contact_id: int, today: dt.date) -> ContactCard | None:
    """Everything about one contact; None if the contact no longer exists."""
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        return None
    # Lists are read as tuples, not models: a prescriber at the heart of a large network can
    # hold thousands of recommendations, and a model per row cost 240 ms for 3,300 of them.
    details = tuple(
        DetailItem(id_, kind, label(DETAIL_KINDS, kind), text, noted_on, still_true)
        for id_, kind, text, noted_on, still_true in MemorisedDetail.select(
            MemorisedDetail.id,
            MemorisedDetail.kind,
            MemorisedDetail.text,
            MemorisedDetail.noted_on,
            MemorisedDetail.still_true,
        )
        .where(MemorisedDetail.contact == contact_id)
        .order_by(MemorisedDetail.noted_on.desc(), MemorisedDetail.id)
        .tuples()
    )
    interactions_query = (
        Interaction.select()
        .join(InteractionContact)
        .where(InteractionContact.contact == contact_id)
        .order_by(Interaction.happened_on.desc(), Interaction.id.desc())
    )
    recent = list(interactions_query.limit(LAST_INTERACTIONS))
    others: dict[int, list[PersonRef]] = defaultdict(list)
    if recent:
        rows = (
            InteractionContact.select(InteractionContact.interaction, Contact)
            .join(Contact)
            .where(
                InteractionContact.interaction.in_([i.id for i in recent]),
                InteractionContact.contact != contact_id,
            )
        )
        for row in rows:
            others[row.interaction_id].append(PersonRef(row.contact.id, row.contact.full_name))
    interactions = tuple(
        InteractionItem(
            i.id,
            i.happened_on,
            label(CHANNELS, i.channel),
            i.duration_minutes,
            i.notes,
            tuple(others[i.id]),
        )
        for i in recent
    )
    follow_ups = []
    for id_, due_on, snoozed_until, reason in (
        FollowUp.select(FollowUp.id, FollowUp.due_on, FollowUp.snoozed_until, FollowUp.reason)
        .where(FollowUp.contact == contact_id, FollowUp.done_on.is_null(True))
        .tuples()
    ):
        due = snoozed_until or due_on
        follow_ups.append(FollowUpItem(id_, due, reason, due < today))
    follow_ups.sort(key=lambda f: f.due_on)
    opportunities = tuple(
        OpportunityItem(id_, title, stage, label(OPPORTUNITY_STAGES, stage), value, opened_on)
        for id_, title, stage, value, opened_on in Opportunity.select(
            Opportunity.id,
            Opportunity.title,
            Opportunity.stage,
            Opportunity.value_eur,
            Opportunity.opened_on,
        )
        .where(Opportunity.contact == contact_id)
        .order_by(Opportunity.opened_on.desc())
        .tuples()
    )
    received = tuple(
        ExchangeItem(on, "Recommandation reçue", for_what)
        for on, for_what in Recommendation.select(
            Recommendation.received_on, Recommendation.for_what
        )
        .where(Recommendation.recommender == contact_id)
        .order_by(Recommendation.received_on.desc(), Recommendation.id.desc())
        .limit(EXCHANGES_SHOWN)
        .tuples()
    )
    given = tuple(
        ExchangeItem(on, label(SERVICE_KINDS, kind), description)
        for on, kind, description in ServiceGiven.select(
            ServiceGiven.given_on, ServiceGiven.kind, ServiceGiven.description
        )
        .where(ServiceGiven.contact == contact_id)
        .order_by(ServiceGiven.given_on.desc(), ServiceGiven.id.desc())
        .limit(EXCHANGES_SHOWN)
        .tuples()
    )
    introduced = tuple(
        PersonRef(id_, f"{first} {last}".strip())
        for id_, first, last in Contact.select(Contact.id, Contact.first_name, Contact.last_name)
        .where(Contact.introduced_by == contact_id)
        .order_by(Contact.last_name)
        .tuples()
    )
    pole = Pole(contact.pole) if contact.pole in Pole._value2member_map_ else None
    return ContactCard(
        id=contact.id,
        name=contact.full_name,
        first_name=contact.first_name,
        last_name=contact.last_name,
        company=contact.company,
        role=contact.role,
        circle=contact.circle,
        circle_label=Circle(contact.circle).label,
        kind_label=label(ALL_CONTACT_KINDS, contact.kind),
        pole=contact.pole,
        pole_label=pole.label if pole else "",
        city=contact.city,
        sector_label=label(SECTORS, contact.sector),
        qualified_on=contact.qualified_on,
        met_via_label=label(CHANNELS, contact.met_via),
        met_on=contact.met_on,
        introduced_by=_person(contact.introduced_by),
        introduced=introduced,
        email=contact.email or "",
        phone=format_phone(contact.phone),
        linkedin_url=contact.linkedin_url or "",
        tags=tuple(t.name for t in contact.tag_rows.order_by(ContactTag.name)),
        notes=contact.notes,
        details=details,
        interactions=interactions,
        interaction_count=interactions_query.count(),
        last_contact_on=recent[0].happened_on if recent else None,
        follow_ups=tuple(follow_ups),
        opportunities=opportunities,
        recommendations_received=received,
        services_given=given,
        received_count=Recommendation.select()
        .where(Recommendation.recommender == contact_id)
        .count(),
        given_count=ServiceGiven.select().where(ServiceGiven.contact == contact_id).count(),
    )
