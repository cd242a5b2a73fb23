"""The imports on PostgreSQL: both ways of inserting, merging and rolling back stay portable."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from tests.unit.test_import_support import linkedin_bytes
from tests.unit.test_postgres import pg_server, pg_url  # noqa: F401 - fixtures
from tui_reseau.cli import main


def run(url: str, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["import", *args, "--db", url])
    return code, out.getvalue()


def test_linkedin_and_csv_imports_on_postgres(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    from tui_reseau.locations import parse_db_value
    from tui_reseau.store.database import close_database, open_database
    from tui_reseau.store.models import Contact, ContactTag

    linkedin = tmp_path / "Connections.csv"
    linkedin.write_bytes(
        linkedin_bytes(
            [
                "Jean,Dupont,https://www.linkedin.com/in/jean-dupont,,Acme,CEO,12 Mar 2024",
                "Léa,Roux,,lea@roux.fr,Roux Conseil,,1 Jan 2020",
            ]
        )
    )
    table = tmp_path / "contacts.csv"
    table.write_text(
        "Prénom;Nom;Courriel;Étiquettes;Ville\n"
        "Léa;Roux;LEA@roux.fr;bni;Calais\n"
        "Zoé;Petit;;client, salon;Lille\n",
        encoding="utf-8",
    )
    assert run(pg_url, "linkedin", str(linkedin))[0] == 0
    code, out = run(pg_url, "csv", str(table))
    assert code == 0, out
    assert "créées         : 1" in out and "fusionnées     : 1" in out
    open_database(parse_db_value(pg_url, "--db"))
    try:
        people = Contact.select().order_by(Contact.id)
        assert [(c.first_name, c.city, c.met_via) for c in people] == [
            ("Jean", "", "linkedin"),
            ("Léa", "Calais", "linkedin"),
            ("Zoé", "Lille", None),
        ]
        tags = ContactTag.select(ContactTag.name).order_by(ContactTag.name).tuples()
        assert [t for (t,) in tags] == ["bni", "client", "salon"]
    finally:
        close_database()
