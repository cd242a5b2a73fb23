"""The demo network: a fictional, believable Hauts-de-France network to explore the app.

``reseau demo`` fills an empty database with it, so that every screen and every metric has
something to show on first launch; ``reseau demo --contacts 100000`` makes large databases for
benchmarks. The network is deterministic: the same ``(contacts, seed, today)`` always writes the
same rows (every date, ``created_at`` included, is derived from ``today``; the only source of
randomness is ``random.Random(seed)``).

Everything is built in memory as tuples, with ids assigned here, then written in chunks of
``insert_many`` inside one transaction: 100 000 contacts (1.1 million rows) take about 15 to 20
seconds on two cores (``benchmarks/bench_demo.py``). The words (names, places, fictional
companies, phrases) are in :mod:`tui_reseau.domain.demo_data`.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
import sqlite3
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate

import peewee

from tui_reseau.domain import demo_data as data
from tui_reseau.domain.contacts import network_is_empty as is_empty
from tui_reseau.domain.vocabulary import Pole
from tui_reseau.errors import ReseauError
from tui_reseau.store.cache import roomy_cache
from tui_reseau.store.models import (
    BaseModel,
    Community,
    CommunityMember,
    Contact,
    ContactTag,
    Event,
    EventContact,
    FollowUp,
    Interaction,
    InteractionContact,
    Involvement,
    MemorisedDetail,
    Opportunity,
    Recommendation,
    ServiceGiven,
    database_proxy,
)

__all__ = ["MAX_CONTACTS", "MIN_CONTACTS", "DemoSummary", "generate_demo", "is_empty"]

MIN_CONTACTS = 10
MAX_CONTACTS = 1_000_000
DAYS_OF_HISTORY = 365  # dates spread over the year before today
CHUNK_ROWS = 500
# Fixed-date public holidays in France (month, day): nobody meets for work then.
_PUBLIC_HOLIDAYS = frozenset(
    {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)}
)

# The tables the demo fills, parents before children (foreign keys are checked on insert).
WRITE_ORDER: tuple[type[BaseModel], ...] = (
    Community,
    Contact,
    ContactTag,
    MemorisedDetail,
    Event,
    EventContact,
    CommunityMember,
    Involvement,
    Interaction,
    InteractionContact,
    FollowUp,
    Recommendation,
    Opportunity,
    ServiceGiven,
)

# ARCEP blocks reserved for fiction: no real person can be reached on these numbers.
FICTION_MOBILES = range(33639980000, 33639990000)  # 06 39 98 00 00 → 06 39 98 99 99
FICTION_LANDLINES = range(33199000000, 33199010000)  # 01 99 00 00 00 → 01 99 00 99 99


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each kind :func:`generate_demo` wrote."""

    contacts: int
    details: int
    interactions: int
    follow_ups: int
    events: int
    communities: int
    involvements: int
    recommendations: int
    opportunities: int
    services: int
    tags: int


def generate_demo(*, contacts: int = 150, seed: int = 2026, today: dt.date) -> DemoSummary:
    """Fill the (empty) bound database with a fictional network of ``contacts`` people.

    Raises ReseauError, writing nothing, when the database already holds a network or
    ``contacts`` is out of range. Everything is written in one transaction.
    """
    if not MIN_CONTACTS <= contacts <= MAX_CONTACTS:
        raise ReseauError(
            f"Nombre de contacts de démonstration impossible : {contacts}.",
            f"Choisissez entre {MIN_CONTACTS} et {format(MAX_CONTACTS, ',').replace(',', ' ')} "
            "contacts (par exemple --contacts 150).",
        )
    _refuse_if_not_empty()
    with roomy_cache(), database_proxy.atomic():
        _refuse_if_not_empty()  # again, inside the transaction: nobody wrote in between
        demo = _DemoBuilder(contacts, seed, today, _id_offsets())
        demo.build()
        for model, fields, rows in demo.tables():
            _insert(model, fields, rows)
        _sync_sequences()
    return demo.summary()


def _refuse_if_not_empty() -> None:
    if not is_empty():
        raise ReseauError(
            "Cette base contient déjà des contacts, des événements ou des communautés : "
            "le réseau de démonstration n'y a pas été ajouté (il ne doit jamais se mêler à "
            "votre vrai réseau). Rien n'a été modifié.",
            "Créez la démonstration dans une base à part, par exemple : "
            "reseau demo --db ~/reseau-demo.db",
        )


# --------------------------------------------------------------------------------- writing


def _id_offsets() -> dict[type[BaseModel], int]:
    """The highest id of each table (in writing order): new rows are numbered after it."""
    return {model: model.select(peewee.fn.MAX(model.id)).scalar() or 0 for model in WRITE_ORDER}


def _max_variables() -> int:
    database = database_proxy.obj
    if isinstance(database, peewee.SqliteDatabase) and sqlite3.sqlite_version_info < (3, 32):
        return 999
    return 32_000


