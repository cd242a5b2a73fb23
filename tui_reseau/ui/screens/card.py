"""A contact card on the whole screen: how cards open on narrow terminals (below 100 columns)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from tui_reseau.domain.card import load_card
from tui_reseau.ui.screens.contact_actions import ContactActions
from tui_reseau.ui.widgets.contact_card import ContactCardView


class CardScreen(ContactActions, Screen[None]):
    """One contact's card; Échap goes back to the list."""

    DEFAULT_CSS = """
    CardScreen ContactCardView { padding: 0 1; }
    """

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Retour"),
        Binding("slash,ctrl+k", "app.search", "Chercher", key_display="/"),
        *ContactActions.CONTACT_BINDINGS,
        Binding("i", "introducer", "Présenté par", show=False),
    ]

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id

    def compose(self) -> ComposeResult:
        yield ContactCardView(id="card")
        yield Footer()

    def on_screen_resume(self) -> None:
        self._load()  # first display, and back from a form or the agenda: always fresh

    @work(thread=True, exclusive=True, group="card", exit_on_error=False)
    def _load(self) -> None:
        card = load_card(self.contact_id, self.app.today)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, card)

    def _show(self, card) -> None:  # card: ContactCard | None
        view = self.query_one(ContactCardView)
        view.show(card, self.app.today)
        view.detail_list.focus()

    def action_introducer(self) -> None:
        self.query_one(ContactCardView).action_introducer()

    @on(ContactCardView.JumpTo)
    def _jump(self, event: ContactCardView.JumpTo) -> None:
        self.contact_id = event.contact_id
        self._load()

    def current_contact_id(self) -> int | None:
        return self.contact_id

    def current_contact_name(self) -> str:
        card = self.query_one(ContactCardView).card
        return card.name if card else ""

    def contact_updated(self, contact_id: int) -> None:
        self._load()

    def contact_deleted(self, contact_id: int, name: str) -> None:
        self.app.pop_screen()
