"""Professional communities (circle 3): our role, our involvement, the people met through them.

The method says only active involvement counts: each community records our role (passive
member, active member, responsible), an involvement log (responsibility taken, event organised,
talk given…) with the hours spent, the events it organised, and the contacts met through it —
its members together with the people met at its events. Screens get plain dataclasses back;
every write is one transaction; bad input raises :class:`ValidationErrors` with French messages.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from peewee import JOIN, fn

from tui_reseau.domain.contacts import ValidationErrors
from tui_reseau.domain.dates import DateParseError, format_date, parse_date
from tui_reseau.domain.events import EventRow, MetContact, list_events
from tui_reseau.domain.validation import (
    NOTES_MAX_LENGTH,
    ValidationError,
    clean_text,
    parse_hours,
    require_text,
)
from tui_reseau.domain.vocabulary import (
    COMMUNITY_KINDS,
    COMMUNITY_ROLES,
    INVOLVEMENT_KINDS,
    Pole,
)
from tui_reseau.store.models import (
    Community,
    CommunityMember,
    Contact,
    Event,
    EventContact,
    Involvement,
    database_proxy,
)

__all__ = [
    "CommunityCard",
    "CommunityDraft",
    "CommunityRow",
    "InvolvementDraft",
    "InvolvementRow",
    "MetThrough",
    "add_involvement",
    "add_member",
    "community_card",
    "community_choices",
    "delete_community",
    "delete_involvement",
    "draft_of",
    "list_communities",
    "remove_member",
    "save_community",
    "validate_community",
    "validate_involvement",
]

_T = TypeVar("_T")


# --------------------------------------------------------------------------- plain data


@dataclass(frozen=True, slots=True)
class CommunityRow:
    """One line of the communities list; hours are involvement plus events, travel included."""

    id: int
    name: str
    kind: str
    role: str
    pole: str | None
    involvement_hours: Decimal
    event_hours: Decimal
    contacts_met: int

    @property
    def hours(self) -> Decimal:
        return self.involvement_hours + self.event_hours


@dataclass(frozen=True, slots=True)
class InvolvementRow:
    """One entry of a community's involvement log."""

    id: int
    kind: str
    description: str
    happened_on: dt.date
    hours: Decimal


@dataclass(frozen=True, slots=True)
class MetThrough:
    """A contact met through a community: as a member, at its events, or both."""

    contact: MetContact
    member: bool
    events: int


@dataclass(frozen=True, slots=True)
class CommunityCard:
    """Everything the community card shows."""

    row: CommunityRow
    joined_on: dt.date | None
    notes: str
    involvements: tuple[InvolvementRow, ...]
    events: tuple[EventRow, ...]
    contacts: tuple[MetThrough, ...]

    @property
    def role_advice(self) -> str:
        """What the method says of our role (« Inscrit, peu présent : invisible. »)."""
        term = COMMUNITY_ROLES.get(self.row.role)
        return term.description if term else ""


@dataclass(slots=True)
class CommunityDraft:
    """A community as typed in the form; ``joined_on`` is a French date or blank."""

    name: str = ""
    kind: str = ""
    role: str = "passif"
    pole: str = ""
    joined_on: str = ""
    notes: str = ""


@dataclass(slots=True)
class InvolvementDraft:
    """An involvement as typed: kind code, description, French date, duration (« 2h30 »)."""

    kind: str = ""
    description: str = ""
    happened_on: str = ""
    hours: str = ""


def _collect(errors: list[ValidationError]) -> Callable[[str, Callable[[], _T], _T], _T]:
    """A helper running one check, turning its failure into an error for ``field``."""

    def attempt(field: str, read: Callable[[], _T], fallback: _T) -> _T:
        try:
            return read()
        except (ValidationError, DateParseError) as exc:
            errors.append(ValidationError(field, exc.message))
        return fallback

    return attempt


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def _decimal(value: object) -> Decimal:
    return Decimal(str(value or 0))


# --------------------------------------------------------------------------- communities


def _name_key(name: str) -> str:
    """A community name as compared for uniqueness: composed accents, case folded."""
    return unicodedata.normalize("NFC", name).casefold()


def _name_taken(name: str, community_id: int | None) -> bool:
    """Whether another community already bears ``name`` (a region has a few hundred at most)."""
    key = _name_key(name)
    others = Community.select(Community.id, Community.name).tuples()
    return any(_name_key(other) == key for other_id, other in others if other_id != community_id)


