"""Finding a person from the shell in a blink: ``reseau brief``, ``reseau search``, ``privacy``.

Each command is a new process, so it cannot afford the TUI's in-memory index
(:mod:`~tui_reseau.domain.search_index`: 0.4 s to build at 10,000 contacts, 5 s at 100,000).
:func:`find_people` asks the database for a few candidates, then scores them in Python
(:mod:`.scoring`). Tolerates case, missing accents and typos: ``dupond`` finds « Dupont »,
``befrilys`` « Beffrilys », ``helene`` « Hélène ».

**Candidates.** On a SQLite file, from its word index (:mod:`.words`, FTS5); on PostgreSQL,
or a SQLite library without FTS5, with ``LIKE`` / ``ILIKE`` (:mod:`.like`). At most
:data:`~.scoring.CANDIDATES` rows are read. When nobody matches every token, those matching
some of them come after (``dupont marseille`` lists the Duponts).

**Names first** (``names_first=True``, the brief): the first and last names alone are looked
at first. When someone's names match every token, that is the answer, as a name is what one
types before a meeting; otherwise the search goes on in every column.
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee

from tui_reseau.domain.lookup.scoring import CANDIDATES, Candidates, Match, fold, query_tokens
from tui_reseau.store.models import database_proxy
from tui_reseau.store.word_index import has_word_index

__all__ = [
    "AMBIGUITY_MARGIN",
    "CANDIDATES",
    "Match",
    "close_matches",
    "find_people",
    "fold",
    "query_tokens",
]

AMBIGUITY_MARGIN = 5.0
"""Matches scoring within this many points of the best one are « as good »: the brief asks."""


def find_people(query: str, limit: int = 20, *, names_first: bool = False) -> list[Match]:
    """The contacts best matching ``query`` (a name, a company, a city…), best first.

    With ``names_first``, stops at the contacts whose first and last names match every word,
    when there are some (the brief). Needs the database bound (``open_database``). Returns
    ``[]`` for a blank query or when nothing matches.
    """
    tokens = query_tokens(query)
    if not tokens or limit <= 0:
        return []
    database = database_proxy.obj
    if has_word_index(database):
        from tui_reseau.domain.lookup.words import WordCandidates

        try:
            return _search(WordCandidates(tokens, database), limit, names_first)
        except peewee.OperationalError:  # the file has the index, this SQLite has no FTS5
            pass
    from tui_reseau.domain.lookup.like import LikeCandidates

    return _search(LikeCandidates(tokens), limit, names_first)


def _search(search: Candidates, limit: int, names_first: bool) -> list[Match]:
    if not (names_first and search.by_name()):
        search.everywhere()
    return search.ranked(limit)


def close_matches(matches: Sequence[Match], margin: float = AMBIGUITY_MARGIN) -> list[Match]:
    """The matches (best first) scoring within ``margin`` points of the best one."""
    if not matches:
        return []
    floor = matches[0].score - margin
    return [m for m in matches if m.score >= floor]
