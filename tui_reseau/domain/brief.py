"""The pre-meeting brief: find a person from the shell in a blink, and their card as text.

``reseau brief`` and ``reseau search`` start a new process for every question, so they cannot
afford the TUI's in-memory index (:mod:`search_index`: 0.4 s to build at 10,000 contacts, 5 s at
100,000). :func:`find_people` asks the database for a few candidates, then scores them in Python.

**Candidates, in SQL.** Each query token is folded (lower case, no accents) and looked for with a
portable, case-insensitive ``LIKE`` (Peewee's ``**``: ``LIKE`` on SQLite, ``ILIKE`` on
PostgreSQL); the letters French writes with accents (``a c e i o u``) become ``_``, any one
character, so ``helene`` finds « Hélène » and ``francois`` « François » although SQLite's
``LOWER`` and ``LIKE`` do not fold accents. Tokens of one or two letters must start a word.
Every token must be found (in any column); at most :data:`CANDIDATES` rows are read.

**Typos.** A token of 4 letters or more that no candidate holds as a word or a word's beginning
is compared by rapidfuzz (``WRatio``, then the scorer's own test, below) with the distinct first
names, last names and companies (``SELECT DISTINCT``, read once per query); the close values join
that token's condition (``LOWER(col) IN (…)``, ``company IN (…)``) and the candidates are read
again: ``dupond`` finds « Dupont », ``befrilys`` « Beffrilys ». When nobody matches every token,
those matching some of them come after (``dupont marseille`` lists the Duponts).

**Names first** (``names_first=True``, the brief): the same two steps on the first and last names
only, read from the ``contact_name_order`` index on SQLite (``LOWER(last_name)``,
``LOWER(first_name)``: the table itself is not scanned). When someone's names match every token,
that is the answer, as a name is what one types before a meeting; otherwise the search goes on in
every column. At 100,000 contacts this saves two or three scans of the table.

**Score.** Word by word, like the TUI's index: exact word > beginning of a word > close spelling
(Damerau-Levenshtein: one edit up to 7 letters, two beyond); name > company > role > city; a
contact matching every token ranks above those matching some. From 0 to 100.

:func:`brief_lines` / :func:`brief_text` turn a :class:`~tui_reseau.domain.card.ContactCard` into
the brief; every text that comes from the database goes through
:func:`~tui_reseau.display.safe_text`.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from typing import TYPE_CHECKING

from peewee import OperationalError, SqliteDatabase, fn
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from rich.cells import cell_len

from tui_reseau.display import safe_text
from tui_reseau.domain.dates import format_date, format_relative
from tui_reseau.store.models import Contact, database_proxy

if TYPE_CHECKING:
    from tui_reseau.domain.card import ContactCard, DetailItem

__all__ = [
    "AMBIGUITY_MARGIN",
    "CANDIDATES",
    "Match",
    "brief_lines",
    "brief_text",
    "close_matches",
    "find_people",
    "fold",
    "query_tokens",
]

CANDIDATES = 2_000
"""Rows read from the database for one query, at most."""

AMBIGUITY_MARGIN = 5.0
"""Matches scoring within this many points of the best one are « as good »: the brief asks."""

BRIEF_INTERACTIONS = 3
"""Interactions shown in a brief (the most recent ones)."""

BRIEF_LIST = 5
"""Follow-ups and opportunities shown in a brief, at most (the others are counted)."""

_OPEN_STAGES = frozenset({"piste", "proposition"})

_MAX_TOKENS = 6
_FUZZY_MIN_LEN = 4  # shorter tokens are matched as words or word beginnings only
_VOCAB_CUTOFF = 75.0  # WRatio between a token and a whole value (first name, company...)
_VOCAB_LIMIT = 100  # close values kept per column and token
_TEXT_MAX = 280  # characters of a free text (note, detail) shown in a brief
_NAME_INDEX = "contact_name_order"  # LOWER(last_name), LOWER(first_name), id: see store.models

_WORD = re.compile(r"[^\W_]+")
_STOPWORDS = frozenset(
    "a au aux avec chez d dans de des du en et l la le les par pour sur un une".split()  # noqa: SIM905
)
# Letters that French writes with accents: any one character in a LIKE pattern. Some ligatures
# (œ, æ) fold to two letters: a second pattern has one "_" for them.
_LOOSE = str.maketrans(dict.fromkeys("aceiou", "_"))
_LIGATURES = re.compile("oe|ae")

# Match qualities, then field weights (same scale as the TUI's index).
_EXACT = 1.0
_PREFIX_BASE = 0.85
_FUZZY_BASE = 0.55
_FUZZY_SPAN = 0.3
_FUZZY_PREFIX_FACTOR = 0.95
_FIELDS = ("name", "company", "role", "city")
_WEIGHTS = (1.0, 0.92, 0.86, 0.84)

_ROW = (
    Contact.id,
    Contact.first_name,
    Contact.last_name,
    Contact.company,
    Contact.role,
    Contact.city,
    Contact.circle,
    Contact.pole,
)
_SEARCHED = (Contact.first_name, Contact.last_name, Contact.company, Contact.role, Contact.city)
_NAMES = ("last_name", "first_name")  # columns of the name index, in its order


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


# --------------------------------------------------------------------------- finding people


def query_tokens(query: str) -> list[str]:
    """The folded words of ``query`` that are searched (little words dropped from phrases)."""
    tokens = list(dict.fromkeys(_WORD.findall(fold(query))))[:_MAX_TOKENS]
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in _STOPWORDS] or tokens
    return tokens


def _patterns(token: str) -> list[str]:
    loose = token.translate(_LOOSE)
    if len(token) <= 2:  # a letter or two: the beginning of a word
        return [f"{loose}%", f"% {loose}%", f"%-{loose}%"]
    patterns = [f"%{loose}%"]
    if _LIGATURES.search(token):
        patterns.append(f"%{_LIGATURES.sub('_', token).translate(_LOOSE)}%")
    return patterns


def _any_of(conditions: Iterable[object]):  # peewee expressions in, one expression out
    return reduce(operator.or_, conditions)


class _Scorer:
    """Scores candidate rows against the query tokens, word by word (results cached)."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = tokens
        self._quality: dict[tuple[str, str], float] = {}  # (token, word) -> quality
        self._best: dict[tuple[str, str], float] = {}  # (token, text) -> best over its words
        self._words: dict[str, tuple[str, ...]] = {"": ()}

    def words(self, text: str) -> tuple[str, ...]:
        found = self._words.get(text)
        if found is None:
            found = self._words[text] = tuple(_WORD.findall(fold(text)))
        return found

    def best(self, token: str, text: str) -> float:
        """The best quality of ``token`` against the words of ``text``."""
        key = (token, text)
        value = self._best.get(key)
        if value is None:
            value = 0.0
            cache = self._quality
            for word in self.words(text):
                quality = cache.get((token, word))
                if quality is None:
                    quality = cache[(token, word)] = _quality(token, word)
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
                if any(self.best(t, text) >= _PREFIX_BASE for text in row[1:end])
            )
            if len(found) == len(self.tokens):
                break
        return found


