"""Searching the network: the fuzzy index fed from the database and kept in sync with it.

Names, company, role and kind, city and pole, tags, memorised details and the notes of
interactions are indexed per contact. The index lives in memory (tuples and arrays, built in a
few seconds at 100,000 contacts); the TUI builds it in a worker at start-up and refreshes one
contact after each write.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui_reseau.domain.contacts import ContactRow, contact_rows
from tui_reseau.domain.vocabulary import ALL_CONTACT_KINDS, DETAIL_KINDS, Pole, label
from tui_reseau.store.models import (
    Contact,
    ContactTag,
    Interaction,
    InteractionContact,
    MemorisedDetail,
)

FIELD_LABELS: dict[str, str] = {
    "name": "nom",
    "company": "entreprise",
    "role": "fonction",
    "city": "ville",
    "tags": "étiquettes",
    "details": "détail mémorisé",
    "notes": "notes",
}
BATCH = 1_000

if TYPE_CHECKING:  # the index (and rapidfuzz) is imported when first built: not at start-up
    from tui_reseau.domain.search_index import SearchHit, SearchIndex


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A contact found, with why it matched (``hit.field``, ``hit.spans`` in ``hit.text``)."""

    row: ContactRow
    hit: SearchHit

    @property
    def reason(self) -> str:
        return FIELD_LABELS.get(self.hit.field, self.hit.field)


class BuildCancelled(Exception):
    """The index build was asked to stop (the application is closing)."""


def _never() -> bool:
    return False


def _documents(
    ids: Iterable[int] | None = None, should_stop: Callable[[], bool] = _never
) -> Iterator[tuple[int, dict[str, str]]]:
    """The searchable text of contacts (all, or ``ids``), read in batches of plain tuples.

    ``should_stop`` is asked between batches; when it answers True, BuildCancelled is raised.
    """
    if should_stop():
        raise BuildCancelled
    query = Contact.select(
        Contact.id,
        Contact.first_name,
        Contact.last_name,
        Contact.company,
        Contact.role,
        Contact.kind,
        Contact.city,
        Contact.pole,
        Contact.notes,
    ).order_by(Contact.id)
    if ids is not None:
        query = query.where(Contact.id.in_(list(ids)))
    batch: list[tuple] = []
    for row in query.tuples().iterator():
        batch.append(row)
        if len(batch) >= BATCH:
            if should_stop():
                raise BuildCancelled
            yield from _documents_of(batch)
            batch = []
    if batch:
        yield from _documents_of(batch)


def _documents_of(rows: list[tuple]) -> Iterator[tuple[int, dict[str, str]]]:
    first_id, last_id = rows[0][0], rows[-1][0]
    ids = [r[0] for r in rows]
    contiguous = len(ids) == last_id - first_id + 1

    def restrict(column):  # a range when the batch is contiguous: fewer SQL parameters
        return column.between(first_id, last_id) if contiguous else column.in_(ids)

    tags: dict[int, list[str]] = defaultdict(list)
    for cid, name in (
        ContactTag.select(ContactTag.contact, ContactTag.name)
        .where(restrict(ContactTag.contact))
        .tuples()
    ):
        tags[cid].append(name)
    details: dict[int, list[str]] = defaultdict(list)
    for cid, kind, text in (
        MemorisedDetail.select(MemorisedDetail.contact, MemorisedDetail.kind, MemorisedDetail.text)
        .where(restrict(MemorisedDetail.contact))
        .tuples()
    ):
        details[cid].append(f"{label(DETAIL_KINDS, kind)} : {text}")
    notes: dict[int, list[str]] = defaultdict(list)
    for cid, text in (
        InteractionContact.select(InteractionContact.contact, Interaction.notes)
        .join(Interaction)
        .where(restrict(InteractionContact.contact), Interaction.notes != "")
        .tuples()
    ):
        notes[cid].append(text)
    for cid, first, last, company, role, kind, city, pole, own_notes in rows:
        pole_label = Pole(pole).short_label if pole in Pole._value2member_map_ else ""
        if pole_label.casefold() == city.casefold():
            pole_label = ""  # « Lille · Lille » says nothing more
        yield (
            cid,
            {
                "name": f"{first} {last}".strip(),
                "company": company,
                "role": " · ".join(p for p in (role, label(ALL_CONTACT_KINDS, kind)) if p),
                "city": " · ".join(p for p in (city, pole_label) if p),
                "tags": " ".join(tags.get(cid, ())),
                "details": " · ".join(details.get(cid, ())),
                "notes": " · ".join(p for p in (own_notes, *notes.get(cid, ())) if p),
            },
        )


class ContactSearch:
    """The search service of one database: build once, then query and keep in sync.

    Thread-safe: queries and updates may come from different worker threads.
    """

    def __init__(self) -> None:
        self._index: SearchIndex | None = None
        self._known: set[int] = set()  # the ids in the index, to find who was removed
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self.failed = False

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def build(self, should_stop: Callable[[], bool] = _never) -> int:
        """Read every contact from the database into a new index; return how many.

        Raises BuildCancelled, leaving the previous index in place, if ``should_stop`` says so.
        """
        from tui_reseau.domain.search_index import SearchIndex

        known: set[int] = set()

        def noted(docs: Iterator[tuple[int, dict[str, str]]]) -> Iterator[tuple[int, dict]]:
            for doc in docs:
                known.add(doc[0])
                yield doc

        try:
            index = SearchIndex.build(noted(_documents(should_stop=should_stop)))
        except BuildCancelled:
            raise
        except Exception:
            self.failed = True
            self._ready.set()  # nobody waits forever: searches answer nothing
            raise
        with self._lock:
            self._index = index
            self._known = known
        self._ready.set()
        return len(index)

    def wait_ready(self, timeout: float | None = None) -> bool:
        return self._ready.wait(timeout)

    def hits(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Ranked matches of ``query`` (empty until the index is built)."""
        with self._lock:
            if self._index is None:
                return []
            return self._index.search(query, limit=limit)

    def search(self, query: str, limit: int = 50) -> list[SearchResult]:
        """Ranked contacts matching ``query``, each with its list row and why it matched."""
        hits = self.hits(query, limit)
        rows = {row.id: row for row in contact_rows([h.id for h in hits])}
        return [SearchResult(rows[h.id], h) for h in hits if h.id in rows]

    def refresh(self, contact_ids: Iterable[int]) -> None:
        """Re-read these contacts after a write (a deleted one leaves the index)."""
        wanted = set(contact_ids)
        documents = list(_documents(wanted))
        with self._lock:
            if self._index is None:
                return
            for cid, fields in documents:
                self._index.add(cid, fields)
                self._known.add(cid)
            for cid in wanted - {cid for cid, _ in documents}:
                self._index.remove(cid)
                self._known.discard(cid)

    def sync(self, changed: Iterable[int], present: Collection[int]) -> int:
        """Bring the index up to date after another process wrote, without a rebuild.

        ``changed``: contacts created or edited since the last look (re-read); ``present``:
        every id still in the database (those indexed but absent are removed). Returns how
        many contacts were re-read or removed.
        """
        with self._lock:
            if self._index is None:
                return 0
            gone = [cid for cid in self._known if cid not in present]
        wanted = set(changed) | set(gone)
        if wanted:
            self.refresh(wanted)
        return len(wanted)

    def remove(self, contact_id: int) -> None:
        with self._lock:
            if self._index is not None:
                self._index.remove(contact_id)
                self._known.discard(contact_id)
