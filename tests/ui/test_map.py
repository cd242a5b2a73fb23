"""The circle map as a user drives it: arrows, Tab, Entrée, Échap (real SQLite, known network)."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from tests.network import TODAY, settle, small_network_app
from tui_reseau.domain.contacts import ContactFilter
from tui_reseau.domain.demo import generate_demo
from tui_reseau.locations import DbTarget
from tui_reseau.ui.app import make_app
from tui_reseau.ui.screens.card import CardScreen
from tui_reseau.ui.screens.main import MainScreen
from tui_reseau.ui.screens.map import MapScreen
from tui_reseau.ui.widgets.circle_map import (
    OUTSIDE,
    SECTORS,
    CircleMap,
    build_geometry,
    region_of,
)

WIDE = (120, 36)


async def open_map(pilot, on_filter=None) -> CircleMap:
    await settle(pilot)
    pilot.app.push_screen(MapScreen(on_filter))
    await settle(pilot)
    return pilot.app.screen.query_one(CircleMap)


def status(app) -> str:
    return str(app.screen.query_one("#map-status").render())


def map_text(view: CircleMap) -> list[str]:
    return ["".join(segment.text for segment in strip) for strip in view.draw()]


async def test_arrows_move_between_rings_and_sectors_and_the_status_counts(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    messages: list[Message] = []
    async with app.run_test(size=WIDE, message_hook=messages.append) as pilot:
        view = await open_map(pilot)
        assert (view.circle, view.pole) == (None, None)
        assert "Tout le réseau : 6 contacts · 2 qualifiés · 1 relance en retard" in status(app)

        steps = [
            ("up", (3, None), "Cercle 3 : 1 contact · 0 qualifié · 1 à raviver"),
            ("up", (2, None), "Cercle 2 : 3 contacts · 1 qualifié · 2 à raviver"),
            ("right", (2, "lille"), "Cercle 2 · Lille Métropole : 1 contact · 1 qualifié"),
            ("up", (1, "lille"), "Cercle 1 · Lille Métropole : 1 contact · 0 qualifié"),
            ("up", (1, "lille"), None),  # the centre: it goes no further in
            ("left", (1, None), "Cercle 1 : 2 contacts · 1 qualifié · 1 relance en retard"),
            ("left", (1, "littoral"), "Cercle 1 · Littoral : 0 contact"),
            ("down", (2, "littoral"), None),
            ("down", (3, "littoral"), "Cercle 3 · Littoral : 1 contact · 0 qualifié"),
            ("down", (None, "littoral"), "Littoral : 1 contact"),
            ("down", (None, "littoral"), None),  # beyond the rings: the whole sector
            ("home", (None, None), "Tout le réseau"),
        ]
        for key, where, text in steps:
            await pilot.press(key)
            await settle(pilot)
            assert (view.circle, view.pole) == where, key
            if text is not None:
                assert text in status(app), (key, status(app))

    # One message per move; none when the key leads nowhere new.
    assert [(m.circle, m.pole) for m in messages if isinstance(m, CircleMap.SelectionChanged)] == [
        (3, None),
        (2, None),
        (2, "lille"),
        (1, "lille"),
        (1, None),
        (1, "littoral"),
        (2, "littoral"),
        (3, "littoral"),
        (None, "littoral"),
        (None, None),
    ]


async def test_right_turns_clockwise_through_the_five_poles_then_the_whole_ring(
    db_path: Path,
) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await open_map(pilot)
        seen = []
        for _ in range(6):
            await pilot.press("right")
            seen.append(view.pole)
        assert seen == ["lille", "region", "hors_region", "amiens", "littoral", None]


async def test_enter_on_a_sector_a_ring_or_a_cell_filters_the_list(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    chosen: list[ContactFilter] = []
    async with app.run_test(size=WIDE) as pilot:
        await open_map(pilot, chosen.append)
        await pilot.press(*["right"] * 4, "enter")  # the Amiens & Somme sector
        await settle(pilot)
        assert chosen == [ContactFilter(poles=frozenset({"amiens"}))]
        assert isinstance(app.screen, MainScreen)

        await open_map(pilot, chosen.append)
        await pilot.press("up", "up", "enter")  # ring 2
        await settle(pilot)
        assert chosen[-1] == ContactFilter(circles=frozenset({2}))

        await open_map(pilot, chosen.append)
        await pilot.press("up", "up", "up", "right", "enter")  # ring 1 × Lille
        await settle(pilot)
        assert chosen[-1] == ContactFilter(circles=frozenset({1}), poles=frozenset({"lille"}))
        assert chosen[-1].describe() == "cercle 1 · Lille"


async def test_tab_visits_the_contacts_of_a_cell_and_enter_opens_the_card(db_path: Path) -> None:
    app, ids = small_network_app(db_path)
    messages: list[Message] = []
    async with app.run_test(size=WIDE, message_hook=messages.append) as pilot:
        view = await open_map(pilot)
        await pilot.press("up", "up", "up", *["right"] * 4)  # ring 1 × Amiens: Hélène alone
        await settle(pilot)
        assert view.visitable() == [ids["helene"]]
        assert "Tab : parcourir la case" in status(app)
        await pilot.press("tab")
        await settle(pilot)
        assert view.contact_id == ids["helene"]
        assert "Hélène Vasseur" in status(app)
        await pilot.press("escape")  # back to the cell, not out of the map
        assert view.contact_id is None and isinstance(app.screen, MapScreen)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.contact_id == ids["helene"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MapScreen)  # read again, Hélène still highlighted
        assert view.contact_id == ids["helene"] and "Hélène Vasseur" in status(app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert [m.contact_id for m in messages if isinstance(m, CircleMap.ContactChosen)] == [
        ids["helene"]
    ]


async def test_tab_does_nothing_in_an_empty_cell_or_a_ring(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await open_map(pilot)
        await pilot.press("up", "tab")  # ring 3: a ring, not a cell
        assert view.contact_id is None
        await pilot.press("right", "right", "tab")  # ring 3 × Région: nobody there
        assert view.visitable() == [] and view.contact_id is None


async def test_without_on_filter_enter_on_an_area_stays_on_the_map(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=WIDE) as pilot:
        await open_map(pilot)
        await pilot.press("up", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MapScreen)
        assert "Entrée" not in status(app)


async def test_an_overdue_follow_up_is_marked_with_its_symbol_in_its_cell(db_path: Path) -> None:
    app, _ = small_network_app(db_path)
    async with app.run_test(size=WIDE) as pilot:
        view = await open_map(pilot)
        lines = map_text(view)
        # Hélène (ring 1, Amiens): qualified « ● », overdue follow-up « ! ».
        [(y, x)] = [(y, line.index("●!")) for y, line in enumerate(lines) if "●!" in line]
        assert view.geometry.regions[y][x] == region_of(1, "amiens")
        # Marc (ring 1, Lille): not qualified, no news for too long.
        assert any("○?" in line for line in lines)
        # Jean (ring 2, Lille): a qualified prescriber seen last week, nothing to do.
        [(y, x)] = [(y, line.index("◆ ")) for y, line in enumerate(lines) if "◆ " in line]
        assert view.geometry.regions[y][x] == region_of(2, "lille")
        text = "\n".join(lines)
        assert "Amiens & Somme" in text and "1 · !1" in text
        assert "Cercle 1 : 2   Cercle 2 : 3   Cercle 3 : 1" in text


async def test_a_crowded_cell_shows_its_count_not_markers(db_path: Path) -> None:
    app = make_app(DbTarget(path=db_path), today=TODAY)
    generate_demo(contacts=400, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_map(pilot)
        network = view.network
        assert network is not None
        count = network.cells[1, "lille"].contacts
        assert count > len(view.geometry.slots[region_of(1, "lille")])
        await pilot.press("up", "up", "up", "right")
        assert view.visitable() == []
        text = "\n".join(map_text(view))
        assert f" {count} " in text
        assert any(shade in text for shade in "░▒▓")


def test_rings_are_round_on_a_terminal_whose_cells_are_twice_as_tall_as_wide() -> None:
    for width, height in ((80, 19), (120, 31), (200, 55)):
        g = build_geometry(width, height)
        cells = [
            (x, y) for y, row in enumerate(g.regions) for x, r in enumerate(row) if r != OUTSIDE
        ]
        columns = max(x for x, _ in cells) - min(x for x, _ in cells) + 1
        rows = max(y for _, y in cells) - min(y for _, y in cells) + 1
        assert abs(columns / rows - 2) < 0.15, (width, height, columns, rows)
        # Every ring × sector cell has room, and the five sectors turn clockwise from north.
        assert all(g.interior.get(region_of(c, p)) for c in (1, 2, 3) for p in SECTORS)
        top = min(y for _, y in cells)
        north_east = g.regions[top + 1][int(g.cx // 2) + 2]
        assert north_east == region_of(3, "lille")
