"""Time of ``reseau brief QUERY --first`` against ``python -c "import peewee, rapidfuzz"``.

    .venv/bin/python benchmarks/bench_brief.py [--sizes 1000,10000,100000] [--runs 7] [--keep DIR]

Each measure is a new process, as the user types the command in a shell: from spawn to exit,
stdout piped (plain text, as in ``reseau brief dupont | less``). The baseline, the bare import of
the two libraries the command cannot do without, runs interleaved with the brief so that both
see the same machine load. Bytecode is cached as after a ``pip install`` (PYTHONDONTWRITEBYTECODE
is dropped for the children). Wall time, what the user waits for: the ratio of the medians of ``--runs`` runs, and the ratio
of the fastest runs (« min »: what each command costs when nothing else disturbs it — on a
shared machine the other programs only ever add time, as ``timeit``'s documentation says).

Targets (issue #6): under 1.5x the baseline at 10,000 contacts, under 2x at 100,000. The brief
runs as the user types it (the installed ``reseau`` script). The last column is the same ratio
as the quick start installs reseau (``pip install .``: no PostgreSQL driver, which Peewee
imports whenever it is there), baseline and brief both without it.
The demo databases are built with ``reseau demo --contacts N``; ``--keep DIR`` keeps them there
and reuses them on the next run (100,000 contacts take 15 to 20 seconds to write).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "RESEAU_DB")}
BASELINE = [sys.executable, "-c", "import peewee, rapidfuzz"]
#: What ``reseau brief`` imports before reading anything: the floor of its start-up.
IMPORTS = [
    sys.executable,
    "-c",
    "import tui_reseau.cli, tui_reseau.store.database, tui_reseau.domain.lookup.words, "
    "tui_reseau.domain.brief, tui_reseau.domain.card",
]

#: Queries typed before a meeting: a name, first and last names, a typo (no accent, wrong
#: letter), a trade and a town, a company with a letter missing.
QUERIES: tuple[str, ...] = (
    "dupont",
    "helene dupont",
    "dupond",
    "boulanger amiens",
    "befrilys",
)
TARGETS = {10_000: 1.5, 100_000: 2.0}


def _run(command: list[str]) -> float:
    """Wall seconds of one child process, from spawn to exit."""
    start = time.perf_counter()
    subprocess.run(
        command, check=False, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return time.perf_counter() - start


def make_db(folder: Path, contacts: int) -> Path:
    """A demo database of ``contacts`` people in ``folder`` (reused if already there)."""
    path = folder / f"demo-{contacts}.db"
    if not path.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "tui_reseau",
                "demo",
                "--db",
                str(path),
                "--contacts",
                f"{contacts}",
            ],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env=ENV,
        )
    return path


#: What the user types: the ``reseau`` script pip installed beside this Python.
SCRIPT = Path(sys.executable).with_name("reseau")

#: The same, as ``pip install .`` leaves it (the quick start): without the PostgreSQL driver,
#: which Peewee imports whenever it is installed (about 10 ms, in the baseline and the brief).
WITHOUT_DRIVER = "import sys; sys.modules['psycopg2'] = None; "
BASELINE_AS_INSTALLED = [sys.executable, "-c", WITHOUT_DRIVER + "import peewee, rapidfuzz"]


def brief_command(db: Path, query: str, *, as_installed: bool = False) -> list[str]:
    args = ["brief", *query.split(), "--first", "--db", str(db)]
    if as_installed:
        code = f"sys.argv = {['reseau', *args]!r}; from tui_reseau.launch import main; main()"
        return [sys.executable, "-c", WITHOUT_DRIVER + code]
    if SCRIPT.exists():
        return [sys.executable, str(SCRIPT), *args]
    return [sys.executable, "-m", "tui_reseau", *args]


def measure(folder: Path, sizes: list[int], runs: int = 7) -> list[dict[str, object]]:
    """One row per (size, query): median wall/CPU seconds of baseline and brief, and ratios."""
    rows: list[dict[str, object]] = []
    for size in sizes:
        db = make_db(folder, size)
        for query in QUERIES:
            command = brief_command(db, query)
            check = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=ENV)
            if check.returncode != 0:  # the benchmark only means something if the brief works
                raise SystemExit(f"{query!r} at {size}: {check.stderr.strip()}")
            installed = brief_command(db, query, as_installed=True)
            base_wall, wall, bare_base, bare = [], [], [], []
            for _ in range(runs):  # interleaved: all see the same load
                base_wall.append(_run(BASELINE))
                wall.append(_run(command))
                bare_base.append(_run(BASELINE_AS_INSTALLED))
                bare.append(_run(installed))
            row = {
                "contacts": size,
                "query": query,
                "found": check.stdout.splitlines()[0].split("  n°")[0],
                "baseline_s": statistics.median(base_wall),
                "brief_s": statistics.median(wall),
                "ratio": statistics.median(wall) / statistics.median(base_wall),
                "min_ratio": min(wall) / min(base_wall),
                "installed_ratio": statistics.median(bare) / statistics.median(bare_base),
                "installed_min_ratio": min(bare) / min(bare_base),
            }
            rows.append(row)
    return rows


def floor(runs: int = 7) -> tuple[float, float]:
    """Median wall seconds of the baseline and of the brief's imports alone (interleaved)."""
    base, imports = [], []
    for _ in range(runs):
        base.append(_run(BASELINE))
        imports.append(_run(IMPORTS))
    return statistics.median(base), statistics.median(imports)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", metavar="DIR", help="keep (and reuse) the demo databases here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"reseau brief REQUÊTE --first, sortie redirigée — {dt.date.today()}, "
        f"médiane de {args.runs}, {os.cpu_count()} processeurs"
    )
    print(
        f"{'':>8} | {'':<17}| {'':<16}| {'':>7} | {'':>7} | {'rapport':^15} | {'':>5} | "
        f"{'sans psycopg2':^15}"
    )
    print(
        f"{'contacts':>8} | {'requête':<17}| {'trouvé':<16}| {'base':>7} | {'brief':>7} | "
        f"{'médiane':>7} {'min':>7} | {'cible':>5} | {'médiane':>7} {'min':>7}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for row in measure(folder, sizes, args.runs):
            target = TARGETS.get(row["contacts"])  # type: ignore[call-overload]
            print(
                f"{row['contacts']:>8} | {row['query']:<17}| {str(row['found'])[:15]:<16}| "
                f"{row['baseline_s'] * 1000:>4.0f} ms | {row['brief_s'] * 1000:>4.0f} ms | "
                f"{row['ratio']:>7.2f} {row['min_ratio']:>7.2f} | "
                f"{f'< {target}' if target else '':>5} | "
                f"{row['installed_ratio']:>7.2f} {row['installed_min_ratio']:>7.2f}"
            )
    base, imports = floor(args.runs)
    print(
        f"Plancher — les seuls imports de reseau brief (cli, store, card) : "
        f"{imports * 1000:.0f} ms contre {base * 1000:.0f} ms, rapport {imports / base:.2f}"
    )


if __name__ == "__main__":
    main()
