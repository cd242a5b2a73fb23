"""Seeing what other processes wrote, and writing while they write.

Two processes may share one database: the TUI open while ``reseau add`` or an import runs in
another shell, or two TUIs in two SSH sessions. :class:`ChangeWatcher` tells cheaply whether
anyone else committed since the last look (SQLite's ``PRAGMA data_version`` on a connection of
its own; a small signature query for other databases), and :func:`changed_contacts` says which
contacts to refresh. :func:`retry_locked` runs a write again when SQLite answers « database is
locked » (a transaction that read before writing is not helped by the busy timeout).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import peewee

from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import BUSY_TIMEOUT_MS
from tui_reseau.store.models import (
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    MemorisedDetail,
    database_proxy,
)

T = TypeVar("T")

SQLITE_POLL_S = 0.5
OTHER_POLL_S = 2.0  # a server database: a signature query, asked less often
CLOCK_MARGIN = dt.timedelta(seconds=2)  # timestamps are to the second, clocks may differ a bit
RETRY_DELAYS_S = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)


class DatabaseBusyError(ReseauError):
    """Another program kept the database locked through every retry."""


def is_locked_error(exc: BaseException) -> bool:
    """Is ``exc`` SQLite's « database is locked / busy » (worth retrying)?"""
    if not isinstance(exc, peewee.OperationalError | sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def retry_locked(fn: Callable[..., T], *args: Any, delays: tuple[float, ...] = RETRY_DELAYS_S) -> T:
    """Call ``fn(*args)``; while the database answers « locked », wait a little and call again.

    ``fn`` must be one transaction (it left nothing behind when it failed). Returns its
    result; raises DatabaseBusyError, a French message, when every attempt found it locked.
    """
    for delay in (*delays, None):
        try:
            return fn(*args)
        except (peewee.OperationalError, sqlite3.OperationalError) as exc:
            if not is_locked_error(exc):
                raise
            if delay is None:
                raise DatabaseBusyError(
                    "La base est occupée par un autre programme (import, autre session de "
                    "reseau) : rien n'a été enregistré.",
                    "Réessayez dans un instant ; si cela dure, fermez les autres sessions.",
                ) from exc
            time.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class ContactChanges:
    """What changed among contacts since a moment: to refresh, and still present."""

    changed: frozenset[int]
    present: frozenset[int]


class ChangeWatcher:
    """Tells whether another connection committed to the database since the last look.

    For a SQLite file it keeps a connection of its own and reads ``PRAGMA data_version``
    (a few microseconds; it changes only when *another* connection commits — the TUI's own
    writes, made on other connections, count too: call :meth:`absorb` after them). For other
    databases it compares a signature (counts and latest timestamps), asked less often.
    Thread-safe.
    """

    def __init__(self, target: DbTarget) -> None:
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._path = str(target.path) if target.path is not None else None
        self._last: object = None
        self._closed = False
        self.interval = SQLITE_POLL_S if self._path is not None else OTHER_POLL_S

    def _version(self) -> object:
        if self._path is not None:
            if self._conn is None:
                self._conn = sqlite3.connect(
                    self._path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
                )
            return self._conn.execute("PRAGMA data_version").fetchone()[0]
        return _signature()

    def start(self) -> None:
        """Take the current state as seen (call once, before the first ``changed``)."""
        with self._lock:
            if not self._closed:
                self._last = self._version()

    def changed(self) -> bool:
        """Has anyone committed since the last call (or ``start`` / ``absorb``)?"""
        with self._lock:
            if self._closed:
                return False
            now = self._version()
            moved = now != self._last
            self._last = now
            return moved

    def absorb(self) -> None:
        """Our own write just committed: do not report it as someone else's."""
        self.start()

    def forget(self) -> None:
        """The last change could not be read through: report it again at the next look."""
        with self._lock:
            self._last = None

    def close(self) -> None:
        """Close the watcher's connection; it reports nothing more."""
        with self._lock:
            self._closed = True
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _signature() -> tuple:
    """Counts and latest timestamps of what the screens show (for databases without
    ``data_version``): any insert, edit or delete moves at least one of them."""
    row = database_proxy.execute_sql(
        "SELECT (SELECT COUNT(*) FROM contact), (SELECT MAX(updated_at) FROM contact),"
        " (SELECT COUNT(*) FROM memorised_detail), (SELECT MAX(updated_at) FROM memorised_detail),"
        " (SELECT COUNT(*) FROM follow_up), (SELECT MAX(id) FROM follow_up),"
        " (SELECT COUNT(*) FROM interaction), (SELECT MAX(id) FROM interaction)"
    ).fetchone()
    return tuple(row)


def database_now() -> dt.datetime:
    """The moment to give the next :func:`changed_contacts` (a little before now)."""
    return dt.datetime.now().replace(microsecond=0) - CLOCK_MARGIN


def changed_contacts(since: dt.datetime) -> ContactChanges:
    """The contacts created or edited since ``since`` (their details and exchanges included),
    and the ids of every contact still in the database (to find who was removed).

    Reads a few indexed rows plus the id column: cheap at 100,000 contacts.
    """
    changed: set[int] = set()
    changed.update(
        cid
        for (cid,) in Contact.select(Contact.id)
        .where((Contact.updated_at >= since) | (Contact.created_at >= since))
        .tuples()
    )
    changed.update(
        cid
        for (cid,) in MemorisedDetail.select(MemorisedDetail.contact)
        .where(MemorisedDetail.updated_at >= since)
        .tuples()
    )
    changed.update(
        cid
        for (cid,) in InteractionContact.select(InteractionContact.contact)
        .join(Interaction)
        .where(Interaction.created_at >= since)
        .tuples()
    )
    changed.update(
        cid
        for (cid,) in FollowUp.select(FollowUp.contact).where(FollowUp.created_at >= since).tuples()
    )
    present = frozenset(cid for (cid,) in Contact.select(Contact.id).tuples().iterator())
    return ContactChanges(changed=frozenset(changed & present), present=present)
