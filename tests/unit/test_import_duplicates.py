"""Duplicates, merging without overwriting, one transaction, dry run, and the report."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

from tests.unit.test_import_support import (
    PREAMBLE,
    contacts,
    database_content,
    linkedin_bytes,
    rows,
    run_import,
    seed,
)
from tui_reseau.domain.contacts import ContactDraft

FIRST_ROW = len(PREAMBLE) + 2  # line number of the first data row of linkedin_bytes


def write(tmp_path: Path, data: bytes | str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def jean(**changes: object) -> ContactDraft:
    values = dict(
        first_name="Jean",
        last_name="Dupont",
        company="Boulangerie Dupont",
        role="",
        circle=1,
        notes="Ma note à moi",
        tags="client",
    )
    values.update(changes)
    return ContactDraft(**values)  # type: ignore[arg-type]


def test_linkedin_url_match_fills_only_empty_fields(tmp_path: Path, db_path: Path) -> None:
    [jean_id] = seed(db_path, jean(linkedin_url="jean-dupont", company="Ma boîte à moi"))
    data = linkedin_bytes(
        [
            "Jean,Dupond,https://www.linkedin.com/in/jean-dupont,jd@exemple.fr,Autre SA,CEO,1 Jan 2020"
        ]
    )
    code, out, _ = run_import(db_path, "linkedin", write(tmp_path, data))
    assert code == 0, out
    assert contacts(db_path, "id, last_name, company, role, email, circle, notes, met_via") == [
        (
            jean_id,
            "Dupont",
            "Ma boîte à moi",
            "CEO",
            "jd@exemple.fr",
            1,
            "Ma note à moi",
            "linkedin",
        )
    ]
    assert f"ligne {FIRST_ROW} → Jean Dupont (n° {jean_id}) : fonction, e-mail" in out


def test_email_and_phone_matches_merge_and_add_notes_and_tags(
    tmp_path: Path, db_path: Path
) -> None:
    ids = seed(
        db_path,
        jean(email="jean@dupont.fr"),
        ContactDraft(first_name="Marie", last_name="Curie", phone="06 12 34 56 78", circle=2),
    )
    text = (
        "Prénom;Nom;E-mail;Téléphone;Notes;Étiquettes;Ville\n"
        "J.;Dupont;JEAN@dupont.fr;;Vu au salon;client, salon;\n"
        "Marie S.;Curie-Sklodowska;;+33 6 12 34 56 78;;;Arras\n"
    )
    code, out, _ = run_import(db_path, "csv", write(tmp_path, text))
    assert code == 0, out
    assert contacts(db_path, "id, first_name, notes, city, pole") == [
        (ids[0], "Jean", "Ma note à moi\nVu au salon", "", None),
        (ids[1], "Marie", "", "Arras", "region"),
    ]
    assert sorted(rows(db_path, "SELECT name FROM contact_tag WHERE contact_id = ?", [ids[0]])) == [
        ("client",),
        ("salon",),
    ]
    assert "créées         : 0" in out and "fusionnées     : 2" in out


def test_same_name_same_company_is_the_same_person(tmp_path: Path, db_path: Path) -> None:
    [jean_id] = seed(db_path, jean())
    data = linkedin_bytes([",".join(["jean", "DUPONT", "", "", "Boulangerie Dupont", "", ""])])
    run_import(db_path, "linkedin", write(tmp_path, data))
    assert contacts(db_path, "id") == [(jean_id,)]


def test_a_close_match_is_skipped_and_listed_when_nobody_can_answer(
    tmp_path: Path, db_path: Path
) -> None:
    [jean_id] = seed(db_path, jean())
    data = linkedin_bytes(["Jean,Dupond,,,Boulangerie Dupond,,1 Jan 2020", "Zoé,Petit,,,,,"])
    file = write(tmp_path, data)
    code, out, _ = run_import(db_path, "linkedin", file)
    assert contacts(db_path, "first_name, last_name") == [("Jean", "Dupont"), ("Zoé", "Petit")]
    assert "Ressemblances non tranchées" in out
    assert (
        f"ligne {FIRST_ROW} : « Jean Dupond — Boulangerie Dupond » ressemble à "
        f"« Jean Dupont — Boulangerie Dupont » (n° {jean_id}," in out
    )
    assert f"reseau import linkedin {file} --merge" in out
    assert code == 1  # something left undecided


def test_merge_option_merges_close_matches(tmp_path: Path, db_path: Path) -> None:
    [jean_id] = seed(db_path, jean())
    data = linkedin_bytes(["Jean,Dupond,,,Boulangerie Dupond,Gérant,1 Jan 2020"])
    code, _, _ = run_import(db_path, "linkedin", write(tmp_path, data), "--merge")
    assert code == 0
    assert contacts(db_path, "id, last_name, role") == [(jean_id, "Dupont", "Gérant")]


def test_skip_option_skips_close_matches_and_exits_zero(tmp_path: Path, db_path: Path) -> None:
    seed(db_path, jean())
    data = linkedin_bytes(["Jean,Dupond,,,Boulangerie Dupond,Gérant,1 Jan 2020"])
    code, out, _ = run_import(db_path, "linkedin", write(tmp_path, data), "--skip")
    assert code == 0
    assert contacts(db_path, "last_name, role") == [("Dupont", "")]
    assert "Ressemblances laissées de côté" in out and "--merge" not in out


def test_on_a_terminal_each_close_match_is_asked(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(
        db_path,
        jean(),
        ContactDraft(first_name="Marie", last_name="Martin", company="Acme", circle=2),
        ContactDraft(first_name="Paul", last_name="Durand", company="Durand SA", circle=2),
    )
    data = linkedin_bytes(
        [
            "Jean,Dupond,,,Boulangerie Dupond,Gérant,",
            "Marie,Martine,,,Acme,DAF,",
            "Paul,Durant,,,Durand SA,CEO,",
        ]
    )
    from tui_reseau.commands import imports

    monkeypatch.setattr(imports, "on_terminal", lambda: True)
    answers = iter(["peut-être", "n", "t"])  # a wrong answer is asked again
    questions: list[str] = []

    def fake_input(prompt: str = "") -> str:
        questions.append(prompt)
        return next(answers)

    monkeypatch.setattr(builtins, "input", fake_input)
    run_import(db_path, "linkedin", write(tmp_path, data))
    assert len(questions) == 3  # « t(ous) » answered the third match too
    assert contacts(db_path, "last_name, role") == [
        ("Dupont", ""),
        ("Martin", "DAF"),
        ("Durand", "CEO"),
    ]


def test_a_person_repeated_in_the_file_is_created_once(tmp_path: Path, db_path: Path) -> None:
    data = linkedin_bytes(
        [
            "Léa,Roux,https://www.linkedin.com/in/lea-roux,,,,",
            "Léa,Roux,https://www.linkedin.com/in/lea-roux,lea@roux.fr,Roux Conseil,,",
        ]
    )
    code, out, _ = run_import(db_path, "linkedin", write(tmp_path, data))
    assert contacts(db_path, "first_name, email, company") == [
        ("Léa", "lea@roux.fr", "Roux Conseil")
    ]
    assert "répétées       : 1" in out and code == 0


def test_a_database_error_mid_import_leaves_the_database_as_it_was(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(db_path, jean(linkedin_url="jean-dupont", email="jean@dupont.fr"))
    before = database_content(db_path)
    import peewee

    from tui_reseau.domain.importers import apply

    # The database refuses row 50 after 49 inserts: the whole import must roll back.
    calls = {"n": 0}
    real_create = apply._create

    def failing_create(people: list) -> int:
        real_create(people[:49])
        calls["n"] += 1
        raise peewee.IntegrityError("CHECK constraint failed: ligne 50")

    monkeypatch.setattr(apply, "_create", failing_create)
    lines = [f"P{i},Nom{i},https://www.linkedin.com/in/p-{i:03d},,,," for i in range(100)]
    lines.insert(10, "Jean,Dupont,https://www.linkedin.com/in/jean-dupont,,Acme,CEO,")
    code, out, err = run_import(db_path, "linkedin", write(tmp_path, linkedin_bytes(lines)))
    assert calls["n"] == 1
    assert code == 1 and out == ""
    assert "La base a refusé l'import" in err and "Rien n'a été importé" in err
    assert database_content(db_path) == before


def test_a_row_refused_by_the_database_itself_rolls_everything_back(
    tmp_path: Path, db_path: Path
) -> None:
    seed(db_path, jean())
    import sqlite3

    with sqlite3.connect(db_path) as conn:  # a rule the checks do not know: no « Interdit »
        conn.execute(
            "CREATE TRIGGER no_interdit BEFORE INSERT ON contact WHEN NEW.last_name = 'Interdit' "
            "BEGIN SELECT RAISE(ABORT, 'nom interdit'); END"
        )
    before = database_content(db_path)
    lines = [f"P{i},Nom{i},,,,," for i in range(100)]
    lines[49] = "Jean,Interdit,,,,,"
    code, _, err = run_import(db_path, "linkedin", write(tmp_path, linkedin_bytes(lines)))
    assert code == 1 and "nom interdit" in err
    first = FIRST_ROW  # the batch holding the refused row is named by its lines
    assert f"en écrivant les lignes {first} à {first + 99}" in err
    assert database_content(db_path) == before


def test_dry_run_reports_everything_and_writes_nothing(tmp_path: Path, db_path: Path) -> None:
    seed(db_path, jean(linkedin_url="jean-dupont"))
    before = database_content(db_path)
    data = linkedin_bytes(
        [
            "Jean,Dupont,https://www.linkedin.com/in/jean-dupont,,,CEO,",
            "Zoé,Petit,,,,,",
            ",,,,,,1 Jan 2020",
        ]
    )
    code, out, _ = run_import(db_path, "linkedin", write(tmp_path, data), "--dry-run")
    assert out.startswith("Essai d'import LinkedIn")
    assert "rien n'a été enregistré" in out
    assert "créées         : 1" in out and "fusionnées     : 1" in out
    assert "rejetées       : 1" in out and "Contacts complétés" in out
    assert database_content(db_path) == before
    assert code == 1


def test_dry_run_on_a_missing_database_leaves_an_empty_one(tmp_path: Path, db_path: Path) -> None:
    code, out, _ = run_import(
        db_path, "linkedin", write(tmp_path, linkedin_bytes(["Zoé,Petit,,,,,"])), "--dry-run"
    )
    assert code == 0 and "créées         : 1" in out
    assert rows(db_path, "SELECT COUNT(*) FROM contact") == [(0,)]


def test_a_contact_deleted_between_plan_and_write_is_reported_not_recreated(
    database: object,
) -> None:
    from tui_reseau.domain.contacts import delete_contact, save_contact
    from tui_reseau.domain.importers.apply import plan_import, run_import
    from tui_reseau.domain.importers.linkedin import read_linkedin
    from tui_reseau.store.models import Contact

    jean_id = save_contact(jean(linkedin_url="jean-dupont"))
    data = linkedin_bytes(["Jean,Dupont,https://www.linkedin.com/in/jean-dupont,,,CEO,"])
    plan = plan_import(read_linkedin(data))
    delete_contact(jean_id)  # e.g. from the open TUI, while the import waits for answers
    report = run_import(plan, lambda _match: False)
    assert Contact.select().count() == 0
    assert [(r.line, r.message) for r in report.rejected] == [
        (FIRST_ROW, f"le contact n° {jean_id} a été supprimé pendant l'import")
    ]
