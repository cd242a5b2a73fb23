"""Who is already known: each incoming person is looked up among the existing contacts.

First by exact keys — LinkedIn profile, e-mail, phone, then same name at the same company — and
otherwise by a rapidfuzz match on the name (word order, case and accents ignored), weighed with
the company when both have one. Everything is read once into dicts and lists: no query per row.
Names are compared within blocks of people sharing the first three letters of two of their
words (a typo there escapes the fuzzy match; one further on does not), which keeps a 10,000-row
import against 10,000 contacts well under a second.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from tui_reseau.store.models import Contact

NAME_CUTOFF = 85
"""Lowest name similarity (0–100) looked at."""
CLOSE_THRESHOLD = 80
"""Lowest combined score (name, and company when both have one) listed as a possible duplicate."""
_BLOCK = 3
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65_536)  # companies repeat a lot across a network
def fold_key(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, words sorted: « Dupont-Éric, Jean » and
    « jean dupont eric » give the same key."""
    plain = text.casefold()
    if not plain.isascii():
        plain = unicodedata.normalize("NFKD", plain.replace("œ", "oe").replace("æ", "ae"))
        plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(sorted(_NOT_ALNUM.sub(" ", plain).split()))


@dataclass(frozen=True, slots=True)
class Keys:
    """What identifies a person, normalised: compared with ``==`` (exact) or fuzzily (name)."""

    name: str
    company: str
    linkedin_url: str | None
    email: str | None
    phone: str | None

    @classmethod
    def of(cls, values: dict[str, object]) -> Keys:
        """The keys of validated contact values (``validate`` output or a database row)."""
        email = values.get("email")
        return cls(
            name=fold_key(f"{values.get('first_name') or ''} {values.get('last_name') or ''}"),
            company=fold_key(str(values.get("company") or "")),
            linkedin_url=(
                str(values["linkedin_url"]).lower() if values.get("linkedin_url") else None
            ),
            email=str(email).lower() if email else None,
            phone=str(values["phone"]) if values.get("phone") else None,
        )

    def exact_keys(self) -> Iterable[tuple[str, str]]:
        """The exact keys, strongest first."""
        if self.linkedin_url:
            yield "url", self.linkedin_url
        if self.email:
            yield "email", self.email
        if self.phone:
            yield "phone", self.phone
        if self.name and self.company:
            yield "name", f"{self.name}|{self.company}"


class ExactIndex:
    """Exact keys → a reference (a contact id, or anything the caller stores)."""

    def __init__(self) -> None:
        self._refs: dict[tuple[str, str], object] = {}

    def add(self, keys: Keys, ref: object) -> None:
        for key in keys.exact_keys():
            self._refs.setdefault(key, ref)

    def find(self, keys: Keys) -> object | None:
        for key in keys.exact_keys():
            ref = self._refs.get(key)
            if ref is not None:
                return ref
        return None


def _blocks(name: str) -> set[str]:
    """The blocks of a folded name: each pair of its words' prefixes (the prefix if one word)."""
    prefixes = sorted({word[:_BLOCK] for word in name.split()})
    if len(prefixes) < 2:
        return set(prefixes)
    return {f"{a} {b}" for i, a in enumerate(prefixes) for b in prefixes[i + 1 :]}


class FuzzyIndex:
    """Names of the existing contacts in blocks, for rapidfuzz look-ups."""

    def __init__(self) -> None:
        self._names: dict[str, list[str]] = defaultdict(list)
        self._rows: dict[str, list[tuple[int, str]]] = defaultdict(list)

    def add(self, keys: Keys, contact_id: int) -> None:
        for block in _blocks(keys.name):
            self._names[block].append(keys.name)
            self._rows[block].append((contact_id, keys.company))

    def best(self, keys: Keys) -> tuple[int, int] | None:
        """(contact id, score 0–100) of the closest contact above the threshold, or None."""
        found: tuple[int, int] | None = None
        for block in _blocks(keys.name):
            names = self._names.get(block)
            if not names:
                continue
            hit = process.extractOne(keys.name, names, scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF)
            if hit is None:
                continue
            contact_id, company = self._rows[block][hit[2]]
            score = hit[1]
            if keys.company and company:
                score = 0.75 * score + 0.25 * fuzz.ratio(keys.company, company)
            if score >= CLOSE_THRESHOLD and (found is None or score > found[1]):
                found = (contact_id, round(score))
        return found


@dataclass(slots=True)
class KnownContacts:
    """The existing contacts, read once: exact keys, name blocks, and labels for the report."""

    exact: ExactIndex
    fuzzy: FuzzyIndex
    labels: dict[int, str]

    @classmethod
    def load(cls) -> KnownContacts:
        """Read every contact's identifying fields in one query."""
        exact, fuzzy, labels = ExactIndex(), FuzzyIndex(), {}
        query = Contact.select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            Contact.email,
            Contact.phone,
            Contact.linkedin_url,
        ).dicts()
        for row in query.iterator():
            keys = Keys.of(row)
            exact.add(keys, row["id"])
            fuzzy.add(keys, row["id"])
            labels[row["id"]] = describe(row)
        return cls(exact, fuzzy, labels)


def describe(values: dict[str, object]) -> str:
    """« Prénom Nom — Entreprise » for the report."""
    name = f"{values.get('first_name') or ''} {values.get('last_name') or ''}".strip()
    company = str(values.get("company") or "")
    return f"{name} — {company}" if company else name
