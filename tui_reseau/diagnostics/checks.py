"""The checks of ``reseau doctor``: each looks, changes nothing, and returns a :class:`Check`.

A SQLite file is opened read-only for them (``mode=ro``): the doctor never creates, migrates
or repairs anything, it says what to do.
"""

from __future__ import annotations

import enum
import locale
import os
import shutil
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tui_reseau.locations import PRIVATE_DIR_MODE, DbTarget, data_dir

LOW_DISK_BYTES = 100 * 1024 * 1024
QUICK_CHECK_ABOVE_BYTES = 512 * 1024 * 1024  # a bigger file gets PRAGMA quick_check (faster)
MIN_COLUMNS, MIN_LINES = 80, 24
BACKUP_DIRNAME = "sauvegardes"  # as tui_reseau.domain.backup names them
ASIDE_MARK = "avant-restauration"


class Status(enum.Enum):
    """How a check went: fine, worth a look, or to fix (``reseau doctor`` then exits 1)."""

    OK = "ok"
    WARN = "attention"
    FAIL = "à corriger"


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the doctor's report."""

    name: str
    status: Status
    detail: str
    fix: str = ""  # the command (or action) that fixes it


def _sqlite_readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)


def _read(path: Path, *queries: str) -> list[list[tuple]]:
    """The rows of each query, read-only (raises sqlite3.DatabaseError: see :func:`_unreadable`)."""
    conn = _sqlite_readonly(path)
    try:
        return [conn.execute(query).fetchall() for query in queries]
    finally:
        conn.close()


def _unreadable(name: str, exc: sqlite3.DatabaseError) -> Check:
    return Check(name, Status.FAIL, f"illisible : {exc}", "voir « Intégrité de la base »")


# ----------------------------------------------------------------------------- files


def _sidecars(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))]


def _backups(path: Path) -> list[Path]:
    """Backups (``reseau backup``: the ``sauvegardes`` folder beside the base, and the base
    kept aside by ``reseau restore``), which hold the same private data."""
    folder = path.parent / BACKUP_DIRNAME
    found = [p for p in folder.glob("*") if p.is_file()] if folder.is_dir() else []
    found += [p for p in path.parent.glob(f"{path.name}.{ASIDE_MARK}-*") if p.is_file()]
    return found


def check_permissions(target: DbTarget) -> Check:
    """The database folder 0700, the database, its -wal, -shm, backups and exports 0600."""
    name = "Droits des fichiers"
    path = target.path
    if path is None:
        return Check(name, Status.OK, "base sur un serveur : droits gérés par le serveur")
    folder = path.parent
    fixes: list[str] = []
    loose: list[str] = []
    folders = [f for f in (folder, folder / BACKUP_DIRNAME) if f.is_dir()]
    for place in folders if folder == data_dir() else folders[1:]:
        if place.stat().st_mode & 0o077:
            loose.append(f"{place} ({oct(place.stat().st_mode & 0o777)[2:]})")
            fixes.append(f"chmod {oct(PRIVATE_DIR_MODE)[2:]} '{place}'")
    files = [p for p in (*_sidecars(path), *_backups(path)) if p.exists()]
    open_files = [f for f in files if f.stat().st_mode & 0o077]
    loose += [f"{f} ({oct(f.stat().st_mode & 0o777)[2:]})" for f in open_files]
    if open_files:
        fixes.append("chmod 600 " + " ".join(f"'{f}'" for f in open_files))
    if not loose:
        return Check(name, Status.OK, f"{len(files)} fichier(s), lisibles par vous seul")
    return Check(
        name,
        Status.FAIL,
        "lisibles par d'autres utilisateurs : " + ", ".join(loose),
        " ; ".join(fixes),
    )


