"""The ``reseau`` command: opens the TUI, or runs one of the shell commands.

Textual is imported only when the TUI opens, so that shell commands start fast. Every command
accepts ``--db PATH_OR_URL`` (or the ``RESEAU_DB`` variable). Errors reach the user as one French
message and a hint, never as a Python traceback (that one goes to the log file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence

from tui_reseau import __version__
from tui_reseau.crashlog import log_exception
from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget, config_dir, log_dir, resolve_db

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

Handler = Callable[[argparse.Namespace, DbTarget], int]


class _FrenchParser(argparse.ArgumentParser):
    """argparse with its fixed English phrases said in French."""

    def error(self, message: str) -> None:  # type: ignore[override]
        message = (
            message.replace("the following arguments are required", "arguments obligatoires")
            .replace("unrecognized arguments", "arguments inconnus")
            .replace("invalid choice", "choix invalide")
            .replace("invalid int value", "nombre entier attendu, reçu")
            .replace("expected one argument", "une valeur est attendue")
            .replace("choose from", "choisir parmi")
        )
        self.exit(EXIT_USAGE, f"{self.prog} : erreur : {message}\nAide : {self.prog} --help\n")


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="CHEMIN_OU_URL",
        default=default,
        help="base à utiliser : fichier SQLite ou URL (sqlite:///…, postgresql://…) ; "
        "sinon RESEAU_DB, sinon la base par défaut (voir « reseau locate »)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``reseau`` and its sub-commands."""
    parser = _FrenchParser(
        prog="reseau",
        description="Votre réseau professionnel en terminal : cercles, relances, mesures. "
        "Sans commande, ouvre l'application plein écran.",
    )
    parser.add_argument("--version", action="version", version=f"reseau {__version__}")
    _db_option(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_FrenchParser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _db_option(sub, argparse.SUPPRESS)  # keeps a --db given before the command
        return sub

    command("locate", "affiche où sont la base de données, la configuration et les journaux")
    demo = command("demo", "remplit une base vide avec un réseau de démonstration fictif")
    demo.add_argument(
        "--contacts",
        type=int,
        default=150,
        metavar="N",
        help="nombre de contacts, de 10 à 1 000 000 (150 par défaut)",
    )
    demo.add_argument("--seed", type=int, default=2026, help="graine du tirage (2026)")
    demo.add_argument(
        "--yes",
        "-y",
        action="store_true",
        help="ne pas demander confirmation pour la base par défaut",
    )
    return parser


def _cmd_locate(args: argparse.Namespace, target: DbTarget) -> int:
    origin = {"défaut": "par défaut", "--db": "option --db", "RESEAU_DB": "variable RESEAU_DB"}
    print(f"Base de données : {target.describe()} ({origin.get(target.source, target.source)})")
    print(f"Configuration   : {config_dir()}")
    print(f"Journaux        : {log_dir()}")
    return EXIT_OK


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(f"{question} [o/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in {"o", "oui", "y", "yes"}


def _cmd_demo(args: argparse.Namespace, target: DbTarget) -> int:
    from tui_reseau.domain.demo import MAX_CONTACTS, MIN_CONTACTS, generate_demo
    from tui_reseau.store.database import close_database, open_database

    if not MIN_CONTACTS <= args.contacts <= MAX_CONTACTS:
        raise ReseauError(
            f"--contacts {args.contacts} : le nombre de contacts doit aller de "
            f"{MIN_CONTACTS} à {MAX_CONTACTS:,}.".replace(",", " "),
            "Exemple : reseau demo --contacts 150",
        )
    question = f"Remplir votre base {target.describe()} avec le réseau de démonstration ?"
    if target.is_default and not args.yes and not _confirm(question):
        raise ReseauError(
            "Base par défaut laissée telle quelle.",
            "Confirmez avec --yes, ou choisissez une autre base : reseau demo --db demo.db",
        )
    open_database(target)
    try:
        summary = generate_demo(contacts=args.contacts, seed=args.seed, today=dt.date.today())
    finally:
        close_database()
    print(
        f"Réseau de démonstration écrit dans {target.describe()} : "
        f"{summary.contacts} contacts, {summary.interactions} échanges, "
        f"{summary.follow_ups} relances, {summary.events} événements, "
        f"{summary.opportunities} opportunités."
    )
    return EXIT_OK


def _cmd_tui(args: argparse.Namespace, target: DbTarget) -> int:
    from tui_reseau.store.database import close_database
    from tui_reseau.ui.app import make_app

    app = make_app(target)  # database errors are printed plainly, before the screen is taken
    try:
        app.run()
    finally:
        close_database()
    return EXIT_OK if app.return_code in (None, 0) else EXIT_ERROR


COMMANDS: dict[str | None, Handler] = {
    None: _cmd_tui,
    "locate": _cmd_locate,
    "demo": _cmd_demo,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``reseau`` / ``tui-reseau`` / ``python -m tui_reseau``."""
    os.umask(0o077)  # everything this process creates is private to its owner
    args = build_parser().parse_args(argv)
    try:
        target = resolve_db(args.db)
        return COMMANDS[args.command](args, target)
    except ReseauError as exc:
        print(f"reseau : {exc.message}", file=sys.stderr)
        if exc.hint:
            print(exc.hint, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last guard: no traceback on the user's screen
        where = log_exception(exc)
        print(f"reseau : erreur inattendue ({type(exc).__name__}).", file=sys.stderr)
        if where:
            print(
                f"Le détail est dans {where} ; rien n'a été enregistré à moitié.", file=sys.stderr
            )
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
