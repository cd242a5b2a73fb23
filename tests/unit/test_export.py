"""Exports: vCard 4.0 read back field by field, CSV for French spreadsheets, JSON round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import vobject

from tests.unit.test_postgres import pg_server, pg_url  # noqa: F401  (fixtures)
from tui_reseau.domain.demo import generate_demo
from tui_reseau.domain.exporters.csv_table import HEADERS, csv_text
from tui_reseau.domain.exporters.files import write_private
from tui_reseau.domain.exporters.vcard import vcard_text
from tui_reseau.domain.network_json import dump_network, load_network, network_json
from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import close_database, open_database
from tui_reseau.store.models import ALL_MODELS, Contact, ContactTag

TODAY = dt.date(2026, 11, 26)
NOTES = "Première ligne ; deuxième partie, virgule\nDeuxième ligne : « guillemets »\n\tfin"


def _hostile_contact() -> Contact:
    introducer = Contact.create(first_name="Zoé", last_name="Introductrice", circle=1)
    contact = Contact.create(
        first_name="Hélène",
        last_name="de La Tour; d'Auvergne, fils",
        company="Société Œnologique, Vins; & Cie",
        role="Gérante, fondatrice",
        email="helene.delatour@exemple-oeno.fr",
        phone="+33612345678",
        address="12, rue de l'Église\nBâtiment B; 2e étage",
        city="Saint-Valery-sur-Somme",
        postcode="80230",
        pole="amiens",
        sector="commerce",
        circle=2,
        kind="banquier",
        qualified_on=dt.date(2026, 3, 1),
        met_via="recommandation",
        met_on=dt.date(2025, 12, 24),
        introduced_by=introducer,
        linkedin_url="https://www.linkedin.com/in/helene-de-la-tour",
        birthday=dt.date(1979, 2, 28),
        notes=NOTES,
    )
    for tag in ("vip", "vins,bio"):
        ContactTag.create(contact=contact, name=tag)
    return contact


@pytest.mark.usefixtures("database")
def test_vcard_is_read_back_field_by_field() -> None:
    contact = _hostile_contact()
    cards = {c.fn.value: c for c in vobject.readComponents(vcard_text())}
    card = cards["Hélène de La Tour; d'Auvergne, fils"]
    assert card.version.value == "4.0"
    assert card.n.value.family == "de La Tour; d'Auvergne, fils"
    assert card.n.value.given == "Hélène"
    assert card.org.value == ["Société Œnologique, Vins; & Cie"]
    assert card.title.value == "Gérante, fondatrice"
    assert card.email.value == "helene.delatour@exemple-oeno.fr"
    assert card.tel.value == "tel:+33612345678"
    assert card.tel.params["VALUE"] == ["uri"] and card.tel.params["TYPE"] == ["cell"]
    assert card.adr.value.street == "12, rue de l'Église\nBâtiment B; 2e étage"
    assert card.adr.value.city == "Saint-Valery-sur-Somme"
    assert card.adr.value.code == "80230"
    assert card.note.value == NOTES
    assert card.bday.value == "19790228"
    assert sorted(card.categories.value) == ["vins,bio", "vip"]
    assert card.url.value == "https://www.linkedin.com/in/helene-de-la-tour"
    assert card.uid.value.startswith("urn:uuid:")
    assert "\r\n" in vcard_text()  # RFC 6350 line ends
    # The UID stays the same from one export to the next, and differs between people.
    again = {c.fn.value: c.uid.value for c in vobject.readComponents(vcard_text())}
    assert again[card.fn.value] == card.uid.value
    assert len(set(again.values())) == 2
    assert contact.id


@pytest.mark.usefixtures("database")
def test_csv_has_french_headers_semicolons_and_a_bom() -> None:
    _hostile_contact()
    Contact.create(first_name="=HYPERLINK(1)", last_name="-2+3", circle=3, company="@x")
    text = csv_text()
    assert text.startswith("\ufeffN°;Prénom;Nom;Entreprise;Fonction;E-mail;Téléphone;")
    data = text.encode("utf-8")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert tuple(rows[0]) == HEADERS
    by_name = {
        row[HEADERS.index("Prénom")]: dict(zip(HEADERS, row, strict=True)) for row in rows[1:]
    }
    helene = by_name["Hélène"]
    assert helene["Nom"] == "de La Tour; d'Auvergne, fils"
    assert helene["Téléphone"] == "06 12 34 56 78"
    assert helene["Pôle"] == "Amiens & Somme"
    assert helene["Cercle"] == "2 – Prescripteurs locaux"
    assert helene["Type"] == "Banquier"
    assert helene["Qualifié depuis"] == "01/03/2026"
    assert helene["Rencontré le"] == "24/12/2025"
    assert helene["Anniversaire"] == "28/02/1979"
    assert helene["Présenté par"] == "Zoé Introductrice"
    assert helene["Étiquettes"] == "vins,bio, vip"
    assert helene["Notes"] == NOTES
    assert helene["Adresse"] == "12, rue de l'Église\nBâtiment B; 2e étage"
    formula = by_name["'=HYPERLINK(1)"]  # a spreadsheet shows it as text, never runs it
    assert formula["Nom"] == "'-2+3" and formula["Entreprise"] == "'@x"


def _tables(db: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db) as conn:
        return {
            model._meta.table_name: conn.execute(
                f'SELECT * FROM "{model._meta.table_name}" ORDER BY 1'
            ).fetchall()
            for model in ALL_MODELS
        }


def test_json_round_trip_gives_back_the_same_network(tmp_path: Path) -> None:
    first, second = tmp_path / "demo.db", tmp_path / "importee.db"
    open_database(DbTarget(path=first))
    try:
        generate_demo(contacts=150, today=TODAY)
        with sqlite3.connect(first) as conn:  # an introducer numbered after the one introduced
            conn.execute("UPDATE contact SET introduced_by_id = 150 WHERE id = 3")
        now = dt.datetime(2026, 11, 26, 9, 0)
        text = network_json(now)
        dumped = dump_network(now)
    finally:
        close_database()
    assert json.loads(text) == json.loads(json.dumps(dumped))
    open_database(DbTarget(path=second))
    try:
        counts = load_network(text)
        again = network_json(now)
    finally:
        close_database()
    assert counts["contact"] == 150 and counts["interaction"] > 100
    assert again == text
    assert _tables(second) == _tables(first)
    assert all(rows for name, rows in _tables(first).items() if name != "setting")


@pytest.mark.usefixtures("database")
def test_json_dry_run_checks_everything_and_writes_nothing(db_path: Path) -> None:
    Contact.create(first_name="Anne", last_name="Source", circle=1)
    text = network_json()
    Contact.delete().execute()
    assert load_network(text, dry_run=True) == {
        m._meta.table_name: int(m._meta.table_name == "contact") for m in ALL_MODELS
    }
    assert Contact.select().count() == 0


def _altered(text: str, **changes: object) -> str:
    data = json.loads(text)
    data.update(changes)
    return json.dumps(data)


@pytest.mark.usefixtures("database")
def test_json_import_refuses_what_it_cannot_give_back_and_writes_nothing() -> None:
    Contact.create(first_name="Anne", last_name="Source", circle=1)
    text = network_json()
    with pytest.raises(ReseauError, match="pas vide"):
        load_network(text)
    Contact.delete().execute()
    bad_date = json.loads(text)
    bad_date["tables"]["contact"]["rows"][0][
        bad_date["tables"]["contact"]["columns"].index("created_at")
    ] = "hier"
    cases = {
        "pas du JSON": "{ceci n'est pas du json",
        "format": json.dumps({"contacts": []}),
        "plus récente": _altered(text, schema=[*json.loads(text)["schema"], "0999_futur"]),
        "format 9": _altered(text, format_version=9),
        "ligne 1": json.dumps(bad_date),
    }
    for expected, bad in cases.items():
        with pytest.raises(ReseauError) as info:
            load_network(bad)
        assert expected in str(info.value)
        assert Contact.select().count() == 0


def test_write_private_is_0600_whatever_the_umask_and_never_replaces(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = write_private(tmp_path / "export.csv", "é".encode())
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(ReseauError, match="--force"):
        write_private(path, b"autre")
    assert path.read_bytes() == "é".encode()
    write_private(path, b"autre", force=True)
    assert path.read_bytes() == b"autre"
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]  # no temporary file left


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_reseau", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_export_command_to_files_and_stdout(tmp_path: Path) -> None:
    db = tmp_path / "reseau.db"
    assert run("demo", "--db", str(db), "--contacts", "20").returncode == 0
    for fmt, name in (("vcard", "r.vcf"), ("csv", "r.csv"), ("json", "r.json")):
        out = tmp_path / name
        result = run("export", fmt, str(out), "--db", str(db))
        assert result.returncode == 0, result.stderr
        assert str(out) in result.stdout
        assert out.stat().st_mode & 0o777 == 0o600
    assert len(list(vobject.readComponents((tmp_path / "r.vcf").read_text()))) == 20
    assert (tmp_path / "r.csv").read_bytes().startswith("\ufeffN°;".encode())
    refused = run("export", "json", str(tmp_path / "r.json"), "--db", str(db))
    assert refused.returncode == 1 and "--force" in refused.stderr
    piped = run("export", "json", "--db", str(db))
    assert json.loads(piped.stdout)["format"] == "tui-reseau/reseau"
    missing = run("export", "csv", "--db", str(tmp_path / "absent.db"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert not (tmp_path / "absent.db").exists()


def test_json_moves_a_network_from_sqlite_to_postgresql(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    from tui_reseau.locations import parse_db_value

    open_database(DbTarget(path=tmp_path / "demo.db"))
    try:
        generate_demo(contacts=60, today=TODAY)
        now = dt.datetime(2026, 11, 26, 9, 0)
        text = network_json(now)
    finally:
        close_database()
    open_database(parse_db_value(pg_url, "--db"))
    try:
        assert load_network(text)["contact"] == 60
        assert json.loads(network_json(now))["tables"] == json.loads(text)["tables"]
        added = Contact.create(first_name="Nouvelle", last_name="Après", circle=1)
        assert added.id == 61  # the id sequences were moved past the imported ids
    finally:
        close_database()
