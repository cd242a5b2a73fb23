"""Memorised details: what we remember about someone, kept dated, and marked stale when it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tui_reseau.domain.validation import ValidationError, clean_text
from tui_reseau.domain.vocabulary import DETAIL_KINDS
from tui_reseau.errors import ReseauError
from tui_reseau.store.models import Contact, MemorisedDetail, database_proxy

DETAIL_MAX_LENGTH = 2_000
"""Longest memorised detail, in characters (the meeting report's new details too)."""


def _checked(kind: str, text: str) -> str:
    if kind not in DETAIL_KINDS:
        choices = ", ".join(t.label for t in DETAIL_KINDS.values())
        raise ValidationError("kind", f"Choisissez le type de détail parmi : {choices}.")
    cleaned = clean_text(text, "text", "Détail", DETAIL_MAX_LENGTH, multiline=True)
    if not cleaned:
        raise ValidationError(
            "text", "Le détail est vide : écrivez ce qu'il faut retenir (ex. « passion : voile »)."
        )
    return cleaned


def add_detail(contact_id: int, kind: str, text: str, noted_on: dt.date | None = None) -> int:
    """Remember ``text`` about a contact; return the detail's id (ValidationError if wrong)."""
    cleaned = _checked(kind, text)
    with database_proxy.atomic():
        contact = Contact.get_by_id(contact_id)
        detail = MemorisedDetail.create(
            contact=contact, kind=kind, text=cleaned, noted_on=noted_on or dt.date.today()
        )
    return detail.id


def _gone() -> ReseauError:
    return ReseauError(
        "Ce détail n'existe plus : il a été supprimé entre-temps (ailleurs ?).",
        "La fiche a été rechargée ; notez-le de nouveau si besoin.",
    )


def update_detail(detail_id: int, kind: str, text: str) -> None:
    """Correct a detail's kind or text (its date stays the day it was noted)."""
    cleaned = _checked(kind, text)
    with database_proxy.atomic():
        changed = (
            MemorisedDetail.update(
                kind=kind, text=cleaned, updated_at=dt.datetime.now().replace(microsecond=0)
            )
            .where(MemorisedDetail.id == detail_id)
            .execute()
        )
        if not changed:
            raise _gone()


def set_still_true(detail_id: int, still_true: bool) -> None:
    """Mark a detail stale (no longer true) or true again."""
    with database_proxy.atomic():
        changed = (
            MemorisedDetail.update(
                still_true=still_true, updated_at=dt.datetime.now().replace(microsecond=0)
            )
            .where(MemorisedDetail.id == detail_id)
            .execute()
        )
        if not changed:
            raise _gone()


def delete_detail(detail_id: int) -> None:
    with database_proxy.atomic():
        MemorisedDetail.delete().where(MemorisedDetail.id == detail_id).execute()


@dataclass(frozen=True, slots=True)
class DetailRecord:
    """One memorised detail as stored, for editing it."""

    id: int
    contact_id: int
    kind: str
    text: str
    noted_on: dt.date
    still_true: bool


def get_detail(detail_id: int) -> DetailRecord:
    """The detail ``detail_id`` (ValidationError if it no longer exists)."""
    detail = MemorisedDetail.get_or_none(MemorisedDetail.id == detail_id)
    if detail is None:
        raise ValidationError("text", "Ce détail n'existe plus : il a peut-être été supprimé.")
    return DetailRecord(
        id=detail.id,
        contact_id=detail.contact_id,
        kind=detail.kind,
        text=detail.text,
        noted_on=detail.noted_on,
        still_true=detail.still_true,
    )
