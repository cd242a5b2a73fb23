"""Time the agenda engine on demo networks: relations to revive, the agenda, the status counts.

    .venv/bin/python benchmarks/bench_agenda.py             # 10 000 and 100 000 contacts
    .venv/bin/python benchmarks/bench_agenda.py 2000 50000  # other sizes

Each size is generated with ``generate_demo`` into a new SQLite file in a temporary folder
(deleted afterwards), opened through the application's ``open_database``. Every figure is the
median of five runs on a warm connection, in milliseconds; the generation is not timed.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tui_reseau.domain.agenda import agenda, counts
from tui_reseau.domain.cadence import relations_to_revive
from tui_reseau.domain.demo import generate_demo
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import close_database, open_database

SIZES = (10_000, 100_000)
TODAY = dt.date(2026, 11, 25)
RUNS = 5


def median_ms(action: Callable[[], object]) -> tuple[float, object]:
    """Median duration of ``action`` over RUNS runs (after one warm-up), and its last result."""
    result = action()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def measure(contacts: int, folder: Path) -> list[tuple[str, float, int]]:
    """(what, milliseconds, rows returned) for one demo network of ``contacts``."""
    database = open_database(DbTarget(path=folder / f"agenda-{contacts}.db"))
    try:
        generate_demo(contacts=contacts, today=TODAY)
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        cases: list[tuple[str, Callable[[], object], Callable[[object], int]]] = [
            ("relations_to_revive()", lambda: relations_to_revive(TODAY), len),
            ("relations_to_revive(limit=50)", lambda: relations_to_revive(TODAY, 50), len),
            ("agenda()", lambda: agenda(TODAY), lambda a: a.total),
            ("agenda(horizon_days=7)", lambda: agenda(TODAY, horizon_days=7), lambda a: a.total),
            ("counts()", lambda: counts(TODAY), lambda c: c["open"]),
        ]
        rows = []
        for label, action, size in cases:
            ms, result = median_ms(action)
            rows.append((label, ms, size(result)))
        return rows
    finally:
        close_database()


def main(argv: list[str]) -> None:
    sizes = [int(arg.replace("_", "")) for arg in argv] or list(SIZES)
    print(f"{'contacts':>9} | {'mesure':<30} | {'ms':>7} | {'lignes':>7}")
    print(f"{'-' * 9}-+-{'-' * 30}-+-{'-' * 7}-+-{'-' * 7}")
    with tempfile.TemporaryDirectory(prefix="bench-agenda-") as tmp:
        for contacts in sizes:
            for label, ms, rows in measure(contacts, Path(tmp)):
                print(f"{contacts:>9,} | {label:<30} | {ms:>7.0f} | {rows:>7,}".replace(",", " "))


if __name__ == "__main__":
    main(sys.argv[1:])
