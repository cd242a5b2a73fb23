"""``reseau doctor``: what it finds on sound and damaged installations, and its exit code."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reseau.diagnostics.checks import (
    Status,
    check_disk,
    check_journal,
    check_permissions,
    check_terminal,
    check_word_index,
    run_checks,
)
from tui_reseau.diagnostics.sandbox import demo_network, file_hash
from tui_reseau.locations import DbTarget, parse_db_value

from .test_postgres import pg_server, pg_url  # noqa: F401  (a throw-away PostgreSQL, or skip)


def doctor(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real ``reseau doctor``; its report with lines unwrapped (``stdout``)."""
    result = subprocess.run(
        [sys.executable, "-m", "tui_reseau", "doctor", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    result.stdout = " ".join(result.stdout.split())
    return result


@pytest.fixture
def network(tmp_path: Path) -> Path:
    return demo_network(tmp_path, tmp_path / "reseau.db", contacts=20)


def by_name(target: DbTarget) -> dict[str, Status]:
    return {c.name: c.status for c in run_checks(target, {"TERM": "xterm-256color"})}


def test_a_sound_network_passes_every_check_and_exits_0(network: Path) -> None:
    result = doctor("--db", str(network), env={"TERM": "xterm-256color"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Rien à corriger." in result.stdout
    assert "integrity_check : ok" in result.stdout
    assert "journal_mode = wal" in result.stdout
    assert "À CORRIGER" not in result.stdout


def test_the_doctor_changes_nothing_in_the_file(network: Path) -> None:
    before = file_hash(network)
    run_checks(DbTarget(path=network))
    assert file_hash(network) == before


def test_files_readable_by_others_fail_with_the_chmod_that_fixes_them(network: Path) -> None:
    os.chmod(network, 0o644)
    check = check_permissions(DbTarget(path=network))
    assert check.status is Status.FAIL
    assert f"chmod 600 '{network}'" in check.fix
    result = doctor("--db", str(network))
    assert result.returncode == 1
    assert f"→ chmod 600 '{network}'" in result.stdout


def test_a_damaged_page_fails_the_integrity_check(network: Path) -> None:
    data = bytearray(network.read_bytes())
    page = 4096 * 3
    data[page : page + 4096] = b"\xde\xad\xbe\xef" * 1024
    network.write_bytes(bytes(data))
    assert by_name(DbTarget(path=network))["Intégrité de la base"] is Status.FAIL
    result = doctor("--db", str(network))
    assert result.returncode == 1
    assert "base abîmée" in result.stdout and ".recover" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_newer_schema_fails_with_the_upgrade_command(network: Path) -> None:
    conn = sqlite3.connect(network)
    with conn:
        conn.execute("INSERT INTO schema_migration (name, applied) VALUES ('9999_futur', '2030')")
    conn.close()
    result = doctor("--db", str(network))
    assert result.returncode == 1
    assert "plus récent que cette version (9999_futur)" in result.stdout
    assert "pip install --upgrade tui-reseau" in result.stdout


def test_a_journal_other_than_wal_is_a_warning(network: Path) -> None:
    conn = sqlite3.connect(network)
    conn.execute("PRAGMA journal_mode = delete")
    conn.close()
    check = check_journal(DbTarget(path=network))
    assert check.status is Status.WARN
    assert "journal_mode=wal" in check.fix


def test_the_word_index_is_reported(network: Path) -> None:
    check = check_word_index(DbTarget(path=network))
    assert check.status is Status.OK and "présent" in check.detail
    conn = sqlite3.connect(network)
    for event in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER contact_words_{event}")
    conn.execute("DROP TABLE contact_words")
    conn.close()
    check = check_word_index(DbTarget(path=network))
    assert check.status is Status.OK and "prochaine ouverture" in check.detail


def test_a_missing_database_fails_and_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "absente.db"
    result = doctor("--db", str(missing))
    assert result.returncode == 1
    assert "n'existe pas" in result.stdout
    assert not missing.exists()


def test_little_free_disk_is_said(network: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: usage(10_000, 9_999, 1))
    check = check_disk(DbTarget(path=network))
    assert check.status is Status.FAIL
    assert "df -h" in check.fix


def test_terminal_without_colour_or_utf8_or_name_is_described() -> None:
    assert "sans couleur (NO_COLOR)" in check_terminal({"TERM": "xterm", "NO_COLOR": "1"}).detail
    assert "couleurs 24 bits" in check_terminal({"TERM": "xterm", "COLORTERM": "truecolor"}).detail
    dumb = check_terminal({"TERM": "dumb"})
    assert dumb.status is Status.WARN
    assert "TERM=xterm-256color" in dumb.fix


def test_kills_out_of_range_is_a_usage_error(network: Path) -> None:
    result = doctor("--db", str(network), "--selftest", "--kills", "0")
    assert result.returncode == 2
    assert "--kills 0" in result.stderr


def test_backups_readable_by_others_are_reported_too(network: Path) -> None:
    backups = network.parent / "sauvegardes"
    backups.mkdir(mode=0o755)
    os.chmod(backups, 0o755)
    copy = backups / "reseau-2026-11-26_14-05-09.db"
    copy.write_bytes(network.read_bytes())
    os.chmod(copy, 0o644)
    check = check_permissions(DbTarget(path=network))
    assert check.status is Status.FAIL
    assert f"chmod 600 '{copy}'" in check.fix
    assert f"chmod 700 '{backups}'" in check.fix


def test_a_postgresql_network_is_checked_for_what_applies(pg_url: str) -> None:  # noqa: F811
    from tui_reseau.store.database import close_database, open_database

    open_database(parse_db_value(pg_url, "--db"))  # the schema, as a first start makes it
    close_database()
    result = doctor("--db", pg_url, env={"TERM": "xterm-256color"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "à jour" in result.stdout
    assert "base sur un serveur" in result.stdout
    assert "Traceback" not in result.stderr
