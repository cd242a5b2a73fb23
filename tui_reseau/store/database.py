"""Opening the database: one factory for the CLI, the TUI, the tests and the benchmarks.

The models are bound to ``database_proxy``; :func:`open_database` makes the real database
(SQLite file by default, any ``playhouse.db_url`` URL otherwise), brings its schema up to date
with the numbered migrations, and binds the proxy to it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee

from tui_reseau.errors import DatabaseOpenError, SchemaTooNewError
from tui_reseau.locations import DbTarget, make_private_dir, make_private_file
from tui_reseau.store.models import database_proxy

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
HISTORY_TABLE = "schema_migration"
BUSY_TIMEOUT_MS = 10_000

SQLITE_PRAGMAS: dict[str, object] = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "normal",
}


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    """Which migrations a database has, lacks, and has but this version does not know."""

    applied: tuple[str, ...]
    pending: tuple[str, ...]
    unknown: tuple[str, ...]

    @property
    def version(self) -> int:
        """The number of the last applied migration (0 for an empty database)."""
        return max((int(name.split("_", 1)[0]) for name in self.applied), default=0)


def known_migrations() -> tuple[str, ...]:
    """The names of the migrations this version ships, in order."""
    return tuple(sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py")))


def make_database(target: DbTarget) -> peewee.Database:
    """A Peewee database for ``target``, not yet connected (no file is touched)."""
    if target.path is not None:
        return peewee.SqliteDatabase(
            str(target.path), pragmas=SQLITE_PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000
        )
    assert target.url is not None
    from playhouse.db_url import connect as connect_url  # only URLs need it

    try:
        database = connect_url(target.url)
    except (RuntimeError, ValueError, ImportError) as exc:
        raise DatabaseOpenError(
            f"Adresse de base de données illisible : {target.describe()} ({exc}).",
            "Exemples : --db ~/reseau.db, --db sqlite:///chemin/reseau.db, "
            "--db postgresql://utilisateur@hôte/base.",
        ) from exc
    if isinstance(database, peewee.SqliteDatabase):
        database._pragmas = list(SQLITE_PRAGMAS.items())
    return database


def _runner(database: peewee.Database):  # -> playhouse.migrations.Runner
    from playhouse.migrations import Runner  # imported here: only when a schema is checked

    return Runner(database, directory=str(MIGRATIONS_DIR), table_name=HISTORY_TABLE)


def schema_status(database: peewee.Database) -> SchemaStatus:
    """Compare the migrations recorded in ``database`` with those this version ships."""
    known = known_migrations()
    applied: tuple[str, ...] = ()
    if HISTORY_TABLE in database.get_tables():
        cursor = database.execute_sql(f"SELECT name FROM {HISTORY_TABLE}")
        applied = tuple(sorted(row[0] for row in cursor.fetchall()))
    return SchemaStatus(
        applied=tuple(n for n in applied if n in known),
        pending=tuple(n for n in known if n not in applied),
        unknown=tuple(n for n in applied if n not in known),
    )


def upgrade(database: peewee.Database) -> list[str]:
    """Apply the pending migrations in order, each in its own transaction; return their names.

    Raises SchemaTooNewError, without changing anything, when the database holds migrations
    this version does not know (it was written by a newer tui_reseau).
    """
    status = schema_status(database)
    if status.unknown:
        raise SchemaTooNewError(
            "Cette base a été créée par une version plus récente de tui_reseau "
            f"(schéma {', '.join(status.unknown)} inconnu de cette version).",
            "Mettez tui_reseau à jour (pip install --upgrade tui-reseau) ; "
            "la base n'a pas été modifiée.",
        )
    if not status.pending:
        return []
    return _runner(database).up()


def _prepare_sqlite_file(path: Path) -> None:
    try:
        make_private_dir(path.parent)
        make_private_file(path)
    except PermissionError as exc:
        raise DatabaseOpenError(
            f"Impossible de créer la base de données {path} : accès refusé.",
            "Choisissez un dossier où vous pouvez écrire avec --db CHEMIN ou RESEAU_DB.",
        ) from exc
    except OSError as exc:
        raise DatabaseOpenError(
            f"Impossible de créer la base de données {path} : {exc.strerror or exc}.",
            "Vérifiez le chemin et l'espace disque, ou choisissez-en un autre avec --db.",
        ) from exc


def open_database(target: DbTarget, *, migrate: bool = True) -> peewee.Database:
    """Open ``target``, bring its schema up to date and bind the models to it.

    Returns the connected database. Raises DatabaseOpenError (a French message and a hint)
    when the file cannot be created or read, is not a tui_reseau database, or is too new.
    """
    if target.path is not None:
        if target.path.is_dir():
            raise DatabaseOpenError(
                f"{target.path} est un dossier, pas une base de données.",
                f"Indiquez un fichier, par exemple --db {target.path / 'reseau.db'}.",
            )
        _prepare_sqlite_file(target.path)
    database = make_database(target)
    try:
        database.connect(reuse_if_open=True)
        if migrate:
            upgrade(database)
    except DatabaseOpenError:
        database.close()
        raise
    except peewee.ImproperlyConfigured as exc:
        raise DatabaseOpenError(
            f"Le pilote de cette base n'est pas installé ({target.describe()}).",
            "Pour PostgreSQL : pip install 'tui-reseau[postgres]'.",
        ) from exc
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        database.close()
        raise _explain(exc, target) from exc
    database_proxy.initialize(database)
    return database


def _explain(exc: Exception, target: DbTarget) -> DatabaseOpenError:
    text = str(exc).lower()
    where = target.describe()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return DatabaseOpenError(
            f"{where} n'est pas une base tui_reseau lisible (fichier corrompu ou d'un autre "
            "format). Il n'a pas été modifié.",
            "Restaurez une sauvegarde (reseau restore FICHIER) ou ouvrez une autre base avec --db.",
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DatabaseOpenError(
            f"Impossible d'écrire dans {where} (fichier ou dossier en lecture seule).",
            "Vérifiez les droits (ls -l) ou ouvrez une autre base avec --db.",
        )
    if "locked" in text or "busy" in text:
        return DatabaseOpenError(
            f"{where} est verrouillée par un autre programme depuis plus de "
            f"{BUSY_TIMEOUT_MS // 1000} secondes.",
            "Réessayez dans un instant ; si cela dure, fermez les autres sessions de reseau.",
        )
    if "disk" in text and ("full" in text or "i/o" in text):
        return DatabaseOpenError(
            f"Écriture impossible dans {where} : disque plein ou erreur d'entrée/sortie.",
            "Libérez de l'espace disque puis relancez ; rien n'a été enregistré à moitié.",
        )
    return DatabaseOpenError(
        f"Impossible d'ouvrir {where} : {exc}.",
        "Vérifiez le chemin ou l'adresse donnés à --db / RESEAU_DB.",
    )


def close_database() -> None:
    """Close the connection of the current thread to the bound database, if any."""
    database = database_proxy.obj
    if database is not None and not database.is_closed():
        database.close()
