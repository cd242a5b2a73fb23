"""The community form: name (unique), kind, our role (with the method's advice), pole, joined on.

Every field is checked by :func:`~tui_reseau.domain.communities.save_community` on ctrl+s;
messages come back under the fields, the typing kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual import on
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from tui_reseau.display import safe_text
from tui_reseau.domain import communities as communities_service
from tui_reseau.domain.communities import CommunityDraft
from tui_reseau.domain.vocabulary import COMMUNITY_KINDS, COMMUNITY_ROLES, POLE_LABELS
from tui_reseau.ui.screens.record_form import RecordForm

DEFAULT_ROLE = "passif"


def role_help(role: str | None) -> str:
    """What the method says of a role: « Présent, partage son expertise. »."""
    term = COMMUNITY_ROLES.get(role or "")
    return term.description if term else "Seule l'implication active compte."


class CommunityFormScreen(RecordForm):
    """Create (``community_id`` None) or edit a community; dismiss with its id once saved."""

    CSS_PATH = ["record_form.tcss", "community_form.tcss"]

    FIELDS: ClassVar[dict[str, str]] = {
        "name": "Nom",
        "kind": "Type",
        "role": "Notre rôle",
        "pole": "Pôle",
        "joined_on": "Membre depuis",
        "notes": "Notes",
    }
    HELP: ClassVar[dict[str, str]] = {"role": role_help(DEFAULT_ROLE)}

    @property
    def heading(self) -> str:
        return "Nouvelle communauté" if self.record_id is None else "Modifier la communauté"

    def field_widgets(self) -> Iterable[tuple[str, Widget]]:
        yield "name", Input(id="name", placeholder="ex. BNI Lille Centre", compact=True)
        yield (
            "kind",
            Select(
                [(Content(t.label), code) for code, t in COMMUNITY_KINDS.items()],
                prompt="Choisir…",
                id="kind",
                compact=True,
            ),
        )
        yield (
            "role",
            Select(
                [(Content(t.label), code) for code, t in COMMUNITY_ROLES.items()],
                value=DEFAULT_ROLE,
                allow_blank=False,
                id="role",
                compact=True,
            ),
        )
        yield (
            "pole",
            Select(
                [(Content(lab), pole.value) for pole, lab in POLE_LABELS.items()],
                prompt="Aucun",
                id="pole",
                compact=True,
            ),
        )
        yield (
            "joined_on",
            Input(id="joined_on", placeholder="ex. 01/03/2025 ; vide : non précisé", compact=True),
        )
        yield "notes", TextArea(id="notes", compact=True)

    @on(Select.Changed, "#role")
    def _role_changed(self, event: Select.Changed) -> None:
        self.set_help("role", role_help(event.control.selection))

    def load(self) -> CommunityDraft | None:
        return communities_service.draft_of(self.record_id) if self.record_id else None

    def fill(self, loaded: Any) -> None:
        draft: CommunityDraft | None = loaded
        if draft is None:
            return
        self.query_one("#name", Input).value = draft.name
        self.query_one("#joined_on", Input).value = draft.joined_on
        self.query_one("#notes", TextArea).text = draft.notes
        for key in ("kind", "role", "pole"):
            self.choose(key, getattr(draft, key))
        self.set_heading(f"Modifier la communauté — {safe_text(draft.name, single_line=True)}")

    def read(self) -> CommunityDraft:
        return CommunityDraft(
            name=self.text("name"),
            kind=self.choice("kind") or "",
            role=self.choice("role") or "",
            pole=self.choice("pole") or "",
            joined_on=self.text("joined_on"),
            notes=self.multiline_text("notes"),
        )

    def write(self, draft: CommunityDraft) -> int:
        today = self.app.today  # type: ignore[attr-defined]
        return communities_service.save_community(draft, self.record_id, today=today)

    def saved_message(self, saved_id: int) -> str:
        return "Communauté enregistrée."
