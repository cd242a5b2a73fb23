"""Contacts: the list (filtered, ordered, fetched by pages), and saving, validating, deleting.

Screens and commands call these functions and get plain dataclasses back; nothing here knows
about Textual. Every write is one transaction.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from peewee import JOIN, fn

from tui_reseau.domain.phones import format_phone
from tui_reseau.domain.validation import (
    NOTES_MAX_LENGTH,
    ValidationError,
    clean_text,
    normalise_email,
    normalise_linkedin,
    normalise_phone,
    parse_tags,
)
from tui_reseau.domain.vocabulary import (
    ALL_CONTACT_KINDS,
    CHANNELS,
    CONTACT_KINDS,
    SECTORS,
    Circle,
    Pole,
    circle_of_kind,
)
from tui_reseau.store.models import (
    Community,
    Contact,
    ContactTag,
    Event,
    Interaction,
    InteractionContact,
    database_proxy,
)


def network_is_empty() -> bool:
    """True when the bound database holds no contact, event or community (first launch)."""
    return not (Contact.select().exists() or Event.select().exists() or Community.select().exists())


class ValidationErrors(ValueError):
    """Several fields are wrong at once: one French message per field key."""

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = tuple(errors)

    @property
    def by_field(self) -> dict[str, str]:
        return {e.field: e.message for e in self.errors}


# --------------------------------------------------------------------------- the list


@dataclass(frozen=True, slots=True)
class ContactFilter:
    """What the list shows: every criterion given must hold (an empty filter shows everyone)."""

    circles: frozenset[int] = frozenset()
    poles: frozenset[str] = frozenset()
    sector: str | None = None
    tag: str | None = None
    qualified: bool | None = None

    @property
    def is_empty(self) -> bool:
        return self == ContactFilter()

    def toggle_circle(self, circle: int) -> ContactFilter:
        return replace(self, circles=self.circles ^ {circle})

    def toggle_pole(self, pole: str) -> ContactFilter:
        return replace(self, poles=self.poles ^ {pole})

    def describe(self) -> str:
        """The filter in French, e.g. « cercle 2 · Lille · qualifiés » ("" when empty)."""
        parts: list[str] = []
        if self.circles:
            parts.append("cercle " + ", ".join(str(c) for c in sorted(self.circles)))
        if self.poles:
            parts.append(", ".join(Pole(p).short_label for p in sorted(self.poles)))
        if self.sector:
            parts.append(SECTORS[self.sector].label if self.sector in SECTORS else self.sector)
        if self.tag:
            parts.append(f"#{self.tag}")
        if self.qualified is not None:
            parts.append("qualifiés" if self.qualified else "non qualifiés")
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One line of the contact list."""

    id: int
    name: str
    company: str
    circle: int
    pole: str | None
    city: str
    qualified: bool
    last_contact_on: dt.date | None

    def days_since_contact(self, today: dt.date) -> int | None:
        if self.last_contact_on is None:
            return None
        return (today - self.last_contact_on).days


def apply_filter(query, flt: ContactFilter):  # a peewee query in, the same query filtered out
    """Restrict a query over Contact to what ``flt`` lets through (shared by list and map)."""
    if flt.circles:
        query = query.where(Contact.circle.in_(sorted(flt.circles)))
    if flt.poles:
        query = query.where(Contact.pole.in_(sorted(flt.poles)))
    if flt.sector:
        query = query.where(Contact.sector == flt.sector)
    if flt.qualified is True:
        query = query.where(Contact.qualified_on.is_null(False))
    elif flt.qualified is False:
        query = query.where(Contact.qualified_on.is_null(True))
    if flt.tag:
        tagged = ContactTag.select(ContactTag.contact).where(ContactTag.name == flt.tag)
        query = query.where(Contact.id.in_(tagged))
    return query


