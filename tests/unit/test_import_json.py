"""``reseau import json``: our own full export restored into an empty database."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_import_support import contacts, run_import, seed
from tui_reseau.domain.contacts import ContactDraft


def export_of(db: Path, tmp_path: Path) -> Path:
    from tui_reseau.domain.network_json import network_json
    from tui_reseau.locations import DbTarget
    from tui_reseau.store.database import close_database, open_database

    open_database(DbTarget(path=db))
    try:
        path = tmp_path / "reseau.json"
        path.write_text(network_json(), encoding="utf-8")
    finally:
        close_database()
    return path


def test_json_export_restores_into_an_empty_database(tmp_path: Path) -> None:
    source = tmp_path / "source.db"
    seed(source, ContactDraft(first_name="Jean", last_name="Dupont", circle=1, tags="client"))
    target = tmp_path / "copie.db"
    code, out, err = run_import(target, "json", export_of(source, tmp_path))
    assert code == 0, err
    assert "Réseau restauré" in out and "contact : 1" in out
    assert contacts(target, "id, first_name, last_name, circle") == [(1, "Jean", "Dupont", 1)]


def test_json_import_refuses_a_database_that_is_not_empty(tmp_path: Path) -> None:
    source = tmp_path / "source.db"
    seed(source, ContactDraft(first_name="Jean", last_name="Dupont", circle=1))
    code, out, err = run_import(source, "json", export_of(source, tmp_path))
    assert code == 1 and out == "" and err.startswith("reseau : ")
    assert contacts(source) == [("Jean", "Dupont")]
