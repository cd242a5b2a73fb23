"""The same network on PostgreSQL: a throw-away server is started for these tests.

The SQL of the store and the domain must stay portable; these tests run the migrations, the
demo generator, the list, the card, the search and deletions against a real PostgreSQL.
They need the server binaries (initdb, pg_ctl); without them they are skipped, with the reason.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import peewee
import pytest

from tui_reseau.locations import parse_db_value
from tui_reseau.store.database import close_database, known_migrations, open_database

TODAY = dt.date(2026, 11, 26)


def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(candidates[-1]).parent if candidates else None


def _as_server_user(args: list[str]) -> list[str]:
    """initdb refuses root: run the server as the ``postgres`` user when we are root."""
    if os.geteuid() == 0 and shutil.which("runuser"):
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@pytest.fixture(scope="module")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    pytest.importorskip("psycopg2", reason="psycopg2 absent")
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("serveur PostgreSQL absent (initdb introuvable)")
    folder = Path("/tmp") / f"reseau-pg-{uuid.uuid4().hex[:8]}"  # short: socket path limit
    folder.mkdir(mode=0o700)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    subprocess.run(
        _as_server_user([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "reseau"]),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_server_user(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-w",
                "-l",
                str(folder / "log"),
                "-o",
                f"-k {folder} -c listen_addresses=''",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield folder
    finally:
        subprocess.run(
            _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: Path) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex[:10]}"
    subprocess.run(
        [
            "psql",
            "-h",
            str(pg_server),
            "-U",
            "reseau",
            "-d",
            "postgres",
            "-qc",
            f"CREATE DATABASE {name}",
        ],
        check=True,
        capture_output=True,
    )
    yield f"postgresql://reseau@/{name}?host={pg_server}"
    close_database()


def test_migrations_build_the_schema_on_postgres(pg_url: str) -> None:
    from tui_reseau.store.database import schema_status

    db = open_database(parse_db_value(pg_url, "--db"))
    assert isinstance(db, peewee.PostgresqlDatabase)
    assert schema_status(db).applied == known_migrations()
    close_database()
    # Opening again applies nothing and keeps the data.
    assert schema_status(open_database(parse_db_value(pg_url, "--db"))).pending == ()


def test_the_whole_network_works_on_postgres(pg_url: str) -> None:
    from tui_reseau.domain.card import load_card
    from tui_reseau.domain.contacts import (
        ContactDraft,
        ContactFilter,
        contact_ids,
        contact_rows,
        delete_contact,
        save_contact,
    )
    from tui_reseau.domain.demo import generate_demo
    from tui_reseau.domain.search import ContactSearch
    from tui_reseau.store.models import Contact

    open_database(parse_db_value(pg_url, "--db"))
    summary = generate_demo(contacts=150, today=TODAY)
    assert summary.contacts == 150
    ids = contact_ids()
    assert len(ids) == 150
    last_names = [c.last_name.lower() for c in (Contact.get_by_id(i) for i in ids)]
    plain = [name for name in last_names if name.isascii() and name.isalpha()]
    assert len(plain) > 100 and plain == sorted(plain)  # the list's order: last name, folded
    assert len(contact_rows(ids[:50])) == 50
    filtered = contact_ids(ContactFilter(circles=frozenset({2}), poles=frozenset({"lille"})))
    assert 0 < len(filtered) < 150
    assert all(
        c.circle == 2 and c.pole == "lille"
        for c in Contact.select().where(Contact.id.in_(list(filtered)))
    )
    card = load_card(ids[0], TODAY)
    assert card is not None and card.name
    search = ContactSearch()
    search.build()
    assert search.search("dupont")[0].row.name.endswith("Dupont")
    new = save_contact(ContactDraft(first_name="Zoé", last_name="Nouvelle", circle=1), today=TODAY)
    assert new > max(ids)  # the id sequences were moved past the demo's ids
    assert delete_contact(ids[0]) == card.name
    with pytest.raises(peewee.IntegrityError):
        Contact.create(first_name="X", circle=9)
