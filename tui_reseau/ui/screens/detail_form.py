"""Note or correct a memorised detail (passion, project, spouse…) of one contact."""

from __future__ import annotations

from contextlib import suppress

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Select, TextArea
from textual.widgets.select import InvalidSelectValueError

from tui_reseau.display import safe_text
from tui_reseau.domain import contacts as contacts_service
from tui_reseau.domain import details as details_service
from tui_reseau.domain.validation import ValidationError
from tui_reseau.domain.vocabulary import DETAIL_KINDS
from tui_reseau.ui.screens.confirm import close_or_ask
from tui_reseau.ui.widgets.inputs import SafeTextArea

DEFAULT_KIND = "projet"
FIELDS = ("kind", "text")


class DetailFormScreen(ModalScreen[bool]):
    """Add (``detail_id`` None) or edit a detail of ``contact_id``; dismiss True once saved."""

    CSS_PATH = "detail_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Enregistrer"),
        Binding("escape", "cancel", "Annuler"),
    ]

    def __init__(self, contact_id: int, detail_id: int | None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.detail_id = detail_id
        self._initial: tuple[str, str] | None = None
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Détail mémorisé", id="title", markup=False)
            with Horizontal(classes="row"):
                yield Label("Type", classes="field-label")
                with Vertical(classes="field"):
                    yield Select(
                        [(Content(term.label), code) for code, term in DETAIL_KINDS.items()],
                        value=DEFAULT_KIND,
                        allow_blank=False,
                        id="kind",
                        compact=True,
                    )
                    yield Label("", id="kind-error", classes="field-error", markup=False)
            with Horizontal(classes="row"):
                yield Label("Détail", classes="field-label")
                with Vertical(classes="field"):
                    yield SafeTextArea(id="text", compact=True)
                    yield Label(
                        "Ce qu'il faut retenir, en quelques mots : « passion : la voile à "
                        "Wimereux ».",
                        classes="help",
                        markup=False,
                    )
                    yield Label("", id="text-error", classes="field-error", markup=False)
            with Horizontal(id="buttons"):
                yield Label("", id="status", markup=False)
                yield Button("Annuler", id="cancel", compact=True)
                yield Button("Enregistrer", id="save", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#kind", Select).focus()
        self._load()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        # A class, not :focus-within: Textual does not restyle the label beside the focus.
        for row in self.query(".row"):
            row.set_class(row in event.widget.ancestors, "-current")

    @work(thread=True, exclusive=True, group="detail-load", exit_on_error=False)
    def _load(self) -> None:
        name = contacts_service.names_of([self.contact_id]).get(self.contact_id, "")
        detail = details_service.get_detail(self.detail_id) if self.detail_id else None
        self.app.call_from_thread(self._fill, name, detail)

    def _fill(self, name: str, detail: details_service.DetailRecord | None) -> None:
        if name:
            shown = safe_text(name, single_line=True)
            self.query_one("#title", Label).update(f"Détail mémorisé — {shown}")
        if detail is not None:
            with suppress(InvalidSelectValueError):  # a kind no longer offered: the default
                self.query_one("#kind", Select).value = detail.kind
            area = self.query_one("#text", TextArea)
            area.text = detail.text
            area.move_cursor(area.document.end)
            area.focus()
        self._initial = self._values()

    def _values(self) -> tuple[str, str]:
        kind = self.query_one("#kind", Select).selection or ""
        return kind, self.query_one("#text", TextArea).text

    # ------------------------------------------------------------------ save and cancel

    def action_save(self) -> None:
        if self._saving or self._initial is None:
            return
        self._saving = True
        kind, text = self._values()
        self._save(kind, text)

    @work(thread=True, exclusive=True, group="detail-save", exit_on_error=False)
    def _save(self, kind: str, text: str) -> None:
        try:
            if self.detail_id is None:
                details_service.add_detail(
                    self.contact_id,
                    kind,
                    text,
                    noted_on=self.app.today,  # type: ignore[attr-defined]
                )
            else:
                details_service.update_detail(self.detail_id, kind, text)
        except ValidationError as error:
            self.app.call_from_thread(self._show_error, error.field, error.message)
            return
        except Exception:
            self.app.call_from_thread(self._show_error, "", "Rien n'a été enregistré.")
            raise
        self.app.call_from_thread(self.dismiss, True)

    def _show_error(self, field: str, message: str) -> None:
        """The message under its field (focused), or in the foot line when it has none."""
        self._saving = False
        for each in FIELDS:
            wrong = each == field
            label = self.query_one(f"#{each}-error", Label)
            label.update(message if wrong else "")
            label.set_class(wrong, "-shown")
            self.query_one(f"#{each}").set_class(wrong, "-invalid")
        if field in FIELDS:
            self.query_one(f"#{field}").focus()
        self.query_one("#status", Label).update("" if field in FIELDS else message)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        changed = self._initial is not None and self._values() != self._initial
        close_or_ask(self, changed, "les modifications", False)
