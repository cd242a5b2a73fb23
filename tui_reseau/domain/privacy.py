"""RGPD rights on one person of the network: access, erasure, and the contacts kept too long.

**Access** (:func:`person_data`): everything held on a person, as JSON-ready data: the contact's
fields, tags, memorised details, interactions (with the other participants named), follow-ups,
events where we met them, communities, recommendations given or received, opportunities,
services, who introduced them and whom they introduced, and the places where their name, e-mail
or phone number appear in other records' free text (« mentions »).

**Erasure** (:func:`forget_person`), in one transaction: the contact and what is theirs
(details, tags, follow-ups, opportunities, services received, attendance, memberships) go with
the row (``ON DELETE CASCADE``); interactions where they were the only participant are deleted,
shared ones lose them as a participant; references in others' records become empty (« présenté
par », recommender, person introduced: ``ON DELETE SET NULL``); and their full name, e-mail and
phone number (in its usual spellings), and their last name alone when no one else bears it, are
replaced by « [personne effacée] » wherever they appear in free text. Then, on SQLite, no trace
is left in the file: ``secure_delete`` zeroes the freed bytes, ``VACUUM`` rewrites the database
(stale bytes from older edits included) and ``wal_checkpoint(TRUNCATE)`` empties the ``-wal``.
Backups made before still hold the person: the command lists them.

**Retention** (:func:`stale_contacts`): contacts with no interaction for N years (the CNIL's
recommendation for prospects is three), dated by their last interaction, or the meeting, or
their creation when there was none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee
from peewee import JOIN, fn

from tui_reseau.domain.network_json import json_value
from tui_reseau.domain.phones import format_phone
from tui_reseau.errors import ReseauError
from tui_reseau.store.models import (
    ALL_MODELS,
    BaseModel,
    CommunityMember,
    Contact,
    ContactTag,
    Event,
    EventContact,
    FollowUp,
    Interaction,
    InteractionContact,
    MemorisedDetail,
    Opportunity,
    Recommendation,
    ServiceGiven,
    database_proxy,
)
from tui_reseau.store.word_index import compact_word_index

ERASED = "[personne effacée]"
ACCESS_FORMAT = "tui-reseau/acces-rgpd"
CHOICES = 9
"""People listed when a query is ambiguous."""

_NUMBER = re.compile(r"\s*(?:n°\s*|#)?(\d{1,12})\s*")
_SEPARATOR = r"[ .\-]?"
# Free-text columns are scrubbed; short code columns and validated identifiers are not.
# Other people's names stay theirs, even a namesake's.
_NOT_FREE_TEXT = {
    (Contact, name) for name in ("email", "phone", "linkedin_url", "first_name", "last_name")
}
_CODE_MAX_LENGTH = 30


class PersonNotFound(ReseauError):
    """No contact matches the query."""


class AmbiguousPerson(ReseauError):
    """Several contacts match the query as well: ``matches`` lists them, best first."""

    def __init__(self, message: str, hint: str, matches: list[Any]) -> None:
        super().__init__(message, hint)
        self.matches = matches


def find_person(query: str, command: str = "reseau privacy export") -> int:
    """The id of the one contact ``query`` designates: ``#12``, ``12``, or a fuzzy name.

    Raises PersonNotFound, or AmbiguousPerson (with the close matches) when several people
    match as well, so that nobody is erased by a guess.
    """
    from tui_reseau.domain.lookup import close_matches, find_people

    number = _NUMBER.fullmatch(query)
    if number and Contact.select().where(Contact.id == int(number.group(1))).exists():
        return int(number.group(1))
    matches = find_people(query, limit=CHOICES + 1, names_first=True)
    if not matches:
        raise PersonNotFound(
            f"Personne ne correspond à « {query} ».",
            "Essayez une partie du nom, ou le n° du contact : reseau search MOT.",
        )
    close = close_matches(matches)
    if len(close) > 1:
        many = f"Au moins {len(close)}" if len(close) > CHOICES else str(len(close))
        raise AmbiguousPerson(
            f"{many} personnes correspondent à « {query} ».",
            f"Précisez le nom, ou choisissez par numéro : {command} {close[0].id}",
            close[:CHOICES],
        )
    return matches[0].id


# --------------------------------------------------------------------------------- access


def _row(model: type[BaseModel], instance: BaseModel, skip: tuple[str, ...] = ()) -> dict:
    return {
        f.name: json_value(instance.__data__.get(f.name))
        for f in model._meta.sorted_fields
        if f.name not in skip
    }


def _plain(query: peewee.ModelSelect, skip: tuple[str, ...] = ()) -> list[dict]:
    return [{k: json_value(v) for k, v in row.items() if k not in skip} for row in query.dicts()]


def _names(ids: set[int]) -> dict[int, str]:
    query = Contact.select(Contact.id, Contact.first_name, Contact.last_name).where(
        Contact.id.in_(list(ids))
    )
    return {cid: f"{first} {last}".strip() for cid, first, last in query.tuples()}


def _person_ref(contact_id: int | None, names: dict[int, str]) -> dict | None:
    if contact_id is None:
        return None
    return {"id": contact_id, "nom": names.get(contact_id, "")}


def person_data(contact_id: int, now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything held on one contact (RGPD right of access), JSON-ready.

    Raises PersonNotFound when the contact does not exist.
    """
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise PersonNotFound(f"Aucun contact n° {contact_id}.")
    interactions = list(
        Interaction.select()
        .join(InteractionContact)
        .where(InteractionContact.contact == contact_id)
        .order_by(Interaction.happened_on, Interaction.id)
        .dicts()
    )
    participants: dict[int, list[int]] = {}
    for interaction_id, other in (
        InteractionContact.select(InteractionContact.interaction, InteractionContact.contact)
        .where(
            InteractionContact.interaction.in_([i["id"] for i in interactions]),
            InteractionContact.contact != contact_id,
        )
        .tuples()
    ):
        participants.setdefault(interaction_id, []).append(other)
    given = list(Recommendation.select().where(Recommendation.recommender == contact_id).dicts())
    received = list(
        Recommendation.select().where(Recommendation.recommended_to == contact_id).dicts()
    )
    introduced = list(
        Contact.select(Contact.id).where(Contact.introduced_by == contact_id).tuples()
    )
    services = list(ServiceGiven.select().where(ServiceGiven.contact == contact_id).dicts())
    services_introduced = list(
        ServiceGiven.select().where(ServiceGiven.introduced == contact_id).dicts()
    )
    people = {o for ids in participants.values() for o in ids} | {r[0] for r in introduced}
    people |= {r["recommended_to"] for r in given} | {r["recommender"] for r in received}
    people |= {s["introduced"] for s in services} | {s["contact"] for s in services_introduced}
    people |= {contact.introduced_by_id}
    names = _names({p for p in people if p is not None})
    return {
        "format": ACCESS_FORMAT,
        "exported_at": (now or dt.datetime.now()).replace(microsecond=0).isoformat(),
        "contact": _row(Contact, contact, skip=("introduced_by",)),
        "présenté_par": _person_ref(contact.introduced_by_id, names),
        "a_présenté": [_person_ref(r[0], names) for r in introduced],
        "étiquettes": [t.name for t in contact.tag_rows.order_by(ContactTag.name)],
        "détails_mémorisés": _plain(
            MemorisedDetail.select().where(MemorisedDetail.contact == contact_id), ("contact",)
        ),
        "échanges": [
            {
                **{k: json_value(v) for k, v in i.items()},
                "autres_participants": [
                    _person_ref(o, names) for o in sorted(participants.get(i["id"], []))
                ],
            }
            for i in interactions
        ],
        "relances": _plain(FollowUp.select().where(FollowUp.contact == contact_id), ("contact",)),
        "événements": _plain(
            Event.select().join(EventContact).where(EventContact.contact == contact_id)
        ),
        "communautés": [
            {"id": m.community.id, "nom": m.community.name}
            for m in CommunityMember.select().where(CommunityMember.contact == contact_id)
        ],
        "recommandations_données": [
            {**_plain_dict(r), "recommandé_à": _person_ref(r["recommended_to"], names)}
            for r in given
        ],
        "recommandations_reçues": [
            {**_plain_dict(r), "recommandé_par": _person_ref(r["recommender"], names)}
            for r in received
        ],
        "opportunités": _plain(
            Opportunity.select().where(Opportunity.contact == contact_id), ("contact",)
        ),
        "services_rendus": [
            {**_plain_dict(s), "personne_présentée": _person_ref(s["introduced"], names)}
            for s in services
        ],
        "présenté_lors_de_services": [
            {**_plain_dict(s), "à": _person_ref(s["contact"], names)} for s in services_introduced
        ],
        "mentions": _mentions(_Identity.of(contact), exclude_contact=contact_id),
    }


