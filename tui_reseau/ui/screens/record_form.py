"""What the opportunity, recommendation and service forms share: a dialog of labelled fields.

A subclass lists its fields (key → label; the key is the widget's id and the key of the
domain's error messages), reads its draft in a worker (:meth:`RecordForm.load`), fills the
fields (:meth:`RecordForm.fill`), turns them back into a draft (:meth:`RecordForm.read`) and
saves it (:meth:`RecordForm.write`, in a worker too). ctrl+s saves: one transaction, or a French
message under each wrong field with the typing kept. Échap asks before throwing typing away.
Contact fields are :class:`ContactPicker`\\ s: Entrée opens the app's search dialog.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select, TextArea

from tui_reseau.display import safe_text
from tui_reseau.domain.contacts import ValidationErrors, names_of
from tui_reseau.ui.screens.confirm import discard_question
from tui_reseau.ui.widgets.contact_picker import ContactPicker

FORM_CHROME = 7  # lines around the fields: border, title, buttons, footer


class RecordForm(ModalScreen[bool]):
    """A form for one record; subclasses give the fields, the loading and the saving."""

    CSS_PATH = "record_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Enregistrer"),
        Binding("escape", "cancel", "Annuler"),
    ]

    FIELDS: ClassVar[dict[str, str]] = {}
    """Field key → label, in the order of the form (the key is also the widget's id)."""

    def __init__(self, record_id: int | None = None) -> None:
        super().__init__()
        self.record_id = record_id
        self._initial: tuple[Any, ...] | None = None
        self._saving = False
        self._save_wanted = False

    # ------------------------------------------------------------------ for subclasses

    @property
    def heading(self) -> str:
        """The dialog's title."""
        raise NotImplementedError

    def field_widgets(self) -> Iterable[tuple[str, Widget]]:
        """The widget of each field key of FIELDS."""
        raise NotImplementedError

    def load(self) -> Any:
        """Read what the form starts from (runs in a worker thread)."""
        raise NotImplementedError

    def fill(self, loaded: Any) -> None:
        """Put what :meth:`load` read into the fields."""
        raise NotImplementedError

    def read(self) -> Any:
        """The draft the fields hold now."""
        raise NotImplementedError

    def write(self, draft: Any) -> Any:
        """Save ``draft`` (runs in a worker thread); raises ValidationErrors when wrong."""
        raise NotImplementedError

    def saved_message(self, result: Any) -> str:
        """What to say once saved."""
        return "Enregistré."

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(id="rf-dialog"):
            yield Label(self.heading, id="rf-title", markup=False)
            with VerticalScroll(id="rf-fields"):
                for key, widget in self.field_widgets():
                    with Horizontal(classes="rf-row", id=f"{key}-row"):
                        yield Label(self.FIELDS[key], classes="rf-label")
                        with Vertical(classes="rf-field"):
                            yield widget
                            yield Label("", id=f"{key}-error", classes="rf-error", markup=False)
            with Horizontal(id="rf-buttons"):
                yield Label("", id="rf-status", markup=False)
                yield Button("Annuler", id="rf-cancel", compact=True)
                yield Button("Enregistrer", id="rf-save", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        first = next(iter(self.FIELDS))
        self.query_one(f"#{first}").focus()
        self._load()

    def on_resize(self) -> None:
        fields = self.query_one("#rf-fields")
        fields.styles.max_height = max(3, self.size.height - FORM_CHROME)

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        row = next((a for a in event.widget.ancestors if a.has_class("rf-row")), None)
        for each in self.query(".rf-row"):
            each.set_class(each is row, "-current")

    @on(Input.Submitted)
    def _enter_moves_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="record-form-load", exit_on_error=False)
    def _load(self) -> None:
        try:
            loaded = self.load()
        except Exception:
            self.app.call_from_thread(self.dismiss, False)  # the app reports the error
            raise
        self.app.call_from_thread(self._loaded, loaded)

    def _loaded(self, loaded: Any) -> None:
        self.fill(loaded)
        self._initial = self._snapshot()
        if self._save_wanted:
            self._save_wanted = False
            self.action_save()

    def set_select(self, key: str, options: Iterable[tuple[str, Any]], value: Any) -> None:
        """Give the Select ``key`` its options (labels made safe) and its value."""
        select = self.query_one(f"#{key}", Select)
        pairs = [(Content(safe_text(text, single_line=True)), v) for text, v in options]
        select.set_options(pairs)
        if value is not None and any(v == value for _, v in pairs):
            select.value = value

    def _snapshot(self) -> tuple[Any, ...]:
        return (repr(self.read()),)

    @property
    def changed(self) -> bool:
        """True when something differs from what the form opened with."""
        return self._initial is not None and self._snapshot() != self._initial

    # ------------------------------------------------------------------ contacts

    @on(ContactPicker.Wanted)
    def _pick(self, event: ContactPicker.Wanted) -> None:
        from tui_reseau.ui.screens.search import SearchScreen

        picker = event.picker

        def chosen(contact_id: int | None) -> None:
            if contact_id is not None:
                self._name_contact(picker, contact_id)
            picker.focus()

        self.app.push_screen(SearchScreen(self.app.search), chosen)  # type: ignore[attr-defined]

    @work(thread=True, group="record-form-name", exit_on_error=False)
    def _name_contact(self, picker: ContactPicker, contact_id: int) -> None:
        name = names_of([contact_id]).get(contact_id, "")
        self.app.call_from_thread(picker.show, contact_id, name)

    @staticmethod
    def picker_names(*ids: int | None) -> dict[int, str]:
        """Names of the contacts the pickers start with (call from :meth:`load`)."""
        wanted = [i for i in ids if i is not None]
        return names_of(wanted) if wanted else {}

    # ------------------------------------------------------------------ errors

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Put each message under its field; focus the first wrong one, in form order."""
        self._saving = False
        for label in self.query(".rf-error").results(Label):
            label.update("")
            label.remove_class("-shown")
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        placed: list[str] = []
        for key, message in errors.items():
            if key not in self.FIELDS:
                self.notify(message, severity="error", timeout=10, markup=False)
                continue
            label = self.query_one(f"#{key}-error", Label)
            label.update(message)
            label.add_class("-shown")
            self.query_one(f"#{key}").add_class("-invalid")
            placed.append(key)
        status = self.query_one("#rf-status", Label)
        if not placed:
            status.update("")
            return
        placed.sort(key=list(self.FIELDS).index)
        status.update("À corriger : " + ", ".join(self.FIELDS[key] for key in placed))
        first = self.query_one(f"#{placed[0]}")
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
        self.query_one("#rf-status", Label).update("Enregistrement…")
        self._save(self.read())

    @work(thread=True, exclusive=True, group="record-form-save", exit_on_error=False)
    def _save(self, draft: Any) -> None:
        try:
            result = self.write(draft)
        except ValidationErrors as errors:
            self.app.call_from_thread(self._show_errors, errors.by_field)
            return
        except Exception:
            self.app.call_from_thread(self._failed)
            raise
        self.app.call_from_thread(self._saved, result)

    def _failed(self) -> None:
        self._saving = False
        self.query_one("#rf-status", Label).update("Rien n'a été enregistré.")

    def _saved(self, result: Any) -> None:
        self.notify(self.saved_message(result), markup=False)
        self.dismiss(True)

    @on(Button.Pressed, "#rf-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#rf-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(False)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(discard_question(), answered)

    def multiline_text(self, key: str) -> str:
        """The text of the TextArea ``key``."""
        return self.query_one(f"#{key}", TextArea).text
