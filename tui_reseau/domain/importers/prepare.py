"""Checking an incoming person exactly like the contact form does (``contacts.validate``).

The rule: a way of reaching the person that cannot be read (e-mail, phone, LinkedIn profile) is
left aside with a warning for that line, and the person comes in; anything else wrong (no name,
control characters, an unknown circle, a field too long…) rejects the line with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tui_reseau.domain.contacts import ContactDraft, ValidationErrors, validate
from tui_reseau.domain.importers.records import IncomingPerson, LineIssue
from tui_reseau.domain.phones import format_phone
from tui_reseau.domain.validation import (
    ValidationError,
    clean_text,
    normalise_email,
    normalise_linkedin,
    normalise_phone,
)

_CIRCLE = re.compile(r"\s*(?:cercle|circle|c)?\s*([123])\s*", re.IGNORECASE)
ADDRESS_MAX = 500


@dataclass(slots=True)
class Prepared:
    """A person ready to be written: the column values of a contact, checked."""

    line: int
    values: dict[str, object]  # Contact columns (validate's output, plus address and dates)
    tags: tuple[str, ...]
    warnings: list[str] = field(default_factory=list)


def _reason(exc: ValidationError) -> str:
    """A validation message without its trailing example (the report quotes many at once)."""
    return exc.message.split(" Exemple")[0].split(" Copiez l'adresse")[0].rstrip(". ")


def _first_valid(
    texts: list[str], check: Callable[[str], str | None], label: str, warnings: list[str]
) -> tuple[str | None, list[str]]:
    """The first text ``check`` accepts, the other accepted ones; warnings for the refused."""
    good: list[str] = []
    for text in texts:
        try:
            value = check(text)
        except ValidationError as exc:
            warnings.append(f"{label} laissé de côté : {_reason(exc)}")
            continue
        if value and value not in good:
            good.append(value)
    return (good[0] if good else None), good[1:]


def prepare(person: IncomingPerson, default_circle: int) -> Prepared | LineIssue:
    """Check ``person`` as the contact form would; a LineIssue says why the line is rejected."""
    warnings = list(person.warnings)
    email, more_emails = _first_valid(person.emails, normalise_email, "e-mail", warnings)
    phone, more_phones = _first_valid(person.phones, normalise_phone, "téléphone", warnings)
    linkedin, _ = _first_valid(
        [person.linkedin_url] if person.linkedin_url else [],
        normalise_linkedin,
        "profil LinkedIn",
        warnings,
    )
    circle = default_circle
    if person.circle.strip():
        found = _CIRCLE.fullmatch(person.circle)
        if not found:
            return LineIssue(
                person.line,
                f"cercle « {person.circle.strip()[:20]} » inconnu : indiquez 1, 2 ou 3",
            )
        circle = int(found[1])
    try:
        address = clean_text(person.address, "address", "Adresse", ADDRESS_MAX, multiline=True)
    except ValidationError as exc:
        return LineIssue(person.line, exc.message)
    extras = list(person.extras)
    if more_emails:
        extras.append(("Autres e-mails", ", ".join(more_emails)))
    if more_phones:
        extras.append(("Autres téléphones", ", ".join(format_phone(p) for p in more_phones)))
    lines = [person.notes.strip()] if person.notes.strip() else []
    lines += [f"{label} : {text}" for label, text in extras if text.strip()]
    notes = "\n".join(lines)
    draft = ContactDraft(
        first_name=person.first_name,
        last_name=person.last_name,
        company=person.company,
        role=person.role,
        city=person.city,
        postcode=person.postcode,
        circle=circle,
        met_via=person.met_via,
        tags=person.tags,
        notes=notes,
    )
    try:
        values = validate(draft)
    except ValidationErrors as errors:
        return LineIssue(person.line, " ; ".join(_reason(e) for e in errors.errors))
    tags: tuple[str, ...] = values.pop("_tags")  # type: ignore[assignment]
    # Checked above with the same functions; validate() need not check them again.
    values.update(email=email, phone=phone, linkedin_url=linkedin, address=address or "")
    values["birthday"] = person.birthday
    values["met_on"] = person.met_on
    return Prepared(person.line, values, tags, warnings)
