"""Two processes, one database: what others write shows up in the open TUI, and no write is lost."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time
from pathlib import Path

import peewee
import pytest

from tests.network import TODAY, settle, small_network_app
from tui_reseau.domain.contacts import contact_ids, delete_contact
from tui_reseau.locations import DbTarget
from tui_reseau.store.changes import DatabaseBusyError, retry_locked
from tui_reseau.store.models import Contact
from tui_reseau.ui.app import ReseauApp, make_app
from tui_reseau.ui.widgets.contact_list import ContactList

WAIT_S = 3.0  # the issue asks for 2 s; the margin absorbs a loaded machine


def screen_text(app: ReseauApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for(pilot, condition, timeout: float = WAIT_S) -> float:
    """Let the app run until ``condition()`` holds; return how long it took (fail after)."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"toujours pas au bout de {timeout} s")
        await pilot.pause(0.05)
    return time.monotonic() - start


def other_connection(path: Path) -> sqlite3.Connection:
    """Another process's connection, in plain sqlite3 (not the TUI's Peewee database)."""
    return sqlite3.connect(path, timeout=10, isolation_level=None)


async def test_a_contact_added_from_the_shell_appears_in_the_list_and_the_search(db_path):
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.search.wait_ready(5)
        contacts = app.screen.query_one(ContactList)
        selected = contacts.current_id
        process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "tui_reseau", "add", "Zoé Nouvelle", "--circle", "1"),
            *("--db", str(db_path)),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, errors = await process.communicate()
        assert process.returncode == 0, errors.decode()
        zoe = Contact.get(Contact.first_name == "Zoé").id
        await wait_for(pilot, lambda: "Zoé Nouvelle" in screen_text(app))  # polled every 0.5 s
        assert zoe in contacts.ids
        assert contacts.current_id == selected  # the cursor did not jump to her
        await wait_for(pilot, lambda: [h.id for h in app.search.hits("zoe nouvelle")][:1] == [zoe])


async def test_an_edit_and_a_delete_from_another_connection_are_reflected(db_path, monkeypatch):
    app, ids = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.search.wait_ready(5)
        contacts = app.screen.query_one(ContactList)
        contacts.set_ids(contacts.ids, keep=ids["jean"])
        await settle(pilot)
        dropped: list[object] = []  # every row dropped is drawn « … » until read again
        forget = ContactList.forget_rows
        monkeypatch.setattr(
            ContactList, "forget_rows", lambda self, i=None: (dropped.append(i), forget(self, i))
        )
        assert "Cabinet Dupont Expertise" in screen_text(app)

        other = other_connection(db_path)
        other.execute(
            "UPDATE contact SET company = 'Dupont Audit Associés', "
            "updated_at = datetime('now', 'localtime') WHERE id = ?",
            (ids["jean"],),
        )
        await wait_for(pilot, lambda: screen_text(app).count("Dupont Audit Associés") >= 2)
        assert "Cabinet Dupont Expertise" not in screen_text(app)  # list row and card
        await wait_for(pilot, lambda: any(h.id == ids["jean"] for h in app.search.hits("audit")))

        other.execute("DELETE FROM contact WHERE id = ?", (ids["marc"],))
        other.close()
        await wait_for(pilot, lambda: ids["marc"] not in contacts.ids)
        assert "Lefèvre" not in screen_text(app)
        await wait_for(
            pilot, lambda: not any(h.id == ids["marc"] for h in app.search.hits("lefevre"))
        )
        assert contacts.current_id == ids["jean"]  # still on the contact we were looking at
        assert dropped == []  # only the changed rows were read again, drawn meanwhile as before
        assert not app.recovered_errors


