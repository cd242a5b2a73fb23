"""What the readers produce: incoming people, rejected lines, warnings, and the final report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class IncomingPerson:
    """One person read from a file, as raw text (validated later, like the contact form).

    ``line`` is where the record starts in the file (1-based), quoted back in the report.
    The first e-mail and phone go to the contact's fields, the others into its notes.
    """

    line: int
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    address: str = ""
    city: str = ""
    postcode: str = ""
    linkedin_url: str = ""
    notes: str = ""
    tags: str = ""
    circle: str = ""  # as written in the file ("2", "cercle 2"); blank: the import's default
    kind: str = ""
    birthday: dt.date | None = None
    met_on: dt.date | None = None
    met_via: str = ""
    extras: list[tuple[str, str]] = field(default_factory=list)  # (French label, text) → notes
    warnings: list[str] = field(default_factory=list)  # repairs made while reading

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class LineIssue:
    """A line that was rejected (``rejected``) or imported with a repair (warning)."""

    line: int
    message: str


@dataclass(slots=True)
class ParsedFile:
    """Everything a reader got out of one file."""

    people: list[IncomingPerson] = field(default_factory=list)
    rejected: list[LineIssue] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        """Records read: people plus rejected lines."""
        return len(self.people) + len(self.rejected)


@dataclass(frozen=True, slots=True)
class Merged:
    """An incoming person merged into an existing contact (only empty fields were filled)."""

    line: int
    contact_id: int
    name: str
    filled: tuple[str, ...]  # French labels of the fields filled; empty: nothing new


@dataclass(frozen=True, slots=True)
class CloseMatch:
    """An incoming person who resembles an existing contact without being surely the same."""

    line: int
    incoming: str  # « Prénom Nom — Entreprise »
    contact_id: int
    existing: str
    score: int  # 0–100


@dataclass(slots=True)
class ImportReport:
    """What an import did, line by line where something went wrong."""

    read: int = 0
    created: int = 0
    merged: list[Merged] = field(default_factory=list)
    skipped: list[CloseMatch] = field(default_factory=list)  # close matches not merged
    undecided: bool = False  # close matches were skipped for want of a decision
    same_as_earlier: list[LineIssue] = field(default_factory=list)  # the file repeats someone
    rejected: list[LineIssue] = field(default_factory=list)
    warnings: list[LineIssue] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def complete(self) -> bool:
        """True when every line read went in: nothing rejected, no close match left undecided."""
        return not self.rejected and not (self.skipped and self.undecided)
