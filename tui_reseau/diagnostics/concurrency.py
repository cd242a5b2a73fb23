"""Proof: several processes writing one SQLite file at once all land, none sees « locked ».

Writers are child processes (:mod:`tui_reseau.diagnostics.worker`, domain saves and edits),
plus a few real ``reseau add`` commands, while a thread of this process holds the write lock
for a moment, as a long import would.
"""

from __future__ import annotations

import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tui_reseau.diagnostics.sandbox import (
    CHILD_TIMEOUT_S,
    child_env,
    count,
    empty_network,
    integrity,
    reseau_argv,
    worker_argv,
)
from tui_reseau.diagnostics.worker import EDITED_COMPANY, WORKER_TAGS

LOCK_WORDS = ("locked", "verrouill", "busy", "occupée")


@dataclass(frozen=True, slots=True)
class ConcurrencyResult:
    """What K writers × M writes (and E edits, and the shell adds) left in the database."""

    writers: int
    expected: int  # contacts that should exist
    landed: int  # contacts found whole (with their three tags)
    edits_expected: int
    edits_landed: int
    failed_exits: int  # children that exited with a non-zero code
    lock_messages: tuple[str, ...]  # stderr lines that spoke of a lock
    integrity: str
    seconds: float

    @property
    def ok(self) -> bool:
        return (
            self.landed == self.expected
            and self.edits_landed == self.edits_expected
            and self.failed_exits == 0
            and not self.lock_messages
            and self.integrity == "ok"
        )


def _hold_write_lock(path: Path, seconds: float, started: threading.Event) -> None:
    """Take SQLite's write lock, keep it ``seconds``, then commit (an import would)."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE IF NOT EXISTS selftest_lock (x INTEGER)")
        started.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.execute("DROP TABLE selftest_lock")
    finally:
        started.set()
        conn.close()


def run_concurrent_writers(
    folder: Path,
    *,
    writers: int = 4,
    writes: int = 50,
    edit_every: int = 5,
    shell_adds: int = 4,
    hold_seconds: float = 1.0,
) -> ConcurrencyResult:
    """Start ``writers`` processes of ``writes`` saves each (an edit every ``edit_every``) and
    ``shell_adds`` real ``reseau add`` on one new file in ``folder``, all at once, while this
    process holds the write lock ``hold_seconds``; then count what landed.
    """
    path = empty_network(folder / "concurrence.db")
    env = child_env(folder)
    start = time.perf_counter()
    started = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, hold_seconds, started))
    holder.start()
    started.wait(10)
    commands = [
        [
            *worker_argv(str(path), "--count", str(writes), "--prefix", f"Auteur{k}"),
            *("--edit-every", str(edit_every)),
        ]
        for k in range(1, writers + 1)
    ]
    commands += [
        [
            *reseau_argv("add", "Shell", f"Ajout{n:02d}", "--circle", "2", "--db", str(path)),
            *("--tags", ",".join(WORKER_TAGS)),
        ]
        for n in range(1, shell_adds + 1)
    ]
    children = [
        subprocess.Popen(
            argv,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for argv in commands
    ]
    failed = 0
    lock_lines: list[str] = []
    for child in children:
        _out, err = child.communicate(timeout=CHILD_TIMEOUT_S * 2)
        failed += child.returncode != 0
        lock_lines += [
            line for line in err.splitlines() if any(w in line.lower() for w in LOCK_WORDS)
        ]
    holder.join()
    seconds = time.perf_counter() - start
    whole = count(
        path,
        "SELECT COUNT(*) FROM contact c WHERE (SELECT COUNT(*) FROM contact_tag t"
        " WHERE t.contact_id = c.id AND t.name IN (?, ?, ?)) = 3",
        WORKER_TAGS,
    )
    edits = writers * (writes // edit_every) if edit_every else 0
    return ConcurrencyResult(
        writers=len(commands),
        expected=writers * writes + shell_adds,
        landed=whole,
        edits_expected=edits,
        edits_landed=count(
            path, "SELECT COUNT(*) FROM contact WHERE company = ?", [EDITED_COMPANY]
        ),
        failed_exits=failed,
        lock_messages=tuple(lock_lines),
        integrity=integrity(path),
        seconds=seconds,
    )
