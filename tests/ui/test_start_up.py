"""Start-up as a user sees it: contacts in the very first paint, then the whole list behind them."""

from __future__ import annotations

import time
from pathlib import Path

import peewee
import pytest

from tests.network import TODAY, settle, small_network_app
from tui_reseau.domain.contacts import contact_ids
from tui_reseau.domain.demo import generate_demo
from tui_reseau.locations import DbTarget
from tui_reseau.store.models import Contact
from tui_reseau.ui import first_page
from tui_reseau.ui.app import make_app
from tui_reseau.ui.screens.main import FIRST_PAINT_WAIT_S
from tui_reseau.ui.widgets.contact_list import ContactList


def list_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def record_list_lines(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every line the contact list draws, in order, from now on."""
    drawn: list[str] = []
    render_line = ContactList.render_line

    def recording(self: ContactList, y: int):
        strip = render_line(self, y)
        drawn.append(strip.text)
        return strip

    monkeypatch.setattr(ContactList, "render_line", recording)
    return drawn


async def test_the_first_paint_already_shows_contacts(db_path: Path, monkeypatch) -> None:
    app, ids = small_network_app(db_path)
    drawn = record_list_lines(monkeypatch)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert drawn, "la liste n'a rien dessiné"
        assert not any("Chargement" in line for line in drawn)  # never « loading », then rows
        assert "Sophie Desmet" in drawn[0]  # the first in name order, under the cursor
        contacts = app.screen.query_one(ContactList)
        assert contacts.current_id == ids["sophie"]
        await pilot.press("down")  # keys work at once
        assert contacts.current_id == ids["jean"]


async def test_the_whole_list_follows_the_first_page(db_path: Path) -> None:
    app = make_app(DbTarget(path=db_path), today=TODAY)
    generate_demo(today=TODAY)  # 150 people: more than the first page holds
    everyone = list(contact_ids())
    assert len(everyone) > first_page.SIZE
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        contacts = app.screen.query_one(ContactList)
        assert list(contacts.ids) == everyone
        assert "150 contacts" in list_text(app)
        await pilot.press("end")
        await settle(pilot)
        last = Contact.get_by_id(everyone[-1])
        assert contacts.current_id == last.id
        assert f"{last.first_name} {last.last_name}" in list_text(app)


async def test_a_failed_early_read_is_read_again(db_path: Path, monkeypatch) -> None:
    def broken() -> first_page.Page:
        raise peewee.OperationalError("disk I/O error")

    monkeypatch.setattr(first_page, "read_page", broken)  # the app's early read only
    app, ids = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(ContactList).current_id == ids["sophie"]
        assert "Sophie Desmet" in list_text(app)
        assert not app.recovered_errors


async def test_a_slow_database_shows_loading_then_the_contacts(db_path: Path, monkeypatch) -> None:
    read_page = first_page.read_page

    def slow() -> first_page.Page:
        time.sleep(FIRST_PAINT_WAIT_S + 1.0)  # longer than the screen waits before painting
        return read_page()

    monkeypatch.setattr(first_page, "read_page", slow)
    app, ids = small_network_app(db_path)
    drawn = record_list_lines(monkeypatch)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "Chargement" in drawn[0]
        await settle(pilot)
        assert app.screen.query_one(ContactList).current_id == ids["sophie"]
        assert "Sophie Desmet" in list_text(app)
