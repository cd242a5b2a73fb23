"""Time the pipeline, the recommendations with their results and the give/take balance.

    .venv/bin/python benchmarks/bench_exchanges.py             # 10 000 and 100 000 contacts
    .venv/bin/python benchmarks/bench_exchanges.py 2000 50000  # other sizes

Each size is generated with ``generate_demo`` into a new SQLite file in a temporary folder
(deleted afterwards), opened through the application's ``open_database``. Every figure is the
median of five runs on a warm connection, in milliseconds, and its ratio to the baseline: reading
every opportunity row as plain tuples, measured in the same run. The generation is not timed.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tui_reseau.domain.demo import generate_demo
from tui_reseau.domain.exchanges import balance_of, balances, recommendations, services
from tui_reseau.domain.opportunities import pipeline
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import close_database, open_database
from tui_reseau.store.models import Contact, Opportunity

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


def _cards(columns: object) -> int:
    return sum(len(c.cards) for c in columns)  # type: ignore[attr-defined]


def measure(contacts: int, folder: Path) -> list[tuple[str, float, int]]:
    """(what, milliseconds, rows returned) for one demo network of ``contacts``; baseline first."""
    database = open_database(DbTarget(path=folder / f"exchanges-{contacts}.db"))
    try:
        generate_demo(contacts=contacts, today=TODAY)
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        someone = Contact.select(Contact.id).where(Contact.circle == 2).scalar()
        cases: list[tuple[str, Callable[[], object], Callable[[object], int]]] = [
            (
                "référence : opportunités en tuples",
                lambda: list(Opportunity.select().tuples()),
                len,
            ),
            ("pipeline()", lambda: pipeline(TODAY), _cards),
            ("pipeline(this_year=True)", lambda: pipeline(TODAY, this_year=True), _cards),
            ("recommendations()", lambda: recommendations(TODAY), len),
            ("services()", lambda: services(), len),
            ("balances()", lambda: balances(), len),
            ("balance_of(un prescripteur)", lambda: balance_of(someone), lambda b: 1),
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
    print(f"{'contacts':>9} | {'mesure':<36} | {'ms':>7} | {'× réf.':>7} | {'lignes':>7}")
    print(f"{'-' * 9}-+-{'-' * 36}-+-{'-' * 7}-+-{'-' * 7}-+-{'-' * 7}")
    with tempfile.TemporaryDirectory(prefix="bench-exchanges-") as tmp:
        for contacts in sizes:
            results = measure(contacts, Path(tmp))
            baseline = results[0][1] or 1e-9
            for label, ms, rows in results:
                line = f"{contacts:>9,} | {label:<36} | {ms:>7.1f} | {ms / baseline:>7.1f} | {rows:>7,}"
                print(line.replace(",", " "))


if __name__ == "__main__":
    main(sys.argv[1:])
