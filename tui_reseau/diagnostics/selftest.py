"""``reseau doctor --selftest``: the proofs of issue #7, rerun by anyone, with their figures.

Runs in a private temporary folder (never the user's data): SIGKILLs in the middle of writes,
concurrent writers, bad files, hostile text. Each part prints one line of figures as it ends;
the whole returns True when every proof held.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tui_reseau.diagnostics.bad_files import run_bad_files
from tui_reseau.diagnostics.concurrency import run_concurrent_writers
from tui_reseau.diagnostics.crash import run_crash_loop
from tui_reseau.diagnostics.hostile_cli import run_hostile_cli
from tui_reseau.diagnostics.sandbox import private_folder

Say = Callable[[str], None]
MAX_DETAILS = 8  # problems printed per proof


def _details(say: Say, problems: list[str]) -> None:
    for problem in problems[:MAX_DETAILS]:
        say(f"    ✗ {problem}")
    if len(problems) > MAX_DETAILS:
        say(f"    … et {len(problems) - MAX_DETAILS} autre(s)")


def _crashes(folder: Path, say: Say, kills: int, writers: int, writes: int) -> bool:
    result = run_crash_loop(folder, kills=kills)
    workloads = ", ".join(f"{name} {n}" for name, n in result.by_workload.items())
    say(
        f"Arrêts brutaux (SIGKILL)   : {result.survived}/{result.rounds} survécus, dont "
        f"{result.killed_while_writing} en pleine écriture ({workloads}) — "
        f"integrity_check ok, transactions entières ou absentes · {result.seconds:.1f} s"
    )
    _details(say, result.failures)
    return result.ok


def _writers(folder: Path, say: Say, kills: int, writers: int, writes: int) -> bool:
    result = run_concurrent_writers(folder, writers=writers, writes=writes)
    say(
        f"Écritures simultanées      : {result.landed}/{result.expected} contacts et "
        f"{result.edits_landed}/{result.edits_expected} modifications arrivés, "
        f"{result.writers} processus, {result.failed_exits} en échec, "
        f"{len(result.lock_messages)} message(s) « verrouillée » · {result.seconds:.1f} s"
    )
    problems = list(result.lock_messages)
    if result.integrity != "ok":
        problems.append(f"integrity_check : {result.integrity}")
    _details(say, problems)
    return result.ok


def _bad_files(folder: Path, say: Say, kills: int, writers: int, writes: int) -> bool:
    start = time.perf_counter()
    outcomes = run_bad_files(folder)
    tried = [o for o in outcomes if not o.skipped]
    failed = [o for o in tried if o.problem]
    cases = len({o.case for o in tried})
    skipped = len({o.case for o in outcomes if o.skipped})
    say(
        f"Fichiers abîmés            : {len(tried) - len(failed)}/{len(tried)} essais bien "
        f"refusés ou lus ({cases} cas"
        + (f", {skipped} non simulables ici" if skipped else "")
        + f") — message en français, aucune trace Python, fichier intact · "
        f"{time.perf_counter() - start:.1f} s"
    )
    _details(say, [f"{o.case} / {o.command} : {o.problem}" for o in failed])
    return not failed


def _hostile(folder: Path, say: Say, kills: int, writers: int, writes: int) -> bool:
    result = run_hostile_cli(folder)
    refused = sum(1 for s in result.samples for v in s.stored.values() if v == "refusé")
    accepted = sum(1 for s in result.samples for v in s.stored.values() if v == "accepté")
    say(
        f"Textes hostiles            : {len(result.samples)} échantillons, "
        f"{accepted} champs enregistrés à l'identique, {refused} refusés (caractère nul, "
        f"écrits tels quels pour l'affichage) ; {result.outputs_checked} sorties de brief/"
        f"search (tube, terminal, JSON) : {len(result.problems)} fuite(s) · "
        f"{result.seconds:.1f} s"
    )
    _details(say, result.problems)
    return result.ok


PROOFS: tuple[Callable[[Path, Say, int, int, int], bool], ...] = (
    _crashes,
    _writers,
    _bad_files,
    _hostile,
)


def run_selftest(say: Say = print, *, kills: int = 10, writers: int = 4, writes: int = 50) -> bool:
    """Run every proof in a throw-away folder, printing one line of figures for each.

    ``kills``: SIGKILL rounds; ``writers`` × ``writes``: the concurrent saves. Returns True
    when all held.
    """
    say("Épreuves de robustesse, dans un dossier temporaire (vos données ne sont pas touchées)")
    held = True
    for proof in PROOFS:
        with private_folder() as folder:
            held = proof(folder, say, kills, writers, writes) and held
    say("Toutes les épreuves sont réussies." if held else "Au moins une épreuve a échoué.")
    return held
