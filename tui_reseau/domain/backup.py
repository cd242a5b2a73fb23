"""Backups and restores of a SQLite network, safe while the TUI or another command writes.

**Backup.** SQLite's online backup API (``sqlite3.Connection.backup``) copies the database page
by page as one consistent snapshot, taking only a read lock: in WAL mode the TUI keeps writing
meanwhile. The copy is switched to ``journal_mode=DELETE`` (one self-contained file, no ``-wal``
beside it), checked with ``PRAGMA integrity_check``, and is private: created 0600 before SQLite
opens it, in a ``sauvegardes`` folder (0700) beside the database by default, named with the
time (``reseau-2026-11-26_14-05-09.db``).

**Restore.** The file is checked first, read-only: a SQLite database, ``integrity_check`` ok,
holding tui_reseau's migration history with no migration unknown to this version. Then the live
database is backed up aside (``reseau.db.avant-restauration-<horodatage>``, 0600), and the file
is copied *into* the live database with the same backup API, in one write transaction. We chose
this over replacing the file by a rename: a TUI left open keeps its connection to the file it
opened; after a rename it would go on writing into the old, unlinked file (and its ``-wal``),
whereas the backup API changes the pages of the file every connection shares, under SQLite's
locks, so the others simply see the restored network at their next read. Only when the live
file is too damaged for SQLite to write into is it replaced by a rename (its raw bytes, and its
``-wal``, are kept aside first). Nothing is overwritten when a check fails. A restored older
schema is brought up to date by the next opening.

PostgreSQL networks are refused with a pointer to ``pg_dump`` / ``pg_restore``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tui_reseau.domain.exporters.files import timestamp
from tui_reseau.errors import ReseauError
from tui_reseau.locations import (
    PRIVATE_FILE_MODE,
    DbTarget,
    make_private_dir,
)
from tui_reseau.store.database import BUSY_TIMEOUT_MS, HISTORY_TABLE, known_migrations

BACKUP_DIRNAME = "sauvegardes"
ASIDE_MARK = "avant-restauration"
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class BackupResult:
    """Where a backup was written, and how big it is."""

    path: Path
    size: int
    contacts: int


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore did: the file restored, where the replaced database was kept aside."""

    source: Path
    aside: Path | None
    contacts: int


def sqlite_path(target: DbTarget) -> Path:
    """The SQLite file of ``target``; a French ReseauError for PostgreSQL and other servers."""
    if target.path is None:
        raise ReseauError(
            f"{target.describe()} n'est pas un fichier SQLite : reseau ne sauvegarde et ne "
            "restaure que les bases SQLite.",
            "Pour PostgreSQL, utilisez ses outils : pg_dump -Fc BASE > reseau.dump, "
            "puis pg_restore -d BASE reseau.dump ; ou « reseau export json » (toutes les tables).",
        )
    return target.path


def backup_dir(database: Path) -> Path:
    """The default folder of backups: ``sauvegardes`` beside the database."""
    return database.parent / BACKUP_DIRNAME


def list_backups(database: Path) -> list[Path]:
    """The backups and set-aside databases found beside ``database``, oldest first."""
    found = list(backup_dir(database).glob("*.db")) if backup_dir(database).is_dir() else []
    found += database.parent.glob(f"{database.name}.{ASIDE_MARK}-*")
    return sorted(found, key=lambda p: p.stat().st_mtime)


