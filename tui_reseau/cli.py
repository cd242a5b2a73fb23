"""The ``reseau`` command: opens the TUI, or runs one of the shell commands.

Textual is imported only when the TUI opens, so that shell commands start fast. Every command
accepts ``--db PATH_OR_URL`` (or the ``RESEAU_DB`` variable). Errors reach the user as one French
message and a hint, never as a Python traceback (that one goes to the log file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui_reseau import __version__
from tui_reseau.commands import COMMAND_MODULES
from tui_reseau.commands.common import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Handler,
    InvalidInput,
    confirm,
    open_network,
)
from tui_reseau.crashlog import log_exception
from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget, config_dir, log_dir, resolve_db

if TYPE_CHECKING:  # imported by the commands that use them, not at start-up
    from tui_reseau.domain.card import ContactCard
    from tui_reseau.domain.contacts import ValidationErrors
    from tui_reseau.domain.lookup import Match


class _FrenchHelp(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "Utilisation : " if prefix is None else prefix)


class _FrenchParser(argparse.ArgumentParser):
    """argparse with its fixed English phrases said in French."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _FrenchHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

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


CORE_COMMANDS = frozenset({"locate", "agenda", "cadence", "demo", "brief", "search", "add"})
AGENDA_SHOWN = 10
"""Follow-ups ``reseau agenda`` lists per section by default: a login message stays short."""
QUICK_COMMANDS = frozenset({"locate", "agenda", "brief", "search", "add"})
"""Commands that end a few milliseconds after their start-up, with little memory: they run
without the cyclic garbage collector (see :mod:`tui_reseau.launch`)."""


class _Skipped:
    """Stands for a sub-command's parser that is not built: every call does nothing."""

    def __getattr__(self, name: str) -> Callable[..., _Skipped]:
        return lambda *args, **kwargs: self


