"""Proof: a process killed with SIGKILL in the middle of a write leaves a sound database,
holding each transaction whole or not at all.

Each workload is first run once to the end, to time its writing (from the moment its -wal file
first holds data to its exit). Then each round copies an empty network, starts the workload in a
child process, waits until it writes, kills it at a random moment of that writing time (commits
and checkpoints included), then checks the file: ``integrity_check`` says ok, and the
workload's own all-or-nothing rule holds. A new workload is one more entry in :data:`WORKLOADS`.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tui_reseau.diagnostics.sandbox import (
    child_env,
    count,
    empty_network,
    integrity,
    reseau_argv,
    worker_argv,
)
from tui_reseau.diagnostics.worker import WORKER_TAGS

DEMO_CONTACTS = 1000
IMPORT_CONTACTS = 1000
POLL_S = 0.001
WAIT_FOR_WRITE_S = 30.0


def _demo_whole(path: Path) -> str:
    """The demo is one transaction: no contact and nothing else, or all of it."""
    contacts = count(path, "SELECT COUNT(*) FROM contact")
    interactions = count(path, "SELECT COUNT(*) FROM interaction")
    if contacts == 0 and interactions == 0:
        return ""
    if contacts == DEMO_CONTACTS and interactions > 0:
        return ""
    return f"démo à moitié : {contacts} contacts, {interactions} échanges"


def _saves_whole(path: Path) -> str:
    """Each save is one transaction: every contact has its three tags."""
    contacts = count(path, "SELECT COUNT(*) FROM contact")
    whole = count(
        path,
        "SELECT COUNT(*) FROM contact c WHERE (SELECT COUNT(*) FROM contact_tag t"
        " WHERE t.contact_id = c.id AND t.name IN (?, ?, ?)) = 3",
        WORKER_TAGS,
    )
    return "" if whole == contacts else f"{contacts - whole} contacts sans toutes leurs étiquettes"


def _import_whole(path: Path) -> str:
    """An import is one transaction: none of its people, or all of them."""
    contacts = count(path, "SELECT COUNT(*) FROM contact")
    if contacts in (0, IMPORT_CONTACTS):
        return ""
    return f"import à moitié : {contacts} contacts sur {IMPORT_CONTACTS}"


def linkedin_export(folder: Path) -> Path:
    """A LinkedIn « Connections.csv » of :data:`IMPORT_CONTACTS` people (written once)."""
    path = folder / "Connections.csv"
    if not path.exists():
        lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
        lines += [
            f"Prénom{n},Importé{n},https://www.linkedin.com/in/importe-{n},"
            f"importe{n}@exemple.fr,Société {n % 50},Gérant,12 Mar 2025"
            for n in range(IMPORT_CONTACTS)
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True, slots=True)
class Workload:
    """A writing command to kill: its command line for a database, and its all-or-nothing
    rule (returns "" when the file holds whole transactions only, else what is wrong)."""

    name: str
    argv: Callable[[Path], list[str]]
    whole: Callable[[Path], str]


WORKLOADS: tuple[Workload, ...] = (
    Workload(
        "reseau demo",
        lambda db: reseau_argv("demo", "--db", str(db), "--contacts", str(DEMO_CONTACTS)),
        _demo_whole,
    ),
    Workload(
        "enregistrements (domaine)",
        lambda db: worker_argv(str(db), "--count", "60", "--prefix", "Crash", "--edit-every", "4"),
        _saves_whole,
    ),
    Workload(
        "reseau import linkedin",
        lambda db: reseau_argv(
            "import", "linkedin", str(linkedin_export(db.parent)), "--skip", "--db", str(db)
        ),
        _import_whole,
    ),
    Workload(
        "reseau add",
        lambda db: [
            *reseau_argv("add", "Crash Test", "--circle", "1", "--db", str(db)),
            *("--tags", ",".join(WORKER_TAGS), "--note", "tué en plein vol ?"),
        ],
        _saves_whole,
    ),
)


@dataclass(slots=True)
class CrashResult:
    """What a series of SIGKILLs left behind."""

    rounds: int = 0
    killed_running: int = 0  # the child was still running when killed
    killed_while_writing: int = 0  # ... and its -wal file already held data
    survived: int = 0  # rounds whose file passed integrity_check and the all-or-nothing rule
    by_workload: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.survived == self.rounds and not self.failures


def _fresh_copy(folder: Path, template: Path) -> Path:
    db = folder / "victime.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, db)
    os.chmod(db, 0o600)
    return db


def _start(folder: Path, workload: Workload, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        workload.argv(db),
        env=child_env(folder),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for_write(child: subprocess.Popen[bytes], wal: Path) -> None:
    """Return as soon as the -wal file holds data (or the child is gone)."""
    deadline = time.monotonic() + WAIT_FOR_WRITE_S
    while child.poll() is None and time.monotonic() < deadline:
        with contextlib.suppress(FileNotFoundError):
            if wal.stat().st_size > 0:
                return
        time.sleep(POLL_S)


def time_writing(folder: Path, template: Path, workload: Workload) -> float:
    """How long ``workload`` writes when nobody kills it: first data in -wal to exit (s)."""
    db = _fresh_copy(folder, template)
    child = _start(folder, workload, db)
    _wait_for_write(child, Path(f"{db}-wal"))
    start = time.perf_counter()
    child.wait()
    return time.perf_counter() - start


def kill_round(
    folder: Path, template: Path, workload: Workload, after: float
) -> tuple[bool, bool, str]:
    """One round: kill ``workload`` ``after`` seconds into its writing. Returns (killed while
    running, killed while writing, "" or what is wrong with the file afterwards)."""
    db = _fresh_copy(folder, template)
    wal = Path(f"{db}-wal")
    child = _start(folder, workload, db)
    _wait_for_write(child, wal)
    wrote = child.poll() is None
    with contextlib.suppress(subprocess.TimeoutExpired):
        child.wait(timeout=after)
    running = child.poll() is None
    if running:
        child.send_signal(signal.SIGKILL)
    child.wait()
    verdict = integrity(db)
    if verdict != "ok":
        return running, running and wrote, f"integrity_check : {verdict}"
    return running, running and wrote, workload.whole(db)


def run_crash_loop(folder: Path, *, kills: int = 10, seed: int = 2026) -> CrashResult:
    """Kill ``kills`` writing processes (the workloads in turn) and check each file after."""
    rng = random.Random(seed)
    start = time.perf_counter()
    template = empty_network(folder / "modele.db")
    durations = {w.name: time_writing(folder, template, w) for w in WORKLOADS[:kills]}
    result = CrashResult()
    for round_ in range(kills):
        workload = WORKLOADS[round_ % len(WORKLOADS)]
        after = rng.uniform(0, durations[workload.name])
        running, writing, wrong = kill_round(folder, template, workload, after)
        result.rounds += 1
        result.killed_running += running
        result.killed_while_writing += writing
        if wrong:
            result.failures.append(f"tour {round_ + 1} ({workload.name}) : {wrong}")
        else:
            result.survived += 1
            result.by_workload[workload.name] = result.by_workload.get(workload.name, 0) + 1
    result.seconds = time.perf_counter() - start
    return result
