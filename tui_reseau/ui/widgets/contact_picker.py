"""A form field holding one contact, chosen through the search dialog.

The picker only shows the chosen name and asks for a choice: Entrée (or a click) posts
:class:`ContactPicker.Wanted`, and the screen opens the search and calls :meth:`show` back.
An optional picker is emptied with Suppr or the backspace key.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Button

from tui_reseau.display import safe_text

EMPTY_LABEL = "Choisir… (Entrée : chercher)"
EMPTY_OPTIONAL_LABEL = "Personne (Entrée : chercher)"


class ContactPicker(Button):
    """A button showing a contact's name; pressing it asks the screen for a search."""

    class Wanted(Message):
        """The user wants to choose the contact of ``picker``."""

        def __init__(self, picker: ContactPicker) -> None:
            super().__init__()
            self.picker = picker

    BINDINGS = [Binding("delete,backspace", "clear", "Effacer", show=False)]

    def __init__(self, *, optional: bool = False, id: str | None = None) -> None:
        super().__init__(
            EMPTY_OPTIONAL_LABEL if optional else EMPTY_LABEL, id=id, compact=True, flat=True
        )
        self.optional = optional
        self.contact_id: int | None = None
        """The chosen contact (None: nobody yet)."""
        self.contact_name = ""

    def show(self, contact_id: int | None, name: str = "") -> None:
        """Hold ``contact_id`` and show ``name`` (None empties the field)."""
        self.contact_id = contact_id
        self.contact_name = name if contact_id is not None else ""
        if contact_id is None:
            self.label = Content(EMPTY_OPTIONAL_LABEL if self.optional else EMPTY_LABEL)
        else:
            self.label = Content(safe_text(name, single_line=True) or f"Contact n° {contact_id}")
        self.set_class(contact_id is None, "-empty")

    def on_mount(self) -> None:
        self.set_class(self.contact_id is None, "-empty")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button is self:
            event.stop()
            self.post_message(self.Wanted(self))

    def action_clear(self) -> None:
        if self.optional:
            self.show(None)