def _command_in(argv: Sequence[str]) -> str | None:
    """The core sub-command named in ``argv`` ("" for none: the TUI opens), or None when the
    whole parser is needed (another command, help, version)."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in CORE_COMMANDS else None
        elif word in ("-h", "--help", "--version"):
            return None
    return ""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser of ``reseau`` and its sub-commands.

    ``only``: build that core sub-command alone ("": none, the TUI opens). argparse spends about 8 ms building the
    dozen sub-commands (each looks up its translations on disk), a twentieth of a
    ``reseau brief`` typed before a meeting; help and mistakes get the whole parser.
    """
    parser = _FrenchParser(
        prog="reseau",
        description="Votre réseau professionnel en terminal : cercles, relances, mesures. "
        "Sans commande, ouvre l'application plein écran.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"reseau {__version__}",
        help="afficher la version et quitter",
    )
    _db_option(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_FrenchParser)

    def command(name: str, help_text: str, **options: object) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return _Skipped()  # type: ignore[return-value]
        if name == "add" and "epilog" not in options:
            options["epilog"] = _kinds_help()
        sub = commands.add_parser(name, help=help_text, description=help_text, **options)
        _db_option(sub, argparse.SUPPRESS)  # keeps a --db given before the command
        return sub

    command("locate", "affiche où sont la base de données, la configuration et les journaux")
    agenda = command(
        "agenda",
        "les relances en retard et du jour, et les relations à raviver (silencieux si rien)",
    )
    agenda.add_argument(
        "--days",
        type=int,
        default=0,
        metavar="N",
        help="montrer aussi les relances des N prochains jours (0 par défaut)",
    )
    agenda.add_argument(
        "--revive", type=int, default=5, metavar="N", help="relations à raviver montrées (5)"
    )
    agenda.add_argument(
        "--max",
        type=int,
        default=AGENDA_SHOWN,
        metavar="N",
        help=f"relances montrées par rubrique, les plus urgentes ({AGENDA_SHOWN} ; 0 = toutes)",
    )
    cadence = command(
        "cadence",
        "affiche ou règle la cadence de suivi de chaque cercle (jours entre deux échanges)",
    )
    cadence.add_argument("circle", nargs="?", type=int, choices=(1, 2, 3), metavar="CERCLE")
    cadence.add_argument("days", nargs="?", metavar="JOURS", help="ex. 30, « 45 j »")
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
    brief = command("brief", "la fiche express d'une personne, juste avant un rendez-vous")
    brief.add_argument(
        "query", nargs="+", metavar="RECHERCHE", help=_QUERY_HELP + " ; ou le n° du contact"
    )
    brief.add_argument(
        "--first",
        action="store_true",
        help="si plusieurs personnes correspondent autant, prendre la première de la liste",
    )
    search = command(
        "search", "cherche des contacts, les plus proches d'abord : nom, entreprise, ville, cercle"
    )
    search.add_argument("query", nargs="+", metavar="RECHERCHE", help=_QUERY_HELP)
    search.add_argument(
        "--limit", type=int, default=20, metavar="N", help="au plus N résultats (20 par défaut)"
    )
    search.add_argument(
        "--json",
        action="store_true",
        help="résultats en JSON : id, name, company, city, circle, pole, score",
    )
    add = command(
        "add",
        "ajoute un contact en une ligne, vérifié comme dans le formulaire de l'application",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument(
        "name",
        nargs="+",
        metavar="NOM",
        help="« Prénom Nom » : le premier mot est le prénom, le reste le nom "
        "(« Jean-Marc de La Tour » : prénom Jean-Marc, nom de La Tour)",
    )
    add.add_argument(
        "--circle",
        type=int,
        choices=(1, 2, 3),
        help="1 communauté immédiate, 2 prescripteurs locaux, 3 communautés professionnelles "
        "(facultatif avec --kind, qui le donne)",
    )
    add.add_argument("--kind", metavar="CODE", help="type de contact (codes ci-dessous)")
    add.add_argument("--company", default="", metavar="TEXTE", help="entreprise")
    add.add_argument("--role", default="", metavar="TEXTE", help="fonction")
    add.add_argument("--city", default="", metavar="VILLE", help="ville (le pôle en est déduit)")
    add.add_argument("--phone", default="", metavar="NUMÉRO", help="téléphone : 06 12 34 56 78")
    add.add_argument("--email", default="", metavar="ADRESSE", help="adresse e-mail")
    add.add_argument(
        "--tags", default="", metavar="ÉTIQUETTES", help="étiquettes séparées par des virgules"
    )
    add.add_argument("--note", default="", metavar="TEXTE", help="notes libres")
    add.add_argument(
        "--qualified", action="store_true", help="contact qualifié (depuis aujourd'hui)"
    )
    if only is None:
        for module in _command_modules():
            module.register(command)
    return parser


def _command_modules() -> list[object]:
    import importlib

    return [importlib.import_module(name) for name in COMMAND_MODULES]


_QUERY_HELP = "nom, prénom, entreprise, fonction ou ville, en un ou plusieurs mots ; "
_QUERY_HELP += "majuscules, accents et fautes de frappe tolérés"


def _kinds_help() -> str:
    from tui_reseau.domain.vocabulary import CONTACT_KINDS

    lines = ["Types de contact (--kind), par cercle :"]
    for circle, kinds in CONTACT_KINDS.items():
        lines.append(f"  cercle {int(circle)} : " + ", ".join(kinds))
    return "\n".join(lines)


def _cmd_locate(args: argparse.Namespace, target: DbTarget) -> int:
    origin = {"défaut": "par défaut", "--db": "option --db", "RESEAU_DB": "variable RESEAU_DB"}
    print(f"Base de données : {target.describe()} ({origin.get(target.source, target.source)})")
    print(f"Configuration   : {config_dir()}")
    print(f"Journaux        : {log_dir()}")
    return EXIT_OK


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
    if target.is_default and not args.yes and not confirm(question):
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
    from tui_reseau.store.database import close_database, require_writable

    require_writable(target)  # a read-only file: said before the screen is taken
    from tui_reseau.ui.app import make_app

    app = make_app(target)  # database errors are printed plainly, before the screen is taken
    try:
        app.run()
    finally:
        close_database()
    return EXIT_OK if app.return_code in (None, 0) else EXIT_ERROR


BRIEF_CHOICES = 9  # people listed when a brief's query is ambiguous
_RICH_STYLES = {
    "": "",
    "title": "bold",
    "heading": "bold underline",
    "dim": "dim",
    "alert": "bold red",
    "stale": "dim italic",
}
# Characters json.dumps leaves raw that a terminal would act on: written as \u escapes instead.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _nobody(query: str) -> ReseauError:
    return ReseauError(
        f"Personne ne correspond à « {query} ».",
        "Essayez une partie du nom, l'entreprise ou la ville : reseau search MOT.",
    )


def _cmd_brief(args: argparse.Namespace, target: DbTarget) -> int:
    from tui_reseau.domain.card import load_card
    from tui_reseau.domain.lookup import close_matches, find_people
    from tui_reseau.store.database import close_database

    query = " ".join(args.query)
    today = dt.date.today()
    number = re.fullmatch(r"\s*(?:n°\s*|#)?(\d{1,12})\s*", query)  # « reseau brief 151 »
    open_network(target)
    try:
        card = load_card(int(number.group(1)), today) if number else None
        if card is None:
            matches = find_people(query, limit=BRIEF_CHOICES + 1, names_first=True)
            if not matches:
                raise _nobody(query)
            close = close_matches(matches)
            if len(close) > 1 and not args.first:
                _print_choices(close[:BRIEF_CHOICES])
                raise _ambiguous(query, close)
            card = load_card(matches[0].id, today)
    finally:
        close_database()
    if card is None:  # deleted between the search and the card
        raise _nobody(query)
    _print_brief(card, today)
    return EXIT_OK


def _print_choices(matches: Sequence[Match]) -> None:
    from tui_reseau.display import safe_text

    for rank, match in enumerate(matches, start=1):
        where = ", ".join(p for p in (match.company, match.city) if p)
        line = f"{rank}. {match.name}" + (f" — {where}" if where else "") + f" · n° {match.id}"
        print(safe_text(line, single_line=True))


def _shell_words(text: str) -> str:
    """``text`` as shell words: quoted only where a shell would need it (not for accents)."""
    import shlex

    return " ".join(
        w if re.fullmatch(r"[\w.,:@+%-]+", w) else shlex.quote(w) for w in text.split(" ") if w
    )


def _ambiguous(query: str, close: Sequence[Match]) -> ReseauError:
    best = close[0]
    example = best.name
    if any(m.name == best.name for m in close[1:]) and best.city:
        example += f" {best.city}"
    many = f"Au moins {len(close)}" if len(close) > BRIEF_CHOICES else str(len(close))
    return ReseauError(
        f"{many} personnes correspondent à « {query} ».",
        f"Précisez, par exemple : reseau brief {_shell_words(example)}\n"
        f"ou choisissez par numéro : reseau brief {best.id}\n"
        f"ou prenez la première : reseau brief --first {_shell_words(query)}",
    )


def _piped_width() -> int:
    """Columns for output that goes to a pipe: ``COLUMNS``, else the terminal the command was
    typed in (``reseau brief x | less`` wraps to it), else 80. (``shutil.get_terminal_size``
    only looks at the output, a pipe here, and its imports cost 2 ms.)"""
    try:
        return max(20, int(os.environ["COLUMNS"]))
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80


def _print_brief(card: ContactCard, today: dt.date) -> None:
    from tui_reseau.domain.brief import brief_lines, brief_text

    if not sys.stdout.isatty():  # piped or redirected: plain text, no escape code at all
        print(brief_text(card, today, min(_piped_width(), 100)))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, markup=False, emoji=False)
    lines = brief_lines(card, today, min(console.width, 100))
    text = Text("\n").join(
        Text.assemble(*((piece, _RICH_STYLES[style]) for piece, style in line)) for line in lines
    )
    console.print(text, soft_wrap=True)


