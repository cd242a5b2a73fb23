"""The first screenful of the contact list, read while Textual starts.

Textual spends some 30 ms reading stylesheets and composing the main screen before it can draw
anything. The app starts reading the first rows of the list as soon as it loads (in a worker:
``ReseauApp.on_load``); the main screen, when it mounts, waits a moment for them (without
blocking the event loop) so that its first paint already shows contacts. Painting « Chargement… »
first cost a second full paint, and that paint kept the reading thread from the interpreter
(the main thread holds the GIL while it draws: the reading took 60 ms instead of 5).
"""

from __future__ import annotations

import asyncio
import threading
import time
from array import array
from collections.abc import Callable
from concurrent.futures import Future, wait
from dataclasses import dataclass

from tui_reseau.domain import contacts as contacts_service
from tui_reseau.domain.contacts import ContactFilter, ContactRow

SIZE = 100  # rows read before the whole list is: more than the tallest screen shows


@dataclass(frozen=True, slots=True)
class Page:
    """The first ids of the unfiltered list, in its order, with their rows."""

    ids: array
    rows: list[ContactRow]


def read_page() -> Page:
    """Read the first ``SIZE`` contacts of the unfiltered list (ids and rows)."""
    ids = contacts_service.contact_ids(ContactFilter(), limit=SIZE)
    return Page(ids, contacts_service.contact_rows(ids))


class FirstPage:
    """The first page, read once in a worker and handed to the main screen once."""

    def __init__(self) -> None:
        self._future: Future[Page | None] = Future()
        self._taken = False
        self._lock = threading.Lock()  # taken by the main thread or a worker, never both

    def read(self) -> None:
        """Read the page (in a worker thread). A failure leaves no page: the main screen then
        reads it itself, in its own worker, which reports the error in French."""
        try:
            page: Page | None = read_page()
        except Exception:  # read again, and reported, by the main screen
            page = None
        self._future.set_result(page)

    def take(self) -> Page | None:
        """The page if it has been read already (never waits); None once it has been taken."""
        if not self._future.done():
            return None
        return self._take()

    async def ready(self, timeout: float) -> Page | None:
        """Wait up to ``timeout`` seconds for the page, letting the event loop run, then take
        it (None if it is not read yet: a worker waits for it then, see ``wait``)."""
        await asyncio.wait({asyncio.wrap_future(self._future)}, timeout=timeout)
        return self.take()

    def wait(self, timeout: float, should_stop: Callable[[], bool]) -> Page | None:
        """Wait up to ``timeout`` seconds for the page (worker threads only), then take it;
        None at once when ``should_stop`` answers True (the app is quitting)."""
        deadline = time.monotonic() + timeout
        while not wait([self._future], timeout=0.005).done:
            if should_stop() or time.monotonic() > deadline:
                return None
        return self._take()

    def _take(self) -> Page | None:
        with self._lock:
            if self._taken:
                return None
            self._taken = True
            return self._future.result()
