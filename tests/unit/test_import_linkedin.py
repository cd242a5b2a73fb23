"""``reseau import linkedin``: Connections.csv exactly as LinkedIn exports it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.unit.test_import_support import (
    OLD_HEADER,
    PREAMBLE,
    contacts,
    linkedin_bytes,
    rows,
    run_import,
)
from tui_reseau.domain.importers.linkedin import parse_connected_on

ROWS = (
    'Jean,Dupont,https://www.linkedin.com/in/jean-dupont,,"Boulangerie Dupont, Fils & Cie",'
    "Gérant,12 Mar 2024",
    'Marie,"Le ""Grand"" Martin",https://www.linkedin.com/in/marie-martin,marie@exemple.fr,'
    "ACME,CEO,03 Feb 2021",
    ",,,,,,01 Jan 2023",
    "Élodie,Lefèvre,https://fr.linkedin.com/in/elodie-lefevre/,,,,28 Nov 2025",
)


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("preamble", [PREAMBLE, (), ("Notes:", "", ""), (*PREAMBLE, "", "")])
def test_every_quirk_of_the_export_is_read(tmp_path: Path, db_path: Path, preamble) -> None:
    file = write(tmp_path, linkedin_bytes(ROWS, preamble=preamble))
    code, out, _ = run_import(db_path, "linkedin", file)
    assert contacts(db_path, "first_name, last_name, company, role, email, linkedin_url") == [
        (
            "Jean",
            "Dupont",
            "Boulangerie Dupont, Fils & Cie",
            "Gérant",
            None,
            "https://www.linkedin.com/in/jean-dupont",
        ),
        (
            "Marie",
            'Le "Grand" Martin',
            "ACME",
            "CEO",
            "marie@exemple.fr",
            "https://www.linkedin.com/in/marie-martin",
        ),
        ("Élodie", "Lefèvre", "", "", None, "https://www.linkedin.com/in/elodie-lefevre"),
    ]
    # The nameless member is reported with its real line number, the rest went in.
    nameless_line = len(preamble) + 1 + 3
    assert f"ligne {nameless_line} : ni prénom ni nom" in out
    assert "créées         : 3" in out and "rejetées       : 1" in out
    assert code == 1  # something was rejected


def test_contacts_land_in_circle_3_met_on_linkedin_on_the_connection_date(
    tmp_path: Path, db_path: Path
) -> None:
    run_import(db_path, "linkedin", write(tmp_path, linkedin_bytes(ROWS[:2])))
    assert contacts(db_path, "circle, met_via, met_on, qualified_on") == [
        (3, "linkedin", "2024-03-12", None),
        (3, "linkedin", "2021-02-03", None),
    ]


def test_circle_option_chooses_another_circle(tmp_path: Path, db_path: Path) -> None:
    code, _, _ = run_import(
        db_path, "linkedin", write(tmp_path, linkedin_bytes(ROWS[:2])), "--circle", "2"
    )
    assert code == 0
    assert contacts(db_path, "circle") == [(2,), (2,)]


def test_older_header_without_url_and_lf_without_bom(tmp_path: Path, db_path: Path) -> None:
    data = linkedin_bytes(
        ["Paul,Durand,paul@durand.fr,Durand SARL,Gérant,5 Sep 2019"],
        header=OLD_HEADER,
        bom=False,
        newline="\n",
    )
    code, _, _ = run_import(db_path, "linkedin", write(tmp_path, data))
    assert code == 0
    assert contacts(db_path, "first_name, email, company, linkedin_url, met_on") == [
        ("Paul", "paul@durand.fr", "Durand SARL", None, "2019-09-05")
    ]


def test_columns_are_mapped_by_name_whatever_their_order(tmp_path: Path, db_path: Path) -> None:
    header = "Connected On,Company,Last Name,First Name,Position,URL,Email Address"
    data = linkedin_bytes(
        ["1 Dec 2022,Acme,Roux,Léa,DAF,https://www.linkedin.com/in/lea-roux,"], header=header
    )
    run_import(db_path, "linkedin", write(tmp_path, data))
    assert contacts(db_path, "first_name, last_name, company, role, met_on") == [
        ("Léa", "Roux", "Acme", "DAF", "2022-12-01")
    ]


def test_a_bad_email_or_date_drops_the_field_with_a_warning_not_the_person(
    tmp_path: Path, db_path: Path
) -> None:
    data = linkedin_bytes(["Hugo,Petit,,hugo@@exemple,Acme,,31 Feb 2024"])
    code, out, _ = run_import(db_path, "linkedin", write(tmp_path, data))
    assert contacts(db_path, "first_name, email, met_on") == [("Hugo", None, None)]
    line = len(PREAMBLE) + 2
    assert f"ligne {line} : e-mail laissé de côté" in out
    assert f"ligne {line} : date de mise en relation illisible « 31 Feb 2024 »" in out
    assert code == 0  # nothing rejected: warnings only


def test_a_file_that_is_not_a_linkedin_export_is_refused_and_creates_no_database(
    tmp_path: Path, db_path: Path
) -> None:
    file = write(tmp_path, b"Nom;Prenom\nDupont;Jean\n")
    code, out, err = run_import(db_path, "linkedin", file)
    assert code == 2 and out == ""
    assert "n'est pas un export des relations LinkedIn" in err
    assert "reseau import csv" in err
    assert not db_path.exists()


def test_missing_file_is_explained(tmp_path: Path, db_path: Path) -> None:
    code, _, err = run_import(db_path, "linkedin", tmp_path / "absent.csv")
    assert code == 2 and "Fichier introuvable" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 2024", dt.date(2024, 3, 12)),
        ("1 May 2020", dt.date(2020, 5, 1)),
        ("07-Sep-23", dt.date(2023, 9, 7)),
        ("2024-03-12", dt.date(2024, 3, 12)),
        ("12 Mars 2024", None),  # French: not LinkedIn's
        ("30 Feb 2024", None),
        ("", None),
    ],
)
def test_connection_dates_use_english_months_whatever_the_locale(
    text: str, expected: dt.date | None
) -> None:
    assert parse_connected_on(text) == expected


def test_importing_the_same_export_twice_creates_no_duplicate(
    tmp_path: Path, db_path: Path
) -> None:
    file = write(tmp_path, linkedin_bytes(ROWS))
    run_import(db_path, "linkedin", file)
    code, out, _ = run_import(db_path, "linkedin", file)
    assert rows(db_path, "SELECT COUNT(*) FROM contact") == [(3,)]
    assert "fusionnées     : 3 (dont 3 déjà à jour)" in out
    assert code == 1  # the nameless row is still rejected
