"""The professional communities of circle 3: kind, our role, pole, time given, people met.

``a`` adds, ``e`` edits, Suppr deletes (after confirmation by button or ctrl+s), Entrée opens
the community's card. The list is read in a worker each time the screen comes back on top.
"""

from __future__ import annotations

from textual.screen import Screen

from tui_reseau.display import safe_text
from tui_reseau.domain import communities as communities_service
from tui_reseau.domain.communities import CommunityRow
from tui_reseau.domain.events import format_hours
from tui_reseau.domain.vocabulary import COMMUNITY_KINDS, COMMUNITY_ROLES, Pole, label
from tui_reseau.ui.screens.record_list import RecordListScreen
from tui_reseau.ui.widgets.record_table import Column

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


class CommunitiesScreen(RecordListScreen[CommunityRow]):
    """Every community by name; the letters open forms, Suppr asks before deleting."""

    CSS_PATH = "communities.tcss"

    NAME = "communities"
    HEADING = "Communautés"
    COLUMNS = COMMUNITY_COLUMNS
    EMPTY_TEXT = EMPTY_TEXT
    DELETED = "Communauté supprimée"

    def read(self) -> list[CommunityRow]:
        return communities_service.list_communities()

    def summary(self, rows: list[CommunityRow]) -> str:
        active = sum(1 for r in rows if r.role != "passif")
        n = len(rows)
        return (
            f"{n} communauté{'s' if n > 1 else ''} · {active} où vous êtes "
            "actif ou responsable · seule l'implication active compte"
        )

    def open(self, row: CommunityRow) -> None:
        from tui_reseau.ui.screens.community import CommunityScreen

        self.app.push_screen(CommunityScreen(row.id))

    def form(self, record_id: int | None) -> Screen[int | None]:
        from tui_reseau.ui.screens.community_form import CommunityFormScreen

        return CommunityFormScreen(record_id)

    def delete_question(self, row: CommunityRow) -> str:
        return (
            f"Supprimer la communauté « {safe_text(row.name, single_line=True)} » ?\n\n"
            "Son journal d'implication et sa liste de membres seront effacés ; ses événements "
            "et les contacts restent."
        )

    def delete(self, record_id: int) -> str:
        return communities_service.delete_community(record_id)
