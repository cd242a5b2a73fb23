"""One community's card: our role and what the method says of it, the time given, then three
tables — the involvement log, its events, and the contacts met through it (its members and the
people met at its events).

Tab moves between the tables. ``i`` logs an involvement, ``+`` adds a member (fuzzy search),
``n`` records a new event it organised, Suppr removes the involvement or the membership under
the cursor (after confirmation), Entrée opens the event or the contact's card, ``e`` edits the
community. The card is read again each time the screen comes back on top.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, Static

from tui_reseau.display import safe_text
from tui_reseau.domain import communities as communities_service
from tui_reseau.domain.communities import CommunityCard, InvolvementRow, MetThrough
from tui_reseau.domain.dates import format_date
from tui_reseau.domain.events import EventRow, format_euros, format_hours
from tui_reseau.domain.vocabulary import (
    COMMUNITY_KINDS,
    COMMUNITY_ROLES,
    INVOLVEMENT_KINDS,
    label,
)
from tui_reseau.ui.screens.communities import pole_label
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.screens.events import place_and_pole
from tui_reseau.ui.screens.record_list import TableScreen
from tui_reseau.ui.widgets.record_table import Column, VirtualRecordTable

MUTED = "$foreground-muted"


def how_met(person: MetThrough) -> str:
    """« membre · 2 év. », « membre », « 1 év. »."""
    parts = ["membre"] if person.member else []
    if person.events:
        parts.append(f"{person.events} év.")
    return " · ".join(parts)


INVOLVEMENT_COLUMNS: list[Column[InvolvementRow]] = [
    Column("Date", lambda r: format_date(r.happened_on), width=10),
    Column("Implication", lambda r: label(INVOLVEMENT_KINDS, r.kind), share=2),
    Column("Description", lambda r: r.description, share=3),
    Column("Heures", lambda r: format_hours(r.hours), width=6, right=True),
]
EVENT_COLUMNS: list[Column[EventRow]] = [
    Column("Date", lambda r: format_date(r.held_on), width=10),
    Column("Événement", lambda r: r.name, share=3),
    Column("Lieu", lambda r: place_and_pole(r.place, r.pole), share=2),
    Column("Heures", lambda r: format_hours(r.hours), width=6, right=True),
    Column("Coût", lambda r: format_euros(r.cost_eur), width=9, right=True),
    Column("Vus", lambda r: str(r.contacts_met), width=3, right=True),
]
CONTACT_COLUMNS: list[Column[MetThrough]] = [
    Column("Nom", lambda p: p.contact.name or "(sans nom)", share=3),
    Column("Entreprise", lambda p: p.contact.company, share=3),
    Column("Cercle", lambda p: str(p.contact.circle), width=6, right=True),
    Column("Comment", lambda p: how_met(p), width=14),
]


def card_head(card: CommunityCard) -> Content:
    """Kind, pole, membership; our role and the method's advice; the time given."""
    row = card.row
    first = [label(COMMUNITY_KINDS, row.kind)]
    if pole := pole_label(row.pole):
        first.append(pole)
    if card.joined_on is not None:
        first.append(f"membre depuis le {format_date(card.joined_on)}")
    role = COMMUNITY_ROLES.get(row.role)
    met = row.contacts_met
    time_line = (
        f"Temps donné : {format_hours(row.hours)} — implication "
        f"{format_hours(row.involvement_hours)} · événements {format_hours(row.event_hours)}"
        f" · {met} contact{'s' if met > 1 else ''} rencontré{'s' if met > 1 else ''}"
    )
    parts: list[str | tuple[str, str]] = [
        " · ".join(first),
        "\n",
        ("Notre rôle : ", MUTED),
        (role.label if role else row.role, "bold"),
        " — " if card.role_advice else "",
        (card.role_advice, "italic"),
        "\n",
        (time_line, ""),
    ]
    if card.notes:
        parts += ["\n", (safe_text(card.notes, single_line=True), MUTED)]
    return Content.assemble(*parts)


