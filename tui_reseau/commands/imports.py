"""``reseau import linkedin|vcard|csv|json FICHIER``: bring a whole network in, in one go.

Only the standard library is imported here; the readers, Peewee and rapidfuzz are imported by
the handler, when an import actually runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui_reseau.commands.common import EXIT_ERROR, EXIT_OK, CommandFactory, InvalidInput
from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget

if TYPE_CHECKING:
    from tui_reseau.domain.importers.records import CloseMatch, ImportReport, ParsedFile

FORMATS = ("linkedin", "vcard", "csv", "json")
_LABELS = {"linkedin": "LinkedIn", "vcard": "vCard", "csv": "CSV", "json": "JSON"}
MERGED_SHOWN = 30  # merged contacts listed one by one; the others are counted

_EPILOG = """\
Formats :
  linkedin  l'export « Connections.csv » de LinkedIn (cercle 3, canal LinkedIn, date de
            mise en relation comme premier contact)
  vcard     fichier .vcf (2.1, 3.0, 4.0) de Google, Apple, Outlook, Thunderbird
  csv       tableau avec une ligne d'en-tête (séparateur « ; », « , » ou tabulation) ;
            colonnes reconnues en français ou en anglais : Prénom, Nom, Société, Fonction,
            E-mail, Téléphone, Adresse, Ville, Code postal, Notes, Cercle, Étiquettes…
  json      l'export complet de reseau, dans une base vide

Doublons : chaque personne est cherchée parmi vos contacts (profil LinkedIn, e-mail,
téléphone, même nom dans la même entreprise) ; trouvée, elle est fusionnée sans rien
écraser : seuls les champs vides sont remplis, notes et étiquettes ajoutées. Une simple
ressemblance de nom est soumise à votre décision (o/n/t/a sur un terminal), sinon laissée
de côté et listée ; --merge ou --skip tranchent d'avance.

Une ligne dont l'e-mail, le téléphone ou le profil LinkedIn est illisible entre sans lui
(avertissement) ; toute autre erreur rejette la ligne, avec son numéro et la raison.
L'import est une seule transaction : en cas d'erreur, rien n'est enregistré.

Codes de sortie : 0 tout est entré ; 1 des lignes rejetées ou des ressemblances non
tranchées (voir le rapport), ou l'import a échoué sans rien enregistrer ; 2 commande
ou fichier illisible ; 3 base inaccessible."""


def register(command: CommandFactory) -> None:
    """Declare ``reseau import``."""
    parser = command(
        "import",
        "importe un réseau entier : export LinkedIn, vCard, CSV ou export JSON de reseau",
        epilog=_EPILOG,
    )
    parser.add_argument("format", choices=FORMATS, metavar="FORMAT", help=" | ".join(FORMATS))
    parser.add_argument("file", metavar="FICHIER", help="le fichier à importer (« - » : l'entrée)")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="tout vérifier et afficher le rapport sans rien enregistrer",
    )
    parser.add_argument(
        "--circle",
        type=int,
        choices=(1, 2, 3),
        help="cercle des nouveaux contacts sans colonne Cercle (3 par défaut)",
    )
    decision = parser.add_mutually_exclusive_group()
    decision.add_argument(
        "--merge", action="store_true", help="fusionner aussi les ressemblances de nom"
    )
    decision.add_argument(
        "--skip", action="store_true", help="laisser de côté les ressemblances de nom"
    )
    parser.add_argument(
        "--map",
        metavar="COLONNES",
        help='csv : « Colonne=champ,… » pour nommer les colonnes, ex. "Portable=phone,Boîte=company"',
    )


def _read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name).expanduser()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(
            f"Fichier introuvable : {name}.", "Vérifiez le chemin (ls) ou indiquez-le en entier."
        ) from None
    except IsADirectoryError:
        raise InvalidInput(f"{name} est un dossier.", "Indiquez le fichier à importer.") from None
    except OSError as exc:
        raise InvalidInput(
            f"Impossible de lire {name} : {exc.strerror or exc}.",
            "Vérifiez les droits du fichier (ls -l).",
        ) from None


def _parse(args: argparse.Namespace, data: bytes) -> ParsedFile:
    import datetime as dt

    from tui_reseau.domain.importers.linkedin import read_linkedin
    from tui_reseau.domain.importers.table import parse_mapping, read_table
    from tui_reseau.domain.importers.vcard import read_vcards

    if args.map and args.format != "csv":
        raise InvalidInput(
            "--map ne sert qu'au format csv.", "Exemple : reseau import csv F --map …"
        )
    if args.format == "linkedin":
        return read_linkedin(data)
    if args.format == "vcard":
        return read_vcards(data)
    mapping = parse_mapping(args.map) if args.map else None
    return read_table(data, mapping, today=dt.date.today())


def _import_json(args: argparse.Namespace, target: DbTarget, data: bytes) -> int:
    from tui_reseau.store.database import close_database, open_database

    try:
        from tui_reseau.domain.network_json import load_network
    except ImportError:
        raise ReseauError(
            "L'import JSON n'est pas disponible dans cette version.",
            "Mettez reseau à jour, ou importez un export LinkedIn, vCard ou CSV.",
        ) from None
    text = data.decode("utf-8-sig", errors="replace")
    open_database(target)
    try:
        counts = load_network(text, dry_run=args.dry_run)
    finally:
        close_database()
    done = ", ".join(f"{table} : {n}" for table, n in counts.items())
    verb = "serait restauré" if args.dry_run else "restauré"
    print(f"Réseau {verb} dans {target.describe()} — {done or 'rien'}.")
    return EXIT_OK


def handle_import(args: argparse.Namespace, target: DbTarget) -> int:
    """Run ``reseau import``: read, check, match, write in one transaction, print the report."""
    data = _read_bytes(args.file)
    if args.format == "json":
        return _import_json(args, target, data)
    try:
        parsed = _parse(args, data)  # before opening: a wrong file creates no database
    except ReseauError as exc:
        raise InvalidInput(exc.message, exc.hint) from None
    from tui_reseau.domain.importers.apply import plan_import, run_import
    from tui_reseau.store.database import close_database, open_database

    open_database(target)
    try:
        plan = plan_import(parsed, circle=args.circle or 3)
        decide = None
        if args.merge or args.skip:
            decide = (lambda _match: True) if args.merge else (lambda _match: False)
        elif plan.close and args.file != "-" and on_terminal():
            decide = _Asker()
        report = run_import(plan, decide, dry_run=args.dry_run)
    finally:
        close_database()
    print_report(report, args, target)
    return EXIT_OK if report.complete else EXIT_ERROR


def on_terminal() -> bool:
    """True when someone can answer questions: input and output are a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


