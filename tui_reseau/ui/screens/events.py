"""The events attended: date, name, place, organiser, hours, cost, people met — newest first.

``a`` adds, ``e`` edits, Suppr deletes (after confirmation by button or ctrl+s), Entrée opens the
event (the people met there). The list is read in a worker each time the screen comes back on
top, so every change made in a form or in the event's screen shows at once.
"""

from __future__ import annotations

from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui_reseau.display import safe_text
from tui_reseau.domain import events as events_service
from tui_reseau.domain.dates import format_date
from tui_reseau.domain.events import EventRow, format_euros, format_hours
from tui_reseau.domain.vocabulary import Pole
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.screens.events_table import Column, RecordTable, fit_footer

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


class EventsScreen(Screen[None]):
    """Every event, newest first; the letters open forms, Suppr asks before deleting."""

    CSS_PATH = "events.tcss"

    BINDINGS = [
        Binding("a", "add", "Ajouter"),
        Binding("e", "edit", "Modifier"),
        Binding("delete", "delete", "Supprimer", key_display="Suppr"),
        Binding("escape", "back", "Retour"),
        Binding("question_mark", "app.toggle_keys", "Touches", key_display="?", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._keep: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(" Événements", id="events-bar", markup=False)
        yield Static(EMPTY_TEXT, id="events-empty", markup=False)
        yield RecordTable(EVENT_COLUMNS, key=lambda r: r.id, id="events-table")
        yield Footer()

    @property
    def table(self) -> RecordTable[EventRow]:
        return self.query_one("#events-table", RecordTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.query_one("#events-empty").display = False

    def on_resize(self) -> None:
        fit_footer(self)

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        """Read the events again (in a worker); the cursor goes to ``keep`` if given."""
        self._keep = keep
        self._load()

    @work(thread=True, exclusive=True, group="events-load", exit_on_error=False)
    def _load(self) -> None:
        rows = events_service.list_events()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[EventRow]) -> None:
        self.table.show(rows, keep=self._keep)
        self._keep = None
        self.query_one("#events-empty").display = not rows
        self.query_one("#events-bar", Static).update(" Événements · " + summary_line(rows))

    # ------------------------------------------------------------------ actions

    @on(RecordTable.Selected)
    def _selected(self, event: RecordTable.Selected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        from tui_reseau.ui.screens.event_detail import EventScreen

        if (row := self.table.current()) is not None:
            self.app.push_screen(EventScreen(row.id))

    def action_add(self) -> None:
        from tui_reseau.ui.screens.event_form import EventFormScreen

        self.app.push_screen(EventFormScreen(None), self._saved)

    def action_edit(self) -> None:
        from tui_reseau.ui.screens.event_form import EventFormScreen

        if (row := self.table.current()) is not None:
            self.app.push_screen(EventFormScreen(row.id), self._saved)

    def _saved(self, event_id: int | None) -> None:
        if event_id is not None:
            self.notify("Événement enregistré.")
            self.reload(keep=event_id)

    def action_delete(self) -> None:
        row = self.table.current()
        if row is None:
            return
        name = safe_text(row.name, single_line=True)
        question = (
            f"Supprimer l'événement « {name} » du {format_date(row.held_on)} ?\n\n"
            f"La liste des {row.contacts_met} personne(s) rencontrée(s) là-bas sera effacée ; "
            "les contacts eux-mêmes restent."
        )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.app.write(  # type: ignore[attr-defined]
                    events_service.delete_event, row.id, then=self._deleted
                )

        self.app.push_screen(ConfirmScreen(question, "Supprimer"), answered)

    def _deleted(self, name: str) -> None:
        self.notify(f"Événement supprimé : {safe_text(name, single_line=True)}.")
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