class CommunityScreen(TableScreen):
    """A community's card: role, involvement log, events, contacts met through it."""

    CSS_PATH = "community.tcss"

    BINDINGS = [
        Binding("i", "involvement", "Implication"),
        Binding("plus", "add_member", "Membre", key_display="+"),
        Binding("n", "new_event", "Événement"),
        Binding("delete", "remove", "Retirer", key_display="Suppr"),
        Binding("e", "edit", "Modifier"),
        Binding("escape", "back", "Retour"),
        Binding("question_mark", "app.toggle_keys", "Touches", key_display="?", show=False),
    ]

    def __init__(self, community_id: int) -> None:
        super().__init__()
        self.community_id = community_id
        self.card: CommunityCard | None = None

    def compose(self) -> ComposeResult:
        yield Static(" Communauté", id="community-bar", markup=False)
        yield Static("Chargement…", id="community-head")
        yield Static("Journal d'implication", id="involvements-title", classes="section")
        yield VirtualRecordTable(INVOLVEMENT_COLUMNS, key=lambda r: r.id, id="involvements")
        yield Static("Ses événements", id="events-title", classes="section")
        yield VirtualRecordTable(EVENT_COLUMNS, key=lambda r: r.id, id="events")
        yield Static("Contacts rencontrés par elle", id="contacts-title", classes="section")
        yield VirtualRecordTable(CONTACT_COLUMNS, key=lambda p: p.contact.id, id="contacts")
        yield Footer()

    def table(self, name: str) -> VirtualRecordTable:
        return self.query_one(f"#{name}", VirtualRecordTable)

    def on_mount(self) -> None:
        self.table("contacts").focus()

    def read(self) -> CommunityCard | None:
        return communities_service.community_card(self.community_id)

    def show(self, card: CommunityCard | None) -> None:
        if card is None:
            self.notify("Cette communauté n'existe plus.", severity="warning")
            self.dismiss(None)
            return
        self.card = card
        name = safe_text(card.row.name, single_line=True)
        self.query_one("#community-bar", Static).update(Content(f" Communauté · {name}"))
        self.query_one("#community-head", Static).update(card_head(card))
        for key, title, rows in (
            ("involvements", "Journal d'implication", card.involvements),
            ("events", "Ses événements", card.events),
            ("contacts", "Contacts rencontrés par elle", card.contacts),
        ):
            hint = {"involvements": "  (i : noter)", "contacts": "  (+ : ajouter un membre)"}
            suffix = f" : {len(rows)}" if rows else hint.get(key, "  (aucun)")
            self.query_one(f"#{key}-title", Static).update(Content(title + suffix))
            self.table(key).show(rows)

    # ------------------------------------------------------------------ actions

    def _focused_table(self) -> str:
        focused = self.focused
        return focused.id or "" if isinstance(focused, VirtualRecordTable) else ""

    @on(VirtualRecordTable.Selected)
    def _selected(self, event: VirtualRecordTable.Selected) -> None:
        event.stop()
        from tui_reseau.ui.screens.card import CardScreen
        from tui_reseau.ui.screens.event_detail import EventScreen

        if event.table.id == "contacts":
            self.app.push_screen(CardScreen(event.record.contact.id))
        elif event.table.id == "events":
            self.app.push_screen(EventScreen(event.record.id))

    def action_involvement(self) -> None:
        from tui_reseau.ui.screens.involvement_form import InvolvementFormScreen

        self.app.push_screen(InvolvementFormScreen(self.community_id), self._saved)

    def action_add_member(self) -> None:
        from tui_reseau.ui.screens.search import SearchScreen

        def chosen(contact_id: int | None) -> None:
            if contact_id is not None:
                self.app.write(  # type: ignore[attr-defined]
                    communities_service.add_member,
                    self.community_id,
                    contact_id,
                    then=self._member_added,
                )

        self.app.push_screen(SearchScreen(self.app.search), chosen)  # type: ignore[attr-defined]

    def _member_added(self, added: bool) -> None:
        self.notify("Membre ajouté." if added else "Cette personne est déjà membre.")
        self.reload()

    def action_new_event(self) -> None:
        from tui_reseau.ui.screens.event_form import EventFormScreen

        self.app.push_screen(EventFormScreen(None, community_id=self.community_id), self._saved)

    def action_remove(self) -> None:
        which = self._focused_table()
        record = self.table(which).current() if which else None
        if record is None:
            return
        if which == "involvements":
            what = label(INVOLVEMENT_KINDS, record.kind)
            question = f"Effacer l'implication « {what} » du {format_date(record.happened_on)} ?"
            job, args = communities_service.delete_involvement, (record.id,)
        elif which == "contacts" and record.member:
            name = safe_text(record.contact.name, single_line=True)
            question = f"Retirer {name} des membres ?\n\nLe contact reste dans le réseau."
            job, args = communities_service.remove_member, (self.community_id, record.contact.id)
        elif which == "contacts":
            self.notify(
                "Rencontré à un événement, pas membre : retirez-le depuis l'événement.",
                severity="warning",
            )
            return
        else:
            self.notify("Supprimez un événement depuis la liste des événements (E).")
            return

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.app.write(job, *args, then=lambda _done: self.reload())  # type: ignore[attr-defined]

        self.app.push_screen(ConfirmScreen(question, "Retirer"), answered)

    def action_edit(self) -> None:
        from tui_reseau.ui.screens.community_form import CommunityFormScreen

        self.app.push_screen(CommunityFormScreen(self.community_id), self._saved)

    def action_back(self) -> None:
        self.dismiss(None)
