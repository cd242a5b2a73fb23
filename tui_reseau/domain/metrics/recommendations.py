"""Where the recommendations received come from: by recommender, by circle, by channel.

Definitions: a recommendation counts when it was received (``received_on``) in the period. Its
circle is the recommender's circle; its channel is the one recorded with it. Next to each count,
what those recommendations yielded: the opportunities linked to them (any stage, opened whenever)
and the euros of those won. The top recommenders are the 10 who recommended us most in the period
(then by euros won, then by name). A recommendation whose recommender was deleted is counted
under « inconnu ».

Two grouped SQL queries (recommendations, then their opportunities, by recommender and
channel); the people, channels, circles and totals are sums of those groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN, Case, fn

from tui_reseau.domain.metrics.common import (
    Record,
    RecordKey,
    channel_label,
    euros,
    joined,
    person_name,
)
from tui_reseau.domain.metrics.period import Period
from tui_reseau.domain.vocabulary import CHANNELS
from tui_reseau.store.models import Contact, Opportunity, Recommendation

__all__ = [
    "TOP_RECOMMENDERS",
    "RecommendationRow",
    "Recommendations",
    "recommendation_records",
    "recommendations",
]

FAMILY = "recommendations"
TOP_RECOMMENDERS = 10
UNKNOWN_RECOMMENDER = "inconnu (contact supprimé)"
WON = "gagnee"


@dataclass(frozen=True, slots=True)
class RecommendationRow:
    """Recommendations received from one source, and what they yielded."""

    label: str
    count: int
    opportunities: int
    won_eur: Decimal
    key: RecordKey


@dataclass(frozen=True, slots=True)
class Recommendations:
    """All recommendations received in the period, then by source."""

    total: RecommendationRow
    recommenders: int
    top: tuple[RecommendationRow, ...]
    by_circle: tuple[RecommendationRow, ...]
    by_channel: tuple[RecommendationRow, ...]


def _received_in(period: Period):  # -> peewee expression
    return (Recommendation.received_on >= period.start) & (Recommendation.received_on < period.stop)


def _won_value():  # -> peewee expression
    return Case(None, [(Opportunity.stage == WON, fn.COALESCE(Opportunity.value_eur, 0))], 0)


def _money(value: object) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def recommendations(period: Period) -> Recommendations:
    """The recommendations received in ``period``: total, top recommenders, by circle, by channel.

    Two grouped queries: the recommendations, then their opportunities, by (recommender,
    channel); the people, channels, circles and totals add up those groups.
    """
    received = _received_in(period)
    # Grouped by (recommender, channel) first, then the recommenders' names and circles are
    # looked up for those few groups; channels and people are sums of the groups.
    grouped = (
        Recommendation.select(
            Recommendation.recommender.alias("rid"),
            Recommendation.channel.alias("channel"),
            fn.COUNT(Recommendation.id).alias("n"),
        )
        .where(received)
        .group_by(Recommendation.recommender, Recommendation.channel)
    )
    named = grouped.select_from(
        grouped.c.rid,
        grouped.c.channel,
        Contact.first_name,
        Contact.last_name,
        Contact.circle,
        grouped.c.n,
    ).join(Contact, JOIN.LEFT_OUTER, on=Contact.id == grouped.c.rid)
    people: dict[int | None, list] = {}  # recommender -> [name, circle, count, opps, won]
    channels: dict[str | None, list] = {}  # channel -> [count, opps, won]
    for person_id, channel, first, last, circle, n in named.tuples():
        if person_id not in people:
            name = person_name(first, last) if person_id is not None else UNKNOWN_RECOMMENDER
            people[person_id] = [name, circle, 0, 0, Decimal(0)]
        people[person_id][2] += int(n)
        channels.setdefault(channel, [0, 0, Decimal(0)])[0] += int(n)
    for person_id, channel, n, won in (
        Opportunity.select(
            Recommendation.recommender,
            Recommendation.channel,
            fn.COUNT(Opportunity.id),
            fn.SUM(_won_value()),
        )
        .join(Recommendation, on=Opportunity.recommendation == Recommendation.id)
        .where(received)
        .group_by(Recommendation.recommender, Recommendation.channel)
        .tuples()
    ):
        people[person_id][3] += int(n)
        people[person_id][4] += _money(won)
        channels[channel][1] += int(n)
        channels[channel][2] += _money(won)
    circles: dict[int | None, list] = {}
    for _, circle, *figures in people.values():
        slot = circles.setdefault(circle, [0, 0, Decimal(0)])
        for i, figure in enumerate(figures):
            slot[i] += figure

    def row(label: str, dimension: str, value: object, figures: list) -> RecommendationRow:
        return RecommendationRow(label, *figures, RecordKey(FAMILY, dimension, value, period))  # type: ignore[arg-type]

    totals = [sum(f[i] for f in channels.values()) for i in range(3)]
    total = row(
        "Toutes les recommandations", "all", None, [totals[0], totals[1], Decimal(totals[2])]
    )
    top = sorted(
        (row(name, "recommender", pid, figures) for pid, (name, _, *figures) in people.items()),
        key=lambda r: (-r.count, -r.won_eur, r.label),
    )
    by_circle = [
        row(f"Cercle {c}" if c is not None else UNKNOWN_RECOMMENDER, "circle", c, figures)
        for c, figures in sorted(circles.items(), key=lambda item: (item[0] is None, item[0] or 0))
    ]
    codes = list(CHANNELS)
    by_channel = sorted(
        (row(channel_label(code), "channel", code, figures) for code, figures in channels.items()),
        key=lambda r: (-r.count, codes.index(r.key.value) if r.key.value in codes else 99),
    )
    return Recommendations(
        total,
        sum(1 for p in people if p is not None),
        tuple(top[:TOP_RECOMMENDERS]),
        tuple(by_circle),
        tuple(by_channel),
    )


def recommendation_records(key: RecordKey, limit: int) -> tuple[list[Record], int]:
    """The recommendations behind ``key``, most recent first; each with what it yielded.
    Returns (at most ``limit`` records, total)."""
    where = _received_in(key.period)
    column = {
        "recommender": Recommendation.recommender,
        "circle": Contact.circle,
        "channel": Recommendation.channel,
    }.get(key.dimension)
    if column is not None:
        where &= column.is_null() if key.value is None else column == key.value
    base = Recommendation.select(Recommendation.id).join(
        Contact, JOIN.LEFT_OUTER, on=Recommendation.recommender == Contact.id
    )
    total = base.where(where).count()
    won_value = _won_value()
    query = (
        Recommendation.select(
            Recommendation.id,
            Recommendation.received_on,
            Recommendation.recommender,
            Contact.first_name,
            Contact.last_name,
            Recommendation.for_what,
            Recommendation.channel,
            Contact.circle,
        )
        .join(Contact, JOIN.LEFT_OUTER, on=Recommendation.recommender == Contact.id)
        .where(where)
        .order_by(Recommendation.received_on.desc(), Recommendation.id.desc())
        .limit(limit)
        .tuples()
    )
    rows = list(query)
    outcomes: dict[int, tuple[int, Decimal]] = {}
    if rows:
        ids = [row[0] for row in rows]
        for rec_id, n, won_eur in (
            Opportunity.select(
                Opportunity.recommendation, fn.COUNT(Opportunity.id), fn.SUM(won_value)
            )
            .where(Opportunity.recommendation.in_(ids))
            .group_by(Opportunity.recommendation)
            .tuples()
        ):
            outcomes[rec_id] = (int(n), _money(won_eur))
    records = []
    for rec_id, received, person_id, first, last, for_what, channel, circle in rows:
        name = person_name(first, last) if person_id is not None else UNKNOWN_RECOMMENDER
        n, won_eur = outcomes.get(rec_id, (0, Decimal(0)))
        if won_eur:
            value = f"gagnée {euros(won_eur)}"
        elif n:
            value = f"{n} opportunité{'s' if n > 1 else ''}"
        else:
            value = "—"
        circle_text = f"Cercle {circle}" if circle is not None else ""
        records.append(
            Record(
                "recommendation",
                rec_id,
                received,
                name,
                joined(for_what, circle_text, channel_label(channel)),
                value,
                person_id,
            )
        )
    return records, total
