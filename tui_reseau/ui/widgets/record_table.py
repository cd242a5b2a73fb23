"""A virtual table of records: every record kept, only the lines on screen drawn.

Showing 5,000 events costs what showing 20 does (a DataTable measured every cell: 2.5 s at 5,000
rows). Columns are either fixed (dates, figures) or share what is left (names, places); every
cell is made safe and cut with « … » to fit (user data is never markup). The first line holds the
column titles and does not scroll. Arrows, page keys, Home/End move the cursor; Enter (or a
double click) posts :class:`VirtualRecordTable.Selected`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reseau.display import cell_fit

R = TypeVar("R")
GAP = 2  # cells between two columns


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    """A column: its title, its width (fixed) or share of what is left, and its cell text."""

    title: str
    text: Callable[[R], str]
    width: int = 0  # 0: flexible
    share: int = 1
    right: bool = False


def column_widths(columns: Sequence[Column], total: int) -> list[int]:
    """Each column's width for a table ``total`` cells wide (flexible ones at least 4)."""
    spent = 1 + GAP * (len(columns) - 1) + sum(c.width for c in columns)  # 1: left margin
    left = max(total - spent, 0)
    shares = sum(c.share for c in columns if not c.width) or 1
    widths = [c.width or max(4, left * c.share // shares) for c in columns]
    flexible = [i for i, c in enumerate(columns) if not c.width]
    if flexible:  # the rounding remainder goes to the first flexible column
        widths[flexible[0]] += max(0, left - sum(widths[i] for i in flexible))
    return widths


class VirtualRecordTable(ScrollView, Generic[R], can_focus=True):
    """Records in columns, one line each, the cursor on one of them."""

    BINDINGS = [
        Binding("enter", "select", "Ouvrir"),
        Binding("up", "cursor(-1)", "Haut", show=False),
        Binding("down", "cursor(1)", "Bas", show=False),
        Binding("pageup", "page(-1)", "Page préc.", show=False),
        Binding("pagedown", "page(1)", "Page suiv.", show=False),
        Binding("home", "jump(0)", "Début", show=False),
        Binding("end", "jump(-1)", "Fin", show=False),
    ]

    COMPONENT_CLASSES = {"virtual-record-table--header", "virtual-record-table--cursor"}

    DEFAULT_CSS = """
    VirtualRecordTable { height: 1fr; background: $surface; scrollbar-size-vertical: 1; }
    VirtualRecordTable > .virtual-record-table--header { background: $panel; text-style: bold; }
    VirtualRecordTable > .virtual-record-table--cursor { text-style: underline; }
    VirtualRecordTable:focus > .virtual-record-table--cursor {
        background: $accent; color: $text; text-style: bold;
    }
    """

    cursor: reactive[int] = reactive(0, repaint=True)
    """Index of the highlighted record."""

    class Selected(Message):
        """Enter (or a double click) on a record."""

        def __init__(self, table: VirtualRecordTable, record: Any) -> None:
            super().__init__()
            self.table = table
            self.record = record

        @property
        def control(self) -> VirtualRecordTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column[R]],
        key: Callable[[R], int],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns_spec = list(columns)
        self.key_of = key
        self.records: list[R] = []

    # ------------------------------------------------------------------ data in

    def show(self, records: Sequence[R], keep: int | None = None) -> None:
        """Replace the records; the cursor stays on ``keep`` (a record id), else on the same
        record as before, else at the same place."""
        keep = keep if keep is not None else self.current_id()
        self.records = list(records)
        index = min(self.cursor, max(0, len(self.records) - 1))
        if keep is not None:
            index = next((i for i, r in enumerate(self.records) if self.key_of(r) == keep), index)
        self.virtual_size = Size(self.size.width, len(self.records) + 1)
        self.cursor = index
        self._scroll_cursor_into_view()
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.records)

    def current(self) -> R | None:
        """The record under the cursor (None when the table is empty)."""
        if 0 <= self.cursor < len(self.records):
            return self.records[self.cursor]
        return None

    def current_id(self) -> int | None:
        """The id of the record under the cursor."""
        record = self.current()
        return self.key_of(record) if record is not None else None

    def row_texts(self, index: int) -> list[str]:
        """The cells of one record as shown (before fitting): for tests and screen readers."""
        record = self.records[index]
        return [column.text(record) for column in self.columns_spec]

    # ------------------------------------------------------------------ keys and mouse

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self._rows_shown - 1))

    def action_jump(self, where: int) -> None:
        self._move_to(0 if where == 0 else len(self.records) - 1)

    def action_select(self) -> None:
        if (record := self.current()) is not None:
            self.post_message(self.Selected(self, record))

    def _move_to(self, index: int) -> None:
        if self.records:
            self.cursor = max(0, min(len(self.records) - 1, index))
            self._scroll_cursor_into_view()

    @property
    def _rows_shown(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_cursor_into_view(self) -> None:
        top, shown = int(self.scroll_y), self._rows_shown
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + shown:
            self.scroll_to(y=self.cursor - shown + 1, animate=False)

    async def _on_click(self, event: events.Click) -> None:
        if event.y == 0:
            return
        index = int(self.scroll_y) + event.y - 1
        if 0 <= index < len(self.records):
            if index == self.cursor and event.chain > 1:
                self.action_select()
            self._move_to(index)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.records) + 1)

    # ------------------------------------------------------------------ drawing

    def _line(self, texts: Sequence[str], widths: Sequence[int], style: Style) -> Strip:
        cells = [
            cell_fit(text, w, right=column.right)
            for text, w, column in zip(texts, widths, self.columns_spec, strict=True)
        ]
        line = " " + (" " * GAP).join(cells)
        return Strip([Segment(cell_fit(line, self.scrollable_content_region.width), style)])

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        widths = column_widths(self.columns_spec, width)
        base = self.rich_style
        if y == 0:
            header = base + self.get_component_rich_style("virtual-record-table--header")
            return self._line([c.title for c in self.columns_spec], widths, header)
        index = int(self.scroll_y) + y - 1
        if index >= len(self.records):
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("virtual-record-table--cursor")
        return self._line(self.row_texts(index), widths, style)
