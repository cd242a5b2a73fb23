"""``reseau export vcard|csv|json [FICHIER]``: the network in a file, or on the standard output.

A file is written 0600, atomically (never half-written), and an existing one is replaced only
with ``--force``. Without FICHIER (or with ``-``), the export goes to the standard output; on a
terminal, control characters in the data are shown as harmless symbols.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui_reseau.commands.common import EXIT_OK, CommandFactory, open_network
from tui_reseau.locations import DbTarget

FORMATS = ("vcard", "csv", "json")
_DESCRIPTIONS = {
    "vcard": "vCard 4.0 (carnets d'adresses, téléphones, khard)",
    "csv": "tableau CSV en français (« ; », UTF-8 avec BOM : Excel l'ouvre tel quel)",
    "json": "tout le réseau, toutes les tables (se réimporte à l'identique)",
}


def register(command: CommandFactory) -> None:
    """Declare ``reseau export``."""
    export = command(
        "export",
        "exporte le réseau : vCard, CSV pour tableur, ou JSON complet",
        epilog="Formats :\n"
        + "\n".join(f"  {name:6} {text}" for name, text in _DESCRIPTIONS.items()),
    )
    export.add_argument("format", choices=FORMATS, metavar="FORMAT", help="vcard, csv ou json")
    export.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FICHIER",
        help="fichier à écrire (0600) ; sans lui ou avec « - », la sortie standard",
    )
    export.add_argument("--force", action="store_true", help="remplacer FICHIER s'il existe déjà")


def export_text(fmt: str) -> tuple[str, str]:
    """The export in ``fmt`` of the bound database, and a French summary of what it holds."""
    if fmt == "json":
        from tui_reseau.domain.network_json import network_json
        from tui_reseau.store.models import Contact

        text = network_json()
        return text, f"{Contact.select().count()} contacts et tout le reste du réseau"
    from tui_reseau.domain.exporters.rows import exported_contacts

    contacts = list(exported_contacts())
    if fmt == "vcard":
        from tui_reseau.domain.exporters.vcard import vcard_text

        return vcard_text(contacts), f"{len(contacts)} fiches vCard"
    from tui_reseau.domain.exporters.csv_table import csv_text

    return csv_text(contacts), f"{len(contacts)} lignes de contacts"


def write_output(text: str, file: str, *, force: bool) -> Path | None:
    """Write ``text`` to ``file`` (0600, atomic) or to the standard output for « - »."""
    if file == "-":
        if sys.stdout.isatty():
            from tui_reseau.display import safe_text

            text = safe_text(text.replace("\r\n", "\n").lstrip("\ufeff"))
        sys.stdout.write(text)
        sys.stdout.flush()
        return None
    from tui_reseau.domain.exporters.files import write_private

    return write_private(Path(file).expanduser(), text.encode("utf-8"), force=force)


def _cmd_export(args: argparse.Namespace, target: DbTarget) -> int:
    from tui_reseau.store.database import close_database

    if args.file != "-":  # refuse a bad destination before reading anything
        from tui_reseau.domain.exporters.files import check_destination

        check_destination(Path(args.file).expanduser(), force=args.force)
    open_network(target)
    try:
        text, summary = export_text(args.format)
    finally:
        close_database()
    path = write_output(text, args.file, force=args.force)
    if path is not None:
        from tui_reseau.display import safe_text

        print(safe_text(f"Export {args.format} écrit dans {path} : {summary}."))
    return EXIT_OK


HANDLERS = {"export": _cmd_export}
