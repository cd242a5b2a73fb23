"""The community form: name (unique), kind, our role (with the method's advice), pole, joined on.

Every field is checked by :func:`~tui_reseau.domain.communities.save_community` on ctrl+s;
messages come back under the fields, the typing kept.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Select, TextArea
from textual.widgets.select import InvalidSelectValueError

from tui_reseau.display import safe_text
from tui_reseau.domain import communities as communities_service
from tui_reseau.domain.communities import CommunityDraft
from tui_reseau.domain.vocabulary import COMMUNITY_KINDS, COMMUNITY_ROLES, POLE_LABELS
from tui_reseau.ui.screens.event_form_base import RecordForm

DEFAULT_ROLE = "passif"


def role_help(role: str | None) -> str:
    """What the method says of a role: « Présent, partage son expertise. »."""
    term = COMMUNITY_ROLES.get(role or "")
    return term.description if term else "Seule l'implication active compte."


class CommunityFormScreen(RecordForm):
    """Create (``community_id`` None) or edit a community; dismiss with its id once saved."""

    CSS_PATH = "community_form.tcss"

    FIELDS = {
        "name": "Nom",
        "kind": "Type",
        "role": "Notre rôle",
        "pole": "Pôle",
        "joined_on": "Membre depuis",
        "notes": "Notes",
    }

    def __init__(self, community_id: int | None = None) -> None:
        super().__init__(community_id)
        self.TITLE_TEXT = (
            "Nouvelle communauté" if community_id is None else "Modifier la communauté"
        )

    def rows(self) -> ComposeResult:
        yield from self.row(
            "name", Input(id="name", placeholder="ex. BNI Lille Centre", compact=True)
        )
        yield from self.row(
            "kind",
            Select(
                [(Content(t.label), code) for code, t in COMMUNITY_KINDS.items()],
                prompt="Choisir…",
                id="kind",
                compact=True,
            ),
        )
        yield from self.row(
            "role",
            Select(
                [(Content(t.label), code) for code, t in COMMUNITY_ROLES.items()],
                value=DEFAULT_ROLE,
                allow_blank=False,
                id="role",
                compact=True,
            ),
            role_help(DEFAULT_ROLE),
        )
        yield from self.row(
            "pole",
            Select(
                [(Content(lab), pole.value) for pole, lab in POLE_LABELS.items()],
                prompt="Aucun",
                id="pole",
                compact=True,
            ),
        )
        yield from self.row(
            "joined_on",
            Input(id="joined_on", placeholder="ex. 01/03/2025 ; vide : non précisé", compact=True),
        )
        yield from self.row("notes", TextArea(id="notes", compact=True))

    @on(Select.Changed, "#role")
    def _role_changed(self, event: Select.Changed) -> None:
        self.query_one("#role-help", Label).update(role_help(event.control.selection))

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
            value = getattr(draft, key)
            if value:
                with suppress(InvalidSelectValueError):
                    self.query_one(f"#{key}", Select).value = value
        name = safe_text(draft.name, single_line=True)
        self.query_one("#form-title", Label).update(f"Modifier la communauté — {name}")

    def draft(self) -> CommunityDraft:
        def choice(key: str) -> str:
            return self.query_one(f"#{key}", Select).selection or ""

        return CommunityDraft(
            name=self.query_one("#name", Input).value,
            kind=choice("kind"),
            role=choice("role"),
            pole=choice("pole"),
            joined_on=self.query_one("#joined_on", Input).value,
            notes=self.query_one("#notes", TextArea).text,
        )

    def write(self, draft: CommunityDraft) -> int:
        today = self.app.today  # type: ignore[attr-defined]
        return communities_service.save_community(draft, self.record_id, today=today)
