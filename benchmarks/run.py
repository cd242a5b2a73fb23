"""Run every benchmark and print their tables one after the other.

    .venv/bin/python benchmarks/run.py            # the sizes of the issues (1k, 10k, 100k)
    .venv/bin/python benchmarks/run.py --quick    # small sizes, a minute or two

Each benchmark is its own script (run it alone for details); each reports its figures as
ratios against a baseline measured in the same run, because this machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL: list[tuple[str, list[str]]] = [
    ("Recherche : index seul (vs rapidfuzz WRatio sur tous les noms)", ["bench_search_index.py"]),
    ("Recherche : touche → résultats affichés (vs gestionnaire vide)", ["bench_search_app.py"]),
    ("Démarrage jusqu'à un écran utilisable (vs appli Textual vide)", ["bench_startup.py"]),
    ("Carte des cercles : données et dessin", ["bench_map.py"]),
    ("Agenda et relations à raviver", ["bench_agenda.py"]),
    ("Fiche avant rendez-vous (vs import peewee, rapidfuzz)", ["bench_brief.py"]),
    ("Réseau de démonstration : écriture", ["bench_demo.py"]),
    ("Import LinkedIn : base vide et réseau de démo (vs csv.DictReader)", ["bench_import.py"]),
    (
        "Opportunités, recommandations et solde (vs lecture des opportunités)",
        ["bench_exchanges.py"],
    ),
    ("Indicateurs : calcul sur 12 mois (vs GROUP BY sur les contacts)", ["bench_metrics.py"]),
]

QUICK_ARGS: dict[str, list[str]] = {
    "bench_search_index.py": ["--sizes", "1000,10000"],
    "bench_search_app.py": ["--sizes", "1000", "--repeats", "1"],
    "bench_startup.py": ["--sizes", "150,10000", "--runs", "3"],
    "bench_map.py": ["1000", "10000"],
    "bench_agenda.py": ["10000"],
    "bench_brief.py": ["--sizes", "10000", "--runs", "3"],
    "bench_demo.py": ["1000", "10000"],
    "bench_import.py": ["1000", "10000"],
    "bench_exchanges.py": ["10000"],
    "bench_metrics.py": ["10000"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    args = parser.parse_args()
    failed = []
    for title, (script, *extra) in FULL:
        if not (HERE / script).exists():
            continue
        command = [sys.executable, str(HERE / script), *extra]
        if args.quick:
            command += QUICK_ARGS.get(script, [])
        print(f"\n## {title}  ({' '.join(Path(c).name for c in command[1:])})", flush=True)
        start = time.perf_counter()
        result = subprocess.run(command, cwd=HERE.parent)
        print(f"({time.perf_counter() - start:.0f} s)", flush=True)
        if result.returncode:
            failed.append(script)
    if failed:
        print(f"\nÉchecs : {', '.join(failed)}", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
