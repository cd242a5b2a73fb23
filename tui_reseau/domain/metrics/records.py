"""The records behind any figure: « no number that cannot be checked ».

Each figure of the report carries a :class:`RecordKey`; :func:`records` lists the rows it counts
(contacts, opportunities, recommendations, events, involvements, follow-ups), with the same
definitions as the figure, as plain :class:`Record` rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tui_reseau.domain.metrics.common import Record, RecordKey
from tui_reseau.domain.metrics.conversion import conversion_records
from tui_reseau.domain.metrics.discipline import discipline_records
from tui_reseau.domain.metrics.growth import growth_records
from tui_reseau.domain.metrics.recommendations import recommendation_records
from tui_reseau.domain.metrics.roi import roi_records

__all__ = ["MAX_RECORDS", "RecordList", "records"]

MAX_RECORDS = 1000
"""Rows listed per kind; the total says how many there are in all."""

_BY_FAMILY: dict[str, Callable[[RecordKey, int], tuple[list[Record], int]]] = {
    "growth": growth_records,
    "conversion": conversion_records,
    "recommendations": recommendation_records,
    "roi": roi_records,
    "discipline": discipline_records,
}


@dataclass(frozen=True, slots=True)
class RecordList:
    """The rows behind a figure (at most :data:`MAX_RECORDS` of each kind) and their count."""

    key: RecordKey
    rows: tuple[Record, ...]
    total: int

    @property
    def complete(self) -> bool:
        return len(self.rows) == self.total


def records(key: RecordKey, limit: int = MAX_RECORDS) -> RecordList:
    """The records behind the figure ``key`` (raises KeyError for an unknown family)."""
    rows, total = _BY_FAMILY[key.family](key, limit)
    return RecordList(key, tuple(rows), total)
