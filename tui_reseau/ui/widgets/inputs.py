"""Inputs that help typing: completion by Tab, communes and tags suggested, a pick list."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

from tui_reseau.domain import geography


class CompletingInput(Input):
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


class PickerInput(Input):
    """An input with a list of choices under it: ↓ moves into the list."""

    class WantsChoices(Message):
        """↓ was pressed in the input."""

    BINDINGS = [Binding("down", "choices", "Choisir", show=False)]

    def action_choices(self) -> None:
        self.post_message(self.WantsChoices())
