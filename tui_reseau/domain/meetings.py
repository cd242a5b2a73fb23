"""After a meeting, in under a minute: the exchange, what we learnt, and what comes next.

:func:`record_meeting` takes everything typed in one form (a :class:`MeetingDraft`), checks all
of it first (one :class:`ValidationErrors` listing every wrong field, nothing written), then
writes it in one transaction: the interaction and its participants, the new memorised details,
the qualification, the next follow-up, and the follow-ups this meeting closes. If any write
fails, nothing of the meeting remains.

The first contact of ``contact_ids`` is the person the meeting was about: the new details, the
qualification and the next follow-up are theirs; the others are participants of the exchange.
The follow-ups it closes are marked done on the meeting's day; a meeting tied to an event also
records its participants as met at that event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from tui_reseau.domain.agenda import check_channel, clean_reason, parse_future_date
from tui_reseau.domain.contacts import ValidationErrors
from tui_reseau.domain.dates import DateParseError, format_date, parse_date
from tui_reseau.domain.details import DETAIL_MAX_LENGTH
from tui_reseau.domain.validation import NOTES_MAX_LENGTH, ValidationError, clean_text, parse_hours
from tui_reseau.domain.vocabulary import DETAIL_KINDS
from tui_reseau.store.models import (
    Contact,
    Event,
    EventContact,
    FollowUp,
    Interaction,
    InteractionContact,
    MemorisedDetail,
    database_proxy,
)

__all__ = [
    "MAX_MEETING_MINUTES",
    "MeetingDraft",
    "MeetingResult",
    "parse_minutes",
    "record_meeting",
]

MAX_MEETING_MINUTES = 24 * 60

_T = TypeVar("_T")


@dataclass(slots=True, kw_only=True)
class MeetingDraft:
    """A meeting as typed in the capture form; validated by :func:`record_meeting`.

    ``happened_on_text`` is a French date, past or today (blank: today, or the event's day when
    ``event_id`` is given). ``duration_text`` reads like ``"1h30"`` or ``"45 min"``.
    ``new_details`` are (kind, text) pairs about the first contact. ``qualified``: True qualifies
    the first contact (dated today if they were not), False unqualifies, None leaves it.
    ``next_follow_up_text`` is a French date to come (blank: no follow-up);
    ``close_follow_up_ids`` are open follow-ups of the participants this meeting settled.
    """

    contact_ids: tuple[int, ...]
    channel: str
    happened_on_text: str = ""
    event_id: int | None = None
    duration_text: str = ""
    notes: str = ""
    new_details: tuple[tuple[str, str], ...] = ()
    qualified: bool | None = None
    next_follow_up_text: str = ""
    next_follow_up_reason: str = ""
    close_follow_up_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class MeetingResult:
    """What :func:`record_meeting` wrote."""

    interaction_id: int
    follow_up_id: int | None
    happened_on: dt.date
    detail_ids: tuple[int, ...] = ()
    closed_follow_up_ids: tuple[int, ...] = ()
    next_follow_up_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class _Checked:
    contact_ids: tuple[int, ...]
    happened_on: dt.date
    channel: str
    event_id: int | None
    duration_minutes: int | None
    notes: str
    details: tuple[tuple[str, str], ...]
    next_on: dt.date | None
    next_reason: str
    close_ids: tuple[int, ...]


_DURATION_EXAMPLES = "Exemples : 45 min, 1h, 1h30, 2 h."
_BARE_NUMBER = re.compile(r"^[0-9]+(?:[.,][0-9]+)?$")


def parse_minutes(text: str) -> int | None:
    """A meeting's length in minutes: ``"1h30"`` → 90, ``"45 min"`` → 45; None if blank.

    Reads like durations elsewhere in the app (a bare number is hours: ``"2"`` → 120); a day
    at most. Raises ValidationError on ``duration``.
    """
    if not text or not text.strip():
        return None
    try:
        hours = parse_hours(text)
    except ValidationError as exc:
        raise ValidationError("duration", exc.message) from None
    assert hours is not None
    minutes = int((hours * 60).to_integral_value())
    if minutes <= 0:
        raise ValidationError("duration", f"Durée nulle : « {text.strip()} ». {_DURATION_EXAMPLES}")
    if minutes > MAX_MEETING_MINUTES:
        typed = text.strip()
        hint = f" Pour des minutes, écrivez « {typed} min »." if _BARE_NUMBER.match(typed) else ""
        raise ValidationError(
            "duration",
            f"Durée trop longue pour un échange : « {typed} » dépasse 24 heures.{hint} "
            f"{_DURATION_EXAMPLES}",
        )
    return minutes


def _check(draft: MeetingDraft, today: dt.date) -> _Checked:
    """Every field of ``draft`` checked; ValidationErrors lists all that are wrong."""
    errors: list[ValidationError] = []

    def attempt(field: str, check: Callable[[], _T], fallback: _T) -> _T:
        try:
            return check()
        except ValidationError as exc:
            errors.append(ValidationError(field, exc.message))
        except DateParseError as exc:
            errors.append(ValidationError(field, exc.message))
        return fallback

    contact_ids = attempt("contacts", lambda: _check_contacts(draft.contact_ids), ())
    event = attempt("event", lambda: _check_event(draft.event_id), None)
    happened_on = attempt(
        "happened_on", lambda: _check_happened_on(draft.happened_on_text, event, today), today
    )
    channel = attempt("channel", lambda: check_channel(draft.channel), "")
    minutes = attempt("duration", lambda: parse_minutes(draft.duration_text), None)
    notes = attempt(
        "notes",
        lambda: clean_text(draft.notes, "notes", "Notes", NOTES_MAX_LENGTH, multiline=True) or "",
        "",
    )
    details: list[tuple[str, str]] = []
    for index, (kind, text) in enumerate(draft.new_details):
        detail = attempt(f"details.{index}", lambda k=kind, t=text: _check_detail(k, t), None)
        if detail is not None:
            details.append(detail)
    next_on = attempt(
        "next_follow_up",
        lambda: (
            parse_future_date(draft.next_follow_up_text, today, "La date de relance")
            if draft.next_follow_up_text.strip()
            else None
        ),
        None,
    )
    reason = attempt("next_follow_up_reason", lambda: clean_reason(draft.next_follow_up_reason), "")
    if reason and not draft.next_follow_up_text.strip():
        errors.append(
            ValidationError(
                "next_follow_up",
                "Un motif de relance sans date : indiquez quand relancer (ex. « +2s », "
                "« lundi », « 15/12 ») ou effacez le motif.",
            )
        )
    close_ids = attempt(
        "close_follow_ups",
        lambda: _check_closing(draft.close_follow_up_ids, contact_ids or None),
        (),
    )
    if errors:
        raise ValidationErrors(errors)
    return _Checked(
        contact_ids=contact_ids,
        happened_on=happened_on,
        channel=channel,
        event_id=event.id if event is not None else None,
        duration_minutes=minutes,
        notes=notes,
        details=tuple(details),
        next_on=next_on,
        next_reason=reason,
        close_ids=close_ids,
    )


def _check_contacts(contact_ids: tuple[int, ...]) -> tuple[int, ...]:
    unique = tuple(dict.fromkeys(contact_ids))
    if not unique:
        raise ValidationError("contacts", "Choisissez au moins une personne rencontrée.")
    found = {cid for (cid,) in Contact.select(Contact.id).where(Contact.id.in_(unique)).tuples()}
    missing = [cid for cid in unique if cid not in found]
    if missing:
        raise ValidationError(
            "contacts",
            "Une des personnes choisies n'existe plus (supprimée entre-temps) : "
            "retirez-la de la liste.",
        )
    return unique


def _check_event(event_id: int | None) -> Event | None:
    if event_id is None:
        return None
    event = Event.get_or_none(Event.id == event_id)
    if event is None:
        raise ValidationError("event", "Cet événement n'existe plus : choisissez-en un autre.")
    return event


def _check_happened_on(text: str, event: Event | None, today: dt.date) -> dt.date:
    if not text.strip():
        day = event.held_on if event is not None else today
    else:
        day = parse_date(text, today, future=False)
    if day > today:
        raise ValidationError(
            "happened_on",
            f"L'échange ne peut pas avoir lieu dans le futur ({format_date(day)}) : "
            "indiquez le jour où il a eu lieu, ou planifiez une relance.",
        )
    return day


def _check_detail(kind: str, text: str) -> tuple[str, str]:
    if kind not in DETAIL_KINDS:
        choices = ", ".join(term.label for term in DETAIL_KINDS.values())
        raise ValidationError("details", f"Choisissez le type de détail parmi : {choices}.")
    cleaned = clean_text(text, "details", "Détail", DETAIL_MAX_LENGTH, multiline=True)
    if not cleaned:
        raise ValidationError(
            "details",
            f"Le détail « {DETAIL_KINDS[kind].label} » est vide : écrivez ce qu'il faut "
            "retenir, ou retirez la ligne.",
        )
    return kind, cleaned


def _check_closing(ids: tuple[int, ...], contact_ids: tuple[int, ...] | None) -> tuple[int, ...]:
    """The open follow-ups to close; ``contact_ids`` None (participants wrong) skips the owners."""
    unique = tuple(dict.fromkeys(ids))
    if not unique:
        return ()
    rows = {
        fid: (contact_id, done_on)
        for fid, contact_id, done_on in FollowUp.select(
            FollowUp.id, FollowUp.contact, FollowUp.done_on
        )
        .where(FollowUp.id.in_(unique))
        .tuples()
    }
    for fid in unique:
        if fid not in rows:
            raise ValidationError(
                "close_follow_ups", "Une des relances à clore n'existe plus : retirez-la."
            )
        contact_id, done_on = rows[fid]
        if done_on is not None:
            raise ValidationError(
                "close_follow_ups",
                f"Une des relances à clore est déjà faite (le {format_date(done_on)}) : "
                "retirez-la.",
            )
        if contact_ids is not None and contact_id not in contact_ids:
            raise ValidationError(
                "close_follow_ups",
                "Une des relances à clore concerne une personne absente de cet échange : "
                "ajoutez-la aux participants ou retirez la relance.",
            )
    return unique


def events_around(today: dt.date, days: int = 90) -> list[tuple[int, str]]:
    """Events of the last ``days`` and the coming week, newest first, as (id, « 14/11 · name »):
    the choices of « rencontré à l'événement » in the meeting form."""
    query = (
        Event.select(Event.id, Event.held_on, Event.name)
        .where(Event.held_on.between(today - dt.timedelta(days=days), today + dt.timedelta(days=7)))
        .order_by(Event.held_on.desc(), Event.id.desc())
    )
    return [(eid, f"{held_on.strftime('%d/%m')} · {name}") for eid, held_on, name in query.tuples()]


