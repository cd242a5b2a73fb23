"""SIGKILL in the middle of writes, fifty times: the file stays sound, each transaction whole."""

from __future__ import annotations

from pathlib import Path

from tui_reseau.diagnostics.crash import WORKLOADS, run_crash_loop
from tui_reseau.diagnostics.sandbox import empty_network, integrity
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import close_database, open_database
from tui_reseau.store.models import Contact

KILLS = 50


def test_fifty_kills_mid_write_leave_a_sound_database_with_whole_transactions(
    tmp_path: Path,
) -> None:
    result = run_crash_loop(tmp_path, kills=KILLS, seed=7)
    assert result.failures == []
    assert result.rounds == KILLS
    assert result.survived == KILLS
    # Most kills must land while the child writes, or the proof proves nothing.
    assert result.killed_while_writing >= KILLS // 2, result
    assert set(result.by_workload) == {w.name for w in WORKLOADS}


def test_the_all_or_nothing_rules_see_a_half_written_transaction(tmp_path: Path) -> None:
    """The checkers the loop relies on do catch what a torn transaction would leave."""
    db = tmp_path / "moitie.db"
    open_database(DbTarget(path=db))
    try:
        Contact.create(first_name="Sans", last_name="Étiquettes", circle=1)  # no tags, no demo
    finally:
        close_database()
    by_name = {w.name: w for w in WORKLOADS}
    assert "sans toutes leurs étiquettes" in by_name["reseau add"].whole(db)
    assert "démo à moitié" in by_name["reseau demo"].whole(db)
    assert "import à moitié" in by_name["reseau import linkedin"].whole(db)
    assert integrity(db) == "ok"


def test_integrity_reports_a_damaged_file(tmp_path: Path) -> None:
    db = empty_network(tmp_path / "abimee.db")
    data = bytearray(db.read_bytes())
    data[4096 + 8 : 4096 + 64] = b"\xff" * 56  # the header of a b-tree page
    db.write_bytes(bytes(data))
    assert integrity(db) != "ok"