def _quality(token: str, word: str) -> float:
    """How well query ``token`` matches ``word``: 1 exact, 0.85-0.95 its beginning, 0.55-0.85
    a close spelling (Damerau-Levenshtein: one edit up to 7 letters, two beyond), 0 not at all."""
    if word == token:
        return _EXACT
    n = len(token)
    if word.startswith(token):
        return _PREFIX_BASE + 0.1 * n / len(word)
    if n < _FUZZY_MIN_LEN:
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


class _Search:
    """One query: candidate rows gathered from the database, then scored."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.scorer = _Scorer(tokens)
        self.rows: dict[int, tuple] = {}  # id -> row, every candidate read so far
        self.database = database_proxy.obj
        self.sqlite = isinstance(self.database, SqliteDatabase)
        self._values: dict[str, tuple[list[str], list[str]]] = {}

    def _add(self, rows: Iterable[tuple]) -> None:
        for row in rows:
            self.rows.setdefault(row[0], row)

    def _weak(self, names_only: bool = False) -> list[int]:
        """Tokens long enough for typos that no candidate holds as a word or its beginning."""
        found = self.scorer.found_as_word(self.rows.values(), names_only)
        return [i for i, t in enumerate(self.tokens) if len(t) >= _FUZZY_MIN_LEN and t not in found]

    def _distinct(self, column: str) -> tuple[list[str], list[str]]:
        """Distinct values of ``column`` and the same folded (read once per query).

        Names are read as ``LOWER(…)``, through the name index on SQLite; companies as stored
        (no index to help: ``LOWER`` would only cost time).
        """
        if column not in self._values:
            by_name = column in _NAMES
            value = f"LOWER({column})" if by_name else column
            sql = f"SELECT DISTINCT {value} FROM {{table}}"
            values = [v for (v,) in self._execute(sql, [], by_name=by_name) if v]
            folded = [fold(v) for v in values]  # value by value: most are plain ASCII
            self._values[column] = (values, folded)
        return self._values[column]

    def _close(self, column: str, token: str) -> list[str]:
        """The values of ``column`` (see :meth:`_distinct`) holding a word close to ``token``."""
        values, folded = self._distinct(column)
        found = process.extract(
            token, folded, scorer=fuzz.WRatio, score_cutoff=_VOCAB_CUTOFF, limit=_VOCAB_LIMIT
        )
        return [
            values[i]
            for _, _, i in found
            if any(_quality(token, word) for word in _WORD.findall(folded[i]))
        ]

    def _execute(self, sql: str, params: list[object], *, by_name: bool) -> list[tuple]:
        """Run ``sql`` (``{table}`` in it); ``by_name``: through the name index on SQLite."""
        table = Contact._meta.table_name
        if by_name and self.sqlite:
            try:
                hinted = sql.format(table=f"{table} INDEXED BY {_NAME_INDEX}")
                return self.database.execute_sql(hinted, params).fetchall()
            except OperationalError:  # no such index (a database not made by our migrations)
                pass
        return self.database.execute_sql(sql.format(table=table), params).fetchall()

    # -- names only (the brief's fast path) --------------------------------------------------

    def by_name(self) -> bool:
        """Look in first and last names only; True when someone's names match every token."""
        clauses: list[tuple[list[str], list[object]]] = []
        for token in self.tokens:
            patterns = _patterns(token)
            sql = [f"LOWER({c}) LIKE {self.database.param}" for p in patterns for c in _NAMES]
            clauses.append((sql, [p for p in patterns for _ in _NAMES]))
        self._by_name(clauses)
        weak = self._weak(names_only=True)
        for i in weak:  # their LIKE found no name worth it: the names spelt closely instead
            clauses[i] = ([], [])
            for column in _NAMES:
                close = self._close(column, self.tokens[i])
                if close:
                    marks = ", ".join([self.database.param] * len(close))
                    clauses[i][0].append(f"LOWER({column}) IN ({marks})")
                    clauses[i][1].extend(close)
            if not clauses[i][0]:  # no name is close: look everywhere
                return False
        if weak:
            self._by_name(clauses)
        return any(self.scorer.names_match_all(row) for row in self.rows.values())

    def _by_name(self, clauses: list[tuple[list[str], list[object]]]) -> None:
        """Read the rows whose names satisfy every clause (one per token, OR inside)."""
        columns = ", ".join(field.column_name for field in _ROW)
        where = " AND ".join(f"({' OR '.join(sql)})" for sql, _ in clauses)
        sql = f"SELECT {columns} FROM {{table}} WHERE {where} LIMIT {CANDIDATES}"
        params = [p for _, values in clauses for p in values]
        self._add(self._execute(sql, params, by_name=True))

    # -- every column ------------------------------------------------------------------------

    def everywhere(self) -> None:
        """Look in names, company, role and city, typos included, partial matches last."""
        conditions = [
            _any_of(column**pattern for pattern in _patterns(t) for column in _SEARCHED)
            for t in self.tokens
        ]
        found = self._fetch(reduce(operator.and_, conditions))
        widened = False
        for i in self._weak():  # no word found: add the values spelt closely
            close = [
                fn.LOWER(getattr(Contact, column)).in_(values)
                for column in _NAMES
                if (values := self._close(column, self.tokens[i]))
            ]
            if companies := self._close("company", self.tokens[i]):
                close.append(Contact.company.in_(companies))
            if not close:
                continue
            if len(self.tokens) == 1:  # what the LIKE finds was read already
                conditions[i] = _any_of(close)
            else:  # kept with the LIKE: a city or a role has no list of close values
                conditions[i] = conditions[i] | _any_of(close)
            widened = True
        if widened:
            found += self._fetch(reduce(operator.and_, conditions))
        if len(self.tokens) > 1 and not found:  # nobody matches every token: some of them
            self._fetch(_any_of(conditions))

    def _fetch(self, condition: object) -> int:
        """Read the rows satisfying ``condition``; return how many there were."""
        query = Contact.select(*_ROW).where(condition).limit(CANDIDATES)
        rows = self.database.execute(query).fetchall()
        self._add(rows)
        return len(rows)

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


