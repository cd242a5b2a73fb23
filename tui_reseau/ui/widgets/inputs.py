"""Inputs that help typing: completion by Tab, communes and tags suggested, a pick list."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, TextArea

from tui_reseau.display import safe_text
from tui_reseau.domain import geography


class SafeInput(Input):
    """An input that shows control and bidi characters of its value as visible symbols.

    The value itself is kept exactly (a contact imported with an escape sequence in its name
    is edited as it is); only what is drawn changes, one symbol per character, so the cursor
    stays in step.
    """

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        shown = safe_text(self.value).replace("\n", "\u2424").replace("\t", " ")
        text = Text(shown, no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text


class SafeTextArea(TextArea):
    """A text area that draws control and bidi characters as visible symbols (text kept)."""

    def get_line(self, line_index: int) -> Text:
        line = safe_text(self.document.get_line(line_index))
        return Text(line, end="", no_wrap=True)


class CompletingInput(SafeInput):
    """An input whose Tab accepts the grey completion first, then moves on."""

    BINDINGS = [Binding("tab", "complete_or_next", "Compléter", show=False)]

    def action_complete_or_next(self) -> None:
        if self.cursor_at_end and len(self._suggestion) > len(self.value):
            self.action_cursor_right()
        else:
            self.screen.focus_next()


class CommuneSuggester(Suggester):
    """Completes the communes the geography module knows (accents and case forgiven)."""

    def __init__(self) -> None:
        super().__init__(use_cache=True, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        names = geography.communes_matching(value, limit=10)
        literal = [n for n in names if n.casefold().startswith(value.casefold())]
        return (literal or names or [None])[0]


class TagSuggester(Suggester):
    """Completes the last comma-separated tag from the tags already in use."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags: list[str] = []

    async def get_suggestion(self, value: str) -> str | None:
        stem = value.rsplit(",", 1)[-1].lstrip().lstrip("#").lower()
        if not stem:
            return None
        for tag in self.tags:
            if tag.startswith(stem) and tag != stem:
                return value + tag[len(stem) :]
        return None


class PickerInput(SafeInput):
    """An input with a list of choices under it: ↓ moves into the list."""

    class WantsChoices(Message):
        """↓ was pressed in the input."""

    BINDINGS = [Binding("down", "choices", "Choisir", show=False)]

    def action_choices(self) -> None:
        self.post_message(self.WantsChoices())
