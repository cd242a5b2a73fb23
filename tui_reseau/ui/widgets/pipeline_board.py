"""The pipeline board: four columns (Piste, Proposition, Gagnée, Perdue) of opportunity cards.

Each column shows its count and its total in euros above its cards (title, contact, value and
age). ←/→ go from column to column, ↑/↓ within one; Entrée on a card posts OptionList's
OptionSelected. The board only displays: the screen reads the data and acts on the selection.
"""

from __future__ import annotations

import datetime as dt

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_reseau.display import days_label, safe_text
from tui_reseau.domain.opportunities import STAGES, PipelineCard, StageColumn, format_euros

MUTED = "$foreground-muted"
EMPTY_TEXT = "(aucune)"


def _t(text: str) -> str:
    return safe_text(text, single_line=True)


def card_prompt(card: PipelineCard) -> Content:
    """Title / contact / value · age: three lines, cut by the column's width."""
    age = days_label(card.age_days)
    return Content.assemble(
        (_t(card.title) or "(sans intitulé)", "bold"),
        "\n",
        _t(card.contact_name) or "(sans nom)",
        "\n",
        (format_euros(card.value_eur), "bold" if card.value_eur else MUTED),
        (f" · {age}", MUTED),
    )


def column_header(column: StageColumn) -> Content:
    """« Gagnée  3 » / « 45 000 € »."""
    return Content.assemble(
        (column.label, "bold"),
        (f"  {column.count}", MUTED),
        "\n",
        (format_euros(column.total_eur), "bold"),
    )


class StageList(OptionList):
    """The cards of one stage."""

    def __init__(self, stage: str) -> None:
        super().__init__(id=f"stage-{stage}", classes="stage-list")
        self.stage = stage


class PipelineBoard(Horizontal):
    """Four stage columns side by side; one card is selected in the focused column."""

    BINDINGS = [
        Binding("left", "column(-1)", "Colonne précédente", show=False),
        Binding("right", "column(1)", "Colonne suivante", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: dict[str, StageColumn] = {}

    def compose(self) -> ComposeResult:
        for stage in STAGES:
            with Vertical(classes="stage-column", id=f"column-{stage}"):
                yield Static("", classes="stage-header", id=f"header-{stage}")
                yield StageList(stage)

    def lists(self) -> list[StageList]:
        return list(self.query(StageList))

    def list_of(self, stage: str) -> StageList:
        return self.query_one(f"#stage-{stage}", StageList)

    @property
    def current_list(self) -> StageList:
        """The focused column's list (the first when the focus is elsewhere)."""
        focused = self.screen.focused
        return focused if isinstance(focused, StageList) else self.lists()[0]

    @property
    def selected(self) -> PipelineCard | None:
        """The highlighted card of the focused column."""
        stage_list = self.current_list
        index = stage_list.highlighted
        cards = self.columns.get(stage_list.stage)
        if cards is None or index is None or index >= len(cards.cards):
            return None
        return cards.cards[index]

    def show(self, columns: list[StageColumn], today: dt.date, select: int | None = None) -> None:
        """Fill the columns; select the card ``select`` (else keep the selection's place)."""
        before = self.selected
        wanted = select if select is not None else (before.id if before else None)
        focus_stage = self.current_list.stage
        self.columns = {column.stage: column for column in columns}
        for column in columns:
            self.query_one(f"#header-{column.stage}", Static).update(column_header(column))
            stage_list = self.list_of(column.stage)
            old_index = stage_list.highlighted
            if column.cards:
                options: list[Option | None] = []
                for card in column.cards:
                    if options:
                        options.append(None)  # a line between cards (indices unchanged)
                    options.append(Option(card_prompt(card), id=f"o-{card.id}"))
                hidden = column.count - len(column.cards)
                if hidden > 0:
                    more = f"… et {hidden} autres, plus anciennes"
                    options.append(None)
                    options.append(Option(Content.styled(more, MUTED), disabled=True))
                stage_list.set_options(options)
            else:
                stage_list.set_options([Option(Content.styled(EMPTY_TEXT, MUTED), disabled=True)])
            found = next((i for i, c in enumerate(column.cards) if c.id == wanted), None)
            if found is not None:
                focus_stage = column.stage
                stage_list.highlighted = found
            elif column.cards:
                stage_list.highlighted = min(old_index or 0, len(column.cards) - 1)
        if self.screen.focused is None or isinstance(self.screen.focused, StageList):
            self.list_of(focus_stage).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A class, not :focus-within: Textual does not restyle the column the focus left.
        for column in self.query(".stage-column"):
            column.set_class(event.widget in column.children, "-current")

    def action_column(self, step: int) -> None:
        """Focus the column ``step`` places to the right (or left), stopping at the ends."""
        index = STAGES.index(self.current_list.stage)
        target = STAGES[max(0, min(len(STAGES) - 1, index + step))]
        self.list_of(target).focus()
