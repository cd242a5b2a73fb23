"""``reseau import csv``: any table with a header, French or English, « ; » or « , »."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_import_support import contacts, rows, run_import


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "contacts.csv"
    path.write_bytes(text.encode(encoding))
    return path


FRENCH = (
    "Prénom;Nom;Société;Fonction;Courriel;Téléphone;Ville;Code postal;Cercle;Étiquettes;Notes\n"
    "Jean;Dupont;Boulangerie Dupont;Gérant;jean@dupont.fr;06 12 34 56 78;Amiens;80000;2;"
    "client, bni;Aime la pêche\n"
    'Marie;Martin;"Cabinet; Martin";Avocate;;03 20 11 22 33;Lille;59000;cercle 1;;\n'
)


def test_french_headers_with_semicolons(tmp_path: Path, db_path: Path) -> None:
    code, out, _ = run_import(db_path, "csv", write(tmp_path, FRENCH))
    assert code == 0, out
    assert contacts(
        db_path, "first_name, company, role, email, phone, city, postcode, pole, circle, notes"
    ) == [
        (
            "Jean",
            "Boulangerie Dupont",
            "Gérant",
            "jean@dupont.fr",
            "+33612345678",
            "Amiens",
            "80000",
            "amiens",
            2,
            "Aime la pêche",
        ),
        (
            "Marie",
            "Cabinet; Martin",
            "Avocate",
            None,
            "+33320112233",
            "Lille",
            "59000",
            "lille",
            1,
            "",
        ),
    ]
    assert sorted(rows(db_path, "SELECT name FROM contact_tag")) == [("bni",), ("client",)]


def test_english_headers_with_commas_and_extra_email_columns(tmp_path: Path, db_path: Path) -> None:
    text = (
        "First Name,Last Name,Company,Job Title,E-mail Address,E-mail 2 Address,Mobile Phone,City\n"
        "Paul,Durand,Durand SARL,CEO,paul@durand.fr,p.durand@gmail.com,+32 470 12 34 56,Calais\n"
    )
    code, out, _ = run_import(db_path, "csv", write(tmp_path, text))
    assert code == 0, out
    assert contacts(db_path, "role, email, phone, pole, notes") == [
        ("CEO", "paul@durand.fr", "+32470123456", "littoral", "Autres e-mails : p.durand@gmail.com")
    ]


def test_windows_1252_file_from_excel(tmp_path: Path, db_path: Path) -> None:
    text = "Prénom;Nom;Société\r\nHélène;Lévy;Café Crème\r\n"
    run_import(db_path, "csv", write(tmp_path, text, encoding="cp1252"))
    assert contacts(db_path, "first_name, last_name, company") == [("Hélène", "Lévy", "Café Crème")]


def test_map_option_names_unknown_columns(tmp_path: Path, db_path: Path) -> None:
    text = "Qui;Boîte;Portable;Divers\nJean Dupont;Acme;06 12 34 56 78;x\n"
    code, out, _ = run_import(
        db_path, "csv", write(tmp_path, text), "--map", "Qui=name,Boîte=company,Portable=phone"
    )
    assert code == 0, out
    assert contacts(db_path, "first_name, last_name, company, phone") == [
        ("Jean", "Dupont", "Acme", "+33612345678")
    ]
    assert "Colonnes ignorées : Divers" in out


def test_map_with_an_unknown_field_is_refused_before_anything(
    tmp_path: Path, db_path: Path
) -> None:
    file = write(tmp_path, "Nom\nDupont\n")
    code, _, err = run_import(db_path, "csv", file, "--map", "Nom=pointure")
    assert code == 2 and "--map : « Nom=pointure »" in err and "Champs possibles" in err
    assert not db_path.exists()


def test_a_table_without_a_name_column_is_explained(tmp_path: Path, db_path: Path) -> None:
    code, _, err = run_import(db_path, "csv", write(tmp_path, "Ville;Pays\nLille;France\n"))
    assert code == 2 and "Aucune colonne de nom" in err and "--map" in err


def test_bad_rows_are_rejected_with_their_line_and_reason_the_rest_imported(
    tmp_path: Path, db_path: Path
) -> None:
    text = (
        "Prénom;Nom;Cercle;Téléphone\n"
        "Jean;Dupont;2;\n"
        ";;1;\n"  # no name
        "Luc;Roux;7;\n"  # no such circle
        "Ana;Bell\x1b[31m;1;\n"  # an escape sequence in the name: kept as given
        "Zoé;Petit;3;12\n"  # unreadable phone: dropped with a warning
        "Un;Deux;1;;en trop\n"  # one cell too many
    )
    code, out, _ = run_import(db_path, "csv", write(tmp_path, text))
    assert contacts(db_path, "first_name, last_name, phone") == [
        ("Jean", "Dupont", None),
        ("Ana", "Bell\x1b[31m", None),
        ("Zoé", "Petit", None),
    ]
    assert "ligne 3 : Le nom est obligatoire" in out
    assert "ligne 4 : cercle « 7 » inconnu : indiquez 1, 2 ou 3" in out
    assert "ligne 5" not in out
    assert "ligne 6 : téléphone laissé de côté" in out
    assert "ligne 7 : 5 colonnes pour 4 dans l'en-tête" in out
    assert "\x1b" not in out  # hostile text is shown harmless
    assert code == 1
