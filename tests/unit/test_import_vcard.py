"""``reseau import vcard``: cards from Google, Apple, Outlook, Thunderbird; 2.1, 3.0, 4.0."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_import_support import contacts, rows, run_import

OUTLOOK_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:L=E9vy;H=E9l=E8ne\r\n"
    "FN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:H=E9l=E8ne L=E9vy\r\n"
    "ORG:Boulangerie L\u00e9vy;Production\r\n"
    "TITLE:G\u00e9rante\r\n"
    "TEL;WORK;VOICE:03 22 11 22 33\r\n"
    "TEL;CELL;VOICE:06 12 34 56 78\r\n"
    "EMAIL;PREF;INTERNET:helene@levy.fr\r\n"
    "ADR;WORK;ENCODING=QUOTED-PRINTABLE:;;12 rue de la Pa=\r\n"
    "ix;Amiens;;80000;France\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:Rencontr=C3=A9e au salon=0D=0AAime le v=C3=A9lo\r\n"
    "END:VCARD\r\n"
)
APPLE_30 = """BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 17.0//EN
N:Durand;Paul;;;
FN:Paul Durand
ORG:Durand SARL;
TITLE:Gérant
item1.EMAIL;type=INTERNET;type=pref:paul@durand.fr
item1.X-ABLabel:_$!<Other>!$_
item2.EMAIL;type=INTERNET:p.durand@gmail.com
TEL;type=CELL;type=VOICE;type=pref:+33 6 11 22 33 44
item3.ADR;type=HOME;type=pref:;;3 place Gambetta\\nBât. B;Lille;;59000;France
X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/pauldurand
BDAY;X-APPLE-OMIT-YEAR=1604:1604-06-02
CATEGORIES:Clients,BNI Lille
END:VCARD
"""
GOOGLE_30 = """BEGIN:VCARD
VERSION:3.0
FN:Sophie Moreau
N:Moreau;Sophie;;;
EMAIL;TYPE=INTERNET;TYPE=WORK:sophie.moreau@exemple.fr
TEL;TYPE=CELL:07 98 76 54 32
BDAY:1985-04-23
ORG:Cabinet Moreau
TITLE:Expert-comptable
URL:https\\://www.linkedin.com/in/sophie-moreau
NOTE:Conjoint : Marc\\, fan de voile
CATEGORIES:myContacts,Starred
END:VCARD
"""
THUNDERBIRD_40 = """BEGIN:VCARD
VERSION:4.0
PRODID:-//Thunderbird//EN
N:Roux;Léa;;;
FN:Léa Roux
EMAIL;PREF=1:lea@roux.fr
TEL;VALUE=uri;TYPE=cell:tel:+33-6-99-88-77-66
ORG:Roux Conseil
BDAY:19800312
ADR;TYPE=work:;;5 rue Nationale;Boulogne-sur-Mer;;62200;
NOTE:Projet : ouvrir un second bureau
END:VCARD
"""
BROKEN = """BEGIN:VCARD
VERSION:3.0
this line has no colon at all
END:VCARD
"""


def write(tmp_path: Path, *cards: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_bytes("".join(cards).encode(encoding))
    return path


def test_outlook_21_quoted_printable_and_charset(tmp_path: Path, db_path: Path) -> None:
    code, out, _ = run_import(db_path, "vcard", write(tmp_path, OUTLOOK_21, encoding="cp1252"))
    assert code == 0, out
    [row] = contacts(
        db_path, "first_name, last_name, company, role, email, phone, address, city, postcode, pole"
    )
    assert row == (
        "Hélène",
        "Lévy",
        "Boulangerie Lévy",
        "Gérante",
        "helene@levy.fr",
        "+33322112233",
        "12 rue de la Paix",
        "Amiens",
        "80000",
        "amiens",
    )
    [(notes,)] = contacts(db_path, "notes")
    assert "Rencontrée au salon" in notes and "Aime le vélo" in notes
    assert "Service : Production" in notes
    assert "Autres téléphones : 06 12 34 56 78" in notes


def test_apple_30_grouped_lines_social_profile_and_birthday_without_year(
    tmp_path: Path, db_path: Path
) -> None:
    run_import(db_path, "vcard", write(tmp_path, APPLE_30))
    [row] = contacts(db_path, "email, phone, linkedin_url, address, city, birthday, notes")
    email, phone, linkedin, address, city, birthday, notes = row
    assert (email, phone, city) == ("paul@durand.fr", "+33611223344", "Lille")
    assert linkedin == "https://www.linkedin.com/in/pauldurand"
    assert address == "3 place Gambetta\nBât. B"
    assert birthday is None and "Anniversaire : 2 juin" in notes
    assert "Autres e-mails : p.durand@gmail.com" in notes
    # A category is one tag, its spaces made hyphens.
    tags = sorted(rows(db_path, "SELECT name FROM contact_tag"))
    assert tags == [("bni-lille",), ("clients",)]


def test_google_30_birthday_linkedin_url_and_system_groups_dropped(
    tmp_path: Path, db_path: Path
) -> None:
    run_import(db_path, "vcard", write(tmp_path, GOOGLE_30))
    assert contacts(db_path, "first_name, role, birthday, linkedin_url, notes") == [
        (
            "Sophie",
            "Expert-comptable",
            "1985-04-23",
            "https://www.linkedin.com/in/sophie-moreau",
            "Conjoint : Marc, fan de voile",
        )
    ]
    assert rows(db_path, "SELECT COUNT(*) FROM contact_tag") == [(0,)]


def test_thunderbird_40_tel_uri_and_basic_birthday(tmp_path: Path, db_path: Path) -> None:
    run_import(db_path, "vcard", write(tmp_path, THUNDERBIRD_40))
    assert contacts(db_path, "first_name, phone, birthday, city, pole, circle") == [
        ("Léa", "+33699887766", "1980-03-12", "Boulogne-sur-Mer", "littoral", 3)
    ]


def test_many_cards_in_one_file_and_a_bad_one_reported_with_its_line(
    tmp_path: Path, db_path: Path
) -> None:
    file = write(tmp_path, GOOGLE_30, BROKEN, THUNDERBIRD_40, APPLE_30)
    code, out, _ = run_import(db_path, "vcard", file)
    assert [r[0] for r in contacts(db_path, "first_name")] == ["Sophie", "Léa", "Paul"]
    broken_line = GOOGLE_30.count("\n") + 1
    assert (
        f"ligne {broken_line} : fiche vCard illisible : la ligne {broken_line + 2} "
        "n'a pas la forme NOM:valeur"
    ) in out
    assert "lues           : 4" in out and "rejetées       : 1" in out
    assert code == 1


def test_an_unterminated_card_is_reported_and_the_others_imported(
    tmp_path: Path, db_path: Path
) -> None:
    file = write(tmp_path, GOOGLE_30, "BEGIN:VCARD\nVERSION:3.0\nFN:Coupé Net\n")
    code, out, _ = run_import(db_path, "vcard", file)
    assert contacts(db_path, "first_name") == [("Sophie",)]
    assert "END:VCARD manquant" in out and code == 1


def test_a_card_without_any_name_is_rejected(tmp_path: Path, db_path: Path) -> None:
    file = write(tmp_path, "BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@exemple.fr\nEND:VCARD\n")
    code, out, _ = run_import(db_path, "vcard", file)
    assert contacts(db_path) == []
    assert "ligne 1 : Le nom est obligatoire" in out and code == 1


def test_a_file_without_cards_is_refused(tmp_path: Path, db_path: Path) -> None:
    code, _, err = run_import(db_path, "vcard", write(tmp_path, "bonjour\n"))
    assert code == 2 and "aucune fiche vCard" in err
    assert not db_path.exists()
