"""Running an import: check every person, find who is already known, then write everything in
one transaction (or nothing, on an error or a dry run) and report what happened line by line.

Merging never overwrites what the user wrote: only the existing contact's empty fields are
filled, notes from the file are added below the user's, missing tags are added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import peewee

from tui_reseau.domain.importers.matching import ExactIndex, Keys, KnownContacts, describe
from tui_reseau.domain.importers.prepare import Prepared, prepare
from tui_reseau.domain.importers.records import (
    CloseMatch,
    ImportReport,
    LineIssue,
    Merged,
    ParsedFile,
)
from tui_reseau.errors import ReseauError
from tui_reseau.store.models import Contact, ContactTag, database_proxy

BATCH = 500  # rows per INSERT: under SQLite's 32,766 variables with the contact's 26 columns

# Fields an import may fill on an existing contact, with their French label for the report.
FILLABLE: dict[str, str] = {
    "first_name": "prénom",
    "last_name": "nom",
    "company": "entreprise",
    "role": "fonction",
    "email": "e-mail",
    "phone": "téléphone",
    "address": "adresse",
    "city": "ville",
    "postcode": "code postal",
    "pole": "pôle",
    "linkedin_url": "profil LinkedIn",
    "birthday": "anniversaire",
    "met_via": "canal de rencontre",
    "met_on": "date de rencontre",
}

Decide = Callable[[CloseMatch], bool]
"""Asked for each close match once the file is checked: True merges, False skips."""


class ImportFailed(ReseauError):
    """The database refused a write: everything was rolled back."""


class _DryRun(Exception):
    """Raised inside the transaction of a dry run to roll it back."""


@dataclass(slots=True)
class Plan:
    """What an import will do, decided before anything is written."""

    report: ImportReport
    creates: list[Prepared] = field(default_factory=list)
    merges: list[tuple[Prepared, int]] = field(default_factory=list)  # (person, contact id)
    close: list[tuple[Prepared, CloseMatch]] = field(default_factory=list)


def plan_import(parsed: ParsedFile, *, circle: int = 3) -> Plan:
    """Check each person and match them: creations, exact merges and close matches to decide.

    Reads the existing contacts once; writes nothing. People repeated in the file are folded
    into their first occurrence.
    """
    report = ImportReport(read=parsed.read, rejected=list(parsed.rejected))
    report.unknown_columns = list(parsed.unknown_columns)
    plan = Plan(report)
    known = KnownContacts.load()
    in_file = ExactIndex()
    for person in parsed.people:
        prepared = prepare(person, circle)
        if isinstance(prepared, LineIssue):
            report.rejected.append(prepared)
            continue
        report.warnings.extend(LineIssue(prepared.line, w) for w in prepared.warnings)
        keys = Keys.of(prepared.values)
        earlier = in_file.find(keys)
        if isinstance(earlier, Prepared):
            _fold_into(earlier, prepared)
            report.same_as_earlier.append(
                LineIssue(prepared.line, f"même personne que la ligne {earlier.line}")
            )
            continue
        contact_id = known.exact.find(keys)
        if isinstance(contact_id, int):
            plan.merges.append((prepared, contact_id))
        elif hit := known.fuzzy.best(keys):
            match = CloseMatch(
                prepared.line, describe(prepared.values), hit[0], known.labels[hit[0]], hit[1]
            )
            plan.close.append((prepared, match))
        else:
            plan.creates.append(prepared)
        in_file.add(keys, prepared)
    report.rejected.sort(key=lambda issue: issue.line)
    return plan


def _fold_into(first: Prepared, again: Prepared) -> None:
    """A person met twice in the file: the second occurrence fills the first's empty fields."""
    for key in FILLABLE:
        if not first.values.get(key) and again.values.get(key):
            first.values[key] = again.values[key]
    notes = str(again.values.get("notes") or "")
    if notes and notes not in str(first.values.get("notes") or ""):
        first.values["notes"] = "\n".join(filter(None, (str(first.values["notes"]), notes)))
    first.tags = first.tags + tuple(t for t in again.tags if t not in first.tags)
    first.warnings.extend(again.warnings)


def run_import(plan: Plan, decide: Decide | None = None, *, dry_run: bool = False) -> ImportReport:
    """Write ``plan`` in one transaction and return its report.

    ``decide`` settles each close match (None: they are all skipped and listed as undecided).
    With ``dry_run`` everything is written then rolled back, so the report is the real one.
    Raises ImportFailed (nothing written) when the database refuses a row.
    """
    report = plan.report
    report.dry_run = dry_run
    merges = list(plan.merges)
    for prepared, match in plan.close:
        if decide is not None and decide(match):
            merges.append((prepared, match.contact_id))
        else:
            report.skipped.append(match)
    report.undecided = decide is None and bool(report.skipped)
    try:
        with database_proxy.atomic():
            report.created = _create(plan.creates)
            report.merged = _merge(merges, report.rejected)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except peewee.DatabaseError as exc:
        raise _refused(exc, "") from exc
    report.merged.sort(key=lambda m: m.line)
    report.rejected.sort(key=lambda issue: issue.line)
    return report


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# Every column but the id, in the model's order: the order Peewee writes an INSERT's columns in.
_COLUMNS = tuple(f.name for f in Contact._meta.sorted_fields if f.name != "id")
_STAMPS = frozenset({"created_at", "updated_at"})


