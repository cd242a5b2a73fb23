"""Where data lives: platformdirs folders, ``--db`` / ``RESEAU_DB`` overrides, private files.

The application runs on shared servers: the data folder is created 0700 and every file we
create 0600, so that no other user can read anyone's network.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# platformdirs and urllib.parse are imported where they are used: a command given --db or
# RESEAU_DB (a login script, a cron job) starts without them (about 7 ms of ~140).

APP_NAME = "tui-reseau"
DB_FILENAME = "reseau.db"
ENV_DB = "RESEAU_DB"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def data_dir() -> Path:
    """The user's data folder for tui-reseau (not created)."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME)


def config_dir() -> Path:
    """The user's configuration folder for tui-reseau (not created)."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME)


def log_dir() -> Path:
    """The user's log folder for tui-reseau (not created)."""
    import platformdirs

    return platformdirs.user_log_path(APP_NAME)


def default_db_path() -> Path:
    """The embedded SQLite database used when neither ``--db`` nor ``RESEAU_DB`` is given."""
    return data_dir() / DB_FILENAME


@dataclass(frozen=True, slots=True)
class DbTarget:
    """Which database to open: a SQLite file (``path``) or any Peewee database URL (``url``)."""

    url: str | None = None
    path: Path | None = None
    is_default: bool = False
    source: str = "défaut"  # "défaut", "--db" or "RESEAU_DB": where the choice came from

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None or (self.url or "").startswith("sqlite")

    @property
    def is_memory(self) -> bool:
        return self.path is None and self.url is not None and ":memory:" in self.url

    def describe(self) -> str:
        """A human-readable name: the file path, or the URL with its password hidden."""
        if self.path is not None:
            return str(self.path)
        return _hide_password(self.url or "")


def _hide_password(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


def parse_db_value(value: str, source: str) -> DbTarget:
    """Read a ``--db`` value: a plain path, ``sqlite:///path``, or another database URL."""
    value = value.strip()
    if "://" not in value:
        return DbTarget(path=Path(value).expanduser().absolute(), source=source)
    scheme = value.split("://", 1)[0].lower()
    if scheme == "sqlite":
        from urllib.parse import urlsplit

        raw = urlsplit(value).path
        # sqlite:///relative.db -> "/relative.db"; sqlite:////abs.db -> "//abs.db"
        name = raw[1:] if raw.startswith("/") else raw
        if name and name != ":memory:":
            return DbTarget(path=Path(name).expanduser().absolute(), source=source)
    return DbTarget(url=value, source=source)


def resolve_db(value: str | None = None, environ: Mapping[str, str] | None = None) -> DbTarget:
    """The database to open: ``--db`` first, then ``RESEAU_DB``, then the default file."""
    env = os.environ if environ is None else environ
    if value:
        return parse_db_value(value, "--db")
    if env.get(ENV_DB, "").strip():
        return parse_db_value(env[ENV_DB], ENV_DB)
    return DbTarget(path=default_db_path(), is_default=True)


def make_private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) readable by its owner only.

    Folders that already exist are left as they are, except tui-reseau's own data folder,
    which is always brought back to 0700.
    """
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask
    # data_dir() last: it imports platformdirs, which a command given --db does not need.
    loose = (path.stat().st_mode & 0o777) != PRIVATE_DIR_MODE
    if loose and path.name == APP_NAME and path == data_dir():
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def make_private_file(path: Path) -> bool:
    """Create ``path`` empty with mode 0600 if it does not exist; True if it was created."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, PRIVATE_FILE_MODE)
    return True


def loose_permissions(path: Path) -> int:
    """The permission bits that let group or others read or write ``path`` (0 when private)."""
    try:
        return path.stat().st_mode & 0o077
    except FileNotFoundError:
        return 0
