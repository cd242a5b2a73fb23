"""What every shell command shares: exit codes, confirmation, opening an existing network."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

Handler = Callable[[argparse.Namespace, DbTarget], int]
CommandFactory = Callable[..., argparse.ArgumentParser]


class InvalidInput(ReseauError):
    """Something typed on the command line is wrong: exit code 2, like argparse."""

    exit_code = EXIT_USAGE


def confirm(question: str) -> bool:
    """Ask ``question`` on a terminal (« o » to accept); False when not on a terminal."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(f"{question} [o/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in {"o", "oui", "y", "yes"}


def open_network(target: DbTarget) -> None:
    """Open an existing network for a command that only reads (no empty file is created)."""
    from tui_reseau.store.database import open_database

    if target.path is not None and not target.path.exists():
        raise ReseauError(
            f"Aucune base de données à {target.describe()}.",
            'Ajoutez un premier contact : reseau add "Prénom Nom" --circle 1, '
            "ou vérifiez --db / RESEAU_DB (reseau locate).",
        )
    if target.path is not None and target.path.is_file() and target.path.stat().st_size == 0:
        # SQLite would take a 0-byte file for a new database: a command that reads must not
        # turn a truncated file into an empty network.
        raise ReseauError(
            f"La base {target.describe()} est un fichier vide (0 octet) : aucun réseau à lire.",
            "Si elle a été tronquée, restaurez une sauvegarde : reseau restore FICHIER ; "
            'sinon ajoutez un premier contact : reseau add "Prénom Nom" --circle 1.',
        )
    open_database(target)
