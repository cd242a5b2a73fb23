"""In-memory fuzzy search over contacts, fast enough to answer on every keystroke.

Pure Python (plus rapidfuzz): no Textual, no database. The caller feeds each contact as a mapping
of field key -> text (see :data:`FIELDS`) and keeps the index in sync with :meth:`SearchIndex.add`
and :meth:`SearchIndex.remove`.

How a query is answered, without scoring every document:

1. Text is *folded* (lowercase, accents removed, ``œ`` -> ``oe``) and cut into word tokens.
2. The index keeps a vocabulary of distinct tokens, shared by all documents (cities, first names,
   roles repeat a lot), and for each field a posting list token -> document slots
   (``array('i')``, or a bare int for a token found in a single document).
3. Each query token is matched against the vocabulary, not against documents: exact match,
   prefix match (bisect in the sorted vocabulary) and, for tokens of 4 characters or more,
   typo-tolerant match: a trigram index over the vocabulary gives a short list of candidate
   tokens, which rapidfuzz (``fuzz.ratio`` with a cutoff) verifies.
4. Each (vocabulary token, field) pair gets a value = match quality x field weight: exact beats
   prefix beats typo, name beats company beats role... Postings of equal value are grouped.
5. One query token: documents are collected best group first, stopping at ``limit``.
   Several tokens: the most selective token's documents are merged first, the other tokens'
   postings are only kept for documents still matching everything (C-level ``filter`` and
   ``dict.fromkeys``); documents matching every token rank above those matching only some.
6. Only the hits returned are decoded, re-folded with a position map, and given highlight spans
   in their original (accented) text.

Removal is lazy: a removed or replaced document leaves a tombstone that queries skip, and the
index compacts itself (a rebuild) once tombstones outnumber live documents; :meth:`compact`
does it on demand, e.g. when the application is idle.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from heapq import nlargest
from itertools import chain
from operator import add, itemgetter, neg
from typing import Any

from rapidfuzz import fuzz, process

__all__ = ["FIELDS", "FIELD_WEIGHTS", "SearchHit", "SearchIndex", "fold", "fold_with_map"]

#: Field keys, in priority order: a match in ``name`` outranks the same match in ``company``...
FIELDS: tuple[str, ...] = ("name", "company", "role", "city", "tags", "details", "notes")
#: Weight of each field of :data:`FIELDS` in a match's value.
FIELD_WEIGHTS: tuple[float, ...] = (1.0, 0.92, 0.86, 0.84, 0.8, 0.72, 0.6)

_FIELD_INDEX = {key: i for i, key in enumerate(FIELDS)}
_N_FIELDS = len(FIELDS)
# name, company, role, city, tags: short texts, where a 1-2 letter prefix means something.
_SHORT_FIELDS = 5
_NAME_COMPANY = 2  # a 1-letter query only looks at name and company prefixes

# Match qualities (multiplied by the field weight).
_EXACT = 1.0
_PREFIX_BASE = 0.85  # + up to 0.1 the closer the prefix is to the whole word
_FUZZY_BASE = 0.55  # + up to 0.3 the closer the spelling
_FUZZY_SPAN = 0.3
_FUZZY_PREFIX_FACTOR = 0.95  # a typo inside a word being typed
_FUZZY_MIN_LEN = 4  # shorter query tokens are matched exactly or as prefixes only
_FUZZY_CUTOFF = 75.0  # fuzz.ratio: one substitution in 4 letters, two in 8
_FUZZY_MAX = 40  # best fuzzy candidate tokens kept per query token

_MAX_QUERY_TOKENS = 8
_POSTING_BUDGET = 32_000  # per query token of a multi-token query: postings merged at most
_SNIPPET_THRESHOLD = 100  # longer field texts are shown as a snippet...
_SNIPPET_WIDTH = 80  # ...of about this many characters
_SNIPPET_LEAD = 24  # characters kept before the first highlighted word
_ELLIPSIS = "…"
_SEP = "\x1f"  # joins a document's fields in storage
_COMPACT_MIN_DEAD = 1024

# Dropped from multi-token queries (unless being typed, i.e. last): "boulanger à amiens".
_STOPWORDS = frozenset(
    "a au aux avec chez d dans de des du en et l la le les par pour sur un une".split()  # noqa: SIM905
)

_WORD = re.compile(r"[^\W_]+")
_MAX_CHAR = "\U0010ffff"

# --------------------------------------------------------------------------------------------
# Folding

_SPECIAL = {
    "œ": "oe",
    "æ": "ae",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
    "ß": "ss",
    "ħ": "h",
    "ŧ": "t",
}


def _fold_char(ch: str) -> str:
    """Fold one character: casefold, compatibility-decompose, drop combining marks."""
    out = ch
    for _ in range(3):  # a fixed point is reached at once for everything but oddities
        prev = out
        decomposed = unicodedata.normalize("NFKD", out.casefold())
        out = "".join(
            _SPECIAL.get(c, c) for c in decomposed if not unicodedata.combining(c)
        ).lower()
        if out == prev:
            break
    return out


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on demand: code point -> folded string (may be empty)."""

    __slots__ = ()

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()
for _code in range(0x250):  # ASCII, Latin-1, Latin Extended-A/B: filled once, up front
    _TABLE[_code]