def contact_ids(
    flt: ContactFilter = ContactFilter(),
    *,
    limit: int | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> array:
    """The ids of the contacts ``flt`` lets through, ordered by last name then first name.

    Returns a compact ``array('q')``: 100,000 ids weigh 800 kB, not 100,000 objects. With
    ``limit``, only the first ones (a screenful to draw before the rest is read). When
    ``should_stop`` answers True (asked every few thousand rows), the reading stops and what
    was read so far is returned: the caller is going away (the application is closing).
    """
    query = apply_filter(Contact.select(Contact.id), flt).order_by(
        fn.LOWER(Contact.last_name), fn.LOWER(Contact.first_name), Contact.id
    )
    if limit is not None:
        query = query.limit(limit)
    # The raw cursor, in blocks: ids need no conversion, and Peewee's row-by-row iterator took
    # three times as long at 100,000 contacts (115 ms against 40 ms), keeping a closing app
    # waiting between two looks at should_stop.
    cursor = Contact._meta.database.execute(query)
    ids = array("q")
    while block := cursor.fetchmany(2_000):
        ids.extend(row[0] for row in block)
        if should_stop is not None and should_stop():
            break
    return ids


def contact_rows(ids: Sequence[int]) -> list[ContactRow]:
    """The list rows of ``ids``, in the same order (ids no longer in the database are skipped)."""
    if not ids:
        return []
    last_contact = (
        InteractionContact.select(
            InteractionContact.contact, fn.MAX(Interaction.happened_on).alias("last_on")
        )
        .join(Interaction)
        .where(InteractionContact.contact.in_(list(ids)))
        .group_by(InteractionContact.contact)
    )
    last_by_id = {cid: _as_date(on) for cid, on in last_contact.tuples()}
    query = Contact.select(
        Contact.id,
        Contact.first_name,
        Contact.last_name,
        Contact.company,
        Contact.circle,
        Contact.pole,
        Contact.city,
        Contact.qualified_on,
    ).where(Contact.id.in_(list(ids)))
    by_id = {
        cid: ContactRow(
            id=cid,
            name=f"{first} {last}".strip(),
            company=company,
            circle=circle,
            pole=pole,
            city=city,
            qualified=qualified_on is not None,
            last_contact_on=last_by_id.get(cid),
        )
        for cid, first, last, company, circle, pole, city, qualified_on in query.tuples()
    }
    return [by_id[i] for i in ids if i in by_id]


def _as_date(value: object) -> dt.date | None:
    """Dates read through an aggregate come back as text from SQLite."""
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def count_contacts() -> int:
    return Contact.select().count()


def known_tags(limit: int = 200) -> list[tuple[str, int]]:
    """Tags in use with their number of contacts, most used first."""
    query = (
        ContactTag.select(ContactTag.name, fn.COUNT(ContactTag.id).alias("n"))
        .group_by(ContactTag.name)
        .order_by(fn.COUNT(ContactTag.id).desc(), ContactTag.name)
        .limit(limit)
    )
    return [(name, n) for name, n in query.tuples()]


# --------------------------------------------------------------------------- editing


@dataclass(slots=True)
class ContactDraft:
    """A contact as typed in a form or on the command line: text, validated on save."""

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    city: str = ""
    postcode: str = ""
    pole: str = ""
    sector: str = ""
    circle: int | None = None
    kind: str = ""
    qualified: bool = False
    met_via: str = ""
    introduced_by_id: int | None = None
    linkedin_url: str = ""
    tags: str = ""
    notes: str = ""
    cadence: str = ""  # keep-in-touch cadence in days; blank: the circle's

    def suggested_pole(self) -> str | None:
        """The pole the city (or postcode) suggests, as a code; None when it says nothing."""
        from tui_reseau.domain import geography  # only forms need it: not imported at start-up

        pole = geography.suggest_pole(self.city, self.postcode or None)
        return pole.value if pole else None


def draft_of(contact_id: int) -> ContactDraft:
    """The editable form of an existing contact."""
    c = Contact.get_by_id(contact_id)
    tags = [t.name for t in c.tag_rows.order_by(ContactTag.id)]
    return ContactDraft(
        first_name=c.first_name,
        last_name=c.last_name,
        company=c.company,
        role=c.role,
        email=c.email or "",
        phone=format_phone(c.phone),
        city=c.city,
        postcode=c.postcode,
        pole=c.pole or "",
        sector=c.sector or "",
        circle=c.circle,
        kind=c.kind or "",
        qualified=c.qualified_on is not None,
        met_via=c.met_via or "",
        introduced_by_id=c.introduced_by_id,
        linkedin_url=c.linkedin_url or "",
        tags=", ".join(tags),
        notes=c.notes,
        cadence=str(c.cadence_days) if c.cadence_days else "",
    )


def validate(draft: ContactDraft, contact_id: int | None = None) -> dict[str, object]:
    """Check every field of ``draft``; return the column values to store.

    Raises ValidationErrors listing every wrong field at once, each with a French message.
    """
    errors: list[ValidationError] = []
    values: dict[str, object] = {}

    def check(key: str, fn_: object, *args: object) -> object:
        try:
            return fn_(*args)  # type: ignore[operator]
        except ValidationError as exc:
            errors.append(exc)
            return None

    first = check("first_name", clean_text, draft.first_name, "first_name", "Prénom", 100)
    last = check("last_name", clean_text, draft.last_name, "last_name", "Nom", 100)
    if not first and not last and not any(e.field in {"first_name", "last_name"} for e in errors):
        errors.append(
            ValidationError(
                "last_name",
                "Le nom est obligatoire : indiquez au moins un prénom ou un nom.",
            )
        )
    values["first_name"] = first or ""
    values["last_name"] = last or ""
    for key, label, limit in (
        ("company", "Entreprise", 200),
        ("role", "Fonction", 200),
        ("city", "Ville", 100),
        ("postcode", "Code postal", 10),
    ):
        values[key] = check(key, clean_text, getattr(draft, key), key, label, limit) or ""
    values["notes"] = check("notes", _clean_notes, draft.notes) or ""
    values["email"] = check("email", normalise_email, draft.email)
    values["phone"] = check("phone", normalise_phone, draft.phone)
    values["linkedin_url"] = check("linkedin", normalise_linkedin, draft.linkedin_url)
    tags = check("tags", parse_tags, draft.tags)
    from tui_reseau.domain.cadence import parse_cadence  # not imported at start-up

    values["cadence_days"] = (
        check("cadence", parse_cadence, draft.cadence, "cadence") if draft.cadence.strip() else None
    )
    values["_tags"] = tags or ()

    if draft.circle not in (1, 2, 3):
        errors.append(
            ValidationError("circle", "Choisissez un cercle : 1, 2 ou 3 (voir l'aide du cercle).")
        )
    values["circle"] = draft.circle
    kind = draft.kind or None
    if kind is not None:
        if kind not in ALL_CONTACT_KINDS:
            errors.append(ValidationError("kind", f"Type de contact inconnu : « {kind} »."))
        elif draft.circle in (1, 2, 3) and circle_of_kind(kind) != Circle(draft.circle):
            allowed = ", ".join(t.label for t in CONTACT_KINDS[Circle(draft.circle)].values())
            errors.append(
                ValidationError(
                    "kind",
                    f"« {ALL_CONTACT_KINDS[kind].label} » n'est pas un type du cercle "
                    f"{draft.circle}. Choisissez parmi : {allowed}.",
                )
            )
    values["kind"] = kind
    pole = draft.pole or draft.suggested_pole()
    if pole is not None and pole not in Pole._value2member_map_:
        errors.append(ValidationError("pole", f"Pôle inconnu : « {pole} »."))
    values["pole"] = pole
    sector = draft.sector or None
    if sector is not None and sector not in SECTORS:
        errors.append(ValidationError("sector", f"Secteur inconnu : « {sector} »."))
    values["sector"] = sector
    met_via = draft.met_via or None
    if met_via is not None and met_via not in CHANNELS:
        errors.append(ValidationError("met_via", f"Canal inconnu : « {met_via} »."))
    values["met_via"] = met_via
    introducer = draft.introduced_by_id
    if introducer is not None:
        if introducer == contact_id:
            errors.append(
                ValidationError("introduced_by", "Un contact ne peut pas s'être présenté lui-même.")
            )
        elif not Contact.select().where(Contact.id == introducer).exists():
            errors.append(
                ValidationError("introduced_by", "La personne qui vous a présentés n'existe plus.")
            )
    values["introduced_by"] = introducer
    if errors:
        raise ValidationErrors(errors)
    return values


def _clean_notes(text: str) -> str | None:
    return clean_text(text, "notes", "Notes", NOTES_MAX_LENGTH, multiline=True)


def save_contact(
    draft: ContactDraft, contact_id: int | None = None, *, today: dt.date | None = None
) -> int:
    """Create (``contact_id`` None) or update a contact from ``draft``; return its id.

    Validates first (ValidationErrors, nothing written), then writes the contact and its tags in
    one transaction. A contact that becomes qualified gets today's date as qualification date; one
    that stays qualified keeps its date.
    """
    today = today or dt.date.today()
    values = validate(draft, contact_id)
    tags: tuple[str, ...] = values.pop("_tags")  # type: ignore[assignment]
    now = dt.datetime.now().replace(microsecond=0)
    with database_proxy.atomic():
        if contact_id is None:
            values["qualified_on"] = today if draft.qualified else None
            values["met_on"] = today
            contact = Contact.create(**values, created_at=now, updated_at=now)
        else:
            contact = Contact.get_by_id(contact_id)
            if not draft.qualified:
                values["qualified_on"] = None
            elif contact.qualified_on is None:
                values["qualified_on"] = today
            for key, value in values.items():
                setattr(contact, key, value)
            contact.updated_at = now
            contact.save()
            ContactTag.delete().where(ContactTag.contact == contact).execute()
        if tags:
            ContactTag.insert_many(
                [(contact.id, t) for t in tags], fields=["contact", "name"]
            ).execute()
    return contact.id


def delete_contact(contact_id: int) -> str:
    """Delete a contact and everything about them (details, follow-ups…); return their name.

    Interactions shared with other people stay, without this participant; people this contact
    introduced keep their record, with the introducer unknown.
    """
    with database_proxy.atomic():
        contact = Contact.get_by_id(contact_id)
        name = contact.full_name
        orphaned = (
            Interaction.select(Interaction.id)
            .join(InteractionContact, JOIN.LEFT_OUTER)
            .group_by(Interaction.id)
            .having(fn.COUNT(InteractionContact.id) == 1)
            .where(
                Interaction.id.in_(
                    InteractionContact.select(InteractionContact.interaction).where(
                        InteractionContact.contact == contact_id
                    )
                )
            )
        )
        lonely = [row[0] for row in orphaned.tuples()]
        contact.delete_instance()
        if lonely:
            Interaction.delete().where(Interaction.id.in_(lonely)).execute()
    return name


def names_of(ids: Iterable[int]) -> dict[int, str]:
    """Full names of the given contact ids."""
    query = Contact.select(Contact.id, Contact.first_name, Contact.last_name).where(
        Contact.id.in_(list(ids))
    )
    return {cid: f"{first} {last}".strip() for cid, first, last in query.tuples()}
