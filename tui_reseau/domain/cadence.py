"""Keep-in-touch cadences, and the relations that have gone past theirs ("à raviver").

Each circle has a cadence in days (30, 45 and 90 by default, changed in the settings and kept in
the ``setting`` table under ``cadence.circle.<n>``); a contact may override it with its own
``cadence_days``. A relation is "à raviver" when the days since the last interaction with the
person exceed that cadence. A contact never met in an interaction counts from the day we met
them (``met_on``), else from the day they were recorded (``created_at``).

A contact who already has an open follow-up expected within their cadence (snooze included,
overdue ones too) is left out: the agenda already brings them back, listing them twice would
only add noise. A follow-up planned further away than the cadence does not keep a relation
warm, so it does not hide the contact.

:func:`relations_to_revive` runs three queries whatever the size of the network (settings,
distinct overrides, then one query that aggregates the last interaction and the next follow-up
per contact and keeps only the contacts past their cadence); the day arithmetic is done in
Python, the SQL stays portable (no SQLite or PostgreSQL date functions). About 0.1 s at 10,000
contacts, 0.7 to 0.9 s at 100,000 (``benchmarks/bench_agenda.py``).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from peewee import JOIN, Case, fn

from tui_reseau.domain.validation import ValidationError
from tui_reseau.domain.vocabulary import DEFAULT_CADENCE_DAYS, Circle
from tui_reseau.store.models import (
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    Setting,
    database_proxy,
)

__all__ = [
    "MAX_CADENCE_DAYS",
    "MIN_CADENCE_DAYS",
    "Revival",
    "cadence_of",
    "date_reader",
    "default_cadences",
    "effective_cadence",
    "parse_cadence",
    "relations_to_revive",
    "set_contact_cadence",
    "set_default_cadence",
    "setting_key",
    "to_date",
]

MIN_CADENCE_DAYS = 1
MAX_CADENCE_DAYS = 730  # two years: beyond, the relation is not being tended any more
_SETTING_PREFIX = "cadence.circle."


def setting_key(circle: int) -> str:
    """The ``setting`` key that holds the cadence of ``circle`` (``"cadence.circle.2"``)."""
    return f"{_SETTING_PREFIX}{int(circle)}"


class HasCadence(Protocol):
    """What :func:`cadence_of` needs: a Contact row, a card, a plain object…"""

    circle: int
    cadence_days: int | None


# ---------------------------------------------------------------------------------- settings


def _check_circle(circle: object) -> int:
    if circle not in (1, 2, 3) or isinstance(circle, bool):
        raise ValidationError("circle", "Choisissez un cercle : 1, 2 ou 3.")
    return int(circle)  # type: ignore[call-overload]


def parse_cadence(value: int | str, field: str = "cadence_days") -> int:
    """A cadence in days from an int or typed text (``"45"``, ``"45 j"``, ``"45 jours"``).

    Raises ValidationError (French, on ``field``) unless it is a whole number of days between
    :data:`MIN_CADENCE_DAYS` and :data:`MAX_CADENCE_DAYS`.
    """
    example = f"Saisissez un nombre de jours entre {MIN_CADENCE_DAYS} et {MAX_CADENCE_DAYS}"
    if isinstance(value, bool):
        raise ValidationError(field, f"Cadence invalide. {example}, par exemple 45.")
    if isinstance(value, str):
        text = " ".join(value.lower().split())
        for suffix in (" jours", " jour", " j", "jours", "jour", "j"):
            if text.endswith(suffix):
                text = text[: -len(suffix)].strip()
                break
        if not text.isdigit():
            shown = value.strip() or "(vide)"
            raise ValidationError(
                field, f"Cadence illisible : « {shown} ». {example}, par exemple 45."
            )
        value = int(text)
    if not isinstance(value, int):
        raise ValidationError(field, f"Cadence invalide. {example}, par exemple 45.")
    if not MIN_CADENCE_DAYS <= value <= MAX_CADENCE_DAYS:
        raise ValidationError(
            field, f"Cadence hors limites : {value} jours. {example} (deux ans au plus)."
        )
    return value


def default_cadences() -> dict[int, int]:
    """The cadence in days of each circle: the saved setting, else the method's default.

    A stored value that is not a valid cadence (edited by hand) is ignored.
    """
    cadences = {int(circle): days for circle, days in DEFAULT_CADENCE_DAYS.items()}
    keys = {setting_key(circle): int(circle) for circle in Circle}
    for key, value in (
        Setting.select(Setting.key, Setting.value).where(Setting.key.in_(list(keys))).tuples()
    ):
        try:
            cadences[keys[key]] = parse_cadence(value)
        except ValidationError:
            continue
    return cadences


def set_default_cadence(circle: int, days: int | str) -> int:
    """Save the cadence of ``circle`` (1, 2 or 3); return it as stored, in days.

    Raises ValidationError (field ``circle`` or ``cadence_days``) without writing anything.
    """
    circle = _check_circle(circle)
    value = parse_cadence(days)
    with database_proxy.atomic():
        Setting.insert(key=setting_key(circle), value=str(value)).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: str(value)}
        ).execute()
    return value


def set_contact_cadence(contact_id: int, days: int | str | None) -> int | None:
    """Give a contact their own cadence (``None`` or blank: back to their circle's); return it."""
    value = None if days is None or (isinstance(days, str) and not days.strip()) else days
    cadence = None if value is None else parse_cadence(value)
    with database_proxy.atomic():
        updated = (
            Contact.update(
                cadence_days=cadence, updated_at=dt.datetime.now().replace(microsecond=0)
            )
            .where(Contact.id == contact_id)
            .execute()
        )
    if not updated:
        raise ValidationError("contact", "Ce contact n'existe plus : il a peut-être été supprimé.")
    return cadence


def effective_cadence(
    circle: int, cadence_days: int | None, cadences: Mapping[int, int] | None = None
) -> int:
    """The cadence that applies: the contact's own if set, else their circle's."""
    if cadence_days and cadence_days > 0:
        return int(cadence_days)
    cadences = cadences if cadences is not None else default_cadences()
    return cadences.get(int(circle), DEFAULT_CADENCE_DAYS[Circle.COMMUNAUTES_PRO])


def cadence_of(contact: HasCadence, cadences: Mapping[int, int] | None = None) -> int:
    """The cadence in days that applies to ``contact`` (pass ``cadences`` to save a query)."""
    return effective_cadence(contact.circle, contact.cadence_days, cadences)


# ---------------------------------------------------------------------------- to revive


@dataclass(frozen=True, slots=True)
class Revival:
    """A relation past its keep-in-touch cadence.

    ``last_contact_on`` and ``days_since`` are about the last interaction (``None`` if there was
    none); ``counted_from`` is the day the silence is counted from: the last interaction, else
    the day we met, else the day the contact was recorded.
    """

    contact_id: int
    name: str
    company: str
    circle: int
    last_contact_on: dt.date | None
    days_since: int | None
    cadence_days: int
    overdue_by_days: int
    counted_from: dt.date


def to_date(value: object) -> dt.date | None:
    """A date from what a driver returns (aggregates and text columns come back as text)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def date_reader() -> Callable[[object], dt.date | None]:
    """:func:`to_date` with a memory, for reading thousands of rows where the same days repeat."""
    memo: dict[object, dt.date | None] = {None: None}

    def read(value: object) -> dt.date | None:
        try:
            return memo[value]
        except KeyError:
            day = memo[value] = to_date(value)
            return day

    return read


def _per_contact_date(
    today: dt.date, sign: int, cadences: Mapping[int, int], overrides: list[int]
) -> Case:
    """SQL for ``today + sign × cadence`` of each contact, the arithmetic done here in Python.

    One parameter per distinct cadence: ``CASE cadence_days WHEN 10 THEN … ELSE CASE circle …``.
    """
    by_circle = Case(
        Contact.circle,
        [(circle, today + dt.timedelta(days=sign * days)) for circle, days in cadences.items()],
    )
    if not overrides:
        return by_circle
    by_override = [(days, today + dt.timedelta(days=sign * days)) for days in overrides]
    return Case(Contact.cadence_days, by_override, by_circle)


def relations_to_revive(today: dt.date, limit: int | None = None) -> list[Revival]:
    """The contacts whose silence exceeds their cadence, most overdue first.

    Ties are broken by circle (closest first) then name. Contacts with an open follow-up expected
    on or before ``today + cadence`` are left out (see the module's docstring). ``limit`` keeps
    the first ones only.
    """
    cadences = default_cadences()
    overrides = sorted(
        days
        for (days,) in Contact.select(Contact.cadence_days)
        .where(Contact.cadence_days > 0)
        .distinct()
        .tuples()
    )
    # The last interaction per contact. Written as a CROSS JOIN, which SQLite takes as "read
    # interactions first" (its documented way to fix the join order): the dates come from the
    # small date index, in order, instead of one random read of the interaction table per
    # participant — a third faster at 100,000 contacts. PostgreSQL plans it as the inner join
    # it is.
    last_seen = (
        Interaction.select(
            InteractionContact.contact.alias("contact_id"),
            fn.MAX(Interaction.happened_on).alias("last_on"),
        )
        .join(InteractionContact, JOIN.CROSS)
        .where(InteractionContact.interaction == Interaction.id)
        .group_by(InteractionContact.contact)
        .alias("last_seen")
    )
    next_due = (
        FollowUp.select(
            FollowUp.contact.alias("contact_id"),
            fn.MIN(fn.COALESCE(FollowUp.snoozed_until, FollowUp.due_on)).alias("next_on"),
        )
        .where(FollowUp.done_on.is_null(True))
        .group_by(FollowUp.contact)
        .alias("next_due")
    )
    # Dates and timestamps compare in SQL on both engines (ISO text in SQLite: "2026-01-15" sorts
    # before "2026-01-15 10:00:00", as midnight does before ten o'clock in PostgreSQL).
    counted_from = fn.COALESCE(last_seen.c.last_on, Contact.met_on, Contact.created_at)
    next_on = next_due.c.next_on
    query = (
        Contact.select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Contact.circle,
            Contact.cadence_days,
            last_seen.c.last_on,
            counted_from,
        )
        .join(last_seen, JOIN.LEFT_OUTER, on=(last_seen.c.contact_id == Contact.id))
        .switch(Contact)
        .join(next_due, JOIN.LEFT_OUTER, on=(next_due.c.contact_id == Contact.id))
        .where(
            (counted_from < _per_contact_date(today, -1, cadences, overrides))
            & (next_on.is_null() | (next_on > _per_contact_date(today, 1, cadences, overrides)))
        )
    )
    # The raw cursor: at 100,000 contacts Peewee's per-row conversions would cost more than the
    # query itself. Aggregates come back as text from SQLite, as dates from PostgreSQL; the same
    # few thousand days repeat, so each is read once.
    today_ordinal = today.toordinal()
    silence_of: dict[object, int] = {}
    rows: list[tuple[int, int, str, int, str, str, int, object]] = []
    for cid, first, last, company, circle, own, last_raw, start_raw in database_proxy.execute(
        query
    ).fetchall():
        silence = silence_of.get(start_raw)
        if silence is None:
            silence = silence_of[start_raw] = today_ordinal - to_date(start_raw).toordinal()  # type: ignore[union-attr]
        cadence = own if own and own > 0 else cadences[circle]
        if silence > cadence:
            name = f"{first} {last}".strip()
            rows.append(
                (cadence - silence, circle, name.casefold(), cid, name, company, cadence, last_raw)
            )
    # Most overdue first, then closest circle, then name.
    rows = sorted(rows) if limit is None else heapq.nsmallest(max(limit, 0), rows)
    read_date = date_reader()
    day_before: dict[int, dt.date] = {}  # silence in days → the day it started
    revivals = []
    for minus_overdue, circle, _, cid, name, company, cadence, last_raw in rows:
        silence = cadence - minus_overdue
        last_contact = read_date(last_raw)
        start = day_before.get(silence)
        if start is None:
            start = day_before[silence] = dt.date.fromordinal(today_ordinal - silence)
        revivals.append(
            Revival(
                cid,
                name,
                company,
                circle,
                last_contact,
                silence if last_contact is not None else None,
                cadence,
                -minus_overdue,
                start,
            )
        )
    return revivals