def _cmd_search(args: argparse.Namespace, target: DbTarget) -> int:
    from tui_reseau.display import cell_fit, safe_text
    from tui_reseau.domain.lookup import find_people
    from tui_reseau.store.database import close_database

    if not 1 <= args.limit <= 1000:
        raise InvalidInput(
            f"--limit {args.limit} : le nombre de résultats doit aller de 1 à 1 000.",
            "Exemple : reseau search dupont --limit 5",
        )
    query = " ".join(args.query)
    open_network(target)
    try:
        matches = find_people(query, limit=args.limit)
    finally:
        close_database()
    if args.json:
        import json

        data = [
            {
                "id": m.id,
                "name": m.name,
                "company": m.company,
                "city": m.city,
                "circle": m.circle,
                "pole": m.pole,
                "score": m.score,
            }
            for m in matches
        ]
        text = json.dumps(data, ensure_ascii=False, indent=2)
        print(_JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text))
        return EXIT_OK if matches else EXIT_ERROR
    if not matches:
        raise _nobody(query)
    from rich.cells import cell_len

    rows = [
        [safe_text(t, single_line=True) for t in (m.name, m.company, m.city)]
        + [f"cercle {m.circle}", f"n° {m.id}"]
        for m in matches
    ]
    caps = (30, 32, 22, 8)
    widths = [min(cap, max(cell_len(row[i]) for row in rows)) for i, cap in enumerate(caps)]
    for row in rows:
        cells = [cell_fit(text, width) for text, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]))
    return EXIT_OK


