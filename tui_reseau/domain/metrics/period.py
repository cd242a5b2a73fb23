"""The period the metrics look at: the last 3, 6 or 12 months, or this year, up to today.

A period is made of whole calendar months ending with the current one, so the monthly charts
have whole bars: « 3 derniers mois » on 26/11/2026 runs from 01/09/2026 to 26/11/2026 included
(September, October, November so far). « Cette année » runs from 1 January to today. The end
is always today: what happens later (planned follow-ups, future events) is not counted.

In SQL a period is the half-open range ``[start, stop)`` with ``stop = end + 1 day``: it reads
the same on a date column and on a date-time column (``created_at``), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "DEFAULT_PERIOD",
    "MONTH_NAMES",
    "PERIOD_KEYS",
    "Period",
    "month_label",
    "period_for",
]

MONTH_NAMES = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)

PERIOD_KEYS: dict[str, tuple[int | None, str]] = {
    "3m": (3, "3 derniers mois"),
    "6m": (6, "6 derniers mois"),
    "12m": (12, "12 derniers mois"),
    "year": (None, "cette année"),
}
"""Period codes → (months counted, current one included; None: since 1 January), French label."""

DEFAULT_PERIOD = "12m"


def _first_of_month(day: dt.date, months_back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months_back
    return dt.date(index // 12, index % 12 + 1, 1)


def month_label(first_day: dt.date) -> str:
    """« sept. 2026 »: a month as the charts show it."""
    return f"{MONTH_NAMES[first_day.month - 1]} {first_day.year}"


@dataclass(frozen=True, slots=True)
class Period:
    """Whole calendar months from ``start`` to ``end`` (today), both included."""

    key: str
    label: str
    start: dt.date
    end: dt.date

    @property
    def stop(self) -> dt.date:
        """The day after ``end``: the exclusive bound used in SQL."""
        return self.end + dt.timedelta(days=1)

    @property
    def months(self) -> tuple[dt.date, ...]:
        """The first day of each month of the period, oldest first."""
        firsts = []
        month = self.start
        while month <= self.end:
            firsts.append(month)
            month = _first_of_month(month, -1)
        return tuple(firsts)

    def month_bounds(self) -> tuple[tuple[dt.date, dt.date], ...]:
        """Each month as a half-open range ``[first day, next first day or stop)``."""
        firsts = self.months
        stops = (*firsts[1:], self.stop)
        return tuple(zip(firsts, stops, strict=True))

    def describe(self) -> str:
        """« 12 derniers mois, du 01/12/2025 au 26/11/2026 »."""
        return f"{self.label}, du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def period_for(key: str, today: dt.date) -> Period:
    """The period ``key`` (one of :data:`PERIOD_KEYS`) seen from ``today``.

    Raises KeyError for an unknown code.
    """
    months, label = PERIOD_KEYS[key]
    start = dt.date(today.year, 1, 1) if months is None else _first_of_month(today, months - 1)
    return Period(key, label, start, today)
