"""The agenda of follow-ups (relances): what is late, due today, due this week, and later.

A follow-up is expected on its ``snoozed_until`` date when it was snoozed, else on its
``due_on`` date (the rule the contact card uses too). :func:`agenda` sorts the open ones into
four sections relative to ``today``; each item carries hints to personalise the message: the
memorised details still true about the person, most useful kinds first, and the last exchange.

The actions (:func:`complete`, :func:`snooze`, :func:`reschedule`, :func:`create_follow_up`,
:func:`reopen`) are one transaction each and raise :class:`ValidationError` or
:class:`DateParseError` with a French message, writing nothing, when the input is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from peewee import Case, Expression, Function, ModelSelect, fn

from tui_reseau.domain.cadence import date_reader
from tui_reseau.domain.dates import DateParseError, format_date, parse_date
from tui_reseau.domain.validation import NOTES_MAX_LENGTH, ValidationError, clean_text
from tui_reseau.domain.vocabulary import CHANNELS, DETAIL_KINDS
from tui_reseau.store.models import (
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    MemorisedDetail,
    database_proxy,
)

__all__ = [
    "HINT_KIND_ORDER",
    "MAX_DETAIL_HINTS",
    "SECTION_TITLES",
    "Agenda",
    "AgendaItem",
    "AgendaSection",
    "agenda",
    "check_channel",
    "clean_reason",
    "complete",
    "counts",
    "create_follow_up",
    "expected_on",
    "last_exchange_hint",
    "parse_future_date",
    "reopen",
    "reschedule",
    "reschedule_text",
    "snooze",
    "snooze_text",
]

HINT_KIND_ORDER: tuple[str, ...] = ("projet", "difficulte", "passion", "conjoint", "enfants")
"""Detail kinds by usefulness for a follow-up; other kinds ("autre") come after."""

MAX_DETAIL_HINTS = 3
"""Memorised details shown per item (the last exchange comes on top of them)."""

REASON_MAX_LENGTH = 500

SECTION_TITLES: dict[str, str] = {
    "overdue": "En retard",
    "today": "Aujourd'hui",
    "this_week": "Cette semaine",
    "later": "Plus tard",
}


# ------------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One open follow-up, ready to show.

    ``due_on`` is the date it is expected now (snooze applied); ``days_late`` is 0 unless it is
    past; ``snoozed`` says it was put off.
    """

    follow_up_id: int
    contact_id: int
    name: str
    company: str
    circle: int
    due_on: dt.date
    reason: str
    days_late: int
    hints: tuple[str, ...]
    snoozed: bool = False


@dataclass(frozen=True, slots=True)
class AgendaSection:
    key: str
    title: str
    items: tuple[AgendaItem, ...]


@dataclass(frozen=True, slots=True)
class Agenda:
    """The open follow-ups seen from ``as_of``, in four sections.

    ``this_week`` runs from tomorrow to ``week_ends_on`` (the Sunday; empty on a Sunday);
    ``later`` holds the rest, up to ``horizon_ends_on`` when a horizon was asked for.
    """

    as_of: dt.date
    week_ends_on: dt.date
    horizon_ends_on: dt.date | None
    overdue: tuple[AgendaItem, ...]
    today: tuple[AgendaItem, ...]
    this_week: tuple[AgendaItem, ...]
    later: tuple[AgendaItem, ...]

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.today) + len(self.this_week) + len(self.later)

    @property
    def is_empty(self) -> bool:
        return self.total == 0

    def sections(self) -> tuple[AgendaSection, ...]:
        """The four sections in display order, with their French titles (empty ones included)."""
        return tuple(
            AgendaSection(key, title, getattr(self, key)) for key, title in SECTION_TITLES.items()
        )


def expected_on(due_on: dt.date, snoozed_until: dt.date | None) -> dt.date:
    """The date a follow-up is expected: its snooze date if it was put off, else its due date."""
    return snoozed_until or due_on


def _sunday_of(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=6 - day.weekday())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _in_sentence(label: str) -> str:
    """« Déjeuner » → « déjeuner », but « LinkedIn » stays as it is."""
    return label if any(ch.isupper() for ch in label[1:]) else label[0].lower() + label[1:]


# How each channel reads in « Dernier échange : déjeuner le 14/11 » ("autre" says nothing).
_CHANNEL_WORDS: dict[str, str] = {
    code: "" if code == "autre" else _in_sentence(term.label) for code, term in CHANNELS.items()
}