# Where each field of the contact form comes from on the command line.
_ADD_OPTIONS = {
    "first_name": "NOM",
    "last_name": "NOM",
    "company": "--company",
    "role": "--role",
    "city": "--city",
    "postcode": "--city",
    "pole": "--city",
    "email": "--email",
    "phone": "--phone",
    "tags": "--tags",
    "notes": "--note",
    "circle": "--circle",
    "kind": "--kind",
}


def _cmd_add(args: argparse.Namespace, target: DbTarget) -> int:
    from peewee import fn

    from tui_reseau.display import safe_text
    from tui_reseau.domain.contacts import ContactDraft, ValidationErrors, save_contact, validate
    from tui_reseau.domain.vocabulary import Pole, circle_of_kind
    from tui_reseau.store.database import close_database, open_database
    from tui_reseau.store.models import Contact

    words = [w for w in " ".join(args.name).split(" ") if w]  # spaces only: tabs are refused
    circle = args.circle
    if circle is None and args.kind:
        implied = circle_of_kind(args.kind)
        circle = int(implied) if implied is not None else None
    draft = ContactDraft(
        first_name=words[0] if words else "",
        last_name=" ".join(words[1:]),
        company=args.company,
        role=args.role,
        city=args.city,
        phone=args.phone,
        email=args.email,
        tags=args.tags,
        notes=args.note,
        circle=circle,
        kind=args.kind or "",
        qualified=args.qualified,
    )
    try:
        validate(draft)  # before the database is opened: a typo creates no file
        open_database(target)
        try:
            new_id = save_contact(draft)
            contact = Contact.get_by_id(new_id)
            namesakes = list(
                Contact.select(Contact.id, Contact.company, Contact.city)
                .where(
                    fn.LOWER(Contact.first_name) == fn.LOWER(contact.first_name),
                    fn.LOWER(Contact.last_name) == fn.LOWER(contact.last_name),
                    Contact.id != new_id,
                )
                .limit(3)
            )
        finally:
            close_database()
    except ValidationErrors as exc:
        raise _invalid_contact(exc) from None
    pole = Pole(contact.pole).label if contact.pole in Pole._value2member_map_ else ""
    where = f"cercle {contact.circle}" + (f", {pole}" if pole else "")
    print(safe_text(f"Ajouté : {contact.full_name} ({where}) — n° {contact.id}", single_line=True))
    if not pole and contact.city:
        print(
            safe_text(
                f"Pôle : aucun ne se déduit de « {contact.city} » ; "
                "choisissez-le dans l'application (touche e).",
                single_line=True,
            )
        )
    for other in namesakes:
        about = ", ".join(p for p in (other.company, other.city) if p)
        note = f"Remarque : même nom que le n° {other.id}" + (f" ({about})" if about else "")
        print(safe_text(note + ".", single_line=True), file=sys.stderr)
    return EXIT_OK


