"""Candidates read with ``LIKE``: PostgreSQL, and SQLite files without the word index.

Each query token is looked for with a portable, case-insensitive ``LIKE`` (Peewee's ``**``:
``LIKE`` on SQLite, ``ILIKE`` on PostgreSQL); the letters French writes with accents
(``a c e i o u``) become ``_``, any one character, so ``helene`` finds « Hélène » and
``francois`` « François » although SQLite's ``LOWER`` and ``LIKE`` do not fold accents. Tokens
of one or two letters must start a word. Every token must be found (in any column).

**Typos.** A token that no candidate holds as a word or a word's beginning is compared by
rapidfuzz (``WRatio``, then the scorer's own test) with the distinct first names, last names and
companies (``SELECT DISTINCT``, read once per query); the close values join that token's
condition (``LOWER(col) IN (…)``, ``company IN (…)``) and the candidates are read again.

**Names first** reads the ``contact_name_order`` index on SQLite (``LOWER(last_name)``,
``LOWER(first_name)``): the table itself is not scanned.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from functools import reduce

from peewee import OperationalError, SqliteDatabase, fn
from rapidfuzz import fuzz, process

from tui_reseau.domain.lookup.scoring import (
    CANDIDATES,
    ROW,
    WORD,
    Candidates,
    fold,
    word_quality,
)
from tui_reseau.store.models import Contact, database_proxy

_VOCAB_CUTOFF = 75.0  # WRatio between a token and a whole value (first name, company...)
_VOCAB_LIMIT = 100  # close values kept per column and token
_NAME_INDEX = "contact_name_order"  # LOWER(last_name), LOWER(first_name), id: see store.models
_SEARCHED = (Contact.first_name, Contact.last_name, Contact.company, Contact.role, Contact.city)
_NAMES = ("last_name", "first_name")  # columns of the name index, in its order

# Letters that French writes with accents: any one character in a LIKE pattern. Some ligatures
# (œ, æ) fold to two letters: a second pattern has one "_" for them.
_LOOSE = str.maketrans(dict.fromkeys("aceiou", "_"))
_LIGATURES = re.compile("oe|ae")


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


class LikeCandidates(Candidates):
    """Candidates read with ``LIKE`` patterns, typos through the distinct values."""

    def __init__(self, tokens: list[str]) -> None:
        super().__init__(tokens)
        self.database = database_proxy.obj
        self.sqlite = isinstance(self.database, SqliteDatabase)
        self._values: dict[str, tuple[list[str], list[str]]] = {}

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
            if any(word_quality(token, word) for word in WORD.findall(folded[i]))
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
        weak = self.weak(names_only=True)
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
        return self.names_match_all()

    def _by_name(self, clauses: list[tuple[list[str], list[object]]]) -> None:
        """Read the rows whose names satisfy every clause (one per token, OR inside)."""
        columns = ", ".join(field.column_name for field in ROW)
        where = " AND ".join(f"({' OR '.join(sql)})" for sql, _ in clauses)
        sql = f"SELECT {columns} FROM {{table}} WHERE {where} LIMIT {CANDIDATES}"
        params = [p for _, values in clauses for p in values]
        self.add(self._execute(sql, params, by_name=True))

    # -- every column ------------------------------------------------------------------------

    def everywhere(self) -> None:
        """Look in names, company, role and city, typos included, partial matches last."""
        conditions = [
            _any_of(column**pattern for pattern in _patterns(t) for column in _SEARCHED)
            for t in self.tokens
        ]
        found = self._fetch(reduce(operator.and_, conditions))
        widened = False
        for i in self.weak():  # no word found: add the values spelt closely
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
        query = Contact.select(*ROW).where(condition).limit(CANDIDATES)
        rows = self.database.execute(query).fetchall()
        self.add(rows)
        return len(rows)
