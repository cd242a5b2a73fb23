"""Proof: a bad file gets a clear French message and a non-zero exit, never a traceback, and
is not overwritten.

Each case builds one bad database in a folder of its own, then runs the real commands on it
(``reseau add``, ``reseau brief``, and the application's start, ``reseau`` alone, which must
fail before taking the screen). A case that only a privileged user could fake (read-only
files, for root) drops the privilege in the child; a full disk is a size limit on the child's
files (RLIMIT_FSIZE).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui_reseau.diagnostics.sandbox import (
    demo_network,
    empty_network,
    file_hash,
    reseau_argv,
    run_child,
)

SCREEN_TIMEOUT_S = 20  # the application started and is waiting for keys: it took the screen
_CAPS_TO_DROP = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
_PR_CAPBSET_DROP = 24

COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "add": lambda db: reseau_argv("add", "Nouvelle Personne", "--circle", "1", "--db", str(db)),
    "brief": lambda db: reseau_argv("brief", "1", "--db", str(db)),
    "demo": lambda db: reseau_argv("demo", "--contacts", "2000", "--db", str(db)),
    "application": lambda db: reseau_argv("--db", str(db)),
}
# Phrases that betray an error nobody explained (case-sensitive: SQLite's English, Python's).
UNEXPLAINED = (
    "Traceback",
    "erreur inattendue",
    "Error",
    "database",
    "unable",
    "cannot",
    "no such",
    "disk image",
)


@dataclass(frozen=True, slots=True)
class BadFile:
    """A bad database: how to make it, what each command must do with it.

    ``expect`` maps a command of :data:`COMMANDS` to "refus" (non-zero exit, French message,
    file unchanged) or "accepté" (exit 0: reading a read-only file is fine).
    """

    name: str
    build: Callable[[Path, Path], Path]  # (case folder, good template) -> path given to --db
    expect: dict[str, str]
    limit_file_size: int = 0  # RLIMIT_FSIZE for the child (a full disk); 0: none
    drop_privileges: bool = False  # root reads and writes anything: drop that in the child


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one command did with one bad file."""

    case: str
    command: str
    expected: str
    returncode: int | None  # None: still running after SCREEN_TIMEOUT_S (took the screen)
    stderr: str
    unchanged: bool
    skipped: str = ""  # why the case could not be simulated here

    @property
    def problem(self) -> str:
        """ "" when the command behaved, else what went wrong."""
        if self.skipped:
            return ""
        if self.returncode is None:
            return "l'application a pris l'écran au lieu de refuser la base"
        leak = next((w for w in UNEXPLAINED if w in self.stderr), "")
        if leak:
            return f"message non expliqué ({leak!r}) : {self.stderr.strip()[:300]}"
        if self.expected == "accepté":
            return "" if self.returncode == 0 else f"refusé (code {self.returncode})"
        if self.returncode == 0:
            return "accepté au lieu d'être refusé"
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        if not lines or not lines[0].startswith("reseau : ") or len(lines) < 2:
            return f"message sans explication ni conseil : {self.stderr.strip()[:300]}"
        if not self.unchanged:
            return "le fichier a été modifié"
        return ""


# ----------------------------------------------------------------------------- the cases


def _private(path: Path) -> Path:
    """0600, as reseau makes its files: no warning about loose permissions in the way."""
    os.chmod(path, 0o600)
    return path


def _text_file(folder: Path, _template: Path) -> Path:
    path = folder / "notes.db"
    path.write_text("Liste de courses : pain, lait, café.\n" * 200, encoding="utf-8")
    return _private(path)


def _truncated(folder: Path, template: Path) -> Path:
    path = folder / "tronquee.db"
    data = template.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return _private(path)