def _connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        uri = f"{path.absolute().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _new_private_file(path: Path) -> None:
    """Create ``path`` empty, 0600 whatever the umask; refuse an existing file."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    except FileExistsError as exc:
        raise ReseauError(
            f"{path} existe déjà : il n'a pas été remplacé.",
            "Choisissez un autre nom, ou ajoutez --force pour le remplacer.",
        ) from exc
    except OSError as exc:
        raise ReseauError(
            f"Impossible de créer {path} : {exc.strerror or exc}.",
            "Vérifiez le dossier et ses droits, ou choisissez un autre chemin.",
        ) from exc
    os.fchmod(fd, PRIVATE_FILE_MODE)
    os.close(fd)


def _copy(source: sqlite3.Connection, path: Path, *, check: bool = True) -> None:
    """Copy ``source`` into the new private file ``path`` as one self-contained database."""
    _new_private_file(path)
    try:
        with contextlib.closing(_connect(path)) as dest:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            if check:
                _check_integrity(dest, path)
        os.chmod(path, PRIVATE_FILE_MODE)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        raise


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    result = conn.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        raise ReseauError(
            f"{path} est endommagé : {result[0][0]}.",
            "Ce fichier ne peut pas servir de sauvegarde ; rien n'a été remplacé.",
        )


def _count_contacts(conn: sqlite3.Connection) -> int:
    try:
        return int(conn.execute("SELECT COUNT(*) FROM contact").fetchone()[0])
    except sqlite3.DatabaseError:
        return 0


def backup(target: DbTarget, dest: Path | None = None, *, force: bool = False) -> BackupResult:
    """Back up the SQLite network of ``target`` to ``dest`` (a file or a folder).

    Default: a timestamped file in ``sauvegardes`` beside the database. The copy is consistent
    even while another process writes, checked with ``integrity_check``, and 0600. An existing
    ``dest`` file is replaced only with ``force``. Raises ReseauError (French) for PostgreSQL,
    a missing database, an unwritable destination.
    """
    database = sqlite_path(target)
    if not database.is_file():
        raise ReseauError(
            f"Aucune base de données à {database} : rien à sauvegarder.",
            "Vérifiez --db / RESEAU_DB (reseau locate).",
        )
    if dest is None or dest.is_dir():
        folder = make_private_dir(backup_dir(database)) if dest is None else dest
        dest = _free_name(folder, f"{database.stem}-{timestamp()}")
    elif not dest.parent.is_dir():
        raise ReseauError(
            f"Le dossier {dest.parent} n'existe pas.",
            "Créez-le d'abord (mkdir -p) ou choisissez un autre chemin.",
        )
    if dest.exists() and dest.resolve() == database.resolve():
        raise ReseauError("Une sauvegarde ne peut pas remplacer la base elle-même.")
    if dest.exists() and not force:
        raise _exists(dest)
    temp = dest.with_name(f".{dest.name}.en-cours")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    try:
        with contextlib.closing(_connect(database)) as source:  # only read (WAL needs no "ro")
            _check_is_network(source, database)
            _copy(source, temp)
    except sqlite3.DatabaseError as exc:
        raise _sqlite_error(exc, database, "La sauvegarde") from exc
    if dest.exists() and not force:  # appeared meanwhile
        temp.unlink()
        raise _exists(dest)
    os.replace(temp, dest)
    with contextlib.closing(_connect(dest, readonly=True)) as done:
        contacts = _count_contacts(done)
    return BackupResult(path=dest, size=dest.stat().st_size, contacts=contacts)


def _free_name(folder: Path, stem: str) -> Path:
    """``folder/stem.db``, or ``stem-2.db``… when a backup of the same second exists."""
    path, number = folder / f"{stem}.db", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.db"
    return path


def _exists(path: Path) -> ReseauError:
    return ReseauError(
        f"{path} existe déjà : il n'a pas été remplacé.",
        "Choisissez un autre nom, ou ajoutez --force pour le remplacer.",
    )


def _sqlite_error(exc: sqlite3.DatabaseError, path: Path, what: str) -> ReseauError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        reason = "la base est occupée par un autre programme depuis plus de 10 secondes"
    elif "not a database" in text or "malformed" in text:
        reason = "le fichier est endommagé ou n'est pas une base SQLite"
    else:
        reason = str(exc)
    return ReseauError(
        f"{what} n'a pas pu se faire ({reason}) : {path} n'a pas été modifié.",
        "Réessayez dans un instant ; si cela dure, fermez les autres sessions de reseau.",
    )


def _check_is_network(conn: sqlite3.Connection, path: Path) -> None:
    """Raise ReseauError unless ``conn`` is a tui_reseau database this version can read."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if HISTORY_TABLE not in tables or "contact" not in tables:
        raise ReseauError(
            f"{path} est une base SQLite, mais pas une base de reseau (pas de contacts ni "
            "d'historique de schéma). Rien n'a été remplacé.",
            "Indiquez une sauvegarde faite par « reseau backup ».",
        )
    applied = {row[0] for row in conn.execute(f"SELECT name FROM {HISTORY_TABLE}")}
    unknown = sorted(applied - set(known_migrations()))
    if unknown:
        raise ReseauError(
            f"{path} vient d'une version plus récente de reseau (schéma "
            f"{', '.join(unknown)} inconnu de cette version). Rien n'a été remplacé.",
            "Mettez tui_reseau à jour (pip install --upgrade tui-reseau), puis restaurez.",
        )


