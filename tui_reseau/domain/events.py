"""Events attended: where the time goes, and whom we met there.

Screens and commands call these functions and get plain dataclasses back; nothing here knows
about Textual. An :class:`EventDraft` holds the text typed in the form; :func:`save_event` checks
every field first (one :class:`ValidationErrors` with a French message per field, nothing
written), then writes in one transaction. Hours include travel; cost is in euros.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from peewee import JOIN, fn

from tui_reseau.domain import geography
from tui_reseau.domain.contacts import ValidationErrors
from tui_reseau.domain.dates import DateParseError, format_date, parse_date
from tui_reseau.domain.validation import (
    NOTES_MAX_LENGTH,
    ValidationError,
    clean_text,
    parse_euros,
    parse_hours,
    require_text,
)
from tui_reseau.domain.vocabulary import Pole
from tui_reseau.store.models import (
    Community,
    Contact,
    Event,
    EventContact,
    Opportunity,
    database_proxy,
)

__all__ = [
    "EventDetail",
    "EventDraft",
    "EventRow",
    "MetContact",
    "delete_event",
    "draft_of",
    "event_detail",
    "format_euros",
    "format_hours",
    "link_contact",
    "list_events",
    "save_event",
    "unlink_contact",
    "validate_event",
]

_T = TypeVar("_T")


# --------------------------------------------------------------------------- display helpers


def _french_number(value: Decimal) -> str:
    """``1200.5`` → « 1 200,5 » (narrow no-break space between thousands)."""
    integer, _, decimals = f"{value:f}".partition(".")
    grouped = f"{int(integer):,}".replace(",", "\u202f")
    return f"{grouped},{decimals}" if decimals else grouped


def format_hours(hours: Decimal | float | int | None) -> str:
    """Hours for display: « 2,5 h », « 0 h »; "" for None."""
    if hours is None:
        return ""
    return f"{_french_number(Decimal(str(hours)).normalize())} h"


def format_euros(amount: Decimal | float | int | None) -> str:
    """An amount for display: « 45 € », « 1 200,50 € »; "" for None."""
    if amount is None:
        return ""
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return f"{_french_number(value)} €"


# --------------------------------------------------------------------------- plain data


@dataclass(frozen=True, slots=True)
class EventRow:
    """One line of the events list."""

    id: int
    name: str
    held_on: dt.date
    place: str
    pole: str | None
    community_id: int | None
    community: str
    hours: Decimal
    cost_eur: Decimal
    contacts_met: int
    opportunities: int


@dataclass(frozen=True, slots=True)
class MetContact:
    """A contact met at an event (or through a community)."""

    id: int
    name: str
    company: str
    circle: int


@dataclass(frozen=True, slots=True)
class EventDetail:
    """One event with the people met there."""

    row: EventRow
    notes: str
    contacts: tuple[MetContact, ...]


@dataclass(slots=True)
class EventDraft:
    """An event as typed in the form: text, validated on save.

    ``held_on`` is a French date (« hier », « 12/11 », « 3 mars 2026 »…); ``hours`` a duration
    travel included (« 3 », « 2,5 », « 2h30 », « 1 h 15 »); ``cost`` euros (« 45 », « 45,50 »,
    « 1 200 € »). A blank ``pole`` is derived from the place when it names a known commune.
    """

    name: str = ""
    held_on: str = ""
    place: str = ""
    pole: str = ""
    community_id: int | None = None
    hours: str = ""
    cost: str = ""
    notes: str = ""

    def suggested_pole(self) -> str | None:
        """The pole the place suggests, as a code; None when it says nothing."""
        pole = geography.suggest_pole(self.place)
        return pole.value if pole else None


# --------------------------------------------------------------------------- validation


def validate_event(draft: EventDraft, today: dt.date) -> dict[str, object]:
    """Check every field of ``draft``; return the column values to store.

    Raises ValidationErrors listing every wrong field at once (keys: name, held_on, place,
    pole, community, hours, cost, notes), each with a French message saying how to fix it.
    """
    errors: list[ValidationError] = []

    def attempt(field: str, read: Callable[[], _T], fallback: _T) -> _T:
        try:
            return read()
        except ValidationError as exc:
            errors.append(ValidationError(field, exc.message))
        except DateParseError as exc:
            errors.append(ValidationError(field, exc.message))
        return fallback

    values: dict[str, object] = {
        "name": attempt("name", lambda: require_text(draft.name, "name", "Nom", 200), ""),
        "place": attempt("place", lambda: clean_text(draft.place, "place", "Lieu", 200) or "", ""),
        "notes": attempt(
            "notes",
            lambda: (
                clean_text(draft.notes, "notes", "Notes", NOTES_MAX_LENGTH, multiline=True) or ""
            ),
            "",
        ),
    }
    if not draft.held_on.strip():
        errors.append(
            ValidationError(
                "held_on",
                "La date est obligatoire : écrivez par exemple « hier », « 12/11 » ou "
                "« 3 mars 2026 ».",
            )
        )
    else:
        values["held_on"] = attempt(
            "held_on", lambda: parse_date(draft.held_on, today, future=False), None
        )
    values["hours"] = attempt("hours", lambda: parse_hours(draft.hours), None) or Decimal(0)
    values["cost_eur"] = attempt("cost", lambda: parse_euros(draft.cost), None) or Decimal(0)
    pole = draft.pole or draft.suggested_pole()
    if pole is not None and pole not in Pole._value2member_map_:
        errors.append(ValidationError("pole", f"Pôle inconnu : « {pole} »."))
    values["pole"] = pole
    community = draft.community_id
    if community is not None and not Community.select().where(Community.id == community).exists():
        errors.append(
            ValidationError(
                "community",
                "Cette communauté n'existe plus : choisissez-en une autre ou « Aucune ».",
            )
        )
    values["community"] = community
    if errors:
        raise ValidationErrors(errors)
    return values


# --------------------------------------------------------------------------- writes


def save_event(draft: EventDraft, event_id: int | None = None, *, today: dt.date) -> int:
    """Create (``event_id`` None) or update an event from ``draft``; return its id.

    Validates first (ValidationErrors, nothing written), then writes in one transaction.
    """
    values = validate_event(draft, today)
    with database_proxy.atomic():
        return Event.create_or_update(event_id, values)


def delete_event(event_id: int) -> str:
    """Delete an event and the list of people met there; return its name.

    The contacts stay; opportunities and exchanges tied to it lose the link, not their record.
    """
    with database_proxy.atomic():
        event = Event.get_by_id(event_id)
        name = event.name
        event.delete_instance()
    return name


def link_contact(event_id: int, contact_id: int) -> bool:
    """Record ``contact_id`` as met at ``event_id``; False when already recorded (no change).

    Raises ValidationError (field "contacts") when the event or the contact no longer exists.
    """
    with database_proxy.atomic():
        if not Event.select().where(Event.id == event_id).exists():
            raise ValidationError("contacts", "Cet événement n'existe plus.")
        if not Contact.select().where(Contact.id == contact_id).exists():
            raise ValidationError("contacts", "Ce contact n'existe plus.")
        if _is_linked(event_id, contact_id):
            return False
        EventContact.create(event=event_id, contact=contact_id)
    return True


def unlink_contact(event_id: int, contact_id: int) -> bool:
    """Forget that ``contact_id`` was met at ``event_id``; False when they were not recorded."""
    with database_proxy.atomic():
        removed = (
            EventContact.delete()
            .where((EventContact.event == event_id) & (EventContact.contact == contact_id))
            .execute()
        )
    return removed > 0


def _is_linked(event_id: int, contact_id: int) -> bool:
    return (
        EventContact.select()
        .where((EventContact.event == event_id) & (EventContact.contact == contact_id))
        .exists()
    )


# --------------------------------------------------------------------------- reads


def _rows_query():  # a peewee query over Event with its counts
    """Events with their community's name and two counts, each aggregated once in SQL."""
    met = (
        EventContact.select(EventContact.event, fn.COUNT(EventContact.id).alias("n"))
        .group_by(EventContact.event)
        .alias("met")
    )
    opportunities = (
        Opportunity.select(Opportunity.event, fn.COUNT(Opportunity.id).alias("n"))
        .where(Opportunity.event.is_null(False))
        .group_by(Opportunity.event)
        .alias("opps")
    )
    return (
        Event.select(
            Event.id,
            Event.name,
            Event.held_on,
            Event.place,
            Event.pole,
            Event.community,
            Community.name,
            Event.hours,
            Event.cost_eur,
            fn.COALESCE(met.c.n, 0),
            fn.COALESCE(opportunities.c.n, 0),
        )
        .join(Community, JOIN.LEFT_OUTER, on=(Event.community == Community.id))
        .switch(Event)
        .join(met, JOIN.LEFT_OUTER, on=(met.c.event_id == Event.id))
        .switch(Event)
        .join(opportunities, JOIN.LEFT_OUTER, on=(opportunities.c.event_id == Event.id))
    )


