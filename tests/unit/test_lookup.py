"""Finding a person from the shell: the word index (SQLite FTS5) kept in step with the contacts,
whoever writes, and the same answers as the LIKE reading used on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from tui_reseau.domain.card import EXCHANGES_SHOWN, load_card
from tui_reseau.domain.contacts import ContactDraft, save_contact
from tui_reseau.domain.lookup import _search, find_people, query_tokens
from tui_reseau.domain.lookup.like import LikeCandidates
from tui_reseau.domain.lookup.words import WordCandidates
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import close_database, open_database
from tui_reseau.store.models import Contact, Recommendation, ServiceGiven
from tui_reseau.store.word_index import WORD_TABLE, drop_word_index, has_word_index

TODAY = dt.date(2026, 11, 26)

PEOPLE = [
    ("Hélène", "Dupont", "Fiduciaire Beffrilys", "Expert-comptable", "Lille"),
    ("Mathieu", "Dupont", "Hainova Conseil", "Consultant", "Amiens"),
    ("Benoît", "Dupuis", "Banque du Beffroi", "Conseiller", "Amiens"),
    ("Chloé", "Delattre", "Banque du Beffroi", "Chargée d'affaires", "Arras"),
    ("Lætitia", "Cœurderoy", "Sœurs & Cie", "Gérante", "Boulogne-sur-Mer"),
    ("Jürgen", "Weißmüller", "Straße Logistik", "Directeur", "Dunkerque"),
    ("Brigitte", "Boulanger", "Boulangerie Boulanger", "Boulangère", "Amiens"),
]

QUERIES = [
    "dupont",
    "helene dupont",
    "dupond",  # a letter wrong
    "heleen",  # two letters swapped
    "befrilys",  # a letter missing, in a company
    "boulanger amiens",
    "dupont marseille",  # nobody in Marseille: the Duponts come anyway
    "du",  # a whole word in « Banque du Beffroi », the beginning of « Dupont »
    "coeurderoy",  # « œ » typed « oe »
    "laetitia",
    "weissmuller",  # « ß » typed « ss »
    "strasse",
    "qqqqzzzz",
]


def _fill() -> None:
    for first, last, company, role, city in PEOPLE:
        Contact.create(
            first_name=first, last_name=last, company=company, role=role, city=city, circle=2
        )


@pytest.fixture
def network(database: object) -> object:
    _fill()
    return database


def _names(query: str, names_first: bool = False) -> list[str]:
    return [m.name for m in find_people(query, limit=5, names_first=names_first)]


@pytest.mark.usefixtures("network")
def test_a_new_database_has_the_word_index(database: object) -> None:
    assert has_word_index(database)
    assert _names("dupond", names_first=True) == ["Hélène Dupont", "Mathieu Dupont"]
    assert _names("befrilys") == ["Hélène Dupont"]
    # A typo in a city or a role is found too (LIKE only corrects names and companies).
    assert _names("amens") == ["Benoît Dupuis", "Brigitte Boulanger", "Mathieu Dupont"]


@pytest.mark.usefixtures("network")
def test_ligatures_and_sharp_s_are_found_as_typed_on_a_french_keyboard() -> None:
    assert _names("coeurderoy") == ["Lætitia Cœurderoy"]
    assert _names("laetitia", names_first=True) == ["Lætitia Cœurderoy"]
    assert _names("soeurs") == ["Lætitia Cœurderoy"]
    assert _names("weissmuller", names_first=True) == ["Jürgen Weißmüller"]
    assert _names("strasse") == ["Jürgen Weißmüller"]


def test_a_name_typed_with_combining_accents_is_kept_as_typed_and_found(database: object) -> None:
    decomposed = "Gwe\u0301nae\u0308lle"  # how a Mac's vCard or some keyboards write it
    contact_id = save_contact(
        ContactDraft(first_name=decomposed, last_name="Lefe\u0300vre", circle=2), today=TODAY
    )
    assert Contact.get_by_id(contact_id).first_name == decomposed  # code point for code point
    for query in ("gwenaelle", "Gwénaëlle lefevre", "gwenaele"):
        assert [m.id for m in find_people(query, limit=5)] == [contact_id], query


@pytest.mark.parametrize("names_first", [False, True])
@pytest.mark.parametrize("query", QUERIES)
def test_the_index_and_like_give_the_same_answers(
    network: object, query: str, names_first: bool
) -> None:
    tokens = query_tokens(query)
    words = _search(WordCandidates(tokens, network), 5, names_first)
    like = _search(LikeCandidates(tokens), 5, names_first)
    if query == "du" and names_first:  # LIKE's « d_% » brings Delattre too: her names don't
        assert all(m.name.split()[-1].startswith("Du") for m in words)  # begin with « du »
        return
    assert [(m.name, m.score, m.field) for m in words] == [(m.name, m.score, m.field) for m in like]


@pytest.mark.usefixtures("network")
def test_the_index_follows_edits_and_deletions() -> None:
    helene = Contact.get(Contact.last_name == "Dupont", Contact.first_name == "Hélène")
    helene.last_name = "Verhaeghe"
    helene.company = "Cabinet Verhaeghe"
    helene.save()
    assert _names("dupont") == ["Mathieu Dupont"]
    assert _names("verhaege") == ["Hélène Verhaeghe"]  # the new name, typo included
    helene.delete_instance()
    assert _names("verhaeghe") == []
    assert _names("beffrilys") == []


def test_the_index_follows_another_program_writing(db_path: Path) -> None:
    open_database(DbTarget(path=db_path))
    close_database()
    with sqlite3.connect(db_path) as other:  # the sqlite3 shell, a script, another tool
        other.execute(
            "INSERT INTO contact (first_name, last_name, company, role, city, postcode, circle,"
            " notes, created_at, updated_at)"
            " VALUES ('Zoé', 'Lefèvre', 'Opale Fret', '', 'Calais', '', 1, '', '', '')"
        )
    open_database(DbTarget(path=db_path))
    try:
        assert _names("zoe lefevre", names_first=True) == ["Zoé Lefèvre"]
        assert _names("opale") == ["Zoé Lefèvre"]
    finally:
        close_database()


def test_an_older_database_gets_its_index_filled_from_its_contacts(db_path: Path) -> None:
    database = open_database(DbTarget(path=db_path))
    _fill()
    drop_word_index(database)  # as a file written before migration 0004
    database.execute_sql("DELETE FROM schema_migration WHERE name = '0004_contact_words'")
    close_database()
    database = open_database(DbTarget(path=db_path))
    try:
        assert has_word_index(database)
        count = database.execute_sql(f"SELECT COUNT(*) FROM {WORD_TABLE}").fetchone()[0]
        assert count == len(PEOPLE)
        assert _names("dupond", names_first=True) == ["Hélène Dupont", "Mathieu Dupont"]
    finally:
        close_database()


@pytest.mark.usefixtures("network")
def test_without_the_index_the_lookup_reads_with_like(database: object) -> None:
    drop_word_index(database)
    assert not has_word_index(database)
    assert _names("dupond", names_first=True) == ["Hélène Dupont", "Mathieu Dupont"]
    assert _names("befrilys") == ["Hélène Dupont"]


@pytest.mark.usefixtures("network")
def test_a_card_holds_the_latest_exchanges_and_counts_them_all() -> None:
    helene = Contact.get(Contact.first_name == "Hélène")
    for days in range(8):
        Recommendation.create(
            recommender=helene, received_on=TODAY - dt.timedelta(days=days), for_what=f"r{days}"
        )
    for _ in range(2):
        ServiceGiven.create(contact=helene, kind="conseil", given_on=TODAY, description="")
    card = load_card(helene.id, TODAY)
    assert card is not None
    assert card.received_count == 8 and card.given_count == 2 and card.balance == 6
    assert len(card.recommendations_received) == EXCHANGES_SHOWN
    assert [r.text for r in card.recommendations_received] == ["r0", "r1", "r2", "r3", "r4"]


def test_a_file_migrated_without_fts5_gets_its_index_at_the_next_opening(db_path: Path) -> None:
    database = open_database(DbTarget(path=db_path))
    _fill()
    drop_word_index(database)  # migration 0004 ran where SQLite had no FTS5: nothing created
    close_database()
    database = open_database(DbTarget(path=db_path))
    try:
        assert has_word_index(database)
        assert _names("dupond", names_first=True) == ["Hélène Dupont", "Mathieu Dupont"]
    finally:
        close_database()
