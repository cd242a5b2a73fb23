"""Contacts as a CSV table that French spreadsheets open right.

French Excel reads a CSV with its regional list separator, the semicolon (a comma is the
decimal separator in France), and guesses the encoding: without a byte order mark it takes
Windows-1252 and « Hélène » comes out as « HÃ©lÃ¨ne ». So: ``;`` between cells, UTF-8 *with*
BOM, CRLF line ends, French headers, dates as ``JJ/MM/AAAA``, codes as their French labels,
telephone numbers as written in France (``06 12 34 56 78``). LibreOffice and Python's ``csv``
(``encoding="utf-8-sig"``, ``delimiter=";"``) read it as well.

A cell that begins with ``=``, ``+``, ``-``, ``@`` or a tab would be run as a formula by a
spreadsheet (a name imported from anywhere can be hostile): it is written after an apostrophe,
which spreadsheets treat as « this is text ».
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator

from tui_reseau.domain.exporters.rows import ExportedContact, exported_contacts
from tui_reseau.domain.phones import format_phone
from tui_reseau.domain.vocabulary import (
    ALL_CONTACT_KINDS,
    CHANNELS,
    CIRCLE_LABELS,
    POLE_LABELS,
    SECTORS,
    Circle,
    Pole,
    label,
)

DELIMITER = ";"
BOM = "\ufeff"
HEADERS: tuple[str, ...] = (
    "N°",
    "Prénom",
    "Nom",
    "Entreprise",
    "Fonction",
    "E-mail",
    "Téléphone",
    "Adresse",
    "Ville",
    "Code postal",
    "Pôle",
    "Secteur",
    "Cercle",
    "Type",
    "Qualifié depuis",
    "Rencontré via",
    "Rencontré le",
    "Présenté par",
    "Étiquettes",
    "Anniversaire",
    "LinkedIn",
    "Notes",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _pole(code: str | None) -> str:
    try:
        return POLE_LABELS[Pole(code)] if code else ""
    except ValueError:
        return code or ""


def _circle(number: int) -> str:
    try:
        return f"{number} – {CIRCLE_LABELS[Circle(number)]}"
    except ValueError:
        return str(number)


def csv_row(contact: ExportedContact) -> list[str]:
    """One contact as the cells of :data:`HEADERS`, in that order."""
    cells = [
        str(contact.id),
        contact.first_name,
        contact.last_name,
        contact.company,
        contact.role,
        contact.email or "",
        format_phone(contact.phone),
        contact.address,
        contact.city,
        contact.postcode,
        _pole(contact.pole),
        label(SECTORS, contact.sector),
        _circle(contact.circle),
        label(ALL_CONTACT_KINDS, contact.kind),
        _date(contact.qualified_on),
        label(CHANNELS, contact.met_via),
        _date(contact.met_on),
        contact.introduced_by,
        ", ".join(contact.tags),
        _date(contact.birthday),
        contact.linkedin_url or "",
        contact.notes,
    ]
    return [_cell(cell) for cell in cells]


def csv_chunks(contacts: Iterable[ExportedContact] | None = None) -> Iterator[str]:
    """The CSV text in pieces: the BOM and headers, then a few hundred rows at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(HEADERS)
    for number, contact in enumerate(
        exported_contacts() if contacts is None else contacts, start=1
    ):
        writer.writerow(csv_row(contact))
        if number % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_text(contacts: Iterable[ExportedContact] | None = None) -> str:
    """Every contact (or ``contacts``) as the CSV file's text (BOM included)."""
    return "".join(csv_chunks(contacts))
