"""Arbitrary text as CSV or vCard through ``reseau import``: never a traceback, every record
accounted for, nothing invalid or half-written in the database."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.unit.test_import_support import rows, run_import

HEADERS = (
    "Prénom",
    "Nom",
    "Société",
    "E-mail",
    "Téléphone",
    "Ville",
    "Cercle",
    "Étiquettes",
    "Notes",
)
CELL = st.one_of(
    st.sampled_from(["", "Jean", "Zoé", "06 12 34 56 78", "a@b.fr", "@@", "2", "9", "Lille", '"']),
    st.text(st.characters(codec="utf-8", categories=["L", "Zs", "P"]), max_size=20),
    st.text(max_size=30),
)
VCARD_LINES = st.one_of(
    st.sampled_from(
        [
            "N:Dupont;Jean;;;",
            "FN:Marie Curie",
            "EMAIL:x@exemple.fr",
            "EMAIL:pas un mail",
            "TEL:+33 6 12 34 56 78",
            "TEL:abc",
            "BDAY:1980-02-30",
            "BDAY:--0229",
            "ADR:;;1 rue X;Lille;;59000;France",
            "NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9=",
            "ORG:;;",
            "CATEGORIES:a b,,c",
            "BEGIN:VCARD",
            "END:VCARD",
            "item1.URL:https\\://www.linkedin.com/in/x",
        ]
    ),
    st.text(max_size=40).map(lambda t: t.replace("\n", " ").replace("\r", " ")),
)


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 3)) == 0:  # a quarter of pure noise, the rest table-shaped
        return draw(st.text(max_size=300))
    sep = draw(st.sampled_from([";", ",", "\t"]))
    name = draw(st.sampled_from(HEADERS[:2]))
    others = draw(st.lists(st.sampled_from(HEADERS[2:]), max_size=5, unique=True))
    header = [name, *others]
    body = draw(st.lists(st.lists(CELL, max_size=8), max_size=8))
    return "\n".join(sep.join(cells) for cells in [header, *body])


@st.composite
def vcard_texts(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 3)) == 0:
        return draw(st.text(max_size=300))
    name = st.sampled_from(["FN:Jean Dupont", "N:Roux;Léa;;;", "FN:", ""])
    cards = draw(st.lists(st.tuples(name, st.lists(VCARD_LINES, max_size=6)), max_size=4))
    version = draw(st.sampled_from(["2.1", "3.0", "4.0"]))
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:{version}\r\n{first}\r\n"
        + "\r\n".join(lines)
        + "\r\nEND:VCARD\r\n"
        for first, lines in cards
    )


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="import-hypothesis-") as folder:
        yield Path(folder)


def _count(label: str, out: str) -> int:
    found = re.search(rf"^  {label}\s*: (\d+)", out, re.MULTILINE)
    return int(found.group(1)) if found else 0


def check_import(workdir: Path, fmt: str, text: str, encoding: str) -> int:
    """Import ``text``, check the report and the database; return how many were created."""
    db = workdir / f"{fmt}.db"
    file = workdir / f"input.{fmt}"
    try:
        file.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:
        file.write_bytes(text.encode("utf-8", errors="replace"))
    before = rows(db, "SELECT COUNT(*) FROM contact")[0][0] if db.exists() else 0
    code, out, err = run_import(db, fmt, file, "--skip")
    assert "erreur inattendue" not in err and "Traceback" not in err + out
    assert code in (0, 1, 2), (code, out, err)
    if code == 2:  # the file as a whole was refused: a French message, nothing written
        assert err.startswith("reseau : ") and out == ""
        after = rows(db, "SELECT COUNT(*) FROM contact")[0][0] if db.exists() else 0
        assert after == before
        return 0
    read, created = _count("lues", out), _count("créées", out)
    accounted = sum(
        _count(label, out) for label in ("créées", "fusionnées", "répétées", "ignorées", "rejetées")
    )
    assert read == accounted, out
    # Each rejected record is listed with its line number and a reason.
    listed = re.search(r"Lignes rejetées :\n((?:  ligne \d+ : .+\n?)*)", out)
    assert _count("rejetées", out) == (listed.group(1).count("  ligne ") if listed else 0), out
    after = rows(db, "SELECT COUNT(*) FROM contact")[0][0]
    assert after == before + created
    # Nothing half-written: every stored contact has a name and passes the form's checks.
    from tui_reseau.domain.contacts import draft_of, validate
    from tui_reseau.locations import DbTarget
    from tui_reseau.store.database import close_database, open_database

    open_database(DbTarget(path=db))
    try:
        for (contact_id,) in rows(db, "SELECT id FROM contact"):
            validate(draft_of(contact_id), contact_id)
    finally:
        close_database()
    return created


SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(text=csv_texts(), encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_any_text_as_csv_is_reported_never_raised(workdir: Path, text: str, encoding: str) -> None:
    created = check_import(workdir, "csv", text, encoding)
    event(f"contacts créés : {min(created, 2)}")


@SETTINGS
@given(text=vcard_texts(), encoding=st.sampled_from(["utf-8", "cp1252"]))
def test_any_text_as_vcard_is_reported_never_raised(
    workdir: Path, text: str, encoding: str
) -> None:
    created = check_import(workdir, "vcard", text, encoding)
    event(f"contacts créés : {min(created, 2)}")
