"""The real ``reseau`` in a real terminal (tmux): start-up, search, card, quit, key bursts.

What only a terminal shows: the program starts on a usable screen under several TERM values and
NO_COLOR, and a burst of keys written at once — as SSH bundles them — is read as typing, never
as a destructive command.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux absent (installé par .ci/run)"),
]

RESEAU = str(Path(sys.executable).with_name("reseau"))
FOOTER_MARK = "palette"  # the footer's last item: once drawn, keys are read


class Terminal:
    def __init__(self, session: str) -> None:
        self.session = session

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", *args], capture_output=True, text=True, check=True, timeout=20
        ).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"« {text} » jamais affiché ; écran :\n{self.screen()}")

    def burst(self, text: str) -> None:
        """Write ``text`` to the program in one write, as a paste or an SSH packet would."""
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    subprocess.run([RESEAU, "demo", "--db", str(db)], check=True, capture_output=True)
    return db


def contact_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM contact").fetchone()[0]


@pytest.fixture
def terminal_factory(tmp_path: Path) -> Iterator:
    sessions: list[str] = []

    def start(db: Path, size: tuple[int, int], env: dict[str, str]) -> Terminal:
        session = f"reseau-{uuid.uuid4().hex[:8]}"
        sessions.append(session)
        environment = " ".join(f"{k}={v}" for k, v in env.items())
        command = f"env {environment} HOME={tmp_path} {RESEAU} --db {db}"
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                session,
                "-x",
                str(size[0]),
                "-y",
                str(size[1]),
                command,
            ],
            check=True,
            env={k: v for k, v in os.environ.items() if k != "TMUX"},
        )
        return Terminal(session)

    yield start
    for session in sessions:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


CASES = [
    pytest.param((80, 24), {"TERM": "xterm-256color"}, id="80x24-xterm-256color"),
    pytest.param((120, 36), {"TERM": "xterm-256color"}, id="120x36-xterm-256color"),
    pytest.param((80, 24), {"TERM": "linux"}, id="80x24-linux"),
    pytest.param((120, 36), {"TERM": "xterm-256color", "NO_COLOR": "1"}, id="120x36-no-color"),
]


@pytest.mark.parametrize(("size", "env"), CASES)
def test_start_search_open_card_and_quit(terminal_factory, demo_db: Path, size, env) -> None:
    term = terminal_factory(demo_db, size, env)
    term.wait_for(FOOTER_MARK)
    term.wait_for("150 contacts")
    term.burst("/dupont")
    shown = term.wait_for("Dupont")
    assert "résultat" in shown
    term.keys("Enter")
    term.wait_for("Cercle")  # the card is shown (beside the list, or full screen at 80×24)
    term.keys("C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if subprocess.run(
            ["tmux", "has-session", "-t", term.session], capture_output=True
        ).returncode:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("reseau ne s'est pas fermé avec ctrl+q")
    assert contact_count(demo_db) == 150


def test_a_burst_of_keys_never_triggers_a_deletion(terminal_factory, demo_db: Path) -> None:
    term = terminal_factory(demo_db, (120, 36), {"TERM": "xterm-256color"})
    term.wait_for(FOOTER_MARK)
    # The delete key, then letters and Enter in the same write: the dialog must not confirm.
    term.tmux("send-keys", "-t", term.session, "DC", "o", "u", "i", "y", "Enter", "s", "d")
    time.sleep(1.0)
    term.burst("/dupont")
    term.wait_for("Dupont")
    assert contact_count(demo_db) == 150
