"""Small dialogs on one follow-up: done (with a note), snooze, reschedule, and a new one.

Each dialog opens with the focus in its text field, so letters typed in a burst land there and
nothing is written until Enter (in the last field) or ctrl+s. The write runs in a worker; a wrong
date or value is explained in French under its field, the typing kept; success dismisses True.
Escape asks before throwing away something typed.

The dialogs take plain values (ids, name, reason, date), so the agenda and a contact card can both
open them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select

from tui_reseau.display import safe_text
from tui_reseau.domain import agenda as agenda_service
from tui_reseau.domain.dates import DateParseError, format_date, format_relative
from tui_reseau.domain.validation import ValidationError
from tui_reseau.domain.vocabulary import CHANNELS
from tui_reseau.ui.screens.confirm import close_or_ask

DATE_EXAMPLES = "ex. lundi, +3j, +2s, 15/12"
KEYS_HELP = "Entrée ou ctrl+s : enregistrer · Échap : annuler"


def follow_up_context(reason: str, due_on: dt.date, today: dt.date) -> str:
    """« Envoyer l'annonce du local · prévue le 20/11 (il y a 6 j) »."""
    when = f"prévue le {format_date(due_on, today)} ({format_relative(due_on, today)})"
    reason = safe_text(reason, single_line=True).strip()
    return f"{reason} · {when}" if reason else when.capitalize()


class FollowUpDialog(ModalScreen[bool]):
    """The frame shared by the dialogs: title, context, fields with their errors, buttons.

    A subclass lists its ``FIELDS`` (field key → label; each key is its widget's id and the
    ``field`` of the domain's errors), composes the widgets in :meth:`field_widgets` and says
    what to write in :meth:`write`, which runs in a worker thread.
    """

    CSS_PATH = "follow_up_dialogs.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Enregistrer"),
        Binding("escape", "cancel", "Annuler"),
    ]

    FIELDS: dict[str, str] = {}
    ALIASES: dict[str, str] = {}  # domain field keys shown under another field
    DATE_FIELD = ""  # the field a DateParseError belongs to
    SAVE_LABEL = "Enregistrer"
    HELP = KEYS_HELP

    def __init__(self, title: str) -> None:
        super().__init__()
        self.heading = title
        self._initial: tuple[Any, ...] | None = None
        self._saving = False

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(id="fu-dialog"):
            yield Label(self.heading, id="fu-title", markup=False)
            context = self.context_text()
            if context:
                yield Label(context, id="fu-context", markup=False)
            widgets = self.field_widgets()
            for key, label in self.FIELDS.items():
                with Horizontal(classes="fu-row", id=f"{key}-row"):
                    yield Label(label, classes="fu-label")
                    with Vertical(classes="fu-field"):
                        yield widgets[key]
                        yield Label("", id=f"{key}-error", classes="fu-error", markup=False)
            yield from self.extra_widgets()
            yield Label(self.HELP, classes="fu-help", markup=False)
            with Horizontal(id="fu-buttons"):
                yield Label("", id="fu-status", markup=False)
                yield Button("Annuler", id="fu-cancel", compact=True)
                yield Button(self.SAVE_LABEL, id="fu-save", variant="primary", compact=True)
        yield Footer()

    def context_text(self) -> str:
        """A dim line under the title (what the follow-up is about)."""
        return ""

    def field_widgets(self) -> dict[str, Widget]:
        raise NotImplementedError

    def extra_widgets(self) -> ComposeResult:
        """Widgets between the fields and the keys line (the snooze buttons)."""
        yield from ()

    def on_mount(self) -> None:
        self.query_one(f"#{next(iter(self.FIELDS))}").focus()
        self._initial = self._values()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        for row in self.query(".fu-row"):
            row.set_class(row in event.widget.ancestors, "-current")

    def _values(self) -> tuple[Any, ...]:
        values: list[Any] = []
        for key in self.FIELDS:
            widget = self.query_one(f"#{key}")
            values.append(widget.selection if isinstance(widget, Select) else widget.value)  # type: ignore[attr-defined]
        return tuple(values)

    @property
    def today(self) -> dt.date:
        return self.app.today  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ saving

    def write(self) -> Callable[[], object]:
        """The write to run (in a worker), built from the fields on the UI thread."""
        raise NotImplementedError

    def action_save(self) -> None:
        self.run_write(self.write())

    def run_write(self, job: Callable[[], object]) -> None:
        """Run ``job`` in a worker; dismiss True when it succeeds, else show why."""
        if self._saving:
            return
        self._saving = True
        self.query_one("#fu-status", Label).update("Enregistrement…")
        self._write(job)

    @work(thread=True, exclusive=True, group="follow-up-dialog", exit_on_error=False)
    def _write(self, job: Callable[[], object]) -> None:
        try:
            job()
        except DateParseError as error:
            self.app.call_from_thread(self._show_error, self.DATE_FIELD, error.message)
            return
        except ValidationError as error:
            field = self.ALIASES.get(error.field, error.field)
            self.app.call_from_thread(self._show_error, field, error.message)
            return
        except Exception:
            self.app.call_from_thread(self._show_error, "", "Rien n'a été enregistré.")
            raise
        self.app.call_from_thread(self.dismiss, True)

    def _show_error(self, field: str, message: str) -> None:
        """The message under its field (focused), or in the foot line when it has none."""
        self._saving = False
        for key in self.FIELDS:
            wrong = key == field
            label = self.query_one(f"#{key}-error", Label)
            label.update(message if wrong else "")
            label.set_class(wrong, "-shown")
            self.query_one(f"#{key}").set_class(wrong, "-invalid")
        if field in self.FIELDS:
            self.query_one(f"#{field}").focus()
        self.query_one("#fu-status", Label).update("" if field in self.FIELDS else message)

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """Enter in the last text field saves; in an earlier one, moves on."""
        event.stop()
        inputs = [key for key in self.FIELDS if isinstance(self.query_one(f"#{key}"), Input)]
        if inputs and event.input.id == inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#fu-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#fu-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        changed = self._initial is not None and self._values() != self._initial
        close_or_ask(self, changed, "la saisie", False)


