"""The form of a service given: to whom, what kind, what, when, and whom we introduced.

Both people are picked through the search dialog; the person introduced is optional.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from textual.widget import Widget
from textual.widgets import Input, Select

from tui_reseau.domain import exchanges as service
from tui_reseau.domain.exchanges import ServiceDraft
from tui_reseau.domain.vocabulary import SERVICE_KINDS
from tui_reseau.ui.screens.record_form import RecordForm
from tui_reseau.ui.widgets.contact_picker import ContactPicker


@dataclass(frozen=True, slots=True)
class _Loaded:
    draft: ServiceDraft
    names: dict[int, str]


class ServiceFormScreen(RecordForm):
    """Log (or edit) a service given; ``contact_id`` pre-fills the person helped."""

    CSS_PATH = ["record_form.tcss", "service_form.tcss"]

    FIELDS: ClassVar[dict[str, str]] = {
        "contact": "Rendu à",
        "kind": "Type",
        "description": "Description",
        "given_on": "Rendu le",
        "introduced": "Présenté",
    }

    def __init__(self, service_id: int | None = None, *, contact_id: int | None = None) -> None:
        super().__init__(service_id)
        self.contact_id = contact_id

    @property
    def heading(self) -> str:
        return "Modifier le service rendu" if self.record_id is not None else "Service rendu"

    def field_widgets(self) -> Iterable[tuple[str, Widget]]:
        yield "contact", ContactPicker(id="contact")
        yield (
            "kind",
            Select(
                [(term.label, code) for code, term in SERVICE_KINDS.items()],
                value="mise_en_relation",
                allow_blank=False,
                id="kind",
                compact=True,
            ),
        )
        yield (
            "description",
            Input(
                placeholder="ex. présenté à un client qui cherche un avocat",
                id="description",
                compact=True,
            ),
        )
        yield (
            "given_on",
            Input(
                "aujourd'hui",
                placeholder="ex. hier, mardi dernier, 14/11",
                id="given_on",
                compact=True,
            ),
        )
        yield "introduced", ContactPicker(optional=True, id="introduced")

    def load(self) -> _Loaded:
        if self.record_id is not None:
            draft = service.service_draft_of(self.record_id)
        else:
            draft = ServiceDraft(contact_id=self.contact_id)
        return _Loaded(draft, self.picker_names(draft.contact_id, draft.introduced_id))

    def fill(self, loaded: _Loaded) -> None:
        draft = loaded.draft
        self.show_contacts(loaded.names, contact=draft.contact_id, introduced=draft.introduced_id)
        self.choose("kind", draft.kind)
        self.query_one("#description", Input).value = draft.description
        self.query_one("#given_on", Input).value = draft.given_on

    def read(self) -> ServiceDraft:
        return ServiceDraft(
            contact_id=self.picked("contact"),
            kind=self.choice("kind") or "",
            description=self.text("description"),
            given_on=self.text("given_on"),
            introduced_id=self.picked("introduced"),
        )

    def write(self, draft: ServiceDraft) -> int:
        today = self.app.today  # type: ignore[attr-defined]
        return service.save_service(draft, self.record_id, today=today)

    def saved_message(self, saved_id: int) -> str:
        return "Service modifié." if self.record_id is not None else "Service rendu enregistré."