def _corrupted_page(folder: Path, template: Path) -> Path:
    """The root page of the contact table overwritten: every read of a contact meets it."""
    path = folder / "corrompue.db"
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'contact'"
        ).fetchone()[0]
    finally:
        conn.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(bytes([0xDE, 0xAD, 0xBE, 0xEF]) * (page_size // 4))
    return _private(path)


def _newer_schema(folder: Path, template: Path) -> Path:
    path = folder / "future.db"
    shutil.copyfile(template, path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO schema_migration (name, applied) VALUES ('9999_futur', '2030-01-01')"
        )
    conn.close()
    return _private(path)


def _read_only_file(folder: Path, template: Path) -> Path:
    path = folder / "lecture-seule.db"
    shutil.copyfile(template, path)
    os.chmod(path, 0o400)  # the owner may read it, nobody may write
    return path


def _read_only_folder(folder: Path, template: Path) -> Path:
    inner = folder / "dossier-protege"
    inner.mkdir(mode=0o700)
    path = inner / "reseau.db"
    _private(shutil.copyfile(template, path))
    os.chmod(inner, 0o500)
    return path


def _a_folder(folder: Path, _template: Path) -> Path:
    path = folder / "un-dossier.db"
    path.mkdir(mode=0o700)
    return path


def _copy(folder: Path, template: Path) -> Path:
    path = folder / "pleine.db"
    shutil.copyfile(template, path)
    return _private(path)


def _empty_network(folder: Path, _template: Path) -> Path:
    return empty_network(folder / "vide-pleine.db")


REFUSED_EVERYWHERE = {"add": "refus", "brief": "refus", "application": "refus"}

CASES: tuple[BadFile, ...] = (
    BadFile("pas une base (texte)", _text_file, REFUSED_EVERYWHERE),
    BadFile("base tronquée", _truncated, REFUSED_EVERYWHERE),
    BadFile("page corrompue", _corrupted_page, REFUSED_EVERYWHERE),
    BadFile("schéma plus récent", _newer_schema, REFUSED_EVERYWHERE),
    BadFile(
        "fichier en lecture seule",
        _read_only_file,
        {"add": "refus", "brief": "accepté", "application": "refus"},
        drop_privileges=True,
    ),
    BadFile(
        "dossier en lecture seule", _read_only_folder, REFUSED_EVERYWHERE, drop_privileges=True
    ),
    BadFile("un dossier", _a_folder, REFUSED_EVERYWHERE),
    BadFile("disque plein (reseau add)", _copy, {"add": "refus"}, limit_file_size=4096),
    BadFile("disque plein (reseau demo)", _empty_network, {"demo": "refus"}, limit_file_size=65536),
)


# ----------------------------------------------------------------------------- running them


def _limit_files(size: int) -> Callable[[], None]:
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def _drop_root_privileges() -> None:
    """In the child, before exec: root no longer bypasses file permissions."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _CAPS_TO_DROP:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _can_drop_privileges() -> bool:
    try:
        result = subprocess.run(
            ["true"], preexec_fn=_drop_root_privileges, check=False, capture_output=True
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def _preexec(case: BadFile) -> tuple[Callable[[], None] | None, str]:
    steps: list[Callable[[], None]] = []
    if case.drop_privileges and os.geteuid() == 0:
        if not _can_drop_privileges():
            return None, "root sans moyen de renoncer à ses droits : cas non simulable ici"
        steps.append(_drop_root_privileges)
    if case.limit_file_size:
        steps.append(_limit_files(case.limit_file_size))
    if not steps:
        return None, ""

    def preexec() -> None:
        for step in steps:
            step()

    return preexec, ""


def good_template(folder: Path) -> Path:
    """A small sound network, copied by the cases that spoil a good file."""
    return demo_network(folder, folder / "modele.db", contacts=30)


def try_case(folder: Path, template: Path, case: BadFile, command: str) -> Outcome:
    """Build ``case`` afresh in its own folder under ``folder`` and run ``command`` on it."""
    place = folder / f"cas-{CASES.index(case)}-{command}"
    place.mkdir(mode=0o700)
    path = case.build(place, template)
    before = file_hash(path)
    rows_before = _contacts(path)
    preexec, skipped = _preexec(case)
    if skipped:
        return Outcome(case.name, command, case.expect[command], 0, "", True, skipped)
    try:
        result = run_child(
            COMMANDS[command](path), folder, preexec=preexec, timeout=SCREEN_TIMEOUT_S
        )
        returncode, stderr = result.returncode, result.stderr
    except subprocess.TimeoutExpired as exc:
        returncode, stderr = None, (exc.stderr or b"").decode("utf-8", "replace")
    unchanged = file_hash(path) == before and _contacts(path) == rows_before
    with contextlib.suppress(OSError):
        os.chmod(path.parent, 0o700)
    return Outcome(case.name, command, case.expect[command], returncode, stderr, unchanged)


def _contacts(path: Path) -> int | None:
    """The number of contacts the file holds, read without writing (None: unreadable)."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM contact").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def run_bad_files(folder: Path) -> list[Outcome]:
    """Every case of :data:`CASES` with each of its commands; one outcome each."""
    template = good_template(folder)
    return [try_case(folder, template, case, command) for case in CASES for command in case.expect]