def _row(values: tuple) -> EventRow:
    eid, name, held_on, place, pole, cid, cname, hours, cost, met, opps = values
    return EventRow(
        id=eid,
        name=name,
        held_on=_as_date(held_on),
        place=place,
        pole=pole,
        community_id=cid,
        community=cname or "",
        hours=Decimal(str(hours or 0)),
        cost_eur=Decimal(str(cost or 0)),
        contacts_met=met or 0,
        opportunities=opps or 0,
    )


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def list_events(community_id: int | None = None) -> list[EventRow]:
    """Every event (or those ``community_id`` organised), newest first, counts read in SQL."""
    query = _rows_query()
    if community_id is not None:
        query = query.where(Event.community == community_id)
    query = query.order_by(Event.held_on.desc(), Event.id.desc())
    # Raw rows, converted by ``_row``: Peewee's per-column converters cost three times the
    # query itself at 20,000 events.
    return [_row(values) for values in database_proxy.execute(query)]


def event_detail(event_id: int) -> EventDetail | None:
    """One event with the contacts met there (by name); None if it no longer exists."""
    found = list(_rows_query().where(Event.id == event_id).tuples())
    if not found:
        return None
    notes = Event.select(Event.notes).where(Event.id == event_id).scalar() or ""
    query = (
        Contact.select(Contact.id, Contact.first_name, Contact.last_name, Contact.company)
        .select_extend(Contact.circle)
        .join(EventContact)
        .where(EventContact.event == event_id)
        .order_by(fn.LOWER(Contact.last_name), fn.LOWER(Contact.first_name), Contact.id)
    )
    contacts = tuple(
        MetContact(cid, f"{first} {last}".strip(), company, circle)
        for cid, first, last, company, circle in query.tuples()
    )
    return EventDetail(row=_row(found[0]), notes=notes, contacts=contacts)


def draft_of(event_id: int) -> EventDraft:
    """The editable form of an existing event (date written as « 12/11/2026 »)."""
    event = Event.get_by_id(event_id)
    return EventDraft(
        name=event.name,
        held_on=format_date(event.held_on),
        place=event.place,
        pole=event.pole or "",
        community_id=event.community_id,
        hours=_editable(Decimal(str(event.hours))) if event.hours else "",
        cost=_editable(Decimal(str(event.cost_eur))) if event.cost_eur else "",
        notes=event.notes,
    )


def _editable(value: Decimal) -> str:
    """A number as typed back in a field: « 2,5 », « 1200 »."""
    return f"{value.normalize():f}".replace(".", ",")
