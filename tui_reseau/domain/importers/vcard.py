"""vCard files (2.1, 3.0, 4.0; one card or many), as Google, Apple, Outlook and Thunderbird
export them, read through vobject one card at a time: a bad card is reported, the others go in.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tui_reseau.domain.dates import MONTH_NAMES
from tui_reseau.domain.importers.records import IncomingPerson, LineIssue, ParsedFile
from tui_reseau.domain.importers.table import decode_text
from tui_reseau.errors import ReseauError

_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
_QP = re.compile(r"QUOTED-PRINTABLE", re.IGNORECASE)
Contents = dict[str, list[Any]]  # a vobject card's lines by lower-case name
_SYSTEM_GROUPS = frozenset({"mycontacts", "starred", "imported", "contacts"})
_BDAY = re.compile(r"(\d{4}|--)-?(\d{2})-?(\d{2})")
_NO_YEAR = frozenset({"1604", "1900", "0000", "--"})  # Apple and Outlook write these without a year


def split_cards(text: str) -> tuple[list[tuple[int, str]], list[LineIssue]]:
    """The cards of a file as (line of BEGIN, text), and the unterminated ones as issues.

    Quoted-printable soft line breaks (vCard 2.1: a line ending with « = ») are joined here,
    since vobject does not.
    """
    cards: list[tuple[int, str]] = []
    issues: list[LineIssue] = []
    start: int | None = None
    lines: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _BEGIN.match(line):
            if start is not None:
                issues.append(LineIssue(start, "fiche non terminée (END:VCARD manquant)"))
            start, lines = number, [line]
        elif start is None:
            continue
        elif _END.match(line):
            lines.append(line)
            cards.append((start, "\r\n".join(lines) + "\r\n"))
            start, lines = None, []
        elif lines and lines[-1].endswith("=") and _QP.search(lines[-1].split(":", 1)[0]):
            lines[-1] = lines[-1][:-1] + line.lstrip()
        else:
            lines.append(line)
    if start is not None:
        issues.append(LineIssue(start, "fiche non terminée (END:VCARD manquant)"))
    return cards, issues


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if v).strip()
    return value.strip() if isinstance(value, str) else ""


def _lines_of(contents: Contents, name: str) -> list[Any]:
    """The lines ``name`` of a card, the preferred one first (TYPE=pref, PREF=1), else in order."""
    return sorted(contents.get(name, []), key=lambda line: not _is_pref(line))


def _is_pref(line: Any) -> bool:
    params = getattr(line, "params", {})
    types = [str(t).lower() for t in params.get("TYPE", [])]
    return "pref" in types or "PREF" in params or "pref" in getattr(line, "singletonparams", [])


def _birthday(text: str) -> tuple[dt.date | None, str]:
    """(date, note): the date when it has a year, else a French « 12 mars » for the notes."""
    found = _BDAY.match(text.strip())
    if not found:
        return None, ""
    year, month, day = found[1], int(found[2]), int(found[3])
    try:
        if year in _NO_YEAR:
            dt.date(2000, month, day)  # checks the day exists (29 February included)
            return None, f"{day} {MONTH_NAMES[month - 1]}"
        return dt.date(int(year), month, day), ""
    except (ValueError, IndexError):
        return None, ""


def _person_of(card: Any, line: int) -> IncomingPerson:
    """What a parsed card says about a person, as raw text (checked later like the form)."""
    person = IncomingPerson(line=line)
    contents: Contents = card.contents
    _read_name(contents, person)
    if contents.get("org"):
        units = [u.strip() for u in contents["org"][0].value if isinstance(u, str) and u.strip()]
        person.company = units[0] if units else _text(contents["org"][0].value)
        if len(units) > 1:
            person.extras.append(("Service", " / ".join(units[1:])))
    for key in ("title", "role"):
        if contents.get(key) and not person.role:
            person.role = _text(contents[key][0].value)
    person.emails = [e for e in (_text(x.value) for x in _lines_of(contents, "email")) if e]
    phones = (_text(x.value) for x in _lines_of(contents, "tel"))
    person.phones = [re.sub(r"^tel:", "", p, flags=re.IGNORECASE) for p in phones if p]
    _read_addresses(contents, person)
    person.notes = "\n".join(n for n in (_text(x.value) for x in contents.get("note", [])) if n)
    _read_birthday(contents, person)
    for key in ("url", "x-socialprofile"):
        for url_line in contents.get(key, []):
            url = _text(url_line.value).replace("\\:", ":")  # Google escapes the colon
            if "linkedin.com" in url.lower() and not person.linkedin_url:
                person.linkedin_url = url
            elif url and key == "url":
                person.extras.append(("Site", url))
    for nickname in contents.get("nickname", []):
        person.extras.append(("Surnom", _text(nickname.value)))
    tags: list[str] = []
    for categories in contents.get("categories", []):
        value = categories.value
        for tag in value if isinstance(value, list) else str(value).split(","):
            tag = "-".join(str(tag).split())  # « BNI Lille » is one tag: bni-lille
            if tag and tag.casefold() not in _SYSTEM_GROUPS:
                tags.append(tag)
    person.tags = ", ".join(tags)
    return person


def _read_name(contents: Contents, person: IncomingPerson) -> None:
    if contents.get("n"):
        name = contents["n"][0].value
        given = (_text(getattr(name, "given", "")), _text(getattr(name, "additional", "")))
        person.first_name = " ".join(p for p in given if p)
        person.last_name = _text(getattr(name, "family", ""))
    if not person.name and contents.get("fn"):
        first, _, last = _text(contents["fn"][0].value).partition(" ")
        person.first_name, person.last_name = first, last


def _read_addresses(contents: Contents, person: IncomingPerson) -> None:
    """The preferred address into the contact's fields, the others into its notes."""
    for index, adr in enumerate(_lines_of(contents, "adr")):
        value = adr.value
        lines = [_text(getattr(value, "box", "")), _text(getattr(value, "extended", ""))]
        street = getattr(value, "street", "")
        lines += [_text(x) for x in street] if isinstance(street, list) else [_text(street)]
        lines = [text for text in lines if text]
        city, code = _text(getattr(value, "city", "")), _text(getattr(value, "code", ""))
        country = _text(getattr(value, "country", ""))
        if index == 0:
            person.address, person.city, person.postcode = "\n".join(lines), city, code
            if country and country.casefold() not in ("france", "fr"):
                person.extras.append(("Pays", country))
        else:
            other = ", ".join(p for p in (*lines, f"{code} {city}".strip(), country) if p)
            person.extras.append(("Autre adresse", other.replace("\n", ", ")))


