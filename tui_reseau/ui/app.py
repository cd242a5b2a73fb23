"""The Textual application and its factory, shared by the CLI, the tests and the screenshots."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from rich.text import Text
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.dom import DOMNode
from textual.message import Message
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from tui_reseau.crashlog import log_exception
from tui_reseau.display import safe_text
from tui_reseau.domain import contacts as contacts_service
from tui_reseau.domain.contacts import ValidationErrors
from tui_reseau.domain.search import BuildCancelled, ContactSearch
from tui_reseau.domain.validation import ValidationError
from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget
from tui_reseau.store.changes import (
    ChangeWatcher,
    changed_contacts,
    database_now,
    is_locked_error,
    retry_locked,
)
from tui_reseau.store.database import close_database, open_database
from tui_reseau.ui.first_page import FirstPage
from tui_reseau.ui.screens.main import MainScreen

HOLD_LIMIT_S = 0.5  # a key that never comes back to the app no longer holds the others
MOUNT_LIMIT_S = 3.0  # a screen it opened has this long to give the focus (slow machines)


class ReseauApp(App[None]):
    """``reseau``: the network of an entrepreneur of the Hauts-de-France, in the terminal."""

    TITLE = "Réseau"
    # The main screen's stylesheet is read with the app's: pushed later, it would make Textual
    # parse every stylesheet a second time (3 to 4 ms of the start-up).
    CSS_PATH = ["app.tcss", "screens/main.tcss"]
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
        self._started = False  # the work that follows the first paint (see first_page_shown)
        self._held: list[events.Key] | None = None  # keys waiting for a bound key to finish
        self._hold_timer: Timer | None = None
        self._hold_screen: Screen | None = None
        self._hold_started = 0.0
        self.changes = ChangeWatcher(target)
        self._changes_since = database_now()
        self._usable = False  # the first screen is up: from then on errors do not end the app
        self.recovered_errors: list[BaseException] = []  # unexpected errors survived (tests)
        self.first_page = FirstPage()  # read from on_load, while Textual starts

    @property
    def today(self) -> dt.date:
        """The day the app reasons about (fixed in tests and screenshots)."""
        return self._today or dt.date.today()

    def on_load(self) -> None:
        self._read_first_page()  # the main screen takes it when it mounts (see FirstPage)
        _freeze_imports()

    @work(thread=True, exclusive=True, group="first-page", exit_on_error=False)
    def _read_first_page(self) -> None:
        self.first_page.read()

    async def on_mount(self) -> None:
        await self.push_screen(MainScreen())
        self._usable = not self._exit  # it mounted: from now on, errors are survived

    def first_page_shown(self) -> None:
        """The first contacts are on screen: start watching other processes (and offer the
        demo to an empty network). Started earlier, this work competes with the first paint."""
        if not self._started:
            self._started = True
            self._start()

    @work(thread=True, exclusive=True, group="start", exit_on_error=False)
    def _start(self) -> None:
        self.changes.start()
        self.call_from_thread(self.set_interval, self.changes.interval, self._poll_changes)
        if contacts_service.network_is_empty():
            self.call_from_thread(self._offer_demo)

    # ------------------------------------------------------------------ other processes

    def _poll_changes(self) -> None:
        if not any(w.group == "changes" and w.is_running for w in self.workers):
            self._look_for_changes()

    @work(thread=True, exclusive=True, group="changes", exit_on_error=False)
    def _look_for_changes(self) -> None:
        """Another process (``reseau add``, an import, another TUI) wrote: catch up."""
        try:
            if not self.changes.changed():
                return
            now = database_now()  # taken before reading: nothing written meanwhile is missed
            found = changed_contacts(self._changes_since)
        except Exception as error:
            if is_locked_error(error):
                self.changes.forget()  # busy right now: look again at the next tick
                return
            self.changes.close()  # said once (notification and log), not every half second
            raise
        self._changes_since = now
        if self.search.ready:
            self.search.sync(found.changed, found.present)
        close_database()  # this thread ends here: its connection too (no file left open)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._others_wrote, found.changed)

    def _others_wrote(self, changed: frozenset[int]) -> None:
        if self._exit or not self.screen_stack:
            return
        main = self.get_screen_stack_main()
        if main is not None:
            main.others_wrote(changed)
        from tui_reseau.ui.screens.agenda import AgendaScreen
        from tui_reseau.ui.screens.card import CardScreen

        screen = self.screen
        if isinstance(screen, AgendaScreen):
            screen.reload()
        elif isinstance(screen, CardScreen):
            screen.contact_updated(screen.contact_id)

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

        from tui_reseau.ui.screens.confirm import ConfirmScreen

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
            result = retry_locked(fn, *args)
            self.changes.absorb()  # our own write: the list is refreshed by ``then``
            if then is not None:
                self.call_from_thread(then, result)

        self.run_worker(job, thread=True, group="write", exit_on_error=False)

    def contact_changed(self, contact_id: int) -> None:
        """A contact was created or edited: keep the search index in step."""

        def job() -> None:
            self.changes.absorb()  # the form's own write: not another process's
            self.search.refresh([contact_id])

        self.run_worker(job, thread=True, group="index", exit_on_error=False)

    def contact_removed(self, contact_id: int) -> None:
        self.search.remove(contact_id)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, ValidationErrors | ValidationError | ReseauError):
            self.notify(str(error), severity="error", timeout=10, markup=False)
        elif error is not None and is_locked_error(error):
            self.notify(
                "La base est occupée par un autre programme (import, autre session) : rien "
                "n'a été enregistré. Réessayez dans un instant.",
                severity="error",
                timeout=10,
            )
        else:
            where = log_exception(error)
            self.notify(
                f"Erreur inattendue ({type(error).__name__}) : rien n'a été enregistré à moitié."
                + (f" Détail dans {where}." if where else ""),
                severity="error",
                timeout=15,
                markup=False,
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A notification, always as plain text: messages quote names and notes, which may
        hold markup (« [@click=app.quit] ») or escape sequences; none is ever interpreted."""
        super().notify(
            safe_text(message),
            title=safe_text(title, single_line=True),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # ------------------------------------------------------------------ unexpected errors

    async def run_action(
        self, action: Any, default_namespace: Any = None, namespaces: Any = None
    ) -> bool:
        """Run an action; one that fails unexpectedly is reported, and the app carries on."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:
            self._report_unexpected(error)
            return True

    async def _dispatch_message(self, message: Message) -> None:
        """The app's own handlers: a failure once started is reported, not fatal."""
        try:
            await super()._dispatch_message(message)
        except Exception as error:
            if not self._usable or self._exit:
                raise
            self._report_unexpected(error)

    def _register_child(
        self, parent: DOMNode, child: Widget, before: int | None, after: int | None
    ) -> None:
        super()._register_child(parent, child, before, after)
        if "_dispatch_message" not in vars(child):
            self._guard_handlers(child)

    def _guard_handlers(self, pump: MessagePump) -> None:
        # Textual stops a widget's or screen's message loop for good after an exception in
        # one of its handlers (it no longer answers, nor do the keys that bubble through it).
        # Each one's dispatch is wrapped as it is registered, so that the failure is reported
        # and the loop goes on; before the app is usable, errors still end it.
        dispatch = pump._dispatch_message

        async def guarded(message: Message) -> None:
            try:
                await dispatch(message)
            except Exception as error:
                if not self._usable or self._exit:
                    raise
                self._report_unexpected(error)

        pump._dispatch_message = guarded  # type: ignore[method-assign]

    def _report_unexpected(self, error: BaseException) -> None:
        """Log ``error`` with its traceback and say so in French; nothing typed is lost."""
        self.recovered_errors.append(error)
        where = log_exception(error)
        self.notify(
            f"Erreur inattendue ({type(error).__name__}) : l'application continue, ce que "
            "vous avez tapé est conservé." + (f" Détail dans {where}." if where else ""),
            severity="error",
            timeout=15,
            markup=False,
        )

    def _handle_exception(self, error: Exception) -> None:
        # Textual ends the app on any unhandled exception and prints its traceback. Once the
        # first screen is up, an error in a timer, a callback, a widget is logged and shown
        # instead (the message loops that would stop are guarded: _dispatch_message). At
        # start-up the app ends, with a French message (the traceback goes to the log only).
        if self._usable:
            if self._exit or not self.screen_stack:  # quitting already: the log is enough
                log_exception(error)
            else:
                self._report_unexpected(error)
            return
        where = log_exception(error)
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self.panic(
            Text(
                f"reseau s'est arrêté sur une erreur inattendue ({type(error).__name__}) ; "
                "rien n'a été enregistré à moitié."
                + (f"\nLe détail est dans {where}." if where else "")
            )
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
        if event.is_printable and _takes_text(self.focused):
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
        if not self.screen_stack or self._exit:  # closing: nothing left to type into
            self._held = None
            return
        opened = self.screen is not self._hold_screen
        waited = time.monotonic() - self._hold_started
        focused = self.focused
        if opened and waited < MOUNT_LIMIT_S and _still_mounting(focused):
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
            if key.key in PRIORITY_KEYS:  # the app's own keys (ctrl+q) go through the app
                self.post_message(events.Key(key.key, key.character))
            else:
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

    def on_unmount(self) -> None:
        self.changes.close()  # however the app ends (tests end it without exit())

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Quit at once: background work (the index build) is told to stop first."""
        self.workers.cancel_all()
        self.changes.close()
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


PRIORITY_KEYS = frozenset(
    key.strip()
    for binding in ReseauApp.BINDINGS
    if isinstance(binding, Binding) and binding.priority
    for key in binding.key.split(",")
)


def _still_mounting(focused: Widget | None) -> bool:
    """Has a screen just opened not focused its own widget yet? Textual first gives the focus
    to the first focusable widget, often the scrolling container of a form; the screen moves
    it to its first field a moment later."""
    if focused is None:
        return True
    return isinstance(focused, ScrollableContainer) and not isinstance(focused, ScrollView)


def _takes_text(widget: object) -> bool:
    """Is ``widget`` an Input or a TextArea? (Checked by name: importing TextArea costs
    start-up time, and no screen shown at start has one.)"""
    return any(cls.__name__ in ("Input", "TextArea") for cls in type(widget).__mro__)


_imports_frozen = False


def _freeze_imports() -> None:
    """Keep the garbage collector from scanning, again and again, what start-up loaded.

    Modules, classes, functions: some 40,000 objects that live as long as the process. The
    first full collection scanned them all in the middle of the first paint (measured 13 to
    20 ms, as long as the paint itself). Frozen once per process (the tests start many apps).
    """
    global _imports_frozen
    if not _imports_frozen:
        _imports_frozen = True
        gc.freeze()


def make_app(target: DbTarget, *, today: dt.date | None = None) -> ReseauApp:
    """Open ``target`` (schema brought up to date) and return the application, not yet running.

    Raises DatabaseOpenError with a French message when the database cannot be used.
    """
    open_database(target)
    return ReseauApp(target, today=today)
