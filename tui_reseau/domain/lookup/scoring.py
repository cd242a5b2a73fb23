"""Scoring people against a query, word by word: the ranking shared by every way of reading
candidates (:mod:`.words` on SQLite, :mod:`.like` elsewhere).

Word by word, like the TUI's index: exact word > beginning of a word > close spelling
(Damerau-Levenshtein: one edit up to 7 letters, two beyond); name > company > role > city; a
contact matching every token ranks above those matching some. From 0 to 100.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from tui_reseau.store.models import Contact

CANDIDATES = 2_000
"""Rows read from the database for one query, at most."""

FUZZY_MIN_LEN = 4
"""Shorter tokens are matched as words or word beginnings only, never as close spellings."""

MAX_TOKENS = 6

WORD = re.compile(r"[^\W_]+")
_STOPWORDS = frozenset(
    "a au aux avec chez d dans de des du en et l la le les par pour sur un une".split()  # noqa: SIM905
)

# Match qualities, then field weights (same scale as the TUI's index).
_EXACT = 1.0
PREFIX_BASE = 0.85
_FUZZY_BASE = 0.55
_FUZZY_SPAN = 0.3
_FUZZY_PREFIX_FACTOR = 0.95
_WEIGHTS = (1.0, 0.92, 0.86, 0.84)

ROW = (
    Contact.id,
    Contact.first_name,
    Contact.last_name,
    Contact.company,
    Contact.role,
    Contact.city,
    Contact.circle,
    Contact.pole,
)
"""The columns of a candidate row, in this order."""


@dataclass(frozen=True, slots=True)
class Match:
    """A contact found by :func:`find_people` (texts as stored: pass them to ``safe_text``)."""

    id: int
    name: str
    company: str
    role: str
    city: str
    circle: int
    pole: str | None
    score: float
    field: str  # where the best token matched: "name", "company", "role" or "city"


# --------------------------------------------------------------------------- folding

# The folding of search_index.fold (lower case, accents dropped, œ -> oe), its table filled on
# demand: importing search_index would build its tables up front (5 ms a command can't spare).
_SPECIAL = {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"}
_SPECIAL |= {"ı": "i", "ß": "ss", "ħ": "h", "ŧ": "t"}


class _FoldTable(dict[int, str]):
    __slots__ = ()

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code).casefold())
        folded = "".join(
            _SPECIAL.get(c, c) for c in decomposed if not unicodedata.combining(c)
        ).lower()
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` in lower case without accents: ``"Hélène Œuvray"`` -> ``"helene oeuvray"``."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def query_tokens(query: str) -> list[str]:
    """The folded words of ``query`` that are searched (little words dropped from phrases)."""
    tokens = list(dict.fromkeys(WORD.findall(fold(query))))[:MAX_TOKENS]
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in _STOPWORDS] or tokens
    return tokens


class Scorer:
    """Scores candidate rows against the query tokens, word by word (results cached)."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = tokens
        self._qualities: dict[tuple[str, str], float] = {}  # (token, word) -> quality
        self._best: dict[tuple[str, str], float] = {}  # (token, text) -> best over its words
        self._words: dict[str, tuple[str, ...]] = {"": ()}

    def words(self, text: str) -> tuple[str, ...]:
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = tuple(WORD.findall(fold(text)))
        return found

    def best(self, token: str, text: str) -> float:
        """The best quality of ``token`` against the words of ``text``."""
        key = (token, text)
        value = self._best.get(key)
        if value is None:
            value = 0.0
            cache = self._qualities
            for word in self.words(text):
                quality = cache.get((token, word))
                if quality is None:
                    quality = cache[(token, word)] = word_quality(token, word)
                value = max(value, quality)
            self._best[key] = value
        return value

    def score(self, row: tuple) -> tuple[float, str, int]:
        """(score out of 100, best field, tokens matched) of a candidate row."""
        _, first, last, company, role, city, *_ = row
        best = self.best
        matched, total, best_value, best_field = 0, 0.0, 0.0, ""
        for token in self.tokens:
            value, field = max(
                (max(best(token, first), best(token, last)), "name"),
                (best(token, company) * _WEIGHTS[1], "company"),
                (best(token, role) * _WEIGHTS[2], "role"),
                (best(token, city) * _WEIGHTS[3], "city"),
            )
            if value > 0:
                matched += 1
                total += value
                if value > best_value:
                    best_value, best_field = value, field
        if not matched:
            return 0.0, "", 0
        n = len(self.tokens)
        return (matched - 1 + total / matched) * 100.0 / n, best_field, matched

    def names_match_all(self, row: tuple) -> bool:
        """True when every token matches the row's first or last name."""
        return all(self.best(t, row[1]) or self.best(t, row[2]) for t in self.tokens)

    def found_as_word(self, rows: Iterable[tuple], names_only: bool) -> set[str]:
        """The tokens that some row holds as a whole word or a word's beginning."""
        found: set[str] = set()
        end = 3 if names_only else 6  # row: id, first, last, company, role, city...
        for row in rows:
            found.update(
                t
                for t in self.tokens
                if any(self.best(t, text) >= PREFIX_BASE for text in row[1:end])
            )
            if len(found) == len(self.tokens):
                break
        return found


