"""What the small record forms share: a dialog of labelled fields, saved in one go.

Events, communities, involvements, opportunities, recommendations and services are each a
subclass. It lists its fields (key → label; the key is the widget's id and the key of the
domain's error messages) and their help lines, reads what it starts from in a worker
(:meth:`RecordForm.load`), fills the fields (:meth:`RecordForm.fill`), turns them back into a
draft (:meth:`RecordForm.read`) and saves it (:meth:`RecordForm.write`, in a worker too).
ctrl+s saves — one transaction, or a French message under each wrong field, the first of them
focused and scrolled into view, the typing kept; ctrl+s pressed before the record is read saves
once it is. Échap asks before throwing typing away. Contact fields are
:class:`ContactPicker`\\ s: Entrée opens the app's search dialog. The form dismisses with the
saved record's id, None when nothing was saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select, TextArea
from textual.widgets.select import InvalidSelectValueError

from tui_reseau.display import safe_text
from tui_reseau.domain.contacts import ValidationErrors, names_of
from tui_reseau.domain.validation import ValidationError
from tui_reseau.ui.screens.confirm import close_or_ask
from tui_reseau.ui.widgets.contact_picker import ContactPicker

FORM_CHROME = 8  # lines around the fields: border, title, buttons, footer


def field_value(widget: Widget) -> object:
    """What a field holds: a picker's contact, an Input's text, a Select's choice, a TextArea's."""
    if isinstance(widget, ContactPicker):
        return widget.contact_id
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, Select):
        return widget.selection
    if isinstance(widget, TextArea):
        return widget.text
    return None


class RecordForm(ModalScreen[int | None]):
    """A form for one record; dismisses with the saved record's id (None: nothing saved)."""

    CSS_PATH = "record_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Enregistrer"),
        Binding("escape", "cancel", "Annuler"),
    ]

    FIELDS: ClassVar[dict[str, str]] = {}
    """Field key → label, in the order of the form (the key is also the widget's id)."""

    HELP: ClassVar[dict[str, str]] = {}
    """Field key → the help line shown under that field (id ``<key>-help``)."""

    def __init__(self, record_id: int | None = None) -> None:
        super().__init__()
        self.record_id = record_id
        self._initial: tuple[object, ...] | None = None
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
        return None

    def fill(self, loaded: Any) -> None:
        """Put what :meth:`load` read into the fields."""

    def read(self) -> Any:
        """The domain draft the fields hold now."""
        raise NotImplementedError

    def write(self, draft: Any) -> int:
        """Save ``draft`` (worker thread); return the record's id; raise ValidationErrors."""
        raise NotImplementedError

    def saved_message(self, saved_id: int) -> str:
        """What to say once saved."""
        return "Enregistré."

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(id="rf-dialog"):
            yield Label(self.heading, id="rf-title", markup=False)
            with VerticalScroll(id="rf-fields"):
                for key, widget in self.field_widgets():
                    with Horizontal(classes="rf-row", id=f"{key}-row"):
                        yield Label(self.FIELDS[key], classes="rf-label", markup=False)
                        with Vertical(classes="rf-field"):
                            yield widget
                            if key in self.HELP:
                                yield Label(
                                    self.HELP[key],
                                    id=f"{key}-help",
                                    classes="rf-help",
                                    markup=False,
                                )
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
        # Fields scroll, the title and the buttons stay: the column is at most what is left.
        fields = self.query_one("#rf-fields")
        fields.styles.max_height = max(3, self.size.height - FORM_CHROME)
        self.call_after_refresh(self._space_rows)

    def _space_rows(self) -> None:
        """A blank line between the rows when they all fit with it (``-roomy``)."""
        rows = list(self.query(".rf-row"))
        needed = sum(row.size.height for row in rows) + len(rows) - 1
        self.set_class(needed <= self.size.height - FORM_CHROME, "-roomy")

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        row = next((a for a in event.widget.ancestors if a.has_class("rf-row")), None)
        for each in self.query(".rf-row"):
            each.set_class(each is row, "-current")

    @on(Input.Submitted)
    def _enter_moves_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def set_heading(self, text: str) -> None:
        """Change the dialog's title (shown as typed: no markup)."""
        self.query_one("#rf-title", Label).update(text)

    def set_help(self, key: str, text: str) -> None:
        """Change the help line of the field ``key``."""
        self.query_one(f"#{key}-help", Label).update(text)

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="record-form-load", exit_on_error=False)
    def _load(self) -> None:
        try:
            loaded = self.load()
        except Exception:
            self.app.call_from_thread(self.dismiss, None)  # the app reports the error
            raise
        self.app.call_from_thread(self._loaded, loaded)

    def _loaded(self, loaded: Any) -> None:
        self.fill(loaded)
        self._initial = self._values()
        if self._save_wanted:
            self._save_wanted = False
            self.action_save()

    def set_select(self, key: str, options: Iterable[tuple[str, Any]], value: Any) -> None:
        """Give the Select ``key`` its options (labels made safe) and choose ``value``."""
        select = self.query_one(f"#{key}", Select)
        select.set_options([(Content(safe_text(text, single_line=True)), v) for text, v in options])
        self.choose(key, value)

    def choose(self, key: str, value: Any) -> None:
        """Choose ``value`` in the Select ``key``; nothing changes if it is not an option."""
        if value is None or value == "":
            return
        with suppress(InvalidSelectValueError):
            self.query_one(f"#{key}", Select).value = value

    def _values(self) -> tuple[object, ...]:
        return tuple(field_value(self.query_one(f"#{key}")) for key in self.FIELDS)

    @property
    def changed(self) -> bool:
        """True when a field differs from what the form opened with."""
        return self._initial is not None and self._values() != self._initial

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

    def show_contacts(self, names: dict[int, str], **pickers: int | None) -> None:
        """Show in each picker (keyword: its key) its contact, named from ``names``."""
        for key, contact_id in pickers.items():
            if contact_id is not None:
                self.query_one(f"#{key}", ContactPicker).show(contact_id, names.get(contact_id, ""))

    # ------------------------------------------------------------------ errors

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field; the first wrong one (in form order) focused, in view."""
        self._saving = False
        for key in self.FIELDS:
            message = errors.get(key, "")
            label = self.query_one(f"#{key}-error", Label)
            label.update(message)
            label.set_class(bool(message), "-shown")
            self.query_one(f"#{key}").set_class(bool(message), "-invalid")
        for key, message in errors.items():
            if key not in self.FIELDS:
                self.notify(message, severity="error", timeout=10, markup=False)
        wrong = [key for key in self.FIELDS if key in errors]
        status = self.query_one("#rf-status", Label)
        if not wrong:
            status.update("")
            return
        status.update("À corriger : " + ", ".join(self.FIELDS[key] for key in wrong))
        self.query_one(f"#{wrong[0]}").focus()
        row = self.query_one(f"#{wrong[0]}-row")
        self.call_after_refresh(self._space_rows)
        self.call_after_refresh(row.scroll_visible, animate=False)

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
            saved_id = self.write(draft)
        except ValidationErrors as errors:
            self.app.call_from_thread(self.show_errors, errors.by_field)
            return
        except ValidationError as error:
            self.app.call_from_thread(self.show_errors, {error.field: error.message})
            return
        except Exception:
            self.app.call_from_thread(self._failed)
            raise
        self.app.call_from_thread(self._saved, saved_id)

    def _failed(self) -> None:
        self._saving = False
        self.query_one("#rf-status", Label).update("Rien n'a été enregistré.")

    def _saved(self, saved_id: int) -> None:
        self.notify(self.saved_message(saved_id), markup=False)
        self.dismiss(saved_id)

    @on(Button.Pressed, "#rf-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#rf-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        what = "la saisie" if self.record_id is None else "les modifications"
        close_or_ask(self, self.changed, what)

    def multiline_text(self, key: str) -> str:
        """The text of the TextArea ``key``."""
        return self.query_one(f"#{key}", TextArea).text

    def text(self, key: str) -> str:
        """The text of the Input ``key``."""
        return self.query_one(f"#{key}", Input).value

    def picked(self, key: str) -> int | None:
        """The contact chosen in the ContactPicker ``key`` (None: nobody)."""
        return self.query_one(f"#{key}", ContactPicker).contact_id

    def choice(self, key: str) -> Any:
        """The value chosen in the Select ``key`` (None: nothing chosen)."""
        return self.query_one(f"#{key}", Select).selection
