"""Throw-away places and child processes for the proofs of ``reseau doctor --selftest``.

Every proof works in a private temporary folder (0700, removed afterwards), never in the user's
data: children get their own HOME and XDG folders there, so that even their error log stays in.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

CHILD_TIMEOUT_S = 60


@contextlib.contextmanager
def private_folder(prefix: str = "reseau-selftest-") -> Iterator[Path]:
    """A new 0700 temporary folder, removed with everything in it at the end."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        _make_removable(folder)
        shutil.rmtree(folder, ignore_errors=True)


def _make_removable(folder: Path) -> None:
    for root, dirs, _files in os.walk(folder):
        for name in dirs:
            with contextlib.suppress(OSError):
                os.chmod(Path(root) / name, 0o700)


def child_env(folder: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a child ``reseau``: HOME and XDG folders inside ``folder``."""
    home = folder / "home"
    env = {k: v for k, v in os.environ.items() if k not in ("RESEAU_DB", "NO_COLOR")}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        PYTHONIOENCODING="utf-8",
        LC_ALL="C.UTF-8",
    )
    env.update(extra or {})
    return env


def reseau_argv(*args: str) -> list[str]:
    """The command line of the real ``reseau`` with this Python."""
    return [sys.executable, "-m", "tui_reseau", *args]


def worker_argv(*args: str) -> list[str]:
    """The command line of :mod:`tui_reseau.diagnostics.worker` (domain writes in a loop)."""
    return [sys.executable, "-m", "tui_reseau.diagnostics.worker", *args]


def run_child(
    argv: Sequence[str],
    folder: Path,
    *,
    preexec: Callable[[], None] | None = None,
    timeout: float = CHILD_TIMEOUT_S,
) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` with the sandbox environment, no input; capture its output as text."""
    return subprocess.run(
        list(argv),
        capture_output=True,
        text=True,
        env=child_env(folder),
        stdin=subprocess.DEVNULL,
        preexec_fn=preexec,
        timeout=timeout,
        check=False,
    )


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes ("" when it does not exist or is not a file)."""
    if not path.is_file():
        return ""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` of a SQLite file, after recovering its WAL: "ok" when sound."""
    try:
        conn = sqlite3.connect(path, timeout=10)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return "; ".join(str(row[0]) for row in rows)


def count(path: Path, sql: str, params: Sequence[object] = ()) -> int:
    """The single integer a query returns on a SQLite file."""
    conn = sqlite3.connect(path, timeout=10)
    try:
        return int(conn.execute(sql, tuple(params)).fetchone()[0])
    finally:
        conn.close()


def empty_network(path: Path) -> Path:
    """Create a migrated, empty tui_reseau database at ``path`` (in this process)."""
    from tui_reseau.locations import DbTarget
    from tui_reseau.store.database import close_database, open_database

    open_database(DbTarget(path=path))
    close_database()
    return path


def demo_network(folder: Path, path: Path, contacts: int = 150) -> Path:
    """Write a demo network at ``path`` with the real ``reseau demo`` (in a child process)."""
    result = run_child(reseau_argv("demo", "--db", str(path), "--contacts", str(contacts)), folder)
    if result.returncode != 0:
        raise RuntimeError(f"reseau demo a échoué : {result.stderr.strip()}")
    return path
