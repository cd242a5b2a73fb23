"""One event: its fields, and the people met there.

``+`` or ``l`` links a contact through the fuzzy search dialog; ``-`` or Suppr unlinks the one
under the cursor (after confirmation); Entrée opens their card; ``e`` edits the event. The event
is read again each time the screen comes back on top.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Static

from tui_reseau.display import safe_text
from tui_reseau.domain import events as events_service
from tui_reseau.domain.dates import format_date
from tui_reseau.domain.events import EventDetail, MetContact, format_euros, format_hours
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.screens.events import place_and_pole
from tui_reseau.ui.screens.record_list import TableScreen
from tui_reseau.ui.widgets.record_table import Column, VirtualRecordTable

LABEL_STYLE = "$foreground-muted"
NOBODY = "Personne d'enregistré : « + » pour ajouter quelqu'un rencontré là-bas."

MET_COLUMNS: list[Column[MetContact]] = [
    Column("Nom", lambda c: c.name or "(sans nom)", share=3),
    Column("Entreprise", lambda c: c.company, share=3),
    Column("Cercle", lambda c: str(c.circle), width=6, right=True),
]


def _t(text: str) -> str:
    return safe_text(text, single_line=True)


def event_fields(detail: EventDetail) -> Content:
    """The event's fields, one « label : value » per line (user text made safe)."""
    row = detail.row
    lines: list[tuple[str, str]] = [
        ("Date", format_date(row.held_on)),
        ("Lieu", _t(place_and_pole(row.place, row.pole)) or "—"),
        ("Organisé par", _t(row.community) or "—"),
        ("Temps", f"{format_hours(row.hours)} (trajet compris)"),
        ("Coût", format_euros(row.cost_eur)),
        ("Opportunités", str(row.opportunities)),
    ]
    if detail.notes:
        lines.append(("Notes", _t(detail.notes)))
    parts: list[str | tuple[str, str]] = []
    for label, value in lines:
        if parts:
            parts.append("\n")
        parts += [(f"{label:<13}", LABEL_STYLE), value]
    return Content.assemble(*parts)


class EventScreen(TableScreen):
    """An event's fields and the contacts met there."""

    CSS_PATH = "event_detail.tcss"

    BINDINGS = [
        Binding("plus,l", "link", "Ajouter une personne", key_display="+"),
        Binding("minus,delete", "unlink", "Retirer", key_display="-"),
        Binding("e", "edit", "Modifier l'événement"),
        Binding("escape", "back", "Retour"),
        Binding("question_mark", "app.toggle_keys", "Touches", key_display="?", show=False),
    ]

    def __init__(self, event_id: int) -> None:
        super().__init__()
        self.event_id = event_id
        self.detail: EventDetail | None = None

    def compose(self) -> ComposeResult:
        yield Static(" Événement", id="event-bar", markup=False)
        yield Static("Chargement…", id="event-fields")
        yield Static("Personnes rencontrées", id="event-met-title", markup=False)
        yield Static(NOBODY, id="event-nobody", markup=False)
        yield VirtualRecordTable(MET_COLUMNS, key=lambda c: c.id, id="event-met")
        yield Footer()

    @property
    def table(self) -> VirtualRecordTable[MetContact]:
        return self.query_one("#event-met", VirtualRecordTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.query_one("#event-nobody").display = False

    def read(self) -> EventDetail | None:
        return events_service.event_detail(self.event_id)

    def show(self, detail: EventDetail | None) -> None:
        if detail is None:
            self.notify("Cet événement n'existe plus.", severity="warning")
            self.dismiss(None)
            return
        self.detail = detail
        bar = Content(f" Événement · {_t(detail.row.name)}")
        self.query_one("#event-bar", Static).update(bar)
        self.query_one("#event-fields", Static).update(event_fields(detail))
        n = len(detail.contacts)
        self.query_one("#event-met-title", Static).update(
            f"Personnes rencontrées : {n}" if n else "Personnes rencontrées"
        )
        self.table.show(detail.contacts, keep=self.keep)
        self.query_one("#event-nobody").display = not detail.contacts

    # ------------------------------------------------------------------ actions

    def action_link(self) -> None:
        from tui_reseau.ui.screens.search import SearchScreen

        def chosen(contact_id: int | None) -> None:
            if contact_id is not None:
                self.app.write(  # type: ignore[attr-defined]
                    events_service.link_contact,
                    self.event_id,
                    contact_id,
                    then=lambda added: self._linked(contact_id, added),
                )

        self.app.push_screen(SearchScreen(self.app.search), chosen)  # type: ignore[attr-defined]

    def _linked(self, contact_id: int, added: bool) -> None:
        if not added:
            self.notify("Cette personne figure déjà parmi les rencontres de l'événement.")
        self.reload(keep=contact_id)

    def action_unlink(self) -> None:
        contact = self.table.current()
        if contact is None:
            return
        question = (
            f"Retirer {_t(contact.name) or '(sans nom)'} des personnes rencontrées à cet "
            "événement ?\n\nLe contact reste dans le réseau."
        )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.app.write(  # type: ignore[attr-defined]
                    events_service.unlink_contact,
                    self.event_id,
                    contact.id,
                    then=lambda _removed: self.reload(),
                )

        self.app.push_screen(ConfirmScreen(question, "Retirer"), answered)

    @on(VirtualRecordTable.Selected)
    def _selected(self, event: VirtualRecordTable.Selected) -> None:
        event.stop()
        self.action_open_card()

    def action_open_card(self) -> None:
        from tui_reseau.ui.screens.card import CardScreen

        if (contact := self.table.current()) is not None:
            self.app.push_screen(CardScreen(contact.id))

    def action_edit(self) -> None:
        from tui_reseau.ui.screens.event_form import EventFormScreen

        self.app.push_screen(EventFormScreen(self.event_id), self._saved)

    def action_back(self) -> None:
        self.dismiss(None)