def validate_community(
    draft: CommunityDraft, today: dt.date, community_id: int | None = None
) -> dict[str, object]:
    """Check every field; return the column values. Raises ValidationErrors (French, by field).

    The name must be unique (case, surrounding spaces and the way accents were typed ignored).
    """
    errors: list[ValidationError] = []
    attempt = _collect(errors)
    name = attempt("name", lambda: require_text(draft.name, "name", "Nom", 120), "")
    if name and _name_taken(name, community_id):
        errors.append(
            ValidationError(
                "name",
                f"Une communauté s'appelle déjà « {name} » : choisissez un autre nom, "
                "ou modifiez celle qui existe (e dans la liste).",
            )
        )
    if draft.kind not in COMMUNITY_KINDS:
        allowed = ", ".join(t.label for t in COMMUNITY_KINDS.values())
        errors.append(ValidationError("kind", f"Choisissez le type de communauté : {allowed}."))
    if draft.role not in COMMUNITY_ROLES:
        allowed = ", ".join(t.label.lower() for t in COMMUNITY_ROLES.values())
        errors.append(ValidationError("role", f"Choisissez votre rôle : {allowed}."))
    pole = draft.pole or None
    if pole is not None and pole not in Pole._value2member_map_:
        errors.append(ValidationError("pole", f"Pôle inconnu : « {pole} »."))
    joined = None
    if draft.joined_on.strip():
        joined = attempt(
            "joined_on", lambda: parse_date(draft.joined_on, today, future=False), None
        )
        if joined is not None and joined > today:
            errors.append(
                ValidationError(
                    "joined_on",
                    f"L'adhésion ne peut pas être dans le futur ({format_date(joined)}) : "
                    "laissez vide si vous n'êtes pas encore membre.",
                )
            )
    notes = attempt(
        "notes",
        lambda: clean_text(draft.notes, "notes", "Notes", NOTES_MAX_LENGTH, multiline=True),
        None,
    )
    if errors:
        raise ValidationErrors(errors)
    return {
        "name": name,
        "kind": draft.kind,
        "role": draft.role,
        "pole": pole,
        "joined_on": joined,
        "notes": notes or "",
    }


def save_community(
    draft: CommunityDraft, community_id: int | None = None, *, today: dt.date
) -> int:
    """Create (``community_id`` None) or update a community; return its id (one transaction)."""
    values = validate_community(draft, today, community_id)
    with database_proxy.atomic():
        return Community.create_or_update(community_id, values)


def delete_community(community_id: int) -> str:
    """Delete a community with its members list and involvement log; return its name.

    Its events stay (without organiser); the contacts stay.
    """
    with database_proxy.atomic():
        community = Community.get_by_id(community_id)
        name = community.name
        CommunityMember.delete().where(CommunityMember.community == community_id).execute()
        Involvement.delete().where(Involvement.community == community_id).execute()
        Event.update(community=None).where(Event.community == community_id).execute()
        community.delete_instance()
    return name


def draft_of(community_id: int) -> CommunityDraft:
    """The editable form of an existing community."""
    c = Community.get_by_id(community_id)
    return CommunityDraft(
        name=c.name,
        kind=c.kind,
        role=c.role,
        pole=c.pole or "",
        joined_on=format_date(c.joined_on),
        notes=c.notes,
    )


def community_choices() -> list[tuple[int, str]]:
    """(id, name) of every community, by name: the choices of the event form."""
    query = Community.select(Community.id, Community.name).order_by(fn.LOWER(Community.name))
    return [(cid, name) for cid, name in query.tuples()]


# --------------------------------------------------------------------------- members


def add_member(community_id: int, contact_id: int) -> bool:
    """Record ``contact_id`` as a member; False when already one (nothing changes)."""
    with database_proxy.atomic():
        if not Community.select().where(Community.id == community_id).exists():
            raise ValidationError("contacts", "Cette communauté n'existe plus.")
        if not Contact.select().where(Contact.id == contact_id).exists():
            raise ValidationError("contacts", "Ce contact n'existe plus.")
        exists = (
            CommunityMember.select()
            .where(
                (CommunityMember.community == community_id)
                & (CommunityMember.contact == contact_id)
            )
            .exists()
        )
        if exists:
            return False
        CommunityMember.create(community=community_id, contact=contact_id)
    return True


def remove_member(community_id: int, contact_id: int) -> bool:
    """Forget that ``contact_id`` is a member; False when they were not one."""
    with database_proxy.atomic():
        removed = (
            CommunityMember.delete()
            .where(
                (CommunityMember.community == community_id)
                & (CommunityMember.contact == contact_id)
            )
            .execute()
        )
    return removed > 0


# --------------------------------------------------------------------------- involvement


def validate_involvement(draft: InvolvementDraft, today: dt.date) -> dict[str, object]:
    """Check an involvement; return its column values. Raises ValidationErrors (by field)."""
    errors: list[ValidationError] = []
    attempt = _collect(errors)
    if draft.kind not in INVOLVEMENT_KINDS:
        allowed = ", ".join(t.label for t in INVOLVEMENT_KINDS.values())
        errors.append(ValidationError("kind", f"Choisissez le type d'implication : {allowed}."))
    description = attempt(
        "description",
        lambda: clean_text(draft.description, "description", "Description", 2_000),
        None,
    )
    happened = today
    if draft.happened_on.strip():
        happened = attempt(
            "happened_on", lambda: parse_date(draft.happened_on, today, future=False), today
        )
    hours = attempt("hours", lambda: parse_hours(draft.hours), None)
    if errors:
        raise ValidationErrors(errors)
    return {
        "kind": draft.kind,
        "description": description or "",
        "happened_on": happened,
        "hours": hours or Decimal(0),
    }


