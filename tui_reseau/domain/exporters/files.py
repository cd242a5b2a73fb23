"""Writing an export or a backup: private (0600 whatever the umask), atomic, never half-written.

The content goes to a temporary file in the destination's folder, created 0600, flushed to disk,
then renamed over the destination: a reader sees the old file or the new one, never a part of
it, and an interrupted export leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from pathlib import Path

from tui_reseau.errors import ReseauError
from tui_reseau.locations import PRIVATE_FILE_MODE


def timestamp(now: dt.datetime | None = None) -> str:
    """A timestamp for file names that sorts in time order: ``2026-11-26_14-05-09``."""
    return (now or dt.datetime.now()).strftime("%Y-%m-%d_%H-%M-%S")


def check_destination(path: Path, *, force: bool = False) -> None:
    """Raise a French ReseauError when ``path`` cannot receive an export.

    A folder, a missing parent folder, or an existing file without ``force`` are refused.
    """
    if path.is_dir():
        raise ReseauError(
            f"{path} est un dossier.",
            f"Indiquez un nom de fichier, par exemple {path / 'reseau-export.json'}.",
        )
    if not path.parent.is_dir():
        raise ReseauError(
            f"Le dossier {path.parent} n'existe pas.",
            "Créez-le d'abord (mkdir -p) ou choisissez un autre chemin.",
        )
    if path.exists() and not force:
        raise ReseauError(
            f"{path} existe déjà : il n'a pas été remplacé.",
            "Choisissez un autre nom, ou ajoutez --force pour le remplacer.",
        )


def write_private(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically, mode 0600; return the path.

    Raises ReseauError (French) when the destination is refused (see
    :func:`check_destination`) or cannot be written; nothing is left half-written.
    """
    check_destination(path, force=force)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        os.fchmod(fd, PRIVATE_FILE_MODE)  # mkstemp makes 0600 already; said explicitly
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if not force and path.exists():  # created by someone else meanwhile
            raise ReseauError(f"{path} vient d'apparaître : il n'a pas été remplacé.")
        os.replace(temp, path)
    except OSError as exc:
        raise ReseauError(
            f"Impossible d'écrire {path} : {exc.strerror or exc}.",
            "Vérifiez les droits du dossier et l'espace disque ; rien n'a été écrit.",
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return path
