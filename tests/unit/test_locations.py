"""Where data lives: defaults, --db and RESEAU_DB overrides, private permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tui_reseau import locations
from tui_reseau.locations import DbTarget, parse_db_value, resolve_db
from tui_reseau.store.database import close_database, open_database


def test_default_database_lives_in_the_platform_data_folder(_isolated_home: Path) -> None:
    target = resolve_db(None, environ={})
    assert target.is_default
    assert target.path == _isolated_home / ".local/share/tui-reseau/reseau.db"


def test_db_option_wins_over_environment() -> None:
    target = resolve_db("/tmp/a.db", environ={"RESEAU_DB": "/tmp/b.db"})
    assert target.path == Path("/tmp/a.db")
    assert target.source == "--db"


def test_environment_variable_is_used_without_option() -> None:
    target = resolve_db(None, environ={"RESEAU_DB": "/tmp/b.db"})
    assert target.path == Path("/tmp/b.db")
    assert target.source == "RESEAU_DB"
    assert not target.is_default


def test_sqlite_values_become_file_paths(_isolated_home: Path) -> None:
    assert parse_db_value("sqlite:////srv/reseau.db", "--db").path == Path("/srv/reseau.db")
    assert parse_db_value("~/reseau.db", "--db").path == _isolated_home / "reseau.db"


def test_relative_sqlite_url_is_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert parse_db_value("sqlite:///rel.db", "--db").path == tmp_path / "rel.db"


def test_postgres_url_is_kept_as_url_and_its_password_hidden() -> None:
    target = parse_db_value("postgresql://moi:secret@localhost/reseau", "--db")
    assert target.path is None
    assert target.url == "postgresql://moi:secret@localhost/reseau"
    assert "secret" not in target.describe()
    assert not target.is_sqlite


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_is_private_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "nouveau" / "dossier" / "reseau.db"
    old = os.umask(0o002)
    try:
        open_database(DbTarget(path=path))
        from tui_reseau.store.models import Contact

        Contact.create(first_name="Jean", circle=1)  # forces the -wal file to exist
    finally:
        os.umask(old)
    try:
        assert _mode(path.parent) == 0o700
        assert _mode(path.parent.parent) == 0o700
        assert _mode(path) == 0o600
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            assert side.exists()
            assert _mode(side) == 0o600
    finally:
        close_database()


def test_default_data_folder_is_brought_back_to_private(_isolated_home: Path) -> None:
    folder = locations.data_dir()
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    open_database(resolve_db(None, environ={}))
    close_database()
    assert _mode(folder) == 0o700
    assert _mode(folder / "reseau.db") == 0o600


def test_existing_folder_of_the_user_is_not_changed(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    open_database(DbTarget(path=tmp_path / "x.db"))
    close_database()
    assert _mode(tmp_path) == 0o755
    assert _mode(tmp_path / "x.db") == 0o600


def test_loose_permissions_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_text("x")
    path.chmod(0o644)
    assert locations.loose_permissions(path) == 0o044
    path.chmod(0o600)
    assert locations.loose_permissions(path) == 0
