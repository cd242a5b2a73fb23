"""Start-up time of ``reseau`` against an empty Textual app, measured in the same run.

    .venv/bin/python benchmarks/bench_startup.py [--sizes 150,100000] [--runs 7] [--keep DIR]

Each measure is a new process (as a user launches it): from spawn to the process's end, the
app quitting as soon as its first screen can be used — for reseau, the contact list holding
contacts with the rows on screen read, the cursor on one of them (a first screenful is read with
LIMIT while Textual starts, and the main screen waits for it before its first paint; the rest
of the ids, the footer, the card and the search index follow); for the baseline, an empty
``App`` that has mounted and refreshed. Textual starts the harness below once the main screen
has mounted, after that first paint. Quitting is part of the measure: work still running then
(reading 100,000 ids) must stop at once. Both run headless with the same harness, so their
ratio is what the application adds to Textual's own start-up (the issue asks for < 1.5).
Bytecode is cached as after a ``pip install`` (PYTHONDONTWRITEBYTECODE is dropped).

Two reseau columns: as the README's quick start installs it (``pip install .``: no PostgreSQL
driver — the ratio the issue's target applies to), and with psycopg2 present (the test
environment, or ``pip install '.[postgres]'``), which Peewee imports at start whenever it is
installed (about 14 ms here). The first is measured by making ``import psycopg2`` fail in the
child, which is what Peewee meets on a machine without the driver.

The machine is shared and noisy: run it several times and compare ratios, not milliseconds.
The last column, CPU time (user + system, every thread) of reseau as installed over the
baseline's, is less disturbed by other programs; it counts the work of the reading threads too.
The demo databases are built with ``reseau demo --contacts N``; ``--keep DIR`` keeps them there
and reuses them on the next run (100,000 contacts take 15 to 20 seconds to write).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BASELINE = """
from textual.app import App
class Empty(App):
    def on_mount(self):
        self.call_after_refresh(self.exit)
Empty().run(headless=True, size=(120, 36))
"""

WITHOUT_DRIVER = "import sys; sys.modules['psycopg2'] = None  # as after `pip install .`\n"

RESEAU = """
import sys
from tui_reseau.locations import DbTarget
from tui_reseau.ui.app import make_app
from tui_reseau.ui.widgets.contact_list import ContactList

app = make_app(DbTarget(path=__import__("pathlib").Path(sys.argv[1])))

async def until_ready(pilot):
    import asyncio
    while True:
        try:
            contacts = app.screen.query_one(ContactList)
            if contacts.ids and contacts.current_id in contacts._rows:
                break
        except Exception:
            pass
        await asyncio.sleep(0.002)
    app.exit()

app.run(headless=True, size=(120, 36), auto_pilot=until_ready)
"""


ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "RESEAU_DB")}


def _time(code: str, *args: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, all threads) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def make_db(folder: Path, contacts: int) -> Path:
    """A demo database of ``contacts`` people in ``folder`` (reused if already there)."""
    path = folder / f"demo-{contacts}.db"
    if path.exists():
        return path
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tui_reseau",
            "demo",
            "--db",
            str(path),
            "--contacts",
            str(contacts),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env=ENV,
    )
    return path


def measure(folder: Path, sizes: list[int], runs: int = 7) -> list[dict[str, float]]:
    """Median start-up seconds of the baseline and of reseau per network size, and their ratio."""
    rows = []
    for size in sizes:
        db = make_db(folder, size)
        _time(RESEAU, str(db))  # warm the page cache and the bytecode once
        baseline, reseau, with_driver, base_cpu, reseau_cpu = [], [], [], [], []
        for _ in range(runs):  # interleaved: all see the same machine load
            wall, cpu = _time(BASELINE)
            baseline.append(wall)
            base_cpu.append(cpu)
            wall, cpu = _time(WITHOUT_DRIVER + RESEAU, str(db))
            reseau.append(wall)
            reseau_cpu.append(cpu)
            with_driver.append(_time(RESEAU, str(db))[0])
        base, app = statistics.median(baseline), statistics.median(reseau)
        driver = statistics.median(with_driver)
        cpu_ratio = statistics.median(reseau_cpu) / statistics.median(base_cpu)
        rows.append(
            {
                "contacts": size,
                "baseline_s": base,
                "reseau_s": app,
                "ratio": app / base,
                "driver_s": driver,
                "driver_ratio": driver / base,
                "cpu_ratio": cpu_ratio,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="150,10000,100000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="dossier où garder les bases de démonstration")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Démarrage jusqu'à un écran utilisable — {dt.date.today()}, médiane de {args.runs}")
    print(
        f"{'contacts':>9} | {'Textual vide':>12} | {'reseau':>8} | {'rapport':>7} | "
        f"{'avec psycopg2':>13} | {'rapport':>7} | {'rapport CPU':>11}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.keep is not None:
            folder = args.keep
            folder.mkdir(parents=True, exist_ok=True)
        for row in measure(folder, sizes, args.runs):
            print(
                f"{row['contacts']:>9} | {row['baseline_s'] * 1000:>9.0f} ms | "
                f"{row['reseau_s'] * 1000:>5.0f} ms | {row['ratio']:>7.2f} | "
                f"{row['driver_s'] * 1000:>10.0f} ms | {row['driver_ratio']:>7.2f} | "
                f"{row['cpu_ratio']:>11.2f}"
            )
    print("Objectif (issue 7) : rapport < 1,5 tel qu'installé par le démarrage rapide.")


if __name__ == "__main__":
    main()
