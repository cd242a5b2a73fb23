"""The circle map on the whole screen: where the network stands, pole by pole, circle by circle.

The map is read in a worker (:func:`~tui_reseau.domain.network_map.map_data`) each time the
screen comes to the front (after a card was edited, too); a stale answer is dropped. A status
line tells what is selected and its counts, and what the symbols mean. Entrée on a ring, a sector
or a cell hands a :class:`ContactFilter` to ``on_filter`` and goes back (the list then shows
those contacts); Tab visits the contacts of a cell, Entrée on one opens their card.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from tui_reseau.display import safe_text
from tui_reseau.domain.contacts import ContactFilter, names_of
from tui_reseau.domain.network_map import NetworkMap, Tally, map_data
from tui_reseau.ui.widgets.circle_map import (
    GLYPHS,
    OVERDUE_SYMBOL,
    REVIVE_SYMBOL,
    SECTOR_NAMES,
    SHADES,
    CircleMap,
    thousands,
)

LEGENDS = (
    f"{GLYPHS[True, True]}{GLYPHS[True, False]} prescripteur · "
    f"{GLYPHS[False, True]}{GLYPHS[False, False]} autre (plein : qualifié) · "
    f"{OVERDUE_SYMBOL} relance en retard · {REVIVE_SYMBOL} à raviver (sans nouvelles) · "
    f"{''.join(SHADES)} densité",
    f"{GLYPHS[True, True]}{GLYPHS[True, False]} prescripteur · "
    f"{GLYPHS[False, True]}{GLYPHS[False, False]} autre (plein : qualifié) · "
    f"{OVERDUE_SYMBOL} en retard · {REVIVE_SYMBOL} à raviver",
)
"""What the symbols mean, the longest that fits the width first."""


def _plural(n: int, word: str) -> str:
    return f"{thousands(n)} {word}{'s' if n > 1 else ''}"


def area_name(circle: int | None, pole: str | None) -> str:
    """« Cercle 2 · Lille Métropole », « Cercle 2 », « Lille Métropole » or « Tout le réseau »."""
    parts = []
    if circle is not None:
        parts.append(f"Cercle {circle}")
    if pole is not None:
        parts.append(SECTOR_NAMES.get(pole, pole))
    return " · ".join(parts) or "Tout le réseau"


def tally_text(tally: Tally, *, short: bool = False) -> str:
    """« 12 contacts · 5 qualifiés · 1 relance en retard · 3 à raviver » (``short``: with the
    map's symbols, « 12 contacts · 5 qualifiés · !1 en retard · ?3 à raviver »)."""
    parts = [_plural(tally.contacts, "contact")]
    if tally.contacts:
        parts.append(_plural(tally.qualified, "qualifié"))
    if tally.overdue:
        parts.append(
            f"{OVERDUE_SYMBOL}{thousands(tally.overdue)} en retard"
            if short
            else f"{_plural(tally.overdue, 'relance')} en retard"
        )
    if tally.to_revive:
        prefix = REVIVE_SYMBOL if short else ""
        parts.append(f"{prefix}{thousands(tally.to_revive)} à raviver")
    return " · ".join(parts)


def _fitting(width: int, *texts: str) -> str:
    """The first of ``texts`` that fits in ``width`` cells, else the last one."""
    return next((text for text in texts if len(text) <= width), texts[-1])


def area_filter(circle: int | None, pole: str | None) -> ContactFilter:
    """The list's filter for a cell, a ring, a sector or everyone."""
    return ContactFilter(
        circles=frozenset({circle}) if circle is not None else frozenset(),
        poles=frozenset({pole}) if pole is not None else frozenset(),
    )


class MapScreen(Screen[None]):
    """The map of circles and poles; Échap goes back to the list."""

    CSS_PATH = "map.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Retour"),
        Binding("question_mark", "app.toggle_keys", "Touches", key_display="?"),
    ]

    def __init__(self, on_filter: Callable[[ContactFilter], None] | None = None) -> None:
        super().__init__()
        self.on_filter = on_filter
        self.network: NetworkMap | None = None
        self._contact_name = ""

    def compose(self) -> ComposeResult:
        yield Static(" Carte du réseau · chargement…", id="map-topbar")
        yield CircleMap(id="map")
        yield Static("", id="map-status")
        yield Static(LEGENDS[0], id="map-legend")
        yield Footer()

    @property
    def circle_map(self) -> CircleMap:
        return self.query_one(CircleMap)

    def on_mount(self) -> None:
        self.circle_map.focus()

    def on_screen_resume(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="map", exit_on_error=False)
    def _load(self) -> None:
        network = map_data(self.app.today)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, network)

    def _show(self, network: NetworkMap) -> None:
        self.network = network
        self.circle_map.show(network)
        self.query_one("#map-topbar", Static).update(
            f" Carte du réseau · {_plural(network.total.contacts, 'contact')}"
            f" · au {network.today.strftime('%d/%m/%Y')}"
        )
        self._update_status()

    # ------------------------------------------------------------------ status

    def on_resize(self) -> None:
        self.query_one("#map-legend", Static).update(" " + _fitting(self.size.width - 1, *LEGENDS))
        self._update_status()

    def _update_status(self) -> None:
        view = self.circle_map
        if self.network is None:
            return
        width = self.size.width - 1
        where = area_name(view.circle, view.pole)
        if view.contact_id is not None:
            what = f"{where} · {self._contact_name or '…'}"
            keys = "Entrée : ouvrir la fiche · Tab : suivant · Échap : revenir à la case"
        else:
            tally = self.network.tally(view.circle, view.pole)
            what = _fitting(
                width,
                f"{where} : {tally_text(tally)}",
                f"{where} : {tally_text(tally, short=True)}",
            )
            choices = []
            if self.on_filter is not None:
                choices.append("Entrée : voir ces contacts dans la liste")
            if view.visitable():
                choices.append("Tab : parcourir la case")
            keys = " · ".join(choices) or "Flèches : changer de cercle ou de pôle"
        self.query_one("#map-status", Static).update(f" {what}\n {keys}")

    @on(CircleMap.SelectionChanged)
    def _selection_changed(self, event: CircleMap.SelectionChanged) -> None:
        self._update_status()

    @on(CircleMap.ContactHighlighted)
    def _contact_highlighted(self, event: CircleMap.ContactHighlighted) -> None:
        self._contact_name = ""
        self._update_status()
        if event.contact_id is not None:
            self._load_name(event.contact_id)

    @work(thread=True, exclusive=True, group="map-name", exit_on_error=False)
    def _load_name(self, contact_id: int) -> None:
        name = names_of([contact_id]).get(contact_id, "")
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_name, contact_id, name)

    def _show_name(self, contact_id: int, name: str) -> None:
        if self.circle_map.contact_id == contact_id:
            self._contact_name = safe_text(name, single_line=True)
            self._update_status()

    # ------------------------------------------------------------------ choices

    @on(CircleMap.ContactChosen)
    def _contact_chosen(self, event: CircleMap.ContactChosen) -> None:
        from tui_reseau.ui.screens.card import CardScreen

        self.app.push_screen(CardScreen(event.contact_id))

    @on(CircleMap.AreaChosen)
    def _area_chosen(self, event: CircleMap.AreaChosen) -> None:
        """Back to the list, showing the chosen area (nothing to do without ``on_filter``)."""
        on_filter = self.on_filter
        if on_filter is not None:
            self.app.pop_screen()
            on_filter(area_filter(event.circle, event.pole))
