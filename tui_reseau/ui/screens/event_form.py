"""The event form: create or edit an event (name, date, place and pole, organiser, time, cost).

The place completes known communes (→ or Tab) and, once left, proposes the pole. Hours include
travel (« 2h30 », « 1,5 »); the cost is in euros (« 45,50 », « 1 200 € »). Every field is checked
by :func:`~tui_reseau.domain.events.save_event` on ctrl+s; messages come back under the fields.
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
from tui_reseau.domain import events as events_service
from tui_reseau.domain import geography
from tui_reseau.domain.events import EventDraft
from tui_reseau.domain.vocabulary import POLE_LABELS
from tui_reseau.ui.screens.event_form_base import RecordForm
from tui_reseau.ui.widgets.inputs import CommuneSuggester, CompletingInput

POLE_HELP = "Vide : déduit du lieu quand c'est une commune connue."


class EventFormScreen(RecordForm):
    """Create (``event_id`` None) or edit an event; dismiss with its id once saved."""

    CSS_PATH = "event_form.tcss"

    FIELDS = {
        "name": "Nom",
        "held_on": "Date",
        "place": "Lieu",
        "pole": "Pôle",
        "community": "Organisé par",
        "hours": "Heures",
        "cost": "Coût",
        "notes": "Notes",
    }

    def __init__(self, event_id: int | None = None, *, community_id: int | None = None) -> None:
        super().__init__(event_id)
        self.TITLE_TEXT = "Nouvel événement" if event_id is None else "Modifier l'événement"
        self.community_id = community_id

    def rows(self) -> ComposeResult:
        yield from self.row("name", Input(id="name", placeholder="ex. Afterwork CCI", compact=True))
        yield from self.row(
            "held_on",
            Input(id="held_on", placeholder="ex. hier, 12/11, 3 mars 2026", compact=True),
        )
        yield from self.row(
            "place", CompletingInput(id="place", suggester=CommuneSuggester(), compact=True)
        )
        yield from self.row(
            "pole",
            Select(
                [(Content(label), pole.value) for pole, label in POLE_LABELS.items()],
                prompt="Aucun",
                id="pole",
                compact=True,
            ),
            POLE_HELP,
        )
        yield from self.row(
            "community", Select([], prompt="Aucune communauté", id="community", compact=True)
        )
        yield from self.row(
            "hours",
            Input(id="hours", placeholder="trajet compris, ex. 3, 2,5, 2h30", compact=True),
        )
        yield from self.row(
            "cost", Input(id="cost", placeholder="en euros, ex. 45, 45,50, 1 200 €", compact=True)
        )
        yield from self.row("notes", TextArea(id="notes", compact=True))

    def load(self) -> tuple[list[tuple[int, str]], EventDraft | None]:
        choices = communities_service.community_choices()
        draft = events_service.draft_of(self.record_id) if self.record_id is not None else None
        return choices, draft

    def fill(self, loaded: Any) -> None:
        choices, draft = loaded
        community = self.query_one("#community", Select)
        community.set_options([(Content(name), cid) for cid, name in choices])
        chosen = draft.community_id if draft is not None else self.community_id
        if chosen is not None:
            with suppress(InvalidSelectValueError):
                community.value = chosen
        if draft is None:
            return
        for key in ("name", "held_on", "place", "hours", "cost"):
            self.query_one(f"#{key}", Input).value = getattr(draft, key)
        self.query_one("#notes", TextArea).text = draft.notes
        if draft.pole:
            with suppress(InvalidSelectValueError):
                self.query_one("#pole", Select).value = draft.pole
        self.query_one("#form-title", Label).update(
            f"Modifier l'événement — {safe_text(draft.name, single_line=True)}"
        )

    @on(Input.Blurred, "#place")
    def _propose_pole(self) -> None:
        pole = self.query_one("#pole", Select)
        if not pole.is_blank():
            return
        suggested = geography.suggest_pole(self.query_one("#place", Input).value)
        if suggested is not None:
            pole.value = suggested.value
            self.query_one("#pole-help", Label).update("Pôle proposé d'après le lieu.")

    def draft(self) -> EventDraft:
        def text(key: str) -> str:
            return self.query_one(f"#{key}", Input).value

        return EventDraft(
            name=text("name"),
            held_on=text("held_on"),
            place=text("place"),
            pole=self.query_one("#pole", Select).selection or "",
            community_id=self.query_one("#community", Select).selection,
            hours=text("hours"),
            cost=text("cost"),
            notes=self.query_one("#notes", TextArea).text,
        )

    def write(self, draft: EventDraft) -> int:
        return events_service.save_event(draft, self.record_id, today=self.app.today)  # type: ignore[attr-defined]
