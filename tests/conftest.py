"""Shared fixtures: every test gets private, throw-away folders and a real SQLite file."""

from __future__ import annotations

import os
import resource
from collections.abc import Iterator
from pathlib import Path

import pytest

# Snapshots are compared in colour: NO_COLOR in the environment would make every one fail.
os.environ.pop("NO_COLOR", None)

# Hundreds of apps run in one process, each with worker threads holding SQLite files until the
# collector frees them: a machine whose soft limit is 1,024 descriptors ran out once. Raise the
# soft limit towards the hard one (never above it: that needs no privilege).
_soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
if _hard == resource.RLIM_INFINITY or _hard > _soft:
    _wanted = 8192 if _hard == resource.RLIM_INFINITY else min(_hard, 8192)
    if _wanted > _soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (_wanted, _hard))


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