def last_exchange_hint(on: dt.date, channel: str, today: dt.date) -> str:
    """« Dernier échange : déjeuner le 14/11 » (the year is shown when it is not this one)."""
    words = _CHANNEL_WORDS.get(channel, "")
    when = f"le {format_date(on, today)}"
    return f"Dernier échange : {words} {when}" if words else f"Dernier échange : {when}"


_KIND_RANK: dict[str, int] = {kind: rank for rank, kind in enumerate(HINT_KIND_ORDER)}
_KIND_LABEL: dict[str, str] = {code: term.label for code, term in DETAIL_KINDS.items()}


def _hints_by_contact(contacts: ModelSelect, today: dt.date) -> dict[int, tuple[str, ...]]:
    """Details still true (best kinds, then newest first) and the last exchange, per contact.

    ``contacts`` is a subquery of contact ids: two queries, whatever their number.
    """
    read_date = date_reader()
    details: dict[int, list[tuple[int, int, int, str, str]]] = defaultdict(list)
    query = MemorisedDetail.select(
        MemorisedDetail.contact,
        MemorisedDetail.kind,
        MemorisedDetail.text,
        MemorisedDetail.noted_on,
        MemorisedDetail.id,
    ).where(MemorisedDetail.still_true == True, MemorisedDetail.contact.in_(contacts))  # noqa: E712
    for contact_id, kind, text, noted_raw, detail_id in database_proxy.execute(query).fetchall():
        noted = read_date(noted_raw) or dt.date.min
        rank = _KIND_RANK.get(kind, len(HINT_KIND_ORDER))
        details[contact_id].append((rank, -noted.toordinal(), -detail_id, kind, text))

    last_on = (
        InteractionContact.select(
            InteractionContact.contact.alias("contact_id"),
            fn.MAX(Interaction.happened_on).alias("last_on"),
        )
        .join(Interaction)
        .where(InteractionContact.contact.in_(contacts))
        .group_by(InteractionContact.contact)
        .alias("last_on")
    )
    latest = (
        InteractionContact.select(
            InteractionContact.contact, Interaction.happened_on, Interaction.channel, Interaction.id
        )
        .join(Interaction)
        .join(
            last_on,
            on=(
                (last_on.c.contact_id == InteractionContact.contact)
                & (last_on.c.last_on == Interaction.happened_on)
            ),
        )
    )
    exchanges: dict[int, tuple[int, dt.date, str]] = {}
    for contact_id, on_raw, channel, interaction_id in database_proxy.execute(latest).fetchall():
        known = exchanges.get(contact_id)
        if known is None or interaction_id > known[0]:  # same day: the last one recorded
            exchanges[contact_id] = (interaction_id, read_date(on_raw), channel)  # type: ignore[assignment]

    hints: dict[int, tuple[str, ...]] = {}
    for contact_id in details.keys() | exchanges.keys():
        lines = [
            f"{_KIND_LABEL.get(kind, kind)} : {_one_line(text)}"
            for *_, kind, text in sorted(details.get(contact_id, ()))[:MAX_DETAIL_HINTS]
        ]
        if contact_id in exchanges:
            _, on, channel = exchanges[contact_id]
            lines.append(last_exchange_hint(on, channel, today))
        hints[contact_id] = tuple(lines)
    return hints


