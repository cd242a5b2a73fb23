"""What every family of metrics shares: the key that opens a figure's records, the record rows,
ratios that say « — » rather than divide by zero, and the few SQL expressions they all use.

All SQL is portable (SQLite and PostgreSQL): periods are compared as half-open ranges, the one
date difference needed is written per database by :func:`days_between`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import SqliteDatabase, fn

from tui_reseau.domain.metrics.period import Period
from tui_reseau.domain.vocabulary import CHANNELS, POLE_SHORT_LABELS, label
from tui_reseau.store.models import Contact, database_proxy

__all__ = [
    "NOT_GIVEN",
    "Rate",
    "Record",
    "RecordKey",
    "channel_label",
    "days_between",
    "euros",
    "joined",
    "met_date",
    "met_in",
    "number",
    "percent",
    "person_name",
    "pole_label",
    "ratio",
]

NOT_GIVEN = "non renseigné"
"""The label of a missing circle, pole or channel."""

DASH = "—"


@dataclass(frozen=True, slots=True)
class RecordKey:
    """What is needed to list the records behind a figure.

    ``family`` (growth, conversion, recommendations, roi, discipline), ``dimension`` (e.g.
    "circle", "month", "event"), ``value`` (the circle 2, the month "2026-09-01", the event id;
    None for a missing value), and the period the figure was computed on.
    """

    family: str
    dimension: str
    value: str | int | None
    period: Period


@dataclass(frozen=True, slots=True)
class Record:
    """One row behind a figure: a contact, an opportunity, a recommendation, an event…

    ``title`` says who or what, ``detail`` the context, ``value`` the measured part (a stage
    and an amount, a delay…); ``contact_id`` is the person whose card Enter opens (None when
    there is none, e.g. a community).
    """

    kind: str
    id: int
    day: dt.date | None
    title: str
    detail: str
    value: str
    contact_id: int | None


def ratio(numerator: float | Decimal, denominator: float | Decimal) -> float | None:
    """``numerator / denominator``, or None when the denominator is 0 (shown « — »)."""
    if not denominator:
        return None
    return float(numerator) / float(denominator)


@dataclass(frozen=True, slots=True)
class Rate:
    """A share: ``part`` of ``whole``; ``value`` is None when ``whole`` is 0."""

    part: int
    whole: int

    @property
    def value(self) -> float | None:
        return ratio(self.part, self.whole)

    @property
    def text(self) -> str:
        """« 25 % », « 8,3 % » under 10 %, « — » when there is nothing to divide by."""
        return percent(self.value)


def percent(value: float | None) -> str:
    """A ratio as a French percentage: « 25 % », « 8,3 % », « — » for None."""
    if value is None:
        return DASH
    share = value * 100
    if 0 < share < 10:
        return f"{share:.1f} %".replace(".", ",")
    return f"{round(share)} %"


def number(value: float | Decimal | None, decimals: int = 1) -> str:
    """« 12 », « 1,5 », « 12 345 » (grouped by thousands); « — » for None."""
    if value is None:
        return DASH
    value = float(value)
    if value == round(value) or abs(value) >= 100:
        return f"{round(value):,}".replace(",", " ")
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


def euros(value: float | Decimal | None) -> str:
    """« 12 500 € », « — » for None."""
    if value is None:
        return DASH
    return f"{round(float(value)):,} €".replace(",", " ")


def met_date():  # -> peewee expression
    """The day we met a contact: ``met_on``, else the day they were recorded (``created_at``)."""
    return fn.COALESCE(Contact.met_on, Contact.created_at)


def met_in(period: Period):  # -> peewee expression
    """Contacts met in ``period`` (see :func:`met_date`)."""
    met = met_date()
    return (met >= period.start.isoformat()) & (met < period.stop.isoformat())


def days_between(later, earlier):  # -> peewee expression
    """SQL for the number of days from ``earlier`` to ``later`` (two date columns)."""
    if isinstance(database_proxy.obj, SqliteDatabase):
        return (fn.julianday(later) - fn.julianday(earlier)).cast("INTEGER")
    return later - earlier


def person_name(first: str | None, last: str | None) -> str:
    """« Prénom Nom », or « (sans nom) »."""
    return f"{first or ''} {last or ''}".strip() or "(sans nom)"


def joined(*parts: str | None) -> str:
    """The non-empty ``parts`` joined with « · »."""
    return " · ".join(part for part in parts if part)


def pole_label(code: str | None) -> str:
    """« Lille », « Amiens »…; the code itself if unknown; « non renseigné » for None."""
    return POLE_SHORT_LABELS.get(code, code) if code else NOT_GIVEN  # type: ignore[call-overload]


def channel_label(code: str | None) -> str:
    """« Déjeuner », « Événement »…; « non renseigné » for None."""
    return label(CHANNELS, code) if code else NOT_GIVEN
