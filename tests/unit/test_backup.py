"""Backups while the network is being written, private files, restores that check first."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui_reseau.domain.backup import ASIDE_MARK, backup, check_backup, list_backups, restore
from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import close_database, open_database
from tui_reseau.store.models import Contact


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _names(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT last_name FROM contact ORDER BY id")]


def _network(db_path: Path, *names: str) -> DbTarget:
    target = DbTarget(path=db_path)
    open_database(target)
    try:
        for name in names:
            Contact.create(first_name="Anne", last_name=name, circle=1)
    finally:
        close_database()
    return target


def test_backup_while_another_connection_writes_is_whole_and_consistent(db_path: Path) -> None:
    target = _network(db_path, "Avant")
    stop = threading.Event()
    written = []

    def writer() -> None:
        conn = sqlite3.connect(db_path, timeout=10)
        n = 0
        while not stop.is_set():
            with conn:  # one transaction: a contact and its tag, always together
                cur = conn.execute(
                    "INSERT INTO contact (first_name, last_name, company, role, city, postcode, "
                    "circle, notes, address, created_at, updated_at) VALUES "
                    "('Écrit', ?, '', '', '', '', 1, '', '', '2026-11-26', '2026-11-26')",
                    (f"N{n}",),
                )
                conn.execute(
                    "INSERT INTO contact_tag (contact_id, name) VALUES (?, 'pendant')",
                    (cur.lastrowid,),
                )
            n += 1
            written.append(n)
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:  # the writer is really running
            threading.Event().wait(0.01)
        results = [backup(target, db_path.parent / f"copie-{i}.db") for i in range(5)]
    finally:
        stop.set()
        thread.join()
    assert len(written) > 20
    for result in results:
        with sqlite3.connect(result.path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            contacts = conn.execute(
                "SELECT COUNT(*) FROM contact WHERE first_name = 'Écrit'"
            ).fetchone()[0]
            tags = conn.execute("SELECT COUNT(*) FROM contact_tag").fetchone()[0]
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert contacts == tags  # never a contact without the tag written with it
        assert result.contacts == contacts + 1
    assert not list(db_path.parent.glob("*.en-cours"))


def test_backup_is_private_whatever_the_umask(db_path: Path, umask_022: None) -> None:
    target = _network(db_path, "Martin")
    result = backup(target)
    assert result.path.parent == db_path.parent / "sauvegardes"
    assert _mode(result.path.parent) == 0o700
    assert _mode(result.path) == 0o600
    assert result.path.name.startswith("reseau-2")
    assert check_backup(result.path) == 1
    assert list_backups(db_path) == [result.path]


def test_backup_refuses_to_replace_a_file_without_force(db_path: Path) -> None:
    target = _network(db_path, "Martin")
    dest = db_path.parent / "copie.db"
    dest.write_text("à garder", encoding="utf-8")
    with pytest.raises(ReseauError, match="--force"):
        backup(target, dest)
    assert dest.read_text(encoding="utf-8") == "à garder"
    assert backup(target, dest, force=True).contacts == 1


def test_postgresql_is_refused_with_a_pointer_to_pg_dump() -> None:
    with pytest.raises(ReseauError) as info:
        backup(DbTarget(url="postgresql://moi@serveur/reseau"))
    assert "pg_dump" in info.value.hint


def _bad_files(folder: Path, good: Path) -> dict[str, Path]:
    text = folder / "notes.db"
    text.write_text("Ceci n'est pas une base.\n" * 50, encoding="utf-8")
    corrupt = folder / "abimee.db"
    data = bytearray(good.read_bytes())
    data[4096 + 200 : 4096 * 3] = b"\xff" * (4096 * 3 - 4096 - 200)
    corrupt.write_bytes(bytes(data))
    other = folder / "autre.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY)")
    newer = folder / "recente.db"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute(
            "INSERT INTO schema_migration (name, applied) VALUES ('0999_futur', '2030-01-01')"
        )
    return {"texte": text, "abîmé": corrupt, "autre": other, "récent": newer}


@pytest.mark.parametrize("kind", ["texte", "abîmé", "autre", "récent"])
def test_restore_refuses_a_bad_file_and_changes_nothing(
    db_path: Path, tmp_path: Path, kind: str
) -> None:
    target = _network(db_path, "Actuel")
    good = backup(_network(tmp_path / "autre-reseau.db", *(f"B{i}" for i in range(300))))
    bad = _bad_files(tmp_path, good.path)[kind]
    before, bad_before = _digest(db_path), _digest(bad)
    with pytest.raises(ReseauError) as info:
        restore(target, bad)
    assert "rien n'a été remplacé" in str(info.value).lower()
    assert _digest(db_path) == before
    assert _digest(bad) == bad_before
    assert not list(tmp_path.glob(f"*{ASIDE_MARK}*"))


def test_restore_keeps_the_replaced_database_aside(db_path: Path, umask_022: None) -> None:
    target = _network(db_path, "Ancien")
    saved = backup(target)
    open_database(target)  # the application stays open during the restore
    try:
        Contact.update(last_name="Modifié").execute()
        result = restore(target, saved.path)
        assert [c.last_name for c in Contact.select()] == ["Ancien"]  # seen by the open one
    finally:
        close_database()
    assert result.aside is not None and ASIDE_MARK in result.aside.name
    assert _names(result.aside) == ["Modifié"]
    assert _mode(result.aside) == 0o600
    assert _names(db_path) == ["Ancien"]
    assert _mode(db_path) == 0o600


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_reseau", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_backup_and_restore_commands(db_path: Path, tmp_path: Path) -> None:
    _network(db_path, "Avant")
    made = run("backup", "--db", str(db_path))
    assert made.returncode == 0, made.stderr
    assert "Sauvegarde vérifiée" in made.stdout
    saved = next((tmp_path / "sauvegardes").glob("*.db"))
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE contact SET last_name = 'Après'")
    asked = run("restore", str(saved), "--db", str(db_path))
    assert asked.returncode == 1 and "--yes" in asked.stderr
    assert _names(db_path) == ["Après"]
    done = run("restore", str(saved), "--yes", "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    assert _names(db_path) == ["Avant"]
    assert "gardée dans" in done.stdout
    refused = run("restore", str(tmp_path / "absent.db"), "--yes", "--db", str(db_path))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr


def test_restore_over_a_damaged_database_keeps_its_bytes_aside(db_path: Path) -> None:
    target = _network(db_path, *(f"N{i}" for i in range(300)))
    saved = backup(target)
    damaged = bytearray(db_path.read_bytes())
    damaged[0:16] = b"plus une base..."  # the header itself is gone
    db_path.write_bytes(bytes(damaged))
    result = restore(target, saved.path)
    assert result.aside is not None
    assert result.aside.read_bytes() == bytes(damaged)
    assert _mode(result.aside) == 0o600
    assert len(_names(db_path)) == 300
