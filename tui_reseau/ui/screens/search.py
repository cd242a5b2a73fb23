"""The search dialog: one field, results on every keystroke, and why each contact matched.

Opened by « / » or ctrl+k. The focus stays in the field: ↑/↓ (or ctrl+n/ctrl+p) move in the
results, Entrée opens the highlighted contact, Échap closes. Each query runs in a thread worker
(exclusive, group "search"): a newer keystroke cancels older workers, and results whose query is
no longer the field's text are dropped. The worker also prepares the lines to show, so the UI
thread only swaps the options of one list; list rows are read from the database once per dialog
(typing on mostly finds the same people again).

Everything shown comes from user data (names, details…), so it is built as ``Content`` from text
made safe with :func:`safe_text`, never as markup. Matches are bold and underlined (visible in
NO_COLOR terminals too); the highlighted result carries a « ▸ » marker for the same reason.
"""

from __future__ import annotations

from time import perf_counter

from rich.cells import cell_len
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui_reseau.display import safe_text
from tui_reseau.domain.contacts import ContactRow, contact_rows
from tui_reseau.domain.search import ContactSearch, SearchResult

MAX_RESULTS = 50
READY_POLL = 0.1  # seconds between checks for cancellation while the index is being built

MATCH_STYLE = "bold underline $accent"
REASON_STYLE = "italic $foreground-muted"  # $text-muted is white inside Content
CIRCLE_STYLES = {1: "green", 2: "yellow", 3: "magenta"}
MARKER = "▸ "
NO_MARKER = "  "
INDENT = "    "
ELLIPSIS = "…"
AFTER_MATCH = 12  # characters kept after a match when a long text is cut to show it

HINT_EMPTY = "Tapez quelques lettres : accents et fautes de frappe sont tolérés."
HINT_PREPARING = "Index en préparation…"
KEYS_LINE = "↑↓ parcourir · Entrée ouvrir la fiche · Échap fermer"


def _clean(text: str) -> str:
    """``text`` made harmless, one character for one (so that match spans stay valid)."""
    return safe_text(text).replace("\n", " ").replace("\t", " ")


class _Line:
    """Text and styled spans, appended piece by piece (cheaper than assembling Content)."""

    __slots__ = ("parts", "size", "spans")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.size = 0

    def add(self, text: str, style: str = "", matches: tuple[tuple[int, int], ...] = ()) -> None:
        start = self.size
        self.size += len(text)
        if style and text:
            self.spans.append(Span(start, self.size, style))
        for a, b in matches:
            self.spans.append(Span(start + a, start + b, MATCH_STYLE))
        self.parts.append(text)

    def content(self) -> Content:
        return Content("".join(self.parts), self.spans)


