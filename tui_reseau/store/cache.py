"""A larger SQLite page cache for the time of a heavy job (bulk write, metrics computation)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import peewee

from tui_reseau.store.models import database_proxy

ROOMY_CACHE_KIB = 64 * 1024
"""SQLite's default page cache is 2 MiB: at 100,000 contacts the index pages of a bulk write,
or the contact pages read by one metric and again by the next, fall out of it (measured: about
half the time with 64 MiB, for the demo's writes and for the metrics screen)."""


@contextlib.contextmanager
def roomy_cache(kib: int = ROOMY_CACHE_KIB) -> Iterator[None]:
    """On SQLite, a ``kib`` KiB page cache inside the block, then the previous size back.

    Other databases manage their own memory: nothing is changed there.
    """
    database = database_proxy.obj
    if not isinstance(database, peewee.SqliteDatabase):
        yield
        return
    previous = int(database.execute_sql("PRAGMA cache_size").fetchone()[0])
    database.execute_sql(f"PRAGMA cache_size = {-kib}")
    try:
        yield
    finally:
        database.execute_sql(f"PRAGMA cache_size = {previous}")