def _invalid_contact(exc: ValidationErrors) -> InvalidInput:
    """Every wrong field, named by its option, and what to do."""
    lines = [f"  {_ADD_OPTIONS.get(e.field, e.field)} : {e.message}" for e in exc.errors]
    fields = {e.field for e in exc.errors}
    hints = []
    if "circle" in fields:
        hints.append(
            "Cercles : --circle 1 (communauté immédiate), 2 (prescripteurs locaux), "
            "3 (communautés professionnelles) ; ou --kind, qui le donne."
        )
    if "kind" in fields:
        hints.append("Les types de contact par cercle : reseau add --help.")
    hints.append("Rien n'a été enregistré.")
    count = "un champ à corriger" if len(lines) == 1 else f"{len(lines)} champs à corriger"
    return InvalidInput(f"contact non enregistré, {count} :\n" + "\n".join(lines), "\n".join(hints))


def _cmd_agenda(args: argparse.Namespace, target: DbTarget) -> int:
    """For a shell login message: nothing printed when nothing is due."""
    from tui_reseau.display import safe_text
    from tui_reseau.domain.agenda import agenda
    from tui_reseau.domain.cadence import relations_to_revive
    from tui_reseau.domain.dates import format_relative
    from tui_reseau.store.database import close_database

    if target.path is not None and not target.path.exists():
        return EXIT_OK  # no network yet: nothing is due
    open_network(target)
    today = dt.date.today()
    try:
        plan = agenda(today, horizon_days=max(0, args.days))
        revive = relations_to_revive(today, limit=max(0, args.revive)) if args.revive else []
    finally:
        close_database()
    lines: list[str] = []
    upcoming = [*plan.this_week, *plan.later] if args.days > 0 else []
    for title, items in (
        ("En retard", plan.overdue),
        ("Aujourd'hui", plan.today),
        (f"Dans les {args.days} prochains jours", upcoming),
    ):
        if items:
            lines.append(f"{title} ({len(items)})")
        shown = items[: args.max] if args.max > 0 else items
        for item in shown:
            who = safe_text(item.name, single_line=True)
            company = f" ({safe_text(item.company, single_line=True)})" if item.company else ""
            reason = safe_text(item.reason, single_line=True)
            lines.append(f"  {format_relative(item.due_on, today):<14} {who}{company} — {reason}")
            for hint in item.hints[:1]:
                lines.append(f"  {'':<14} {safe_text(hint, single_line=True)}")
        if len(shown) < len(items):
            lines.append(
                f"  … et {len(items) - len(shown)} autres : « reseau » puis g pour l'agenda "
                "complet, ou « reseau agenda --max 0 »"
            )
    if revive:
        lines.append(f"Relations à raviver ({len(revive)} premières)")
        for person in revive:
            since = (
                f"{person.days_since} j sans échange"
                if person.days_since is not None
                else "jamais d'échange"
            )
            lines.append(
                f"  {safe_text(person.name, single_line=True)} — cercle {person.circle}, "
                f"{since} (cadence {person.cadence_days} j)"
            )
    if lines:
        print("\n".join(lines))
    return EXIT_OK