def around_first_match(
    text: str, spans: tuple[tuple[int, int], ...], width: int
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` cut at its start (with « … ») so that its first match shows in ``width`` cells.

    The end is left to the list, which cuts lines with « … » too.
    """
    if width <= 0 or not spans or cell_len(text[: spans[0][1]]) < width:
        return text, spans
    first, first_end = spans[0]
    # As many words before the match as fit, and a few after it.
    keep_to = min(len(text), first_end + AFTER_MATCH)
    start = first
    while start > 0 and cell_len(ELLIPSIS + text[start - 1 : keep_to]) <= width:
        start -= 1
    space = text.find(" ", start, first)
    if start > 0 and space != -1 and space - start < 12:  # start on a word
        start = space + 1
    if start == 0:
        return text, spans
    shift = len(ELLIPSIS) - start
    shown = tuple((max(a, start) + shift, b + shift) for a, b in spans if b > start)
    return ELLIPSIS + text[start:], shown


def result_prompt(result: SearchResult, width: int = 0, highlighted: bool = False) -> Content:
    """One result, for a list ``width`` cells wide (0: unknown); « ▸ » marks the highlighted one.

    One line when the name matched (the match is highlighted in it); otherwise a second line
    says which field matched, with the matched text (« détail mémorisé : Passion : voile… »).
    """
    row, hit = result.row, result.hit
    line = _Line()
    line.add(MARKER if highlighted else NO_MARKER)
    name_matched = hit.field == "name" and hit.text == row.name
    line.add(_clean(row.name) or "(sans nom)", "bold", hit.spans if name_matched else ())
    where = " · ".join(p for p in (row.company, row.city) if p)
    if where:
        line.add("  " + _clean(where))
    line.add("  ")
    line.add(f"cercle {row.circle}", CIRCLE_STYLES.get(row.circle, ""))
    if hit.field != "name":
        reason = f"{result.reason} : "
        room = width - cell_len(NO_MARKER + INDENT + reason) if width else 0
        text, spans = around_first_match(_clean(hit.text), hit.spans, room)
        line.add("\n" + INDENT)
        line.add(reason, REASON_STYLE)
        line.add(text, "", spans)
    return line.content()


def count_line(query: str, results: list[SearchResult]) -> Content:
    """« 12 résultats », or what to try when nothing matched."""
    n = len(results)
    if not query.strip():
        return Content.styled(HINT_EMPTY, "italic")
    if n == 0:
        return Content.assemble(
            "Aucun résultat pour « ",
            (_clean(query), "bold"),
            " » — vérifiez l'orthographe ou cherchez un détail",
        )
    if n >= MAX_RESULTS:
        return Content(f"{n} premiers résultats — précisez la recherche")
    return Content(f"{n} résultat{'s' if n > 1 else ''}")


class ResultList(OptionList, can_focus=False):
    """The results; never focused (typing goes on in the field), but clickable."""

    class WidthChanged(Message):
        """The list got wider or narrower: texts cut to its width must be cut again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._known_width = 0

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._known_width:
            self._known_width = event.size.width
            self.post_message(self.WidthChanged())


class SearchScreen(ModalScreen[int | None]):
    """Find a contact by name, company, city, role, tag, memorised detail or note.

    Dismissed with the chosen contact's id, or None.
    """

    CSS_PATH = "search.tcss"

    BINDINGS = [
        Binding("escape", "close", "Fermer"),
        Binding("down,ctrl+n", "move(1)", "Résultat suivant", key_display="↓"),
        Binding("up,ctrl+p", "move(-1)", "Résultat précédent", key_display="↑"),
        Binding("pagedown", "page(1)", "Page suivante", show=False),
        Binding("pageup", "page(-1)", "Page précédente", show=False),
    ]

    def __init__(self, search: ContactSearch) -> None:
        super().__init__()
        self.search = search
        self.results: list[SearchResult] = []
        self._rows: dict[int, ContactRow] = {}  # rows fetched while the dialog is open
        self._marked: int | None = None
        self._open_when_shown = False
        self.shown_query: str | None = None
        """The query whose results are on screen (None before the first answer)."""
        self.shown_at = 0.0
        """When they were put there (``time.perf_counter()``; read by the benchmarks)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = "Chercher dans le réseau"
            yield Input(placeholder="Nom, entreprise, ville, détail…", id="search-input")
            yield Static("", id="search-status")
            yield ResultList(id="search-results")
            yield Static(KEYS_LINE, id="search-keys", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def result_list(self) -> ResultList:
        return self.query_one(ResultList)

    @property
    def _width(self) -> int:
        return self.result_list.scrollable_content_region.width

    def on_mount(self) -> None:
        self.input.focus()
        self._request("")

    # ------------------------------------------------------------------ searching

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._open_when_shown = False
        self._request(event.value)

    def _request(self, query: str) -> None:
        if not self.search.ready:
            self._set_status(Content.styled(HINT_PREPARING, "italic"))
        self._run_search(query, self._width)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _run_search(self, query: str, width: int) -> None:
        """Find ``query`` and prepare its lines, off the UI thread; stale answers are dropped."""
        worker = get_current_worker()
        while not self.search.wait_ready(READY_POLL):
            if worker.is_cancelled:
                return
        if worker.is_cancelled:
            return
        hits = self.search.hits(query, MAX_RESULTS) if query.strip() else []
        if worker.is_cancelled:
            return
        rows = self._rows
        missing = [hit.id for hit in hits if hit.id not in rows]
        if missing:
            rows.update((row.id, row) for row in contact_rows(missing))
        results = [SearchResult(rows[hit.id], hit) for hit in hits if hit.id in rows]
        options = [Option(result_prompt(r, width, i == 0)) for i, r in enumerate(results)]
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, query, results, options, width)

    def _show(
        self, query: str, results: list[SearchResult], options: list[Option], width: int
    ) -> None:
        if not self.is_attached or query != self.input.value:
            return  # a newer keystroke is on its way
        self.results = results
        if width != self._width:  # resized meanwhile: long texts are cut again
            width = self._width
            options = [Option(result_prompt(r, width, i == 0)) for i, r in enumerate(results)]
        self._fill(options, 0 if results else None)
        self._set_status(count_line(query, results))
        self.shown_query = query
        self.shown_at = perf_counter()
        if self._open_when_shown:
            self._open_when_shown = False
            if results:
                self.dismiss(results[0].row.id)

    def _fill(self, options: list[Option], highlighted: int | None) -> None:
        """Show ``options`` (the list widget stays; only its options change)."""
        result_list = self.result_list
        self._marked = highlighted
        result_list.set_options(options)
        result_list.highlighted = highlighted

    @on(ResultList.WidthChanged)
    def _refit(self) -> None:
        highlighted = self.result_list.highlighted
        width = self._width
        self._fill(
            [Option(result_prompt(r, width, i == highlighted)) for i, r in enumerate(self.results)],
            highlighted,
        )

    def _set_status(self, content: Content) -> None:
        status = self.query_one("#search-status", Static)
        status.set_class(content.cell_length > status.size.width, "-long")
        status.update(content, layout=False)  # a change of height comes with the class

    # ------------------------------------------------------------------ moving, choosing

    @on(OptionList.OptionHighlighted, "#search-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Move the « ▸ » marker (the highlight must show without colour too)."""
        index = event.option_index
        result_list = self.result_list
        if index == self._marked or index != result_list.highlighted:
            return  # already marked, or a message about a list since replaced
        if index >= len(self.results):
            return
        width = self._width
        if self._marked is not None and self._marked < len(self.results):
            result_list.replace_option_prompt_at_index(
                self._marked, result_prompt(self.results[self._marked], width)
            )
        result_list.replace_option_prompt_at_index(
            index, result_prompt(self.results[index], width, highlighted=True)
        )
        self._marked = index

    def action_move(self, step: int) -> None:
        if step > 0:
            self.result_list.action_cursor_down()
        else:
            self.result_list.action_cursor_up()

    def action_page(self, step: int) -> None:
        if step > 0:
            self.result_list.action_page_down()
        else:
            self.result_list.action_page_up()

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.shown_query != event.value:
            # Enter typed before the results of the last keystroke: open the best one on arrival.
            self._open_when_shown = True
            return
        highlighted = self.result_list.highlighted
        if highlighted is None or highlighted >= len(self.results):
            self.app.bell()
            return
        self.dismiss(self.results[highlighted].row.id)

    @on(OptionList.OptionSelected, "#search-results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.results):
            self.dismiss(self.results[event.option_index].row.id)

    def action_close(self) -> None:
        self.dismiss(None)
