"""Candidates read from the word index (SQLite FTS5, :mod:`tui_reseau.store.word_index`).

Each query token is looked for as the beginning of a word (``"dupon"*``); a token holding
« oe » or « ae » is also looked for with the ligature (« cœur », « Lætitia »), which SQLite
does not fold. Every token must be found, in the first and last names only (names first) or
in any column. The index gives the rowids, the ``contact`` table the rows: a query reads a few
pages whatever the size of the network.

**Typos.** A token of 4 letters or more that no candidate holds as a word or a word's beginning
is compared with the words of the index (``fts5vocab``: the distinct words): rapidfuzz picks
those within the scorer's distance (one edit up to 7 letters, two beyond, also against the
beginning of longer words), the scorer orders them, and the closest join the token's
condition. The words beginning with the token's first letter come first (a range of the index:
1 ms at 100,000 contacts; most typos keep the first letter); the whole vocabulary is read (20 ms
there) only when none of them is close. The same step catches the foldings SQLite and
:func:`~.scoring.fold` do differently (« ß », « ø »): the index's words are folded again here.
"""

from __future__ import annotations

import peewee
from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui_reseau.domain.lookup.scoring import CANDIDATES, ROW, Candidates, fold, word_quality
from tui_reseau.store.word_index import NAME_COLUMNS, TERMS_TABLE, WORD_TABLE

_CLOSE_LIMIT = 60  # close words kept per token
_LIGATURES = (("oe", "œ"), ("ae", "æ"))
_COLUMNS = ", ".join(f"contact.{field.column_name}" for field in ROW)
_NAMES_FILTER = "{" + " ".join(NAME_COLUMNS) + "}"


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _either(conditions: list[str]) -> str:
    return conditions[0] if len(conditions) == 1 else f"({' OR '.join(conditions)})"


def _starts(token: str) -> str:
    """The FTS5 condition « a word begins with ``token`` » (with its ligatures)."""
    spellings = [token]
    for pair, ligature in _LIGATURES:
        if pair in token:
            spellings.append(spellings[-1].replace(pair, ligature))
    return _either([f"{_quoted(s)}*" for s in spellings])


class WordCandidates(Candidates):
    """Candidates read through the word index."""

    def __init__(self, tokens: list[str], database: peewee.SqliteDatabase) -> None:
        super().__init__(tokens)
        self.database = database
        self.conditions = [_starts(t) for t in tokens]
        self._terms: dict[str, tuple[list[str], list[str]]] = {}  # first letter -> words

    def by_name(self) -> bool:
        self._fetch(self.conditions, names_only=True)
        weak = self.weak(names_only=True)
        if weak:
            conditions = list(self.conditions)
            for i in weak:
                close = self._close(self.tokens[i])
                if not close:  # no word is spelt closely: look everywhere
                    return False
                conditions[i] = _either([conditions[i], *close])
            self._fetch(conditions, names_only=True)
        return self.names_match_all()

    def everywhere(self) -> None:
        found = self._fetch(self.conditions)
        conditions = list(self.conditions)
        for i in self.weak():
            if close := self._close(self.tokens[i]):
                conditions[i] = _either([conditions[i], *close])
        if conditions != self.conditions:
            found += self._fetch(conditions)
        if len(self.tokens) > 1 and not found:  # nobody matches every token: some of them
            self._fetch(conditions, any_token=True)

    def _fetch(
        self, conditions: list[str], *, names_only: bool = False, any_token: bool = False
    ) -> int:
        """Read the rows whose words satisfy ``conditions``; return how many there were."""
        match = (" OR " if any_token else " AND ").join(conditions)
        if names_only:
            match = f"{_NAMES_FILTER} : ({match})"
        sql = (
            f"SELECT {_COLUMNS} FROM {WORD_TABLE} JOIN contact ON contact.id = {WORD_TABLE}.rowid "
            f"WHERE {WORD_TABLE} MATCH ? LIMIT {CANDIDATES}"
        )
        return self.add(self.database.execute_sql(sql, (match,)).fetchall())

    def _words(self, first: str | None = None) -> tuple[list[str], list[str]]:
        """The index's words (beginning with ``first`` if given), as SQLite folded them and as
        :func:`fold` does."""
        key = first or ""
        if key not in self._terms:
            self.database.execute_sql(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{TERMS_TABLE} "
                f"USING fts5vocab(main, {WORD_TABLE}, 'row')"
            )
            sql, params = f"SELECT term FROM temp.{TERMS_TABLE}", ()
            if first:
                sql += " WHERE term >= ? AND term < ?"
                params = (first, chr(ord(first) + 1))
            terms = [t for (t,) in self.database.execute_sql(sql, params)]
            self._terms[key] = (terms, [fold(t) for t in terms])
        return self._terms[key]

    def _close(self, token: str) -> list[str]:
        """FTS5 conditions for the index's words close to ``token``, closest first."""
        return self._close_in(token, self._words(token[0])) or self._close_in(token, self._words())

    @staticmethod
    def _close_in(token: str, words: tuple[list[str], list[str]]) -> list[str]:
        terms, folded = words
        n = len(token)
        edits = 1 if n <= 7 else 2
        hits = {
            i
            for _, _, i in process.extract(
                token, folded, scorer=OSA.distance, score_cutoff=edits, limit=None
            )
        }
        if n >= 5:  # a typo in a word cut short: compare with the beginnings of longer words
            beginnings = [w[:n] for w in folded]
            hits.update(
                i
                for _, _, i in process.extract(
                    token, beginnings, scorer=OSA.distance, score_cutoff=edits, limit=None
                )
                if len(folded[i]) > n
            )
        # Words SQLite folds otherwise (« straße »): the token as it would be found by _starts.
        hits.update(i for i, w in enumerate(folded) if w.startswith(token) and w != terms[i])
        quality = {i: word_quality(token, folded[i]) for i in hits}
        best = sorted((i for i in hits if quality[i] > 0), key=lambda i: (-quality[i], terms[i]))
        return [_quoted(terms[i]) for i in best[:_CLOSE_LIMIT]]
