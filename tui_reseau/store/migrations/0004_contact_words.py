"""The word index of contacts (SQLite FTS5, see ``tui_reseau.store.word_index``): ``reseau
brief`` and ``reseau search`` find a person at 100,000 contacts by reading index pages, not
the table.

SQLite only, and only when its library has FTS5 (Python's builds do): elsewhere nothing is
created and the lookups read with ``LIKE`` / ``ILIKE`` as before.
"""

from peewee import SqliteDatabase

from tui_reseau.store.word_index import create_word_index, drop_word_index


def up(migrator, db):
    if isinstance(db, SqliteDatabase):
        create_word_index(db)


def down(migrator, db):
    if isinstance(db, SqliteDatabase):
        drop_word_index(db)
