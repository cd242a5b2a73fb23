"""Follow-up discipline: are the relances done on time?

Definitions (period = follow-ups whose planned date ``due_on`` falls in the period):

- due: the follow-ups of the period that are done, or whose planned date is before today (one
  planned for today and not yet done is not due yet);
- on time: done on or before the planned date (a snooze does not move it: done after the
  original date is late);
- on-time rate: on time ÷ due (« — » when nothing was due);
- done late: done after the planned date;
- overdue: not done, and expected before today — the snooze date if it was put off, else the
  planned date (the agenda's « en retard »);
- median delay: over the follow-ups due and done, the median of the days between the planned
  date and the day done, 0 for those done on time (« — » when none was done).

One SQL query groups the follow-ups of the period by delay in days (open ones together) with
``SUM(CASE …)`` counts; the median is read from that short histogram.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import Case, fn

from tui_reseau.domain.metrics.common import (
    Rate,
    Record,
    RecordKey,
    days_between,
    person_name,
)
from tui_reseau.domain.metrics.period import Period
from tui_reseau.store.models import Contact, FollowUp

__all__ = ["Discipline", "discipline", "discipline_records", "median_of_counts"]

FAMILY = "discipline"


@dataclass(frozen=True, slots=True)
class Discipline:
    """How the follow-ups of the period were kept."""

    due: int
    on_time: int
    done_late: int
    overdue: int
    median_delay_days: float | None
    period: Period

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self.on_time, self.due)

    @property
    def done(self) -> int:
        return self.on_time + self.done_late

    def key(self, measure: str) -> RecordKey:
        """The records of ``measure``: "due", "on_time", "done_late", "overdue" or "done"."""
        return RecordKey(FAMILY, measure, None, self.period)


def _planned_in(period: Period):  # -> peewee expression
    return (FollowUp.due_on >= period.start) & (FollowUp.due_on < period.stop)


def _due(period: Period):  # -> peewee expression
    return _planned_in(period) & (FollowUp.done_on.is_null(False) | (FollowUp.due_on < period.end))


def _expected():  # -> peewee expression
    return fn.COALESCE(FollowUp.snoozed_until, FollowUp.due_on)


def _conditions(period: Period) -> dict:
    done = FollowUp.done_on.is_null(False)
    return {
        "due": _due(period),
        "on_time": _due(period) & done & (FollowUp.done_on <= FollowUp.due_on),
        "done_late": _due(period) & done & (FollowUp.done_on > FollowUp.due_on),
        "done": _due(period) & done,
        "overdue": _planned_in(period) & FollowUp.done_on.is_null() & (_expected() < period.end),
    }


def median_of_counts(counts: dict[int, int]) -> float | None:
    """The median of values given as {value: how many times}; None when there are none."""
    total = sum(counts.values())
    if total == 0:
        return None
    values = sorted(counts)
    middle = [(total - 1) // 2, total // 2]  # the one or two middle positions, 0-based
    found: list[int] = []
    seen = 0
    for value in values:
        seen += counts[value]
        while middle and middle[0] < seen:
            found.append(value)
            middle.pop(0)
    return sum(found) / len(found)


def discipline(period: Period) -> Discipline:
    """On-time rate, late and overdue counts, and median delay of the follow-ups of ``period``.

    One grouped query: by delay in days for the done ones (NULL for the open ones), with the
    counts of due and overdue follow-ups in each group.
    """
    conditions = _conditions(period)
    done = FollowUp.done_on.is_null(False)
    delay = Case(None, [(done, days_between(FollowUp.done_on, FollowUp.due_on))], None)
    counts = [fn.SUM(Case(None, [(conditions[name], 1)], 0)) for name in ("due", "overdue")]
    due_n = overdue_n = on_time_n = late_n = 0
    histogram: dict[int, int] = {}
    for days, due, overdue in (
        FollowUp.select(delay, *counts).where(_planned_in(period)).group_by(delay).tuples()
    ):
        due, overdue = int(due or 0), int(overdue or 0)
        due_n += due
        overdue_n += overdue
        if days is None or not due:
            continue
        days = int(days)
        if days <= 0:
            on_time_n += due
        else:
            late_n += due
        histogram[max(0, days)] = histogram.get(max(0, days), 0) + due
    return Discipline(due_n, on_time_n, late_n, overdue_n, median_of_counts(histogram), period)


def _status(
    due_on: dt.date, snoozed: dt.date | None, done_on: dt.date | None, today: dt.date
) -> str:
    if done_on is not None:
        late = (done_on - due_on).days
        return f"faite avec {late} j de retard" if late > 0 else "faite à temps"
    expected = snoozed or due_on
    if expected < today:
        return f"en retard de {(today - expected).days} j"
    if snoozed is not None:
        return f"reportée au {snoozed:%d/%m/%Y}"
    return "à faire"


def discipline_records(key: RecordKey, limit: int) -> tuple[list[Record], int]:
    """The follow-ups behind a discipline figure, by planned date; (at most ``limit``, total)."""
    period = key.period
    where = _conditions(period).get(key.dimension, _due(period))
    total = FollowUp.select().where(where).count()
    rows = (
        FollowUp.select(
            FollowUp.id,
            FollowUp.due_on,
            FollowUp.snoozed_until,
            FollowUp.done_on,
            FollowUp.reason,
            FollowUp.contact,
            Contact.first_name,
            Contact.last_name,
        )
        .join(Contact)
        .where(where)
        .order_by(FollowUp.due_on, FollowUp.id)
        .limit(limit)
        .tuples()
    )
    records = [
        Record(
            "follow_up",
            follow_up_id,
            due_on,
            person_name(first, last),
            reason or "(sans motif)",
            _status(due_on, snoozed, done_on, period.end),
            contact_id,
        )
        for follow_up_id, due_on, snoozed, done_on, reason, contact_id, first, last in rows
    ]
    return records, total
