"""``reseau doctor``: is this installation sound? And ``--selftest``: the robustness proofs.

The checks look at the database and the terminal without changing anything; the command exits
1 when one of them needs fixing, and prints the command that fixes it.
"""

from __future__ import annotations

import argparse

from tui_reseau.commands.common import EXIT_ERROR, EXIT_OK, CommandFactory, InvalidInput
from tui_reseau.locations import DbTarget

MAX_KILLS = 1000


def register(command: CommandFactory) -> None:
    """Declare ``reseau doctor``."""
    doctor = command(
        "doctor",
        "vérifie la base (droits, intégrité, schéma, journal WAL), le disque et le terminal",
    )
    doctor.add_argument(
        "--selftest",
        action="store_true",
        help="lancer aussi les épreuves de robustesse (arrêts brutaux, écritures simultanées, "
        "fichiers abîmés, textes hostiles) dans un dossier temporaire",
    )
    doctor.add_argument(
        "--kills",
        type=int,
        default=10,
        metavar="N",
        help="avec --selftest : nombre d'arrêts brutaux (10 par défaut ; 50 pour l'épreuve "
        "complète)",
    )


def _report_lines(target: DbTarget, columns: int) -> tuple[list[str], bool]:
    """The doctor's table, wrapped to ``columns``; True when nothing needs fixing."""
    import textwrap

    from rich.cells import cell_len

    from tui_reseau.diagnostics.checks import Status, run_checks
    from tui_reseau.display import safe_text

    checks = run_checks(target)
    marks = {Status.OK: "ok", Status.WARN: "attention", Status.FAIL: "À CORRIGER"}
    width = max(cell_len(c.name) for c in checks)
    indent = " " * (2 + 10 + 1 + width + 2)
    text_width = max(30, columns - len(indent))
    lines = ["Diagnostic de reseau"]
    for check in checks:
        name = check.name + " " * (width - cell_len(check.name))
        detail = textwrap.wrap(
            safe_text(check.detail, single_line=True),
            text_width,
            break_long_words=False,  # paths stay whole
            break_on_hyphens=False,
        ) or [""]
        lines.append(f"  {marks[check.status]:<10} {name}  {detail[0]}")
        lines += [indent + more for more in detail[1:]]
        if check.fix and check.status is not Status.OK:  # not wrapped: to copy and paste
            fixes = safe_text(check.fix, single_line=True).split(" ; ")
            lines += [f"{indent}→ {fix}" for fix in fixes]
    failed = [c for c in checks if c.status is Status.FAIL]
    if failed:
        lines.append(f"{len(failed)} point(s) à corriger : voir les commandes après « → ».")
    else:
        lines.append("Rien à corriger.")
    return lines, not failed


def _cmd_doctor(args: argparse.Namespace, target: DbTarget) -> int:
    if not 1 <= args.kills <= MAX_KILLS:
        raise InvalidInput(
            f"--kills {args.kills} : le nombre d'arrêts brutaux doit aller de 1 à {MAX_KILLS}.",
            "Exemple : reseau doctor --selftest --kills 50",
        )
    import shutil

    lines, sound = _report_lines(target, min(shutil.get_terminal_size((100, 24)).columns, 100))
    print("\n".join(lines), flush=True)
    if args.selftest:
        from tui_reseau.diagnostics.selftest import run_selftest

        print(flush=True)
        sound = run_selftest(lambda line: print(line, flush=True), kills=args.kills) and sound
    return EXIT_OK if sound else EXIT_ERROR


HANDLERS = {"doctor": _cmd_doctor}
