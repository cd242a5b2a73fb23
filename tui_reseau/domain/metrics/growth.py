"""New qualified contacts per month.

Definition: a contact counts in the month of its ``qualified_on`` date (the day it was marked
qualified), when that day falls in the period. A contact qualified then un-qualified has no
date any more and is not counted. One SQL query: the months are computed here, the rows are
counted per day by ``GROUP BY`` and the days added up into their month.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from tui_reseau.domain.cadence import to_date
from tui_reseau.domain.metrics.common import Record, RecordKey, joined, person_name, pole_label
from tui_reseau.domain.metrics.period import Period, month_label
from tui_reseau.store.models import Contact

__all__ = ["Growth", "MonthCount", "growth", "growth_records"]

FAMILY = "growth"


@dataclass(frozen=True, slots=True)
class MonthCount:
    """The contacts qualified in one month of the period."""

    first_day: dt.date
    label: str
    count: int
    key: RecordKey


@dataclass(frozen=True, slots=True)
class Growth:
    """New qualified contacts: each month of the period, oldest first, and the total."""

    months: tuple[MonthCount, ...]
    total: int
    key: RecordKey


def _qualified_between(start: dt.date, stop: dt.date):  # -> peewee expression
    return (Contact.qualified_on >= start) & (Contact.qualified_on < stop)


def growth(period: Period) -> Growth:
    """Count the contacts qualified in each month of ``period``.

    SQL counts them per day (an index-only scan of ``qualified_on``: at most 366 groups); the
    days are added up into their month here.
    """
    bounds = period.month_bounds()
    counts = [0] * len(bounds)
    rows = (
        Contact.select(Contact.qualified_on, fn.COUNT(Contact.id))
        .where(_qualified_between(period.start, period.stop))
        .group_by(Contact.qualified_on)
        .tuples()
    )
    for day, count in rows:
        day = to_date(day)
        index = next(i for i, (_, stop) in enumerate(bounds) if day < stop)
        counts[index] += int(count)
    months = tuple(
        MonthCount(
            first,
            month_label(first),
            counts[index],
            RecordKey(FAMILY, "month", first.isoformat(), period),
        )
        for index, (first, _) in enumerate(bounds)
    )
    return Growth(months, sum(counts), RecordKey(FAMILY, "all", None, period))


def growth_records(key: RecordKey, limit: int) -> tuple[list[Record], int]:
    """The contacts behind a growth figure (a month, or the whole period), by date of
    qualification; returns (at most ``limit`` records, how many there are in all)."""
    start, stop = key.period.start, key.period.stop
    if key.dimension == "month" and key.value is not None:
        start = dt.date.fromisoformat(str(key.value))
        stop = next((s for f, s in key.period.month_bounds() if f == start), stop)
    where = _qualified_between(start, stop)
    total = Contact.select().where(where).count()
    query = (
        Contact.select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Contact.circle,
            Contact.pole,
            Contact.qualified_on,
        )
        .where(where)
        .order_by(Contact.qualified_on, Contact.id)
        .limit(limit)
        .tuples()
    )
    records = [
        Record(
            "contact",
            contact_id,
            qualified_on,
            person_name(first, last),
            company,
            joined(f"Cercle {circle}", pole_label(pole)),
            contact_id,
        )
        for contact_id, first, last, company, circle, pole, qualified_on in query
    ]
    return records, total
