"""« Compte rendu de rencontre »: after a meeting, in under a minute, in one form.

The date (« aujourd'hui » unless changed; French dates, past allowed), the channel, the length,
notes, what we learnt (detail rows: a kind and a text, « + détail » adds one), the qualification,
the next follow-up and the open follow-ups this meeting settles. ctrl+s sends it all to
:func:`~tui_reseau.domain.meetings.record_meeting` in a worker: one transaction, or French
messages under every wrong field with the typing kept. Once saved the form says so, keeps the
search index in step and dismisses True; the caller redraws its card or agenda.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, TextArea

from tui_reseau.display import safe_text
from tui_reseau.domain.card import ContactCard, load_card
from tui_reseau.domain.contacts import ValidationErrors
from tui_reseau.domain.dates import format_date, format_relative
from tui_reseau.domain.meetings import MeetingDraft, MeetingResult, events_around, record_meeting
from tui_reseau.domain.vocabulary import CHANNELS, DETAIL_KINDS
from tui_reseau.ui.screens.confirm import close_or_ask

# Field keys of record_meeting's errors, in the order of the form; each is also the id of its
# widget (the detail rows excepted) and, suffixed with "-error", of the red line under it.
FIELDS: dict[str, str] = {
    "happened_on": "Date",
    "channel": "Canal",
    "event_id": "Événement",
    "duration": "Durée",
    "notes": "Notes",
    "details": "Détails appris",
    "qualified": "Qualification",
    "next_follow_up": "Relancer le",
    "next_follow_up_reason": "Motif",
    "close_follow_ups": "Relances réglées",
}
DEFAULT_DATE = "aujourd'hui"
DEFAULT_CHANNEL = "cafe"
DEFAULT_DETAIL_KIND = "projet"
# Channels a meeting is had on: the default is the one most used with this person among them.
MEETING_CHANNELS = ("cafe", "dejeuner", "rendez_vous", "evenement", "visio", "appel")
ROOMY_HEIGHT = 32  # from this many lines, the fields get a blank line between them
FORM_CHROME = 8  # lines around the fields: border, title, buttons, footer
_CODE_OF_LABEL = {term.label: code for code, term in CHANNELS.items()}


def default_channel(card: ContactCard) -> str:
    """The meeting channel most used in the last exchanges with this person, else « Café ».

    Ties go to the most recent one (the card lists exchanges newest first).
    """
    used = Counter(
        code
        for item in card.interactions
        if (code := _CODE_OF_LABEL.get(item.channel_label)) in MEETING_CHANNELS
    )
    return used.most_common(1)[0][0] if used else DEFAULT_CHANNEL


class DetailRow(Vertical):
    """One thing learnt: its kind and its text, and the message under them."""

    def __init__(self, number: int) -> None:
        super().__init__(id=f"detail-{number}", classes="mf-detail")
        self.number = number

    def compose(self) -> ComposeResult:
        with Horizontal(classes="mf-detail-line"):
            yield Select(
                [(Content(term.label), code) for code, term in DETAIL_KINDS.items()],
                value=DEFAULT_DETAIL_KIND,
                allow_blank=False,
                id=f"detail-kind-{self.number}",
                compact=True,
            )
            yield Input(
                placeholder="ex. nouvel entrepôt à Arras (vide : ignoré)",
                id=f"detail-text-{self.number}",
                compact=True,
            )
        yield Label("", id=f"detail-{self.number}-error", classes="mf-error", markup=False)

    @property
    def kind(self) -> str:
        return self.query_one(Select).selection or ""

    @property
    def text_input(self) -> Input:
        return self.query_one(Input)


class MeetingFormScreen(ModalScreen[bool]):
    """Report a meeting with ``contact_id``; ``closing`` follow-ups start ticked as settled."""

    CSS_PATH = "meeting_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Enregistrer"),
        Binding("escape", "cancel", "Annuler"),
    ]

    def __init__(self, contact_id: int, *, closing: tuple[int, ...] = ()) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.closing = closing
        self.card: ContactCard | None = None
        self._initial: tuple[Any, ...] | None = None
        self._detail_count = 0
        self._sent_rows: list[int] = []  # detail row numbers, in the order they were sent
        self._saving = False
        self._save_wanted = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(id="meeting-dialog"):
            yield Label("Compte rendu de rencontre", id="meeting-title", markup=False)
            with VerticalScroll(id="meeting-fields"):
                yield from self._row(
                    "happened_on",
                    Input(
                        DEFAULT_DATE,
                        placeholder="ex. hier, mardi dernier, 14/11",
                        id="happened_on",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "channel",
                    Select(
                        [(Content(term.label), code) for code, term in CHANNELS.items()],
                        value=DEFAULT_CHANNEL,
                        allow_blank=False,
                        id="channel",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "event_id",
                    Select[int]([], prompt="Aucun (hors événement)", id="event_id", compact=True),
                )
                yield from self._row(
                    "duration",
                    Input(placeholder="ex. 1h30, 45 min", id="duration", compact=True),
                )
                yield from self._row("notes", TextArea(id="notes", compact=True))
                yield from self._row(
                    "details",
                    Vertical(self._new_detail_row(), id="details"),
                    Button("+ détail", id="add-detail", compact=True),
                )
                yield from self._row(
                    "qualified", Checkbox("Maintenant qualifié", id="qualified", compact=True)
                )
                yield from self._row(
                    "next_follow_up",
                    Input(
                        placeholder="ex. +2s, lundi, 15/12 (vide : pas de relance)",
                        id="next_follow_up",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "next_follow_up_reason",
                    Input(
                        placeholder="ex. Lui présenter l'avocat",
                        id="next_follow_up_reason",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "close_follow_ups",
                    Vertical(
                        Label("…", classes="mf-help", markup=False),
                        id="close_follow_ups",
                    ),
                )
            with Horizontal(id="meeting-buttons"):
                yield Label("", id="meeting-status", markup=False)
                yield Button("Annuler", id="meeting-cancel", compact=True)
                yield Button("Enregistrer", id="meeting-save", variant="primary", compact=True)
        yield Footer()

    def _row(self, key: str, *widgets: Widget) -> ComposeResult:
        with Horizontal(classes="mf-row", id=f"{key}-row"):
            yield Label(FIELDS[key], classes="mf-label")
            with Vertical(classes="mf-field"):
                yield from widgets
                yield Label("", id=f"{key}-error", classes="mf-error", markup=False)

    def _new_detail_row(self) -> DetailRow:
        self._detail_count += 1
        return DetailRow(self._detail_count)

    def on_resize(self) -> None:
        self.set_class(self.size.height >= ROOMY_HEIGHT, "-roomy")
        fields = self.query_one("#meeting-fields")
        fields.styles.max_height = max(3, self.size.height - FORM_CHROME)

    def on_mount(self) -> None:
        self.query_one("#happened_on", Input).focus()
        self._load()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        # A class, not :focus-within: Textual does not restyle the label beside the focus.
        row = next((a for a in event.widget.ancestors if a.has_class("mf-row")), None)
        for each in self.query(".mf-row"):
            each.set_class(each is row, "-current")
        if row is not None:
            self.call_after_refresh(event.widget.scroll_visible, animate=False)

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="meeting-load", exit_on_error=False)
    def _load(self) -> None:
        try:
            card = load_card(self.contact_id, self.app.today)  # type: ignore[attr-defined]
            around = events_around(self.app.today)  # type: ignore[attr-defined]
        except Exception:
            self.app.call_from_thread(self.dismiss, False)  # the app reports the error
            raise
        self.app.call_from_thread(self._set_events, around)
        self.app.call_from_thread(self._fill, card)

    def _set_events(self, around: list[tuple[int, str]]) -> None:
        self.query_one("#event_id", Select).set_options(
            (Content(safe_text(label, single_line=True)), eid) for eid, label in around
        )

    async def _fill(self, card: ContactCard | None) -> None:
        if card is None:
            self.notify("Ce contact n'existe plus : il a peut-être été supprimé.", severity="error")
            self.dismiss(False)
            return
        self.card = card
        today = self.app.today  # type: ignore[attr-defined]
        name = safe_text(card.name, single_line=True)
        self.query_one("#meeting-title", Label).update(f"Compte rendu de rencontre — {name}")
        channel = self.query_one("#channel", Select)
        if channel.selection == DEFAULT_CHANNEL:  # unless already changed by hand
            channel.value = default_channel(card)
        qualified = self.query_one("#qualified", Checkbox)
        qualified.value = card.qualified_on is not None
        if card.qualified_on is not None:
            since = format_date(card.qualified_on, today)
            qualified.label = Content(f"Qualifié (depuis le {since}) : décochez pour retirer")
        closing = self.query_one("#close_follow_ups", Vertical)
        await closing.remove_children()
        if card.follow_ups:
            await closing.mount_all(
                Checkbox(
                    Content(
                        f"{format_date(item.due_on, today)} ({format_relative(item.due_on, today)})"
                        f" · {safe_text(item.reason, single_line=True) or 'sans motif'}"
                    ),
                    item.id in self.closing,
                    id=f"close-{item.id}",
                    compact=True,
                )
                for item in card.follow_ups
            )
        else:
            await closing.mount(Label("Aucune relance ouverte.", classes="mf-help", markup=False))
        # What the form opened with (what was typed while loading counts as a change).
        self._initial = (
            DEFAULT_DATE,
            default_channel(card),
            "",
            "",
            (),
            None,
            "",
            "",
            tuple(item.id for item in card.follow_ups if item.id in self.closing),
        )
        if self._save_wanted:  # ctrl+s came before the card: save now
            self._save_wanted = False
            self.action_save()

    # ------------------------------------------------------------------ reading the fields

    def _detail_rows(self) -> list[DetailRow]:
        return list(self.query(DetailRow))

    def _draft(self) -> tuple[MeetingDraft, list[int]]:
        """The draft to record, and the detail row number of each detail sent."""
        details: list[tuple[str, str]] = []
        rows: list[int] = []
        for row in self._detail_rows():
            text = row.text_input.value
            if text.strip():  # an empty row is one left unused
                details.append((row.kind, text))
                rows.append(row.number)
        qualified = self.query_one("#qualified", Checkbox).value
        was_qualified = self.card is not None and self.card.qualified_on is not None
        draft = MeetingDraft(
            contact_ids=(self.contact_id,),
            channel=self.query_one("#channel", Select).selection or "",
            event_id=self.query_one("#event_id", Select).selection,
            happened_on_text=self.query_one("#happened_on", Input).value,
            duration_text=self.query_one("#duration", Input).value,
            notes=self.query_one("#notes", TextArea).text,
            new_details=tuple(details),
            qualified=None if qualified == was_qualified else qualified,
            next_follow_up_text=self.query_one("#next_follow_up", Input).value,
            next_follow_up_reason=self.query_one("#next_follow_up_reason", Input).value,
            close_follow_up_ids=tuple(
                int((box.id or "close-0").removeprefix("close-"))
                for box in self.query("#close_follow_ups Checkbox").results(Checkbox)
                if box.value
            ),
        )
        return draft, rows

    def _snapshot(self) -> tuple[Any, ...]:
        draft, _ = self._draft()
        return (
            draft.happened_on_text,
            draft.channel,
            draft.duration_text,
            draft.notes,
            draft.new_details,
            draft.qualified,
            draft.next_follow_up_text,
            draft.next_follow_up_reason,
            draft.close_follow_up_ids,
        )

    @property
    def changed(self) -> bool:
        """True when something differs from what the form opened with."""
        return self._initial is not None and self._snapshot() != self._initial

    # ------------------------------------------------------------------ details

    @on(Button.Pressed, "#add-detail")
    async def _add_detail(self) -> None:
        row = self._new_detail_row()
        await self.query_one("#details", Vertical).mount(row)
        row.query_one(Select).focus()

    @on(Input.Submitted)
    def _enter_moves_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    # ------------------------------------------------------------------ errors

    def _error_targets(self, key: str) -> tuple[str, str] | None:
        """The ids of the message line and of the field for an error key, if on the form."""
        if key.startswith("details."):
            index = int(key.removeprefix("details."))
            if index < len(self._sent_rows):
                number = self._sent_rows[index]
                return f"detail-{number}-error", f"detail-text-{number}"
            return None
        if key in FIELDS and key != "details":
            return f"{key}-error", key
        return None

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Put each message under its field; focus the first wrong one, in form order."""
        self._saving = False
        for label in self.query(".mf-error").results(Label):
            label.update("")
            label.remove_class("-shown")
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        placed: list[tuple[int, str, str]] = []  # (position in the form, label, field id)
        order = list(FIELDS)
        for key, message in errors.items():
            targets = self._error_targets(key)
            if targets is None:
                self.notify(message, severity="error", timeout=10)
                continue
            label_id, field_id = targets
            label = self.query_one(f"#{label_id}", Label)
            label.update(message)
            label.add_class("-shown")
            self.query_one(f"#{field_id}").add_class("-invalid")
            base = key.split(".")[0]
            placed.append((order.index(base) if base in order else len(order), key, field_id))
        status = self.query_one("#meeting-status", Label)
        if not placed:
            status.update("")
            return
        placed.sort()
        names = ", ".join(dict.fromkeys(FIELDS[key.split(".")[0]] for _, key, _ in placed))
        status.update(f"À corriger : {names}")
        first = self.query_one(f"#{placed[0][2]}")
        if first.id == "close_follow_ups":
            boxes = first.query(Checkbox)
            first = boxes.first() if boxes else first
        if first.focusable:
            first.focus()
        self.call_after_refresh(first.scroll_visible, animate=False)

    # ------------------------------------------------------------------ save and cancel

    def action_save(self) -> None:
        if self._initial is None:
            self._save_wanted = True
            return
        if self._saving:
            return
        self._saving = True
        draft, self._sent_rows = self._draft()
        self.query_one("#meeting-status", Label).update("Enregistrement…")
        self._save(draft)

    @work(thread=True, exclusive=True, group="meeting-save", exit_on_error=False)
    def _save(self, draft: MeetingDraft) -> None:
        try:
            result = record_meeting(draft, self.app.today)  # type: ignore[attr-defined]
        except ValidationErrors as errors:
            self.app.call_from_thread(self._show_errors, errors.by_field)
            return
        except Exception:
            self.app.call_from_thread(self._failed)
            raise
        self.app.call_from_thread(self._saved, result)

    def _failed(self) -> None:
        self._saving = False
        self.query_one("#meeting-status", Label).update("Rien n'a été enregistré.")

    def _saved(self, result: MeetingResult) -> None:
        today = self.app.today  # type: ignore[attr-defined]
        done: list[str] = []
        if result.detail_ids:
            count = len(result.detail_ids)
            done.append(f"{count} détail{'s' if count > 1 else ''} noté{'s' if count > 1 else ''}")
        if result.next_follow_up_on is not None:
            done.append(f"relance le {format_date(result.next_follow_up_on, today)}")
        if result.closed_follow_up_ids:
            count = len(result.closed_follow_up_ids)
            done.append(
                f"{count} relance{'s' if count > 1 else ''} réglée{'s' if count > 1 else ''}"
            )
        name = safe_text(self.card.name, single_line=True) if self.card else ""
        message = f"Compte rendu enregistré{' : ' + name if name else ''}."
        if done:
            message += " " + ", ".join(done).capitalize() + "."
        self.app.contact_changed(self.contact_id)  # type: ignore[attr-defined]
        self.notify(message)
        self.dismiss(True)

    @on(Button.Pressed, "#meeting-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#meeting-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        close_or_ask(self, self.changed, "ce compte rendu", False)
