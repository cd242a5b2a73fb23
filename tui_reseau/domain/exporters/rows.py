"""The contacts as exports read them: plain dataclasses, tags and introducers joined in."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from peewee import JOIN

from tui_reseau.store.models import Contact, ContactTag


@dataclass(frozen=True, slots=True)
class ExportedContact:
    """One contact with everything a vCard or a CSV row shows (texts as stored)."""

    id: int
    first_name: str
    last_name: str
    company: str
    role: str
    email: str | None
    phone: str | None
    address: str
    city: str
    postcode: str
    pole: str | None
    sector: str | None
    circle: int
    kind: str | None
    qualified_on: dt.date | None
    met_via: str | None
    met_on: dt.date | None
    introduced_by: str
    linkedin_url: str | None
    birthday: dt.date | None
    notes: str
    tags: tuple[str, ...]
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _tags() -> dict[int, list[str]]:
    tags: dict[int, list[str]] = defaultdict(list)
    query = ContactTag.select(ContactTag.contact, ContactTag.name).order_by(ContactTag.name)
    for contact_id, name in query.tuples().iterator():
        tags[contact_id].append(name)
    return tags


def exported_contacts() -> Iterator[ExportedContact]:
    """Every contact of the bound database, in the list's order (last name, first name).

    One query read as it goes (rows are not all held at once), the tags read beforehand.
    """
    introducer = Contact.alias()
    has_address = "address" in Contact._meta.fields  # added by migration 0003
    tags = _tags()
    query = (
        Contact.select(
            Contact,
            introducer.first_name.alias("introducer_first"),
            introducer.last_name.alias("introducer_last"),
        )
        .join(introducer, JOIN.LEFT_OUTER, on=Contact.introduced_by == introducer.id)
        .order_by(Contact.last_name, Contact.first_name, Contact.id)
        .dicts()
    )
    for row in query.iterator():
        introduced = f"{row['introducer_first'] or ''} {row['introducer_last'] or ''}".strip()
        yield ExportedContact(
            id=row["id"],
            first_name=row["first_name"],
            last_name=row["last_name"],
            company=row["company"],
            role=row["role"],
            email=row["email"],
            phone=row["phone"],
            address=row["address"] if has_address else "",
            city=row["city"],
            postcode=row["postcode"],
            pole=row["pole"],
            sector=row["sector"],
            circle=row["circle"],
            kind=row["kind"],
            qualified_on=row["qualified_on"],
            met_via=row["met_via"],
            met_on=row["met_on"],
            introduced_by=introduced,
            linkedin_url=row["linkedin_url"],
            birthday=row["birthday"],
            notes=row["notes"],
            tags=tuple(tags.get(row["id"], ())),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )
