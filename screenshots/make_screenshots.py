"""Regenerate the screenshots of the README from the demo network (fixed day, fixed seed).

    .venv/bin/python screenshots/make_screenshots.py

Writes SVG files beside this script, through the same app factory as the CLI and the tests.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tui_reseau.domain.demo import generate_demo  # noqa: E402
from tui_reseau.locations import DbTarget  # noqa: E402
from tui_reseau.store.database import close_database  # noqa: E402
from tui_reseau.ui.app import make_app  # noqa: E402

TODAY = dt.date(2026, 11, 26)

Steps = Callable[[Pilot], Awaitable[None]]


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


SHOTS: dict[str, tuple[tuple[int, int], tuple[str, ...]]] = {
    "main": ((120, 36), ("down", "down", "down")),
    "card": ((120, 36), ("down", "down", "down", "tab")),
    "search": ((120, 36), ("slash", *"boulanger amiens")),
    "map": ((120, 36), ("c",)),
    "agenda": ((120, 36), ("g",)),
    "meeting": ((120, 36), ("down", "down", "down", "m")),
    "metrics": ((120, 36), ("I",)),
    "pipeline": ((120, 36), ("O",)),
    "events": ((120, 36), ("E",)),
    "community": ((120, 36), ("C", "enter")),
    "exchanges": ((120, 36), ("R", "3")),
    "main-80x24": ((80, 24), ()),
    "card-80x24": ((80, 24), ("down", "down", "down", "enter")),
}


async def shoot(db: Path, name: str, size: tuple[int, int], keys: tuple[str, ...]) -> Path:
    app = make_app(DbTarget(path=db), today=TODAY)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        path = HERE / f"{name}.svg"
        app.save_screenshot(filename=path.name, path=str(HERE))
    close_database()
    return path


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        from tui_reseau.store.database import open_database

        open_database(DbTarget(path=db))
        generate_demo(today=TODAY)
        close_database()
        for name, (size, keys) in SHOTS.items():
            print(await shoot(db, name, size, keys))


if __name__ == "__main__":
    asyncio.run(main())