def agenda(today: dt.date, *, horizon_days: int | None = None) -> Agenda:
    """The open follow-ups in four sections: overdue, today, this week (to Sunday), later.

    ``horizon_days`` leaves out what is expected after ``today + horizon_days`` (overdue ones are
    always shown). Within a section: earliest first (the most late first), then closest circle,
    then name. Runs three queries whatever the number of follow-ups.
    """
    if horizon_days is not None and horizon_days < 0:
        raise ValidationError("horizon", "L'horizon de l'agenda est un nombre de jours positif.")
    horizon = today + dt.timedelta(days=horizon_days) if horizon_days is not None else None
    expected = fn.COALESCE(FollowUp.snoozed_until, FollowUp.due_on)
    shown = FollowUp.done_on.is_null(True)
    if horizon is not None:
        shown &= expected <= horizon
    query = (
        FollowUp.select(
            FollowUp.id,
            FollowUp.contact,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Contact.circle,
            FollowUp.due_on,
            FollowUp.snoozed_until,
            FollowUp.reason,
        )
        .join(Contact)
        .where(shown)
    )
    rows = database_proxy.execute(query).fetchall()
    hints = _hints_by_contact(FollowUp.select(FollowUp.contact).where(shown), today) if rows else {}

    sunday = _sunday_of(today)
    read_date = date_reader()
    sections: dict[str, list[tuple]] = {key: [] for key in SECTION_TITLES}
    for fid, cid, first, last, company, circle, due_raw, snoozed_raw, reason in rows:
        snoozed = read_date(snoozed_raw)
        due = expected_on(read_date(due_raw), snoozed)  # type: ignore[arg-type]
        if due < today:
            key = "overdue"
        elif due == today:
            key = "today"
        elif due <= sunday:
            key = "this_week"
        else:
            key = "later"
        name = f"{first} {last}".strip()
        item = AgendaItem(
            follow_up_id=fid,
            contact_id=cid,
            name=name,
            company=company,
            circle=circle,
            due_on=due,
            reason=reason,
            days_late=max(0, (today - due).days),
            hints=hints.get(cid, ()),
            snoozed=snoozed is not None,
        )
        sections[key].append((due, circle, name.casefold(), fid, item))
    ordered = {key: tuple(row[-1] for row in sorted(items)) for key, items in sections.items()}
    return Agenda(as_of=today, week_ends_on=sunday, horizon_ends_on=horizon, **ordered)


def counts(today: dt.date) -> dict[str, int]:
    """Numbers for a status line, in one query.

    Keys: ``overdue``, ``today``, ``this_week``, ``later`` and ``open`` (the open follow-ups by
    section, as in :func:`agenda` without horizon) and ``done_today`` (completed today).
    """
    expected = fn.COALESCE(FollowUp.snoozed_until, FollowUp.due_on)
    is_open = FollowUp.done_on.is_null(True)
    sunday = _sunday_of(today)

    def count(condition: Expression) -> Function:
        return fn.SUM(Case(None, [(condition, 1)], 0))

    query = FollowUp.select(
        count(is_open & (expected < today)),
        count(is_open & (expected == today)),
        count(is_open & (expected > today) & (expected <= sunday)),
        count(is_open & (expected > sunday)),
        count(is_open),
        count(FollowUp.done_on == today),
    ).where(is_open | (FollowUp.done_on == today))
    values = database_proxy.execute(query).fetchone()
    keys = ("overdue", "today", "this_week", "later", "open", "done_today")
    return {key: int(value or 0) for key, value in zip(keys, values, strict=True)}


# ------------------------------------------------------------------------------- actions


def parse_future_date(text: str, today: dt.date, field_label: str = "La date") -> dt.date:
    """Read a French date for something to come (``"+1j"``, ``"lundi"``, ``"15/12"``…).

    Today is accepted; a date already past (``"hier"``, ``"-3j"``, ``"15/11/2026"`` seen from
    the 25th) raises :class:`DateParseError`, as does anything unreadable.
    """
    day = parse_date(text, today, future=True)
    if day < today:
        raise DateParseError(
            f"{field_label} « {text.strip()} » tombe le {format_date(day)}, une date déjà passée : "
            "choisissez aujourd'hui ou une date à venir.",
            text,
        )
    return day


def check_channel(channel: str) -> str:
    """``channel`` if it is a known code, else ValidationError listing the choices."""
    if channel not in CHANNELS:
        choices = ", ".join(term.label for term in CHANNELS.values())
        raise ValidationError(
            "channel", f"Canal inconnu : « {channel} ». Choisissez parmi : {choices}."
        )
    return channel


def _gone() -> ValidationError:
    return ValidationError(
        "follow_up", "Cette relance n'existe plus : elle a peut-être été supprimée."
    )


def _open_follow_up(follow_up_id: int) -> FollowUp:
    follow_up = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if follow_up is None:
        raise _gone()
    if follow_up.done_on is not None:
        raise ValidationError(
            "follow_up",
            f"Cette relance est déjà faite (le {format_date(follow_up.done_on)}). "
            "Rouvrez-la d'abord si elle est à refaire.",
        )
    return follow_up