def _read_birthday(contents: Contents, person: IncomingPerson) -> None:
    """A birthday with its year into the contact's field; without (Apple, Outlook), in notes."""
    for bday in contents.get("bday", [])[:1]:
        text = _text(bday.value)
        omit = bday.params.get("X-APPLE-OMIT-YEAR")
        person.birthday, day_month = _birthday(text)
        if omit and person.birthday and str(person.birthday.year) in omit:
            day_month = f"{person.birthday.day} {MONTH_NAMES[person.birthday.month - 1]}"
            person.birthday = None
        if day_month:
            person.extras.append(("Anniversaire", day_month))
        elif person.birthday is None and text:
            person.warnings.append(f"date de naissance illisible « {text[:40]} », laissée de côté")


_PROPERTY = re.compile(r"^[A-Za-z0-9.-]+(?:;[^:]*)?:")


def _unreadable(card_text: str, line: int) -> str:
    """Why vobject refused a card, in French, with the first line that is not « NOM:valeur »."""
    for offset, text in enumerate(card_text.splitlines()):
        if text.strip() and not text[:1].isspace() and not _PROPERTY.match(text):
            return f"fiche vCard illisible : la ligne {line + offset} n'a pas la forme NOM:valeur"
    return "fiche vCard illisible : une de ses lignes a une valeur d'un format inconnu"


def read_vcards(data: bytes) -> ParsedFile:
    """Read every card of a vCard file; an unreadable card is reported with its line number.

    Raises ReseauError when the file holds no card at all.
    """
    import vobject

    text = decode_text(data)
    cards, issues = split_cards(text)
    if not cards and not issues:
        raise ReseauError(
            "Ce fichier ne contient aucune fiche vCard (aucune ligne BEGIN:VCARD).",
            "Exportez vos contacts au format vCard (.vcf) depuis Google Contacts, Contacts "
            "d'Apple, Outlook ou Thunderbird, puis : reseau import vcard FICHIER.vcf",
        )
    result = ParsedFile(rejected=list(issues))
    for line, card_text in cards:
        try:
            card = vobject.readOne(card_text)
            person = _person_of(card, line)
        except Exception:  # hostile input: vobject raises many kinds of errors
            result.rejected.append(LineIssue(line, _unreadable(card_text, line)))
            continue
        result.people.append(person)
    result.rejected.sort(key=lambda issue: issue.line)
    return result