def _channel_select(value: str) -> Select[str]:
    return Select(
        [(Content(term.label), code) for code, term in CHANNELS.items()],
        value=value if value in CHANNELS else "appel",
        allow_blank=False,
        id="channel",
        compact=True,
    )


class _OnFollowUp(FollowUpDialog):
    """A dialog about one open follow-up, reminded under the title."""

    HEADING = ""

    def __init__(self, follow_up_id: int, name: str, reason: str, due_on: dt.date) -> None:
        super().__init__(f"{self.HEADING} — {safe_text(name, single_line=True)}")
        self.follow_up_id = follow_up_id
        self.reason = reason
        self.due_on = due_on

    def context_text(self) -> str:
        return follow_up_context(self.reason, self.due_on, self.today)


class DoneDialog(_OnFollowUp):
    """Mark a follow-up done: a one-line note of the exchange and its channel (appel)."""

    HEADING = "Relance faite"
    FIELDS = {"note": "Note", "channel": "Canal"}
    SAVE_LABEL = "Fait"
    HELP = "Entrée ou ctrl+s : marquer fait · Échap : annuler"

    def __init__(
        self,
        follow_up_id: int,
        name: str,
        reason: str,
        due_on: dt.date,
        *,
        channel: str = "appel",
    ) -> None:
        super().__init__(follow_up_id, name, reason, due_on)
        self.channel = channel

    def field_widgets(self) -> dict[str, Widget]:
        return {
            "note": Input(
                placeholder="Ce qui s'est dit (vide : le motif est repris)",
                id="note",
                compact=True,
            ),
            "channel": _channel_select(self.channel),
        }

    def write(self) -> Callable[[], object]:
        note = self.query_one("#note", Input).value
        channel = self.query_one("#channel", Select).selection or ""
        fid, today = self.follow_up_id, self.today
        return lambda: agenda_service.complete(fid, note, today, channel)


class SnoozeDialog(_OnFollowUp):
    """Put a follow-up off: +1 jour, +1 semaine, or a typed French date."""

    HEADING = "Reporter la relance"
    FIELDS = {"until": "Jusqu'au"}
    ALIASES = {"snoozed_until": "until"}
    DATE_FIELD = "until"
    SAVE_LABEL = "Reporter"
    HELP = "Entrée : reporter · Tab : +1 jour, +1 semaine · Échap : annuler"

    def field_widgets(self) -> dict[str, Widget]:
        return {"until": Input(placeholder=DATE_EXAMPLES, id="until", compact=True)}

    def extra_widgets(self) -> ComposeResult:
        with Horizontal(classes="fu-row", id="fu-quick"):
            yield Label("Ou de", classes="fu-label")
            yield Button("+1 jour", id="plus-day", compact=True)
            yield Button("+1 semaine", id="plus-week", compact=True)

    def write(self) -> Callable[[], object]:
        text = self.query_one("#until", Input).value
        fid, today = self.follow_up_id, self.today
        return lambda: agenda_service.snooze_text(fid, text, today)

    @on(Button.Pressed, "#plus-day, #plus-week")
    def _quick(self, event: Button.Pressed) -> None:
        days = 1 if event.button.id == "plus-day" else 7
        fid, today = self.follow_up_id, self.today
        until = today + dt.timedelta(days=days)
        self.run_write(lambda: agenda_service.snooze(fid, until, today=today))


class RescheduleDialog(_OnFollowUp):
    """Give a follow-up a new due date (typed in French); its snooze is forgotten."""

    HEADING = "Replanifier la relance"
    FIELDS = {"due_on": "Nouvelle date"}
    DATE_FIELD = "due_on"
    SAVE_LABEL = "Replanifier"

    def field_widgets(self) -> dict[str, Widget]:
        return {"due_on": Input(placeholder=DATE_EXAMPLES, id="due_on", compact=True)}

    def write(self) -> Callable[[], object]:
        text = self.query_one("#due_on", Input).value
        fid, today = self.follow_up_id, self.today
        return lambda: agenda_service.reschedule_text(fid, text, today)


class NewFollowUpDialog(FollowUpDialog):
    """Plan a follow-up of a contact: a French date to come and a reason."""

    FIELDS = {"due_on": "Date", "reason": "Motif"}
    DATE_FIELD = "due_on"
    SAVE_LABEL = "Planifier"
    HELP = "Entrée : champ suivant, puis planifier · ctrl+s : planifier · Échap : annuler"

    def __init__(self, contact_id: int, name: str) -> None:
        super().__init__(f"Nouvelle relance — {safe_text(name, single_line=True)}")
        self.contact_id = contact_id

    def field_widgets(self) -> dict[str, Widget]:
        return {
            "due_on": Input(placeholder=DATE_EXAMPLES, id="due_on", compact=True),
            "reason": Input(
                placeholder="ex. Lui envoyer le contact de l'avocat", id="reason", compact=True
            ),
        }

    def write(self) -> Callable[[], object]:
        text = self.query_one("#due_on", Input).value
        reason = self.query_one("#reason", Input).value
        contact_id, today = self.contact_id, self.today

        def job() -> int:
            day = agenda_service.parse_future_date(text, today, "La date de relance")
            return agenda_service.create_follow_up(contact_id, day, reason, today=today)

        return job