def _not_past(day: dt.date, today: dt.date | None, field: str, what: str) -> None:
    if today is not None and day < today:
        raise ValidationError(
            field,
            f"{what} ne peut pas être dans le passé ({format_date(day)}) : "
            "choisissez aujourd'hui ou une date à venir.",
        )


def complete(follow_up_id: int, note: str, today: dt.date, channel: str = "appel") -> int:
    """Mark a follow-up done today and log the exchange it was; return the interaction's id.

    The interaction (``channel``, today, with the contact) keeps ``note``; a blank note keeps
    the follow-up's reason instead, so the history says what the exchange was about.
    """
    text = clean_text(note, "note", "Compte rendu", NOTES_MAX_LENGTH, multiline=True)
    check_channel(channel)
    with database_proxy.atomic():
        follow_up = _open_follow_up(follow_up_id)
        if text is None:
            text = f"Relance : {follow_up.reason}" if follow_up.reason else ""
        interaction = Interaction.create(happened_on=today, channel=channel, notes=text)
        InteractionContact.create(interaction=interaction, contact=follow_up.contact_id)
        follow_up.done_on = today
        follow_up.closed_by = interaction
        follow_up.save(only=[FollowUp.done_on, FollowUp.closed_by])
    return interaction.id


def snooze(follow_up_id: int, until: dt.date, *, today: dt.date | None = None) -> dt.date:
    """Put a follow-up off until ``until`` (its due date is kept); return the new date.

    With ``today`` given, a past date is refused (ValidationError).
    """
    _not_past(until, today, "snoozed_until", "La date de report")
    with database_proxy.atomic():
        follow_up = _open_follow_up(follow_up_id)
        follow_up.snoozed_until = until
        follow_up.save(only=[FollowUp.snoozed_until])
    return until


def snooze_text(follow_up_id: int, text: str, today: dt.date) -> dt.date:
    """:func:`snooze` to a typed date: ``"+1j"``, ``"+1s"``, ``"lundi"``, ``"15/12"``…

    Raises DateParseError (French, with examples) if unreadable or already past.
    """
    return snooze(follow_up_id, parse_future_date(text, today, "La date de report"), today=today)


def reschedule(follow_up_id: int, due_on: dt.date, *, today: dt.date | None = None) -> dt.date:
    """Give a follow-up a new due date and forget its snooze; return the date.

    With ``today`` given, a past date is refused (ValidationError).
    """
    _not_past(due_on, today, "due_on", "La nouvelle échéance")
    with database_proxy.atomic():
        follow_up = _open_follow_up(follow_up_id)
        follow_up.due_on = due_on
        follow_up.snoozed_until = None
        follow_up.save(only=[FollowUp.due_on, FollowUp.snoozed_until])
    return due_on


def reschedule_text(follow_up_id: int, text: str, today: dt.date) -> dt.date:
    """:func:`reschedule` to a typed date (DateParseError if unreadable or already past)."""
    day = parse_future_date(text, today, "La nouvelle échéance")
    return reschedule(follow_up_id, day, today=today)


def clean_reason(reason: str) -> str:
    """The follow-up's reason, checked (one line, 500 characters at most); may be empty."""
    return clean_text(reason, "reason", "Motif de la relance", REASON_MAX_LENGTH) or ""


def create_follow_up(
    contact_id: int, due_on: dt.date, reason: str, *, today: dt.date | None = None
) -> int:
    """Plan a follow-up of a contact; return its id.

    ``reason`` may be empty. With ``today`` given, a past date is refused. ValidationError if
    the contact no longer exists.
    """
    text = clean_reason(reason)
    _not_past(due_on, today, "due_on", "La date de relance")
    with database_proxy.atomic():
        if not Contact.select().where(Contact.id == contact_id).exists():
            raise ValidationError(
                "contact", "Ce contact n'existe plus : il a peut-être été supprimé."
            )
        follow_up = FollowUp.create(contact=contact_id, due_on=due_on, reason=text)
    return follow_up.id


def reopen(follow_up_id: int) -> None:
    """Put a completed follow-up back in the agenda, at its due date (or snooze date).

    The interaction logged when it was completed stays in the history: the exchange happened.
    Reopening an open follow-up does nothing.
    """
    with database_proxy.atomic():
        updated = (
            FollowUp.update(done_on=None, closed_by=None)
            .where(FollowUp.id == follow_up_id)
            .execute()
        )
    if not updated:
        raise _gone()
