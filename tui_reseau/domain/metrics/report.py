"""All the metrics of a period at once: what the « Indicateurs » screen shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tui_reseau.domain.metrics.conversion import Conversion, conversion
from tui_reseau.domain.metrics.discipline import Discipline, discipline
from tui_reseau.domain.metrics.growth import Growth, growth
from tui_reseau.domain.metrics.period import Period, period_for
from tui_reseau.domain.metrics.recommendations import Recommendations, recommendations
from tui_reseau.domain.metrics.roi import Roi, roi
from tui_reseau.store.cache import roomy_cache
from tui_reseau.store.models import database_proxy

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


def compute_metrics(period: Period | str, today: dt.date | None = None) -> MetricsReport:
    """Compute every metric over ``period`` (a Period, or a code of ``PERIOD_KEYS`` with
    ``today``), in one read transaction so that the figures agree with each other."""
    if isinstance(period, str):
        period = period_for(period, today or dt.date.today())
    with roomy_cache(), database_proxy.atomic():
        return MetricsReport(
            period,
            growth(period),
            conversion(period),
            recommendations(period),
            roi(period),
            discipline(period),
        )
