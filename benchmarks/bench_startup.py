"""Start-up time of ``reseau`` against an empty Textual app, measured in the same run.

    .venv/bin/python benchmarks/bench_startup.py [--sizes 150,100000] [--runs 7]

Each measure is a new process (as a user launches it): from spawn to the process's end, the
app quitting as soon as its first screen can be used — for reseau, the contact list holding
contacts with the rows on screen read (at start-up a first screenful is read with LIMIT; the
rest of the ids, the footer and the search index follow); for the baseline, an empty ``App``
that has mounted and refreshed. Quitting is part of the measure: work still running then
(reading 100,000 ids) must stop at once. Both run headless with the same harness, so their
ratio is what the application adds to Textual's own start-up (the issue asks for < 1.5).
Bytecode is cached as after a ``pip install`` (PYTHONDONTWRITEBYTECODE is dropped).

Two reseau columns: as the README's quick start installs it (``pip install .``: no PostgreSQL
driver — the ratio the issue's target applies to), and with psycopg2 present (the test
environment, or ``pip install '.[postgres]'``), which Peewee imports at start whenever it is
installed (about 14 ms here). The first is measured by making ``import psycopg2`` fail in the
child, which is what Peewee meets on a machine without the driver.

The machine is shared and noisy: run it several times and compare ratios, not milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT, env=ENV)
    return time.perf_counter() - start


def make_db(folder: Path, contacts: int) -> Path:
    path = folder / f"demo-{contacts}.db"
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
    )
    return path


def measure(sizes: list[int], runs: int = 7) -> list[dict[str, float]]:
    """Median start-up seconds of the baseline and of reseau per network size, and their ratio."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            db = make_db(Path(tmp), size)
            _time(RESEAU, str(db))  # warm the page cache and the bytecode once
            baseline, reseau, with_driver = [], [], []
            for _ in range(runs):  # interleaved: all see the same machine load
                baseline.append(_time(BASELINE))
                reseau.append(_time(WITHOUT_DRIVER + RESEAU, str(db)))
                with_driver.append(_time(RESEAU, str(db)))
            base, app = statistics.median(baseline), statistics.median(reseau)
            driver = statistics.median(with_driver)
            rows.append(
                {
                    "contacts": size,
                    "baseline_s": base,
                    "reseau_s": app,
                    "ratio": app / base,
                    "driver_s": driver,
                    "driver_ratio": driver / base,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="150,10000,100000")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Démarrage jusqu'à un écran utilisable — {dt.date.today()}, médiane de {args.runs}")
    print(
        f"{'contacts':>9} | {'Textual vide':>12} | {'reseau':>8} | {'rapport':>7} | "
        f"{'avec psycopg2':>13} | {'rapport':>7}"
    )
    for row in measure(sizes, args.runs):
        print(
            f"{row['contacts']:>9} | {row['baseline_s'] * 1000:>9.0f} ms | "
            f"{row['reseau_s'] * 1000:>5.0f} ms | {row['ratio']:>7.2f} | "
            f"{row['driver_s'] * 1000:>10.0f} ms | {row['driver_ratio']:>7.2f}"
        )
    print("Objectif (issue 7) : rapport < 1,5 tel qu'installé par le démarrage rapide.")


if __name__ == "__main__":
    main()
