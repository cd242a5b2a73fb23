"""Conversion of the contacts met into opportunities, and into business won.

Definitions:

- the cohort: the contacts met in the period — their ``met_on`` date, else the day they were
  recorded (``created_at``), falls in the period;
- converted: a contact of the cohort with at least one opportunity (any stage) opened up to the
  end of the period, whenever it was opened;
- won: a contact of the cohort with at least one opportunity at the stage « gagnée »;
- rates: converted ÷ cohort and won ÷ cohort (« — » for an empty cohort);
- by circle, by pole, and by channel: the channel of the first meeting (``met_via``).

Two SQL queries group the cohort, and its contacts having opportunities, by (channel, circle,
pole); the three breakdowns and the overall figure are sums of those few groups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from peewee import Case, fn

from tui_reseau.domain.cadence import to_date
from tui_reseau.domain.metrics.common import (
    Rate,
    Record,
    RecordKey,
    channel_label,
    joined,
    met_date,
    met_in,
    person_name,
    pole_label,
)
from tui_reseau.domain.metrics.period import Period
from tui_reseau.domain.vocabulary import CHANNELS, Pole
from tui_reseau.store.models import Contact, Opportunity

__all__ = ["Conversion", "ConversionRow", "conversion", "conversion_records"]

FAMILY = "conversion"
WON = "gagnee"
DIMENSIONS = ("circle", "pole", "channel")


@dataclass(frozen=True, slots=True)
class ConversionRow:
    """One slice of the cohort: how many were met, how many have an opportunity, how many won."""

    label: str
    met: int
    converted: int
    won: int
    key: RecordKey

    @property
    def converted_rate(self) -> Rate:
        return Rate(self.converted, self.met)

    @property
    def won_rate(self) -> Rate:
        return Rate(self.won, self.met)


@dataclass(frozen=True, slots=True)
class Conversion:
    """The whole cohort, then its slices by circle, pole and channel of first meeting."""

    overall: ConversionRow
    by_circle: tuple[ConversionRow, ...]
    by_pole: tuple[ConversionRow, ...]
    by_channel: tuple[ConversionRow, ...]


def _has_opportunity(period: Period, won: bool = False):  # -> peewee expression
    # IN (sub-query) rather than a correlated EXISTS: the opportunities are read once (SQLite
    # builds a temporary index of them, PostgreSQL a hashed sub-plan), not once per contact.
    where = Opportunity.opened_on < period.stop
    if won:
        where &= Opportunity.stage == WON
    return Contact.id.in_(Opportunity.select(Opportunity.contact).where(where))


def _flag(condition):  # -> peewee expression: 1 or 0
    return Case(None, [(condition, 1)], 0)


def _dimension_label(dimension: str, value: object) -> str:
    if dimension == "circle":
        return f"Cercle {value}"
    if dimension == "pole":
        return pole_label(value)  # type: ignore[arg-type]
    return channel_label(value)  # type: ignore[arg-type]


def _order(dimension: str, value: object) -> tuple[int, str]:
    """Circles 1-2-3, poles and channels in the vocabulary's order; missing values last."""
    if value is None:
        return (999, "")
    if dimension == "circle":
        return (int(value), "")  # type: ignore[call-overload]
    codes = [p.value for p in Pole] if dimension == "pole" else list(CHANNELS)
    return (codes.index(value), "") if value in codes else (998, str(value))


def conversion(period: Period) -> Conversion:
    """Conversion of the contacts met in ``period``, overall and by circle, pole and channel.

    Two grouped queries by (channel, circle, pole): the cohort, then the cohort's contacts
    reached from their opportunities (``COUNT(DISTINCT …)``), which reads the few
    opportunities instead of testing every contact met.
    """
    groups = (Contact.met_via, Contact.circle, Contact.pole)
    met_rows = (
        Contact.select(*groups, fn.COUNT(Contact.id))
        .where(met_in(period))
        # met_via leads: no index on it, so SQLite scans the table instead of walking the
        # circle index and fetching each row.
        .group_by(*groups)
        .tuples()
    )
    won_contact = Case(None, [(Opportunity.stage == WON, Contact.id)], None)
    converted_rows = (
        Opportunity.select(
            *groups, fn.COUNT(Contact.id.distinct()), fn.COUNT(won_contact.distinct())
        )
        .join(Contact, on=Opportunity.contact == Contact.id)
        .where(met_in(period) & (Opportunity.opened_on < period.stop))
        .group_by(*groups)
        .tuples()
    )
    figures: dict[tuple, list[int]] = {}
    for via, circle, pole, met in met_rows:
        figures[(via, circle, pole)] = [int(met), 0, 0]
    for via, circle, pole, converted, won in converted_rows:
        figures[(via, circle, pole)][1:] = [int(converted), int(won)]
    sums: dict[str, dict[object, list[int]]] = {
        d: defaultdict(lambda: [0, 0, 0]) for d in DIMENSIONS
    }
    total = [0, 0, 0]
    for (channel, circle, pole), counts in figures.items():
        for dimension, value in zip(DIMENSIONS, (circle, pole, channel), strict=True):
            slot = sums[dimension][value]
            for i, figure in enumerate(counts):
                slot[i] += figure
        for i, figure in enumerate(counts):
            total[i] += figure

    def slices(dimension: str) -> tuple[ConversionRow, ...]:
        values = sorted(sums[dimension], key=lambda v: _order(dimension, v))
        return tuple(
            ConversionRow(
                _dimension_label(dimension, value),
                *sums[dimension][value],
                RecordKey(FAMILY, dimension, value, period),  # type: ignore[arg-type]
            )
            for value in values
        )

    overall = ConversionRow(
        "Tous les contacts rencontrés", *total, RecordKey(FAMILY, "all", None, period)
    )
    return Conversion(overall, slices("circle"), slices("pole"), slices("channel"))


def conversion_records(key: RecordKey, limit: int) -> tuple[list[Record], int]:
    """The contacts of the cohort slice behind ``key``: those with a won opportunity first,
    then those with an opportunity, then the others; (at most ``limit`` records, total)."""
    period = key.period
    where = met_in(period)
    column = {"circle": Contact.circle, "pole": Contact.pole, "channel": Contact.met_via}.get(
        key.dimension
    )
    if column is not None:
        where &= column.is_null() if key.value is None else column == key.value
    total = Contact.select().where(where).count()
    converted = _flag(_has_opportunity(period))
    won = _flag(_has_opportunity(period, won=True))
    query = (
        Contact.select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Contact.circle,
            Contact.pole,
            Contact.met_via,
            met_date(),
            converted,
            won,
        )
        .where(where)
        .order_by(won.desc(), converted.desc(), Contact.last_name, Contact.first_name, Contact.id)
        .limit(limit)
        .tuples()
    )
    records = []
    for contact_id, first, last, company, circle, pole, via, met, is_converted, is_won in query:
        outcome = "gagnée" if is_won else "opportunité" if is_converted else "—"
        records.append(
            Record(
                "contact",
                contact_id,
                to_date(met),
                person_name(first, last),
                joined(company, f"Cercle {circle}", pole_label(pole), channel_label(via)),
                outcome,
                contact_id,
            )
        )
    return records, total
