"""The professional communities of circle 3: kind, our role, pole, time given, people met.

``a`` adds, ``e`` edits, Suppr deletes (after confirmation by button or ctrl+s), Entrée opens
the community's card. The list is read in a worker each time the screen comes back on top.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui_reseau.display import safe_text
from tui_reseau.domain import communities as communities_service
from tui_reseau.domain.communities import CommunityRow
from tui_reseau.domain.events import format_hours
from tui_reseau.domain.vocabulary import COMMUNITY_KINDS, COMMUNITY_ROLES, Pole, label
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.screens.events_table import Column, RecordTable, fit_footer

EMPTY_TEXT = (
    "Aucune communauté enregistrée : « a » pour ajouter la CCI, un club (BNI, DCF, APM), une "
    "association ou une plateforme."
)


def pole_label(pole: str | None) -> str:
    return Pole(pole).short_label if pole in Pole._value2member_map_ else ""


COMMUNITY_COLUMNS: list[Column[CommunityRow]] = [
    Column("Communauté", lambda r: r.name, share=3),
    Column("Type", lambda r: label(COMMUNITY_KINDS, r.kind), share=2),
    Column("Notre rôle", lambda r: label(COMMUNITY_ROLES, r.role), width=13),
    Column("Pôle", lambda r: pole_label(r.pole), width=8),
    Column("Heures", lambda r: format_hours(r.hours), width=7, right=True),
    Column("Contacts", lambda r: str(r.contacts_met), width=8, right=True),
]


class CommunitiesScreen(Screen[None]):
    """Every community by name; the letters open forms, Suppr asks before deleting."""

    CSS_PATH = "communities.tcss"

    BINDINGS = [
        Binding("a", "add", "Ajouter"),
        Binding("e", "edit", "Modifier"),
        Binding("delete", "delete", "Supprimer", key_display="Suppr"),
        Binding("escape", "back", "Retour"),
        Binding("question_mark", "app.toggle_keys", "Touches", key_display="?", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._keep: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(" Communautés", id="communities-bar", markup=False)
        yield Static(EMPTY_TEXT, id="communities-empty", markup=False)
        yield RecordTable(COMMUNITY_COLUMNS, key=lambda r: r.id, id="communities-table")
        yield Footer()

    @property
    def table(self) -> RecordTable[CommunityRow]:
        return self.query_one("#communities-table", RecordTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.query_one("#communities-empty").display = False

    def on_resize(self) -> None:
        fit_footer(self)

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        """Read the communities again (in a worker); the cursor goes to ``keep`` if given."""
        self._keep = keep
        self._load()

    @work(thread=True, exclusive=True, group="communities-load", exit_on_error=False)
    def _load(self) -> None:
        rows = communities_service.list_communities()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[CommunityRow]) -> None:
        self.table.show(rows, keep=self._keep)
        self._keep = None
        self.query_one("#communities-empty").display = not rows
        active = sum(1 for r in rows if r.role != "passif")
        n = len(rows)
        self.query_one("#communities-bar", Static).update(
            f" Communautés · {n} communauté{'s' if n > 1 else ''} · {active} où vous êtes "
            "actif ou responsable · seule l'implication active compte"
        )

    # ------------------------------------------------------------------ actions

    @on(RecordTable.Selected)
    def _selected(self, event: RecordTable.Selected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        from tui_reseau.ui.screens.community import CommunityScreen

        if (row := self.table.current()) is not None:
            self.app.push_screen(CommunityScreen(row.id))

    def action_add(self) -> None:
        from tui_reseau.ui.screens.community_form import CommunityFormScreen

        self.app.push_screen(CommunityFormScreen(None), self._saved)

    def action_edit(self) -> None:
        from tui_reseau.ui.screens.community_form import CommunityFormScreen

        if (row := self.table.current()) is not None:
            self.app.push_screen(CommunityFormScreen(row.id), self._saved)

    def _saved(self, community_id: int | None) -> None:
        if community_id is not None:
            self.notify("Communauté enregistrée.")
            self.reload(keep=community_id)

    def action_delete(self) -> None:
        row = self.table.current()
        if row is None:
            return
        question = (
            f"Supprimer la communauté « {safe_text(row.name, single_line=True)} » ?\n\n"
            "Son journal d'implication et sa liste de membres seront effacés ; ses événements "
            "et les contacts restent."
        )

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.app.write(  # type: ignore[attr-defined]
                    communities_service.delete_community, row.id, then=self._deleted
                )

        self.app.push_screen(ConfirmScreen(question, "Supprimer"), answered)

    def _deleted(self, name: str) -> None:
        self.notify(f"Communauté supprimée : {safe_text(name, single_line=True)}.")
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