# Fast folding for indexing, where only the words matter (not positions): Latin-1 text folds
# with bytes.translate; common typographic characters are replaced first. Same words as fold().
_LATIN1_TABLE = bytes(
    ord(f) if len(f := _fold_char(chr(c))) == 1 and ord(f) < 256 else c for c in range(256)
)
_LATIN1_COMPLEX = re.compile(
    "[" + "".join(chr(c) for c in range(256) if _LATIN1_TABLE[c] == c and _TABLE[c] != chr(c)) + "]"
)
_TYPOGRAPHY = (("’", "'"), ("‘", "'"), ("œ", "oe"), ("Œ", "OE"), ("…", "."), ("–", "-"))
_TYPOGRAPHY += (("—", "-"), ("“", '"'), ("”", '"'), ("€", " "), ("\u202f", " "))


def _fold_words(text: str) -> str:
    """Fold ``text`` for tokenising: same words as :func:`fold`, not always the same string."""
    if text.isascii():
        return text.lower()
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        for old, new in _TYPOGRAPHY:
            if old in text:
                text = text.replace(old, new)
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:
            return text.translate(_TABLE)
    if _LATIN1_COMPLEX.search(text):
        return text.translate(_TABLE)
    return raw.translate(_LATIN1_TABLE).decode("latin-1")


def fold(text: str) -> str:
    """Lowercase ``text`` and remove its accents: ``"Hélène Œuvray"`` -> ``"helene oeuvray"``.

    Each character folds on its own (to zero, one or more characters), so positions map back:
    see :func:`fold_with_map`.
    """
    return text.translate(_TABLE)


def fold_with_map(text: str) -> tuple[str, Sequence[int]]:
    """Fold ``text`` and return, for each folded character, the index of its original character."""
    if text.isascii():
        return text.lower(), range(len(text))
    table = _TABLE
    parts: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        folded = table[ord(ch)]
        if folded:
            parts.append(folded)
            if len(folded) == 1:
                where.append(i)
            else:
                where.extend([i] * len(folded))
    return "".join(parts), where


def _original_span(
    where: Sequence[int], n_folded: int, n_original: int, start: int, end: int
) -> tuple[int, int]:
    """Map the folded range ``[start, end)`` back to the original text."""
    a = where[start]
    b = where[end - 1] + 1
    # Characters folded to nothing (combining accents of decomposed text) stay with the word.
    nxt = where[end] if end < n_folded else n_original
    return a, max(b, nxt)


