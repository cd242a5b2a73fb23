"""The circle map's data: every contact placed by circle and pole, with what needs attention.

:func:`map_data` returns a :class:`NetworkMap`: for every contact its id, circle, pole and a few
:class:`Flag` bits (prescriber, qualified, overdue follow-up, à raviver) in compact arrays, and
:class:`Tally` counts per ring (circle), per sector (pole) and per ring × sector cell.

The flags follow the rules of the rest of the app: a follow-up is overdue when it is open and
expected (snooze applied) before today, as in :mod:`~tui_reseau.domain.agenda`; a relation is
« à raviver » exactly when :func:`~tui_reseau.domain.cadence.relations_to_revive` would list it
(past its cadence, with no open follow-up expected within it). The two never hold together: an
overdue follow-up is expected within any cadence, so it already brings the person back.

Five queries whatever the size of the network, none per contact: the cadence settings; the
contacts (id, circle, pole, qualified, own cadence, day met); the last interaction per contact
among those recent enough to matter (within the longest cadence in use, read by the date index);
the contacts ever met in an interaction; the next open follow-up per contact. Flags and counts
are made in Python, the day arithmetic too (the SQL stays portable). About 0.05 to 0.08 s at
10,000 contacts and 0.45 s at 100,000, two thirds of it in SQLite (``benchmarks/bench_map.py``).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter
from dataclasses import dataclass, field
from enum import IntFlag

from peewee import JOIN, fn

from tui_reseau.domain.cadence import default_cadences, to_date
from tui_reseau.domain.contacts import ContactFilter, apply_filter
from tui_reseau.domain.vocabulary import Circle, Pole
from tui_reseau.store.models import (
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    database_proxy,
)

__all__ = [
    "ATTENTION",
    "CIRCLES",
    "NO_POLE",
    "POLES",
    "Flag",
    "MapContact",
    "NetworkMap",
    "Tally",
    "map_data",
]

CIRCLES: tuple[int, ...] = tuple(int(c) for c in Circle)
POLES: tuple[str, ...] = tuple(p.value for p in Pole)
"""The poles in their vocabulary order; a contact's pole is stored as an index in this tuple."""
NO_POLE = len(POLES)
"""The pole index of a contact whose pole is not known (not drawn on the map, still counted)."""

_POLE_INDEX: dict[str | None, int] = {code: index for index, code in enumerate(POLES)}


class Flag(IntFlag):
    """What the map tells about a contact, one bit each."""

    PRESCRIBER = 1  # circle 2
    QUALIFIED = 2
    OVERDUE = 4  # an open follow-up expected before today
    TO_REVIVE = 8  # past the keep-in-touch cadence (« à raviver »)


ATTENTION = Flag.OVERDUE | Flag.TO_REVIVE


@dataclass(frozen=True, slots=True)
class Tally:
    """How many contacts an area of the map holds, and how many of them are of each kind.

    ``attention`` counts the contacts overdue or to revive (each once: the two never hold
    together, see the module's docstring).
    """

    contacts: int = 0
    prescribers: int = 0
    qualified: int = 0
    overdue: int = 0
    to_revive: int = 0

    @property
    def attention(self) -> int:
        return self.overdue + self.to_revive

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.contacts + other.contacts,
            self.prescribers + other.prescribers,
            self.qualified + other.qualified,
            self.overdue + other.overdue,
            self.to_revive + other.to_revive,
        )


def _tally(counts: Counter[int]) -> Tally:
    """A Tally from a count of contacts per flags value."""
    contacts = prescribers = qualified = overdue = to_revive = 0
    for flags, n in counts.items():
        contacts += n
        if flags & Flag.PRESCRIBER:
            prescribers += n
        if flags & Flag.QUALIFIED:
            qualified += n
        if flags & Flag.OVERDUE:
            overdue += n
        if flags & Flag.TO_REVIVE:
            to_revive += n
    return Tally(contacts, prescribers, qualified, overdue, to_revive)


@dataclass(frozen=True, slots=True)
class MapContact:
    """One contact of the map (made on demand from the arrays)."""

    id: int
    circle: int
    pole: str | None
    flags: Flag

    @property
    def needs_attention(self) -> bool:
        return bool(self.flags & ATTENTION)


