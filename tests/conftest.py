"""Shared fixtures: every test gets private, throw-away folders and a real SQLite file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Snapshots are compared in colour: NO_COLOR in the environment would make every one fail.
os.environ.pop("NO_COLOR", None)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point HOME and the XDG folders at a temporary place: tests never touch real data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("RESEAU_DB", raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "reseau.db"


@pytest.fixture
def database(db_path: Path) -> Iterator[object]:
    """A migrated SQLite file bound to the models, closed after the test."""
    from tui_reseau.locations import DbTarget
    from tui_reseau.store.database import close_database, open_database

    db = open_database(DbTarget(path=db_path))
    yield db
    close_database()
