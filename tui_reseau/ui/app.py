"""The Textual application and its factory, shared by the CLI, the tests and the screenshots."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, TextArea
from textual.worker import Worker, WorkerState, get_current_worker

from tui_reseau.crashlog import log_exception
from tui_reseau.domain.contacts import ValidationErrors
from tui_reseau.domain.search import BuildCancelled, ContactSearch
from tui_reseau.domain.validation import ValidationError
from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import open_database
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.screens.main import MainScreen

HOLD_LIMIT_S = 0.5  # a key that never comes back to the app no longer holds the others


class ReseauApp(App[None]):
    """``reseau``: the network of an entrepreneur of the Hauts-de-France, in the terminal."""

    TITLE = "Réseau"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"

    BINDINGS = [
        Binding("ctrl+q", "quit", "Quitter", priority=True),
        Binding("slash,ctrl+k", "search", "Chercher", key_display="/", show=False),
    ]

    def __init__(self, target: DbTarget, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.target = target
        self._today = today
        self.search = ContactSearch()
        self._indexing = False
        self._held: list[events.Key] | None = None  # keys waiting for a bound key to finish
        self._hold_timer: Timer | None = None
        self._hold_screen: Screen | None = None
        self._hold_started = 0.0

    @property
    def today(self) -> dt.date:
        """The day the app reasons about (fixed in tests and screenshots)."""
        return self._today or dt.date.today()

    def on_mount(self) -> None:
        self.push_screen(MainScreen())
        self._start()

    @work(thread=True, exclusive=True, group="start", exit_on_error=False)
    def _start(self) -> None:
        from tui_reseau.domain.demo import is_empty

        if is_empty():
            self.call_from_thread(self._offer_demo)

    def start_indexing(self) -> None:
        """Build the search index, once the first screen is drawn (it must not delay it)."""
        if not self._indexing:
            self._indexing = True
            self._build_index()

    @work(thread=True, exclusive=True, group="index-build", exit_on_error=False)
    def _build_index(self) -> None:
        worker = get_current_worker()
        with contextlib.suppress(BuildCancelled):  # closing: quitting must not wait for it
            self.search.build(should_stop=lambda: worker.is_cancelled)
            # The index's many objects are long-lived: keep the collector from re-scanning
            # them while the user types (full collections measured up to 100 ms at 10k).
            gc.freeze()

    # ------------------------------------------------------------------ first launch

    def _offer_demo(self) -> None:
        question = (
            "Votre réseau est vide.\n\n"
            "Charger le réseau de démonstration ? Environ 150 personnes fictives des "
            "Hauts-de-France, avec détails mémorisés, échanges, relances, événements et "
            "opportunités : de quoi découvrir chaque écran. Vous pourrez l'effacer ensuite."
        )

        def done(accepted: bool | None) -> None:
            if accepted:
                self._load_demo()
            else:
                self.notify("Ajoutez votre premier contact avec « a ».", timeout=6)

        self.push_screen(ConfirmScreen(question, "Charger la démo", destructive=False), done)

    @work(thread=True, exclusive=True, group="demo", exit_on_error=False)
    def _load_demo(self) -> None:
        from tui_reseau.domain.demo import generate_demo

        summary = generate_demo(today=self.today)
        self.search.build(should_stop=lambda: get_current_worker().is_cancelled)
        self.call_from_thread(self._demo_loaded, summary.contacts)

    def _demo_loaded(self, count: int) -> None:
        self.notify(f"Réseau de démonstration chargé : {count} contacts.")
        screen = self.get_screen_stack_main()
        if screen is not None:
            screen.reload()

    def get_screen_stack_main(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    # ------------------------------------------------------------------ writes

    def write(
        self, fn: Callable[..., Any], *args: Any, then: Callable[[Any], None] | None = None
    ) -> None:
        """Run the write ``fn(*args)`` in a worker; call ``then(result)`` back on success.

        Errors become a French notification; the database is left as it was (each service
        writes in one transaction).
        """

        def job() -> None:
            result = fn(*args)
            if then is not None:
                self.call_from_thread(then, result)

        self.run_worker(job, thread=True, group="write", exit_on_error=False)

    def contact_changed(self, contact_id: int) -> None:
        """A contact was created or edited: keep the search index in step."""
        self.run_worker(
            lambda: self.search.refresh([contact_id]),
            thread=True,
            group="index",
            exit_on_error=False,
        )

    def contact_removed(self, contact_id: int) -> None:
        self.search.remove(contact_id)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, ValidationErrors | ValidationError | ReseauError):
            self.notify(str(error), severity="error", timeout=10)
        else:
            where = log_exception(error)
            self.notify(
                f"Erreur inattendue ({type(error).__name__}) : rien n'a été enregistré à moitié."
                + (f" Détail dans {where}." if where else ""),
                severity="error",
                timeout=15,
            )

    # ------------------------------------------------------------------ key bursts

    async def on_event(self, event: events.Event) -> None:
        """Hold keys that arrive while a bound key is being handled (see ``_hold_after``)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not self.screen_stack:
                return  # closing: nothing left to type into
            if self._held is not None:
                self._held.append(event)
                return
            if self._hold_after(event):
                self._held = []
                self._hold_screen = self.screen
                self._hold_started = time.monotonic()
                self._hold_timer = self.set_timer(HOLD_LIMIT_S, self._release_held)
        await super().on_event(event)

    def _hold_after(self, event: events.Key) -> bool:
        """Does ``event`` run a binding (which may open a screen)?

        A burst of keys (a paste, or keys bundled by SSH) reaches the app faster than the
        bindings run: without holding them, the letters after « / » would land in the list
        behind the search instead of in its input. So after a bound key the next keys wait until
        it has been handled and any screen it opened is mounted, then are replayed in order.
        """
        if event.is_printable and isinstance(self.focused, Input | TextArea):
            return False  # typed text: the field takes it
        active = self.screen.active_bindings.get(event.key)
        return active is not None and not active.binding.priority

    def on_key(self, event: events.Key) -> None:
        # The bound key went through the bindings: release the held keys once the screen
        # it may have opened has processed its mount (its input then has the focus).
        if self._held is not None:
            self.screen.call_later(self._release_held)

    def _release_held(self) -> None:
        if self._held is None:
            return
        opened = self.screen is not self._hold_screen
        waited = time.monotonic() - self._hold_started
        if opened and self.focused is None and waited < HOLD_LIMIT_S:
            # A screen opened but has not given the focus to its first field yet: wait.
            self.set_timer(0.01, self._release_held)
            return
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        held, self._held = self._held, None
        # Straight into the focused widget's queue, in order: this runs in the screen's task,
        # and keys still waiting in the app's queue will be forwarded there after these ones
        # (re-posting to the app let them overtake: « /dupont » once arrived as « ontdup »).
        target = self.focused or self.screen
        for key in held or ():
            target._forward_event(events.Key(key.key, key.character))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the search, ctrl+p moves up the results: it must not open the palette there.
        if action == "command_palette":
            from tui_reseau.ui.screens.search import SearchScreen

            return not isinstance(self.screen, SearchScreen)
        return True

    def action_search(self) -> None:
        """Open the search from any screen; the chosen contact's card opens."""
        from tui_reseau.ui.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return

        def chosen(contact_id: int | None) -> None:
            if contact_id is None:
                return
            main = self.get_screen_stack_main()
            if main is not None and self.screen is main:
                main.open_card(contact_id)
            else:
                from tui_reseau.ui.screens.card import CardScreen

                self.push_screen(CardScreen(contact_id))

        self.push_screen(SearchScreen(self.search), chosen)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Quit at once: background work (the index build) is told to stop first."""
        self.workers.cancel_all()
        super().exit(*args, **kwargs)

    # ------------------------------------------------------------------ keys

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: every action of the screen with its key, then the app's own."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            shown = binding.key_display or self.get_key_display(binding)
            yield SystemCommand(
                binding.description,
                f"Touche : {shown}",
                partial(self.run_action, binding.action, active.node),
            )
        yield SystemCommand(
            "Touches", "Afficher ou masquer toutes les touches", self.action_toggle_keys
        )
        yield SystemCommand(
            "Thème", "Changer les couleurs de l'application", self.action_change_theme
        )
        yield SystemCommand("Quitter", "Fermer reseau (ctrl+q)", self.action_quit)

    def action_toggle_keys(self) -> None:
        """Show or hide the panel that lists every key of the focused screen."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()


def make_app(target: DbTarget, *, today: dt.date | None = None) -> ReseauApp:
    """Open ``target`` (schema brought up to date) and return the application, not yet running.

    Raises DatabaseOpenError with a French message when the database cannot be used.
    """
    open_database(target)
    return ReseauApp(target, today=today)
