"""``reseau brief``, ``reseau search`` and ``reseau add`` as a user runs them from a shell.

Real processes on real SQLite files; the network is the deterministic demo (150 contacts), which
holds Hélène Dupont (expert-comptable, Lille), Mathieu Dupont (consultant, Paris), Benoît Dupuis
(boulanger, Amiens) and Hélène Vasseur (Calais).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.test_postgres import pg_server, pg_url  # noqa: F401  (fixtures)

HOSTILE_FIRST = "Zorglub\x1b]52;c;cm0gLXJmIH4=\x07"  # OSC 52: would write the clipboard
HOSTILE_LAST = "Malin\x1b[2J[bold]Gras[/bold]\u202eesrever"  # clear screen, markup, RTL override


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_reseau", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = run("demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    """A private copy of the demo network, free to be written."""
    path = tmp_path / "reseau.db"
    shutil.copy(demo_file, path)
    return path


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT COUNT(*) FROM contact").fetchone()[0]


def _add_hostile_contact(db: Path) -> int:
    """A contact as an import could bring it: validation never saw these characters."""
    now = dt.datetime.now().isoformat(sep=" ", timespec="seconds")
    with sqlite3.connect(db) as conn:
        cursor = conn.execute(
            "INSERT INTO contact (first_name, last_name, company, role, city, postcode, circle, "
            "notes, created_at, updated_at) VALUES (?, ?, ?, '', ?, '', 1, ?, ?, ?)",
            (
                HOSTILE_FIRST,
                HOSTILE_LAST,
                "Evil\x9b31m Corp",
                "Lille\x1b[31m",
                "note\x1b]8;;http://x\x07lien",
                now,
                now,
            ),
        )
        contact_id = cursor.lastrowid
        conn.execute(
            "INSERT INTO memorised_detail (contact_id, kind, text, noted_on, still_true, "
            "updated_at) VALUES (?, 'passion', ?, ?, 1, ?)",
            (contact_id, "\x1b[5mclignote[/]", dt.date.today().isoformat(), now),
        )
    return contact_id


def _assert_terminal_safe(text: str) -> None:
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in text, f"{raw!r} reached the output"


# --------------------------------------------------------------------------- brief


def test_brief_first_finds_a_dupont_despite_the_typo(demo: Path) -> None:
    result = run("brief", "dupond", "--first", "--db", str(demo))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Hélène Dupont")  # tie with Mathieu Dupont: name order
    assert "Fiduciaire Beffrilys" in lines[1]
    assert "Cercle 2 — Prescripteurs locaux" in result.stdout
    assert "Lille Métropole · Lille" in result.stdout
    for section in (
        "À retenir",
        "Derniers échanges",
        "Relances ouvertes",
        "Opportunités",
        "Donnant-donnant",
    ):
        assert any(line.startswith(section) for line in lines), section
    assert "(plus d'actualité)" in result.stdout  # « Voile à Wimereux » is no longer true
    assert "recommandations reçues" in result.stdout


def test_ambiguous_query_lists_the_people_and_exits_1(demo: Path) -> None:
    result = run("brief", "dupond", "--db", str(demo))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "1. Hélène Dupont — Fiduciaire Beffrilys, Lille · n° 1",
        "2. Mathieu Dupont — Hainova Conseil, Paris · n° 8",
    ]
    assert "2 personnes correspondent à « dupond »" in result.stderr
    assert "reseau brief --first dupond" in result.stderr
    assert "reseau brief Hélène Dupont" in result.stderr
    assert "reseau brief 1" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_contact_number_gives_that_card(demo: Path) -> None:
    for query in ("8", "n° 8", "#8"):
        result = run("brief", query, "--db", str(demo))
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Mathieu Dupont  n° 8")
    unknown = run("brief", "99999", "--db", str(demo))
    assert unknown.returncode == 1 and "Personne ne correspond" in unknown.stderr


@pytest.mark.parametrize(
    ("words", "who"),
    [
        (["helene", "dupont"], "Hélène Dupont"),  # no accents
        (["DUPONT", "Hélène"], "Hélène Dupont"),  # any order, any case
        (["benoit", "dupuis"], "Benoît Dupuis"),
        (["boulanger", "amiens"], "Benoît Dupuis"),  # a trade and a town
        (["mathiew", "dupont"], "Mathieu Dupont"),  # a typo in the first name
    ],
)
def test_a_precise_query_gives_one_card(demo: Path, words: list[str], who: str) -> None:
    result = run("brief", *words, "--db", str(demo))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(who)


def test_no_match_is_said_in_french(demo: Path) -> None:
    result = run("brief", "zzzzqx", "--db", str(demo))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Personne ne correspond à « zzzzqx »" in result.stderr
    assert "Traceback" not in result.stderr


def test_piped_output_has_no_escape_code(demo: Path) -> None:
    for args in (["brief", "helene", "dupont"], ["search", "dupont"], ["brief", "dupond"]):
        result = run(*args, "--db", str(demo))
        assert result.stdout
        assert "\x1b" not in result.stdout + result.stderr


@pytest.mark.parametrize("columns", [44, 100])
def test_piped_output_wraps_to_columns(demo: Path, columns: int) -> None:
    result = run("brief", "helene", "dupont", "--db", str(demo), env={"COLUMNS": str(columns)})
    assert result.returncode == 0, result.stderr
    widths = [len(line) for line in result.stdout.splitlines()]
    assert max(widths) <= columns
    assert max(widths) > min(columns, 100) - 12  # long lines use the width they are given


def test_hostile_name_prints_literally_and_safely(demo: Path) -> None:
    _add_hostile_contact(demo)
    brief = run("brief", "zorglub", "--db", str(demo))
    assert brief.returncode == 0, brief.stderr
    _assert_terminal_safe(brief.stdout)
    first_line = brief.stdout.splitlines()[0]
    assert first_line.startswith("Zorglub␛]52;c;cm0gLXJmIH4=␇ Malin␛[2J[bold]Gras[/bold]")
    assert "Evil\ufffd31m Corp" in brief.stdout
    assert "␛[5mclignote[/]" in brief.stdout
    assert "note␛]8;;http://x␇lien" in brief.stdout

    search = run("search", "zorglub", "--db", str(demo))
    assert search.returncode == 0
    _assert_terminal_safe(search.stdout)
    assert search.stdout.startswith("Zorglub␛]52")

    as_json = run("search", "zorglub", "--json", "--db", str(demo))
    _assert_terminal_safe(as_json.stdout)  # escaped as \u001b, \u202e: still exact JSON
    assert json.loads(as_json.stdout)[0]["name"] == f"{HOSTILE_FIRST} {HOSTILE_LAST}"

    typed = run("brief", "\x1b[31mzorgluuubx", "--db", str(demo))  # quoted back in the error
    assert typed.returncode == 1
    _assert_terminal_safe(typed.stderr)
    assert "␛[31mzorgluuubx" in typed.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminal POSIX")
def test_brief_in_a_terminal_is_styled_but_never_lets_an_escape_through(demo: Path) -> None:
    import pty

    _add_hostile_contact(demo)
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui_reseau", "brief", "zorglub", "--db", str(demo)],
        stdout=slave,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=60) == 0
    output = b"".join(chunks).decode()
    assert "\x1b[1m" in output  # rich styled the name: this is the terminal path
    assert "␛]52;c;cm0gLXJmIH4=␇" in output and "[bold]Gras[/bold]" in output
    for raw in ("\x1b]", "\x1b[2J", "\x07", "\x9b", "\u202e", "\x1b[5m"):
        assert raw not in output


# --------------------------------------------------------------------------- search


def test_search_json_parses_and_ranks(demo: Path) -> None:
    result = run("search", "dupont", "--json", "--limit", "5", "--db", str(demo))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [m["name"] for m in found[:2]] == ["Hélène Dupont", "Mathieu Dupont"]
    assert set(found[0]) == {"id", "name", "company", "city", "circle", "pole", "score"}
    assert found[0]["company"] == "Fiduciaire Beffrilys"
    assert found[0]["circle"] == 2 and found[0]["pole"] == "lille"
    assert found[0]["score"] == 100.0
    scores = [m["score"] for m in found]
    assert scores == sorted(scores, reverse=True)
    assert len(found) <= 5


def test_search_lists_name_company_city_and_circle(demo: Path) -> None:
    result = run("search", "beffrilys", "--db", str(demo))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    assert all("Beffrilys" in line and "cercle " in line and " n° " in line for line in lines)
    assert any(line.startswith("Hélène Dupont") and "Lille" in line for line in lines)


def test_search_without_result(demo: Path) -> None:
    plain = run("search", "zzzzqx", "--db", str(demo))
    assert plain.returncode == 1 and "Personne ne correspond" in plain.stderr
    as_json = run("search", "zzzzqx", "--json", "--db", str(demo))
    assert as_json.returncode == 1 and json.loads(as_json.stdout) == []


# --------------------------------------------------------------------------- add


def test_add_writes_a_valid_contact_with_its_pole(demo: Path) -> None:
    result = run(
        "add",
        "Hélène Vasseur",
        "--circle",
        "1",
        "--city",
        "Amiens",
        "--company",
        "Boulangerie Vasseur",
        "--phone",
        "06 12 34 56 78",
        "--email",
        "helene@Exemple.FR",
        "--tags",
        "boulangerie, amiens",
        "--db",
        str(demo),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Ajouté : Hélène Vasseur (cercle 1, Amiens & Somme) — n° 151\n"
    assert "même nom que le n° 72" in result.stderr  # the demo's Hélène Vasseur, in Calais
    with sqlite3.connect(demo) as conn:
        row = conn.execute(
            "SELECT first_name, last_name, phone, email, pole, circle, qualified_on "
            "FROM contact WHERE id = 151"
        ).fetchone()
        tags = conn.execute("SELECT name FROM contact_tag WHERE contact_id = 151").fetchall()
    assert row == ("Hélène", "Vasseur", "+33612345678", "helene@exemple.fr", "amiens", 1, None)
    assert sorted(t for (t,) in tags) == ["amiens", "boulangerie"]


def test_add_takes_the_circle_from_the_kind_and_splits_the_name(demo: Path) -> None:
    result = run(
        "add",
        "Jean-Marc",
        "de La Tour",
        "--kind",
        "expert_comptable",
        "--city",
        "Lille",
        "--qualified",
        "--db",
        str(demo),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Ajouté : Jean-Marc de La Tour (cercle 2, Lille Métropole)")
    with sqlite3.connect(demo) as conn:
        row = conn.execute(
            "SELECT first_name, last_name, kind, circle, qualified_on FROM contact "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert row == ("Jean-Marc", "de La Tour", "expert_comptable", 2, dt.date.today().isoformat())


def test_add_lists_every_wrong_field_by_option_and_writes_nothing(demo: Path) -> None:
    before = _count(demo)
    result = run(
        "add",
        "Jean Test",
        "--circle",
        "1",
        "--phone",
        "12",
        "--email",
        "jean@@exemple.fr",
        "--db",
        str(demo),
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--phone : Numéro de téléphone invalide" in result.stderr
    assert "--email : Adresse e-mail invalide" in result.stderr
    assert "2 champs à corriger" in result.stderr
    assert "Rien n'a été enregistré" in result.stderr
    assert "Traceback" not in result.stderr
    assert _count(demo) == before


def test_add_needs_a_circle_or_a_kind(demo: Path) -> None:
    before = _count(demo)
    result = run("add", "Jean Test", "--db", str(demo))
    assert result.returncode == 2
    assert "--circle : Choisissez un cercle" in result.stderr
    wrong = run("add", "Jean Test", "--circle", "1", "--kind", "banquier", "--db", str(demo))
    assert wrong.returncode == 2
    assert "--kind : « Banquier » n'est pas un type du cercle 1" in wrong.stderr
    assert _count(demo) == before


def test_add_keeps_escape_sequences_as_given_and_shows_them_safely(demo: Path) -> None:
    before = _count(demo)
    wrong = run(
        "add", "Jean\x1b[31m Test", "--circle", "1", "--kind", "x\x1b]0;t\x07", "--db", str(demo)
    )
    assert wrong.returncode == 2
    _assert_terminal_safe(wrong.stderr)
    assert "--kind : Type de contact inconnu : « x␛]0;t␇ »" in wrong.stderr  # made visible
    assert _count(demo) == before
    added = run("add", "Jean\x1b[31m Test", "--circle", "1", "--db", str(demo))
    assert added.returncode == 0, added.stderr
    _assert_terminal_safe(added.stdout)
    with sqlite3.connect(demo) as conn:
        stored = conn.execute("SELECT first_name FROM contact ORDER BY id DESC LIMIT 1").fetchone()
    assert stored == ("Jean\x1b[31m",)  # stored exactly


def test_an_invalid_contact_creates_no_database(tmp_path: Path) -> None:
    db = tmp_path / "nouveau.db"
    result = run("add", "Jean Test", "--circle", "1", "--phone", "12", "--db", str(db))
    assert result.returncode == 2
    assert not db.exists()
    created = run("add", "Jean Test", "--circle", "1", "--db", str(db))
    assert created.returncode == 0, created.stderr
    assert created.stdout == "Ajouté : Jean Test (cercle 1) — n° 1\n"
    assert (db.stat().st_mode & 0o077) == 0


# --------------------------------------------------------------------------- choosing the base


def test_reseau_db_variable_and_db_option_are_respected(demo: Path, tmp_path: Path) -> None:
    by_env = run("brief", "benoit", "dupuis", env={"RESEAU_DB": str(demo)})
    assert by_env.returncode == 0, by_env.stderr
    assert by_env.stdout.startswith("Benoît Dupuis")
    elsewhere = tmp_path / "ailleurs.db"
    added = run("add", "Zoé Lefèvre", "--circle", "1", env={"RESEAU_DB": str(elsewhere)})
    assert added.returncode == 0, added.stderr
    assert _count(elsewhere) == 1
    # --db wins over the variable, before or after the command
    for args in (["--db", str(demo), "search", "zoe"], ["search", "zoe", "--db", str(demo)]):
        result = run(*args, env={"RESEAU_DB": str(elsewhere)})
        assert "Zoé Lefèvre" not in result.stdout
    found = run("search", "zoe", "lefevre", "--json", env={"RESEAU_DB": str(elsewhere)})
    assert [m["name"] for m in json.loads(found.stdout)] == ["Zoé Lefèvre"]


def test_reading_commands_never_create_a_database(tmp_path: Path, _isolated_home: Path) -> None:
    missing = tmp_path / "absente.db"
    for args in (["brief", "dupont", "--db", str(missing)], ["search", "dupont"]):
        result = run(*args)
        assert result.returncode == 1
        assert "Aucune base de données" in result.stderr
    assert not missing.exists()
    assert not (_isolated_home / ".local/share/tui-reseau/reseau.db").exists()


# --------------------------------------------------------------------------- PostgreSQL


def test_brief_search_and_add_on_postgresql(pg_url: str) -> None:  # noqa: F811
    assert run("demo", "--db", pg_url).returncode == 0
    brief = run("brief", "helene", "dupond", "--db", pg_url)
    assert brief.returncode == 0, brief.stderr
    assert brief.stdout.startswith("Hélène Dupont")
    ambiguous = run("brief", "dupond", "--db", pg_url)
    assert ambiguous.returncode == 1 and "1. Hélène Dupont" in ambiguous.stdout
    added = run("add", "Zoé Lefèvre", "--circle", "1", "--city", "Amiens", "--db", pg_url)
    assert added.returncode == 0, added.stderr
    found = json.loads(run("search", "zoe", "lefevre", "--json", "--db", pg_url).stdout)
    assert found[0]["name"] == "Zoé Lefèvre" and found[0]["pole"] == "amiens"


# --------------------------------------------------------------------------- the matcher itself


@pytest.fixture
def bound(demo: Path) -> Iterator[None]:
    from tui_reseau.locations import DbTarget
    from tui_reseau.store.database import close_database, open_database

    open_database(DbTarget(path=demo))
    yield
    close_database()


@pytest.mark.parametrize("names_first", [False, True])
@pytest.mark.parametrize(
    ("query", "best", "field"),
    [
        ("hélène dupont", "Hélène Dupont", "name"),
        ("HELENE", "Hélène Dupont", "name"),  # ties in name order: Dupont before Vasseur
        ("heleen", "Hélène Dupont", "name"),  # a transposition
        ("dupuis amiens", "Benoît Dupuis", "name"),
        ("befrilys", "Céline Lhermitte", "company"),  # a letter missing in a company
    ],
)
def test_find_people(bound: None, query: str, best: str, field: str, names_first: bool) -> None:
    from tui_reseau.domain.lookup import find_people

    found = find_people(query, limit=5, names_first=names_first)
    assert found[0].name == best
    assert found[0].field == field
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_a_whole_word_beats_the_beginning_of_a_name_but_names_come_first(bound: None) -> None:
    from tui_reseau.domain.lookup import find_people

    # « Banque du Beffroi »: « du » is a whole word there, only the beginning of « Dupuis ».
    assert find_people("du", limit=5)[0].name == "Chloé Delattre"
    # The brief looks at names first: the people whose names begin with « du ».
    found = find_people("du", limit=5, names_first=True)
    assert found and all(m.field == "name" for m in found)
    assert all(m.name.split()[-1].startswith("Du") for m in found)


def test_find_people_blank_or_unknown(bound: None) -> None:
    from tui_reseau.domain.lookup import close_matches, find_people

    assert find_people("  ", 5) == []
    assert find_people("---", 5) == []
    assert find_people("qqqqzzzz", 5) == []
    assert close_matches([]) == []
    duponts = find_people("dupond", 5)
    assert [m.name for m in close_matches(duponts)] == ["Hélène Dupont", "Mathieu Dupont"]


@pytest.mark.parametrize("width", [40, 57, 80, 100])
def test_brief_text_fits_the_width(bound: None, width: int) -> None:
    from rich.cells import cell_len

    from tui_reseau.domain.brief import brief_text
    from tui_reseau.domain.card import load_card

    today = dt.date.today()
    for contact_id in (1, 2, 8):
        card = load_card(contact_id, today)
        assert card is not None
        text = brief_text(card, today, width)
        assert "\x1b" not in text
        assert max(cell_len(line) for line in text.splitlines()) <= width


def test_an_empty_file_is_not_read_as_an_empty_network(tmp_path: Path, capsys) -> None:
    from tui_reseau.cli import main

    empty = tmp_path / "tronquee.db"
    empty.touch()
    code = main(["brief", "dupont", "--db", str(empty)])
    err = capsys.readouterr().err
    assert code == 1
    assert "fichier vide" in err and "reseau restore" in err
    assert empty.stat().st_size == 0  # nothing was created in it
