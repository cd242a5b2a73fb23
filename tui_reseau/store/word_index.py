"""The word index of contacts: SQLite's full-text index (FTS5) over names, company, role, city.

Created by migration 0004 on SQLite files (PostgreSQL has none: the lookups read with
``ILIKE`` there). SQLite folds the words itself (lower case, accents removed:
``unicode61 remove_diacritics 2``) and triggers keep the index in step with ``contact``
whichever program writes, so a lookup from the shell reads a few index pages instead of the
whole table. The index holds no copy of the texts (``content='contact'``) but does hold the
words: :func:`compact_word_index` rewrites it without those of deleted contacts.
"""

from __future__ import annotations

import peewee

WORD_TABLE = "contact_words"
WORD_COLUMNS = ("first_name", "last_name", "company", "role", "city")
NAME_COLUMNS = ("first_name", "last_name")
TERMS_TABLE = "contact_terms"
"""Every word of the index once (an ``fts5vocab`` table, made per connection in ``temp``)."""


def has_word_index(database: peewee.Database) -> bool:
    """True when ``database`` is a SQLite file holding the word index."""
    if not isinstance(database, peewee.SqliteDatabase):
        return False
    row = database.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (WORD_TABLE,)
    ).fetchone()
    return row is not None


def create_word_index(database: peewee.Database) -> bool:
    """Create the index, its triggers, and fill it from ``contact``; False when this SQLite
    library has no FTS5 (the lookups then read with ``LIKE``)."""
    columns = ", ".join(WORD_COLUMNS)
    try:
        database.execute_sql(
            f"CREATE VIRTUAL TABLE {WORD_TABLE} USING fts5({columns}, content='contact', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
    except peewee.OperationalError as exc:
        if "fts5" in str(exc):
            return False
        raise
    new = ", ".join(f"new.{c}" for c in WORD_COLUMNS)
    old = ", ".join(f"old.{c}" for c in WORD_COLUMNS)
    remove = f"INSERT INTO {WORD_TABLE}({WORD_TABLE}, rowid, {columns}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {WORD_TABLE}(rowid, {columns}) VALUES (new.id, {new});"
    database.execute_sql(
        f"CREATE TRIGGER {WORD_TABLE}_insert AFTER INSERT ON contact BEGIN {add} END"
    )
    database.execute_sql(
        f"CREATE TRIGGER {WORD_TABLE}_delete AFTER DELETE ON contact BEGIN {remove} END"
    )
    database.execute_sql(
        f"CREATE TRIGGER {WORD_TABLE}_update AFTER UPDATE OF {columns} ON contact "
        f"BEGIN {remove} {add} END"
    )
    database.execute_sql(f"INSERT INTO {WORD_TABLE}({WORD_TABLE}) VALUES ('rebuild')")
    return True


def ensure_word_index(database: peewee.Database) -> None:
    """Create the index if a SQLite file lacks it although this SQLite has FTS5 (the file was
    migrated by a Python whose SQLite had none): one lookup in ``sqlite_master`` otherwise."""
    if not isinstance(database, peewee.SqliteDatabase) or has_word_index(database):
        return
    try:
        with database.atomic():
            create_word_index(database)
    except peewee.OperationalError:  # read-only file, or another process creating it now:
        pass  # the lookups read with LIKE meanwhile


def drop_word_index(database: peewee.Database) -> None:
    """Remove the index and its triggers (migration 0004's ``down``)."""
    for event in ("insert", "delete", "update"):
        database.execute_sql(f"DROP TRIGGER IF EXISTS {WORD_TABLE}_{event}")
    database.execute_sql(f"DROP TABLE IF EXISTS {WORD_TABLE}")


def compact_word_index(database: peewee.Database) -> None:
    """Rewrite the index in one piece: the words of deleted contacts leave its pages.

    A deletion only marks the words as gone until SQLite merges the index's pieces; erasing a
    person (RGPD) must not leave their name there. No-op without the index.
    """
    if has_word_index(database):
        database.execute_sql(f"INSERT INTO {WORD_TABLE}({WORD_TABLE}) VALUES ('optimize')")
