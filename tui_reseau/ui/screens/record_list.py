"""Screens built on the virtual record table: events, communities and their cards.

:class:`TableScreen` reads its data in a worker each time it comes back on top;
:class:`RecordListScreen` adds the summary bar and the add / edit / delete / open keys of a list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui_reseau.display import safe_text
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.widgets.record_table import Column, R, VirtualRecordTable

NARROW_WIDTH = 100  # below, the footer packs its keys tighter (as the agenda's does)


def fit_footer(screen: Screen) -> None:
    """Every key of ``screen`` in 80 columns: a compact footer without the palette hint."""
    narrow = screen.size.width < NARROW_WIDTH
    for footer in screen.query(Footer):
        footer.compact = narrow
        footer.show_command_palette = not narrow


class TableScreen(Screen[None]):
    """A screen of tables read in a worker each time it comes back on top (stale reads dropped),
    its footer fitted to 80 columns. Subclasses implement :meth:`read` and :meth:`show`."""

    def __init__(self) -> None:
        super().__init__()
        self.keep: int | None = None
        """The record the next :meth:`show` puts the cursor on (None: where it was)."""

    def read(self) -> Any:
        """Read what the screen shows, through the domain (runs in a worker thread)."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        """Show what :meth:`read` returned (UI thread)."""
        raise NotImplementedError

    def on_resize(self) -> None:
        fit_footer(self)

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        """Read again (in a worker); the cursor goes to the record ``keep`` if given."""
        self.keep = keep
        self._load()

    @work(thread=True, exclusive=True, group="table-screen-load", exit_on_error=False)
    def _load(self) -> None:
        data = self.read()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._shown, data)

    def _shown(self, data: Any) -> None:
        self.show(data)
        self.keep = None

    def _saved(self, record_id: int | None) -> None:
        """A form's callback: read again once it saved something (it said so itself)."""
        if record_id is not None:
            self.reload()


class RecordListScreen(TableScreen, Generic[R]):
    """A list of records: a summary bar, the table (or a line saying it is empty), the keys.

    ``a`` adds and ``e`` edits in the record's form (the cursor goes to the saved record), Suppr
    deletes after confirmation, Entrée opens. The list is read in a worker each time the screen
    comes back on top. Subclasses set ``NAME`` (the ids are ``<NAME>-bar``, ``<NAME>-empty`` and
    ``<NAME>-table``), ``HEADING`` (the bar's first word), ``COLUMNS``, ``EMPTY_TEXT`` and
    ``DELETED`` (« Événement supprimé »), and implement :meth:`read`, :meth:`summary`,
    :meth:`open`, :meth:`form`, :meth:`delete_question` and :meth:`delete`.
    """

    BINDINGS = [
        Binding("a", "add", "Ajouter"),
        Binding("e", "edit", "Modifier"),
        Binding("delete", "delete", "Supprimer", key_display="Suppr"),
        Binding("escape", "back", "Retour"),
        Binding("question_mark", "app.toggle_keys", "Touches", key_display="?", show=False),
    ]

    NAME = ""
    HEADING = ""
    COLUMNS: Sequence[Column[Any]] = ()
    EMPTY_TEXT = ""
    DELETED = ""

    # ------------------------------------------------------------------ for subclasses

    def read(self) -> list[R]:
        """The records, read through the domain (runs in a worker thread)."""
        raise NotImplementedError

    def summary(self, rows: list[R]) -> str:
        """The summary bar's text after the heading."""
        raise NotImplementedError

    def open(self, row: R) -> None:
        """Open the record's own screen."""
        raise NotImplementedError

    def form(self, record_id: int | None) -> Screen[int | None]:
        """The form adding (None) or editing the record; it dismisses with the saved id."""
        raise NotImplementedError

    def delete_question(self, row: R) -> str:
        """What to ask before deleting ``row``."""
        raise NotImplementedError

    def delete(self, record_id: int) -> str:
        """Delete the record through the domain (worker thread); return its name."""
        raise NotImplementedError

    # ------------------------------------------------------------------ layout and loading

    def compose(self) -> ComposeResult:
        yield Static(f" {self.HEADING}", id=f"{self.NAME}-bar", markup=False)
        yield Static(self.EMPTY_TEXT, id=f"{self.NAME}-empty", markup=False)
        yield VirtualRecordTable(self.COLUMNS, key=lambda r: r.id, id=f"{self.NAME}-table")
        yield Footer()

    @property
    def table(self) -> VirtualRecordTable[R]:
        return self.query_one(f"#{self.NAME}-table", VirtualRecordTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.query_one(f"#{self.NAME}-empty").display = False

    def show(self, rows: list[R]) -> None:
        self.table.show(rows, keep=self.keep)
        self.query_one(f"#{self.NAME}-empty").display = not rows
        bar = f" {self.HEADING} · {self.summary(rows)}"
        self.query_one(f"#{self.NAME}-bar", Static).update(bar)

    # ------------------------------------------------------------------ actions

    @on(VirtualRecordTable.Selected)
    def _selected(self, event: VirtualRecordTable.Selected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        if (row := self.table.current()) is not None:
            self.open(row)

    def action_add(self) -> None:
        self.app.push_screen(self.form(None), self._saved)

    def action_edit(self) -> None:
        if (row := self.table.current()) is not None:
            self.app.push_screen(self.form(row.id), self._saved)  # type: ignore[attr-defined]

    def _saved(self, record_id: int | None) -> None:
        if record_id is not None:  # the cursor goes to the saved record
            self.reload(keep=record_id)

    def action_delete(self) -> None:
        row = self.table.current()
        if row is None:
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.app.write(self.delete, row.id, then=self._deleted)  # type: ignore[attr-defined]

        self.app.push_screen(ConfirmScreen(self.delete_question(row), "Supprimer"), answered)

    def _deleted(self, name: str) -> None:
        self.notify(f"{self.DELETED} : {safe_text(name, single_line=True)}.")
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
