"""The five sections of the « Indicateurs » screen: a report's figures as groups of bars.

Pure presentation: plain data in (one family of metrics), :class:`BarGroup` out; every line
keeps the :class:`RecordKey` of its figure so that Enter opens the records behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui_reseau.domain.dates import format_date
from tui_reseau.domain.metrics.common import euros, number
from tui_reseau.domain.metrics.conversion import Conversion, ConversionRow
from tui_reseau.domain.metrics.discipline import Discipline
from tui_reseau.domain.metrics.growth import Growth
from tui_reseau.domain.metrics.recommendations import RecommendationRow, Recommendations
from tui_reseau.domain.metrics.roi import Roi, RoiRow
from tui_reseau.ui.widgets.bar_chart import Bar, BarGroup

SECTIONS: tuple[tuple[str, str], ...] = (
    ("growth", "Qualifiés"),
    ("conversion", "Conversion"),
    ("recommendations", "Recommandations"),
    ("roi", "Temps investi"),
    ("discipline", "Relances"),
)
"""Section code and its tab title, in the order of the keys 1 to 5."""

MAX_EVENTS = 30  # events listed in the ROI section (the best paying); the note says how many


def _plural(count: int, one: str, many: str) -> str:
    return f"{number(count)} {one if count <= 1 else many}"


def growth_groups(growth: Growth) -> list[BarGroup]:
    headline = Bar("Nouveaux qualifiés", None, number(growth.total), growth.key)
    months = tuple(
        Bar(month.label, month.count, number(month.count), month.key) for month in growth.months
    )
    return [
        BarGroup("Nouveaux contacts qualifiés", (headline,)),
        BarGroup("Par mois de qualification", months),
    ]


def _conversion_bar(row: ConversionRow) -> Bar:
    text = (
        f"{row.converted}/{row.met} {row.converted_rate.text:>6}"
        f" · gagnés {row.won} {row.won_rate.text:>6}"
    )
    return Bar(row.label, row.converted_rate.value, text, row.key)


def conversion_groups(conversion: Conversion) -> list[BarGroup]:
    overall = conversion.overall
    headline = (
        Bar("Contacts rencontrés", None, number(overall.met), overall.key),
        Bar(
            "… avec une opportunité",
            overall.converted_rate.value,
            f"{overall.converted} · {overall.converted_rate.text}",
            overall.key,
        ),
        Bar(
            "… dont une gagnée",
            overall.won_rate.value,
            f"{overall.won} · {overall.won_rate.text}",
            overall.key,
        ),
    )
    note = "convertis/rencontrés, taux · contacts avec une opportunité gagnée, taux"
    return [
        BarGroup("Contacts rencontrés dans la période → opportunités", headline),
        BarGroup("Par cercle", tuple(map(_conversion_bar, conversion.by_circle)), note),
        BarGroup("Par pôle", tuple(map(_conversion_bar, conversion.by_pole))),
        BarGroup(
            "Par canal de la première rencontre", tuple(map(_conversion_bar, conversion.by_channel))
        ),
    ]


def _recommendation_bar(row: RecommendationRow) -> Bar:
    text = f"{row.count} · {_plural(row.opportunities, 'opp.', 'opp.')} · {euros(row.won_eur)}"
    return Bar(row.label, row.count, text, row.key)


def recommendation_groups(recs: Recommendations) -> list[BarGroup]:
    total = recs.total
    headline = (
        Bar("Recommandations reçues", None, number(total.count), total.key),
        Bar("… de prescripteurs", None, number(recs.recommenders), total.key),
        Bar("Opportunités nées", None, number(total.opportunities), total.key),
        Bar("Gagné", None, euros(total.won_eur), total.key),
    )
    note = "recommandations · opportunités nées · euros gagnés"
    return [
        BarGroup("Recommandations reçues dans la période", headline),
        BarGroup("Meilleurs prescripteurs", tuple(map(_recommendation_bar, recs.top)), note),
        BarGroup("Par cercle du prescripteur", tuple(map(_recommendation_bar, recs.by_circle))),
        BarGroup("Par canal", tuple(map(_recommendation_bar, recs.by_channel))),
    ]


def _per_hour(value: float | None, unit: str) -> str:
    return f"{number(value)} {unit}/h" if value is not None else "— (0 h)"


def _roi_bar(row: RoiRow, with_date: bool) -> Bar:
    detail = " · ".join(
        (
            f"{number(row.hours)} h",
            f"{_plural(row.contacts, 'contact', 'contacts')}"
            f" ({_plural(row.qualified, 'qualifié', 'qualifiés')})",
            _plural(row.opportunities, "opp.", "opp."),
            f"{euros(row.won_eur)} gagnés",
            _per_hour(row.contacts_per_hour, "contact"),
        )
    )
    if with_date and row.day is not None:
        detail = f"{format_date(row.day)} · {detail}"
    won = row.won_per_hour
    text = f"{euros(won)}/h" if won is not None else "— (0 h)"
    return Bar(row.name, won, text, row.key, detail)


def roi_groups(roi: Roi) -> list[BarGroup]:
    events = roi.events[:MAX_EVENTS]
    note = "euros gagnés par heure ; dessous : heures, contacts, opportunités, euros"
    event_note = note
    if len(roi.events) > MAX_EVENTS:
        event_note = f"les {MAX_EVENTS} meilleurs sur {len(roi.events)} ; {note}"
    return [
        BarGroup(
            "Communautés, les plus rentables d'abord",
            tuple(_roi_bar(row, False) for row in roi.communities),
            note,
        ),
        BarGroup(
            "Événements, les plus rentables d'abord",
            tuple(_roi_bar(row, True) for row in events),
            event_note,
        ),
    ]


def discipline_groups(d: Discipline) -> list[BarGroup]:
    rate = d.on_time_rate
    delay = d.median_delay_days
    delay_text = "—" if delay is None else f"{number(delay)} j"
    bars = (
        Bar("Échues", d.due, number(d.due), d.key("due")),
        Bar("Faites à l'heure", d.on_time, f"{d.on_time} · {rate.text}", d.key("on_time")),
        Bar("Faites en retard", d.done_late, number(d.done_late), d.key("done_late")),
        Bar("En retard, pas faites", d.overdue, number(d.overdue), d.key("overdue")),
    )
    delays = (Bar("Délai médian", None, delay_text, d.key("done")),)
    return [
        BarGroup("Relances prévues dans la période", bars, f"taux à l'heure : {rate.text}"),
        BarGroup(
            "Délai entre le jour prévu et le jour fait", delays, "0 j pour celles faites à temps"
        ),
    ]


BUILDERS: dict[str, Callable[[Any], list[BarGroup]]] = {
    "growth": growth_groups,
    "conversion": conversion_groups,
    "recommendations": recommendation_groups,
    "roi": roi_groups,
    "discipline": discipline_groups,
}


def section_groups(section: str, figures: object) -> list[BarGroup]:
    """The groups of bars of ``section`` (one of :data:`SECTIONS`) for its family's figures."""
    return BUILDERS[section](figures)