def _insert(model: type[BaseModel], fields: Sequence[peewee.Field], rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in the order of ``fields``) in chunks within the variable limit.

    Peewee spends far more time writing the SQL of a 500-row ``insert_many`` than SQLite takes
    to run it, so the SQL is generated once per chunk length and reused with the next chunks'
    values. That is only correct when Peewee passes our values unchanged (``db_value`` is the
    identity for them: str, int, bool, date, datetime, Decimal, None): it is checked on the first
    chunk, and a table where it is not true is written by plain ``insert_many`` calls.
    """
    database = database_proxy.obj
    size = max(1, min(CHUNK_ROWS, _max_variables() // len(fields)))
    templates: dict[int, str] = {}
    reuse = True
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        values = [value for row in chunk for value in row]
        sql = templates.get(len(chunk)) if reuse else None
        if sql is None:
            sql, params = model.insert_many(chunk, fields=fields).sql()
            reuse = reuse and params == values
            templates[len(chunk)] = sql
            values = params
        database.execute_sql(sql, values)


def _sync_sequences() -> None:
    """PostgreSQL: move each id sequence past the ids we assigned ourselves."""
    database = database_proxy.obj
    if not isinstance(database, peewee.PostgresqlDatabase):
        return
    for model in WRITE_ORDER:
        table = model._meta.table_name
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
        )


# --------------------------------------------------------------------------------- helpers


@functools.lru_cache(maxsize=65_536)
def _slug(text: str) -> str:
    """``"Marcq-en-Barœul"`` → ``"marcq-en-baroeul"``."""
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("&", " ")
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _gendered(word: str, female: bool) -> str:
    """``"Boulanger|Boulangère"`` → the form for the person; ``{e}``/``{ne}`` filled in."""
    masculine, _, feminine = word.partition("|")
    text = (feminine or masculine) if female else masculine
    if "{e" in text or "{n" in text:
        text = text.replace("{e}", "e" if female else "").replace("{ne}", "ne" if female else "")
    return text


class _Random(random.Random):
    """``random.Random`` whose ``choice`` and ``randint`` use one float draw each.

    The standard ones draw bits until an unbiased integer comes out, which costs three times
    as much; the bias of ``int(random() * n)`` is below 2**-40 for our sizes. Seeded, it is as
    deterministic as its parent.
    """

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


class _Weighted:
    """Draw from weighted choices quickly (cumulative weights computed once)."""

    def __init__(self, rng: random.Random, weights: dict | Sequence[tuple[object, float]]):
        pairs = list(weights.items()) if isinstance(weights, dict) else list(weights)
        self.rng = rng
        self.values = [value for value, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def __call__(self):
        return self.values[bisect_left(self.cumulative, self.rng.random() * self.total)]


def _zipf(rng: random.Random, pool: Sequence[int], exponent: float = 1.0) -> _Weighted:
    """A few members of ``pool`` drawn very often, most rarely: who recommends, who receives."""
    return _Weighted(
        rng, [(member, 1 / (rank + 1) ** exponent) for rank, member in enumerate(pool)]
    )


def _split(total: int, shares: dict[str, float]) -> list[str]:
    """``total`` labels in the given shares, each present at least once (when total allows)."""
    counts = {key: max(1, round(total * share)) for key, share in shares.items()}
    last = list(shares)[-1]
    counts[last] = max(0, total - sum(v for k, v in counts.items() if k != last))
    labels = [key for key, count in counts.items() for _ in range(count)]
    return labels[:total]


def _is_break(day: dt.date) -> bool:
    """Christmas holidays or the August break: no professional events."""
    return (
        (day.month == 12 and day.day >= 20)
        or (day.month == 1 and day.day <= 4)
        or (day.month == 8 and day.day <= 20)
    )


def _sector_of(community: str) -> str:
    """The sector of the people who work for an association or a platform."""
    for word, sector in (
        ("Logistique", "logistique"),
        ("Transmanche", "logistique"),
        ("Numérique", "numerique"),
        ("Agro", "agroalimentaire"),
        ("Connect", "numerique"),
    ):
        if word in community:
            return sector
    return "conseil"


@dataclass
class _Person:
    """What the builder remembers of a contact it created (rows are written as tuples)."""

    id: int
    first: str
    last: str
    female: bool
    circle: int
    kind: str
    pole: Pole
    city: str
    company: str
    met_on: dt.date
    community: str | None
    persona: bool = False
    introduced_by: int | None = None
    tags: set[str] = field(default_factory=set)
    details: tuple[tuple[str, str], ...] = ()

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"


# --------------------------------------------------------------------------------- builder


class _DemoBuilder:
    """Builds every row of the demo network in memory, in dependency order."""

    def __init__(
        self, n: int, seed: int, today: dt.date, offsets: dict[type[BaseModel], int]
    ) -> None:
        self.n = n
        self.rng = _Random(seed)
        self.today = today
        self.start = today - dt.timedelta(days=DAYS_OF_HISTORY - 1)
        self.offsets = offsets
        self.rows: dict[type[BaseModel], list[tuple]] = {model: [] for model in offsets}
        self.columns: dict[type[BaseModel], tuple[str, ...]] = {}
        self.people: list[_Person] = []
        self.community_ids: dict[str, int] = {}
        self.communities: list[tuple[str, str, str, Pole, int, str]] = []
        self.events: list[tuple[int, str, dt.date, Pole, str | None]] = []  # id, name, day…
        self.past_events: list[int] = []  # indexes in self.events
        self.attendance: list[tuple[int, int]] = []  # (event index, person index)
        self.last_interaction: dict[int, tuple[dt.date, int]] = {}
        self.recommendations: list[tuple[int, int, dt.date, int | None]] = []

    # ----------------------------------------------------------------------- plumbing

    def _next_id(self, model: type[BaseModel]) -> int:
        return self.offsets[model] + len(self.rows[model]) + 1

    def _add(self, model: type[BaseModel], **values: object) -> int:
        """Keep a row of ``model``: a tuple of its id then ``values``, always in the same order."""
        rows = self.rows[model]
        row_id = self.offsets[model] + len(rows) + 1
        columns = self.columns.setdefault(model, tuple(values))
        if tuple(values) != columns:
            raise ValueError(f"{model.__name__}: columns {tuple(values)} instead of {columns}")
        rows.append((row_id, *values.values()))
        return row_id

    def _day(self, low: dt.date, high: dt.date | None = None, *, workday: bool = True) -> dt.date:
        """A random day in [low, high] (high: today), moved off the week-end when possible."""
        high = high or self.today
        if low > high:
            low = high
        day = low + dt.timedelta(days=self.rng.randint(0, (high - low).days))
        if workday and (day.month, day.day) in _PUBLIC_HOLIDAYS:
            day += dt.timedelta(days=-1 if day > low else 1 if day < high else 0)
        weekday = day.weekday()
        if not workday or weekday < 5:
            return day
        before = day - dt.timedelta(days=weekday - 4)
        if before >= low:
            return before
        after = day + dt.timedelta(days=7 - weekday)
        return after if after <= high else day

    def _at(self, day: dt.date, first_hour: int = 8, last_hour: int = 21) -> dt.datetime:
        """A time of ``day``, to the second: when the row was typed in."""
        seconds = self.rng.randint(first_hour * 3600, last_hour * 3600 + 3599)
        return dt.datetime(day.year, day.month, day.day) + dt.timedelta(seconds=seconds)

    def _since_met(self, person: _Person) -> dt.date:
        return max(self.start, person.met_on)

    def tables(self) -> Iterable[tuple[type[BaseModel], list[peewee.Field], list[tuple]]]:
        """Each model with its fields (in tuple order) and rows, parents before children."""
        for model, rows in self.rows.items():
            if rows:
                columns = [model._meta.fields[name] for name in self.columns[model]]
                yield model, [model._meta.primary_key, *columns], rows

    def summary(self) -> DemoSummary:
        count = {model: len(rows) for model, rows in self.rows.items()}
        return DemoSummary(
            contacts=count[Contact],
            details=count[MemorisedDetail],
            interactions=count[Interaction],
            follow_ups=count[FollowUp],
            events=count[Event],
            communities=count[Community],
            involvements=count[Involvement],
            recommendations=count[Recommendation],
            opportunities=count[Opportunity],
            services=count[ServiceGiven],
            tags=count[ContactTag],
        )

    # ----------------------------------------------------------------------- the network

    def build(self) -> None:
        self._build_communities()
        self._build_events()
        self._build_contacts()
        self._build_tags_and_details()
        self._build_memberships()
        self._build_attendance()
        self._build_interactions()
        self._build_follow_ups()
        self._build_recommendations()
        self._build_opportunities()
        self._build_services()
        self._build_involvements()

    def _build_communities(self) -> None:
        extra = data.EXTRA_COMMUNITIES[: self.n // 10_000]
        for name, kind, role, pole, months, notes in (*data.COMMUNITIES, *extra):
            joined = self.today - dt.timedelta(days=months * 30 + self.rng.randint(0, 20))
            created = self._at(self.start + dt.timedelta(days=self.rng.randint(0, 14)), 9, 18)
            self.community_ids[name] = self._add(
                Community,
                name=name,
                kind=kind,
                role=role,
                pole=pole.value,
                joined_on=joined,
                notes=notes,
                created_at=created,
            )
            self.communities.append((name, kind, role, pole, months, notes))

    def _event_day(self, low: dt.date, high: dt.date) -> dt.date:
        """A working day in [low, high] for an event, out of the Christmas and August breaks."""
        day = self._day(low, high)
        for _ in range(20):
            if not _is_break(day):
                break
            day = self._day(low, high)
        return day

    def _communities_of(self, kind: str, pole: Pole | None = None) -> list[str]:
        names = [c[0] for c in self.communities if c[1] == kind]
        local = [name for name in names if pole is None or self._pole_of(name) is pole]
        return local or names

    def _pole_of(self, community: str) -> Pole:
        return next(c[3] for c in self.communities if c[0] == community)

    def _build_events(self) -> None:
        rng = self.rng
        total = 20 + self.n // 500
        upcoming = max(2, total // 10)
        past = total - upcoming
        templates = list(data.EVENTS)
        rng.shuffle(templates)
        notes = ("", "", *data.EVENT_NOTES)
        for k in range(total):
            name, community, pole, place, hours, cost = templates[k % len(templates)]
            if k < past:
                middle = self.start + dt.timedelta(days=int((k + 0.5) * DAYS_OF_HISTORY / past))
                low = max(self.start, middle - dt.timedelta(days=6))
                high = min(self.today - dt.timedelta(days=1), middle + dt.timedelta(days=6))
                day = self._event_day(low, high)
                created = self._at(min(self.today, day + dt.timedelta(days=rng.randint(0, 2))))
                note = rng.choice(notes)
            else:
                day = self._event_day(
                    self.today + dt.timedelta(days=3), self.today + dt.timedelta(days=60)
                )
                created = self._at(self.today - dt.timedelta(days=rng.randint(0, 10)))
                note = "Inscription confirmée."
            community_id = self.community_ids.get(community) if community else None
            event_id = self._add(
                Event,
                name=name,
                held_on=day,
                place=place,
                pole=pole.value,
                community=community_id,
                hours=Decimal(hours),
                cost_eur=Decimal(cost),
                notes=note,
                created_at=created,
            )
            self.events.append((event_id, name, day, pole, community))
        self.past_events = [i for i, event in enumerate(self.events) if event[2] < self.today]

    # ----------------------------------------------------------------------- contacts

    def _build_contacts(self) -> None:
        rng = self.rng
        personas = data.PERSONAS[: self.n]
        quotas = {1: round(0.4 * self.n), 2: round(0.3 * self.n)}
        quotas[3] = self.n - quotas[1] - quotas[2]
        for persona in personas:
            quotas[persona.circle] -= 1
        circles = [c for c, count in quotas.items() for _ in range(max(0, count))]
        circles = circles[: self.n - len(personas)]
        rng.shuffle(circles)
        poles = self._pole_quotas(len(circles), personas)

        self.pick_city = {
            pole: _Weighted(rng, [((c, p), w) for c, p, w in cities])
            for pole, cities in data.CITIES.items()
        }
        self.pick_sector = {pole: _Weighted(rng, w) for pole, w in data.POLE_SECTORS.items()}
        self.pick_kind = {c: _Weighted(rng, w) for c, w in data.KIND_WEIGHTS.items()}
        self.pick_met_via = {c: _Weighted(rng, w) for c, w in data.MET_VIA.items()}
        self.used_emails: set[str] = set()
        self.phones = {
            "mobile": rng.sample(FICTION_MOBILES, len(FICTION_MOBILES)),
            "fixe": rng.sample(FICTION_LANDLINES, len(FICTION_LANDLINES)),
        }
        self.by_pole: dict[Pole, list[int]] = {pole: [] for pole in Pole}
        self.by_circle: dict[int, list[int]] = {1: [], 2: [], 3: []}
        self.first_met_at: dict[int, int] = {}  # person index -> event index

        for persona in personas:
            self._add_person(*self._persona(persona))
        for circle, pole in zip(circles, poles, strict=True):
            self._add_person(*self._stranger(circle, pole))

    def _pole_quotas(self, count: int, personas: Sequence[data.Persona]) -> list[Pole]:
        """The poles of ``count`` new contacts so that, personas included, the shares are met."""
        total = count + len(personas)
        wanted = {pole: round(total * w / 100) for pole, w in data.POLE_WEIGHTS.items()}
        for persona in personas:
            wanted[persona.pole] -= 1
        poles = [pole for pole, n in wanted.items() for _ in range(max(0, n))]
        poles += [Pole.LILLE] * (count - len(poles))  # rounding
        poles = poles[:count]
        self.rng.shuffle(poles)
        return poles

    def _persona(self, persona: data.Persona) -> tuple:
        p = persona
        female = p.gender == "f"
        person = self._person(
            p.first,
            p.last,
            female,
            p.circle,
            p.kind,
            p.pole,
            p.city,
            p.company,
            p.community,
            persona=True,
        )
        person.tags.update(p.tags)
        person.details = p.details
        return person, p.postcode, p.sector, p.role

    def _stranger(self, circle: int, pole: Pole) -> tuple:
        rng = self.rng
        female = rng.random() < 0.5
        first = rng.choice(data.FIRST_NAMES_F if female else data.FIRST_NAMES_M)
        last = rng.choice(data.LAST_NAMES)
        kind = self.pick_kind[circle]()
        if kind in ("commercant_local", "cci") and pole in (Pole.REGION, Pole.HORS_REGION):
            pole = Pole.LILLE
        city, postcode = self.pick_city[pole]()
        company, role, sector, community = self._job(circle, kind, pole, city, last, female)
        person = self._person(first, last, female, circle, kind, pole, city, company, community)
        return person, postcode, sector, role

    def _job(
        self, circle: int, kind: str, pole: Pole, city: str, last: str, female: bool
    ) -> tuple[str, str, str, str | None]:
        """(company, role, sector, community) of a new contact."""
        rng = self.rng
        stem = rng.choice(data.STEMS)
        if kind == "commercant_local":
            form, role, sector = rng.choice(data.SHOPS)
            return form.format(n=last, s=stem), _gendered(role, female), sector, None
        if circle == 2:
            forms, roles, sector = data.PRESCRIBERS[kind]
            company = rng.choice(forms).format(s=stem, n=last, bank=rng.choice(data.BANKS))
            return company, _gendered(rng.choice(roles), female), sector, None
        sector = self.pick_sector[pole]()
        company = rng.choice(data.COMPANY_FORMS[sector]).format(s=stem)
        roles = data.BUSINESS_ROLES
        if sector in data.SECTOR_ROLES and rng.random() < 0.35:
            roles = data.SECTOR_ROLES[sector]
        role = _gendered(rng.choice(roles), female)
        if circle == 1:
            return company, role, sector, None
        staff = data.COMMUNITY_STAFF_ROLES.get(kind, ())
        if kind == "cci":
            name = data.POLE_CCI[pole]
            return name, _gendered(rng.choice(staff), female), "public", name
        if kind == "institution":
            of = "d'" if city[:1] in "AEIOUYÉÈÂÎaeiouyéèâî" else "de "
            return f"Ville {of}{city}", _gendered(rng.choice(staff), female), "public", None
        if kind == "membre_club":
            club = rng.choice(self._communities_of("club", pole))
            return company, _gendered(rng.choice(data.CLUB_MEMBER_ROLES), female), sector, club
        community = rng.choice(self._communities_of(kind, pole))
        if rng.random() < 0.3:  # works for the association or the platform itself
            return community, _gendered(rng.choice(staff), female), _sector_of(community), community
        return company, role, sector, community

    def _person(
        self,
        first: str,
        last: str,
        female: bool,
        circle: int,
        kind: str,
        pole: Pole,
        city: str,
        company: str,
        community: str | None,
        *,
        persona: bool = False,
    ) -> _Person:
        rng = self.rng
        index = len(self.people)
        old = 1.0 if persona else {1: 0.85, 2: 0.6, 3: 0.3}[circle]
        if rng.random() < old:
            years = {1: 15, 2: 6, 3: 3}[circle]
            met_on = self.today - dt.timedelta(days=rng.randint(DAYS_OF_HISTORY + 30, years * 365))
        else:
            met_on = self._day(self.start)
        person = _Person(
            self._next_id(Contact),
            first,
            last,
            female,
            circle,
            kind,
            pole,
            city,
            company,
            met_on,
            community,
            persona,
        )
        if index >= 3 and rng.random() < 0.15:
            person.introduced_by = self._introducer(index)
        return person

    def _introducer(self, index: int) -> int:
        """An earlier contact, preferably a prescriber or someone of the first circle."""
        rng = self.rng
        candidate = rng.randrange(index)
        for _ in range(2):
            if self.people[candidate].circle in (1, 2):
                break
            candidate = rng.randrange(index)
        return candidate

    def _add_person(self, person: _Person, postcode: str, sector: str, role: str) -> None:
        rng = self.rng
        index = len(self.people)
        circle = person.circle
        met_via = "recommandation" if person.introduced_by is not None else None
        met_via = met_via or self.pick_met_via[circle]()
        if met_via == "evenement" and person.met_on >= self.start and self.past_events:
            event_index = self._event_near(person.pole)
            self.first_met_at[index] = event_index
            person.met_on = self.events[event_index][2]
        if met_via == "recommandation" and person.introduced_by is None and index >= 3:
            person.introduced_by = self._introducer(index)
        if person.met_on >= self.start:
            created = self._at(person.met_on, 17, 22)
        else:  # known before using the app: typed in during the first weeks
            created = self._at(self.start + dt.timedelta(days=rng.randint(0, 20)), 9, 18)
        qualified = None
        if rng.random() < {1: 0.55, 2: 0.65, 3: 0.35}[circle]:
            qualified = self._day(created.date(), workday=False)
        updated = self._at(self._day(created.date(), workday=False))
        updated = max(updated, created)
        introducer = self.people[person.introduced_by] if person.introduced_by is not None else None
        notes = ""
        if introducer and rng.random() < 0.6:
            notes = f"Présenté{'e' if person.female else ''} par {introducer.full_name}."
        elif rng.random() < 0.1:
            notes = _gendered(rng.choice(data.CONTACT_NOTES), person.female)
        birthday = None
        if rng.random() < 0.3:
            birthday = dt.date(rng.randint(1958, 1998), rng.randint(1, 12), rng.randint(1, 28))
        cadence = rng.choice((14, 21, 60, 90, 120)) if rng.random() < 0.05 else None
        self._add(
            Contact,
            first_name=person.first,
            last_name=person.last,
            company=person.company,
            role=role,
            email=self._email(person, postcode),
            phone=self._phone(circle, person.persona),
            city=person.city,
            postcode=postcode,
            pole=person.pole.value,
            sector=sector,
            circle=circle,
            kind=person.kind,
            qualified_on=qualified,
            met_via=met_via,
            met_on=person.met_on,
            introduced_by=introducer.id if introducer else None,
            linkedin_url=self._linkedin(person),
            birthday=birthday,
            cadence_days=cadence,
            notes=notes,
            created_at=created,
            updated_at=updated,
        )
        self.people.append(person)
        self.by_pole[person.pole].append(index)
        self.by_circle[circle].append(index)

    def _event_near(self, pole: Pole) -> int:
        local = [i for i in self.past_events if self.events[i][3] is pole]
        return self.rng.choice(local or self.past_events)

    def _email(self, person: _Person, postcode: str) -> str | None:
        if self.rng.random() < 0.08 and not person.persona:
            return None
        top = "be" if len(postcode) == 4 else "fr"
        local = f"{_slug(person.first)}.{_slug(person.last)}"
        domain = f"exemple-{_slug(person.company)}.{top}"
        email, number = f"{local}@{domain}", 1
        while email in self.used_emails:
            number += 1
            email = f"{local}{number}@{domain}"
        self.used_emails.add(email)
        return email

    def _phone(self, circle: int, persona: bool) -> str | None:
        """A number of the fiction blocks, never twice; None once both blocks are used up."""
        draw = 0.0 if persona else self.rng.random()
        mobile_share, landline_share = {1: (0.85, 0.05), 2: (0.5, 0.4), 3: (0.4, 0.4)}[circle]
        if draw < mobile_share:
            order = ("mobile", "fixe")
        elif draw < mobile_share + landline_share:
            order = ("fixe", "mobile")
        else:
            return None
        for block in order:
            if self.phones[block]:
                return f"+{self.phones[block].pop()}"
        return None

    def _linkedin(self, person: _Person) -> str | None:
        if self.rng.random() < 0.3:
            return None
        suffix = f"{(person.id * 2654435761) % 0x10000000:07x}"  # unique per id, looks random
        return f"https://www.linkedin.com/in/{_slug(person.first)}-{_slug(person.last)}-{suffix}"

    # ----------------------------------------------------------------------- what we know

    def _build_tags_and_details(self) -> None:
        rng = self.rng
        for person in self.people:
            tags = person.tags or self._tags(person)
            for tag in sorted(tags):
                self._add(ContactTag, contact=person.id, name=tag)
            details = person.details
            if not details:
                share = 0.9 if person.circle in (1, 2) else 0.3
                if rng.random() < share:
                    count = rng.choice((1, 2, 2, 3, 3)) if person.circle < 3 else 1
                    details = self._details(person, count)
            for kind, text in details:
                self._add_detail(person, kind, text)

    def _tags(self, person: _Person) -> set[str]:
        rng = self.rng
        tags = set()
        if person.circle == 2 and rng.random() < 0.9:
            tags.add("prescripteur")
        if person.kind == "client":
            tags.add("client")
        if person.kind == "ancien_collegue" and rng.random() < 0.5:
            tags.add("ancien-collegue")
        if person.community and person.kind in ("membre_club", "cci"):
            tags.add(person.community.split()[0].lower())
        if person.pole is Pole.HORS_REGION or rng.random() < 0.08:
            tags.add("export")
        if rng.random() < 0.04:
            tags.add("vip")
        if rng.random() < 0.05:
            tags.add("partenaire")
        return tags

    def _details(self, person: _Person, count: int) -> list[tuple[str, str]]:
        rng = self.rng
        kinds = rng.sample(
            ("conjoint", "enfants", "passion", "projet", "difficulte", "autre"), count
        )
        return [(kind, self._detail_text(kind, person)) for kind in kinds]

    def _detail_text(self, kind: str, person: _Person) -> str:
        rng = self.rng
        if kind == "conjoint":
            spouse_female = (not person.female) if rng.random() < 0.9 else person.female
            spouse = rng.choice(data.FIRST_NAMES_F if spouse_female else data.FIRST_NAMES_M)
            start = rng.choice((f"Marié{'e' if person.female else ''} à", "En couple avec"))
            return f"{start} {spouse}, {rng.choice(data.SPOUSE_JOBS)}"
        if kind == "enfants":
            girl, boy = rng.choice(data.CHILD_NAMES_F), rng.choice(data.CHILD_NAMES_M)
            return rng.choice(data.CHILDREN).format(boy=boy, girl=girl)
        pools = {
            "passion": data.PASSIONS,
            "projet": data.PROJECTS,
            "difficulte": data.DIFFICULTIES,
            "autre": data.OTHER_DETAILS,
        }
        return _gendered(rng.choice(pools[kind]), person.female)

    def _add_detail(self, person: _Person, kind: str, text: str) -> None:
        rng = self.rng
        if rng.random() < 0.08:  # an old detail, no longer true
            noted = self.today - dt.timedelta(days=rng.randint(DAYS_OF_HISTORY + 30, 900))
            noted = max(noted, person.met_on)
            still_true = False
        else:
            noted = self._day(self._since_met(person), workday=False)
            still_true = True
        self._add(
            MemorisedDetail,
            contact=person.id,
            kind=kind,
            text=text,
            noted_on=noted,
            still_true=still_true,
            updated_at=self._at(noted),
        )

    def _build_memberships(self) -> None:
        rng = self.rng
        clubs_and_ccis = [c[0] for c in self.communities if c[1] in ("club", "cci")]
        for person in self.people:
            community = person.community
            if community is None and rng.random() < 0.08:
                community = rng.choice(clubs_and_ccis)
            if community is not None:
                self._add(
                    CommunityMember, community=self.community_ids[community], contact=person.id
                )

    def _build_attendance(self) -> None:
        """Who we met at each past event: first meetings, then community members and locals."""
        rng = self.rng
        met: set[tuple[int, int]] = set(
            (event, person) for person, event in self.first_met_at.items()
        )
        members: dict[str, list[int]] = {}
        for index, person in enumerate(self.people):
            if person.community:
                members.setdefault(person.community, []).append(index)
        present = Counter(self.first_met_at.values())
        per_event = max(60, self.n // 2) / max(1, len(self.past_events))
        for event_index in self.past_events:
            _, _, day, pole, community = self.events[event_index]
            size = max(3, round(per_event * rng.uniform(0.5, 1.5)))
            pools = [members.get(community or "", []), self.by_pole[pole]]
            for pool, share in zip(pools, (0.5, 1.0), strict=True):
                for index in rng.sample(pool, min(len(pool), round(size * share))):
                    if present[event_index] >= size:
                        break
                    key = (event_index, index)
                    if key not in met and self.people[index].met_on <= day:
                        met.add(key)
                        present[event_index] += 1
        self.attendance = sorted(met)
        for event_index, index in self.attendance:
            event_id = self.events[event_index][0]
            self._add(EventContact, event=event_id, contact=self.people[index].id)

    # ----------------------------------------------------------------------- what we do

    def _build_interactions(self) -> None:
        rng = self.rng
        counts = {
            1: _Weighted(rng, dict(zip(range(7), (8, 15, 20, 20, 15, 12, 10), strict=True))),
            2: _Weighted(rng, dict(zip(range(8), (5, 10, 15, 20, 20, 15, 10, 5), strict=True))),
            3: _Weighted(rng, dict(zip(range(5), (20, 30, 25, 15, 10), strict=True))),
        }
        channels = {c: _Weighted(rng, w) for c, w in data.INTERACTION_CHANNELS.items()}
        planned: list[tuple] = []  # (day, order, channel, event index, participants)
        for index, person in enumerate(self.people):
            low = self._since_met(person)
            high = self.today - dt.timedelta(days=75) if rng.random() < 0.2 else self.today
            for _ in range(counts[person.circle]()):
                day = self._day(low, max(low, high))
                participants = (index,)
                if rng.random() < 0.08:
                    participants += (self._companion(index, person),)
                    participants = tuple(dict.fromkeys(participants))
                planned.append((day, rng.random(), channels[person.circle](), None, participants))
        first_meetings = {(event, index) for index, event in self.first_met_at.items()}
        for event_index, index in self.attendance:
            if (event_index, index) in first_meetings or rng.random() < 0.5:
                day = self.events[event_index][2]
                planned.append((day, rng.random(), "evenement", event_index, (index,)))
        planned.sort(key=lambda item: (item[0], item[1]))
        for day, _, channel, event_index, participants in planned:
            self._add_interaction(day, channel, event_index, participants)

    def _companion(self, index: int, person: _Person) -> int:
        if person.introduced_by is not None:
            return person.introduced_by
        return self.rng.choice(self.by_pole[person.pole])

    def _add_interaction(
        self, day: dt.date, channel: str, event_index: int | None, participants: tuple[int, ...]
    ) -> None:
        rng = self.rng
        person = self.people[participants[0]]
        span = data.DURATIONS.get(channel)
        minutes = None
        if span:
            low, high, step = span
            minutes = low + step * rng.randint(0, (high - low) // step)
        notes = ""
        if rng.random() < 0.75:
            event_name = self.events[event_index][1] if event_index is not None else ""
            template = rng.choice(data.INTERACTION_NOTES[channel])
            notes = _gendered(template, person.female).format(city=person.city, event=event_name)
        event_id = self.events[event_index][0] if event_index is not None else None
        interaction_id = self._add(
            Interaction,
            happened_on=day,
            channel=channel,
            duration_minutes=minutes,
            notes=notes,
            event=event_id,
            created_at=self._at(day),
        )
        for index in participants:
            contact_id = self.people[index].id
            self._add(InteractionContact, interaction=interaction_id, contact=contact_id)
            self.last_interaction[index] = (day, interaction_id)

    def _build_follow_ups(self) -> None:
        rng = self.rng
        total = max(12, round(0.3 * self.n))
        states = _split(
            total, {"done": 0.15, "overdue": 0.22, "today": 0.1, "week": 0.2, "later": 0.33}
        )
        rng.shuffle(states)
        if total <= self.n:
            chosen = rng.sample(range(self.n), total)
        else:
            chosen = [rng.randrange(self.n) for _ in range(total)]
        snoozable = False
        for state, index in zip(states, chosen, strict=True):
            person = self.people[index]
            snoozed = closed_by = done = None
            if state == "done":
                if index in self.last_interaction:
                    done, closed_by = self.last_interaction[index]
                else:
                    done = self._day(self._since_met(person))
                due = max(self.start, done - dt.timedelta(days=rng.randint(0, 10)))
            elif state == "overdue":
                due = self.today - dt.timedelta(days=rng.randint(1, 45))
                if snoozable and rng.random() < 0.15:
                    snoozed = self.today + dt.timedelta(days=rng.randint(1, 7))
                snoozable = True  # the first overdue one always stays overdue
            elif state == "today":
                due = self.today
            elif state == "week":
                due = self.today + dt.timedelta(days=rng.randint(1, 6))
            else:
                due = self.today + dt.timedelta(days=rng.randint(7, 90))
            written = due - dt.timedelta(days=rng.randint(7, 40))
            if written > self.today:  # planned recently, for later
                written = self.today - dt.timedelta(days=rng.randint(0, 20))
            written = max(written, self.start)
            self._add(
                FollowUp,
                contact=person.id,
                due_on=due,
                reason=rng.choice(data.FOLLOW_UP_REASONS),
                snoozed_until=snoozed,
                done_on=done,
                closed_by=closed_by,
                created_at=self._at(written),
            )

    # ----------------------------------------------------------------------- what it yields

    def _ranked(self, circle: int, favour_personas: bool) -> list[int]:
        """The people of ``circle``, most active first: personas on top, or an arbitrary order."""
        pool = list(self.by_circle[circle])
        personas = len(data.PERSONAS)
        head = [i for i in pool if i < personas] if favour_personas else []
        rest = [i for i in pool if i not in head]
        self.rng.shuffle(rest)
        return head + rest

    def _build_recommendations(self) -> None:
        rng = self.rng
        recommenders = {
            c: _zipf(rng, self._ranked(c, True), 1.5) for c in (1, 2, 3) if self.by_circle[c]
        }
        circle_of = _Weighted(
            rng, {c: w for c, w in ((2, 60), (1, 25), (3, 15)) if c in recommenders}
        )
        channels = _Weighted(rng, data.RECOMMENDATION_CHANNELS)
        prospects = self.by_circle[1] or list(range(self.n))
        for _ in range(max(12, round(0.12 * self.n))):
            index = recommenders[circle_of()]()
            person = self.people[index]
            received = self._day(self._since_met(person))
            target = rng.choice(prospects) if rng.random() < 0.7 else None
            if target == index:
                target = None
            target_id = self.people[target].id if target is not None else None
            rec_id = self._add(
                Recommendation,
                recommender=person.id,
                recommended_to=target_id,
                for_what=rng.choice(data.RECOMMENDATION_NEEDS),
                received_on=received,
                channel=channels(),
                created_at=self._at(received),
            )
            self.recommendations.append((rec_id, index, received, target))

    def _build_opportunities(self) -> None:
        rng = self.rng
        total = max(16, round(0.15 * self.n))
        from_recs = rng.sample(
            self.recommendations,
            min(len(self.recommendations), round(0.55 * len(self.recommendations)), total // 2),
        )
        from_events = min(len(self.attendance), round(0.2 * total))
        others = _Weighted(rng, data.OPPORTUNITY_CHANNELS)
        planned: list[tuple] = []  # (opened_on, person index, recommendation, event, channel)
        for rec_id, index, received, target in from_recs:
            opened = min(self.today, received + dt.timedelta(days=rng.randint(0, 21)))
            planned.append(
                (opened, target if target is not None else index, rec_id, None, "recommandation")
            )
        for event_index, index in rng.sample(self.attendance, from_events):
            day = self.events[event_index][2]
            opened = min(self.today, day + dt.timedelta(days=rng.randint(0, 30)))
            planned.append((opened, index, None, self.events[event_index][0], "evenement"))
        while len(planned) < total:
            index = rng.randrange(self.n)
            opened = self._day(self._since_met(self.people[index]))
            planned.append((opened, index, None, None, others()))
        for item, stage in zip(planned, self._stages(planned), strict=True):
            self._add_opportunity(*item, stage)

    def _stages(self, planned: list[tuple]) -> list[str]:
        """Stages in every proportion, the older opportunities more often closed."""
        rng = self.rng
        stages = _split(
            len(planned), {"gagnee": 0.28, "perdue": 0.17, "proposition": 0.25, "piste": 0.30}
        )
        closed = [s for s in stages if s in ("gagnee", "perdue")]
        rng.shuffle(closed)
        ordered = closed + [s for s in stages if s == "proposition"]
        ordered += [s for s in stages if s == "piste"]
        age = sorted(
            range(len(planned)), key=lambda i: (planned[i][0].toordinal() + rng.randint(-90, 90), i)
        )
        result = [""] * len(planned)
        for position, i in enumerate(age):
            result[i] = ordered[position]
        return result

    def _add_opportunity(
        self,
        opened: dt.date,
        index: int,
        rec_id: int | None,
        event_id: int | None,
        channel: str,
        stage: str,
    ) -> None:
        rng = self.rng
        person = self.people[index]
        title, low, high = rng.choice(data.OPPORTUNITY_TITLES)
        value = Decimal(rng.randint(low // 100, high // 100) * 100)
        if stage == "piste" and rng.random() < 0.15:
            value = None
        closed = None
        if stage in ("gagnee", "perdue"):
            closed = min(self.today, opened + dt.timedelta(days=rng.randint(10, 120)))
        notes = {
            "gagnee": "Bon de commande signé.",
            "perdue": rng.choice(data.LOST_REASONS),
            "proposition": "Proposition envoyée, relance prévue.",
            "piste": "Premier échange prometteur.",
        }[stage]
        created = self._at(opened)
        updated = self._at(closed or self._day(opened, workday=False))
        self._add(
            Opportunity,
            contact=person.id,
            title=f"{title} — {person.company}"[:200],
            value_eur=value,
            stage=stage,
            opened_on=opened,
            closed_on=closed,
            recommendation=rec_id,
            event=event_id,
            channel=channel,
            notes=notes,
            created_at=created,
            updated_at=max(created, updated),
        )

    def _build_services(self) -> None:
        """What we gave: not to the same people who recommend us, so the balance is uneven."""
        rng = self.rng
        receivers = {
            c: _zipf(rng, self._ranked(c, False), 0.9) for c in (1, 2, 3) if self.by_circle[c]
        }
        circle_of = _Weighted(rng, {c: w for c, w in ((2, 45), (1, 35), (3, 20)) if c in receivers})
        kinds = _Weighted(
            rng, {"mise_en_relation": 45, "conseil": 30, "recommandation": 15, "autre": 10}
        )
        for _ in range(max(12, round(0.12 * self.n))):
            index = receivers[circle_of()]()
            person = self.people[index]
            kind = kinds()
            introduced = None
            if kind == "mise_en_relation":
                other = rng.randrange(self.n)
                other = other if other != index else (other + 1) % self.n
                introduced = self.people[other]
                text = f"Mise en relation avec {introduced.full_name} ({introduced.company})"
            elif kind == "conseil":
                text = rng.choice(data.ADVICE)
            elif kind == "recommandation":
                text = f"Recommandé{'e' if person.female else ''} auprès d'un client"
            else:
                text = rng.choice(data.OTHER_SERVICES)
            given = self._day(self._since_met(person))
            self._add(
                ServiceGiven,
                contact=person.id,
                kind=kind,
                description=text,
                given_on=given,
                introduced=introduced.id if introduced else None,
                created_at=self._at(given),
            )

    def _build_involvements(self) -> None:
        rng = self.rng
        per_role = {"responsable": 14, "actif": 6, "passif": 1}
        for name, _, role, *_ in self.communities:
            templates = data.INVOLVEMENTS[role]
            count = per_role[role] + (rng.randint(0, 1) if role == "passif" else 0)
            for k in range(count):
                kind, description, hours = templates[k % len(templates)]
                middle = self.start + dt.timedelta(days=int((k + 0.5) * DAYS_OF_HISTORY / count))
                day = self._day(
                    max(self.start, middle - dt.timedelta(days=10)),
                    min(self.today, middle + dt.timedelta(days=10)),
                )
                self._add(
                    Involvement,
                    community=self.community_ids[name],
                    kind=kind,
                    description=description,
                    happened_on=day,
                    hours=Decimal(hours),
                )
