"""The event form: create or edit an event (name, date, place and pole, organiser, time, cost).

The place completes known communes (→ or Tab) and, once left, proposes the pole. Hours include
travel (« 2h30 », « 1,5 »); the cost is in euros (« 45,50 », « 1 200 € »). Every field is checked
by :func:`~tui_reseau.domain.events.save_event` on ctrl+s; messages come back under the fields.
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
from tui_reseau.domain import events as events_service
from tui_reseau.domain import geography
from tui_reseau.domain.events import EventDraft
from tui_reseau.domain.vocabulary import POLE_LABELS
from tui_reseau.ui.screens.record_form import RecordForm
from tui_reseau.ui.widgets.inputs import CommuneSuggester, CompletingInput

POLE_HELP = "Vide : déduit du lieu quand c'est une commune connue."


class EventFormScreen(RecordForm):
    """Create (``event_id`` None) or edit an event; dismiss with its id once saved."""

    CSS_PATH = ["record_form.tcss", "event_form.tcss"]

    FIELDS: ClassVar[dict[str, str]] = {
        "name": "Nom",
        "held_on": "Date",
        "place": "Lieu",
        "pole": "Pôle",
        "community": "Organisé par",
        "hours": "Heures",
        "cost": "Coût",
        "notes": "Notes",
    }
    HELP: ClassVar[dict[str, str]] = {"pole": POLE_HELP}

    def __init__(self, event_id: int | None = None, *, community_id: int | None = None) -> None:
        super().__init__(event_id)
        self.community_id = community_id

    @property
    def heading(self) -> str:
        return "Nouvel événement" if self.record_id is None else "Modifier l'événement"

    def field_widgets(self) -> Iterable[tuple[str, Widget]]:
        yield "name", Input(id="name", placeholder="ex. Afterwork CCI", compact=True)
        yield (
            "held_on",
            Input(id="held_on", placeholder="ex. hier, 12/11, 3 mars 2026", compact=True),
        )
        yield "place", CompletingInput(id="place", suggester=CommuneSuggester(), compact=True)
        yield (
            "pole",
            Select(
                [(Content(label), pole.value) for pole, label in POLE_LABELS.items()],
                prompt="Aucun",
                id="pole",
                compact=True,
            ),
        )
        yield "community", Select([], prompt="Aucune communauté", id="community", compact=True)
        yield (
            "hours",
            Input(id="hours", placeholder="trajet compris, ex. 3, 2,5, 2h30", compact=True),
        )
        yield (
            "cost",
            Input(id="cost", placeholder="en euros, ex. 45, 45,50, 1 200 €", compact=True),
        )
        yield "notes", TextArea(id="notes", compact=True)

    def load(self) -> tuple[list[tuple[int, str]], EventDraft | None]:
        choices = communities_service.community_choices()
        draft = events_service.draft_of(self.record_id) if self.record_id is not None else None
        return choices, draft

    def fill(self, loaded: Any) -> None:
        choices, draft = loaded
        chosen = draft.community_id if draft is not None else self.community_id
        self.set_select("community", ((name, cid) for cid, name in choices), chosen)
        if draft is None:
            return
        for key in ("name", "held_on", "place", "hours", "cost"):
            self.query_one(f"#{key}", Input).value = getattr(draft, key)
        self.query_one("#notes", TextArea).text = draft.notes
        self.choose("pole", draft.pole)
        self.set_heading(f"Modifier l'événement — {safe_text(draft.name, single_line=True)}")

    @on(Input.Blurred, "#place")
    def _propose_pole(self) -> None:
        pole = self.query_one("#pole", Select)
        if not pole.is_blank():
            return
        suggested = geography.suggest_pole(self.text("place"))
        if suggested is not None:
            pole.value = suggested.value
            self.set_help("pole", "Pôle proposé d'après le lieu.")

    def read(self) -> EventDraft:
        return EventDraft(
            name=self.text("name"),
            held_on=self.text("held_on"),
            place=self.text("place"),
            pole=self.choice("pole") or "",
            community_id=self.choice("community"),
            hours=self.text("hours"),
            cost=self.text("cost"),
            notes=self.multiline_text("notes"),
        )

    def write(self, draft: EventDraft) -> int:
        return events_service.save_event(draft, self.record_id, today=self.app.today)  # type: ignore[attr-defined]

    def saved_message(self, saved_id: int) -> str:
        return "Événement enregistré."