def find_people(query: str, limit: int = 20, *, names_first: bool = False) -> list[Match]:
    """The contacts best matching ``query`` (a name, a company, a city…), best first.

    Tolerates case, missing accents and typos (see the module's docstring for how). With
    ``names_first``, stops at the contacts whose first and last names match every word, when
    there are some (the brief: faster at 100,000 contacts, and a name is what one types). Needs
    the database bound (``open_database``); reads at most a few thousand rows. Returns ``[]``
    for a blank query or when nothing matches.
    """
    tokens = query_tokens(query)
    if not tokens or limit <= 0:
        return []
    search = _Search(tokens)
    if not (names_first and search.by_name()):
        search.everywhere()
    return search.ranked(limit)


def close_matches(matches: Sequence[Match], margin: float = AMBIGUITY_MARGIN) -> list[Match]:
    """The matches (best first) scoring within ``margin`` points of the best one."""
    if not matches:
        return []
    floor = matches[0].score - margin
    return [m for m in matches if m.score >= floor]


# --------------------------------------------------------------------------- the brief as text

Segment = tuple[str, str]
"""A piece of a line: (text, style); styles: "" plain, "title", "heading", "dim", "alert",
"stale". Texts are already safe for a terminal."""

Line = list[Segment]


def _safe(text: str | None, limit: int = _TEXT_MAX) -> str:
    text = safe_text(" ".join((text or "").split()), single_line=True)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n <= 1 else many}".replace(",", " ")  # « 0 service rendu »


