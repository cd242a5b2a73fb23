"""Time ``generate_demo`` on growing networks: seconds, rows written per second, file size.

    .venv/bin/python benchmarks/bench_demo.py            # 1 000, 10 000 and 100 000 contacts
    .venv/bin/python benchmarks/bench_demo.py 2000 50000 # other sizes

Each size is written into a new SQLite file in a temporary folder (deleted afterwards), through
the same ``open_database`` as the application (WAL, foreign keys on).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from tui_reseau.domain.demo import WRITE_ORDER, generate_demo
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import close_database, open_database

SIZES = (1_000, 10_000, 100_000)
TODAY = dt.date(2026, 11, 26)


def run(contacts: int, folder: Path) -> tuple[float, int, float]:
    """(seconds, rows written, file size in MiB) for one demo network of ``contacts``."""
    path = folder / f"demo-{contacts}.db"
    database = open_database(DbTarget(path=path))
    try:
        start = time.perf_counter()
        generate_demo(contacts=contacts, today=TODAY)
        seconds = time.perf_counter() - start
        rows = sum(model.select().count() for model in WRITE_ORDER)
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        close_database()
    return seconds, rows, path.stat().st_size / 2**20


def main(argv: list[str]) -> None:
    sizes = [int(arg.replace("_", "")) for arg in argv] or list(SIZES)
    print(f"{'contacts':>9} | {'secondes':>8} | {'lignes':>9} | {'lignes/s':>8} | {'Mio':>7}")
    print(f"{'-' * 9}-+-{'-' * 8}-+-{'-' * 9}-+-{'-' * 8}-+-{'-' * 7}")
    with tempfile.TemporaryDirectory(prefix="bench-demo-") as tmp:
        for contacts in sizes:
            seconds, rows, mib = run(contacts, Path(tmp))
            print(
                f"{contacts:>9,} | {seconds:>8.2f} | {rows:>9,} | {rows / seconds:>8,.0f} | "
                f"{mib:>7.1f}".replace(",", " ")
            )


if __name__ == "__main__":
    main(sys.argv[1:])