def _plain_dict(row: dict) -> dict:
    return {k: json_value(v) for k, v in row.items()}


# --------------------------------------------------------------------------------- identity


@dataclass(slots=True)
class _Identity:
    """How a person may be written in free text: patterns to find, LIKE filters to pre-select."""

    name: str
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    likes: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, contact: Contact, *, last_name_alone: bool = False) -> _Identity:
        identity = cls(contact.full_name)
        first, last = contact.first_name.strip(), contact.last_name.strip()
        for words in ((first, last), (last, first)) if first and last else ((first or last,),):
            parts = " ".join(words).split()
            if parts:
                identity.add(r"\s+".join(map(re.escape, parts)), parts)
        if last_name_alone and len(last) >= 3:
            identity.add(r"\s+".join(map(re.escape, last.split())), last.split())
        if contact.email:
            identity.add(re.escape(contact.email), [contact.email])
        if contact.phone:
            identity.add_phone(contact.phone)
        return identity

    def add(self, regex: str, like: Sequence[str]) -> None:
        """Find ``regex`` (whole words, any case); pre-select rows holding ``like``'s parts."""
        self.patterns.append(re.compile(rf"(?<!\w){regex}(?!\w)", re.IGNORECASE))
        if like:  # LIKE only folds ASCII case: other letters become "_" (any one character)
            loose = ["".join(c if c.isascii() and c not in "%_" else "_" for c in p) for p in like]
            self.likes.append("%" + "%".join(loose) + "%")

    def add_phone(self, e164: str) -> None:
        spellings = {e164}
        national = format_phone(e164).replace(" ", "")
        if national and national != e164:
            spellings.add(national)
        for spelling in spellings:
            digits = spelling.lstrip("+")
            body = _SEPARATOR.join(digits)
            prefix = r"\+" if spelling.startswith("+") else ""
            self.add(prefix + body, list(digits))
        if e164.startswith("+33") and len(e164) == 12:  # +33 (0)6 12…
            self.add(r"\+33" + _SEPARATOR + r"\(0\)" + _SEPARATOR + _SEPARATOR.join(e164[3:]), [])

    def scrub(self, text: str) -> str:
        for pattern in self.patterns:
            text = pattern.sub(ERASED, text)
        return text


