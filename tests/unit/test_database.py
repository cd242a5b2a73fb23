"""Opening databases: pragmas, URLs, schema versions and the French errors of bad files."""

from __future__ import annotations

from pathlib import Path

import peewee
import pytest
from playhouse.migrations import Runner
from playhouse.schema_diff import diff_models

from tui_reseau.errors import DatabaseOpenError, SchemaTooNewError
from tui_reseau.locations import DbTarget, parse_db_value
from tui_reseau.store import database as store_db
from tui_reseau.store.database import (
    HISTORY_TABLE,
    MIGRATIONS_DIR,
    close_database,
    known_migrations,
    open_database,
    schema_status,
)
from tui_reseau.store.models import ALL_MODELS, Contact


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(database: peewee.Database) -> None:
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_sqlite_url_opens_the_same_way(tmp_path: Path) -> None:
    target = parse_db_value(f"sqlite:///{tmp_path}/via-url.db", "--db")
    db = open_database(target)
    try:
        Contact.create(first_name="Léa", circle=1)
        assert (tmp_path / "via-url.db").exists()
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        close_database()


def test_in_memory_url_works_for_throwaway_sessions() -> None:
    db = open_database(DbTarget(url="sqlite:///:memory:"))
    try:
        Contact.create(first_name="Léa", circle=1)
        assert Contact.select().count() == 1
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        close_database()


def test_unknown_url_scheme_gets_a_french_message() -> None:
    with pytest.raises(DatabaseOpenError, match="illisible"):
        open_database(DbTarget(url="oracle://x/y"))


def test_new_database_has_every_migration_and_matches_the_models(database: peewee.Database) -> None:
    status = schema_status(database)
    assert status.applied == known_migrations()
    assert status.pending == ()
    assert status.version == int(known_migrations()[-1].split("_")[0])
    # The migrations build exactly the tables, columns and indexes the models declare.
    assert not diff_models(database, list(ALL_MODELS)), str(diff_models(database, list(ALL_MODELS)))


def test_each_migration_upgrades_an_older_file_in_place_keeping_its_rows(tmp_path: Path) -> None:
    names = known_migrations()
    for index in range(len(names)):
        path = tmp_path / f"old-{index}.db"
        old = peewee.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
        runner = Runner(old, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)
        if index:  # a file of the version before `name`
            runner.up(target=names[index - 1])
            old.execute_sql(
                "INSERT INTO contact (first_name, last_name, company, role, city,"
                " postcode, circle, notes, created_at, updated_at) VALUES"
                " ('Ancien', 'Contact', '', '', '', '', 2, '', '2025-01-01',"
                " '2025-01-01')"
            )
        old.close()
        db = open_database(DbTarget(path=path))
        try:
            assert schema_status(db).pending == ()
            if index:
                assert Contact.get(Contact.first_name == "Ancien").circle == 2
        finally:
            close_database()


def test_database_of_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    db = open_database(DbTarget(path=db_path))
    db.execute_sql(
        f"INSERT INTO {HISTORY_TABLE} (name, applied) VALUES ('9999_futur', '2030-01-01')"
    )
    close_database()
    before = db_path.read_bytes()
    with pytest.raises(SchemaTooNewError) as info:
        open_database(DbTarget(path=db_path))
    assert "version plus récente" in info.value.message
    assert "pip install --upgrade" in info.value.hint
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Ceci est une liste de courses, pas une base.\n" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseOpenError) as info:
        open_database(DbTarget(path=path))
    assert "n'est pas une base tui_reseau" in info.value.message
    assert path.read_bytes() == before


def test_a_directory_given_as_database_is_explained(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="est un dossier"):
        open_database(DbTarget(path=tmp_path))


def test_a_path_through_a_file_is_explained(tmp_path: Path) -> None:
    (tmp_path / "fichier").write_text("")
    with pytest.raises(DatabaseOpenError, match="Impossible de créer"):
        open_database(DbTarget(path=tmp_path / "fichier" / "x.db"))


def test_pragmas_are_applied_to_sqlite_urls_too() -> None:
    db = store_db.make_database(DbTarget(url="sqlite:///:memory:"))
    db.connect()
    try:
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        db.close()


def test_a_missing_database_driver_is_explained() -> None:
    pytest.importorskip("peewee")
    try:
        import pymysql  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("a MySQL driver is installed here")
    with pytest.raises(DatabaseOpenError) as info:
        open_database(DbTarget(url="mysql://moi@localhost/reseau"))
    assert "pilote" in info.value.message