def check_integrity(target: DbTarget) -> Check:
    """``PRAGMA integrity_check`` (``quick_check`` on very big files)."""
    name = "Intégrité de la base"
    path = target.path
    if path is None:
        return Check(name, Status.OK, "base sur un serveur : vérifiée par le serveur")
    pragma = "quick_check" if path.stat().st_size > QUICK_CHECK_ABOVE_BYTES else "integrity_check"
    try:
        conn = _sqlite_readonly(path)
        try:
            rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}").fetchmany(5)]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    if rows == ["ok"]:
        return Check(name, Status.OK, f"{pragma} : ok")
    return Check(
        name,
        Status.FAIL,
        f"base abîmée ({pragma}) : {' / '.join(' '.join(r.split()) for r in rows)[:300]}",
        f"restaurez une sauvegarde ; pour récupérer ce qui peut l'être : sqlite3 '{path}' "
        f"'.recover' | sqlite3 '{path.with_name(path.stem + '-recupere.db')}'",
    )


def check_schema(target: DbTarget) -> Check:
    """The migrations recorded in the base against those this version knows."""
    from tui_reseau.store.database import HISTORY_TABLE, known_migrations

    name = "Version du schéma"
    known = known_migrations()
    if target.path is not None:
        try:
            conn = _sqlite_readonly(target.path)
            try:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                applied = (
                    {r[0] for r in conn.execute(f"SELECT name FROM {HISTORY_TABLE}")}
                    if HISTORY_TABLE in tables
                    else set()
                )
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            return _unreadable(name, exc)
    else:
        from tui_reseau.errors import ReseauError
        from tui_reseau.store.database import close_database, open_database, schema_status

        try:
            status = schema_status(open_database(target, migrate=False))
        except ReseauError as exc:
            return Check(name, Status.FAIL, exc.message, exc.hint)
        finally:
            close_database()
        applied = set(status.applied) | set(status.unknown)
    unknown = sorted(applied - set(known))
    pending = [m for m in known if m not in applied]
    version = max((int(n.split("_", 1)[0]) for n in applied if n[:4].isdigit()), default=0)
    if unknown:
        return Check(
            name,
            Status.FAIL,
            f"schéma {version}, plus récent que cette version ({', '.join(unknown)})",
            "pip install --upgrade tui-reseau",
        )
    if pending:
        return Check(
            name,
            Status.WARN,
            f"schéma {version} : {len(pending)} mise(s) à jour à appliquer ({', '.join(pending)})",
            "ouvrez la base une fois (reseau) : elle sera mise à jour",
        )
    return Check(name, Status.OK, f"schéma {version}, à jour ({len(known)} migrations)")


def check_journal(target: DbTarget) -> Check:
    """SQLite in WAL mode (several readers and one writer at once, crash-safe)."""
    name = "Journal WAL"
    if target.path is None:
        return Check(name, Status.OK, "sans objet pour une base sur un serveur")
    try:
        [[(mode,)]] = _read(target.path, "PRAGMA journal_mode")
    except sqlite3.DatabaseError as exc:
        return _unreadable(name, exc)
    mode = str(mode).lower()
    if mode == "wal":
        return Check(name, Status.OK, "journal_mode = wal")
    return Check(
        name,
        Status.WARN,
        f"journal_mode = {mode} : une autre session peut trouver la base verrouillée",
        f"sqlite3 '{target.path}' 'PRAGMA journal_mode=wal'",
    )


def check_word_index(target: DbTarget) -> Check:
    """The word index ``reseau brief`` and ``search`` read (SQLite FTS5, migration 0004)."""
    from tui_reseau.store.word_index import WORD_TABLE

    name = "Index des mots"
    if target.path is None:
        return Check(name, Status.OK, "sans objet pour une base sur un serveur (recherche ILIKE)")
    try:
        tables, options = _read(
            target.path, "SELECT name FROM sqlite_master", "PRAGMA compile_options"
        )
    except sqlite3.DatabaseError as exc:
        return _unreadable(name, exc)
    fts5 = any("FTS5" in option for (option,) in options)
    if (WORD_TABLE,) in tables:
        return Check(name, Status.OK, "présent : brief et search lisent l'index (FTS5)")
    if not fts5:
        return Check(
            name,
            Status.WARN,
            f"absent : le SQLite de ce Python (version {sqlite3.sqlite_version}) n'a pas FTS5 ; "
            "brief et search lisent toute la table, plus lentement au-delà de 10 000 contacts",
            "utilisez un Python dont le module sqlite3 inclut FTS5 (c'est le cas des "
            "distributions courantes), puis rouvrez la base",
        )
    return Check(name, Status.OK, "sera créé à la prochaine ouverture de la base")


