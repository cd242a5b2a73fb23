"""Time the circle map: its data (``map_data``) and its drawing (``CircleMap``), on demo networks.

    .venv/bin/python benchmarks/bench_map.py                  # 1 000, 10 000 and 100 000 contacts
    .venv/bin/python benchmarks/bench_map.py 2000 50000       # other sizes

Each size is generated with ``generate_demo`` into a new SQLite file in a temporary folder
(deleted afterwards; the generation is not timed), opened through ``open_database``. Figures are
medians of five runs after one warm-up, in milliseconds:

* ``map_data``: the five queries and the flags and counts made in Python;
* ``géométrie``: rings, sectors and marker places for one size (done once per resize);
* ``dessin``: every line of the widget for a given map and selection (done on each change);
  measured on a ``CircleMap`` mounted in a headless app (``App.run_test``) at each terminal size.

The issue's targets: ``map_data`` well under 1 s at 100 000 contacts, a redraw under 50 ms at
10 000.
"""

from __future__ import annotations

import asyncio
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

from textual.app import App, ComposeResult  # noqa: E402

from tui_reseau.domain.demo import generate_demo  # noqa: E402
from tui_reseau.domain.network_map import NetworkMap, map_data  # noqa: E402
from tui_reseau.locations import DbTarget  # noqa: E402
from tui_reseau.store.database import close_database, open_database  # noqa: E402
from tui_reseau.ui.widgets.circle_map import CircleMap, build_geometry  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
TERMINALS = ((80, 24), (120, 36), (200, 60))
TODAY = dt.date(2026, 11, 25)
RUNS = 5


def median_ms(action: Callable[[], object]) -> float:
    """Median duration of ``action`` over RUNS runs, after one warm-up."""
    action()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


class MapApp(App[None]):
    """Nothing but the map, the whole screen."""

    def compose(self) -> ComposeResult:
        yield CircleMap()


async def drawing_ms(network: NetworkMap, size: tuple[int, int]) -> tuple[float, float]:
    """(geometry, drawing) in ms for ``network`` on a terminal of ``size``."""
    app = MapApp()
    async with app.run_test(size=size) as pilot:
        widget = app.query_one(CircleMap)
        widget.show(network)
        widget.select(1, "lille")
        await pilot.pause()
        width, height = widget.size
        geometry = median_ms(lambda: build_geometry(width, height))
        drawing = median_ms(widget.draw)
    return geometry, drawing


def measure(contacts: int, folder: Path) -> list[tuple[str, str, float]]:
    """(what, where, milliseconds) for one demo network of ``contacts``."""
    database = open_database(DbTarget(path=folder / f"map-{contacts}.db"))
    try:
        generate_demo(contacts=contacts, today=TODAY)
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        rows = [("map_data()", "", median_ms(lambda: map_data(TODAY)))]
        network = map_data(TODAY)
        for size in TERMINALS:
            geometry, drawing = asyncio.run(drawing_ms(network, size))
            where = f"{size[0]}×{size[1]}"
            rows += [("géométrie", where, geometry), ("dessin", where, drawing)]
        return rows
    finally:
        close_database()


def main(argv: list[str]) -> None:
    sizes = [int(arg.replace("_", "")) for arg in argv] or list(SIZES)
    print(f"{'contacts':>9} | {'mesure':<12} | {'terminal':<8} | {'ms':>7}")
    print(f"{'-' * 9}-+-{'-' * 12}-+-{'-' * 8}-+-{'-' * 7}")
    with tempfile.TemporaryDirectory(prefix="bench-map-") as tmp:
        for contacts in sizes:
            for label, where, ms in measure(contacts, Path(tmp)):
                count = f"{contacts:,}".replace(",", " ")
                print(f"{count:>9} | {label:<12} | {where:<8} | {ms:>7.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
