"""A child process that writes through the domain in a loop: the load of the proofs.

    python -m tui_reseau.diagnostics.worker DB --count N --prefix P [--edit-every K]

Saves N contacts named « P 0001 »… each with three tags and a note (one transaction each, as
the application does), and every K-th time edits an earlier one (a transaction that reads,
then writes). Prints « écrits N, modifiés M » and exits 0; any error is left to the
``reseau`` guard, which says it in French.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

WORKER_TAGS = ("alpha", "beta", "gamma")
EDITED_COMPANY = "Modifiée"


def _save_all(count: int, prefix: str, edit_every: int) -> tuple[int, int]:
    from tui_reseau.domain.contacts import ContactDraft, draft_of, save_contact

    written: list[int] = []
    edited = 0
    for number in range(1, count + 1):
        draft = ContactDraft(
            first_name=prefix,
            last_name=f"{number:04d}",
            company="Entreprise d'essai",
            circle=1 + number % 3,
            tags=", ".join(WORKER_TAGS),
            notes=f"Écrit par {prefix}, n° {number}.",
        )
        written.append(save_contact(draft))
        if edit_every and number % edit_every == 0:
            old = written[len(written) // 2]
            again = draft_of(old)
            again.company = EDITED_COMPANY
            save_contact(again, old)
            edited += 1
    return len(written), edited


def main(argv: Sequence[str] | None = None) -> int:
    """Run the loop on the database given; the exit code says whether every write landed."""
    parser = argparse.ArgumentParser(prog="tui_reseau.diagnostics.worker")
    parser.add_argument("db")
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--prefix", default="Essai")
    parser.add_argument("--edit-every", type=int, default=0)
    args = parser.parse_args(argv)

    from tui_reseau.locations import resolve_db
    from tui_reseau.store.database import close_database, explain_error, open_database

    target = resolve_db(args.db)
    try:
        open_database(target)
        try:
            written, edited = _save_all(args.count, args.prefix, args.edit_every)
        finally:
            close_database()
    except Exception as exc:
        explained = explain_error(exc, target)
        if explained is None:
            raise
        print(f"worker : {explained.message}\n{explained.hint}", file=sys.stderr)
        return explained.exit_code
    print(f"écrits {written}, modifiés {edited}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
