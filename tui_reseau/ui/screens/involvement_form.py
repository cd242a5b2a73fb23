"""Log an involvement in a community: what we did (kind, description), when, for how long.

The date defaults to today (« aujourd'hui »); the duration reads « 2h30 », « 1,5 », « 45 min ».
Checked by :func:`~tui_reseau.domain.communities.add_involvement` on ctrl+s.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from tui_reseau.domain import communities as communities_service
from tui_reseau.domain.communities import InvolvementDraft
from tui_reseau.domain.vocabulary import INVOLVEMENT_KINDS
from tui_reseau.ui.screens.event_form_base import RecordForm

DEFAULT_KIND = "participation"


class InvolvementFormScreen(RecordForm):
    """Add an involvement to ``community_id``; dismiss with its id once saved."""

    CSS_PATH = "involvement_form.tcss"
    TITLE_TEXT = "Noter une implication"

    FIELDS = {
        "kind": "Type",
        "description": "Description",
        "happened_on": "Date",
        "hours": "Heures",
    }

    def __init__(self, community_id: int) -> None:
        super().__init__(None)
        self.community_id = community_id

    def rows(self) -> ComposeResult:
        yield from self.row(
            "kind",
            Select(
                [(Content(t.label), code) for code, t in INVOLVEMENT_KINDS.items()],
                value=DEFAULT_KIND,
                allow_blank=False,
                id="kind",
                compact=True,
            ),
            "Responsabilité prise, événement organisé, intervention : ce qui rend incontournable.",
        )
        yield from self.row(
            "description",
            Input(id="description", placeholder="ex. animé l'atelier export", compact=True),
        )
        yield from self.row(
            "happened_on",
            Input(id="happened_on", value="aujourd'hui", compact=True),
        )
        yield from self.row(
            "hours", Input(id="hours", placeholder="trajet compris, ex. 2h30, 1,5", compact=True)
        )

    def draft(self) -> InvolvementDraft:
        def text(key: str) -> str:
            return self.query_one(f"#{key}", Input).value

        return InvolvementDraft(
            kind=self.query_one("#kind", Select).selection or "",
            description=text("description"),
            happened_on=text("happened_on"),
            hours=text("hours"),
        )

    def write(self, draft: InvolvementDraft) -> int:
        today = self.app.today  # type: ignore[attr-defined]
        return communities_service.add_involvement(self.community_id, draft, today=today)
