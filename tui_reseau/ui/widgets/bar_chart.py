"""Horizontal bar charts in the terminal: a label, a bar in eighths of a cell, the figures.

The chart is a list the cursor walks through: each bar (and each headline figure without a bar)
is a line; Enter on it posts :class:`BarChart.Opened` with the key it was given, so the screen
can open the records behind it. Groups have a title and an optional note; bars are scaled to
the longest bar of their group. Bars are drawn with the Unicode blocks ▏▎▍▌▋▊▉█, so they read
without colour; labels are user text, shown safely (no markup, no control characters).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui_reseau.display import cell_fit, safe_text

EIGHTHS = "▏▎▍▌▋▊▉"
FULL = "█"
MIN_BAR = 6  # cells; below, labels are cut to leave the bar room
MUTED = "$foreground-muted"
BAR_STYLE = "$accent"


@dataclass(frozen=True, slots=True)
class Bar:
    """One line of a chart.

    ``value`` sets the bar's length against the group's largest (None: no bar, a headline
    figure); ``text`` is the figure shown beside it; ``detail`` an optional second line;
    ``key`` what Enter opens (None: the line cannot be opened).
    """

    label: str
    value: float | None
    text: str
    key: object | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class BarGroup:
    """A titled set of bars; ``empty`` is shown when there are none."""

    title: str
    bars: tuple[Bar, ...]
    note: str = ""
    empty: str = "Rien sur la période."


def bar_text(value: float, largest: float, width: int) -> str:
    """A bar ``width`` cells at most, ``value / largest`` of it filled to the eighth of a cell.

    A value above 0 always shows at least ▏; 0 shows nothing.
    """
    if width <= 0 or largest <= 0 or value <= 0:
        return ""
    eighths = round(min(1.0, value / largest) * width * 8)
    eighths = max(1, eighths)
    full, rest = divmod(eighths, 8)
    return FULL * full + (EIGHTHS[rest - 1] if rest else "")


class BarChart(OptionList):
    """Groups of bars; the cursor goes from bar to bar, Enter opens what is behind one."""

    BINDINGS = [Binding("enter", "select", "Fiches", key_display="Entrée")]

    class Opened(Message):
        """Enter on a line that has a key: show what is behind it."""

        def __init__(self, chart: BarChart, key: object, label: str) -> None:
            super().__init__()
            self.chart = chart
            self.key = key
            self.label = label

        @property
        def control(self) -> BarChart:
            return self.chart

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.groups: tuple[BarGroup, ...] = ()
        self._bars: dict[str, Bar] = {}
        self._drawn_width = 0

    def show(
        self, groups: tuple[BarGroup, ...] | list[BarGroup], *, keep_cursor: bool = False
    ) -> None:
        """Draw ``groups``; the cursor goes to the first bar (or stays where it was)."""
        before = self.highlighted if keep_cursor else None
        self.groups = tuple(groups)
        self._draw()
        options = self.options
        enabled = [i for i, option in enumerate(options) if not option.disabled]
        if not enabled:
            self.highlighted = None
        elif before is not None:
            self.highlighted = next((i for i in enabled if i >= before), enabled[-1])
        else:
            self.highlighted = enabled[0]

    def on_resize(self) -> None:
        if self.groups and self._width() != self._drawn_width:
            before = self.highlighted
            self._draw()
            self.highlighted = before

    def _width(self) -> int:
        return max(20, (self.scrollable_content_region.width or self.size.width or 80) - 2)

    def _draw(self) -> None:
        width = self._drawn_width = self._width()
        options: list[Option | None] = []
        self._bars = {}
        for index, group in enumerate(self.groups):
            if options:
                options.append(None)
            options.append(
                Option(Content.styled(cell_fit(group.title, width), "bold"), disabled=True)
            )
            if group.note:
                options.append(Option(Content.styled(safe_text(group.note), MUTED), disabled=True))
            if not group.bars:
                options.append(Option(Content.styled(group.empty, MUTED), disabled=True))
                continue
            for position, bar in enumerate(group.bars):
                option_id = f"g{index}-b{position}"
                self._bars[option_id] = bar
                prompt = self._line(group, bar, width)
                options.append(Option(prompt, id=option_id, disabled=bar.key is None))
        self.set_options(options)

    def _line(self, group: BarGroup, bar: Bar, width: int) -> Content:
        label_width = min(
            max(cell_len(safe_text(b.label, single_line=True)) for b in group.bars),
            max(12, width * 2 // 5),
        )
        text_width = min(max(cell_len(b.text) for b in group.bars), width // 2)
        bar_width = width - label_width - text_width - 2
        if bar_width < MIN_BAR:
            label_width = max(6, label_width - (MIN_BAR - bar_width))
            bar_width = max(0, width - label_width - text_width - 2)
        values = [b.value for b in group.bars if b.value is not None]
        largest = max(values, default=0.0)
        drawn = bar_text(bar.value or 0.0, largest, bar_width) if bar.value is not None else ""
        parts: list[str | tuple[str, str]] = [
            cell_fit(bar.label, label_width) + " ",
            (drawn, BAR_STYLE),
            " " * (bar_width - cell_len(drawn) + 1),
            (cell_fit(bar.text, text_width, right=True), "bold"),
        ]
        if bar.detail:
            parts += ["\n", (cell_fit("  " + bar.detail, width), MUTED)]
        return Content.assemble(*parts)

    @property
    def current(self) -> Bar | None:
        """The bar under the cursor."""
        option = self.highlighted_option
        return self._bars.get(option.id or "") if option is not None else None

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        bar = self._bars.get(event.option.id or "")
        if bar is not None and bar.key is not None:
            self.post_message(self.Opened(self, bar.key, bar.label))
