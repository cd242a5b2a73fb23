"""Several processes writing one file at once: every write lands, nobody sees « locked »."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from tui_reseau.diagnostics.concurrency import run_concurrent_writers
from tui_reseau.domain.contacts import ContactDraft, draft_of, save_contact
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import close_database, open_database


def test_four_writers_of_fifty_saves_and_shell_adds_all_land_while_the_lock_is_held(
    tmp_path: Path,
) -> None:
    result = run_concurrent_writers(tmp_path, writers=4, writes=50, shell_adds=4, hold_seconds=1.0)
    assert result.lock_messages == ()
    assert result.failed_exits == 0
    assert result.expected == 204
    assert result.landed == 204  # each with its three tags
    assert result.edits_landed == result.edits_expected == 40
    assert result.integrity == "ok"


def test_an_edit_that_reads_first_waits_for_another_writer_instead_of_failing(
    db_path: Path,
) -> None:
    """The edit reads the contact, then writes: it must wait for the other writer's commit
    (BEGIN IMMEDIATE), not fail at once with « database is locked »."""
    database = open_database(DbTarget(path=db_path))
    try:
        contact_id = save_contact(ContactDraft(first_name="Léa", last_name="Martin", circle=1))
        other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE contact SET role = 'Gérante' WHERE id = ?", (contact_id,))
        release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
        release.start()
        draft = draft_of(contact_id)
        draft.company = "Boulangerie Martin"
        save_contact(draft, contact_id)
        release.join()
        other.close()
        row = database.execute_sql(
            "SELECT company, role FROM contact WHERE id = ?", (contact_id,)
        ).fetchone()
        assert row[0] == "Boulangerie Martin"
    finally:
        close_database()


ADD = (sys.executable, "-m", "tui_reseau", "add")


def test_shell_adds_racing_to_create_a_new_file_all_land(tmp_path: Path) -> None:
    """Four ``reseau add`` on a file that does not exist yet: all migrate it, none fails."""
    db = tmp_path / "neuve.db"
    children = [
        subprocess.Popen(
            [*ADD, f"Course N{n}", "--circle", "1", "--db", str(db)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    errors = [child.communicate(timeout=120)[1] for child in children]
    assert [child.returncode for child in children] == [0, 0, 0, 0], errors
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT COUNT(*) FROM contact").fetchone()[0] == 4
    finally:
        conn.close()