def _trigrams(token: str) -> set[str]:
    padded = "^" + token
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


# --------------------------------------------------------------------------------------------
# Index


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One document found, with why it was found."""

    id: int
    score: float  # higher is better, 0..100
    field: str  # the best-matching field key, one of FIELDS
    text: str  # that field's original text (long fields: a snippet around the match, with "…")
    spans: tuple[tuple[int, int], ...]  # [start, end) ranges in ``text`` to highlight


# Why a document matched a query token: (value, -field index).
_Info = tuple[float, int]
# A group of postings of equal value: (value, -field index, posting lists, total postings).
_Pair = tuple[float, int, list[Sequence[int]], int]

_BY_VALUE = itemgetter(0, 1)
_VALUE = itemgetter(0)
_new_posting = partial(array, "i")


class SearchIndex:
    """Fuzzy, accent- and typo-tolerant search over documents made of :data:`FIELDS`."""

    __slots__ = (
        "_blob",
        "_dead",
        "_grams",
        "_ids",
        "_odd",
        "_posts",
        "_slot_of",
        "_sorted_all",
        "_sorted_short",
        "_starts",
        "_vocab",
        "_words",
    )

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        # Per field: folded token -> slots of the documents having it in that field.
        # A token found in a single document keeps that slot as a bare int (saves ~50 bytes).
        self._posts: tuple[dict[str, array | int], ...] = tuple({} for _ in FIELDS)
        self._vocab: dict[str, int] = {}  # token -> vocabulary id
        self._words: list[str] = []  # vocabulary id -> token
        self._sorted_all: list[str] = []  # the vocabulary, sorted, for prefix lookups
        self._sorted_short: list[str] = []  # tokens of the short fields only, sorted
        self._grams: dict[str, array] = {}  # trigram -> vocabulary ids (tokens of 3+ letters)
        self._slot_of: dict[int, int] = {}  # doc id -> slot
        self._ids = array("q")  # slot -> doc id
        # Original texts: the fields of slot i, joined by _SEP, UTF-8, are
        # _blob[_starts[i]:_starts[i + 1]] (dead slots' bytes stay until compaction).
        self._blob = bytearray()
        self._starts = array("Q", (0,))
        self._odd: dict[int, tuple[str, ...]] = {}  # slot -> fields containing _SEP themselves
        self._dead: set[int] = set()  # slots removed or replaced

    # -- size --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, doc_id: object) -> bool:
        try:
            return doc_id in self._slot_of
        except TypeError:  # unhashable
            return False

    def __repr__(self) -> str:
        return (
            f"<SearchIndex {len(self)} docs, {len(self._words)} tokens, "
            f"{len(self._dead)} tombstones>"
        )

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def build(cls, docs: Iterable[tuple[int, Mapping[str, str]]]) -> SearchIndex:
        """Index many documents at once (the sorted vocabulary and trigrams are built once)."""
        index = cls()
        index._bulk(docs)
        return index

    def add(self, doc_id: int, fields: Mapping[str, str]) -> None:
        """Index a document, replacing any previous version with the same id."""
        slot, folded = self._store(doc_id, fields)
        posts = self._posts
        vocab = self._vocab
        for f, text in enumerate(folded):
            if not text:
                continue
            post = posts[f]
            for token in set(_WORD.findall(text)):
                slots = post.get(token)
                if slots is None:
                    post[token] = slot  # a single slot is kept as a bare int
                elif type(slots) is int:
                    post[token] = array("i", (slots, slot))
                    continue
                else:
                    slots.append(slot)
                    continue
                if f < _SHORT_FIELDS and not any(
                    token in posts[g] for g in range(_SHORT_FIELDS) if g != f
                ):
                    insort(self._sorted_short, token)
                if token not in vocab:
                    self._new_token(token)
        self._maybe_compact()

    def remove(self, doc_id: int) -> None:
        """Forget a document; nothing happens if it is not indexed."""
        slot = self._slot_of.pop(doc_id, None)
        if slot is not None:
            self._kill(slot)
            self._maybe_compact()

    def compact(self) -> None:
        """Rebuild the internal structures without tombstones (removed or replaced documents)."""
        live = [
            (doc_id, self._fields_of(slot))
            for doc_id, slot in sorted(self._slot_of.items(), key=itemgetter(1))
        ]
        self._reset()
        self._bulk((doc_id, dict(zip(FIELDS, values, strict=True))) for doc_id, values in live)

    def _kill(self, slot: int) -> None:
        self._dead.add(slot)
        self._odd.pop(slot, None)

    def _maybe_compact(self) -> None:
        if len(self._dead) > _COMPACT_MIN_DEAD + len(self._slot_of):
            self.compact()

    def _store(self, doc_id: int, fields: Mapping[str, str]) -> tuple[int, list[str]]:
        """Give the document a new slot, keep its original text; return slot and folded fields."""
        values = [""] * _N_FIELDS
        for key, text in fields.items():
            try:
                values[_FIELD_INDEX[key]] = text or ""
            except KeyError:
                raise ValueError(f"unknown field {key!r}; expected one of {FIELDS}") from None
        slot = len(self._ids)
        self._ids.append(doc_id)  # first: a doc id that is not an int fails here, harmlessly
        old = self._slot_of.get(doc_id)
        if old is not None:
            self._kill(old)
        self._slot_of[doc_id] = slot
        # Fold the whole document at once (fields joined by a separator that folds to itself).
        joined = _SEP.join(values)
        if joined.count(_SEP) == _N_FIELDS - 1:
            folded = _fold_words(joined).split(_SEP)
            self._blob += joined.encode("utf-8", "surrogatepass")
        else:  # the separator inside a field: keep the fields apart
            folded = [fold(text) for text in values]
            self._odd[slot] = tuple(values)
        self._starts.append(len(self._blob))
        return slot, folded

    def _bulk(self, docs: Iterable[tuple[int, Mapping[str, str]]]) -> None:
        """Index ``docs`` into this empty index."""
        posts: tuple[defaultdict[str, Any], ...] = tuple(defaultdict(_new_posting) for _ in FIELDS)
        find_words = _WORD.findall
        store = self._store
        for doc_id, fields in docs:
            slot, folded = store(doc_id, fields)
            for post, text in zip(posts, folded, strict=True):
                if text:
                    for token in set(find_words(text)):
                        post[token].append(slot)
        for post in posts:
            post.default_factory = None  # from now on, a plain dict
            for token, slots in post.items():
                if len(slots) == 1:
                    post[token] = slots[0]  # a single slot is kept as a bare int
        self._posts = posts
        self._words = sorted(set().union(*posts))
        self._vocab = {token: vid for vid, token in enumerate(self._words)}
        self._sorted_all = list(self._words)
        self._sorted_short = sorted(set().union(*posts[:_SHORT_FIELDS]))
        grams: defaultdict[str, array] = defaultdict(_new_posting)
        for vid, token in enumerate(self._words):
            if len(token) >= 3:
                for gram in _trigrams(token):
                    grams[gram].append(vid)
        grams.default_factory = None
        self._grams = grams

    def _new_token(self, token: str) -> None:
        vid = len(self._words)
        self._vocab[token] = vid
        self._words.append(token)
        insort(self._sorted_all, token)
        if len(token) >= 3:
            grams = self._grams
            for gram in _trigrams(token):
                ids = grams.get(gram)
                if ids is None:
                    grams[gram] = array("i", (vid,))
                else:
                    ids.append(vid)

    def _fields_of(self, slot: int) -> tuple[str, ...]:
        if slot in self._dead:
            return ("",) * _N_FIELDS
        odd = self._odd.get(slot)
        if odd is not None:
            return odd
        raw = self._blob[self._starts[slot] : self._starts[slot + 1]]
        return tuple(raw.decode("utf-8", "surrogatepass").split(_SEP))

    # -- searching ---------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Best documents for ``query`` (best first); an empty or blank query gives ``[]``."""
        if limit <= 0 or not query or not self._slot_of:
            return []
        tokens = list(dict.fromkeys(_WORD.findall(fold(query))))[:_MAX_QUERY_TOKENS]
        if len(tokens) > 1:
            last = tokens[-1]
            tokens = [t for t in tokens if t not in _STOPWORDS or t == last]
        if not tokens:
            return []
        matches = [self._token_matches(token) for token in tokens]
        candidates = [
            self._pairs(token, found) for token, found in zip(tokens, matches, strict=True)
        ]
        if len(tokens) == 1:
            got = self._collect(candidates[0], limit, frozenset())
            ranked = [(info[0] * 100.0, slot, (info,)) for slot, info in got.items()]
        else:
            ranked = self._rank_multi(candidates, limit)
        return [self._hit(slot, score, infos, matches) for score, slot, infos in ranked]

    def _token_matches(self, q: str) -> dict[str, tuple[float, int]]:
        """Vocabulary tokens matching query token ``q``: token -> (quality, highlight length)."""
        found: dict[str, tuple[float, int]] = {}
        n = len(q)
        if q in self._vocab:  # "du", "de"... as whole words say little: no better than a prefix
            found[q] = (_PREFIX_BASE if q in _STOPWORDS else _EXACT, 0)
        # Prefixes: short prefixes only look at short fields' vocabulary (see _pairs).
        words = self._sorted_short if n <= 2 else self._sorted_all
        lo = bisect_left(words, q)
        hi = bisect_left(words, q + _MAX_CHAR, lo)
        for token in words[lo:hi]:
            if token not in found:
                found[token] = (_PREFIX_BASE + 0.1 * n / len(token), n)
        if n >= _FUZZY_MIN_LEN:
            self._fuzzy_matches(q, found)
        return found

    def _fuzzy_matches(self, q: str, found: dict[str, tuple[float, int]]) -> None:
        grams = _trigrams(q)
        counts: Counter[int] = Counter()
        index = self._grams
        for gram in grams:
            ids = index.get(gram)
            if ids is not None:
                counts.update(ids)
        if not counts:
            return
        edits = 1 if len(q) <= 7 else 2
        need = max(1, len(grams) - 3 * edits)
        words = self._words
        n = len(q)
        choices = [words[vid] for vid, c in counts.items() if c >= need]
        choices = [w for w in choices if w not in found]
        scored: dict[str, tuple[float, int]] = {}
        span = 100.0 - _FUZZY_CUTOFF
        for word, score, _ in process.extract(
            q, choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=None
        ):
            scored[word] = (_FUZZY_BASE + _FUZZY_SPAN * (score - _FUZZY_CUTOFF) / span, 0)
        if n >= 5:  # a typo in a word still being typed: compare with the word's beginning
            longer = [w for w in choices if len(w) > n]
            heads = [w[:n] for w in longer]
            for _, score, i in process.extract(
                q, heads, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=None
            ):
                quality = (
                    _FUZZY_BASE + _FUZZY_SPAN * (score - _FUZZY_CUTOFF) / span
                ) * _FUZZY_PREFIX_FACTOR
                word = longer[i]
                if quality > scored.get(word, (0.0, 0))[0]:
                    scored[word] = (quality, n)
        if len(scored) > _FUZZY_MAX:
            scored = dict(nlargest(_FUZZY_MAX, scored.items(), key=lambda item: item[1][0]))
        found.update(scored)

    def _pairs(self, q: str, matches: Mapping[str, tuple[float, int]]) -> list[_Pair]:
        """Postings of the vocabulary tokens matching ``q``, grouped by value, best first."""
        n = len(q)
        posts = self._posts
        groups: dict[tuple[float, int], list[Sequence[int]]] = {}
        for token, (quality, hl) in matches.items():
            if not hl or n > 2:  # whole words (exact or fuzzy) in every field
                fields = range(_N_FIELDS)
            else:  # 1-2 letter prefixes: meaningless inside long texts
                fields = range(_NAME_COMPANY if n == 1 else _SHORT_FIELDS)
            for f in fields:
                slots = posts[f].get(token)
                if slots is None:
                    continue
                key = (quality * FIELD_WEIGHTS[f], -f)
                group = groups.get(key)
                if group is None:
                    groups[key] = group = []
                group.append((slots,) if type(slots) is int else slots)
        return sorted(
            (
                (value, minus_f, postings, sum(map(len, postings)))
                for (value, minus_f), postings in groups.items()
            ),
            key=_BY_VALUE,
            reverse=True,
        )

    def _collect(
        self, pairs: list[_Pair], limit: int, exclude: set[int] | frozenset[int]
    ) -> dict[int, _Info]:
        """First ``limit`` live documents in value order (each with its best pair)."""
        got: dict[int, _Info] = {}
        dead = self._dead
        for value, minus_f, postings, _ in pairs:
            info = (value, minus_f)
            for slots in postings:
                for slot in slots:
                    if slot in got or slot in dead or slot in exclude:
                        continue
                    got[slot] = info
                    if len(got) >= limit:
                        return got
        return got

    def _rank_multi(
        self, candidates: list[list[_Pair]], limit: int
    ) -> list[tuple[float, int, tuple[_Info | None, ...]]]:
        """Rank documents for several query tokens: all tokens matched first, then partial."""
        n = len(candidates)
        chosen = [_within_budget(pairs) for pairs in candidates]
        order = sorted(range(n), key=lambda i: sum(pair[3] for pair in chosen[i]))
        dead = self._dead
        # Documents matching every token: merge the most selective token fully, then each other
        # token only for the documents still in the running.
        best: list[dict[int, _Info]] = [{} for _ in candidates]
        keep: dict[int, _Info] | None = None
        for i in order:
            best[i] = keep = _merge(chosen[i], keep)
            if not keep:
                break
        every = list(keep.keys() - dead) if keep else []

        scored: list[tuple[float, int]] = []  # (score, -slot): best first with nlargest
        if every:
            totals = [0.0] * len(every)
            for per_doc in best:
                totals = list(map(add, totals, map(_VALUE, map(per_doc.__getitem__, every))))
            top = nlargest(limit, zip(totals, map(neg, every), strict=True))
            scored = [((n - 1 + total / n) * 100.0 / n, minus) for total, minus in top]

        lookups: list[dict[int, _Info]] = best
        extra: list[dict[int, _Info]] = [{} for _ in candidates]
        if len(every) < limit:
            # Partial matches: the best documents of each token, and for 3+ tokens,
            # the documents matching all tokens but one.
            everyone = set(every)
            partial: dict[int, None] = {}
            for i, pairs in enumerate(candidates):
                extra[i] = got = self._collect(pairs, limit, everyone)
                partial.update(dict.fromkeys(got))
            if n >= 3:
                lookups = [best[i] if i == order[0] else _merge(chosen[i], None) for i in range(n)]
                for skip in range(n):
                    others = sorted((b for i, b in enumerate(lookups) if i != skip), key=len)
                    if others[0]:
                        near = set(others[0]).intersection(*others[1:]) - everyone - dead
                        partial.update(dict.fromkeys(near))
            else:
                lookups = [{} for _ in candidates]
            for slot in partial:
                matched = 0
                total = 0.0
                for per_doc, got in zip(lookups, extra, strict=True):
                    info = per_doc.get(slot) or got.get(slot)
                    if info is not None:
                        matched += 1
                        total += info[0]
                scored.append(((matched - 1 + total / matched) * 100.0 / n, -slot))
            scored = nlargest(limit, scored)

        return [
            (
                score,
                -minus,
                tuple(
                    b.get(-minus) or lk.get(-minus) or got.get(-minus)
                    for b, lk, got in zip(best, lookups, extra, strict=True)
                ),
            )
            for score, minus in scored
        ]

    # -- hits ----------------------------------------------------------------------------

    def _hit(
        self,
        slot: int,
        score: float,
        infos: Iterable[_Info | None],
        matches: list[dict[str, tuple[float, int]]],
    ) -> SearchHit:
        f = -max(info for info in infos if info is not None)[1]
        text = self._fields_of(slot)[f]
        spans = _spans(text, matches)
        if len(text) > _SNIPPET_THRESHOLD:
            text, spans = _snippet(text, spans)
        return SearchHit(
            id=int(self._ids[slot]),
            score=round(min(100.0, max(0.0, score)), 2),
            field=FIELDS[f],
            text=text,
            spans=tuple(spans),
        )


