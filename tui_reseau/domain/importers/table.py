"""CSV files with a header: the delimiter is sniffed, columns are mapped by name (French or
English) or by ``--map "Colonne=champ,…"``.

Also home of what the LinkedIn reader shares: decoding bytes, folding header names, reading
rows with their line numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator

from tui_reseau.domain.importers.records import IncomingPerson, LineIssue, ParsedFile
from tui_reseau.errors import ReseauError

csv.field_size_limit(1_000_000)  # a notes cell may be long; the default 128 kB is not enough

# Field names a column can map to, with the header words that mean them (folded: lower case,
# no accents, punctuation as spaces). The same words are accepted on the right of --map.
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "firstname", "given name", "prenom", "prenoms"),
    "last_name": ("last name", "lastname", "surname", "family name", "nom", "nom de famille"),
    "name": ("name", "full name", "nom complet", "display name", "contact"),
    "company": ("company", "organization", "organisation", "societe", "entreprise", "employeur"),
    "role": ("title", "job title", "position", "role", "fonction", "poste", "metier"),
    "email": (
        "email",
        "e mail",
        "email address",
        "e mail address",
        "courriel",
        "mail",
        "adresse e mail",
    ),
    "phone": ("phone", "telephone", "tel", "mobile", "portable", "phone number", "numero"),
    "address": ("address", "street", "adresse", "rue", "adresse postale"),
    "city": ("city", "town", "ville", "commune", "localite"),
    "postcode": ("postcode", "postal code", "zip", "zip code", "code postal", "cp"),
    "notes": ("notes", "note", "comments", "commentaire", "commentaires", "remarques"),
    "circle": ("circle", "cercle"),
    "tags": ("tags", "tag", "labels", "etiquettes", "etiquette", "categories", "groupes"),
    "linkedin_url": ("linkedin", "url", "linkedin url", "profil linkedin", "profile url"),
    "birthday": ("birthday", "anniversaire", "date de naissance", "birth date", "naissance"),
    "met_on": ("connected on", "met on", "premier contact", "rencontre le", "date de rencontre"),
}
_WORD_TO_FIELD = {word: name for name, words in FIELD_WORDS.items() for word in words}
_WORD_TO_FIELD.update({name.replace("_", " "): name for name in FIELD_WORDS})
# Column names that start like these are extra e-mails / phones ("E-mail 2", "Téléphone pro").
_PREFIXES = (
    ("e mail", "email"),
    ("email", "email"),
    ("courriel", "email"),
    ("tel", "phone"),
    ("phone", "phone"),
    ("mobile", "phone"),
    ("portable", "phone"),
)
_MULTI = frozenset({"email", "phone"})


def fold_header(text: str) -> str:
    """A header as a lookup key: « Prénom » → ``prenom``, « E-mail Address » → ``e mail address``."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def field_of(header: str) -> str | None:
    """The field a column name means, or None if unknown."""
    key = fold_header(header)
    if key in _WORD_TO_FIELD:
        return _WORD_TO_FIELD[key]
    for prefix, name in _PREFIXES:
        if key.startswith(prefix + " ") or key == prefix:
            return name
    return None


def decode_text(data: bytes) -> str:
    """The text of a file: UTF-8 (with or without BOM), UTF-16 with its BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def rows_with_lines(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of each non-blank row; quoted cells may span lines."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:  # a NUL byte or a runaway quote: the rest is unreadable
            yield start, ["\x00csv-error"]
            return
        if any(cell.strip() for cell in row):
            yield start, row
        start = reader.line_num + 1


def sniff_delimiter(text: str) -> str:
    """``;``, ``,``, tab or ``|``, whichever the header line uses (``,`` if nothing says)."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
    except csv.Error:
        first = next((line for line in text.splitlines() if line.strip()), "")
        counts = {d: first.count(d) for d in ";,\t|"}
        best = max(counts, key=counts.__getitem__)
        return best if counts[best] else ","


