"""Time the « Indicateurs » screen's computations on demo networks, over 12 months.

    .venv/bin/python benchmarks/bench_metrics.py              # 10 000 and 100 000 contacts
    .venv/bin/python benchmarks/bench_metrics.py 2000 50000   # other sizes
    .venv/bin/python benchmarks/bench_metrics.py --fresh      # rebuild the cached networks

Each size is generated with ``generate_demo`` (not timed) into an SQLite file opened through
``open_database``. Networks of 100 000 contacts and more are kept under
``/tmp/reseau-bench-metrics/`` to rerun quickly; smaller ones live in a temporary folder.
Figures are medians of seven runs after one warm-up, in milliseconds, each family alone then
the full report (``compute_metrics``), and the records behind two large figures. The screen
shows one section at a time and computes the one shown first (``compute_family``): what the
user waits for is the slowest family, printed as « écran : section la plus lente »; the CPU time of this process is printed too (the machine may be shared). The baseline, measured in the same run on the same file, is a
``SELECT circle, COUNT(*) FROM contact GROUP BY circle``: the ratio says how many such scans
of the contacts the metrics cost. Target (issue 5): the screen's compute under 200 ms at
100 000 contacts — checked on the slowest section, and reported for the full report too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from peewee import fn  # noqa: E402

from tui_reseau.domain.demo import generate_demo  # noqa: E402
from tui_reseau.domain.metrics import (  # noqa: E402
    FAMILIES,
    compute_family,
    compute_metrics,
    period_for,
    records,
)
from tui_reseau.domain.metrics.conversion import conversion  # noqa: E402
from tui_reseau.domain.metrics.discipline import discipline  # noqa: E402
from tui_reseau.domain.metrics.growth import growth  # noqa: E402
from tui_reseau.domain.metrics.recommendations import recommendations  # noqa: E402
from tui_reseau.domain.metrics.roi import roi  # noqa: E402
from tui_reseau.locations import DbTarget  # noqa: E402
from tui_reseau.store.database import close_database, open_database  # noqa: E402
from tui_reseau.store.models import Contact  # noqa: E402

SIZES = (10_000, 100_000)
CACHED_FROM = 100_000
CACHE = Path("/tmp/reseau-bench-metrics")
TODAY = dt.date(2026, 11, 25)
RUNS = 7
TARGET_MS = 200


def median_ms(action: Callable[[], object]) -> tuple[float, float]:
    """Median wall-clock and CPU durations of ``action`` over RUNS runs, after one warm-up.

    The CPU time (this process only) is less disturbed by the other work of a shared machine.
    """
    action()
    wall, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def network(contacts: int, folder: Path, fresh: bool) -> Path:
    """The SQLite file of a demo network of ``contacts`` (built if missing or ``fresh``)."""
    cached = contacts >= CACHED_FROM
    if cached:
        CACHE.mkdir(mode=0o700, exist_ok=True)
        folder = CACHE
    path = folder / f"metrics-{contacts}-{TODAY:%Y%m%d}.db"
    if path.exists() and not fresh:
        return path
    partial = path.with_suffix(".partial")
    for stale in (partial, path):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{stale}{suffix}").unlink(missing_ok=True)
    database = open_database(DbTarget(path=partial))
    try:
        print(f"(génération de {contacts:,} contacts…)".replace(",", " "), flush=True)
        generate_demo(contacts=contacts, today=TODAY)
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        close_database()
    partial.rename(path)  # only a complete network is ever reused
    return path


def measure(path: Path) -> list[tuple[str, float, float]]:
    """(what, wall-clock ms, CPU ms) on the network in ``path``."""
    open_database(DbTarget(path=path))
    try:
        period = period_for("12m", TODAY)
        report = compute_metrics(period)
        cases: list[tuple[str, Callable[[], object]]] = [
            ("référence : COUNT(*) contacts", lambda: Contact.select().count()),
            (
                "référence : GROUP BY cercle",
                lambda: list(
                    Contact.select(Contact.circle, fn.COUNT(Contact.id))
                    .group_by(Contact.circle)
                    .tuples()
                ),
            ),
            ("nouveaux qualifiés", lambda: growth(period)),
            ("conversion", lambda: conversion(period)),
            ("recommandations", lambda: recommendations(period)),
            ("temps investi", lambda: roi(period)),
            ("relances", lambda: discipline(period)),
            ("rapport complet (compute_metrics)", lambda: compute_metrics(period)),
            ("fiches : cohorte de conversion", lambda: records(report.conversion.overall.key)),
            ("fiches : 1re communauté", lambda: records(report.roi.communities[0].key)),
        ]
        figures = [(label, *median_ms(action)) for label, action in cases]
        sections = [
            (code, *median_ms(lambda code=code: compute_family(code, period))) for code in FAMILIES
        ]
        code, wall, cpu = max(sections, key=lambda row: row[1])
        return [*figures, (f"écran : section la plus lente ({code})", wall, cpu)]
    finally:
        close_database()


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", help="contacts per network")
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached networks")
    args = parser.parse_args(argv)
    sizes = [int(arg.replace("_", "")) for arg in args.sizes] or list(SIZES)
    rows: list[tuple[int, str, float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="bench-metrics-") as tmp:
        for contacts in sizes:
            figures = measure(network(contacts, Path(tmp), args.fresh))
            baseline = figures[1][1]
            rows += [(contacts, label, ms, cpu, ms / baseline) for label, ms, cpu in figures]
    print(
        f"{'contacts':>9} | {'mesure (12 derniers mois)':<38} | {'ms':>7} | {'ms CPU':>7}"
        f" | {'× réf.':>7}"
    )
    print(f"{'-' * 9}-+-{'-' * 38}-+-{'-' * 7}-+-{'-' * 7}-+-{'-' * 7}")
    for contacts, label, ms, cpu, times in rows:
        line = f"{contacts:>9,} | {label:<38} | {ms:>7.1f} | {cpu:>7.1f} | {times:>7.1f}"
        print(line.replace(",", " "))
    for contacts, label, ms, _, _ in rows:
        if label.startswith(("écran", "rapport complet")) and contacts >= 100_000:
            verdict = "tenu" if ms < TARGET_MS else "MANQUÉ"
            what = label.split(" (")[0]
            line = f"Objectif < {TARGET_MS} ms à {contacts:,} contacts — {what} : {verdict}"
            print(f"{line} ({ms:.0f} ms)".replace(",", " "))


if __name__ == "__main__":
    main(sys.argv[1:])
