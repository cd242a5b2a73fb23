"""The opportunity form: title, contact (picked through the search), value, stage, date, origin.

The origin is one list: recent recommendations, recent events, then the channels. Opened empty
(key « a » of the pipeline), on an opportunity (« e »), or pre-filled from a recommendation
(« o » of the recommendations): its person, its subject, itself as origin.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from tui_reseau.display import safe_text
from tui_reseau.domain import opportunities as service
from tui_reseau.domain.opportunities import OpportunityDraft, OriginChoice
from tui_reseau.domain.vocabulary import OPPORTUNITY_STAGES
from tui_reseau.ui.screens.record_form import RecordForm
from tui_reseau.ui.widgets.contact_picker import ContactPicker


@dataclass(frozen=True, slots=True)
class _Loaded:
    draft: OpportunityDraft
    names: dict[int, str]
    origins: list[OriginChoice]


class OpportunityFormScreen(RecordForm):
    """Add or edit an opportunity; ``from_recommendation`` pre-fills a new one from it."""

    CSS_PATH = ["record_form.tcss", "opportunity_form.tcss"]

    FIELDS: ClassVar[dict[str, str]] = {
        "title": "Intitulé",
        "contact": "Contact",
        "value": "Montant",
        "stage": "Étape",
        "opened_on": "Ouverte le",
        "origin": "Origine",
        "notes": "Notes",
    }

    def __init__(
        self, opportunity_id: int | None = None, *, from_recommendation: int | None = None
    ) -> None:
        super().__init__(opportunity_id)
        self.from_recommendation = from_recommendation

    @property
    def heading(self) -> str:
        if self.record_id is not None:
            return "Modifier l'opportunité"
        if self.from_recommendation is not None:
            return "Nouvelle opportunité, née d'une recommandation"
        return "Nouvelle opportunité"

    def field_widgets(self) -> Iterable[tuple[str, Widget]]:
        yield (
            "title",
            Input(placeholder="ex. Refonte du site de la boulangerie", id="title", compact=True),
        )
        yield "contact", ContactPicker(id="contact")
        yield (
            "value",
            Input(placeholder="ex. 12 000, 8 500,50, 12 k€, 1,5 M€", id="value", compact=True),
        )
        yield (
            "stage",
            Select(
                [(term.label, code) for code, term in OPPORTUNITY_STAGES.items()],
                value="piste",
                allow_blank=False,
                id="stage",
                compact=True,
            ),
        )
        yield (
            "opened_on",
            Input("aujourd'hui", placeholder="ex. hier, 14/11", id="opened_on", compact=True),
        )
        yield "origin", Select[str]([], prompt="Aucune origine", id="origin", compact=True)
        yield "notes", TextArea(id="notes", compact=True)

    def load(self) -> _Loaded:
        if self.record_id is not None:
            draft = service.draft_of(self.record_id)
        elif self.from_recommendation is not None:
            draft = service.draft_from_recommendation(self.from_recommendation)
        else:
            draft = OpportunityDraft()
        today = self.app.today  # type: ignore[attr-defined]
        return _Loaded(
            draft=draft,
            names=self.picker_names(draft.contact_id),
            origins=service.origin_choices(today, keep=service.origin_key(draft)),
        )

    def fill(self, loaded: _Loaded) -> None:
        draft = loaded.draft
        self.query_one("#title", Input).value = draft.title
        self.show_contacts(loaded.names, contact=draft.contact_id)
        self.query_one("#value", Input).value = draft.value
        self.choose("stage", draft.stage)
        self.query_one("#opened_on", Input).value = draft.opened_on
        self.set_select(
            "origin",
            ((choice.label, choice.key) for choice in loaded.origins),
            service.origin_key(draft),
        )
        self.query_one("#notes", TextArea).text = draft.notes

    def read(self) -> OpportunityDraft:
        draft = OpportunityDraft(
            title=self.text("title"),
            contact_id=self.picked("contact"),
            value=self.text("value"),
            stage=self.choice("stage") or "piste",
            opened_on=self.text("opened_on"),
            notes=self.multiline_text("notes"),
        )
        service.apply_origin(draft, self.choice("origin"))
        return draft

    def write(self, draft: OpportunityDraft) -> int:
        today = self.app.today  # type: ignore[attr-defined]
        return service.save_opportunity(draft, self.record_id, today=today)

    def saved_message(self, saved_id: int) -> str:
        title = safe_text(self.text("title").strip(), single_line=True)
        verb = "modifiée" if self.record_id is not None else "ajoutée"
        return f"Opportunité {verb} : {title}."
