"""Shared helpers of the import tests (no test here): run the command, build files, read rows."""

from __future__ import annotations

import contextlib
import io
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from tui_reseau.cli import main

NEW_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
OLD_HEADER = "First Name,Last Name,Email Address,Company,Position,Connected On"
PREAMBLE = (
    "Notes:",
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing. You will only see email addresses for connections who have allowed it, see ""Privacy""."',
    "",
)


def linkedin_bytes(
    rows: Iterable[str],
    *,
    header: str = NEW_HEADER,
    preamble: Sequence[str] = PREAMBLE,
    bom: bool = True,
    newline: str = "\r\n",
) -> bytes:
    """A Connections.csv as LinkedIn writes it: BOM, notes, blank line, header, CRLF rows."""
    text = newline.join([*preamble, header, *rows]) + newline
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def run_import(db: Path, fmt: str, file: Path, *options: str) -> tuple[int, str, str]:
    """``reseau import FMT FILE OPTIONS --db DB`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", fmt, str(file), *options, "--db", str(db)])
    return code, out.getvalue(), err.getvalue()


def rows(db: Path, sql: str, params: Sequence[object] = ()) -> list[tuple]:
    """Rows of a query, read with sqlite3 (independent of the code under test)."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def contacts(db: Path, columns: str = "first_name, last_name") -> list[tuple]:
    return rows(db, f"SELECT {columns} FROM contact ORDER BY id")


def seed(db: Path, *drafts: object) -> list[int]:
    """Save contacts the way the form does; return their ids."""
    from tui_reseau.domain.contacts import save_contact
    from tui_reseau.locations import DbTarget
    from tui_reseau.store.database import close_database, open_database

    open_database(DbTarget(path=db))
    try:
        return [save_contact(d) for d in drafts]  # type: ignore[arg-type]
    finally:
        close_database()


def database_content(db: Path) -> list[tuple]:
    """Every row of every table, to compare a database before and after."""
    tables = [r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type='table'")]
    return [(t, rows(db, f'SELECT * FROM "{t}" ORDER BY 1')) for t in sorted(tables)]
