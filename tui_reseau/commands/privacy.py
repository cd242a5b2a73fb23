"""``reseau privacy export|forget|stale``: the RGPD rights of the people in the network.

- ``export QUI``: everything held on one person, as JSON (right of access);
- ``forget QUI``: erase them and every trace, after confirmation (``--yes`` in scripts);
- ``stale --years N``: the contacts with no interaction for N years, to review or forget.

A person is designated like in ``reseau brief``: a name (accents and typos tolerated) or the
contact's number (``12``, ``#12``); when several people match as well, they are listed, numbered,
and nothing is done (exit code 1).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from tui_reseau.commands.common import EXIT_OK, CommandFactory, InvalidInput, confirm, open_network
from tui_reseau.errors import ReseauError
from tui_reseau.locations import DbTarget

_DB_HELP = "base à utiliser : fichier SQLite ou URL (voir reseau --help)"
_WHO_HELP = "nom de la personne (accents et fautes tolérés) ou son n° (12, #12)"


def register(command: CommandFactory) -> None:
    """Declare ``reseau privacy`` and its three actions."""
    privacy = command(
        "privacy",
        "droits RGPD : tout ce qui est gardé sur une personne, l'effacer, les contacts anciens",
    )
    actions = privacy.add_subparsers(dest="privacy_action", metavar="ACTION", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", metavar="CHEMIN_OU_URL", default=argparse.SUPPRESS, help=_DB_HELP)
        return sub

    export = action("export", "tout ce qui est gardé sur une personne, en JSON (droit d'accès)")
    export.add_argument("query", nargs="+", metavar="QUI", help=_WHO_HELP)
    export.add_argument(
        "--output", "-o", default="-", metavar="FICHIER", help="fichier JSON à écrire (0600)"
    )
    export.add_argument("--force", action="store_true", help="remplacer FICHIER s'il existe")
    forget = action(
        "forget",
        "efface une personne et toute trace d'elle (détails, échanges, mentions dans les notes)",
    )
    forget.add_argument("query", nargs="+", metavar="QUI", help=_WHO_HELP)
    forget.add_argument(
        "--yes", "-y", action="store_true", help="ne pas demander confirmation (scripts)"
    )
    stale = action(
        "stale",
        "les contacts sans échange depuis N ans (la CNIL recommande 3 ans pour les prospects)",
    )
    stale.add_argument(
        "--years", type=int, default=3, metavar="N", help="ancienneté en années (3 par défaut)"
    )
    stale.add_argument(
        "--forget",
        action="store_true",
        help="les effacer tous, après confirmation (ou --yes)",
    )
    stale.add_argument(
        "--yes", "-y", action="store_true", help="ne pas demander confirmation (scripts)"
    )


def _print_choices(matches: Sequence[Any]) -> None:
    from tui_reseau.display import safe_text

    for rank, match in enumerate(matches, start=1):
        where = ", ".join(p for p in (match.company, match.city) if p)
        line = f"{rank}. {match.name}" + (f" — {where}" if where else "") + f" · n° {match.id}"
        print(safe_text(line, single_line=True))


def _person(query: Sequence[str], command: str) -> int:
    from tui_reseau.domain.privacy import AmbiguousPerson, find_person

    try:
        return find_person(" ".join(query), command)
    except AmbiguousPerson as exc:
        _print_choices(exc.matches)
        raise


def _cmd_privacy(args: argparse.Namespace, target: DbTarget) -> int:
    handler = {"export": _export, "forget": _forget, "stale": _stale}[args.privacy_action]
    return handler(args, target)


def _export(args: argparse.Namespace, target: DbTarget) -> int:
    import json

    from tui_reseau.commands.exports import write_output
    from tui_reseau.domain.privacy import person_data
    from tui_reseau.store.database import close_database

    if args.output != "-":
        from pathlib import Path

        from tui_reseau.domain.exporters.files import check_destination

        check_destination(Path(args.output).expanduser(), force=args.force)
    open_network(target)
    try:
        data = person_data(_person(args.query, "reseau privacy export"))
    finally:
        close_database()
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    path = write_output(text, args.output, force=args.force)
    if path is not None:
        from tui_reseau.display import safe_text

        name = data["contact"]["first_name"] + " " + data["contact"]["last_name"]
        print(safe_text(f"Tout ce qui est gardé sur {name.strip()} : {path}", single_line=True))
    return EXIT_OK


def _warn_backups(target: DbTarget) -> None:
    from tui_reseau.display import safe_text
    from tui_reseau.domain.backup import list_backups

    if target.path is None:
        return
    backups = list_backups(target.path)
    if backups:
        print(
            f"Attention : {len(backups)} sauvegarde(s) faite(s) avant contiennent encore "
            "cette personne ; supprimez-les ou gardez-les à l'abri :"
        )
        for path in backups:
            print(safe_text(f"  {path}", single_line=True))


def _forget_ids(ids: Sequence[int], names: Sequence[str], yes: bool, target: DbTarget) -> None:
    from tui_reseau.display import safe_text
    from tui_reseau.domain.privacy import forget_person

    who = names[0] if len(names) == 1 else f"{len(names)} personnes"
    question = (
        f"Effacer définitivement {who} : fiche, détails, échanges, relances, et son nom dans "
        "les notes des autres ?"
    )
    if not yes and not confirm(safe_text(question, single_line=True)):
        raise ReseauError(
            "Rien n'a été effacé.",
            "Pour confirmer sans question (scripts) : ajoutez --yes.",
        )
    for contact_id in ids:
        result = forget_person(contact_id)
        print(
            safe_text(
                f"{result.name} a été effacé(e) : {result.interactions_deleted} échange(s) "
                f"supprimé(s), {result.texts_anonymised} texte(s) anonymisé(s).",
                single_line=True,
            )
        )
        if result.note:
            print(result.note)
    _warn_backups(target)


def _forget(args: argparse.Namespace, target: DbTarget) -> int:
    from tui_reseau.domain.contacts import names_of
    from tui_reseau.store.database import close_database

    open_network(target)
    try:
        contact_id = _person(args.query, "reseau privacy forget")
        _forget_ids([contact_id], list(names_of([contact_id]).values()), args.yes, target)
    finally:
        close_database()
    return EXIT_OK


def _stale(args: argparse.Namespace, target: DbTarget) -> int:
    import datetime as dt

    from tui_reseau.display import cell_fit, days_label
    from tui_reseau.domain.dates import format_date
    from tui_reseau.domain.privacy import stale_contacts
    from tui_reseau.store.database import close_database

    if not 1 <= args.years <= 50:
        raise InvalidInput(
            f"--years {args.years} : le nombre d'années doit aller de 1 à 50.",
            "La CNIL recommande 3 ans pour les prospects : reseau privacy stale --years 3",
        )
    today = dt.date.today()
    open_network(target)
    try:
        stale = stale_contacts(args.years, today)
        if not stale:
            print(f"Aucun contact sans échange depuis {args.years} an(s).")
            return EXIT_OK
        how = {"échange": "dernier échange", "rencontre": "rencontré", "création": "ajouté"}
        for item in stale:
            where = ", ".join(p for p in (item.company, item.city) if p)
            since = f"{how[item.seen_by]} le {format_date(item.last_seen)}"
            ago = days_label((today - item.last_seen).days)
            line = (
                f"n° {item.id:<6} {cell_fit(item.name, 26)} {cell_fit(where, 30)} {since} ({ago})"
            )
            print(line.rstrip())
        print(
            f"{len(stale)} contact(s) sans échange depuis plus de {args.years} an(s) : "
            "reprenez contact, ou effacez-les (reseau privacy forget N°, "
            "ou reseau privacy stale --forget)."
        )
        if args.forget:
            _forget_ids([s.id for s in stale], [s.name for s in stale], args.yes, target)
    finally:
        close_database()
    return EXIT_OK


HANDLERS = {"privacy": _cmd_privacy}