def _free_text_fields() -> list[tuple[type[BaseModel], peewee.Field]]:
    found = []
    for model in ALL_MODELS:
        for f in model._meta.sorted_fields:
            if (model, f.name) in _NOT_FREE_TEXT or isinstance(f, peewee.ForeignKeyField):
                continue
            if isinstance(f, peewee.TextField) or (
                isinstance(f, peewee.CharField) and (f.max_length or 255) > _CODE_MAX_LENGTH
            ):
                found.append((model, f))
    return found


def _mentioning(identity: _Identity, model: type[BaseModel], f: peewee.Field) -> list[tuple]:
    """(primary key, text) of the rows whose ``f`` may mention the person (LIKE: a superset)."""
    condition = None
    for like in identity.likes:
        condition = f**like if condition is None else (condition | f**like)
    pk = model._meta.primary_key
    return list(model.select(pk, f).where(condition).tuples()) if condition is not None else []


def _mentions(identity: _Identity, exclude_contact: int) -> list[dict]:
    found = []
    for model, f in _free_text_fields():
        for key, text in _mentioning(identity, model, f):
            if model is Contact and key == exclude_contact:
                continue
            own = getattr(model, "contact", None)
            if isinstance(own, peewee.ForeignKeyField):
                holder = model.select(own).where(model._meta.primary_key == key).scalar()
                if holder == exclude_contact:
                    continue
            if text and any(p.search(text) for p in identity.patterns):
                table = model._meta.table_name
                found.append({"table": table, "id": key, "champ": f.name, "texte": text})
    return found


# --------------------------------------------------------------------------------- forget


@dataclass(frozen=True, slots=True)
class ForgetResult:
    """What erasing a person did."""

    name: str
    interactions_deleted: int
    texts_anonymised: int
    file_cleaned: bool  # SQLite: VACUUM and the WAL emptied; False: another program held it
    note: str = ""


def _lonely_interactions(contact_id: int) -> list[int]:
    query = (
        Interaction.select(Interaction.id)
        .join(InteractionContact, JOIN.LEFT_OUTER)
        .where(
            Interaction.id.in_(
                InteractionContact.select(InteractionContact.interaction).where(
                    InteractionContact.contact == contact_id
                )
            )
        )
        .group_by(Interaction.id)
        .having(fn.COUNT(InteractionContact.id) == 1)
    )
    return [row[0] for row in query.tuples()]


