"""LinkedIn's « Connections.csv » export, as it really comes.

A UTF-8 BOM, a preamble (« Notes: » and a quoted paragraph, their number of lines varies) and a
blank line before the header, CRLF line ends, the header with or without ``URL``, quoted commas
and doubled quotes, mostly empty e-mails, some rows without a name (members who hide it), and
dates such as « 12 Mar 2024 » — English month names whatever the locale, read here by hand.
"""

from __future__ import annotations

import datetime as dt
import re

from tui_reseau.domain.importers.records import IncomingPerson, LineIssue, ParsedFile
from tui_reseau.domain.importers.table import decode_text, fold_header, rows_with_lines
from tui_reseau.errors import ReseauError

COLUMNS: dict[str, str] = {
    "first name": "first_name",
    "last name": "last_name",
    "url": "linkedin_url",
    "profile url": "linkedin_url",
    "email address": "email",
    "email": "email",
    "company": "company",
    "position": "role",
    "connected on": "met_on",
}
_NAMES = frozenset({"first_name", "last_name"})
_NO_NAME = (
    "ni prénom ni nom (LinkedIn les masque pour certains membres) : ligne ignorée, "
    "ajoutez la personne à la main si vous la connaissez"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_connected_on(text: str) -> dt.date | None:
    """« 12 Mar 2024 », « 12-Mar-24 » or « 2024-03-12 » as a date; None when unreadable."""
    text = text.strip()
    try:
        if found := _DAY_MONTH_YEAR.fullmatch(text):
            month = _MONTHS.get(found[2].lower())
            year = int(found[3]) + (2000 if len(found[3]) == 2 else 0)
            return dt.date(year, month, int(found[1])) if month else None
        if found := _ISO.fullmatch(text):
            return dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:  # 31 Feb
        return None
    return None


def read_linkedin(data: bytes) -> ParsedFile:
    """Read a LinkedIn connections export into incoming people (channel LinkedIn).

    The header is found by its columns, whatever comes before it; columns are mapped by name.
    Raises ReseauError when no header with « First Name » and « Last Name » is found.
    """
    text = decode_text(data)
    rows = rows_with_lines(text, ",")
    fields: list[str | None] = []
    result = ParsedFile()
    for _line, row in rows:
        keys = [fold_header(cell) for cell in row]
        if "first name" in keys and "last name" in keys:
            fields = [COLUMNS.get(key) for key in keys]
            result.unknown_columns = [
                c.strip() for c, f in zip(row, fields, strict=True) if f is None and c
            ]
            break
    if not fields:
        raise ReseauError(
            "Ce fichier n'est pas un export des relations LinkedIn : aucune ligne d'en-tête "
            "« First Name,Last Name,… » n'a été trouvée.",
            "Sur LinkedIn : Préférences › Confidentialité des données › Obtenir une copie de vos "
            "données › Relations ; importez le fichier Connections.csv reçu. Pour un autre "
            "tableau : reseau import csv FICHIER.",
        )
    for line, row in rows:
        if row == ["\x00csv-error"]:
            result.rejected.append(
                LineIssue(
                    line,
                    "ligne illisible (guillemet non fermé ou caractère nul) : "
                    "la suite du fichier est ignorée",
                )
            )
            break
        if not any(cell.strip() for cell, name in zip(row, fields, strict=False) if name in _NAMES):
            result.rejected.append(LineIssue(line, _NO_NAME))
            continue
        person = IncomingPerson(line=line, met_via="linkedin")
        for name, cell in zip(fields, row, strict=False):
            value = cell.strip()
            if name is None or not value:
                continue
            if name == "email":
                person.emails.append(value)
            elif name == "met_on":
                person.met_on = parse_connected_on(value)
                if person.met_on is None:
                    person.warnings.append(
                        f"date de mise en relation illisible « {value[:40]} », laissée de côté"
                    )
            else:
                setattr(person, name, value)
        result.people.append(person)
    return result