def _cmd_cadence(args: argparse.Namespace, target: DbTarget) -> int:
    from tui_reseau.domain.cadence import default_cadences, set_default_cadence
    from tui_reseau.domain.validation import ValidationError
    from tui_reseau.domain.vocabulary import Circle
    from tui_reseau.store.database import close_database, open_database

    if args.circle is not None and args.days is None:
        raise ReseauError("Indiquez aussi le nombre de jours.", "Exemple : reseau cadence 2 60")
    open_database(target)
    try:
        if args.circle is not None:
            try:
                set_default_cadence(args.circle, args.days)
            except ValidationError as exc:
                raise ReseauError(exc.message, "Exemple : reseau cadence 2 60") from exc
        for circle, days in sorted(default_cadences().items()):
            print(f"Cercle {circle} — {Circle(circle).label} : {days} jours")
    finally:
        close_database()
    return EXIT_OK


COMMANDS: dict[str | None, Handler] = {
    None: _cmd_tui,
    "locate": _cmd_locate,
    "demo": _cmd_demo,
    "brief": _cmd_brief,
    "search": _cmd_search,
    "add": _cmd_add,
    "cadence": _cmd_cadence,
    "agenda": _cmd_agenda,
}


def _warn_if_readable_by_others(target: DbTarget) -> None:
    """On a shared server, a network readable by others is said at once, with the fix."""
    if target.path is None or not target.path.exists():
        return
    from tui_reseau.display import safe_text
    from tui_reseau.locations import loose_permissions

    files = [target.path, *(target.path.with_name(target.path.name + s) for s in ("-wal", "-shm"))]
    loose = [f for f in files if loose_permissions(f)]
    if loose:
        names = " ".join(f"'{f}'" for f in loose)
        print(
            f"reseau : attention, {safe_text(str(target.path))} est lisible par d'autres "
            f"utilisateurs de cette machine. Pour corriger : chmod 600 {safe_text(names)}",
            file=sys.stderr,
        )


def _report(exc: ReseauError) -> int:
    from tui_reseau.display import safe_text  # messages quote what the user typed

    print(f"reseau : {safe_text(exc.message)}", file=sys.stderr)
    if exc.hint:
        print(safe_text(exc.hint), file=sys.stderr)
    return exc.exit_code


def _database_error(exc: Exception, target: DbTarget | None) -> ReseauError | None:
    """A database error met after the database was opened, said in French (None: another)."""
    if target is None or "tui_reseau.store.database" not in sys.modules:
        return None
    from tui_reseau.store.database import explain_error

    return explain_error(exc, target)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``reseau`` / ``tui-reseau`` / ``python -m tui_reseau``."""
    os.umask(0o077)  # everything this process creates is private to its owner
    args = build_parser(_command_in(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    if args.command not in QUICK_COMMANDS:
        gc.enable()  # paused by tui_reseau.launch for the start-up: long runs need it
    target: DbTarget | None = None
    try:
        target = resolve_db(args.db)
        _warn_if_readable_by_others(target)
        handler = COMMANDS.get(args.command)
        if handler is None:
            for module in _command_modules():
                handler = module.HANDLERS.get(args.command, handler)  # type: ignore[attr-defined]
        assert handler is not None  # argparse only accepts declared commands
        return handler(args, target)
    except ReseauError as exc:
        return _report(exc)
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last guard: no traceback on the user's screen
        explained = _database_error(exc, target)
        if explained is not None:  # corrupt page, full disk, read-only file met while writing
            return _report(explained)
        where = log_exception(exc)
        print(f"reseau : erreur inattendue ({type(exc).__name__}).", file=sys.stderr)
        if where:
            print(
                f"Le détail est dans {where} ; rien n'a été enregistré à moitié.", file=sys.stderr
            )
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
