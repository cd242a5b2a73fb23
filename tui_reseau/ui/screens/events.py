"""The events attended: date, name, place, organiser, hours, cost, people met — newest first.

``a`` adds, ``e`` edits, Suppr deletes (after confirmation by button or ctrl+s), Entrée opens the
event (the people met there). The list is read in a worker each time the screen comes back on
top, so every change made in a form or in the event's screen shows at once.
"""

from __future__ import annotations

from decimal import Decimal

from textual.screen import Screen

from tui_reseau.display import safe_text
from tui_reseau.domain import events as events_service
from tui_reseau.domain.dates import format_date
from tui_reseau.domain.events import EventRow, format_euros, format_hours
from tui_reseau.domain.vocabulary import Pole
from tui_reseau.ui.screens.record_list import RecordListScreen
from tui_reseau.ui.widgets.record_table import Column

EMPTY_TEXT = "Aucun événement enregistré : « a » pour ajouter le premier."


def place_and_pole(place: str, pole: str | None) -> str:
    """« Lille · Lille », or the pole alone when the place is blank."""
    short = Pole(pole).short_label if pole in Pole._value2member_map_ else ""
    if place and short and place.casefold() != short.casefold():
        return f"{place} · {short}"
    return place or short


EVENT_COLUMNS: list[Column[EventRow]] = [
    Column("Date", lambda r: format_date(r.held_on), width=10),
    Column("Événement", lambda r: r.name, share=3),
    Column("Lieu", lambda r: place_and_pole(r.place, r.pole), share=2),
    Column("Communauté", lambda r: r.community, share=2),
    Column("Heures", lambda r: format_hours(r.hours), width=6, right=True),
    Column("Coût", lambda r: format_euros(r.cost_eur), width=9, right=True),
    Column("Vus", lambda r: str(r.contacts_met), width=3, right=True),
]


def summary_line(rows: list[EventRow]) -> str:
    """« 12 événements · 40 h · 1 250 € · 63 rencontres »."""
    n = len(rows)
    hours = sum((r.hours for r in rows), start=Decimal(0))
    cost = sum((r.cost_eur for r in rows), start=Decimal(0))
    met = sum(r.contacts_met for r in rows)
    return (
        f"{n} événement{'s' if n > 1 else ''} · {format_hours(hours)} · {format_euros(cost)}"
        f" · {met} rencontre{'s' if met > 1 else ''}"
    )


class EventsScreen(RecordListScreen[EventRow]):
    """Every event, newest first; the letters open forms, Suppr asks before deleting."""

    CSS_PATH = "events.tcss"

    NAME = "events"
    HEADING = "Événements"
    COLUMNS = EVENT_COLUMNS
    EMPTY_TEXT = EMPTY_TEXT
    DELETED = "Événement supprimé"

    def read(self) -> list[EventRow]:
        return events_service.list_events()

    def summary(self, rows: list[EventRow]) -> str:
        return summary_line(rows)

    def open(self, row: EventRow) -> None:
        from tui_reseau.ui.screens.event_detail import EventScreen

        self.app.push_screen(EventScreen(row.id))

    def form(self, record_id: int | None) -> Screen[int | None]:
        from tui_reseau.ui.screens.event_form import EventFormScreen

        return EventFormScreen(record_id)

    def delete_question(self, row: EventRow) -> str:
        name = safe_text(row.name, single_line=True)
        return (
            f"Supprimer l'événement « {name} » du {format_date(row.held_on)} ?\n\n"
            f"La liste des {row.contacts_met} personne(s) rencontrée(s) là-bas sera effacée ; "
            "les contacts eux-mêmes restent."
        )

    def delete(self, record_id: int) -> str:
        return events_service.delete_event(record_id)
