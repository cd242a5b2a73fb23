"""Proof: hostile text is stored exactly and printed literally and safely by the shell commands.

For each sample of :data:`tui_reseau.hostile.HOSTILE_SAMPLES`, one contact: its name given to
the real ``reseau add`` (short samples), its company, notes (whole), a memorised detail and a
follow-up reason through the domain services, each cut to its field's limit: all must be stored
exactly, but for NUL, which the services refuse. What is refused is written as is, as another
program might, so that the display is proven on it too. Then
``reseau brief`` of each contact and ``reseau search`` (and ``--json``) run to a pipe and to a
pseudo-terminal; their output must hold no control character but the line feed, no bidi
override, no escape sequence except our own colours (SGR) on a terminal, and markup literally.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tui_reseau.diagnostics.sandbox import (
    CHILD_TIMEOUT_S,
    child_env,
    empty_network,
    reseau_argv,
    run_child,
)
from tui_reseau.hostile import HOSTILE_SAMPLES

WITNESS_ROLE = "Témoin hostile"
COMPANY_MAX = 200  # the contact form's limit for « Entreprise »
# The only sequences ``reseau brief`` sends a terminal: the SGR of its styles (bold, dim,
# italic, underline, red) and their reset.
_SGR = re.compile(r"\x1b\[(?:0|1|2|3|4|31|1;4|1;31|2;3)?m")
_FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
PTY_SIZE = (30, 100)  # rows, columns


@dataclass(slots=True)
class SampleReport:
    """What became of one hostile sample."""

    name: str
    text: str
    contact_id: int = 0
    stored: dict[str, str] = field(default_factory=dict)  # field -> "accepté" / "refusé"
    problems: list[str] = field(default_factory=list)


@dataclass(slots=True)
class HostileResult:
    """Every sample's report, and the search runs' problems."""

    samples: list[SampleReport]
    search_problems: list[str]
    outputs_checked: int
    seconds: float

    @property
    def problems(self) -> list[str]:
        found = [f"{s.name} : {p}" for s in self.samples for p in s.problems]
        return found + self.search_problems

    @property
    def ok(self) -> bool:
        return not self.problems


def as_stored(text: str, *, multiline: bool) -> str:
    """What the validation keeps of accepted text: as given, stripped (\\r\\n as \\n if multiline)."""
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def output_problems(output: str, *, terminal: bool) -> list[str]:
    """What in a command's output a terminal would act on (empty list when it is inert)."""
    if terminal:
        output = _SGR.sub("", output).replace("\r\n", "\n")
    found = sorted({f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(output)})
    return [f"caractère dangereux imprimé : {', '.join(found)}"] if found else []


def literal_token(text: str) -> str:
    """A piece of markup the output must show as typed ("" when the sample has none)."""
    if "[" not in text and "$" not in text:
        return ""
    if _FORBIDDEN.search(text):
        return ""
    return max(text.split(), key=len)


