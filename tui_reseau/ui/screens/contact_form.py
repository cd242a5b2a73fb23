"""The contact form: create or edit a person; every field checked on save, nothing typed lost.

Labels sit left of one-line fields in a scrolling column, so the whole form works at 80×24 with
Tab alone. Wrong fields get their French message right under them and the first one takes the
focus; the typing stays. The city completes known communes (→ or Tab) and, once left, proposes
the pole. "Présenté par" is a fuzzy pick over the network's search index.
"""

from __future__ import annotations

from contextlib import suppress

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, OptionList, Select, TextArea
from textual.widgets.option_list import Option
from textual.widgets.select import InvalidSelectValueError
from textual.worker import get_current_worker

from tui_reseau.display import safe_text
from tui_reseau.domain import contacts as contacts_service
from tui_reseau.domain import geography
from tui_reseau.domain.contacts import ContactDraft, ContactRow, ValidationErrors
from tui_reseau.domain.phones import format_phone
from tui_reseau.domain.validation import (
    ValidationError,
    normalise_email,
    normalise_linkedin,
    normalise_phone,
)
from tui_reseau.domain.vocabulary import (
    CHANNELS,
    CIRCLE_DESCRIPTIONS,
    CONTACT_KINDS,
    POLE_LABELS,
    SECTORS,
    Circle,
)
from tui_reseau.ui.screens.confirm import close_or_ask
from tui_reseau.ui.widgets.inputs import (
    CommuneSuggester,
    CompletingInput,
    PickerInput,
    SafeInput,
    SafeTextArea,
    TagSuggester,
)

# Field keys of the domain (ValidationError.field), in the order of the form; each is also the
# id of its widget and, suffixed with "-error", of the red line under it.
FIELDS: dict[str, str] = {
    "first_name": "Prénom",
    "last_name": "Nom",
    "company": "Entreprise",
    "role": "Fonction",
    "circle": "Cercle",
    "kind": "Type",
    "email": "E-mail",
    "phone": "Téléphone",
    "city": "Ville",
    "postcode": "Code postal",
    "pole": "Pôle",
    "sector": "Secteur",
    "qualified": "Qualifié",
    "met_via": "Rencontré par",
    "introduced_by": "Présenté par",
    "linkedin": "LinkedIn",
    "tags": "Étiquettes",
    "cadence": "Cadence",
    "notes": "Notes",
}
TEXT_FIELDS = ("first_name", "last_name", "company", "role", "email", "phone", "postcode")
ROOMY_HEIGHT = 32  # from this many lines, the fields get a blank line between them
CIRCLE_HELP = "Choisissez le cercle : il dit ce que cette personne peut faire pour votre réseau."
INTRODUCER_HELP = "Tapez un nom, ↓ puis Entrée ; videz le champ pour retirer."
INTRODUCER_UNCHOSEN = "Choisissez la personne dans la liste (↓ puis Entrée) ou videz le champ."
CHECKS_ON_LEAVE = {
    "email": normalise_email,
    "phone": normalise_phone,
    "linkedin": normalise_linkedin,
}


def _options(pairs: dict[str, str]) -> list[tuple[Content, str]]:
    return [(Content(label), code) for code, label in pairs.items()]


def _kind_options(circle: int | None) -> list[tuple[Content, str]]:
    if circle not in (1, 2, 3):
        return []
    return _options({code: t.label for code, t in CONTACT_KINDS[Circle(circle)].items()})