class _Asker:
    """Asks on the terminal about each close match: o(ui), n(on), t(ous), a(ucun)."""

    def __init__(self) -> None:
        self.all: bool | None = None

    def __call__(self, match: CloseMatch) -> bool:
        from tui_reseau.display import safe_text

        if self.all is not None:
            return self.all
        question = safe_text(
            f"Ligne {match.line} : « {match.incoming} » ressemble à « {match.existing} » "
            f"(n° {match.contact_id}, {match.score} %). Fusionner ? "
            "[o]ui, [n]on, [t]ous, [a]ucun : ",
            single_line=True,
        )
        while True:
            try:
                answer = input(question).strip().lower()
            except EOFError:
                self.all = False
                return False
            if answer in ("o", "oui", "n", "non", ""):
                return answer.startswith("o")
            if answer in ("t", "tous", "a", "aucun"):
                self.all = answer.startswith("t")
                return self.all
            print("Répondez o, n, t ou a.")


def print_report(report: ImportReport, args: argparse.Namespace, target: DbTarget) -> None:
    """The import's report, as plain text: counts, then the lines that need a look."""
    import shlex

    from tui_reseau.display import safe_text

    def out(text: str) -> None:
        print(safe_text(text))

    label = _LABELS[args.format]
    if report.dry_run:
        out(f"Essai d'import {label} de {args.file} : rien n'a été enregistré.")
    else:
        out(f"Import {label} de {args.file} dans {target.describe()}.")
    up_to_date = sum(1 for m in report.merged if not m.filled)
    out(f"  lues           : {report.read}")
    out(f"  créées         : {report.created}")
    out(
        f"  fusionnées     : {len(report.merged)}"
        + (f" (dont {up_to_date} déjà à jour)" if up_to_date else "")
    )
    if report.same_as_earlier:
        out(f"  répétées       : {len(report.same_as_earlier)} (réunies avec leur première ligne)")
    out(f"  ignorées       : {len(report.skipped)}")
    out(f"  rejetées       : {len(report.rejected)}")
    if report.rejected:
        out("\nLignes rejetées :")
        for issue in report.rejected:
            out(f"  ligne {issue.line} : {issue.message}")
    if report.warnings:
        out("\nAvertissements (la personne est entrée sans ce champ) :")
        for issue in report.warnings:
            out(f"  ligne {issue.line} : {issue.message}")
    changed = [m for m in report.merged if m.filled]
    if changed:
        out("\nContacts complétés :")
        for merged in changed[:MERGED_SHOWN]:
            out(
                f"  ligne {merged.line} → {merged.name} (n° {merged.contact_id}) : "
                + ", ".join(merged.filled)
            )
        if len(changed) > MERGED_SHOWN:
            out(f"  … et {len(changed) - MERGED_SHOWN} autres")
    if report.skipped:
        title = "non tranchées" if report.undecided else "laissées de côté"
        out(f"\nRessemblances {title} (rien n'a été créé pour elles) :")
        for match in report.skipped:
            out(
                f"  ligne {match.line} : « {match.incoming} » ressemble à « {match.existing} » "
                f"(n° {match.contact_id}, {match.score} %)"
            )
        if report.undecided:
            out(
                f"Pour les fusionner : reseau import {args.format} {shlex.quote(args.file)} --merge "
                "(ou --skip pour les ignorer ; sur un terminal, la question est posée)."
            )
    if report.unknown_columns:
        out("\nColonnes ignorées : " + ", ".join(report.unknown_columns))


HANDLERS = {"import": handle_import}