def _create(people: list[Prepared]) -> int:
    """Insert ``people`` in file order, with their tags; return how many were created.

    A batch without tags (every LinkedIn row) goes through one prepared ``executemany``, ten
    times faster than Peewee building a 500-row statement; a batch with tags through
    ``insert_many … RETURNING id``, whose ids the tags need.
    """
    now = _now()
    fields = [getattr(Contact, name) for name in _COLUMNS]
    plain_sql, _ = Contact.insert(dict.fromkeys(fields)).sql()
    cursor = database_proxy.cursor()
    for start in range(0, len(people), BATCH):
        batch = people[start : start + BATCH]
        try:
            if not any(p.tags for p in batch):
                params = [
                    [f.db_value(v) for f, v in zip(fields, _row(p, now), strict=True)]
                    for p in batch
                ]
                with peewee.__exception_wrapper__:  # driver errors as Peewee's, like any query
                    cursor.executemany(plain_sql, params)
                continue
            rows = [_row(p, now) for p in batch]
            query = Contact.insert_many(rows, fields=fields).returning(Contact.id).tuples()
            ids = [row[0] for row in query.execute()]
            _add_tags((cid, p.tags) for cid, p in zip(ids, batch, strict=True))
        except peewee.DatabaseError as exc:
            raise _refused(
                exc, f" en écrivant les lignes {batch[0].line} à {batch[-1].line}"
            ) from exc
    return len(people)


def _refused(exc: Exception, where: str) -> ImportFailed:
    return ImportFailed(
        f"La base a refusé l'import{where} ({str(exc)[:120]}). "
        "Rien n'a été importé : la base est telle qu'avant.",
        "Relancez avec --dry-run pour voir le rapport ; si l'erreur persiste, "
        "vérifiez la base (reseau locate) et l'espace disque.",
    )


def _row(person: Prepared, now: dt.datetime) -> tuple[object, ...]:
    return tuple(now if name in _STAMPS else person.values.get(name) for name in _COLUMNS)


def _add_tags(pairs: Iterable[tuple[int, Iterable[str]]]) -> None:
    rows = [(cid, tag) for cid, tags in pairs for tag in tags]
    for start in range(0, len(rows), BATCH):
        ContactTag.insert_many(rows[start : start + BATCH], fields=["contact", "name"]).execute()


def _merge(merges: list[tuple[Prepared, int]], rejected: list[LineIssue]) -> list[Merged]:
    """Fill the empty fields of existing contacts; add notes and tags they lack.

    A contact deleted since the plan was made cannot take the merge: the line goes to
    ``rejected`` (never silently dropped, never turned into a new contact).
    """
    ids = sorted({cid for _, cid in merges})
    existing: dict[int, Contact] = {}
    tags: dict[int, set[str]] = {cid: set() for cid in ids}
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        existing.update((c.id, c) for c in Contact.select().where(Contact.id.in_(chunk)))
        query = ContactTag.select(ContactTag.contact, ContactTag.name)
        for cid, name in query.where(ContactTag.contact.in_(chunk)).tuples():
            tags[cid].add(name)
    done: list[Merged] = []
    for prepared, cid in merges:
        contact = existing.get(cid)
        if contact is None:
            rejected.append(
                LineIssue(prepared.line, f"le contact n° {cid} a été supprimé pendant l'import")
            )
            continue
        filled = _fill(contact, prepared.values)
        new_tags = [t for t in prepared.tags if t not in tags[cid]]
        if new_tags:
            tags[cid].update(new_tags)
            _add_tags([(cid, new_tags)])
            filled.append("étiquettes")
        if filled:
            contact.updated_at = _now()
            contact.save()
        done.append(Merged(prepared.line, cid, contact.full_name, tuple(filled)))
    return done


def _fill(contact: Contact, values: dict[str, object]) -> list[str]:
    """Set the empty fields of ``contact`` from ``values``; return the labels of those filled."""
    filled: list[str] = []
    for key, label in FILLABLE.items():
        value = values.get(key)
        if value and not getattr(contact, key):
            setattr(contact, key, value)
            filled.append(label)
    notes = str(values.get("notes") or "").strip()
    extra = [line for line in notes.splitlines() if line.strip() and line not in contact.notes]
    if extra:
        contact.notes = "\n".join(filter(None, (contact.notes.rstrip(), *extra)))
        filled.append("notes")
    return filled
