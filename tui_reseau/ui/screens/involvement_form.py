"""Log an involvement in a community: what we did (kind, description), when, for how long.

The date defaults to today (« aujourd'hui »); the duration reads « 2h30 », « 1,5 », « 45 min ».
Checked by :func:`~tui_reseau.domain.communities.add_involvement` on ctrl+s.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select

from tui_reseau.domain import communities as communities_service
from tui_reseau.domain.communities import InvolvementDraft
from tui_reseau.domain.vocabulary import INVOLVEMENT_KINDS
from tui_reseau.ui.screens.record_form import RecordForm

DEFAULT_KIND = "participation"


class InvolvementFormScreen(RecordForm):
    """Add an involvement to ``community_id``; dismiss with its id once saved."""

    CSS_PATH = ["record_form.tcss", "involvement_form.tcss"]

    FIELDS: ClassVar[dict[str, str]] = {
        "kind": "Type",
        "description": "Description",
        "happened_on": "Date",
        "hours": "Heures",
    }
    HELP: ClassVar[dict[str, str]] = {
        "kind": "Responsabilité prise, événement organisé, intervention : ce qui rend incontournable."
    }

    def __init__(self, community_id: int) -> None:
        super().__init__(None)
        self.community_id = community_id

    @property
    def heading(self) -> str:
        return "Noter une implication"

    def field_widgets(self) -> Iterable[tuple[str, Widget]]:
        yield (
            "kind",
            Select(
                [(Content(t.label), code) for code, t in INVOLVEMENT_KINDS.items()],
                value=DEFAULT_KIND,
                allow_blank=False,
                id="kind",
                compact=True,
            ),
        )
        yield (
            "description",
            Input(id="description", placeholder="ex. animé l'atelier export", compact=True),
        )
        yield "happened_on", Input(id="happened_on", value="aujourd'hui", compact=True)
        yield (
            "hours",
            Input(id="hours", placeholder="trajet compris, ex. 2h30, 1,5", compact=True),
        )

    def read(self) -> InvolvementDraft:
        return InvolvementDraft(
            kind=self.choice("kind") or "",
            description=self.text("description"),
            happened_on=self.text("happened_on"),
            hours=self.text("hours"),
        )

    def write(self, draft: InvolvementDraft) -> int:
        today = self.app.today  # type: ignore[attr-defined]
        return communities_service.add_involvement(self.community_id, draft, today=today)

    def saved_message(self, saved_id: int) -> str:
        return "Implication notée."
