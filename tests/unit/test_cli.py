"""The ``reseau`` command as a user runs it from a shell (a real process, a real file)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reseau.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_reseau", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_locate_prints_the_default_database_and_folders(_isolated_home: Path) -> None:
    result = run("locate")
    assert result.returncode == 0
    assert f"{_isolated_home}/.local/share/tui-reseau/reseau.db (par défaut)" in result.stdout
    assert f"{_isolated_home}/.config/tui-reseau" in result.stdout


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_option_is_accepted_before_or_after_the_command(tmp_path: Path, where: str) -> None:
    db = str(tmp_path / "x.db")
    args = ["--db", db, "locate"] if where == "before" else ["locate", "--db", db]
    result = run(*args)
    assert result.returncode == 0
    assert f"{db} (option --db)" in result.stdout


def test_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    result = run("locate", env={"RESEAU_DB": str(tmp_path / "env.db")})
    assert f"{tmp_path / 'env.db'} (variable RESEAU_DB)" in result.stdout


def test_demo_fills_a_new_database(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = run("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "150 contacts" in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM contact").fetchone()[0] == 150
    assert (db.stat().st_mode & 0o077) == 0


def test_demo_refuses_a_database_that_already_holds_a_network(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert run("demo", "--db", str(db), "--contacts", "20").returncode == 0
    again = run("demo", "--db", str(db))
    assert again.returncode == 1
    assert "Traceback" not in again.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM contact").fetchone()[0] == 20


def test_demo_asks_before_filling_the_default_database(_isolated_home: Path) -> None:
    result = run("demo")  # stdin is not a terminal: no one can answer yes
    assert result.returncode == 1
    assert "--yes" in result.stderr
    default = _isolated_home / ".local/share/tui-reseau/reseau.db"
    assert not default.exists()  # asked before anything was opened or written
    assert run("demo", "--yes", "--contacts", "10").returncode == 0
    with sqlite3.connect(default) as conn:
        assert conn.execute("SELECT COUNT(*) FROM contact").fetchone()[0] == 10


def test_bad_contact_count_is_explained() -> None:
    result = run("demo", "--db", "/tmp/never.db", "--contacts", "0")
    assert result.returncode == 1
    assert "de 10 à 1 000 000" in result.stderr
    assert not Path("/tmp/never.db").exists()


def test_a_file_that_is_not_a_database_gives_a_french_message_not_a_traceback(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("pas une base\n" * 200)
    result = run("demo", "--db", str(bad))
    assert result.returncode == 3
    assert "n'est pas une base tui_reseau" in result.stderr
    assert "Traceback" not in result.stderr
    assert bad.read_text() == "pas une base\n" * 200


def test_unknown_command_is_answered_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["inconnue"])
    assert info.value.code == 2
    assert "choix invalide" in capsys.readouterr().err


def test_version_and_console_script_names() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("reseau ")


def test_a_network_readable_by_others_is_reported_with_the_fix(tmp_path: Path) -> None:
    db = tmp_path / "partage.db"
    assert run("demo", "--db", str(db), "--contacts", "10").returncode == 0
    db.chmod(0o644)
    result = run("locate", "--db", str(db))
    assert result.returncode == 0
    assert "lisible par d'autres utilisateurs" in result.stderr
    assert f"chmod 600 '{db}'" in result.stderr
    db.chmod(0o600)
    assert "lisible" not in run("locate", "--db", str(db)).stderr


def test_cadence_per_circle_is_shown_and_set(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    shown = run("cadence", "--db", db)
    assert shown.returncode == 0
    assert "Cercle 2 — Prescripteurs locaux : 45 jours" in shown.stdout
    assert run("cadence", "2", "60 j", "--db", db).returncode == 0
    assert "Cercle 2 — Prescripteurs locaux : 60 jours" in run("cadence", "--db", db).stdout
    wrong = run("cadence", "2", "souvent", "--db", db)
    assert wrong.returncode == 1
    assert "Cadence illisible" in wrong.stderr


def test_agenda_is_quiet_when_nothing_is_due_and_lists_what_is(tmp_path: Path) -> None:
    import datetime as dt

    db = tmp_path / "a.db"
    assert run("agenda", "--db", str(db)).stdout == ""  # no network yet: silent, exit 0
    assert run("add", "Léa Martin", "--circle", "1", "--db", str(db)).returncode == 0
    quiet = run("agenda", "--db", str(db))
    assert (quiet.returncode, quiet.stdout) == (0, "")  # met today: nothing to revive yet
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO follow_up (contact_id, due_on, reason, created_at) VALUES (1, ?, ?, ?)",
            (str(dt.date.today() - dt.timedelta(days=2)), "Envoyer le devis", "2026-01-01"),
        )
    shown = run("agenda", "--db", str(db))
    assert shown.returncode == 0
    assert "En retard (1)" in shown.stdout
    assert "Léa Martin — Envoyer le devis" in shown.stdout


def test_agenda_shows_the_most_overdue_first_and_counts_the_rest(tmp_path: Path) -> None:
    """A login message stays short: ten follow-ups per section, the oldest first."""
    import datetime as dt

    db = tmp_path / "a.db"
    assert run("add", "Léa Martin", "--circle", "1", "--db", str(db)).returncode == 0
    today = dt.date.today()
    with sqlite3.connect(db) as conn:
        conn.executemany(
            "INSERT INTO follow_up (contact_id, due_on, reason, created_at) VALUES (1, ?, ?, ?)",
            [
                (str(today - dt.timedelta(days=n)), f"Relance {n:02d}", "2026-01-01")
                for n in range(1, 13)
            ],
        )
    short = run("agenda", "--db", str(db)).stdout
    assert "En retard (12)" in short
    reasons = [line.split("— ")[-1] for line in short.splitlines() if "— Relance" in line]
    assert reasons == [f"Relance {n:02d}" for n in range(12, 2, -1)]
    assert "… et 2 autres" in short and "reseau agenda --max 0" in short
    whole = run("agenda", "--max", "0", "--db", str(db)).stdout
    assert whole.count("— Relance") == 12 and "autres" not in whole


def test_each_command_has_its_whole_help_even_when_built_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A core command builds its own parser only (start-up speed): its help stays complete,
    and the general help still lists every command."""
    with pytest.raises(SystemExit):
        main(["add", "--help"])
    add_help = capsys.readouterr().out
    assert "--circle" in add_help and "cercle 2 : expert_comptable" in add_help
    with pytest.raises(SystemExit):
        main(["--help"])
    general = capsys.readouterr().out
    for name in ("brief", "search", "add", "import", "export", "privacy", "doctor"):
        assert f"    {name} " in general


@pytest.mark.parametrize(
    ("command", "collector_on"),
    [(["brief", "personne"], False), (["search", "personne"], False), (["demo"], True)],
)
def test_the_collector_is_paused_for_start_up_and_back_for_long_commands(
    command: list[str], collector_on: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from tui_reseau.launch import main as launch

    monkeypatch.setattr(sys, "argv", ["reseau", *command, "--db", str(tmp_path / "r.db")])
    try:
        launch()
        assert gc.isenabled() is collector_on  # an import of 100,000 rows needs it
    finally:
        gc.enable()
