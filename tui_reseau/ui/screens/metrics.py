"""« Indicateurs »: the five families of metrics over a period chosen by key, as bar charts.

One section at a time (keys 1 to 5, Tab / Maj+Tab), so that each stays readable in 80×24. The
section shown is computed first, in an exclusive worker (its figures appear as fast as one
family takes, not five); the other sections follow in the background, so that switching to
them is immediate. The period keys (t, s, a, c) start again; an answer for a period no longer
shown is kept for later, never drawn. Enter on any line opens the records behind its figure; ? or F1 shows
the definitions.
"""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui_reseau.domain.metrics import (
    DEFAULT_PERIOD,
    Period,
    RecordKey,
    compute_family,
    period_for,
)
from tui_reseau.ui.screens.metrics_sections import SECTIONS, section_groups
from tui_reseau.ui.widgets.bar_chart import BarChart

NARROW_WIDTH = 100


class MetricsScreen(Screen[None]):
    """The metrics of the period, one section at a time; Enter opens a figure's records."""

    CSS_PATH = "metrics.tcss"

    BINDINGS = [
        Binding("t", "period('3m')", "3 mois"),
        Binding("s", "period('6m')", "6 mois"),
        Binding("a", "period('12m')", "12 mois"),
        Binding("c", "period('year')", "Cette année"),
        Binding("1", "section(0)", "Qualifiés", show=False),
        Binding("2", "section(1)", "Conversion", show=False),
        Binding("3", "section(2)", "Recommandations", show=False),
        Binding("4", "section(3)", "Temps investi", show=False),
        Binding("5", "section(4)", "Relances", show=False),
        Binding("tab", "next_section(1)", "Section suivante", show=False),
        Binding("shift+tab", "next_section(-1)", "Section précédente", show=False),
        Binding("question_mark,f1", "definitions", "Définitions", key_display="?"),
        Binding("escape", "back", "Retour"),
    ]

    period_key: reactive[str] = reactive(DEFAULT_PERIOD, init=False)
    """The period shown: a code of ``PERIOD_KEYS`` ("3m", "6m", "12m", "year")."""

    section: reactive[int] = reactive(0, init=False)
    """The section shown, 0 to 4 (see ``SECTIONS``)."""

    def __init__(self, period_key: str = DEFAULT_PERIOD) -> None:
        super().__init__()
        self.set_reactive(MetricsScreen.period_key, period_key)
        self._figures: dict[tuple[Period, str], object] = {}  # (period, section) → figures
        self._drawn: tuple[Period, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="metrics-bar")
        yield Static("", id="metrics-tabs")
        yield BarChart(id="metrics-chart")
        yield Footer()

    @property
    def chart(self) -> BarChart:
        return self.query_one(BarChart)

    @property
    def today(self) -> dt.date:
        return self.app.today  # type: ignore[attr-defined]

    @property
    def period(self) -> Period:
        return period_for(self.period_key, self.today)

    def on_mount(self) -> None:
        self.chart.focus()
        self._update_bar()
        self._update_tabs()

    def on_screen_resume(self) -> None:
        # First display, and back from a card (a contact may have been qualified there).
        self.reload()

    def on_resize(self) -> None:
        footer = self.query_one(Footer)
        footer.compact = self.size.width < NARROW_WIDTH
        footer.show_command_palette = self.size.width >= NARROW_WIDTH
        self._update_bar()
        self._update_tabs()

    # ------------------------------------------------------------------ computing

    @property
    def section_code(self) -> str:
        return SECTIONS[self.section][0]

    def reload(self) -> None:
        """Compute the metrics again (the data may have changed): the section shown first."""
        self._figures.clear()
        self._show_section()

    def _show_section(self) -> None:
        """Draw the section shown if its figures are known, else compute them first."""
        wanted = (self.period, self.section_code)
        if wanted in self._figures:
            self._draw(wanted)
            self._update_bar()
            self._prefetch(wanted[0])
            return
        self._update_bar(computing=True)
        self._compute(*wanted)

    @work(thread=True, exclusive=True, group="metrics", exit_on_error=False)
    def _compute(self, period: Period, code: str) -> None:
        figures = compute_family(code, period)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._computed, period, code, figures)

    @work(thread=True, exclusive=True, group="metrics-others", exit_on_error=False)
    def _prefetch(self, period: Period) -> None:
        """The other sections of ``period``, one after the other, while the user reads."""
        worker = get_current_worker()
        for code, _ in SECTIONS:
            if worker.is_cancelled:
                return
            if (period, code) not in self._figures:
                figures = compute_family(code, period)
                if not worker.is_cancelled:
                    self.app.call_from_thread(self._computed, period, code, figures)

    def _computed(self, period: Period, code: str, figures: object) -> None:
        self._figures[(period, code)] = figures
        if (period, code) == (self.period, self.section_code):
            self._draw((period, code))
            self._update_bar()
            self._prefetch(period)

    def _draw(self, shown: tuple[Period, str]) -> None:
        keep_cursor = self._drawn == shown  # the same figures again: the cursor stays
        self._drawn = shown
        self.chart.show(section_groups(shown[1], self._figures[shown]), keep_cursor=keep_cursor)

    def watch_period_key(self) -> None:
        self._show_section()

    def watch_section(self) -> None:
        self._update_tabs()
        self._show_section()

    # ------------------------------------------------------------------ title and tabs

    def _update_bar(self, computing: bool = False) -> None:
        period = self.period
        width = self.size.width - 1 or 79
        for text in (
            f"Indicateurs · {period.describe()}",
            f"Indicateurs · {period.label}",
            period.label,
        ):
            if computing:
                text += " · calcul…"
            if cell_len(text) <= width:
                break
        self.query_one("#metrics-bar", Static).update(Content(" " + text))

    def _update_tabs(self) -> None:
        parts: list[str | tuple[str, str]] = []
        for index, (_, title) in enumerate(SECTIONS):
            label = f" {index + 1} {title} "
            parts.append((label, "reverse bold") if index == self.section else label)
        self.query_one("#metrics-tabs", Static).update(Content.assemble(*parts))

    # ------------------------------------------------------------------ actions

    def action_period(self, key: str) -> None:
        """Show the metrics of another period (t 3 mois, s 6 mois, a 12 mois, c cette année)."""
        self.period_key = key

    def action_section(self, index: int) -> None:
        self.section = index

    def action_next_section(self, step: int) -> None:
        self.section = (self.section + step) % len(SECTIONS)

    def action_definitions(self) -> None:
        """What each figure counts, the period, the rates: the definitions."""
        from tui_reseau.ui.screens.metrics_help import MetricsHelpScreen

        self.app.push_screen(MetricsHelpScreen())

    @on(BarChart.Opened)
    def _open(self, event: BarChart.Opened) -> None:
        from tui_reseau.ui.screens.metric_records import MetricRecordsScreen

        if isinstance(event.key, RecordKey):
            _, section_title = SECTIONS[self.section]
            title = f"{section_title} · {event.label}"
            self.app.push_screen(MetricRecordsScreen(event.key, title))

    def action_back(self) -> None:
        self.dismiss(None)