class ContactFormScreen(ModalScreen[int | None]):
    """Create (``contact_id`` None) or edit a contact; dismiss with its id once saved."""

    CSS_PATH = "contact_form.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Enregistrer"),
        Binding("escape", "cancel", "Annuler"),
    ]

    def __init__(self, contact_id: int | None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self._initial: tuple[ContactDraft, str] | None = None
        self._introducer_id: int | None = None
        self._introducer_name = ""
        self._choices: dict[int, str] = {}
        self._kind_circle: int | None = None
        self._suggested_pole: str | None = None
        self._saving = False
        self._tags = TagSuggester()

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        title = "Nouveau contact" if self.contact_id is None else "Modifier le contact"
        with Vertical(id="dialog"):
            yield Label(title, id="title", markup=False)
            with VerticalScroll(id="fields"):
                for key in ("first_name", "last_name", "company", "role"):
                    yield from self._row(key, SafeInput(id=key, compact=True))
                yield from self._row(
                    "circle",
                    Select(
                        [(Content(f"{c.value} · {c.label}"), c.value) for c in Circle],
                        prompt="Choisir…",
                        id="circle",
                        compact=True,
                    ),
                    help_id="circle-help",
                    help_text=CIRCLE_HELP,
                )
                yield from self._row(
                    "kind",
                    Select([], prompt="Choisissez d'abord le cercle", id="kind", compact=True),
                )
                yield from self._row(
                    "email",
                    SafeInput(
                        id="email", placeholder="ex. jean.dupont@entreprise.fr", compact=True
                    ),
                )
                yield from self._row(
                    "phone", SafeInput(id="phone", placeholder="ex. 06 12 34 56 78", compact=True)
                )
                yield from self._row(
                    "city",
                    CompletingInput(id="city", suggester=CommuneSuggester(), compact=True),
                )
                yield from self._row("postcode", SafeInput(id="postcode", compact=True))
                yield from self._row(
                    "pole",
                    Select(
                        _options({p.value: lab for p, lab in POLE_LABELS.items()}),
                        prompt="Aucun",
                        id="pole",
                        compact=True,
                    ),
                    help_id="pole-note",
                    help_text="",
                )
                yield from self._row(
                    "sector",
                    Select(
                        _options({c: t.label for c, t in SECTORS.items()}),
                        prompt="Aucun",
                        id="sector",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "qualified",
                    Checkbox("Contact qualifié", id="qualified", compact=True),
                )
                yield from self._row(
                    "met_via",
                    Select(
                        _options({c: t.label for c, t in CHANNELS.items()}),
                        prompt="Aucun",
                        id="met_via",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "introduced_by",
                    PickerInput(id="introduced_by", placeholder="Tapez un nom", compact=True),
                    help_id="introducer-help",
                    help_text=INTRODUCER_HELP,
                )
                yield from self._row(
                    "linkedin",
                    SafeInput(
                        id="linkedin",
                        placeholder="ex. linkedin.com/in/jean-dupont",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "tags",
                    CompletingInput(
                        id="tags", placeholder="ex. client, bni", suggester=self._tags, compact=True
                    ),
                )
                yield from self._row(
                    "cadence",
                    SafeInput(
                        id="cadence",
                        placeholder="jours entre deux échanges ; vide : celle du cercle",
                        compact=True,
                    ),
                )
                yield from self._row("notes", SafeTextArea(id="notes", compact=True))
            with Horizontal(id="buttons"):
                yield Label("", id="status", markup=False)
                yield Button("Annuler", id="cancel", compact=True)
                yield Button("Enregistrer", id="save", variant="primary", compact=True)
        yield Footer()

    def _row(
        self, key: str, widget: Widget, *, help_id: str | None = None, help_text: str = ""
    ) -> ComposeResult:
        with Horizontal(classes="row", id=f"{key}-row"):
            yield Label(FIELDS[key], classes="field-label")
            with Vertical(classes="field"):
                yield widget
                if key == "introduced_by":
                    yield OptionList(id="introducer-choices")
                if help_id is not None:
                    yield Label(help_text, id=help_id, classes="help", markup=False)
                yield Label("", id=f"{key}-error", classes="field-error", markup=False)

    def on_resize(self) -> None:
        self.set_class(self.size.height >= ROOMY_HEIGHT, "-roomy")

    def on_mount(self) -> None:
        self.query_one("#first_name", Input).focus()
        self.query_one("#introducer-choices").display = False
        self._load(self.contact_id)

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="form-load", exit_on_error=False)
    def _load(self, contact_id: int | None) -> None:
        try:
            tags = [name for name, _ in contacts_service.known_tags()]
            draft = contacts_service.draft_of(contact_id) if contact_id is not None else None
            introducer = ""
            if draft is not None and draft.introduced_by_id is not None:
                introducer = contacts_service.names_of([draft.introduced_by_id]).get(
                    draft.introduced_by_id, ""
                )
        except Exception:
            self.app.call_from_thread(self.dismiss, None)  # the app reports the error
            raise
        self.app.call_from_thread(self._fill, draft, introducer, tags)

    def _fill(self, draft: ContactDraft | None, introducer: str, tags: list[str]) -> None:
        self._tags.tags = tags
        if draft is not None:
            for key in TEXT_FIELDS:
                self.query_one(f"#{key}", Input).value = getattr(draft, key)
            self.query_one("#phone", Input).value = format_phone(draft.phone)
            self.query_one("#city", Input).value = draft.city
            self.query_one("#linkedin", Input).value = draft.linkedin_url
            self.query_one("#tags", Input).value = draft.tags
            self.query_one("#cadence", Input).value = draft.cadence
            self.query_one("#notes", TextArea).text = draft.notes
            self.query_one("#qualified", Checkbox).value = draft.qualified
            self._set_circle(draft.circle)
            for key in ("kind", "pole", "sector", "met_via"):
                value = getattr(draft, key)
                if value:
                    with suppress(InvalidSelectValueError):  # a code no longer offered
                        self.query_one(f"#{key}", Select).value = value
            self._introducer_id = draft.introduced_by_id
            self._introducer_name = introducer
            self.query_one("#introduced_by", Input).value = introducer
            name = safe_text(f"{draft.first_name} {draft.last_name}".strip(), single_line=True)
            self.query_one("#title", Label).update(f"Modifier le contact — {name}")
        self._initial = self._snapshot()

    # ------------------------------------------------------------------ reading the fields

    def _draft(self) -> ContactDraft:
        def text(key: str) -> str:
            return self.query_one(f"#{key}", Input).value

        def choice(key: str) -> str:
            return self.query_one(f"#{key}", Select).selection or ""

        return ContactDraft(
            **{key: text(key) for key in TEXT_FIELDS},
            city=text("city"),
            pole=choice("pole"),
            sector=choice("sector"),
            circle=self.query_one("#circle", Select).selection,
            kind=choice("kind"),
            qualified=self.query_one("#qualified", Checkbox).value,
            met_via=choice("met_via"),
            introduced_by_id=self._introducer_id,
            linkedin_url=text("linkedin"),
            tags=text("tags"),
            cadence=text("cadence"),
            notes=self.query_one("#notes", TextArea).text,
        )

    def _snapshot(self) -> tuple[ContactDraft, str]:
        return self._draft(), self.query_one("#introduced_by", Input).value

    @property
    def changed(self) -> bool:
        """True when something differs from what the form opened with."""
        return self._initial is not None and self._snapshot() != self._initial

    # ------------------------------------------------------------------ circle and kind

    def _set_circle(self, circle: int | None) -> None:
        select = self.query_one("#circle", Select)
        if circle in (1, 2, 3):
            select.value = circle
        self._follow_circle(circle)

    def _follow_circle(self, circle: int | None) -> None:
        """Offer the kinds of ``circle`` and show what the circle means."""
        help_text = CIRCLE_DESCRIPTIONS[Circle(circle)] if circle in (1, 2, 3) else CIRCLE_HELP
        self.query_one("#circle-help", Label).update(help_text)
        if circle == self._kind_circle:
            return
        self._kind_circle = circle
        kind = self.query_one("#kind", Select)
        kind.set_options(_kind_options(circle))
        kind.prompt = "Choisir…" if circle in (1, 2, 3) else "Choisissez d'abord le cercle"

    @on(Select.Changed, "#circle")
    def _circle_changed(self, event: Select.Changed) -> None:
        self._follow_circle(event.control.selection)

    # ------------------------------------------------------------------ city and pole

    @on(Input.Blurred, "#city, #postcode")
    def _propose_pole(self) -> None:
        pole = self.query_one("#pole", Select)
        city = self.query_one("#city", Input).value
        postcode = self.query_one("#postcode", Input).value
        if not pole.is_blank() or not (city.strip() or postcode.strip()):
            return
        suggested = geography.suggest_pole(city, postcode or None)
        if suggested is None:
            return
        by_city = geography.suggest_pole(city) is not None
        self._suggested_pole = suggested.value
        pole.value = suggested.value
        note = self.query_one("#pole-note", Label)
        note.update(
            "Pôle proposé d'après la ville" if by_city else "Pôle proposé d'après le code postal"
        )
        note.add_class("-shown")

    @on(Select.Changed, "#pole")
    def _pole_changed(self, event: Select.Changed) -> None:
        if event.control.selection != self._suggested_pole:
            self._suggested_pole = None
            self.query_one("#pole-note", Label).remove_class("-shown")

    # ------------------------------------------------------------------ checks on leaving a field

    @on(Input.Blurred, "#email, #phone, #linkedin")
    def _check_on_leave(self, event: Input.Blurred) -> None:
        key = event.input.id or ""
        try:
            CHECKS_ON_LEAVE[key](event.value)
        except ValidationError as error:
            self._set_error(key, error.message)
        else:
            self._set_error(key, "")

    @on(Input.Submitted)
    def _enter_moves_on(self, event: Input.Submitted) -> None:
        if event.input.id == "introduced_by" and self._choices and self._introducer_id is None:
            self._choose(next(iter(self._choices)))
        self.focus_next()

    # ------------------------------------------------------------------ introduced by

    @on(Input.Changed, "#introduced_by")
    def _introducer_typed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        if self._introducer_id is not None and text == self._introducer_name:
            return
        self._introducer_id = None
        self._introducer_name = ""
        if len(text) >= 2:
            self._find_introducers(text)
        else:
            self._show_choices(text, [])

    @work(thread=True, exclusive=True, group="form-introducer", exit_on_error=False)
    def _find_introducers(self, query: str) -> None:
        search = self.app.search  # type: ignore[attr-defined]
        search.wait_ready(3.0)
        rows = [r.row for r in search.search(query, limit=8) if r.row.id != self.contact_id]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_choices, query, rows[:6])

    def _show_choices(self, query: str, rows: list[ContactRow]) -> None:
        field = self.query_one("#introduced_by", Input)
        if query != field.value.strip():
            return  # an answer to an older query
        choices = self.query_one("#introducer-choices", OptionList)
        choices.clear_options()
        self._choices = {row.id: row.name for row in rows}
        choices.add_options(
            Option(
                Content(
                    safe_text(
                        " · ".join(p for p in (row.name, row.company, row.city) if p),
                        single_line=True,
                    )
                ),
                str(row.id),
            )
            for row in rows
        )
        choices.display = bool(rows) and self.focused in (field, choices)
        if rows:
            choices.highlighted = 0
            row = self.query_one("#introduced_by-row")
            self.call_after_refresh(row.scroll_visible, animate=False)

    @on(PickerInput.WantsChoices)
    def _into_choices(self) -> None:
        choices = self.query_one("#introducer-choices", OptionList)
        if choices.option_count:
            choices.display = True
            choices.focus()

    @on(OptionList.OptionSelected, "#introducer-choices")
    def _choice_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(int(event.option.id or 0))
        self.query_one("#introduced_by", Input).focus()

    def _choose(self, contact_id: int) -> None:
        self._introducer_id = contact_id
        self._introducer_name = self._choices.get(contact_id, "")
        field = self.query_one("#introduced_by", Input)
        field.value = self._introducer_name
        field.cursor_position = len(field.value)
        self.query_one("#introducer-choices").display = False
        self._set_error("introduced_by", "")

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        # A class, not :focus-within: Textual does not restyle the label beside the focus.
        row = next((a for a in event.widget.ancestors if a.has_class("row")), None)
        for each in self.query(".row"):
            each.set_class(each is row, "-current")
        if row is not None:  # its help and its message too, not only the field
            self.call_after_refresh(row.scroll_visible, animate=False)
        if event.widget.id not in ("introduced_by", "introducer-choices"):
            self.query_one("#introducer-choices").display = False

    # ------------------------------------------------------------------ errors

    def _set_error(self, key: str, message: str) -> None:
        label = self.query_one(f"#{key}-error", Label)
        label.update(message)
        label.set_class(bool(message), "-shown")
        self.query_one(f"#{key}").set_class(bool(message), "-invalid")

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Put each message under its field; focus the first wrong field."""
        self._saving = False
        for key in FIELDS:
            self._set_error(key, errors.get(key, ""))
        wrong = [key for key in FIELDS if key in errors]
        unknown = [message for key, message in errors.items() if key not in FIELDS]
        for message in unknown:
            self.notify(message, severity="error", timeout=10)
        status = self.query_one("#status", Label)
        if wrong:
            names = ", ".join(FIELDS[key] for key in wrong)
            status.update(f"À corriger : {names}")
            first = self.query_one(f"#{wrong[0]}")
            first.focus()
            self.call_after_refresh(
                self.query_one(f"#{wrong[0]}-row").scroll_visible, animate=False
            )
        else:
            status.update("")

    # ------------------------------------------------------------------ save and cancel

    def action_save(self) -> None:
        if self._saving or self._initial is None:
            return
        ui_errors: dict[str, str] = {}
        if self.query_one("#introduced_by", Input).value.strip() and self._introducer_id is None:
            ui_errors["introduced_by"] = INTRODUCER_UNCHOSEN
        self._saving = True
        self.query_one("#status", Label).update("Enregistrement…")
        self._save(self._draft(), ui_errors)

    @work(thread=True, exclusive=True, group="form-save", exit_on_error=False)
    def _save(self, draft: ContactDraft, ui_errors: dict[str, str]) -> None:
        errors = dict(ui_errors)
        saved: int | None = None
        try:
            if errors:
                contacts_service.validate(draft, self.contact_id)
            else:
                saved = contacts_service.save_contact(
                    draft,
                    self.contact_id,
                    today=self.app.today,  # type: ignore[attr-defined]
                )
        except ValidationErrors as exc:
            errors = {**exc.by_field, **errors}
        except Exception:
            self.app.call_from_thread(self._failed)
            raise
        if errors or saved is None:
            self.app.call_from_thread(self._show_errors, errors)
        else:
            self.app.call_from_thread(self.dismiss, saved)

    def _failed(self) -> None:
        self._saving = False
        self.query_one("#status", Label).update("Rien n'a été enregistré.")

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        choices = self.query_one("#introducer-choices")
        if self.focused is choices:  # Escape only closes the list
            choices.display = False
            self.query_one("#introduced_by", Input).focus()
            return
        close_or_ask(self, self.changed, "les modifications")
