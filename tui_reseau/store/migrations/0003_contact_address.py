"""A postal address on the contact: the street lines (city and postcode have their own columns).

Added for the imports (vCard ADR); existing contacts get an empty address.
"""

from peewee import SQL, TextField


def up(migrator, db):
    # A DEFAULT in the schema too: rows inserted by SQL that predates the column stay valid.
    column = TextField(default="", constraints=[SQL("DEFAULT ''")])
    migrator.migrate(migrator.add_column("contact", "address", column))


def down(migrator, db):
    migrator.migrate(migrator.drop_column("contact", "address"))
