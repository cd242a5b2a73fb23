"""The definitions of the metrics (what is counted, over which period), over the metrics.

The text sits in a RichLog: a scrolling widget that takes the focus itself, so the arrows and
page keys scroll it at once and Échap closes it at once.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import RichLog, Static

from tui_reseau.domain.metrics.definitions import DEFINITION_SECTIONS


class MetricsHelpScreen(ModalScreen[None]):
    """The definitions, scrollable; Échap, ? or F1 closes them."""

    CSS_PATH = "metrics_help.tcss"

    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "Fermer", key_display="Échap"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("Indicateurs : définitions", id="help-title")
            yield RichLog(id="help-text", wrap=True, markup=False, min_width=20, auto_scroll=False)
            yield Static("Échap : fermer · flèches : faire défiler", id="help-keys")

    def on_mount(self) -> None:
        log = self.query_one(RichLog)
        for index, (title, paragraphs) in enumerate(DEFINITION_SECTIONS):
            if index:
                log.write(Text(""))
            log.write(Text(title, style="bold"))
            for paragraph in paragraphs:
                log.write(Text(paragraph), expand=True)
        log.focus()
