"""Benchmark of search in the running app: keystroke -> results on screen, against Textual's floor.

Run:  .venv/bin/python benchmarks/bench_search_app.py [--sizes 1000,10000,100000] [--repeats 2]

Per size, a demo network of that many contacts is generated into a fresh SQLite file
(``generate_demo(contacts=N, seed=2026)``), then two headless apps run with ``App.run_test()``:

* floor: a tiny App with an Input whose ``on_input_changed`` only copies the value into a Label;
* search: the real ``reseau`` app; « / » opens the search dialog.

The same queries are typed key by key in both. For each key the time runs from just before
``pilot.press(key)`` to the moment the test sees the answer for the whole field: the Label showing
the value (floor), or ``SearchScreen.shown_query`` equal to the field's value (search). Pilot waits
for the app to be idle after each key, so the floor is Textual's own cost of one key (~40-60 ms);
the issue's target is search <= 1.2 x floor. The in-app columns time the same keys from the press
to the moment the app put the answer on screen (``shown_at``), without Pilot's idle wait.

``measure(sizes)`` returns the rows as dicts, for a future ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textual.app import App, ComposeResult  # noqa: E402
from textual.content import Content  # noqa: E402
from textual.widgets import Input, Label  # noqa: E402

from tui_reseau.domain.demo import generate_demo  # noqa: E402
from tui_reseau.locations import DbTarget  # noqa: E402
from tui_reseau.store.database import close_database, open_database  # noqa: E402
from tui_reseau.ui.app import make_app  # noqa: E402
from tui_reseau.ui.screens.search import SearchScreen  # noqa: E402

TODAY = dt.date(2026, 11, 26)
SEED = 2026
SIZE = (120, 36)
TARGET = 1.2
TIMEOUT = 10.0  # seconds to wait for one answer before giving up
POLL = 0.0005

# What people type before a meeting: names (with and without accents, a typo), places, a memorised
# detail, two-word queries. Typed one key at a time; the field is emptied (ctrl+u) between them.
QUERIES: tuple[str, ...] = (
    "dupont",
    "helene",
    "duppont",
    "boulanger amiens",
    "voile",
    "expert comptable lille",
    "wimereux",
    "lefevre",
)
WARM_UP = "lille"


class FloorApp(App[None]):
    """The same kind of Input, whose handler does nothing but show the value in a Label."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: str | None = None
        self.shown_at = 0.0

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Nom, entreprise, ville, détail…")
        yield Label("")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(Label).update(Content(event.value))
        self.shown = event.value
        self.shown_at = time.perf_counter()


