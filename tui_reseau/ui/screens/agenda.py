"""The agenda: follow-ups late, due today, this week and later, then the relations to revive.

One list, one item per follow-up on two or three lines (when, who, why, and what to mention:
memorised details and the last exchange), grouped under section titles that the cursor skips.
The letters open dialogs (done, snooze, reschedule, new follow-up, meeting report) whose focus
is a text field: a burst of typed letters lands there and writes nothing on its own.

The agenda is read in a worker each time the screen comes back on top (after a dialog, a card
or a form), so it shows every change at once; an answer older than the last request is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui_reseau.display import safe_text
from tui_reseau.domain.agenda import Agenda, AgendaItem, agenda
from tui_reseau.domain.cadence import Revival, relations_to_revive
from tui_reseau.domain.dates import format_date, format_relative
from tui_reseau.ui.screens.follow_up_dialogs import (
    DoneDialog,
    NewFollowUpDialog,
    RescheduleDialog,
    SnoozeDialog,
)

MAX_REVIVALS = 200  # shown; the count line gives them all
NARROW_WIDTH = 100  # below, the date goes before the name instead of in its own column
NARROW_INDENT = 2
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
SECTION_STYLES = {
    "overdue": "bold $text-error",
    "today": "bold $text-accent",
    "this_week": "bold",
    "later": "bold",
    "revive": "bold $text-secondary",
}
WHEN_STYLES = {"overdue": "bold $text-error", "today": "bold $text-accent"}
CIRCLE_STYLES = {1: "green", 2: "yellow", 3: "magenta"}
# In Content styles "$text-muted" resolves to plain white ("auto" colours need a background):
# the muted foreground is the variable that works.
MUTED = "$foreground-muted"
HINT_STYLE = f"italic {MUTED}"
LAST_EXCHANGE_PREFIX = "Dernier échange"  # how domain.agenda.last_exchange_hint starts
EMPTY_TEXT = (
    "Rien à relancer : aucune relance ouverte,\n"
    "et chaque relation est dans sa cadence.\n"
    "Planifiez une relance depuis la fiche d'un contact."
)


@dataclass(frozen=True, slots=True)
class Loaded:
    """What one read of the agenda brought back."""

    plan: Agenda
    revivals: tuple[Revival, ...]
    revival_count: int


def _t(text: str) -> str:
    return safe_text(text, single_line=True)


def _plural(count: int, one: str, many: str) -> str:
    """French agreement: singular for 0 and 1 (« 0 relation à raviver »)."""
    return f"{count} {one if count <= 1 else many}"


def count_line(plan: Agenda, revival_count: int) -> str:
    """« 3 en retard · 2 aujourd'hui · 5 cette semaine · 12 relations à raviver »."""
    return " · ".join(
        (
            f"{len(plan.overdue)} en retard",
            f"{len(plan.today)} aujourd'hui",
            f"{len(plan.this_week)} cette semaine",
            _plural(revival_count, "relation à raviver", "relations à raviver"),
        )
    )


def _when_and_name(
    when: str, when_style: str, name: str, company: str, column: int
) -> list[str | tuple[str, str]]:
    """First line: the date in its column (or followed by two spaces when ``column`` is 0)."""
    parts: list[str | tuple[str, str]] = [
        (when.ljust(column) if column else f"{when}  ", when_style),
        (_t(name) or "(sans nom)", "bold"),
    ]
    if company:
        parts.append(f" · {_t(company)}")
    return parts


def follow_up_prompt(item: AgendaItem, section: str, today: dt.date, column: int) -> Content:
    """When · who (company) / why / what to mention: two or three lines.

    ``column`` is the width of the date column the lines below align on; 0 (narrow terminals)
    puts the date before the name and indents the lines below by two cells only.
    """
    indent = " " * (column or NARROW_INDENT)
    when = format_relative(item.due_on, today)
    parts = _when_and_name(when, WHEN_STYLES.get(section, ""), item.name, item.company, column)
    parts += ["\n", indent]
    if item.reason:
        parts.append(_t(item.reason))
    else:
        parts.append(("(sans motif)", MUTED))
    if item.snoozed:
        parts.append((f" · reportée au {format_date(item.due_on, today)}", MUTED))
    # The last exchange is short and always telling: beside the reason, where it is not cut;
    # the memorised details (longer) get the third line to themselves.
    exchange = [hint for hint in item.hints if hint.startswith(LAST_EXCHANGE_PREFIX)]
    details = [hint for hint in item.hints if not hint.startswith(LAST_EXCHANGE_PREFIX)]
    if exchange:
        parts.append((f" · {_t(exchange[0])}", MUTED))
    if details:
        parts += ["\n", indent, (" · ".join(_t(hint) for hint in details), HINT_STYLE)]
    return Content.assemble(*parts)


