"""The main screen: the contact list beside the selected contact's card.

At 100 columns and more the list and the card stand side by side; narrower, the list takes the
whole width and Enter opens the card full screen. Every database call runs in a worker; results
that arrive after a newer request are dropped.
"""

from __future__ import annotations

import threading
import time
from array import array
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import MountError
from textual.widgets import ContentSwitcher, Footer, Static
from textual.worker import get_current_worker

from tui_reseau.domain import contacts as contacts_service
from tui_reseau.domain.contacts import ContactFilter
from tui_reseau.domain.vocabulary import Pole
from tui_reseau.ui.first_page import Page, read_page
from tui_reseau.ui.screens.contact_actions import ContactActions
from tui_reseau.ui.widgets.contact_card import ContactCardView
from tui_reseau.ui.widgets.contact_list import ContactList, header_line

if TYPE_CHECKING:
    from tui_reseau.domain.network_map import NetworkMap
    from tui_reseau.ui.widgets.circle_map import CircleMap

NARROW_WIDTH = 100
FIRST_PAINT_WAIT_S = 0.3  # then « Chargement… » is painted while the first page is read
FIRST_PAGE_WAIT_S = 2.0  # then the screen reads its first page itself
PAINT_WAIT_S = 1.0  # the whole list is read after the first paint, or after this long
SIDE_VIEWS: tuple[tuple[str, str], ...] = (("card", "Fiche"), ("side-map", "Carte"))
POLE_CYCLE: tuple[str | None, ...] = (None, *(p.value for p in Pole))


