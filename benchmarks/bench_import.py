"""Time ``reseau import linkedin`` on generated Connections.csv files of growing size.

    .venv/bin/python benchmarks/bench_import.py             # 1 000, 10 000 and 100 000 rows
    .venv/bin/python benchmarks/bench_import.py 1000 10000  # other sizes

For each size N, a LinkedIn export of N rows is written (BOM, notes, CRLF, quoted commas, one
e-mail in ten), then imported the way the command does it (read, check, match, write in one
transaction) twice: into an empty database, and into one holding the demo network of N contacts
(a fifth of the rows are demo people: exact merges; a tenth are near-misses: fuzzy matches).
The baseline, measured in the same run, is ``csv.DictReader`` reading the same file: the ratio
says how many times a bare parse the whole import costs. Goal of issue #6: 10 000 rows < 3 s.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from tui_reseau.domain.demo import generate_demo
from tui_reseau.domain.importers.apply import plan_import, run_import
from tui_reseau.domain.importers.linkedin import read_linkedin
from tui_reseau.locations import DbTarget
from tui_reseau.store.database import close_database, open_database
from tui_reseau.store.models import Contact

SIZES = (1_000, 10_000, 100_000)
GOAL_ROWS, GOAL_SECONDS = 10_000, 3.0
TODAY = dt.date(2026, 11, 26)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
FIRST = ("Jean", "Marie", "Paul", "Sophie", "Luc", "Emma", "Hugo", "Léa", "Louis", "Chloé")
LAST = ("Dupont", "Martin", "Durand", "Lefebvre", "Moreau", "Petit", "Roux", "Fournier")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _quote(text: str) -> str:
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(c in text for c in ',"') else text


def linkedin_file(rows: int, known: list[tuple[str, str, str]], seed: int = 6) -> bytes:
    """A Connections.csv of ``rows`` rows; some rows are ``known`` people, as-is or misspelt."""
    rng = random.Random(seed)
    lines = ["Notes:", '"When exporting your connection data, ""some"" e-mails are missing."', ""]
    lines.append(HEADER)
    for i in range(rows):
        roll = rng.random()
        if known and roll < 0.2:
            first, last, company = rng.choice(known)
        elif known and roll < 0.3:
            first, last, company = rng.choice(known)
            last = last[:-1] + "x" if len(last) > 3 else last + "e"
        else:
            first, last = rng.choice(FIRST), f"{rng.choice(LAST)}-{i}"
            company = f"Société {i % 700}, SARL"
        email = f"p{i}@exemple.fr" if i % 10 == 0 else ""
        date = f"{1 + i % 28:02d} {MONTHS[i % 12]} {2010 + i % 15}"
        cells = (first, last, f"https://www.linkedin.com/in/p-{seed}-{i:06d}", email, company)
        lines.append(",".join(_quote(c) for c in (*cells, "Gérant", date)))
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def baseline(data: bytes) -> float:
    """Seconds for csv.DictReader to read the same rows."""
    start = time.perf_counter()
    text = data.decode("utf-8-sig")
    body = text[text.index("First Name") :]
    for _row in csv.DictReader(io.StringIO(body)):
        pass
    return time.perf_counter() - start


def timed_import(data: bytes) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds, report) of one import, close matches left aside."""
    start, cpu = time.perf_counter(), time.process_time()
    report = run_import(plan_import(read_linkedin(data)), lambda _match: False)
    return time.perf_counter() - start, time.process_time() - cpu, report


def run(rows: int, folder: Path) -> list[tuple[str, float, float, float, object]]:
    """[(case, baseline s, wall s, CPU s, report)] for an empty database and a demo network."""
    results = []
    database = open_database(DbTarget(path=folder / f"empty-{rows}.db"))
    try:
        data = linkedin_file(rows, [])
        results.append(("vide", baseline(data), *timed_import(data)))
    finally:
        close_database()
    database = open_database(DbTarget(path=folder / f"demo-{rows}.db"))
    try:
        generate_demo(contacts=rows, today=TODAY)
        query = Contact.select(Contact.first_name, Contact.last_name, Contact.company).tuples()
        data = linkedin_file(rows, list(query))
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        results.append(("démo", baseline(data), *timed_import(data)))
    finally:
        close_database()
    return results


def main(argv: list[str]) -> None:
    sizes = [int(arg.replace("_", "")) for arg in argv] or list(SIZES)
    print(
        f"{'lignes':>8} | {'base':>5} | {'ms':>7} | {'ms CPU':>7} | {'lignes/s':>8} | {'× lecture':>9} | "
        f"{'créées':>7} | {'fusion.':>7} | {'écartées':>8}"
    )
    print("-" * 94)
    slow = False
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        for rows in sizes:
            for case, base, seconds, cpu, report in run(rows, Path(tmp)):
                print(
                    f"{rows:>8,} | {case:>5} | {seconds * 1000:>7.0f} | {cpu * 1000:>7.0f} | "
                    f"{rows / seconds:>8,.0f} | "
                    f"{seconds / base:>9.1f} | {report.created:>7,} | {len(report.merged):>7,} | "
                    f"{len(report.skipped):>8,}".replace(",", " ")
                )
                if rows == GOAL_ROWS and cpu >= GOAL_SECONDS:
                    slow = True
    print(
        "(base : vide = base neuve, démo = réseau de démonstration de même taille ; "
        "× lecture = durée / csv.DictReader sur le même fichier ; écartées = ressemblances)"
    )
    print(f"Charge de la machine (1, 5, 15 min) : {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if GOAL_ROWS in sizes:
        verdict = "NON ATTEINT" if slow else "atteint"
        print(f"Objectif 10 000 lignes < {GOAL_SECONDS:.0f} s de calcul (ms CPU) : {verdict}")
    if slow:
        raise SystemExit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