def revival_prompt(revival: Revival, today: dt.date, column: int) -> Content:
    """Since when · who (company) / circle, silence against cadence: two lines."""
    when = format_relative(revival.counted_from, today)
    parts = _when_and_name(when, "", revival.name, revival.company, column)
    silence = (today - revival.counted_from).days
    if revival.last_contact_on is not None:
        since = f"dernier échange le {format_date(revival.last_contact_on, today)}"
    else:
        since = f"aucun échange depuis le {format_date(revival.counted_from, today)}"
    parts += [
        "\n",
        " " * (column or NARROW_INDENT),
        (f"Cercle {revival.circle}", CIRCLE_STYLES.get(revival.circle, "")),
        f" · {since} · ",
        (f"{silence} j", "bold"),
        f" pour une cadence de {revival.cadence_days} j",
    ]
    return Content.assemble(*parts)


def _header(key: str, title: str, count: int) -> Option:
    prompt = Content.assemble((title, SECTION_STYLES[key]), (f"  {count}", MUTED))
    return Option(prompt, id=f"h-{key}", disabled=True)


class AgendaList(OptionList):
    """The agenda's items under their section titles (disabled options the cursor skips)."""

    BINDINGS = [Binding("enter", "select", "Fiche")]

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Keep the section title in view when the cursor is on the first item under it."""
        highlighted = self.highlighted
        if highlighted is None or not self.is_mounted:
            return
        first = highlighted
        while first > 0 and self.options[first - 1].disabled:
            first -= 1
        if first == highlighted:
            super().scroll_to_highlight(top)
            return
        self._update_lines()  # the private line map, as OptionList's own method uses it
        try:
            y = self._index_to_line[first]
            end = self._index_to_line[highlighted] + self._heights[highlighted]
        except KeyError:
            return
        self.scroll_to_region(
            Region(0, y, self.scrollable_content_region.width, end - y),
            force=True,
            animate=False,
            top=top,
            immediate=True,
        )


class AgendaScreen(Screen[None]):
    """Follow-ups by section, then relations to revive; each letter opens a dialog."""

    CSS_PATH = "agenda.tcss"

    BINDINGS = [
        Binding("d", "done", "Fait"),
        Binding("z", "snooze", "Reporter"),
        Binding("r", "reschedule", "Replanifier"),
        Binding("n", "new_follow_up", "Nouvelle"),
        Binding("m", "meeting", "Compte rendu"),
        Binding("escape", "back", "Retour"),
        Binding("question_mark", "app.toggle_keys", "Touches", key_display="?", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loaded: Loaded | None = None
        self._items: dict[str, AgendaItem | Revival] = {}
        self._count_text = ""
        self._drawn_narrow: bool | None = None

    def compose(self) -> ComposeResult:
        yield Static(" Agenda", id="agenda-bar")
        yield AgendaList(Option("Chargement…", disabled=True), id="agenda-list")
        yield Footer()

    @property
    def agenda_list(self) -> AgendaList:
        return self.query_one(AgendaList)

    @property
    def today(self) -> dt.date:
        return self.app.today  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.agenda_list.focus()

    def on_screen_resume(self) -> None:
        # Back from a dialog, a card or a form: whatever was written shows at once.
        self.reload()

    @property
    def narrow(self) -> bool:
        return self.size.width < NARROW_WIDTH

    def on_resize(self) -> None:
        if self.loaded is not None and self.narrow != self._drawn_narrow:
            self._draw()
        footer = self.query_one(Footer)
        footer.compact = self.narrow  # every key of the agenda in 80 columns
        footer.show_command_palette = not self.narrow
        self._update_bar()

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Read the agenda and the relations to revive again (in a worker)."""
        self._load(self.today)

    @work(thread=True, exclusive=True, group="agenda-load", exit_on_error=False)
    def _load(self, today: dt.date) -> None:
        plan = agenda(today)
        revivals = relations_to_revive(today)
        loaded = Loaded(plan, tuple(revivals[:MAX_REVIVALS]), len(revivals))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, loaded)

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self._draw()
        self._count_text = count_line(loaded.plan, loaded.revival_count)
        self._update_bar()

    def _draw(self) -> None:
        """Fill the list from ``self.loaded``, the cursor kept on the same item if still there."""
        loaded = self.loaded
        if loaded is None:
            return
        today = self.today
        self._drawn_narrow = self.narrow
        agenda_list = self.agenda_list
        before = agenda_list.highlighted_option
        before_id = before.id if before is not None else None
        before_index = agenda_list.highlighted

        whens = [format_relative(i.due_on, today) for s in loaded.plan.sections() for i in s.items]
        whens += [format_relative(r.counted_from, today) for r in loaded.revivals]
        column = 0 if self.narrow else max((cell_len(w) for w in whens), default=0) + 2

        options: list[Option | None] = []
        self._items = {}
        for section in loaded.plan.sections():
            if not section.items:
                continue
            if options:
                options.append(None)
            options.append(_header(section.key, section.title, len(section.items)))
            for item in section.items:
                key = f"f-{item.follow_up_id}"
                self._items[key] = item
                options.append(Option(follow_up_prompt(item, section.key, today, column), key))
        if loaded.revivals:
            if options:
                options.append(None)
            options.append(_header("revive", "Relations à raviver", loaded.revival_count))
            for revival in loaded.revivals:
                key = f"r-{revival.contact_id}"
                self._items[key] = revival
                options.append(Option(revival_prompt(revival, today, column), key))
            hidden = loaded.revival_count - len(loaded.revivals)
            if hidden > 0:
                more = f"… et {hidden} autres, moins en retard."
                options.append(Option(Content.styled(more, MUTED), disabled=True))
        if not options:
            options.append(Option(Content.styled(EMPTY_TEXT, MUTED), disabled=True))

        agenda_list.set_options(options)
        agenda_list.highlighted = self._restored_index(before_id, before_index)

    def _restored_index(self, before_id: str | None, before_index: int | None) -> int | None:
        """The same item as before if still there, else the one now in its place."""
        options = self.agenda_list.options
        enabled = [i for i, option in enumerate(options) if not option.disabled]
        if not enabled:
            return None
        for index in enabled:
            if before_id is not None and options[index].id == before_id:
                return index
        start = before_index or 0
        return next((i for i in enabled if i >= start), enabled[-1])

    def _update_bar(self) -> None:
        if not self._count_text:
            return
        width = self.size.width - 1
        day = f"{WEEKDAYS[self.today.weekday()]} {format_date(self.today, self.today)}"
        for head in (f"Agenda · {day} · ", "Agenda · ", ""):
            text = head + self._count_text
            if cell_len(text) <= width:
                break
        self.query_one("#agenda-bar", Static).update(Content(" " + text))

    # ------------------------------------------------------------------ the item under the cursor

    def current(self) -> AgendaItem | Revival | None:
        """The highlighted follow-up or relation to revive (None while loading or empty)."""
        option = self.agenda_list.highlighted_option
        return self._items.get(option.id or "") if option is not None else None

    def _current_follow_up(self) -> AgendaItem | None:
        item = self.current()
        if isinstance(item, AgendaItem):
            return item
        if isinstance(item, Revival):
            self.notify(
                "Pas de relance prévue pour cette personne : n pour en planifier une, "
                "m pour le compte rendu d'une rencontre.",
                severity="warning",
            )
        return None

    def _current_contact(self) -> tuple[int, str] | None:
        item = self.current()
        return (item.contact_id, item.name) if item is not None else None

    # ------------------------------------------------------------------ actions

    def _then(self, message: str, indexed: int | None = None) -> Callable[[bool | None], None]:
        """A dialog's result callback: say what was done (the agenda reloads on coming back).

        ``indexed``: a contact whose exchanges changed, for the search index (notes are searched).
        """

        def done(saved: bool | None) -> None:
            if saved:
                if indexed is not None:
                    self.app.contact_changed(indexed)  # type: ignore[attr-defined]
                self.notify(message)

        return done

    def action_done(self) -> None:
        if (item := self._current_follow_up()) is not None:
            self.app.push_screen(
                DoneDialog(item.follow_up_id, item.name, item.reason, item.due_on),
                self._then(f"Relance faite : {_t(item.name)}.", indexed=item.contact_id),
            )

    def action_snooze(self) -> None:
        if (item := self._current_follow_up()) is not None:
            self.app.push_screen(
                SnoozeDialog(item.follow_up_id, item.name, item.reason, item.due_on),
                self._then(f"Relance de {_t(item.name)} reportée."),
            )

    def action_reschedule(self) -> None:
        if (item := self._current_follow_up()) is not None:
            self.app.push_screen(
                RescheduleDialog(item.follow_up_id, item.name, item.reason, item.due_on),
                self._then(f"Relance de {_t(item.name)} replanifiée."),
            )

    def action_new_follow_up(self) -> None:
        if (contact := self._current_contact()) is not None:
            contact_id, name = contact
            self.app.push_screen(
                NewFollowUpDialog(contact_id, name),
                self._then(f"Relance de {_t(name)} planifiée."),
            )

    def action_meeting(self) -> None:
        from tui_reseau.ui.screens.meeting_form import MeetingFormScreen

        item = self.current()
        if item is None:
            return
        closing = (item.follow_up_id,) if isinstance(item, AgendaItem) else ()
        self.app.push_screen(MeetingFormScreen(item.contact_id, closing=closing))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_card()

    def action_open_card(self) -> None:
        from tui_reseau.ui.screens.card import CardScreen

        if (contact := self._current_contact()) is not None:
            self.app.push_screen(CardScreen(contact[0]))

    def action_back(self) -> None:
        self.dismiss(None)