def add_involvement(community_id: int, draft: InvolvementDraft, *, today: dt.date) -> int:
    """Log an involvement in a community (blank date: today); return its id."""
    values = validate_involvement(draft, today)
    with database_proxy.atomic():
        if not Community.select().where(Community.id == community_id).exists():
            raise ValidationError("community", "Cette communauté n'existe plus.")
        return Involvement.create(community=community_id, **values).id


def delete_involvement(involvement_id: int) -> bool:
    """Remove one entry of the involvement log; False when it was already gone."""
    with database_proxy.atomic():
        return Involvement.delete().where(Involvement.id == involvement_id).execute() > 0


# --------------------------------------------------------------------------- reads


def _met_pairs():  # (community_id, contact_id) met through a community, each pair once
    members = CommunityMember.select(
        CommunityMember.community.alias("community_id"),
        CommunityMember.contact.alias("contact_id"),
    )
    at_events = (
        EventContact.select(
            Event.community.alias("community_id"), EventContact.contact.alias("contact_id")
        )
        .join(Event)
        .where(Event.community.is_null(False))
    )
    return (members | at_events).alias("pairs")  # UNION: duplicates removed


def list_communities() -> list[CommunityRow]:
    """Every community by name, with hours and contacts met computed in SQL."""
    pairs = _met_pairs()
    met = (
        pairs.select_from(pairs.c.community_id, fn.COUNT(pairs.c.contact_id).alias("n"))
        .group_by(pairs.c.community_id)
        .alias("met")
    )
    involved = (
        Involvement.select(Involvement.community, fn.SUM(Involvement.hours).alias("h"))
        .group_by(Involvement.community)
        .alias("inv")
    )
    at_events = (
        Event.select(Event.community, fn.SUM(Event.hours).alias("h"))
        .where(Event.community.is_null(False))
        .group_by(Event.community)
        .alias("ev")
    )
    query = (
        Community.select(
            Community.id,
            Community.name,
            Community.kind,
            Community.role,
            Community.pole,
            fn.COALESCE(involved.c.h, 0),
            fn.COALESCE(at_events.c.h, 0),
            fn.COALESCE(met.c.n, 0),
        )
        .join(involved, JOIN.LEFT_OUTER, on=(involved.c.community_id == Community.id))
        .switch(Community)
        .join(at_events, JOIN.LEFT_OUTER, on=(at_events.c.community_id == Community.id))
        .switch(Community)
        .join(met, JOIN.LEFT_OUTER, on=(met.c.community_id == Community.id))
        .order_by(fn.LOWER(Community.name), Community.id)
    )
    return [
        CommunityRow(cid, name, kind, role, pole, _decimal(ih), _decimal(eh), n or 0)
        for cid, name, kind, role, pole, ih, eh, n in query.tuples()
    ]


def community_card(community_id: int) -> CommunityCard | None:
    """The card of one community; None when it no longer exists."""
    community = Community.get_or_none(Community.id == community_id)
    if community is None:
        return None
    involvements = tuple(
        InvolvementRow(i.id, i.kind, i.description, _as_date(i.happened_on), _decimal(i.hours))  # type: ignore[arg-type]
        for i in Involvement.select()
        .where(Involvement.community == community_id)
        .order_by(Involvement.happened_on.desc(), Involvement.id.desc())
    )
    events = tuple(list_events(community_id))
    members = {
        row[0]
        for row in CommunityMember.select(CommunityMember.contact)
        .where(CommunityMember.community == community_id)
        .tuples()
    }
    at_events: dict[int, int] = {
        cid: n
        for cid, n in EventContact.select(EventContact.contact, fn.COUNT(EventContact.id))
        .join(Event)
        .where(Event.community == community_id)
        .group_by(EventContact.contact)
        .tuples()
    }
    ids = members | set(at_events)
    people = (
        Contact.select(
            Contact.id, Contact.first_name, Contact.last_name, Contact.company, Contact.circle
        )
        .where(Contact.id.in_(list(ids)))
        .order_by(fn.LOWER(Contact.last_name), fn.LOWER(Contact.first_name), Contact.id)
    )
    contacts = tuple(
        MetThrough(
            MetContact(cid, f"{first} {last}".strip(), company, circle),
            member=cid in members,
            events=at_events.get(cid, 0),
        )
        for cid, first, last, company, circle in (people.tuples() if ids else ())
    )
    involvement_hours = sum((i.hours for i in involvements), Decimal(0))
    event_hours = sum((e.hours for e in events), Decimal(0))
    row = CommunityRow(
        community.id,
        community.name,
        community.kind,
        community.role,
        community.pole,
        involvement_hours,
        event_hours,
        len(contacts),
    )
    return CommunityCard(
        row=row,
        joined_on=_as_date(community.joined_on),
        notes=community.notes,
        involvements=involvements,
        events=events,
        contacts=contacts,
    )
