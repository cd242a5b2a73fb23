"""The records behind one figure of the metrics: the contacts, opportunities, recommendations,
events or follow-ups it counts. Enter on a row that names a person opens their card.

The rows are read in a worker; every text comes from the network (names, notes, titles) and is
shown as plain text, cut to its column.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from tui_reseau.display import cell_fit, safe_text
from tui_reseau.domain.dates import format_date
from tui_reseau.domain.metrics import Record, RecordKey, RecordList, records

KIND_LABELS = {
    "contact": "Contact",
    "opportunity": "Opportunité",
    "recommendation": "Recommandation",
    "event": "Événement",
    "involvement": "Implication",
    "follow_up": "Relance",
}
DATE_WIDTH = 10
KIND_WIDTH = 11  # « Opportunité »: only mixed lists (an event's or a community's) show kinds


def column_widths(width: int, with_kind: bool) -> tuple[int, int, int, int, int]:
    """Date, kind (0 when not shown), who / what, detail and result widths for ``width`` cells."""
    kind = KIND_WIDTH if with_kind else 0
    separators = 2 * (5 if with_kind else 4)  # DataTable pads each cell by one cell each side
    rest = max(40, width - DATE_WIDTH - kind - separators - 2)
    result = min(26, max(16, rest * 30 // 100))
    title = max(12, (rest - result) * 45 // 100)
    detail = max(8, rest - result - title)
    return DATE_WIDTH, kind, title, detail, result


class RecordTable(DataTable):
    """The records, a row each; Enter opens the card of the person the row names."""

    BINDINGS = [Binding("enter", "select_cursor", "Fiche", key_display="Entrée")]


class MetricRecordsScreen(Screen[None]):
    """The rows behind a figure; Enter opens the person's card, Échap goes back."""

    CSS_PATH = "metric_records.tcss"

    BINDINGS = [
        Binding("escape", "back", "Retour"),
    ]

    def __init__(self, key: RecordKey, title: str) -> None:
        super().__init__()
        self.key = key
        self.title_text = title
        self.loaded: RecordList | None = None
        self._drawn_width = 0

    def compose(self) -> ComposeResult:
        yield Static(Content(" " + safe_text(self.title_text, single_line=True)), id="records-bar")
        yield Static(Content(" Chargement…"), id="records-count")
        yield RecordTable(id="records-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    def on_mount(self) -> None:
        self.table.focus()
        self._load()

    def on_resize(self) -> None:
        if self.loaded is not None and self.size.width != self._drawn_width:
            self._draw()

    @work(thread=True, exclusive=True, group="metric-records", exit_on_error=False)
    def _load(self) -> None:
        loaded = records(self.key)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, loaded)

    def _show(self, loaded: RecordList) -> None:
        self.loaded = loaded
        self._draw()
        period = self.key.period
        count = f"{loaded.total} ligne{'s' if loaded.total > 1 else ''}"
        if not loaded.complete:
            count += f" ({len(loaded.rows)} affichées)"
        text = f" {count} · {period.label}, du {period.start:%d/%m/%Y} au {period.end:%d/%m/%Y}"
        if not loaded.rows:
            text = f" Aucune ligne · {period.label}"
        self.query_one("#records-count", Static).update(Content(text))

    def _draw(self) -> None:
        loaded = self.loaded
        if loaded is None:
            return
        table = self.table
        cursor = table.cursor_row
        self._drawn_width = self.size.width
        with_kind = len({row.kind for row in loaded.rows}) > 1
        date_w, kind_w, title_w, detail_w, result_w = column_widths(self.size.width, with_kind)
        table.clear(columns=True)
        table.add_column("Date", width=date_w)
        if with_kind:
            table.add_column("Type", width=kind_w)
        table.add_column("Qui / quoi", width=title_w)
        table.add_column("Détail", width=detail_w)
        table.add_column("Résultat", width=result_w)
        for index, row in enumerate(loaded.rows):
            cells = [Text(format_date(row.day) or "—")]
            if with_kind:
                cells.append(Text(KIND_LABELS.get(row.kind, row.kind)))
            cells += [
                Text(cell_fit(row.title, title_w).rstrip()),
                Text(cell_fit(row.detail, detail_w).rstrip()),
                Text(cell_fit(row.value, result_w).rstrip()),
            ]
            table.add_row(*cells, key=str(index))
        if loaded.rows:
            table.move_cursor(row=min(cursor, len(loaded.rows) - 1))

    def current(self) -> Record | None:
        """The record under the cursor."""
        if self.loaded is None or not self.loaded.rows:
            return None
        index = self.table.cursor_row
        return self.loaded.rows[index] if 0 <= index < len(self.loaded.rows) else None

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_card()

    def action_open_card(self) -> None:
        """Open the card of the person the row names."""
        from tui_reseau.ui.screens.card import CardScreen

        record = self.current()
        if record is None:
            return
        if record.contact_id is None:
            self.notify(
                "Cette ligne ne désigne personne : pas de fiche à ouvrir.", severity="warning"
            )
            return
        self.app.push_screen(CardScreen(record.contact_id))

    def action_back(self) -> None:
        self.dismiss(None)