def parse_mapping(text: str) -> dict[str, str]:
    """``--map "Colonne=champ,…"`` as {folded column: field}; ReseauError when a field is unknown.

    The field « ignorer » leaves the column out.
    """
    mapping: dict[str, str] = {}
    for piece in filter(None, (p.strip() for p in text.split(","))):
        column, sep, target = piece.partition("=")
        key = fold_header(target)
        name = "ignore" if key in ("ignorer", "ignore") else _WORD_TO_FIELD.get(key)
        if not sep or not fold_header(column) or name is None:
            raise ReseauError(
                f"--map : « {piece} » n'est pas de la forme Colonne=champ avec un champ connu.",
                f"Champs possibles : {', '.join(sorted(FIELD_WORDS))}, ou « ignorer ». "
                'Exemple : --map "Portable=phone,Boîte=company"',
            )
        mapping[fold_header(column)] = name
    return mapping


def assign(person: IncomingPerson, name: str, value: str, today: dt.date) -> None:
    """Put a cell's text into ``person``'s field ``name`` (several e-mails/phones are kept)."""
    value = value.strip()
    if not value:
        return
    if name in _MULTI:
        target = person.emails if name == "email" else person.phones
        target.extend(v.strip() for v in re.split(r"\s*[;,]\s*|\s+/\s+", value) if v.strip())
    elif name == "name":
        first, _, last = value.partition(" ")
        person.first_name = person.first_name or first
        person.last_name = person.last_name or last
    elif name in ("birthday", "met_on"):
        from tui_reseau.domain.dates import DateParseError, parse_date

        try:
            setattr(person, name, parse_date(value, today, future=False))
        except DateParseError:
            label = "date de naissance" if name == "birthday" else "date de premier contact"
            person.warnings.append(f"{label} illisible « {value[:40]} », laissée de côté")
    elif name == "circle":
        person.circle = value
    elif name == "notes" and person.notes:
        person.notes += "\n" + value
    else:
        setattr(person, name, value)


def read_table(data: bytes, mapping: dict[str, str] | None = None, *, today: dt.date) -> ParsedFile:
    """Read a CSV file with a header into incoming people.

    ``mapping`` ({folded column: field}, from :func:`parse_mapping`) wins over the names.
    Raises ReseauError when no column gives a name. Unknown columns are listed once.
    """
    text = decode_text(data)
    delimiter = sniff_delimiter(text)
    rows = rows_with_lines(text, delimiter)
    header_line, header = next(rows, (0, []))
    mapping = mapping or {}
    fields: list[str | None] = []
    result = ParsedFile()
    for column in header:
        key = fold_header(column)
        name = mapping.get(key) or field_of(column)
        fields.append(None if name == "ignore" else name)
        if name is None and column.strip():
            result.unknown_columns.append(column.strip())
    if not {"first_name", "last_name", "name"} & set(fields):
        raise ReseauError(
            "Aucune colonne de nom trouvée dans l'en-tête du fichier "
            f"(ligne {header_line or 1} : {', '.join(c.strip() for c in header[:8]) or 'vide'}).",
            "La première ligne doit nommer les colonnes : Prénom;Nom;Société;E-mail… "
            'ou indiquez-les : --map "Contact=name,Portable=phone".',
        )
    for line, row in rows:
        if row == ["\x00csv-error"]:
            result.rejected.append(
                LineIssue(
                    line,
                    "ligne illisible (guillemet non fermé ou "
                    "caractère nul) : la suite du fichier est ignorée",
                )
            )
            break
        if len(row) > len(fields) and any(c.strip() for c in row[len(fields) :]):
            result.rejected.append(
                LineIssue(
                    line,
                    f"{len(row)} colonnes pour {len(fields)} dans l'en-tête : "
                    "vérifiez les séparateurs et les guillemets",
                )
            )
            continue
        person = IncomingPerson(line=line)
        for name, value in zip(fields, row, strict=False):
            if name is not None:
                assign(person, name, value, today)
        result.people.append(person)
    return result
