"""``reseau backup [FICHIER]`` and ``reseau restore FICHIER``: SQLite backups, safe while the
application is open (see :mod:`tui_reseau.domain.backup` for how and why)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui_reseau.commands.common import EXIT_OK, CommandFactory, confirm
from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget


def register(command: CommandFactory) -> None:
    """Declare ``reseau backup`` and ``reseau restore``."""
    backup = command(
        "backup",
        "sauvegarde la base SQLite, même application ouverte (fichier horodaté, 0600)",
    )
    backup.add_argument(
        "file",
        nargs="?",
        metavar="FICHIER",
        help="fichier ou dossier de la sauvegarde ; par défaut, le dossier « sauvegardes » "
        "à côté de la base",
    )
    backup.add_argument("--force", action="store_true", help="remplacer FICHIER s'il existe")
    restore = command(
        "restore",
        "remplace la base par une sauvegarde vérifiée ; l'ancienne base est gardée à côté",
    )
    restore.add_argument("file", metavar="FICHIER", help="la sauvegarde à restaurer")
    restore.add_argument(
        "--yes", "-y", action="store_true", help="ne pas demander confirmation (scripts)"
    )


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} Mo".replace(".", ",") if size >= 100_000 else f"{size} octets"


def _cmd_backup(args: argparse.Namespace, target: DbTarget) -> int:
    from tui_reseau.display import safe_text
    from tui_reseau.domain.backup import backup

    dest = Path(args.file).expanduser() if args.file else None
    result = backup(target, dest, force=args.force)
    print(
        safe_text(
            f"Sauvegarde vérifiée : {result.path} ({result.contacts} contacts, "
            f"{_size(result.size)}, lisible par vous seul)."
        )
    )
    print(safe_text(f"Pour la restaurer : reseau restore {result.path}"))
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace, target: DbTarget) -> int:
    from tui_reseau.display import safe_text
    from tui_reseau.domain.backup import check_backup, restore, sqlite_path

    source = Path(args.file).expanduser()
    database = sqlite_path(target)
    contacts = check_backup(source)  # checked before asking: no question about a bad file
    question = (
        f"Remplacer la base {database} par la sauvegarde {source} ({contacts} contacts) ? "
        "La base actuelle sera gardée à côté."
    )
    if not args.yes and not confirm(safe_text(question)):
        raise ReseauError(
            "Restauration annulée : la base n'a pas été modifiée.",
            f"Confirmez avec --yes : reseau restore --yes {source}",
        )
    result = restore(target, source)
    print(safe_text(f"Base restaurée depuis {result.source} : {result.contacts} contacts."))
    if result.aside is not None:
        print(safe_text(f"L'ancienne base est gardée dans {result.aside}."))
    return EXIT_OK


HANDLERS = {"backup": _cmd_backup, "restore": _cmd_restore}