def run_on_pty(argv: Sequence[str], env: dict[str, str], timeout: float) -> tuple[int, str]:
    """Run ``argv`` with its output on a new pseudo-terminal; return (exit code, output)."""
    master, slave = pty.openpty()
    rows, cols = PTY_SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    child = subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env={**env, "TERM": "xterm-256color"},
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    poller = select.poll()  # not select.select: it fails on descriptors above 1023
    poller.register(master, select.POLLIN)
    try:
        while time.monotonic() < deadline:
            if poller.poll(100):
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
            elif child.poll() is not None:
                break
    finally:
        os.close(master)
    try:
        code = child.wait(timeout=max(0.1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        child.kill()
        code = child.wait()
    return code, b"".join(chunks).decode("utf-8", "replace")


def _add_by_command(folder: Path, db: Path, report: SampleReport) -> None:
    """The sample as a name, through the real ``reseau add``; raw if refused."""
    from tui_reseau.store.models import Contact

    short = report.text[:100]
    if "\x00" in short:  # no shell can pass a NUL byte in an argument
        report.stored["nom"] = "impossible en argument"
    else:
        result = run_child(reseau_argv("add", short, "--circle", "2", "--db", str(db)), folder)
        for stream in (result.stdout, result.stderr):
            report.problems += [
                f"reseau add : {p}" for p in output_problems(stream, terminal=False)
            ]
        if "Traceback" in result.stderr or "erreur inattendue" in result.stderr:
            report.problems.append(f"reseau add : erreur non expliquée : {result.stderr[-300:]}")
        if result.returncode == 0:
            report.stored["nom"] = "accepté"
            report.contact_id = Contact.select().order_by(Contact.id.desc()).get().id
            stored = Contact.get_by_id(report.contact_id).full_name
            expected = as_stored(" ".join(w for w in short.split(" ") if w), multiline=False)
            if stored != expected:
                report.problems.append(f"nom enregistré autrement : {stored[:60]!r}")
            return
        report.stored["nom"] = "refusé"
        if not result.stderr.startswith("reseau : "):
            report.problems.append(f"reseau add : refus sans message clair : {result.stderr[:200]}")
    contact = Contact.create(first_name=short, last_name="", circle=2, role=WITNESS_ROLE)
    report.contact_id = contact.id


def _fill_by_services(report: SampleReport, today: dt.date) -> None:
    """Company and notes, a detail and a follow-up reason: through the services, else raw."""
    from tui_reseau.domain.agenda import REASON_MAX_LENGTH, create_follow_up
    from tui_reseau.domain.contacts import ValidationErrors, draft_of, save_contact
    from tui_reseau.domain.details import DETAIL_MAX_LENGTH, add_detail
    from tui_reseau.domain.validation import ValidationError
    from tui_reseau.store.models import Contact, FollowUp, MemorisedDetail

    cid, text = report.contact_id, report.text
    company = text[:COMPANY_MAX]  # one-line fields have their limits; notes take it whole
    try:
        draft = draft_of(cid)
        draft.company, draft.notes, draft.role = company, text, WITNESS_ROLE
        save_contact(draft, cid, today=today)
        report.stored["entreprise, notes"] = "accepté"
        contact = Contact.get_by_id(cid)
        if contact.company != as_stored(company, multiline=False) or contact.notes != as_stored(
            text, multiline=True
        ):
            report.problems.append("entreprise ou notes enregistrées autrement")
    except (ValidationErrors, ValidationError):
        report.stored["entreprise, notes"] = "refusé"
        Contact.update(company=text, notes=text, role=WITNESS_ROLE).where(
            Contact.id == cid
        ).execute()
    detail_text, reason = text[:DETAIL_MAX_LENGTH], text[:REASON_MAX_LENGTH]
    try:
        detail = add_detail(cid, "passion", detail_text, today)
        report.stored["détail"] = "accepté"
        if MemorisedDetail.get_by_id(detail).text != as_stored(detail_text, multiline=True):
            report.problems.append("détail enregistré autrement")
    except ValidationError:
        report.stored["détail"] = "refusé"
        MemorisedDetail.create(contact=cid, kind="passion", text=text, noted_on=today)
    due = today + dt.timedelta(days=3)
    try:
        follow_up = create_follow_up(cid, due, reason, today=today)
        report.stored["relance"] = "accepté"
        if FollowUp.get_by_id(follow_up).reason != as_stored(reason, multiline=False):
            report.problems.append("motif de relance enregistré autrement")
    except ValidationError:
        report.stored["relance"] = "refusé"
        FollowUp.create(contact=cid, due_on=due, reason=text)


def _check_brief(folder: Path, db: Path, report: SampleReport) -> int:
    """``reseau brief`` of the sample's contact, to a pipe and to a terminal; runs made."""
    argv = reseau_argv("brief", str(report.contact_id), "--db", str(db))
    start = time.perf_counter()
    piped = run_child(argv, folder)
    code, on_tty = run_on_pty(argv, child_env(folder), CHILD_TIMEOUT_S)
    if time.perf_counter() - start > CHILD_TIMEOUT_S:
        report.problems.append("reseau brief trop lent")
    for where, rc, out in (
        ("tube", piped.returncode, piped.stdout + piped.stderr),
        ("terminal", code, on_tty),
    ):
        if rc != 0:
            report.problems.append(f"reseau brief ({where}) : code {rc} : {out[-200:]!r}")
        report.problems += [
            f"reseau brief ({where}) : {p}"
            for p in output_problems(out, terminal=where == "terminal")
        ]
    token = literal_token(report.text)
    if token and token not in piped.stdout:
        report.problems.append(f"reseau brief : {token!r} n'est pas imprimé tel quel")
    return 2


def _check_search(folder: Path, db: Path, reports: Sequence[SampleReport]) -> list[str]:
    """``reseau search`` of every witness at once: text, terminal, JSON."""
    from tui_reseau.store.models import Contact

    argv = reseau_argv("search", WITNESS_ROLE, "--limit", "1000", "--db", str(db))
    problems: list[str] = []
    piped = run_child(argv, folder)
    code, on_tty = run_on_pty(argv, child_env(folder), CHILD_TIMEOUT_S)
    as_json = run_child([*argv, "--json"], folder)
    for where, rc, out, tty in (
        ("tube", piped.returncode, piped.stdout + piped.stderr, False),
        ("terminal", code, on_tty, True),
        ("JSON", as_json.returncode, as_json.stdout + as_json.stderr, False),
    ):
        if rc != 0:
            problems.append(f"reseau search ({where}) : code {rc} : {out[-200:]!r}")
        problems += [f"reseau search ({where}) : {p}" for p in output_problems(out, terminal=tty)]
    try:
        found = {row["id"]: row for row in json.loads(as_json.stdout or "[]")}
    except json.JSONDecodeError as exc:
        return [*problems, f"reseau search --json : JSON illisible ({exc})"]
    for report in reports:
        row = found.get(report.contact_id)
        if row is None:
            problems.append(f"reseau search : {report.name} absent des résultats")
            continue
        contact = Contact.get_by_id(report.contact_id)
        if row["name"] != contact.full_name or row["company"] != contact.company:
            problems.append(f"reseau search --json : {report.name} ne redonne pas le texte exact")
    return problems


def run_hostile_cli(folder: Path, *, samples: dict[str, str] | None = None) -> HostileResult:
    """Store every sample and check what ``brief`` and ``search`` print of it."""
    from tui_reseau.locations import DbTarget
    from tui_reseau.store.database import close_database, open_database

    start = time.perf_counter()
    db = empty_network(folder / "hostile.db")
    today = dt.date.today()
    reports = [SampleReport(name, text) for name, text in (samples or HOSTILE_SAMPLES).items()]
    open_database(DbTarget(path=db))
    try:
        for report in reports:
            _add_by_command(folder, db, report)
            _fill_by_services(report, today)
    finally:
        close_database()
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = sum(pool.map(lambda r: _check_brief(folder, db, r), reports))
    open_database(DbTarget(path=db))
    try:
        search_problems = _check_search(folder, db, reports)
    finally:
        close_database()
    return HostileResult(reports, search_problems, runs + 3, time.perf_counter() - start)