def forget_person(contact_id: int) -> ForgetResult:
    """Erase a contact and every trace of them (see the module's docstring), in one transaction.

    Raises PersonNotFound when the contact does not exist. On SQLite, the file is then
    vacuumed and its WAL emptied; ``file_cleaned`` is False when another program kept it busy
    (the bytes go when it closes), with a French ``note`` saying so.
    """
    database = database_proxy.obj
    sqlite = isinstance(database, peewee.SqliteDatabase)
    if sqlite:
        database.execute_sql("PRAGMA secure_delete = ON")
    try:
        with database.atomic():
            contact = Contact.get_or_none(Contact.id == contact_id)
            if contact is None:
                raise PersonNotFound(f"Aucun contact n° {contact_id}.")
            namesakes = (
                Contact.select()
                .where(
                    fn.LOWER(Contact.last_name) == contact.last_name.lower(),
                    Contact.id != contact_id,
                )
                .exists()
            )
            identity = _Identity.of(contact, last_name_alone=not namesakes)
            lonely = _lonely_interactions(contact_id)
            contact.delete_instance()  # CASCADE and SET NULL are the schema's (migration 0001)
            if lonely:
                Interaction.delete().where(Interaction.id.in_(lonely)).execute()
            changed = 0
            for model, f in _free_text_fields():
                for key, text in _mentioning(identity, model, f):
                    new = identity.scrub(text or "")
                    if new != text:
                        model.update({f: new}).where(model._meta.primary_key == key).execute()
                        changed += 1
            compact_word_index(database)  # the index would keep their words otherwise
    finally:
        if sqlite:
            database.execute_sql("PRAGMA secure_delete = OFF")
    if not sqlite:
        return ForgetResult(
            identity.name,
            len(lonely),
            changed,
            file_cleaned=False,
            note="PostgreSQL : lancez VACUUM FULL pour que les anciennes lignes "
            "disparaissent aussi du disque.",
        )
    cleaned = _clean_file(database)
    note = (
        ""
        if cleaned
        else (
            "Une autre session de reseau garde la base ouverte : les octets effacés disparaîtront "
            "du fichier -wal à sa fermeture."
        )
    )
    return ForgetResult(identity.name, len(lonely), changed, cleaned, note)


def _clean_file(database: peewee.SqliteDatabase) -> bool:
    """VACUUM then empty the WAL; False when another connection prevented it."""
    try:
        database.execute_sql("VACUUM")
        busy, _log, _done = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except peewee.OperationalError:
        return False
    return busy == 0


# --------------------------------------------------------------------------------- stale


@dataclass(frozen=True, slots=True)
class StaleContact:
    """A contact with no interaction for a long time."""

    id: int
    name: str
    company: str
    city: str
    last_seen: dt.date
    seen_by: str  # "échange", "rencontre" or "création"


def years_before(day: dt.date, years: int) -> dt.date:
    """``day`` minus ``years`` years (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def stale_contacts(years: int, today: dt.date) -> list[StaleContact]:
    """Contacts whose last interaction (or meeting, or creation) is over ``years`` years old.

    Oldest first. Raises ReseauError when ``years`` is not between 1 and 50.
    """
    if not 1 <= years <= 50:
        raise ReseauError(
            f"--years {years} : le nombre d'années doit aller de 1 à 50.",
            "La CNIL recommande 3 ans pour les prospects : reseau privacy stale --years 3",
        )
    cutoff = years_before(today, years)
    last = dict(
        InteractionContact.select(InteractionContact.contact, fn.MAX(Interaction.happened_on))
        .join(Interaction)
        .group_by(InteractionContact.contact)
        .tuples()
    )
    found = []
    query = Contact.select(
        Contact.id,
        Contact.first_name,
        Contact.last_name,
        Contact.company,
        Contact.city,
        Contact.met_on,
        Contact.created_at,
    ).tuples()
    for cid, first, last_name, company, city, met_on, created_at in query:
        seen = last.get(cid)
        if isinstance(seen, str):  # MAX() comes back as text from SQLite
            seen = dt.date.fromisoformat(seen)
        if seen is not None:
            day, how = seen, "échange"
        elif met_on is not None:
            day, how = met_on, "rencontre"
        else:
            day, how = created_at.date(), "création"
        if day < cutoff:
            name = f"{first} {last_name}".strip()
            found.append(StaleContact(cid, name, company, city, day, how))
    found.sort(key=lambda s: (s.last_seen, s.id))
    return found