def word_quality(token: str, word: str) -> float:
    """How well query ``token`` matches ``word``: 1 exact, 0.85-0.95 its beginning, 0.55-0.85
    a close spelling (Damerau-Levenshtein: one edit up to 7 letters, two beyond), 0 not at all."""
    if word == token:
        return _EXACT
    n = len(token)
    if word.startswith(token):
        return PREFIX_BASE + 0.1 * n / len(word)
    if n < FUZZY_MIN_LEN:
        return 0.0
    edits = 1 if n <= 7 else 2
    quality = 0.0
    distance = OSA.distance(token, word, score_cutoff=edits)
    if distance <= edits:
        quality = _typo_quality(distance, max(n, len(word)))
    if n >= 5 and len(word) > n:  # a typo in a word cut short: compare with its beginning
        distance = OSA.distance(token, word[:n], score_cutoff=edits)
        if distance <= edits:
            quality = max(quality, _typo_quality(distance, n) * _FUZZY_PREFIX_FACTOR)
    return quality


def _typo_quality(distance: int, length: int) -> float:
    similarity = 1.0 - distance / length  # 0.75 at worst (one edit in 4 letters, two in 8)
    return _FUZZY_BASE + _FUZZY_SPAN * max(0.0, similarity - 0.75) / 0.25


class Candidates:
    """One query's candidate rows, gathered from the database by a subclass, then ranked.

    Subclasses read rows with :meth:`add` in ``by_name`` (first and last names only; True when
    someone's names match every token) and ``everywhere`` (names, company, role and city).
    """

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.scorer = Scorer(tokens)
        self.rows: dict[int, tuple] = {}  # id -> row (see ROW), every candidate read so far

    def by_name(self) -> bool:
        raise NotImplementedError

    def everywhere(self) -> None:
        raise NotImplementedError

    def add(self, rows: Iterable[tuple]) -> int:
        """Keep ``rows`` as candidates; return how many there were."""
        count = 0
        for row in rows:
            self.rows.setdefault(row[0], row)
            count += 1
        return count

    def weak(self, names_only: bool = False) -> list[int]:
        """Tokens long enough for typos that no candidate holds as a word or its beginning."""
        found = self.scorer.found_as_word(self.rows.values(), names_only)
        return [i for i, t in enumerate(self.tokens) if len(t) >= FUZZY_MIN_LEN and t not in found]

    def names_match_all(self) -> bool:
        """True when some candidate's first and last names match every token."""
        return any(self.scorer.names_match_all(row) for row in self.rows.values())

    def ranked(self, limit: int) -> list[Match]:
        """The ``limit`` best candidates, best first (ties: by name, then by id)."""
        scored = []
        for row in self.rows.values():
            score, field, matched = self.scorer.score(row)
            if matched:
                scored.append((round(score, 2), field, row))
        scored.sort(key=lambda item: (-item[0], fold(f"{item[2][1]} {item[2][2]}"), item[2][0]))
        return [
            Match(
                id=row[0],
                name=f"{row[1]} {row[2]}".strip(),
                company=row[3],
                role=row[4],
                city=row[5],
                circle=row[6],
                pole=row[7],
                score=score,
                field=field,
            )
            for score, field, row in scored[:limit]
        ]
