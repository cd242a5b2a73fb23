"""The metrics of the method: « concentrez-vous sur les canaux qui rapportent le plus ».

Five families, one module each (``growth``, ``conversion``, ``recommendations``, ``roi``,
``discipline``), over a :class:`Period`; every figure is aggregated in SQL (portable: SQLite and
PostgreSQL), comes back as plain dataclasses, and carries the :class:`RecordKey` that
:func:`records` turns into the rows behind it. No Textual here.
"""

from __future__ import annotations

from tui_reseau.domain.metrics.common import Rate, Record, RecordKey
from tui_reseau.domain.metrics.definitions import DEFINITIONS
from tui_reseau.domain.metrics.period import DEFAULT_PERIOD, PERIOD_KEYS, Period, period_for
from tui_reseau.domain.metrics.records import RecordList, records
from tui_reseau.domain.metrics.report import (
    FAMILIES,
    MetricsReport,
    compute_family,
    compute_metrics,
)

__all__ = [
    "DEFAULT_PERIOD",
    "DEFINITIONS",
    "FAMILIES",
    "PERIOD_KEYS",
    "MetricsReport",
    "Period",
    "Rate",
    "Record",
    "RecordKey",
    "RecordList",
    "compute_family",
    "compute_metrics",
    "period_for",
    "records",
]
