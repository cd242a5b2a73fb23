"""Opening the database: one factory for the CLI, the TUI, the tests and the benchmarks.

The models are bound to ``database_proxy``; :func:`open_database` makes the real database
(SQLite file by default, any ``playhouse.db_url`` URL otherwise), brings its schema up to date
with the numbered migrations, and binds the proxy to it.

Several processes may write one SQLite file at once (the TUI, ``reseau add``, an import): WAL,
a busy timeout, and write transactions that take the lock at BEGIN (IMMEDIATE) let each wait
its turn instead of failing. Database errors met later (a damaged page, a full disk, a
read-only file) are turned into French messages by :func:`explain_error`.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import peewee

from tui_reseau.errors import DatabaseOpenError, SchemaTooNewError
from tui_reseau.locations import DbTarget, make_private_dir, make_private_file
from tui_reseau.store.models import database_proxy
from tui_reseau.store.word_index import ensure_word_index

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
HISTORY_TABLE = "schema_migration"
BUSY_TIMEOUT_MS = 10_000
MIGRATION_RACE_DELAYS_S = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)

# Every write transaction takes SQLite's write lock at BEGIN: a transaction that read first and
# then wrote could otherwise fail at once with « database is locked » (the busy timeout does not
# help a reader that must become a writer after another process committed, in WAL mode).
SQLITE_LOCK_TYPE = "IMMEDIATE"

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
            str(target.path),
            pragmas=SQLITE_PRAGMAS,
            timeout=BUSY_TIMEOUT_MS / 1000,
            lock_type=SQLITE_LOCK_TYPE,
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
        database._lock_type = SQLITE_LOCK_TYPE
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
    for delay in MIGRATION_RACE_DELAYS_S:
        try:
            return _runner(database).up()
        except (peewee.IntegrityError, peewee.OperationalError):
            # Two processes opened a new file at once: the other one is applying the same
            # migrations (each in its own transaction, so this attempt left nothing behind).
            time.sleep(delay)
            if not schema_status(database).pending:
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
            ensure_word_index(database)
        if isinstance(database, peewee.SqliteDatabase):
            read_every_root(database)
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


def read_every_root(database: peewee.SqliteDatabase) -> None:
    """Read the first row of every table: a damaged root page is found now, in a few
    milliseconds, rather than by the first screen (a whole check is ``reseau doctor``)."""
    for table in database.get_tables():
        database.execute_sql(f'SELECT * FROM "{table}" LIMIT 1').fetchall()


def _read_only_folder(target: DbTarget) -> Path | None:
    """The folder of a SQLite file where we may not create files (its -wal and -shm), if so."""
    if target.path is None:
        return None
    folder = target.path.parent
    return folder if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK) else None


def _explain(exc: Exception, target: DbTarget) -> DatabaseOpenError:
    """A French message and a hint for a database error met while opening or using ``target``."""
    text = str(exc).lower()
    where = target.describe()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return DatabaseOpenError(
            f"{where} n'est pas une base tui_reseau lisible (fichier corrompu ou d'un autre "
            "format). Il n'a pas été modifié.",
            "Diagnostic : reseau doctor. Restaurez une sauvegarde ou ouvrez une autre base "
            "avec --db.",
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        folder = _read_only_folder(target)
        if folder is not None and target.path is not None:
            name = target.path.name
            return DatabaseOpenError(
                f"Impossible d'utiliser {where} : le dossier {folder} est en lecture seule, "
                f"or SQLite doit y créer {name}-wal et {name}-shm.",
                f"Rendez le dossier modifiable (chmod u+w '{folder}') ou copiez la base "
                "ailleurs et ouvrez-la avec --db.",
            )
        return DatabaseOpenError(
            f"Impossible d'écrire dans {where} : le fichier est en lecture seule. "
            "Rien n'a été enregistré.",
            f"Rendez-le modifiable (chmod u+w '{where}') ou ouvrez une autre base avec --db ; "
            "pour seulement consulter : reseau brief, reseau search.",
        )
    if "locked" in text or "busy" in text:
        return DatabaseOpenError(
            f"{where} est verrouillée par un autre programme depuis plus de "
            f"{BUSY_TIMEOUT_MS // 1000} secondes. Rien n'a été enregistré.",
            "Réessayez dans un instant ; si cela dure, fermez les autres sessions de reseau.",
        )
    if "full" in text or "disk i/o" in text or "too large" in text:
        return DatabaseOpenError(
            f"Écriture impossible dans {where} : disque plein (ou fichier trop grand) ou erreur "
            "d'entrée/sortie. Rien n'a été enregistré à moitié.",
            "Libérez de l'espace disque (df -h) puis relancez.",
        )
    return DatabaseOpenError(
        f"Impossible d'utiliser {where} : {exc}.",
        "Diagnostic : reseau doctor ; vérifiez le chemin ou l'adresse donnés à --db / RESEAU_DB.",
    )


def explain_error(exc: BaseException, target: DbTarget) -> DatabaseOpenError | None:
    """The French explanation of a database error raised while a command used ``target``.

    Returns None when ``exc`` is not a database error (the caller logs it as unexpected).
    Failed writes are rolled back by their transaction: the messages say nothing was saved.
    """
    if isinstance(exc, DatabaseOpenError):
        return exc
    # The first error is the one to explain: a failed rollback (« cannot rollback - no
    # transaction is active », after SQLite already undid a write that found the disk full)
    # carries it as its context.
    chain: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and link not in chain:
        chain.append(link)
        link = link.__context__
    for error in reversed(chain):
        if isinstance(error, peewee.DatabaseError | sqlite3.DatabaseError):
            return _explain(error, target)
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return _explain(peewee.OperationalError("database or disk is full"), target)
    return None


def require_writable(target: DbTarget) -> None:
    """Raise DatabaseOpenError when the SQLite file of ``target`` exists but cannot be written.

    For the full-screen application, which must not open on a network where nothing it does
    could be saved. Other databases (PostgreSQL) are checked by their server.
    """
    path = target.path
    if path is None or not path.exists() or path.is_dir():
        return
    if _read_only_folder(target) is not None or not os.access(path, os.W_OK):
        raise _explain(peewee.OperationalError("attempt to write a readonly database"), target)


def close_database() -> None:
    """Close the connection of the current thread to the bound database, if any."""
    database = database_proxy.obj
    if database is not None and not database.is_closed():
        database.close()