@dataclass(frozen=True, slots=True)
class NetworkMap:
    """The contacts of the network by circle and pole, as of ``today``.

    ``ids``, ``circles``, ``poles`` (index in :data:`POLES`, :data:`NO_POLE` if unknown) and
    ``flags`` are parallel arrays, ordered by circle, then pole (in :data:`POLES` order, unknown
    last), then id: the contacts of one cell are a slice, given by ``spans``. ``rings`` has every
    circle, ``sectors`` every pole and ``cells`` every (circle, pole) pair, empty ones included;
    contacts without a pole are counted in their ring, in ``unplaced`` and in ``total``.
    """

    today: dt.date
    filter: ContactFilter
    ids: array
    circles: bytes
    poles: bytes
    flags: bytes
    total: Tally
    rings: dict[int, Tally]
    sectors: dict[str, Tally]
    cells: dict[tuple[int, str], Tally]
    unplaced: Tally
    spans: dict[tuple[int, str | None], range] = field(repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def contact(self, index: int) -> MapContact:
        """The contact at ``index`` in the arrays."""
        pole = self.poles[index]
        return MapContact(
            self.ids[index],
            self.circles[index],
            POLES[pole] if pole < NO_POLE else None,
            Flag(self.flags[index]),
        )

    def members(self, circle: int, pole: str | None) -> list[tuple[int, int]]:
        """(id, flags) of the contacts of one cell, by id (``pole`` None: those without pole)."""
        span = self.spans.get((circle, pole), range(0))
        return list(
            zip(self.ids[span.start : span.stop], self.flags[span.start : span.stop], strict=True)
        )

    def tally(self, circle: int | None = None, pole: str | None = None) -> Tally:
        """The counts of a cell, a ring (``pole`` None), a sector (``circle`` None) or all."""
        if circle is None and pole is None:
            return self.total
        if pole is None:
            return self.rings.get(circle, Tally())  # type: ignore[arg-type]
        if circle is None:
            return self.sectors.get(pole, Tally())
        return self.cells.get((circle, pole), Tally())


def _empty_map(today: dt.date, flt: ContactFilter) -> NetworkMap:
    return NetworkMap(
        today,
        flt,
        array("q"),
        b"",
        b"",
        b"",
        Tally(),
        dict.fromkeys(CIRCLES, Tally()),
        dict.fromkeys(POLES, Tally()),
        {(c, p): Tally() for c in CIRCLES for p in POLES},
        Tally(),
        {},
    )


def map_data(today: dt.date, flt: ContactFilter | None = None) -> NetworkMap:
    """Every contact ``flt`` lets through, placed by circle and pole, with flags and counts.

    Args:
        today: the day overdue follow-ups and cadences are reckoned from.
        flt: the list's filter (None: the whole network).

    Returns:
        A :class:`NetworkMap`. Five queries whatever the number of contacts (see the module's
        docstring); flags and counts are made in Python.
    """
    flt = flt or ContactFilter()
    cadences = default_cadences()
    contacts = Contact.select(
        Contact.id,
        Contact.circle,
        Contact.pole,
        Contact.qualified_on.is_null(False),
        Contact.cadence_days,
        fn.COALESCE(Contact.met_on, Contact.created_at),
    )
    rows = database_proxy.execute(apply_filter(contacts, flt)).fetchall()
    if not rows:
        return _empty_map(today, flt)

    # Only the interactions within the longest cadence in use can keep a relation warm: a
    # contact seen before that only is past any cadence, whatever the exact day. Reading just
    # those (by the date index) is three times faster than the last interaction of everyone.
    longest = max(*cadences.values(), *(row[4] or 0 for row in rows))
    window_start = today - dt.timedelta(days=longest)
    # CROSS JOIN: SQLite reads the interactions by their date index first (see cadence.py).
    recent = (
        Interaction.select(InteractionContact.contact, fn.MAX(Interaction.happened_on))
        .join(InteractionContact, JOIN.CROSS)
        .where(
            (InteractionContact.interaction == Interaction.id)
            & (Interaction.happened_on >= window_start)
        )
        .group_by(InteractionContact.contact)
    )
    last_seen = dict(database_proxy.execute(recent).fetchall())
    ever_seen = {
        cid
        for (cid,) in database_proxy.execute(
            InteractionContact.select(InteractionContact.contact).distinct()
        ).fetchall()
    }
    next_open = (
        FollowUp.select(
            FollowUp.contact, fn.MIN(fn.COALESCE(FollowUp.snoozed_until, FollowUp.due_on))
        )
        .where(FollowUp.done_on.is_null(True))
        .group_by(FollowUp.contact)
    )
    next_due = dict(database_proxy.execute(next_open).fetchall())

    # Days are compared as ordinals; each distinct date (text in SQLite) is read once.
    today_ordinal = today.toordinal()
    ordinal_of: dict[object, int] = {}

    def ordinal(value: object) -> int:
        found = ordinal_of.get(value)
        if found is None:
            found = ordinal_of[value] = to_date(value).toordinal()  # type: ignore[union-attr]
        return found

    last_seen = {cid: ordinal(on) for cid, on in last_seen.items()}
    next_due = {cid: ordinal(on) for cid, on in next_due.items()}

    # One bucket per cell (ids, flags); rows come in id order, so each bucket is in id order too.
    cells_per_ring = NO_POLE + 1
    bucket_ids: list[list[int]] = [[] for _ in range(len(CIRCLES) * cells_per_ring)]
    bucket_flags: list[list[int]] = [[] for _ in bucket_ids]
    pole_index = _POLE_INDEX
    overdue, to_revive = int(Flag.OVERDUE), int(Flag.TO_REVIVE)
    prescriber, qualified_flag = int(Flag.PRESCRIBER), int(Flag.QUALIFIED)
    for cid, circle, pole, qualified, own, met_raw in rows:
        flags = prescriber if circle == 2 else 0
        if qualified:
            flags |= qualified_flag
        next_on = next_due.get(cid)
        if next_on is not None and next_on < today_ordinal:
            flags |= overdue
        else:
            cadence = own if own and own > 0 else cadences[circle]
            last_on = last_seen.get(cid)
            if last_on is not None:
                silent = today_ordinal - last_on > cadence
            elif cid in ever_seen:
                silent = True  # last seen before the window: past any cadence
            else:
                silent = today_ordinal - ordinal(met_raw) > cadence
            if silent and (next_on is None or next_on > today_ordinal + cadence):
                flags |= to_revive
        position = (circle - 1) * cells_per_ring + pole_index.get(pole, NO_POLE)
        bucket_ids[position].append(cid)
        bucket_flags[position].append(flags)

    ids = array("q")
    circles = bytearray()
    poles = bytearray()
    flags_ = bytearray()
    spans: dict[tuple[int, str | None], range] = {}
    cells: dict[tuple[int, str], Tally] = {}
    unplaced: list[Tally] = []
    for position, (cell_ids, cell_flags) in enumerate(zip(bucket_ids, bucket_flags, strict=True)):
        circle, index = CIRCLES[position // cells_per_ring], position % cells_per_ring
        pole = POLES[index] if index < NO_POLE else None
        start = len(ids)
        ids.extend(array("q", cell_ids))
        flags_ += bytes(cell_flags)
        circles += bytes((circle,)) * len(cell_ids)
        poles += bytes((index,)) * len(cell_ids)
        if cell_ids:
            spans[circle, pole] = range(start, len(ids))
        tally = _tally(Counter(cell_flags))
        if pole is None:
            unplaced.append(tally)
        else:
            cells[circle, pole] = tally

    rings = {c: sum((cells[c, p] for p in POLES), Tally()) for c in CIRCLES}
    for circle, extra in zip(CIRCLES, unplaced, strict=True):
        rings[circle] += extra
    return NetworkMap(
        today=today,
        filter=flt,
        ids=ids,
        circles=bytes(circles),
        poles=bytes(poles),
        flags=bytes(flags_),
        total=sum(rings.values(), Tally()),
        rings=rings,
        sectors={p: sum((cells[c, p] for c in CIRCLES), Tally()) for p in POLES},
        cells=cells,
        unplaced=sum(unplaced, Tally()),
        spans=spans,
    )
