"""Which contacts the list shows: circles, poles, sector, tag, qualified.

Space ticks a box or opens a list; Enter (or ctrl+s) applies from anywhere, Escape leaves the
filter as it was.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Label, Select

from tui_reseau.domain import contacts as contacts_service
from tui_reseau.domain.contacts import ContactFilter
from tui_reseau.domain.vocabulary import SECTORS, Circle, Pole

QUALIFIED_CHOICES: dict[str, bool | None] = {"tous": None, "oui": True, "non": False}
POLE_LABEL_WIDTH = 20  # longer pole labels (the Littoral's list of towns) use the short one


def _pole_label(pole: Pole) -> str:
    return pole.label if len(pole.label) <= POLE_LABEL_WIDTH else pole.short_label


class FilterBox(Checkbox, inherit_bindings=False):
    """A checkbox ticked with Space only: Enter applies the filter."""

    BINDINGS = [Binding("space", "toggle_button", "Cocher", show=False)]


class FilterSelect(Select[str], inherit_bindings=False):
    """A select opened with Space or the arrows: Enter applies the filter."""

    BINDINGS = [Binding("space,down,up", "show_overlay", "Ouvrir la liste", show=False)]


class FilterScreen(ModalScreen[ContactFilter | None]):
    """Edit ``current``; dismiss with the new filter, or None when cancelled."""

    CSS_PATH = "filters.tcss"

    BINDINGS = [
        Binding("enter,ctrl+s", "apply", "Appliquer", key_display="Entrée"),
        Binding("escape", "cancel", "Annuler"),
        Binding("ctrl+r", "clear", "Tout effacer"),
    ]

    def __init__(self, current: ContactFilter) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        flt = self.current
        with Vertical(id="dialog"):
            yield Label("Filtrer la liste", id="title")
            with Horizontal(id="boxes"):
                with Vertical(id="circles"):
                    yield Label("Cercles", classes="group")
                    for circle in Circle:
                        yield FilterBox(
                            f"{circle.value} · {circle.label}",
                            circle.value in flt.circles,
                            id=f"circle-{circle.value}",
                            compact=True,
                        )
                with Vertical(id="poles"):
                    yield Label("Pôles", classes="group")
                    for pole in Pole:
                        yield FilterBox(
                            _pole_label(pole),
                            pole.value in flt.poles,
                            id=f"pole-{pole.value}",
                            compact=True,
                        )
            with Horizontal(classes="row"):
                yield Label("Secteur", classes="field-label")
                yield FilterSelect(
                    [(Content(term.label), code) for code, term in SECTORS.items()],
                    prompt="Tous les secteurs",
                    value=flt.sector if flt.sector in SECTORS else Select.NULL,
                    id="sector",
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Label("Étiquette", classes="field-label")
                yield FilterSelect(
                    self._tag_options([]),
                    prompt="Toutes les étiquettes",
                    value=flt.tag or Select.NULL,
                    id="tag",
                    compact=True,
                )
            with Horizontal(classes="row"):
                yield Label("Qualifiés", classes="field-label")
                yield FilterSelect(
                    [
                        (Content("Tous"), "tous"),
                        (Content("Qualifiés seulement"), "oui"),
                        (Content("Non qualifiés seulement"), "non"),
                    ],
                    allow_blank=False,
                    value={None: "tous", True: "oui", False: "non"}[flt.qualified],
                    id="qualified",
                    compact=True,
                )
            yield Label(
                "Espace : cocher, ouvrir une liste · Entrée : appliquer · Échap : annuler",
                id="hint",
            )
            with Horizontal(id="buttons"):
                yield Button("Tout effacer", id="clear", compact=True)
                yield Label("", classes="spacer")
                yield Button("Annuler", id="cancel", compact=True)
                yield Button("Appliquer", id="apply", variant="primary", compact=True)
        yield Footer()

    def _tag_options(self, tags: list[tuple[str, int]]) -> list[tuple[Content, str]]:
        known = {name for name, _ in tags}
        extra = (
            [(self.current.tag, 0)] if self.current.tag and self.current.tag not in known else []
        )
        return [
            (Content(f"#{name}" + (f" ({count})" if count else "")), name)
            for name, count in [*tags, *extra]
        ]

    def on_mount(self) -> None:
        self.query_one("#circle-1", Checkbox).focus()
        self._load_tags()

    @work(thread=True, exclusive=True, group="filter-tags", exit_on_error=False)
    def _load_tags(self) -> None:
        tags = contacts_service.known_tags()
        self.app.call_from_thread(self._show_tags, tags)

    def _show_tags(self, tags: list[tuple[str, int]]) -> None:
        select = self.query_one("#tag", Select)
        chosen = select.selection
        select.set_options(self._tag_options(tags))
        if chosen is not None:
            select.value = chosen

    # ------------------------------------------------------------------ reading the boxes

    def chosen_filter(self) -> ContactFilter:
        """The filter the dialog shows now."""
        circles = frozenset(c.value for c in Circle if self._ticked(f"circle-{c.value}"))
        poles = frozenset(p.value for p in Pole if self._ticked(f"pole-{p.value}"))
        qualified = self.query_one("#qualified", Select).selection or "tous"
        return ContactFilter(
            circles=circles,
            poles=poles,
            sector=self.query_one("#sector", Select).selection,
            tag=self.query_one("#tag", Select).selection,
            qualified=QUALIFIED_CHOICES[qualified],
        )

    def _ticked(self, box_id: str) -> bool:
        return self.query_one(f"#{box_id}", Checkbox).value

    # ------------------------------------------------------------------ actions

    def action_apply(self) -> None:
        self.dismiss(self.chosen_filter())

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_clear(self) -> None:
        """Untick everything and reset the lists: the dialog now lets everyone through."""
        for box in self.query(Checkbox):
            box.value = False
        self.query_one("#sector", Select).clear()
        self.query_one("#tag", Select).clear()
        self.query_one("#qualified", Select).value = "tous"

    @on(Button.Pressed, "#apply")
    def _apply_pressed(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#clear")
    def _clear_pressed(self) -> None:
        self.action_clear()
