"""The form of a recommendation received: who recommended us, to whom or for what, when, how.

Both people are picked through the search dialog; the person recommended is optional when the
need is described (« pour quoi »).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from textual.widget import Widget
from textual.widgets import Input, Select

from tui_reseau.domain import exchanges as service
from tui_reseau.domain.exchanges import RecommendationDraft
from tui_reseau.domain.vocabulary import CHANNELS
from tui_reseau.ui.screens.record_form import RecordForm
from tui_reseau.ui.widgets.contact_picker import ContactPicker


@dataclass(frozen=True, slots=True)
class _Loaded:
    draft: RecommendationDraft
    names: dict[int, str]


class RecommendationFormScreen(RecordForm):
    """Log (or edit) a recommendation received."""

    CSS_PATH = ["record_form.tcss", "recommendation_form.tcss"]

    FIELDS: ClassVar[dict[str, str]] = {
        "recommender": "Recommandé par",
        "recommended_to": "Auprès de",
        "for_what": "Pour quoi",
        "received_on": "Reçue le",
        "channel": "Canal",
    }

    def __init__(
        self, recommendation_id: int | None = None, *, recommender_id: int | None = None
    ) -> None:
        super().__init__(recommendation_id)
        self.recommender_id = recommender_id

    @property
    def heading(self) -> str:
        if self.record_id is not None:
            return "Modifier la recommandation reçue"
        return "Recommandation reçue"

    def field_widgets(self) -> Iterable[tuple[str, Widget]]:
        yield "recommender", ContactPicker(id="recommender")
        yield "recommended_to", ContactPicker(optional=True, id="recommended_to")
        yield (
            "for_what",
            Input(
                placeholder="ex. refonte de son site, recrute un comptable",
                id="for_what",
                compact=True,
            ),
        )
        yield (
            "received_on",
            Input(
                "aujourd'hui",
                placeholder="ex. hier, mardi dernier, 14/11",
                id="received_on",
                compact=True,
            ),
        )
        yield (
            "channel",
            Select(
                [(term.label, code) for code, term in CHANNELS.items()],
                prompt="Canal non précisé",
                id="channel",
                compact=True,
            ),
        )

    def load(self) -> _Loaded:
        if self.record_id is not None:
            draft = service.recommendation_draft_of(self.record_id)
        else:
            draft = RecommendationDraft(recommender_id=self.recommender_id)
        return _Loaded(draft, self.picker_names(draft.recommender_id, draft.recommended_to_id))

    def fill(self, loaded: _Loaded) -> None:
        draft = loaded.draft
        self.show_contacts(
            loaded.names, recommender=draft.recommender_id, recommended_to=draft.recommended_to_id
        )
        self.query_one("#for_what", Input).value = draft.for_what
        self.query_one("#received_on", Input).value = draft.received_on
        self.choose("channel", draft.channel)

    def read(self) -> RecommendationDraft:
        return RecommendationDraft(
            recommender_id=self.picked("recommender"),
            recommended_to_id=self.picked("recommended_to"),
            for_what=self.text("for_what"),
            received_on=self.text("received_on"),
            channel=self.choice("channel") or "",
        )

    def write(self, draft: RecommendationDraft) -> int:
        today = self.app.today  # type: ignore[attr-defined]
        return service.save_recommendation(draft, self.record_id, today=today)

    def saved_message(self, saved_id: int) -> str:
        if self.record_id is not None:
            return "Recommandation modifiée."
        return "Recommandation enregistrée : « o » en fait une opportunité."
