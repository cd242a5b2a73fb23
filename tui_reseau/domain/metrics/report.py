"""All the metrics of a period at once: what the « Indicateurs » screen shows."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from peewee import SqliteDatabase

from tui_reseau.domain.metrics.conversion import Conversion, conversion
from tui_reseau.domain.metrics.discipline import Discipline, discipline
from tui_reseau.domain.metrics.growth import Growth, growth
from tui_reseau.domain.metrics.period import Period, period_for
from tui_reseau.domain.metrics.recommendations import Recommendations, recommendations
from tui_reseau.domain.metrics.roi import Roi, roi
from tui_reseau.store.models import database_proxy

READ_CACHE_KIB = 64 * 1024
"""SQLite page cache while computing (the default is 2 MiB): the contacts' pages read by the
first family stay in memory for the next ones (measured at 100 000 contacts: about half the
time; see benchmarks/bench_metrics.py)."""

__all__ = ["MetricsReport", "compute_metrics"]


@dataclass(frozen=True, slots=True)
class MetricsReport:
    """The five families of metrics over one period."""

    period: Period
    growth: Growth
    conversion: Conversion
    recommendations: Recommendations
    roi: Roi
    discipline: Discipline


@contextlib.contextmanager
def _roomy_cache() -> Iterator[None]:
    """SQLite: a larger page cache for the time of the computation, then as before."""
    database = database_proxy.obj
    if not isinstance(database, SqliteDatabase):
        yield
        return
    previous = int(database.execute_sql("PRAGMA cache_size").fetchone()[0])
    database.execute_sql(f"PRAGMA cache_size = {-READ_CACHE_KIB}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA cache_size = {previous}")


def compute_metrics(period: Period | str, today: dt.date | None = None) -> MetricsReport:
    """Compute every metric over ``period`` (a Period, or a code of ``PERIOD_KEYS`` with
    ``today``), in one read transaction so that the figures agree with each other."""
    if isinstance(period, str):
        period = period_for(period, today or dt.date.today())
    with _roomy_cache(), database_proxy.atomic():
        return MetricsReport(
            period,
            growth(period),
            conversion(period),
            recommendations(period),
            roi(period),
            discipline(period),
        )
