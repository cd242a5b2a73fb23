"""What the event, community and involvement forms share: rows, messages, save, cancel.

A form is a column of rows (a label left of its field, a help line and the red message under
it), Annuler / Enregistrer at the foot. The record is read in a worker (``load``), the typed
values are turned into a domain draft on the UI thread (``draft``) and written in a worker
(``write``): ValidationErrors come back as one message under each wrong field, the first of them
focused, the typing kept. Escape asks before throwing away what was typed.
"""

from __future__ import annotations

from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select, TextArea

from tui_reseau.domain.contacts import ValidationErrors
from tui_reseau.domain.validation import ValidationError
from tui_reseau.ui.screens.confirm import discard_question

FORM_CHROME = 8  # lines around the fields: borders, title, buttons, footer


def field_value(widget: Widget) -> object:
    """What a field holds: an Input's text, a Select's choice (None if blank), a TextArea's."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, Select):
        return widget.selection
    if isinstance(widget, TextArea):
        return widget.text
    return None


class RecordForm(ModalScreen[int | None]):
    """Base of the small record forms; dismisses with the saved record's id (None: cancelled).

    Subclasses set ``FIELDS`` (key → label, in order; each key is the id of its widget and of
    its ``-error`` line), ``TITLE_TEXT``, and implement ``rows``, ``load``, ``fill``, ``draft``
    and ``write``.
    """

    DEFAULT_CSS = """
    RecordForm { align: center middle; }
    RecordForm #form-dialog {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent 80%; background: $surface; padding: 0 1;
    }
    RecordForm #form-title { width: 100%; text-style: bold; color: $accent; margin-bottom: 1; }
    RecordForm #form-fields { height: auto; scrollbar-size-vertical: 1; }
    RecordForm .form-row { height: auto; }
    RecordForm .form-label { width: 14; color: $text-muted; }
    RecordForm .form-row.-current .form-label { color: $accent; text-style: bold; }
    RecordForm .form-field { width: 1fr; height: auto; padding-right: 1; }
    RecordForm .form-field Input, RecordForm .form-field Select > SelectCurrent,
    RecordForm .form-field TextArea { background: $boost; }
    RecordForm .form-field Input:focus, RecordForm .form-field Select:focus > SelectCurrent,
    RecordForm .form-field TextArea:focus { background: $accent 25%; }
    RecordForm .form-field .-invalid,
    RecordForm .form-field Select.-invalid > SelectCurrent { background: $error 25%; }
    RecordForm .form-field TextArea { height: 3; }
    RecordForm .form-help { width: 100%; color: $text-muted; text-style: italic; }
    RecordForm .form-error {
        width: 100%; display: none; color: $text-error; background: $error-muted;
    }
    RecordForm .form-error.-shown { display: block; }
    RecordForm #form-buttons { height: auto; padding-top: 1; align-horizontal: right; }
    RecordForm #form-status { width: 1fr; color: $text-error; }
    RecordForm #form-buttons Button { margin-left: 2; }
    RecordForm #save { margin-right: 1; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Enregistrer"),
        Binding("escape", "cancel", "Annuler"),
    ]

    FIELDS: dict[str, str] = {}
    TITLE_TEXT = ""

    def __init__(self, record_id: int | None = None) -> None:
        super().__init__()
        self.record_id = record_id
        self._initial: tuple[object, ...] | None = None
        self._saving = False

    # ------------------------------------------------------------------ to implement

    def rows(self) -> ComposeResult:
        """Yield the rows, with :meth:`row`."""
        raise NotImplementedError

    def load(self) -> Any:
        """Read what the form needs (runs in a worker thread)."""
        return None

    def fill(self, loaded: Any) -> None:
        """Put what ``load`` read into the fields (UI thread)."""

    def draft(self) -> Any:
        """The domain draft of the typed values (UI thread)."""
        raise NotImplementedError

    def write(self, draft: Any) -> int:
        """Save ``draft`` through the domain (worker thread); return the record's id."""
        raise NotImplementedError

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog"):
            yield Label(self.TITLE_TEXT, id="form-title", markup=False)
            with VerticalScroll(id="form-fields"):
                yield from self.rows()
            with Horizontal(id="form-buttons"):
                yield Label("", id="form-status", markup=False)
                yield Button("Annuler", id="cancel", compact=True)
                yield Button("Enregistrer", id="save", variant="primary", compact=True)
        yield Footer()

    def row(self, key: str, widget: Widget, help_text: str = "") -> ComposeResult:
        """One labelled field, its help line (if any) and its message line."""
        with Horizontal(classes="form-row", id=f"{key}-row"):
            yield Label(self.FIELDS[key], classes="form-label", markup=False)
            with Vertical(classes="form-field"):
                yield widget
                if help_text:
                    yield Label(help_text, id=f"{key}-help", classes="form-help", markup=False)
                yield Label("", id=f"{key}-error", classes="form-error", markup=False)

    def on_resize(self) -> None:
        # Fields scroll, the title and the buttons stay: the column is at most what is left.
        fields = self.query_one("#form-fields")
        fields.styles.max_height = max(3, self.size.height - FORM_CHROME)

    def on_mount(self) -> None:
        first = next(iter(self.FIELDS))
        self.query_one(f"#{first}").focus()
        self._load()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        row = next((a for a in event.widget.ancestors if a.has_class("form-row")), None)
        for each in self.query(".form-row"):
            each.set_class(each is row, "-current")

    @on(Input.Submitted)
    def _enter_moves_on(self) -> None:
        self.focus_next()

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="form-load", exit_on_error=False)
    def _load(self) -> None:
        try:
            loaded = self.load()
        except Exception:
            self.app.call_from_thread(self.dismiss, None)  # the app reports the error
            raise
        self.app.call_from_thread(self._filled, loaded)

    def _filled(self, loaded: Any) -> None:
        self.fill(loaded)
        self._initial = self._values()

    def _values(self) -> tuple[object, ...]:
        return tuple(field_value(self.query_one(f"#{key}")) for key in self.FIELDS)

    @property
    def changed(self) -> bool:
        """True when a field differs from what the form opened with."""
        return self._initial is not None and self._values() != self._initial

    # ------------------------------------------------------------------ errors

    def set_error(self, key: str, message: str) -> None:
        label = self.query_one(f"#{key}-error", Label)
        label.update(message)
        label.set_class(bool(message), "-shown")
        self.query_one(f"#{key}").set_class(bool(message), "-invalid")

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field; the first wrong field focused; others in the foot."""
        self._saving = False
        for key in self.FIELDS:
            self.set_error(key, errors.get(key, ""))
        wrong = [key for key in self.FIELDS if key in errors]
        others = [message for key, message in errors.items() if key not in self.FIELDS]
        status = self.query_one("#form-status", Label)
        if others:
            status.update(" ".join(others))
        elif wrong:
            status.update("À corriger : " + ", ".join(self.FIELDS[key] for key in wrong))
        else:
            status.update("")
        if wrong:
            self.query_one(f"#{wrong[0]}").focus()
            self.call_after_refresh(self.query_one(f"#{wrong[0]}-row").scroll_visible)

    # ------------------------------------------------------------------ save and cancel

    def action_save(self) -> None:
        if self._saving or self._initial is None:
            return
        self._saving = True
        self.query_one("#form-status", Label).update("Enregistrement…")
        self._save(self.draft())

    @work(thread=True, exclusive=True, group="form-save", exit_on_error=False)
    def _save(self, draft: Any) -> None:
        try:
            saved = self.write(draft)
        except ValidationErrors as exc:
            self.app.call_from_thread(self.show_errors, exc.by_field)
            return
        except ValidationError as exc:
            self.app.call_from_thread(self.show_errors, {exc.field: exc.message})
            return
        except Exception:
            self.app.call_from_thread(self.show_errors, {"": "Rien n'a été enregistré."})
            raise
        self.app.call_from_thread(self.dismiss, saved)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(discard_question("la saisie"), answered)