def check_disk(target: DbTarget) -> Check:
    """Free space where the database lives."""
    name = "Espace disque"
    if target.path is None:
        return Check(name, Status.OK, "sans objet pour une base sur un serveur")
    folder = next((p for p in target.path.parents if p.exists()), Path("/"))
    free = shutil.disk_usage(folder).free
    text = f"{free / 1024**3:.1f} Go libres" if free >= 1024**3 else f"{free // 1024**2} Mo libres"
    if free < LOW_DISK_BYTES:
        return Check(
            name,
            Status.FAIL if free < LOW_DISK_BYTES // 10 else Status.WARN,
            f"{text} sur {folder} : une écriture pourrait échouer",
            "libérez de l'espace (df -h, du -sh ~/*)",
        )
    return Check(name, Status.OK, f"{text} sur {folder}")


# ----------------------------------------------------------------------------- terminal


def check_terminal(environ: Mapping[str, str] | None = None) -> Check:
    """TERM, colours (NO_COLOR, COLORTERM), UTF-8 and the size of the terminal."""
    env = os.environ if environ is None else environ
    name = "Terminal"
    term = env.get("TERM", "")
    size = shutil.get_terminal_size((0, 0))
    encoding = locale.getpreferredencoding(False).lower().replace("-", "")
    facts = [f"TERM={term or '(vide)'}"]
    if "NO_COLOR" in env:
        facts.append("sans couleur (NO_COLOR)")
    elif env.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        facts.append("couleurs 24 bits")
    elif "256" in term:
        facts.append("256 couleurs")
    else:
        facts.append("16 couleurs")
    facts.append(f"encodage {encoding}")
    if size.columns and size.lines:
        facts.append(f"{size.columns}×{size.lines}")
    problems: list[tuple[str, str]] = []
    if not term or term == "dumb":
        problems.append(("terminal inconnu ou sans curseur", "export TERM=xterm-256color"))
    if encoding != "utf8":
        problems.append(("accents et symboles mal affichés", "export LANG=fr_FR.UTF-8"))
    if size.columns and size.lines and (size.columns < MIN_COLUMNS or size.lines < MIN_LINES):
        problems.append(
            (f"moins de {MIN_COLUMNS}×{MIN_LINES}", "agrandissez la fenêtre du terminal")
        )
    if problems:
        detail = ", ".join(facts) + " — " + "; ".join(p for p, _ in problems)
        return Check(name, Status.WARN, detail, " ; ".join(f for _, f in problems))
    return Check(name, Status.OK, ", ".join(facts))


# ----------------------------------------------------------------------------- all of them


DATABASE_CHECKS: tuple[Callable[[DbTarget], Check], ...] = (
    check_permissions,
    check_integrity,
    check_schema,
    check_journal,
    check_word_index,
    check_disk,
)


def run_checks(target: DbTarget, environ: Mapping[str, str] | None = None) -> list[Check]:
    """Every check, in the order of the report. A missing SQLite file is one failed line."""
    if target.path is not None and not target.path.is_file():
        what = "est un dossier" if target.path.is_dir() else "n'existe pas"
        checks = [
            Check(
                "Base de données",
                Status.FAIL,
                f"{target.describe()} {what}",
                'reseau add "Prénom Nom" --circle 1 (la crée), ou vérifiez --db / RESEAU_DB',
            ),
            check_disk(target),
        ]
    else:
        checks = [
            Check("Base de données", Status.OK, target.describe()),
            *(check(target) for check in DATABASE_CHECKS),
        ]
    return [*checks, check_terminal(environ)]