async def _wait_for(condition: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("no answer within the time limit")
        await asyncio.sleep(POLL)


async def _type(
    pilot,
    queries: tuple[str, ...],
    answered: Callable[[str], bool],
    answered_at: Callable[[], float],
    clear: Callable[[], Awaitable[None]],
) -> tuple[list[float], list[float]]:
    """Type ``queries`` key by key; per key: seen time and in-app time, in ms."""
    seen: list[float] = []
    in_app: list[float] = []
    for query in queries:
        await clear()
        for i, key in enumerate(query):
            expected = query[: i + 1]
            start = time.perf_counter()
            await pilot.press(key)
            await _wait_for(lambda expected=expected: answered(expected))
            seen.append((time.perf_counter() - start) * 1000)
            in_app.append((answered_at() - start) * 1000)
    return seen, in_app


async def _floor(queries: tuple[str, ...]) -> tuple[list[float], list[float]]:
    app = FloorApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        async def clear() -> None:
            if app.query_one(Input).value:
                await pilot.press("ctrl+u")
                await _wait_for(lambda: app.shown == "")
            await pilot.pause()

        await _type(pilot, (WARM_UP,), lambda q: app.shown == q, lambda: app.shown_at, clear)
        return await _type(pilot, queries, lambda q: app.shown == q, lambda: app.shown_at, clear)


async def _search(
    db_path: Path, queries: tuple[str, ...], freeze_gc: bool
) -> tuple[list[float], list[float]]:
    app = make_app(DbTarget(path=db_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _wait_for(lambda: app.search.ready, timeout=600)  # start-up: the index is built
        await app.workers.wait_for_complete()
        await pilot.pause()
        if freeze_gc:  # what the app could do once its index is built (see --freeze-gc)
            gc.freeze()
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen), type(screen)
        assert app.search.ready

        def answered(query: str) -> bool:
            return screen.shown_query == query == screen.input.value

        async def clear() -> None:
            if screen.input.value:
                await pilot.press("ctrl+u")
                await _wait_for(lambda: answered(""))
            await pilot.pause()

        await _type(pilot, (WARM_UP,), answered, lambda: screen.shown_at, clear)
        return await _type(pilot, queries, answered, lambda: screen.shown_at, clear)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure_one(
    size: int, repeats: int = 2, *, freeze_gc: bool = False, folder: Path | None = None
) -> dict[str, float]:
    """Generate a network of ``size`` contacts, time both apps on the same keys; one row.

    The floor is measured before and after the search (machine load changes), both pooled.
    """
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        db_path = Path(tmp) / f"bench-{size}.db"
        open_database(DbTarget(path=db_path))
        started = time.perf_counter()
        generate_demo(contacts=size, seed=SEED, today=TODAY)
        generated = time.perf_counter() - started
        close_database()
        queries = QUERIES * repeats
        floor_seen, floor_app = asyncio.run(_floor(queries))
        search_seen, search_app = asyncio.run(_search(db_path, queries, freeze_gc))
        gc.unfreeze()
        close_database()
        after_seen, after_app = asyncio.run(_floor(queries))
        floor_seen += after_seen
        floor_app += after_app
    floor_median = statistics.median(floor_seen)
    search_median = statistics.median(search_seen)
    return {
        "size": size,
        "keys": len(search_seen),
        "generate_s": round(generated, 1),
        "floor_median_ms": round(floor_median, 1),
        "floor_p95_ms": round(_p95(floor_seen), 1),
        "search_median_ms": round(search_median, 1),
        "search_p95_ms": round(_p95(search_seen), 1),
        "ratio_median": round(search_median / floor_median, 2),
        "ratio_p95": round(_p95(search_seen) / _p95(floor_seen), 2),
        "floor_in_app_median_ms": round(statistics.median(floor_app), 2),
        "search_in_app_median_ms": round(statistics.median(search_app), 2),
        "search_in_app_p95_ms": round(_p95(search_app), 2),
    }


def measure(
    sizes: list[int], repeats: int = 2, *, freeze_gc: bool = False
) -> list[dict[str, float]]:
    """One row per size (see :func:`measure_one`)."""
    return [measure_one(size, repeats, freeze_gc=freeze_gc) for size in sizes]


def table(rows: list[dict[str, float]]) -> Iterator[str]:
    yield (
        f"{'contacts':>9} {'keys':>5} | {'floor med':>9} {'p95':>6} | {'search med':>10} "
        f"{'p95':>6} | {'ratio':>5} {'p95':>5} | {'in-app: floor':>13} {'search':>7} {'p95':>6}"
    )
    yield "-" * 98
    for r in rows:
        verdict = "ok" if r["ratio_median"] <= TARGET else "TOO SLOW"
        yield (
            f"{r['size']:>9,} {r['keys']:>5} | {r['floor_median_ms']:>9.1f} {r['floor_p95_ms']:>6.1f}"
            f" | {r['search_median_ms']:>10.1f} {r['search_p95_ms']:>6.1f}"
            f" | {r['ratio_median']:>5.2f} {r['ratio_p95']:>5.2f}"
            f" | {r['floor_in_app_median_ms']:>13.2f} {r['search_in_app_median_ms']:>7.2f}"
            f" {r['search_in_app_p95_ms']:>6.2f}  {verdict}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeats", type=int, default=2, help="times each query is typed")
    parser.add_argument(
        "--freeze-gc",
        action="store_true",
        help="gc.freeze() once the app has started (long-lived index out of the collector's way)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = []
    for size in sizes:
        row = measure_one(size, args.repeats, freeze_gc=args.freeze_gc)
        rows.append(row)
        print(f"{size:,} contacts: demo generated in {row['generate_s']} s", file=sys.stderr)
    print(
        f"\n{len(QUERIES)} queries x {args.repeats}, typed key by key; times in ms from "
        f"pilot.press(key) to the answer seen; ratio = search / floor (target <= {TARGET})"
        + ("; gc.freeze() after start-up" if args.freeze_gc else "")
    )
    for line in table(rows):
        print(line)


if __name__ == "__main__":
    main()
