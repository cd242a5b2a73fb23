"""RGPD rights from the shell: access to everything on a person, erasure without a trace, stale."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_postgres import pg_server, pg_url  # noqa: F401  (fixtures)
from tui_reseau.domain.privacy import (
    ERASED,
    AmbiguousPerson,
    find_person,
    forget_person,
    person_data,
    stale_contacts,
)
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import close_database, open_database
from tui_reseau.store.models import (
    Community,
    CommunityMember,
    Contact,
    ContactTag,
    Event,
    EventContact,
    FollowUp,
    Interaction,
    InteractionContact,
    MemorisedDetail,
    Opportunity,
    Recommendation,
    ServiceGiven,
)

TODAY = dt.date(2026, 11, 26)
NAME = "Gwenaëlle Trouvé"
EMAIL = "gwenaelle.trouve@exemple-ardoise.fr"
PHONE = "+33612345678"
SECRETS = (NAME, "Trouvé", EMAIL, PHONE, "06 12 34 56 78", "0612345678")
SECRETS += ("gwenaelle", "trouve")  # the words as the search index (FTS5) folds and keeps them


def _contact(first: str, last: str, **fields: object) -> Contact:
    return Contact.create(first_name=first, last_name=last, circle=2, **fields)


def _interaction(day: dt.date, notes: str, *people: Contact) -> Interaction:
    interaction = Interaction.create(happened_on=day, channel="dejeuner", notes=notes)
    for person in people:
        InteractionContact.create(interaction=interaction, contact=person)
    return interaction


def _network() -> dict[str, Contact]:
    """Gwenaëlle, the person to forget, and the people and records around her."""
    rene = _contact("René", "Caron", company="Cabinet Caron")
    gwen = _contact(
        "Gwenaëlle",
        "Trouvé",
        company="Ardoise & Fils",
        email=EMAIL,
        phone=PHONE,
        city="Amiens",
        introduced_by=rene,
        notes="Rencontrée au salon.",
        birthday=dt.date(1984, 5, 2),
    )
    paul = _contact("Paul", "Lemaire", introduced_by=gwen, notes="Présenté par Gwenaëlle Trouvé.")
    ines = _contact("Inès", "Caron", notes="À rappeler.")
    ContactTag.create(contact=gwen, name="salon")
    MemorisedDetail.create(contact=gwen, kind="passion", text="Voile à Saint-Valery")
    MemorisedDetail.create(contact=ines, kind="projet", text="Associée avec Gwenaëlle TROUVÉ")
    shared = _interaction(TODAY, "Déjeuner à trois, tél. de Gwenaëlle : 06.12.34.56.78", gwen, paul)
    alone = _interaction(TODAY - dt.timedelta(days=40), "Café seule à seule", gwen)
    FollowUp.create(contact=gwen, due_on=TODAY, reason="Envoyer le devis", closed_by=alone)
    FollowUp.create(contact=ines, due_on=TODAY, reason=f"Écrire à {EMAIL} pour Inès")
    event = Event.create(name="Salon Amiens", held_on=TODAY, notes="")
    EventContact.create(event=event, contact=gwen)
    club = Community.create(name="Club Somme", kind="club")
    CommunityMember.create(community=club, contact=gwen)
    Recommendation.create(recommender=gwen, recommended_to=ines, received_on=TODAY, for_what="")
    Recommendation.create(recommender=rene, recommended_to=gwen, received_on=TODAY, for_what="x")
    Opportunity.create(contact=gwen, title="Site vitrine", opened_on=TODAY)
    ServiceGiven.create(contact=gwen, kind="conseil", given_on=TODAY, introduced=paul)
    ServiceGiven.create(contact=ines, kind="mise_en_relation", given_on=TODAY, introduced=gwen)
    # An earlier edit: the old text stays in the file's free space unless it is cleaned.
    ines.notes = "Cousine de Gwenaëlle Trouvé (0612345678)."
    ines.save()
    ines.notes = "À rappeler."
    ines.save()
    return {"gwen": gwen, "rene": rene, "paul": paul, "ines": ines, "shared": shared}


def _raw_bytes(db_path: Path) -> bytes:
    return b"".join(
        p.read_bytes()
        for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-journal"))
        if p.exists()
    )


def _traces(blob: bytes) -> list[str]:
    found = []
    for secret in SECRETS:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if secret.encode(encoding) in blob:
                found.append(f"{secret} ({encoding})")
    return found


@pytest.mark.usefixtures("database")
def test_access_export_holds_everything_on_the_person() -> None:
    people = _network()
    data = json.loads(json.dumps(person_data(people["gwen"].id)))  # JSON-ready
    assert data["contact"]["email"] == EMAIL
    assert data["contact"]["phone"] == PHONE
    assert data["contact"]["birthday"] == "1984-05-02"
    assert data["présenté_par"]["nom"] == "René Caron"
    assert [p["nom"] for p in data["a_présenté"]] == ["Paul Lemaire"]
    assert data["étiquettes"] == ["salon"]
    assert [d["text"] for d in data["détails_mémorisés"]] == ["Voile à Saint-Valery"]
    exchanges = {e["notes"]: e for e in data["échanges"]}
    assert len(exchanges) == 2
    shared = next(e for e in data["échanges"] if e["id"] == people["shared"].id)
    assert [p["nom"] for p in shared["autres_participants"]] == ["Paul Lemaire"]
    assert [f["reason"] for f in data["relances"]] == ["Envoyer le devis"]
    assert [e["name"] for e in data["événements"]] == ["Salon Amiens"]
    assert [c["nom"] for c in data["communautés"]] == ["Club Somme"]
    assert data["recommandations_données"][0]["recommandé_à"]["nom"] == "Inès Caron"
    assert data["recommandations_reçues"][0]["recommandé_par"]["nom"] == "René Caron"
    assert [o["title"] for o in data["opportunités"]] == ["Site vitrine"]
    assert data["services_rendus"][0]["personne_présentée"]["nom"] == "Paul Lemaire"
    assert data["présenté_lors_de_services"][0]["à"]["nom"] == "Inès Caron"
    mentions = {(m["table"], m["champ"]) for m in data["mentions"]}
    assert mentions >= {
        ("contact", "notes"),
        ("memorised_detail", "text"),
        ("follow_up", "reason"),
    }


def test_forget_leaves_no_trace_in_the_database_file(db_path: Path) -> None:
    open_database(DbTarget(path=db_path))
    try:
        people = _network()
        assert _traces(_raw_bytes(db_path))  # the test can fail: the secrets are there
        result = forget_person(people["gwen"].id)
        assert result.name == NAME
        assert result.file_cleaned
    finally:
        close_database()
    assert _traces(_raw_bytes(db_path)) == []


@pytest.mark.usefixtures("database")
def test_forget_anonymises_the_references_in_others_records() -> None:
    people = _network()
    gwen, paul, ines = people["gwen"], people["paul"], people["ines"]
    result = forget_person(gwen.id)
    assert result.interactions_deleted == 1  # the coffee where she was alone with us
    assert Contact.get_or_none(Contact.id == gwen.id) is None
    assert Contact.get_by_id(paul.id).introduced_by is None
    assert Contact.get_by_id(paul.id).notes == f"Présenté par {ERASED}."
    assert MemorisedDetail.get(MemorisedDetail.contact == ines).text == f"Associée avec {ERASED}"
    assert FollowUp.get(FollowUp.contact == ines).reason == f"Écrire à {ERASED} pour Inès"
    shared = Interaction.get_by_id(people["shared"].id)  # kept: Paul was there too
    assert shared.notes == f"Déjeuner à trois, tél. de Gwenaëlle : {ERASED}"
    assert [row.contact.id for row in shared.participants] == [paul.id]
    assert Interaction.select().count() == 1
    assert FollowUp.select().where(FollowUp.reason == "Envoyer le devis").count() == 0
    assert Opportunity.select().count() == 0
    assert Recommendation.select().where(Recommendation.recommender.is_null()).count() == 1
    assert Recommendation.select().where(Recommendation.recommended_to.is_null()).count() == 1
    assert ServiceGiven.get(ServiceGiven.contact == ines).introduced is None
    assert Contact.get_by_id(ines.id).last_name == "Caron"  # other people's names stay
    assert ContactTag.select().count() == 0
    assert EventContact.select().count() == 0
    assert CommunityMember.select().count() == 0


@pytest.mark.usefixtures("database")
def test_a_namesake_keeps_the_shared_last_name() -> None:
    people = _network()
    _contact("Marc", "Trouvé", notes="Frère de Marc ? Non : Trouvé d'Abbeville.")
    forget_person(people["gwen"].id)
    marc = Contact.get(Contact.first_name == "Marc")
    assert marc.last_name == "Trouvé"
    assert marc.notes == "Frère de Marc ? Non : Trouvé d'Abbeville."


@pytest.mark.usefixtures("database")
def test_person_lookup_by_number_name_or_ambiguity() -> None:
    people = _network()
    assert find_person(f"#{people['gwen'].id}") == people["gwen"].id
    assert find_person("gwenaelle trouve") == people["gwen"].id
    with pytest.raises(AmbiguousPerson) as info:
        find_person("caron")
    assert {m.name for m in info.value.matches} == {"René Caron", "Inès Caron"}


@pytest.mark.usefixtures("database")
def test_stale_lists_people_without_interaction_for_n_years() -> None:
    old_lunch = _contact("Ancien", "Déjeuner")
    _interaction(dt.date(2022, 6, 1), "", old_lunch)
    recent = _contact("Récent", "Échange", met_on=dt.date(2020, 1, 1))
    _interaction(dt.date(2026, 1, 10), "", recent)
    _contact("Vieille", "Rencontre", met_on=dt.date(2023, 11, 25))
    _contact("Rencontre", "Limite", met_on=dt.date(2023, 11, 26))  # exactly 3 years: kept
    added = _contact("Jamais", "Vu")
    Contact.update(created_at=dt.datetime(2021, 3, 1, 9, 0)).where(Contact.id == added.id).execute()
    _contact("Nouveau", "Venu")  # created now, never met

    stale = stale_contacts(3, TODAY)
    assert [(s.name, s.seen_by) for s in stale] == [
        ("Jamais Vu", "création"),
        ("Ancien Déjeuner", "échange"),
        ("Vieille Rencontre", "rencontre"),
    ]
    assert stale[1].last_seen == dt.date(2022, 6, 1)


# --------------------------------------------------------------------------- the command


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_reseau", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,  # not a terminal: nobody can answer a question
        env={**os.environ},
        timeout=120,
    )


@pytest.fixture
def network_file(db_path: Path) -> Path:
    open_database(DbTarget(path=db_path))
    try:
        _network()
    finally:
        close_database()
    return db_path


def _count(db: Path, name: str = "Gwenaëlle") -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT COUNT(*) FROM contact WHERE first_name = ?", (name,)
        ).fetchone()[0]


def test_forget_asks_for_confirmation_and_erases_nothing_without_it(network_file: Path) -> None:
    result = run("privacy", "forget", "Gwenaëlle", "Trouvé", "--db", str(network_file))
    assert result.returncode == 1
    assert "Rien n'a été effacé" in result.stderr
    assert "--yes" in result.stderr
    assert "Traceback" not in result.stderr
    assert _count(network_file) == 1


def test_forget_with_yes_erases_and_warns_about_backups(network_file: Path) -> None:
    assert run("backup", "--db", str(network_file)).returncode == 0
    result = run("privacy", "forget", "gwenaelle", "--yes", "--db", str(network_file))
    assert result.returncode == 0, result.stderr
    assert f"{NAME} a été effacé(e)" in result.stdout
    assert "1 sauvegarde(s)" in result.stdout and "sauvegardes/" in result.stdout
    assert _count(network_file) == 0
    assert _traces(_raw_bytes(network_file)) == []


def test_forget_of_an_ambiguous_name_lists_people_and_erases_nobody(network_file: Path) -> None:
    result = run("privacy", "forget", "caron", "--yes", "--db", str(network_file))
    assert result.returncode == 1
    assert "1. " in result.stdout and "2. " in result.stdout and "Caron" in result.stdout
    assert "2 personnes correspondent" in result.stderr
    assert _count(network_file, "René") == 1 and _count(network_file, "Inès") == 1


def test_privacy_export_writes_a_private_json_file(network_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "acces.json"
    result = run("privacy", "export", "Trouvé", "-o", str(out), "--db", str(network_file))
    assert result.returncode == 0, result.stderr
    assert (out.stat().st_mode & 0o777) == 0o600
    assert json.loads(out.read_text(encoding="utf-8"))["contact"]["email"] == EMAIL
    again = run("privacy", "export", "Trouvé", "-o", str(out), "--db", str(network_file))
    assert again.returncode == 1 and "--force" in again.stderr


def test_stale_command_prints_the_list_and_the_advice(network_file: Path) -> None:
    with sqlite3.connect(network_file) as conn:
        conn.execute("UPDATE contact SET created_at = '2019-01-01 10:00:00', met_on = NULL")
        conn.execute("UPDATE interaction SET happened_on = '2020-05-05'")
    result = run("privacy", "stale", "--years", "3", "--db", str(network_file))
    assert result.returncode == 0, result.stderr
    assert "4 contact(s) sans échange depuis plus de 3 an(s)" in result.stdout
    assert "reseau privacy forget" in result.stdout
    bad = run("privacy", "stale", "--years", "0", "--db", str(network_file))
    assert bad.returncode == 2 and "de 1 à 50" in bad.stderr


def test_forget_while_the_application_keeps_the_database_open(db_path: Path) -> None:
    open_database(DbTarget(path=db_path))
    try:
        people = _network()
    finally:
        close_database()
    other = sqlite3.connect(db_path)  # like the TUI: open, idle between two reads
    assert other.execute("SELECT COUNT(*) FROM contact").fetchone()[0] == 4
    open_database(DbTarget(path=db_path))
    try:
        assert forget_person(people["gwen"].id).file_cleaned
    finally:
        close_database()
    assert other.execute("SELECT COUNT(*) FROM contact").fetchone()[0] == 3
    other.close()
    assert _traces(_raw_bytes(db_path)) == []


def test_access_and_forget_on_postgresql(pg_url: str) -> None:  # noqa: F811
    from tui_reseau.locations import parse_db_value

    open_database(parse_db_value(pg_url, "--db"))
    try:
        people = _network()
        assert person_data(people["gwen"].id)["contact"]["email"] == EMAIL
        result = forget_person(people["gwen"].id)
        assert not result.file_cleaned and "VACUUM FULL" in result.note
        assert Contact.get_by_id(people["paul"].id).notes == f"Présenté par {ERASED}."
        assert [s.name for s in stale_contacts(3, TODAY)] == []
    finally:
        close_database()