async def test_the_agenda_open_shows_a_follow_up_added_elsewhere(db_path):
    from tui_reseau.ui.screens.agenda import AgendaScreen

    app, ids = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        other = other_connection(db_path)
        other.execute(
            "INSERT INTO follow_up (contact_id, due_on, reason, created_at) "
            "VALUES (?, ?, 'Rappeler pour le salon', datetime('now', 'localtime'))",
            (ids["sophie"], TODAY.isoformat()),
        )
        other.close()
        await wait_for(pilot, lambda: "Rappeler pour le salon" in screen_text(app))


async def test_two_tuis_writing_alternately_lose_nothing(db_path):
    first, ids = small_network_app(db_path)
    second = make_app(DbTarget(path=db_path), today=TODAY)
    async with first.run_test(size=(120, 36)) as one, second.run_test(size=(120, 36)) as two:
        await settle(one)
        await settle(two)
        for n in range(6):
            app, pilot = (first, one) if n % 2 == 0 else (second, two)
            done: list[int] = []
            app.write(_add_note, ids["paul"], f"note {n}", then=done.append)
            await wait_for(pilot, lambda done=done: bool(done))
        await wait_for(one, lambda: "note 5" in Contact.get_by_id(ids["paul"]).notes)
        notes = Contact.get_by_id(ids["paul"]).notes
        assert [f"note {n}" in notes for n in range(6)] == [True] * 6
        assert not first.recovered_errors and not second.recovered_errors


def _add_note(contact_id: int, text: str) -> int:
    from tui_reseau.store.models import database_proxy

    with database_proxy.atomic():
        contact = Contact.get_by_id(contact_id)  # read, then write: the case busy_timeout misses
        contact.notes = f"{contact.notes}\n{text}".strip()
        contact.save()
    return contact_id


def test_a_lock_that_lasts_ends_in_a_french_message(database):
    calls: list[int] = []

    def write() -> str:
        calls.append(1)
        raise peewee.OperationalError("database is locked")

    with pytest.raises(DatabaseBusyError) as raised:
        retry_locked(write, delays=(0.01, 0.01))
    assert len(calls) == 3
    assert "occupée par un autre programme" in str(raised.value)
    assert "locked" not in str(raised.value)


def test_retry_gives_the_result_once_the_lock_is_released(database):
    attempts: list[int] = []

    def write() -> int:
        attempts.append(1)
        if len(attempts) < 3:
            raise peewee.OperationalError("database is locked")
        return 42

    assert retry_locked(write, delays=(0.01, 0.01, 0.01)) == 42
    with pytest.raises(peewee.OperationalError, match="no such table"):
        retry_locked(lambda: (_ for _ in ()).throw(peewee.OperationalError("no such table")))


def test_the_search_follows_deletes_without_a_rebuild(database):
    from tests.network import build_small_network
    from tui_reseau.domain.search import ContactSearch
    from tui_reseau.store.changes import changed_contacts, database_now

    ids = build_small_network()
    search = ContactSearch()
    search.build()
    since = database_now()
    delete_contact(ids["claire"])
    found = changed_contacts(since)
    search.sync(found.changed, found.present)
    assert not any(h.id == ids["claire"] for h in search.hits("lemaire"))
    assert [h.id for h in search.hits("dupont")][:1] == [ids["jean"]]
    assert set(contact_ids()) == set(found.present)


def test_the_watcher_sees_other_connections_commit_and_forgets_our_own(database, db_path):
    from tui_reseau.store.changes import ChangeWatcher

    watcher = ChangeWatcher(DbTarget(path=db_path))
    watcher.start()
    assert not watcher.changed()
    other = other_connection(db_path)
    other.execute("INSERT INTO setting (key, value) VALUES ('a', '1')")
    assert watcher.changed()
    assert not watcher.changed()  # seen once
    other.execute("INSERT INTO setting (key, value) VALUES ('b', '2')")
    watcher.absorb()  # « that one was ours »
    assert not watcher.changed()
    watcher.close()
    other.execute("INSERT INTO setting (key, value) VALUES ('c', '3')")
    other.close()
    assert not watcher.changed()  # closed: reports nothing, opens nothing
