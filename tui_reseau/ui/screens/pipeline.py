"""The opportunities pipeline: Piste → Proposition → Gagnée / Perdue, one column per stage.

Each column gives its count and its total in euros, then its cards. The selected card moves to
the next or previous stage with > and < (or shift+→ / shift+←), straight to won with g or lost
with p; a adds, e edits, Suppr deletes after confirmation, Entrée opens the contact's card and
t shows this year only or everything. The pipeline is read in a worker each time the screen
comes back on top (after a form or a card); writes run in workers too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.worker import get_current_worker

from tui_reseau.display import safe_text
from tui_reseau.domain.opportunities import (
    PipelineCard,
    StageColumn,
    delete_opportunity,
    format_euros,
    move_stage,
    pipeline,
    set_stage,
)
from tui_reseau.domain.vocabulary import OPPORTUNITY_STAGES
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.widgets.pipeline_board import PipelineBoard

NARROW_WIDTH = 100


def summary_line(columns: list[StageColumn], this_year: bool) -> str:
    """« Opportunités · en cours : 4 pour 23 500 € · tout »."""
    open_columns = [c for c in columns if c.stage in ("piste", "proposition")]
    count = sum(c.count for c in open_columns)
    total = sum((c.total_eur for c in open_columns), start=Decimal(0))
    period = "cette année" if this_year else "tout"
    return f"Opportunités · en cours : {count} pour {format_euros(total)} · {period}"


class PipelineScreen(Screen[None]):
    """The four stages side by side; keys move the selected opportunity along."""

    CSS_PATH = "pipeline.tcss"

    BINDINGS = [
        Binding("greater_than_sign", "move(1)", "Avancer", key_display=">"),
        Binding("less_than_sign", "move(-1)", "Reculer", key_display="<", show=False),
        Binding("shift+right", "move(1)", "Avancer d'une étape", show=False),
        Binding("shift+left", "move(-1)", "Reculer d'une étape", show=False),
        Binding("g", "stage('gagnee')", "Gagnée"),
        Binding("p", "stage('perdue')", "Perdue"),
        Binding("a", "add", "Ajouter"),
        Binding("e", "edit", "Modifier"),
        Binding("delete", "delete", "Supprimer", key_display="Suppr"),
        Binding("t", "toggle_year", "Période"),
        Binding("escape", "back", "Retour", show=False),
        Binding("question_mark", "app.toggle_keys", "Touches", key_display="?", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.this_year = False
        self.columns: list[StageColumn] = []
        self._select: int | None = None  # the card the next drawing selects

    def compose(self) -> ComposeResult:
        yield Static(" Opportunités", id="pipeline-bar")
        yield PipelineBoard(id="pipeline-board")
        yield Footer()

    @property
    def board(self) -> PipelineBoard:
        return self.query_one(PipelineBoard)

    @property
    def today(self) -> dt.date:
        return self.app.today  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.board.lists()[0].focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW_WIDTH
        self.set_class(narrow, "-narrow")
        footer = self.query_one(Footer)
        footer.compact = narrow
        footer.show_command_palette = not narrow

    # ------------------------------------------------------------------ loading

    def reload(self, select: int | None = None) -> None:
        """Read the pipeline again (in a worker); ``select`` the card of that id once drawn."""
        if select is not None:
            self._select = select
        self._load(self.today, self.this_year)

    @work(thread=True, exclusive=True, group="pipeline-load", exit_on_error=False)
    def _load(self, today: dt.date, this_year: bool) -> None:
        columns = pipeline(today, this_year=this_year)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, columns)

    def _show(self, columns: list[StageColumn]) -> None:
        self.columns = columns
        select, self._select = self._select, None
        self.board.show(columns, self.today, select=select)
        self.query_one("#pipeline-bar", Static).update(" " + summary_line(columns, self.this_year))

    # ------------------------------------------------------------------ actions

    def _current(self) -> PipelineCard | None:
        card = self.board.selected
        if card is None:
            self.notify("Aucune opportunité ici : « a » en ajoute une.", severity="warning")
        return card

    def action_move(self, step: int) -> None:
        if (card := self._current()) is None:
            return
        self.app.write(  # type: ignore[attr-defined]
            move_stage, card.id, step, self.today, then=lambda stage: self._moved(card, stage)
        )

    def action_stage(self, stage: str) -> None:
        if (card := self._current()) is None:
            return
        self.app.write(  # type: ignore[attr-defined]
            set_stage, card.id, stage, self.today, then=lambda done: self._moved(card, done)
        )

    def _moved(self, card: PipelineCard, stage: str) -> None:
        label = OPPORTUNITY_STAGES[stage].label
        self.notify(f"« {safe_text(card.title, single_line=True)} » : {label}.", markup=False)
        self.reload(select=card.id)

    def action_add(self) -> None:
        from tui_reseau.ui.screens.opportunity_form import OpportunityFormScreen

        self.app.push_screen(OpportunityFormScreen())

    def action_edit(self) -> None:
        from tui_reseau.ui.screens.opportunity_form import OpportunityFormScreen

        if (card := self._current()) is not None:
            self._select = card.id
            self.app.push_screen(OpportunityFormScreen(card.id))

    def action_delete(self) -> None:
        if (card := self._current()) is None:
            return
        title = safe_text(card.title, single_line=True)
        name = safe_text(card.contact_name, single_line=True)

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.app.write(  # type: ignore[attr-defined]
                    delete_opportunity,
                    card.id,
                    then=lambda _: (
                        self.notify(f"Opportunité supprimée : {title}.", markup=False),
                        self.reload(),
                    ),
                )

        self.app.push_screen(
            ConfirmScreen(f"Supprimer l'opportunité « {title} » ({name}) ?"), answered
        )

    def action_toggle_year(self) -> None:
        self.this_year = not self.this_year
        self.reload()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        from tui_reseau.ui.screens.card import CardScreen

        if (card := self._current()) is not None:
            self._select = card.id
            self.app.push_screen(CardScreen(card.contact_id))

    def action_back(self) -> None:
        self.dismiss(None)