def _within_budget(pairs: list[_Pair]) -> list[_Pair]:
    """The best pairs, up to _POSTING_BUDGET postings in all (broad prefixes are huge)."""
    used = 0
    for i, pair in enumerate(pairs):
        used += pair[3]
        if i and used > _POSTING_BUDGET:
            return pairs[:i]
    return pairs


def _merge(pairs: list[_Pair], keep: Mapping[int, object] | None) -> dict[int, _Info]:
    """Document slot -> best pair info, for documents in ``keep`` (all if None)."""
    per_doc: dict[int, _Info] = {}
    update = per_doc.update
    fromkeys = dict.fromkeys
    if keep is None:
        for value, minus_f, postings, _ in reversed(pairs):  # worst first: better overwrite
            update(fromkeys(chain.from_iterable(postings), (value, minus_f)))
    else:
        contains = keep.__contains__
        for value, minus_f, postings, _ in reversed(pairs):
            update(fromkeys(filter(contains, chain.from_iterable(postings)), (value, minus_f)))
    return per_doc


def _spans(text: str, matches: list[dict[str, tuple[float, int]]]) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` best matched by each query token (prefixes: the prefix)."""
    folded, where = fold_with_map(text)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
    chosen: dict[int, int] = {}  # word index -> highlighted length (0: whole word)
    for found in matches:
        best = 0.0
        hits: list[tuple[int, int]] = []
        for i, (_, _, word) in enumerate(words):
            match = found.get(word)
            if match is None or match[0] < best:
                continue
            if match[0] > best:
                best = match[0]
                hits = []
            hits.append((i, match[1]))
        for i, hl in hits:
            old = chosen.get(i)
            chosen[i] = hl if old is None else (0 if 0 in (old, hl) else max(old, hl))
    spans = []
    for i in sorted(chosen):
        start, end, _ = words[i]
        hl = chosen[i]
        if hl:
            end = min(start + hl, end)
        spans.append(_original_span(where, len(folded), len(text), start, end))
    return spans


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """About _SNIPPET_WIDTH characters of ``text`` around the first span, spans shifted."""
    first, first_end = spans[0] if spans else (0, 0)
    start = max(0, first - _SNIPPET_LEAD)
    end = min(len(text), start + _SNIPPET_WIDTH)
    start = max(0, min(start, end - _SNIPPET_WIDTH))
    end = max(end, min(len(text), first_end))  # a very long word stays whole
    if start > 0:  # begin at a word boundary when one is near
        cut = text.find(" ", start, first)
        if cut != -1 and cut - start < 12:
            start = cut + 1
    if end < len(text):
        cut = text.rfind(" ", max(first_end, end - 12), end)
        if cut != -1:
            end = cut
    head = _ELLIPSIS if start > 0 else ""
    tail = _ELLIPSIS if end < len(text) else ""
    shift = len(head) - start
    shown = [
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if a < end and b > start
    ]
    return head + text[start:end] + tail, shown