def check_backup(path: Path) -> int:
    """Check that ``path`` can be restored, read-only; return its number of contacts.

    Raises ReseauError (French) when it is missing, not SQLite, damaged, not a tui_reseau
    network, or written by a newer version. The file is never modified.
    """
    if not path.is_file():
        raise ReseauError(f"Aucun fichier à {path}.", "Vérifiez le chemin de la sauvegarde.")
    with path.open("rb") as stream:
        if stream.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise ReseauError(
                f"{path} n'est pas une base SQLite : rien n'a été remplacé.",
                "Indiquez une sauvegarde faite par « reseau backup » (fichier .db).",
            )
    try:
        with contextlib.closing(_connect(path, readonly=True)) as conn:
            _check_integrity(conn, path)
            _check_is_network(conn, path)
            return _count_contacts(conn)
    except sqlite3.DatabaseError as exc:
        raise ReseauError(
            f"{path} est illisible ou endommagé ({exc}) : rien n'a été remplacé.",
            "Essayez une autre sauvegarde (reseau backup les range dans « sauvegardes »).",
        ) from exc


def restore(target: DbTarget, source: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """Replace the network of ``target`` by the backup ``source`` (see the module's docstring).

    Checks ``source`` first (:func:`check_backup`), keeps the current database aside (0600)
    when there is one, then copies ``source`` into the live file with the backup API. Returns
    what was done; raises ReseauError (French), with nothing replaced, when a check fails.
    """
    database = sqlite_path(target)
    if source.exists() and database.exists() and source.resolve() == database.resolve():
        raise ReseauError("Ce fichier est la base elle-même : rien à restaurer.")
    contacts = check_backup(source)
    aside: Path | None = None
    make_private_dir(database.parent)
    if database.exists() and database.stat().st_size > 0:
        aside = database.with_name(f"{database.name}.{ASIDE_MARK}-{timestamp(now)}")
        _set_aside(database, aside)
    else:
        _new_private_file_if_missing(database)
    try:
        try:
            with (
                contextlib.closing(_connect(source, readonly=True)) as src,
                contextlib.closing(_connect(database)) as live,
            ):
                src.backup(live)  # one write transaction: all pages, or none on failure
                _check_integrity(live, database)
                live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.DatabaseError as exc:
            if not _is_damaged(exc):
                raise
            _replace_damaged(source, database)  # SQLite cannot write into it: a new file
    except sqlite3.DatabaseError as exc:
        raise _sqlite_error(exc, database, "La restauration") from exc
    return RestoreResult(source=source, aside=aside, contacts=contacts)


def _set_aside(database: Path, aside: Path) -> None:
    """Keep the current database in ``aside`` (0600): a consistent copy by the backup API, or
    its raw bytes when it is too damaged for SQLite to read (the reason to restore, often)."""
    try:
        with contextlib.closing(_connect(database)) as live:
            _copy(live, aside, check=False)
    except sqlite3.DatabaseError:
        _new_private_file(aside)
        for suffix in ("", "-wal"):
            part = Path(f"{database}{suffix}")
            if part.exists():
                copy = Path(f"{aside}{suffix}")
                if suffix:
                    _new_private_file(copy)
                shutil.copyfile(part, copy)


def _is_damaged(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _replace_damaged(source: Path, database: Path) -> None:
    """Put a copy of ``source`` in place of a database too damaged to be written into.

    Its bytes are already aside; its ``-wal`` and ``-shm`` belong to it and go with it.
    """
    temp = database.with_name(f".{database.name}.restauration")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    with contextlib.closing(_connect(source, readonly=True)) as src:
        _copy(src, temp)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{database}{suffix}").unlink()
    os.replace(temp, database)


def _new_private_file_if_missing(path: Path) -> None:
    if not path.exists():
        _new_private_file(path)
