"""A virtual contact list: holds only ids; asks for the rows it is about to draw.

At 100,000 contacts nothing but an array of ids is kept; rows are fetched a screenful at a time
by the screen (in a worker) when the list posts ``RowsWanted``, then handed back with
``add_rows``. Lines not fetched yet are drawn as dots.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui_reseau.display import cell_fit, days_label
from tui_reseau.domain.contacts import ContactRow
from tui_reseau.domain.vocabulary import Pole

FETCH_MARGIN = 40  # rows fetched beyond the visible ones, so that scrolling finds them ready


def _column_widths(width: int) -> tuple[int, int, int, int, int]:
    """Widths of name, company, circle, pole and days columns for a total ``width``."""
    fixed_circle, fixed_pole, fixed_days = 2, 9, 7
    rest = max(10, width - fixed_circle - fixed_pole - fixed_days - 5)
    name = max(8, rest * 11 // 20)
    company = max(0, rest - name)
    return name, company, fixed_circle, fixed_pole, fixed_days


def header_line(width: int) -> str:
    """The column titles, aligned with the rows of a list ``width`` cells wide."""
    name, company, circle, pole, days = _column_widths(width)
    return " " + " ".join(
        (
            cell_fit("Nom", name),
            cell_fit("Entreprise", company),
            cell_fit("C.", circle),
            cell_fit("Pôle", pole),
            cell_fit("Contact", days, right=True),
        )
    )


class ContactList(ScrollView, can_focus=True):
    """The scrolling list of contacts: arrows, page keys, Home/End; Enter opens the card."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Haut", show=False),
        Binding("down,j", "cursor(1)", "Bas", show=False),
        Binding("pageup", "page(-1)", "Page préc.", show=False),
        Binding("pagedown", "page(1)", "Page suiv.", show=False),
        Binding("home", "jump(0)", "Début", show=False),
        Binding("end", "jump(-1)", "Fin", show=False),
        Binding("enter", "select", "Ouvrir la fiche"),
    ]

    COMPONENT_CLASSES = {
        "contact-list--cursor",
        "contact-list--pending",
        "contact-list--circle-1",
        "contact-list--circle-2",
        "contact-list--circle-3",
        "contact-list--stale",
    }

    DEFAULT_CSS = """
    ContactList > .contact-list--cursor { background: $accent 40%; text-style: bold; }
    ContactList:focus > .contact-list--cursor { background: $accent; color: $text; }
    ContactList > .contact-list--pending { color: $text-muted; }
    ContactList > .contact-list--circle-1 { color: $success; }
    ContactList > .contact-list--circle-2 { color: $warning; }
    ContactList > .contact-list--circle-3 { color: $primary-lighten-2; }
    ContactList > .contact-list--stale { color: $error; }
    """

    cursor: reactive[int] = reactive(0, repaint=True)
    """Index of the highlighted row in ``ids``."""

    class Highlighted(Message):
        """The cursor moved to another contact (None: the list is empty)."""

        def __init__(self, contact_id: int | None) -> None:
            super().__init__()
            self.contact_id = contact_id

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ContactList.Highlighted)

    class Selected(Message):
        """Enter was pressed on a contact."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    class RowsWanted(Message):
        """Rows these ids are needed to draw the screen; answer with ``add_rows``."""

        def __init__(self, ids: list[int]) -> None:
            super().__init__()
            self.ids = ids

    def __init__(self, *, today: dt.date, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.ids: array = array("q")
        self._rows: dict[int, ContactRow] = {}
        self._asked: set[int] = set()
        self._outdated: set[int] = set()  # rows drawn as they were until fetched again
        self._loaded = False  # no ids received yet: "loading", not "nobody matches"
        self.today = today

    # ------------------------------------------------------------------ data in

    def set_ids(self, ids: array, keep: int | None = None) -> None:
        """Show these contacts (in this order); keep the cursor on ``keep`` if it is there."""
        self.ids = ids
        self._loaded = True
        self._asked.clear()
        self.virtual_size = Size(self.size.width, len(ids))
        index = 0
        kept = False
        if keep is not None:
            try:
                index = ids.index(keep)
                kept = True
            except ValueError:
                index = min(self.cursor, max(0, len(ids) - 1))
        self.cursor = index
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        if not (kept and top <= index < top + height):  # still in view: the list stays still
            self._scroll_cursor_into_view(center=True)
        self.post_message(self.Highlighted(self.current_id))
        self.refresh()

    def add_rows(self, rows: Iterable[ContactRow]) -> None:
        """Rows fetched by the screen; drawn at once."""
        for row in rows:
            self._rows[row.id] = row
            self._outdated.discard(row.id)
        self.refresh()

    def forget_rows(self, ids: Iterable[int] | None = None) -> None:
        """Drop cached rows (all of them when ``ids`` is None) so that they are fetched again."""
        if ids is None:
            self._rows.clear()
            self._outdated.clear()
        else:
            for i in ids:
                self._rows.pop(i, None)
        self._asked.clear()
        self.refresh()

    def refetch_rows(self, ids: Iterable[int]) -> None:
        """These rows changed elsewhere: fetch them again, drawing the old ones meanwhile."""
        self._outdated.update(i for i in ids if i in self._rows)
        self._asked.difference_update(self._outdated)
        self.refresh()

    @property
    def loaded(self) -> bool:
        """Have ids been received yet (else the list says « Chargement… »)?"""
        return self._loaded

    def row_of(self, contact_id: int) -> ContactRow | None:
        """The row of ``contact_id`` if it has been fetched."""
        return self._rows.get(contact_id)

    @property
    def current_id(self) -> int | None:
        if 0 <= self.cursor < len(self.ids):
            return self.ids[self.cursor]
        return None

    # ------------------------------------------------------------------ keys

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        self._move_to(0 if where == 0 else len(self.ids) - 1)

    def action_select(self) -> None:
        if self.current_id is not None:
            self.post_message(self.Selected(self.current_id))

    def _move_to(self, index: int) -> None:
        if not self.ids:
            return
        index = max(0, min(len(self.ids) - 1, index))
        if index != self.cursor:
            self.cursor = index
            self._scroll_cursor_into_view()
            self.post_message(self.Highlighted(self.current_id))

    def _scroll_cursor_into_view(self, center: bool = False) -> None:
        height = self.scrollable_content_region.height or 1
        top = int(self.scroll_y)
        if center:
            self.scroll_to(y=max(0, self.cursor - height // 2), animate=False)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    async def _on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y
        if 0 <= index < len(self.ids):
            if index == self.cursor and event.chain > 1:
                self.action_select()
            self._move_to(index)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.ids))

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.ids):
            if index == 0 and not self.ids:
                text = " Aucun contact ne correspond." if self._loaded else " Chargement…"
                return Strip([Segment(cell_fit(text, width), base)])
            return Strip.blank(width, base)
        contact_id = self.ids[index]
        row = self._rows.get(contact_id)
        selected = index == self.cursor
        cursor_style = self.get_component_rich_style("contact-list--cursor") if selected else None
        if row is None or contact_id in self._outdated:
            self._want_visible_rows()
        if row is None:
            style = cursor_style or self.get_component_rich_style("contact-list--pending")
            return Strip([Segment(cell_fit(" …", width), base + style)])
        return self._row_strip(row, width, base, cursor_style)

    def _row_strip(self, row: ContactRow, width: int, base: Style, cursor: Style | None) -> Strip:
        name_w, company_w, circle_w, pole_w, days_w = _column_widths(width)
        circle_style = self.get_component_rich_style(f"contact-list--circle-{row.circle}")
        days = row.days_since_contact(self.today)
        stale = days is None or days > 90
        days_style = self.get_component_rich_style("contact-list--stale") if stale else Style()
        pole = Pole(row.pole).short_label if row.pole in Pole._value2member_map_ else ""
        marker = "✓" if row.qualified else " "
        if cursor is not None:  # the cursor's colours win over the columns' own
            base, circle_style, days_style = base + cursor, Style(), Style()
        segments = [
            Segment(marker, base),
            Segment(cell_fit(row.name, name_w) + " ", base),
            Segment(cell_fit(row.company, company_w) + " ", base),
            Segment(cell_fit(str(row.circle), circle_w) + " ", base + circle_style),
            Segment(cell_fit(pole, pole_w) + " ", base),
            Segment(cell_fit(days_label(days), days_w, right=True), base + days_style),
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def _want_visible_rows(self) -> None:
        top = int(self.scroll_y)
        height = self.scrollable_content_region.height
        start = max(0, top - FETCH_MARGIN)
        stop = min(len(self.ids), top + height + FETCH_MARGIN)
        wanted = [
            i
            for i in self.ids[start:stop]
            if (i not in self._rows or i in self._outdated) and i not in self._asked
        ]
        if wanted:
            self._asked.update(wanted)
            self.post_message(self.RowsWanted(wanted))
