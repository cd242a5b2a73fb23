"""A yes/no question in a dialog. The safe answer has the focus; a typed letter answers nothing.

Destructive confirmations are given with a button (Tab then Enter, or the mouse) or with
ctrl+s — never with a plain letter, so a burst of typed text cannot confirm anything.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from tui_reseau.display import safe_text


class ConfirmScreen(ModalScreen[bool]):
    """Ask ``question``; dismiss with True only on the confirm button or ctrl+s."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 64; max-width: 95%; height: auto; padding: 1 2;
        border: thick $error 80%; background: $surface;
    }
    ConfirmScreen.-gentle > Vertical { border: thick $accent 80%; }
    ConfirmScreen #question { margin-bottom: 1; }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Annuler"),
        Binding("ctrl+s", "dismiss(True)", "Confirmer"),
    ]

    def __init__(
        self,
        question: str,
        confirm_label: str = "Supprimer",
        *,
        cancel_label: str = "Annuler",
        destructive: bool = True,
    ) -> None:
        super().__init__(classes="" if destructive else "-gentle")
        self.question = question
        self.confirm_label = confirm_label
        self.cancel_label = cancel_label
        self.destructive = destructive

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe_text(self.question), id="question", markup=False)
            yield Static("Échap : annuler · Tab puis Entrée ou ctrl+s : confirmer", classes="dim")
            with Horizontal():
                yield Button(self.cancel_label, id="cancel")
                yield Button(
                    self.confirm_label,
                    id="confirm",
                    variant="error" if self.destructive else "primary",
                )

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(False)


def discard_question(what: str = "les modifications") -> ConfirmScreen:
    """« Abandonner … ? » before throwing away what was typed; Escape keeps typing."""
    return ConfirmScreen(
        f"Abandonner {what} ? Ce que vous avez tapé sera perdu.",
        "Abandonner",
        cancel_label="Continuer la saisie",
        destructive=False,
    )


def close_or_ask(form: Screen[Any], changed: bool, what: str, result: object = None) -> None:
    """Close ``form`` with ``result``; when something was typed (``changed``), first ask
    « Abandonner {what} ? » — answering no keeps the form and its typing."""
    if not changed:
        form.dismiss(result)
        return

    def answered(discard: bool | None) -> None:
        if discard:
            form.dismiss(result)

    form.app.push_screen(discard_question(what), answered)