class MainScreen(ContactActions, Screen[None]):
    """Contacts and their cards; filters, search and forms are reached by key."""

    CSS_PATH = "main.tcss"

    BINDINGS = [
        Binding("slash,ctrl+k", "app.search", "Chercher", key_display="/"),
        Binding("a", "add_contact", "Ajouter"),
        *ContactActions.CONTACT_BINDINGS,
        Binding("f", "filters", "Filtres"),
        Binding("v", "next_view", "Fiche / carte"),
        Binding("c", "map", "Carte plein écran"),
        Binding("g", "agenda", "Agenda"),
        Binding("I", "metrics", "Indicateurs"),
        Binding("O", "pipeline", "Opportunités"),
        Binding("R", "exchanges", "Recommandations"),
        Binding("E", "events", "Événements"),
        Binding("C", "communities", "Communautés"),
        Binding("1", "toggle_circle(1)", "Cercle 1", show=False),
        Binding("2", "toggle_circle(2)", "Cercle 2", show=False),
        Binding("3", "toggle_circle(3)", "Cercle 3", show=False),
        Binding("p", "cycle_pole", "Pôle suivant", show=False),
        Binding("q", "toggle_qualified", "Qualifiés", show=False),
        Binding("0", "clear_filters", "Sans filtre", show=False),
        Binding("tab", "switch_pane", "Liste / fiche", show=False),
        Binding("question_mark", "app.toggle_keys", "Touches", key_display="?"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = ContactFilter()
        self._pole_index = 0
        self._keep: int | None = None  # the contact a reload under way will select
        self._stale = False  # a screen was on top: re-read the list when back
        self._footer_added = False
        self._painted = threading.Event()  # the first contacts are on screen

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static("", id="topbar")
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield Static("", id="list-header")
                yield ContactList(today=self.app.today, id="contacts")
            with Vertical(id="side"):
                yield Static("", id="side-tabs")
                with ContentSwitcher(initial="card", id="side-switcher"):
                    yield ContactCardView(id="card")
                    # The map pane (#side-map) is mounted on its first showing: see _side_map.
        # The footer is mounted once the first contacts are drawn (see _add_footer).

    @property
    def contact_list(self) -> ContactList:
        return self.query_one(ContactList)

    @property
    def card_view(self) -> ContactCardView:
        return self.query_one(ContactCardView)

    @property
    def narrow(self) -> bool:
        return self.size.width < NARROW_WIDTH

    async def on_mount(self) -> None:
        self.contact_list.focus()
        self._show_tabs()
        # Read while Textual started: waited for a moment, so that the first paint shows it.
        page = await self.app.first_page.ready(FIRST_PAINT_WAIT_S)
        if page is not None:
            self._show_first_page(page)
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.narrow, "-narrow")
        self.call_after_refresh(self._update_header)

    def _update_header(self) -> None:
        """Column titles aligned with the list, whatever its width now."""
        self.query_one("#list-header", Static).update(
            header_line(self.contact_list.scrollable_content_region.width or self.size.width)
        )

    def _update_topbar(self, shown: int, total: int) -> None:
        description = self.filter.describe()
        counts = f"{shown} / {total} contacts" if description else f"{total} contacts"
        text = f" Réseau · {counts}"
        if description:
            text += f" · filtre : {description}  (0 : tout afficher)"
        self.query_one("#topbar", Static).update(text)

    # ------------------------------------------------------------------ loading

    def reload(self, keep: int | None = None, *, rows_fresh: bool = False) -> None:
        """Fetch the ids of the list again (after a write or a filter change).

        The cursor stays on ``keep``, else on the contact a reload still under way was asked to
        keep (a newer reload replaces it), else on the current one.
        """
        if keep is None:
            keep = self._keep if self._keep is not None else self.contact_list.current_id
        self._keep = keep
        # Start-up: the first page (unfiltered) is on screen or about to be; the whole list
        # is read once it is painted (reading 100,000 ids must not hold back that paint).
        starting = not self._painted.is_set() and self.filter.is_empty
        first_page = starting and not self.contact_list.loaded
        self._load_ids(self.filter, keep, rows_fresh or starting, first_page, starting)

    @work(thread=True, exclusive=True, group="ids", exit_on_error=False)
    def _load_ids(
        self,
        flt: ContactFilter,
        keep: int | None,
        rows_fresh: bool,
        first_page: bool,
        after_paint: bool,
    ) -> None:
        worker = get_current_worker()

        def stopped() -> bool:  # the app is quitting, or a newer reload replaced this one
            return worker.is_cancelled

        if first_page:  # the app's first page was not read yet when the screen mounted
            page = self.app.first_page.wait(FIRST_PAGE_WAIT_S, stopped)
            if stopped():
                return
            self.app.call_from_thread(self._show_first_page, page or read_page())
        if after_paint and not self._wait_painted(stopped):
            return
        ids = contacts_service.contact_ids(flt, should_stop=stopped)
        if worker.is_cancelled:
            return
        total = len(ids) if flt.is_empty else contacts_service.count_contacts()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_ids, ids, total, keep, rows_fresh)

    def _wait_painted(self, stopped: Callable[[], bool]) -> bool:
        """Wait (in a worker) for the first contacts to be painted, at most PAINT_WAIT_S;
        False when ``stopped`` answers True meanwhile (quitting must not wait for this)."""
        deadline = time.monotonic() + PAINT_WAIT_S
        while not self._painted.wait(0.005):
            if stopped():
                return False
            if time.monotonic() > deadline:
                break
        return not stopped()

    def _show_first_page(self, page: Page) -> None:
        if not self.contact_list.loaded:
            self.contact_list.add_rows(page.rows)
            self.contact_list.set_ids(page.ids)
        self.call_after_refresh(self._painted.set)
        self.call_after_refresh(self._add_footer)
        self.call_after_refresh(self.app.first_page_shown)

    async def _add_footer(self) -> None:
        # Textual's Footer builds a widget per key, restyled on every change of bindings: the
        # costliest part of this screen at start-up. It comes just after the first contacts.
        if not self._footer_added and self.is_attached and not self._closing:
            self._footer_added = True
            with suppress(MountError):  # the app is quitting already
                await self.mount(Footer())
                self.refresh_bindings()  # the footer fills itself when told the keys

    def _show_ids(self, ids: array, total: int, keep: int | None, fresh: bool = False) -> None:
        self._keep = None
        self.call_later(self._add_footer)
        if keep is None and fresh:  # the cursor may have moved on the first page meanwhile
            keep = self.contact_list.current_id
        if not fresh:  # after a write or elsewhere: the rows drawn may be out of date
            self.contact_list.forget_rows()
        self.contact_list.set_ids(ids, keep)
        self._update_topbar(len(ids), total)
        self.call_after_refresh(self.app.first_page_shown)  # if the first page was skipped
        self.call_after_refresh(self.app.start_indexing)
        if not ids:
            self.card_view.show(None, self.app.today)

    @on(ContactList.RowsWanted)
    def _rows_wanted(self, event: ContactList.RowsWanted) -> None:
        self._load_rows(event.ids)

    @work(thread=True, group="rows", exit_on_error=False)
    def _load_rows(self, ids: list[int]) -> None:
        rows = contacts_service.contact_rows(ids)
        self.app.call_from_thread(self.contact_list.add_rows, rows)

    @on(ContactList.Highlighted)
    def _highlighted(self, event: ContactList.Highlighted) -> None:
        if event.contact_id is None:
            self.card_view.show(None, self.app.today)
        elif not self.narrow:
            self._load_card(event.contact_id)

    @work(thread=True, exclusive=True, group="card", exit_on_error=False)
    def _load_card(self, contact_id: int) -> None:
        from tui_reseau.domain.card import load_card

        card = load_card(contact_id, self.app.today)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.card_view.show, card, self.app.today)

    # ------------------------------------------------------------------ ContactActions

    def current_contact_id(self) -> int | None:
        return self.contact_list.current_id

    def current_contact_name(self) -> str:
        contact_id = self.contact_list.current_id
        row = self.contact_list.row_of(contact_id) if contact_id is not None else None
        return row.name if row else ""

    def contact_updated(self, contact_id: int) -> None:
        """A contact was edited: its row is fetched again (order may change) and its card."""
        self.contact_list.forget_rows([contact_id])
        self.reload(keep=contact_id)
        if not self.narrow:
            self._load_card(contact_id)

    def contact_deleted(self, contact_id: int, name: str) -> None:
        ids = self.contact_list.ids
        index = self.contact_list.cursor
        keep = ids[index + 1] if index + 1 < len(ids) else (ids[index - 1] if index else None)
        self.reload(keep=keep)

    def others_wrote(self, changed: frozenset[int]) -> None:
        """Another process wrote: re-read the list (cursor and scroll kept), rows and card."""
        self.contact_list.refetch_rows(changed)
        self.reload(rows_fresh=True)  # the other rows are still right: no flicker
        current = self.contact_list.current_id
        if not self.narrow and current is not None and self.is_current:
            self._load_card(current)

    # ------------------------------------------------------------------ opening cards

    @on(ContactList.Selected)
    def _selected(self, event: ContactList.Selected) -> None:
        self.open_card(event.contact_id)

    def open_card(self, contact_id: int) -> None:
        """Show ``contact_id``: select it in the list and open its card (full screen if narrow)."""
        if contact_id not in self.contact_list.ids and not self.filter.is_empty:
            self.filter = ContactFilter()
            self.reload(keep=contact_id)
        else:
            self.contact_list.set_ids(self.contact_list.ids, keep=contact_id)
        if self.narrow:
            from tui_reseau.ui.screens.card import CardScreen

            self.app.push_screen(CardScreen(contact_id))
        else:
            self._load_card(contact_id)
            self.card_view.detail_list.focus()

    @on(ContactCardView.JumpTo)
    def _jump(self, event: ContactCardView.JumpTo) -> None:
        self.open_card(event.contact_id)

    def action_switch_pane(self) -> None:
        """Tab: the list, then the card's details, then the rest of the card (to scroll it)."""
        if self.narrow:
            return
        if self.side_view == "side-map":
            order = [self.contact_list, self._side_map()]
        else:
            order = [self.contact_list, self.card_view.detail_list, self.card_view]
        focused = self.focused
        position = next((i for i, w in enumerate(order) if w is focused), -1)
        order[(position + 1) % len(order)].focus()

    # ------------------------------------------------------------------ filters

    def _apply_filter(self, flt: ContactFilter) -> None:
        self.filter = flt
        if len(flt.poles) == 1:  # keep « p » cycling from the pole now shown
            self._pole_index = POLE_CYCLE.index(next(iter(flt.poles)))
        elif not flt.poles:
            self._pole_index = 0
        self.reload()

    # ------------------------------------------------------------------ side views

    @property
    def side_view(self) -> str:
        """Which view the right-hand pane shows: "card" or "side-map"."""
        return self.query_one(ContentSwitcher).current or "card"

    def _show_tabs(self) -> None:
        parts = []
        for view, title in SIDE_VIEWS:
            parts.append((f" {title} ", "reverse bold") if view == self.side_view else f" {title} ")
        parts.append(("  v : vue suivante", "dim"))
        self.query_one("#side-tabs", Static).update(Content.assemble(*parts))

    def _side_map(self) -> CircleMap:
        """The map pane, mounted the first time it is wanted (start-up does not need it)."""
        from tui_reseau.ui.widgets.circle_map import CircleMap

        switcher = self.query_one(ContentSwitcher)
        found = switcher.query_children("#side-map")
        if found:
            return found.first(CircleMap)
        side_map = CircleMap(id="side-map")
        switcher.mount(side_map)
        return side_map

    def action_next_view(self) -> None:
        """v: the card, then the circle map (arrows select, the list follows), then the card."""
        if self.narrow:
            self.action_map()
            return
        views = [view for view, _ in SIDE_VIEWS]
        view = views[(views.index(self.side_view) + 1) % len(views)]
        if view == "side-map":
            self._side_map()
        self.query_one(ContentSwitcher).current = view
        self.set_class(view == "side-map", "-map-view")
        self.call_after_refresh(self._update_header)
        self._show_tabs()
        if view == "side-map":
            self._load_map()
            self._side_map().focus()
        else:
            self.contact_list.focus()

    @work(thread=True, exclusive=True, group="side-map", exit_on_error=False)
    def _load_map(self) -> None:
        from tui_reseau.domain.network_map import map_data

        network = map_data(self.app.today)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_map, network)

    def _show_map(self, network: NetworkMap) -> None:
        self._side_map().show(network)

    # The map's messages, handled by name: its module is imported on its first showing.

    def on_circle_map_selection_changed(self, event: CircleMap.SelectionChanged) -> None:
        from tui_reseau.ui.screens.map import area_filter

        self._apply_filter(area_filter(event.circle, event.pole))

    def on_circle_map_contact_chosen(self, event: CircleMap.ContactChosen) -> None:
        self.query_one(ContentSwitcher).current = "card"
        self.remove_class("-map-view")
        self.call_after_refresh(self._update_header)
        self._show_tabs()
        self.open_card(event.contact_id)

    def on_circle_map_area_chosen(self, event: CircleMap.AreaChosen) -> None:
        from tui_reseau.ui.screens.map import area_filter

        self._apply_filter(area_filter(event.circle, event.pole))
        self.contact_list.focus()

    def action_agenda(self) -> None:
        """The follow-ups of the day and the relations to revive."""
        from tui_reseau.ui.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen())

    def action_metrics(self) -> None:
        """The metrics: what the network yields, over a period chosen by key."""
        from tui_reseau.ui.screens.metrics import MetricsScreen

        self.app.push_screen(MetricsScreen())

    def action_pipeline(self) -> None:
        """The opportunities, from lead to won or lost."""
        from tui_reseau.ui.screens.pipeline import PipelineScreen

        self.app.push_screen(PipelineScreen())

    def action_exchanges(self) -> None:
        """Recommendations received, services given and the balance per prescriber."""
        from tui_reseau.ui.screens.exchanges import ExchangesScreen

        self.app.push_screen(ExchangesScreen())

    def action_events(self) -> None:
        """The events attended: time and money spent, people met."""
        from tui_reseau.ui.screens.events import EventsScreen

        self.app.push_screen(EventsScreen())

    def action_communities(self) -> None:
        """The professional communities of circle 3: our role, our involvement."""
        from tui_reseau.ui.screens.communities import CommunitiesScreen

        self.app.push_screen(CommunitiesScreen())

    def on_screen_suspend(self) -> None:
        # Dialogs report their own writes through callbacks; a whole screen on top (agenda,
        # map, full-screen card) may change anything, so the list is read again on return.
        self._stale = not isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        """Back from another screen (agenda, map, card): what was done there shows here."""
        stale, self._stale = self._stale, False
        if stale and self.contact_list.ids:
            self.contact_list.forget_rows()
            self.reload()
            if not self.narrow and self.contact_list.current_id is not None:
                self._load_card(self.contact_list.current_id)

    def action_map(self) -> None:
        """The circle map full screen; Enter on a ring or sector filters this list."""
        from tui_reseau.ui.screens.map import MapScreen

        self.app.push_screen(MapScreen(on_filter=self._apply_filter))

    def action_toggle_circle(self, circle: int) -> None:
        self._apply_filter(self.filter.toggle_circle(circle))

    def action_cycle_pole(self) -> None:
        self._pole_index = (self._pole_index + 1) % len(POLE_CYCLE)
        pole = POLE_CYCLE[self._pole_index]
        self._apply_filter(replace(self.filter, poles=frozenset({pole} if pole else ())))

    def action_toggle_qualified(self) -> None:
        nxt = {None: True, True: False, False: None}[self.filter.qualified]
        self._apply_filter(replace(self.filter, qualified=nxt))

    def action_clear_filters(self) -> None:
        self._pole_index = 0
        self._apply_filter(ContactFilter())

    def action_filters(self) -> None:
        from tui_reseau.ui.screens.filters import FilterScreen

        def done(flt: ContactFilter | None) -> None:
            if flt is not None:
                self._apply_filter(flt)

        self.app.push_screen(FilterScreen(self.filter), done)

    # ------------------------------------------------------------------ search and forms

    def action_add_contact(self) -> None:
        from tui_reseau.ui.screens.contact_form import ContactFormScreen

        def done(contact_id: int | None) -> None:
            if contact_id is not None:
                self.app.contact_changed(contact_id)
                self.reload(keep=contact_id)
                self.notify("Contact ajouté.")
                if not self.narrow:
                    self._load_card(contact_id)

        self.app.push_screen(ContactFormScreen(None), done)