def record_meeting(draft: MeetingDraft, today: dt.date) -> MeetingResult:
    """Check ``draft`` entirely, then write the meeting in one transaction.

    Raises ValidationErrors (French messages by field: ``contacts``, ``happened_on``,
    ``channel``, ``event``, ``duration``, ``notes``, ``details.<n>``, ``next_follow_up``,
    ``next_follow_up_reason``, ``close_follow_ups``) without writing anything. When the meeting
    is tied to an event, its participants are also recorded as met at that event.
    """
    checked = _check(draft, today)
    main = checked.contact_ids[0]
    now = dt.datetime.now().replace(microsecond=0)
    with database_proxy.atomic():
        interaction = Interaction.create(
            happened_on=checked.happened_on,
            channel=checked.channel,
            duration_minutes=checked.duration_minutes,
            notes=checked.notes,
            event=checked.event_id,
        )
        InteractionContact.insert_many(
            [(interaction.id, cid) for cid in checked.contact_ids],
            fields=[InteractionContact.interaction, InteractionContact.contact],
        ).execute()
        if checked.event_id is not None:
            already = {
                cid
                for (cid,) in EventContact.select(EventContact.contact)
                .where(EventContact.event == checked.event_id)
                .tuples()
            }
            newcomers = [cid for cid in checked.contact_ids if cid not in already]
            if newcomers:
                EventContact.insert_many(
                    [(checked.event_id, cid) for cid in newcomers],
                    fields=[EventContact.event, EventContact.contact],
                ).execute()
        detail_ids = tuple(
            MemorisedDetail.create(
                contact=main, kind=kind, text=text, noted_on=today, updated_at=now
            ).id
            for kind, text in checked.details
        )
        if draft.qualified is True:
            Contact.update(qualified_on=today, updated_at=now).where(
                Contact.id == main, Contact.qualified_on.is_null(True)
            ).execute()
        elif draft.qualified is False:
            Contact.update(qualified_on=None, updated_at=now).where(
                Contact.id == main, Contact.qualified_on.is_null(False)
            ).execute()
        follow_up_id = None
        if checked.next_on is not None:
            follow_up_id = FollowUp.create(
                contact=main, due_on=checked.next_on, reason=checked.next_reason
            ).id
        if checked.close_ids:
            FollowUp.update(done_on=checked.happened_on, closed_by=interaction.id).where(
                FollowUp.id.in_(list(checked.close_ids)), FollowUp.done_on.is_null(True)
            ).execute()
    return MeetingResult(
        interaction_id=interaction.id,
        follow_up_id=follow_up_id,
        happened_on=checked.happened_on,
        detail_ids=detail_ids,
        closed_follow_up_ids=checked.close_ids,
        next_follow_up_on=checked.next_on,
    )