def _euros(value: Decimal) -> str:
    whole = f"{int(value):,}".replace(",", " ")
    cents = int((value - int(value)) * 100)
    return f"{whole},{cents:02d} €" if cents else f"{whole} €"


def _when(day: dt.date, today: dt.date) -> str:
    return f"{format_date(day, today)} ({format_relative(day, today)})"


_RUNS = re.compile(r" +|[^ ]+")


def _fit(line: Line, width: int) -> list[Line]:
    """``line`` cut between words into lines of at most ``width`` cells.

    Continuation lines are indented two cells more than the line's own indentation; a word
    longer than a line is cut.
    """
    lead = 0
    for text, _ in line:
        lead += len(text) - len(text.lstrip(" "))
        if text.strip(" "):
            break
    indent = " " * min(lead + 2, width // 2)
    # Words (runs of non-spaces, possibly across segments) and the spaces between them.
    groups: list[tuple[bool, list[Segment]]] = []
    for text, style in line:
        for run in _RUNS.findall(text):
            space = run.startswith(" ")
            if groups and not space and not groups[-1][0]:
                groups[-1][1].append((run, style))  # glued to the word before
            else:
                groups.append((space, [(run, style)]))
    lines: list[Line] = []
    current: Line = []
    used = 0

    def new_line() -> None:
        nonlocal current, used
        while current and not current[-1][0].strip():
            current.pop()
        merged: Line = []
        for text, style in current:  # one segment per style run: fewer escape codes
            if merged and merged[-1][1] == style:
                merged[-1] = (merged[-1][0] + text, style)
            else:
                merged.append((text, style))
        lines.append(merged)
        current, used = [(indent, "")], len(indent)

    for space, pieces in groups:
        size = sum(cell_len(text) for text, _ in pieces)
        if space:
            if used + size < width:
                current.extend(pieces)
                used += size
            elif any(text.strip() for text, _ in current):
                new_line()
            continue
        if used + size > width and any(text.strip() for text, _ in current):
            new_line()
        for text, style in pieces:
            while used + cell_len(text) > width:  # longer than a whole line: cut it
                cut = len(text) - 1
                while cut > 1 and used + cell_len(text[:cut]) > width:
                    cut -= 1
                current.append((text[:cut], style))
                new_line()
                text = text[cut:]
            current.append((text, style))
            used += cell_len(text)
    if not lines or any(text.strip() for text, _ in current):
        new_line()
    return lines


def brief_lines(card: ContactCard, today: dt.date, width: int = 80) -> list[Line]:
    """The brief of ``card`` as styled lines, at most ``width`` (40 or more) cells wide."""
    width = max(width, 40)
    out: list[Line] = []
    for section in (_who, _memory, _interactions, _follow_ups, _opportunities, _balance):
        out.extend(section(card, today))
    if card.notes.strip():
        out.extend(_heading("Notes"))
        out.append([("  ", ""), (_safe(card.notes), "")])
    return [fitted for line in out for fitted in _fit(line, width)]


def brief_text(card: ContactCard, today: dt.date, width: int = 80) -> str:
    """The brief of ``card`` as plain text (no escape codes), lines of at most ``width`` cells."""
    return "\n".join(
        "".join(text for text, _ in line).rstrip() for line in brief_lines(card, today, width)
    )


def _heading(text: str) -> list[Line]:
    return [[], [(text, "heading")]]


def _who(card: ContactCard, today: dt.date) -> list[Line]:
    out: list[Line] = [[(_safe(card.name) or "(sans nom)", "title"), (f"  n° {card.id}", "dim")]]
    who = " · ".join(p for p in (_safe(card.role), _safe(card.company)) if p)
    if who:
        out.append([(who, "")])
    parts = [f"Cercle {card.circle} — {card.circle_label}"]
    parts += [_safe(card.kind_label), _safe(card.sector_label)]
    if card.qualified_on:
        parts.append(f"contact qualifié le {format_date(card.qualified_on)}")
    out.append([(" · ".join(p for p in parts if p), "")])
    where = " · ".join(p for p in (_safe(card.pole_label), _safe(card.city)) if p)
    if where:
        out.append([(where, "")])
    reach = [_safe(card.phone), _safe(card.email), " ".join(f"#{_safe(t)}" for t in card.tags)]
    if any(reach):
        out.append([(" · ".join(r for r in reach if r), "dim")])
    met = []
    if card.met_via_label or card.met_on:
        how = _safe(card.met_via_label) or "rencontre"
        met.append(f"{how}, le {format_date(card.met_on)}" if card.met_on else how)
    if card.introduced_by is not None:
        met.append(f"présentation de {_safe(card.introduced_by.name)}")
    out.append([("Rencontre : ", "dim"), (" · ".join(met) or "—", "")])
    if card.last_contact_on is not None:
        total = _plural(card.interaction_count, "échange", "échanges")
        out.append(
            [
                ("Dernier échange : ", "dim"),
                (_when(card.last_contact_on, today), ""),
                (f" · {total} en tout", "dim"),
            ]
        )
    return out


def _memory(card: ContactCard, today: dt.date) -> list[Line]:
    out = _heading("À retenir")
    groups = card.details_by_kind()
    if not groups:
        out.append([("  Rien de noté : demandez-lui des nouvelles, et notez-les.", "dim")])
    for items in groups.values():
        kind = _safe(items[0].kind_label)
        if len(items) == 1:
            out.append([(f"  {kind} : ", "dim"), _detail(items[0])])
        else:
            out.append([(f"  {kind}", "dim")])
            out.extend([("    · ", "dim"), _detail(item)] for item in items)
    return out


def _detail(item: DetailItem) -> Segment:
    text = _safe(item.text)
    return (text, "") if item.still_true else (f"{text} (plus d'actualité)", "stale")


def _interactions(card: ContactCard, today: dt.date) -> list[Line]:
    shown = card.interactions[:BRIEF_INTERACTIONS]
    count = f" ({len(shown)} sur {card.interaction_count})" if card.interaction_count > 3 else ""
    out = _heading(f"Derniers échanges{count}")
    if not shown:
        out.append([("  Aucun échange noté.", "dim")])
    for item in shown:
        head = f"  {_when(item.happened_on, today)} · {_safe(item.channel_label)}"
        if item.duration_minutes:
            head += f" · {item.duration_minutes} min"
        out.append([(head, "")])
        if item.notes:
            out.append([("    ", ""), (_safe(item.notes), "")])
        if item.with_others:
            others = ", ".join(_safe(p.name) for p in item.with_others)
            out.append([("    avec ", "dim"), (others, "dim")])
    return out


def _follow_ups(card: ContactCard, today: dt.date) -> list[Line]:
    out = _heading("Relances ouvertes")
    if not card.follow_ups:
        out.append([("  Aucune.", "dim")])
    for follow in card.follow_ups[:BRIEF_LIST]:
        when = f"  {format_date(follow.due_on, today)} · "
        relative = format_relative(follow.due_on, today)
        if follow.overdue:
            line: Line = [(when, "alert"), (f"EN RETARD ({relative})", "alert")]
        else:
            line = [(when + relative, "")]
        reason = _safe(follow.reason)
        if reason:
            line += [(" — ", "dim"), (reason, "")]
        out.append(line)
    out.extend(_and_more(len(card.follow_ups), "relance", "relances"))
    return out


def _opportunities(card: ContactCard, today: dt.date) -> list[Line]:
    out = _heading("Opportunités")
    if not card.opportunities:
        out.append([("  Aucune.", "dim")])
    # In progress first, then the closed ones; each group most recent first (as loaded).
    opportunities = sorted(card.opportunities, key=lambda o: o.stage not in _OPEN_STAGES)
    for opportunity in opportunities[:BRIEF_LIST]:
        parts = [_safe(opportunity.title), _safe(opportunity.stage_label)]
        if opportunity.value_eur is not None:
            parts.append(_euros(opportunity.value_eur))
        parts.append(f"depuis le {format_date(opportunity.opened_on, today)}")
        out.append([("  ", ""), (" · ".join(parts), "")])
    out.extend(_and_more(len(opportunities), "opportunité", "opportunités"))
    return out


def _balance(card: ContactCard, today: dt.date) -> list[Line]:
    out = _heading("Donnant-donnant")
    received, given = card.recommendations_received, card.services_given
    if card.balance > 0:
        verdict = ("à vous de lui rendre service", "alert")
    elif card.balance < 0:
        verdict = ("vous avez plus donné que reçu", "")
    else:
        verdict = ("équilibré", "")
    counts = (
        f"  {_plural(len(received), 'recommandation reçue', 'recommandations reçues')}"
        f" · {_plural(len(given), 'service rendu', 'services rendus')} → "
    )
    out.append([(counts, ""), verdict])
    if received:
        last = received[0]
        line = [("  Dernière recommandation reçue : ", "dim"), (format_date(last.on, today), "")]
        if last.text:
            line.append((f" — {_safe(last.text)}", ""))
        out.append(line)
    if given:
        last = given[0]
        what = " — ".join(p for p in (_safe(last.label), _safe(last.text)) if p)
        line = [("  Dernier service rendu : ", "dim"), (format_date(last.on, today), "")]
        if what:
            line.append((f" — {what}", ""))
        out.append(line)
    return out


def _and_more(total: int, one: str, many: str) -> list[Line]:
    if total <= BRIEF_LIST:
        return []
    more = _plural(total - BRIEF_LIST, one, many)
    return [[(f"  … et {more} de plus (voir l'application)", "dim")]]
