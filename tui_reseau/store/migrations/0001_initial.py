"""The first schema of tui_reseau: contacts, details, interactions, follow-ups, events,
communities, recommendations, opportunities, services given, settings.

Generated with ``python -m playhouse.migrations … initial`` from the models of that day, then
frozen: later schema changes go in new numbered files, never here.
"""

import datetime

from peewee import *


def up(migrator, db):
    class Community(Model):
        name = CharField(unique=True, max_length=120)
        kind = CharField(max_length=20)
        role = CharField(max_length=20, default="passif")
        pole = CharField(null=True, max_length=20)
        joined_on = DateField(null=True)
        notes = TextField(default="")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "community"

    db.create_tables([Community])

    class Contact(Model):
        first_name = CharField(max_length=100, default="")
        last_name = CharField(max_length=100, default="")
        company = CharField(max_length=200, default="")
        role = CharField(max_length=200, default="")
        email = CharField(index=True, null=True, max_length=254)
        phone = CharField(index=True, null=True, max_length=20)
        city = CharField(max_length=100, default="")
        postcode = CharField(max_length=10, default="")
        pole = CharField(index=True, null=True, max_length=20)
        sector = CharField(index=True, null=True, max_length=30)
        circle = SmallIntegerField(index=True, constraints=[Check("circle IN (1, 2, 3)")])
        kind = CharField(null=True, max_length=30)
        qualified_on = DateField(index=True, null=True)
        met_via = CharField(null=True, max_length=30)
        met_on = DateField(null=True)
        introduced_by = ForeignKeyField("self", null=True, on_delete="SET NULL")
        linkedin_url = CharField(index=True, null=True, max_length=300)
        birthday = DateField(null=True)
        cadence_days = IntegerField(null=True)
        notes = TextField(default="")
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "contact"

    db.create_tables([Contact])

    class CommunityMember(Model):
        community = ForeignKeyField(Community, on_delete="CASCADE")
        contact = ForeignKeyField(Contact, on_delete="CASCADE")

        class Meta:
            database = db
            table_name = "community_member"
            indexes = ((("community", "contact"), True),)

    db.create_tables([CommunityMember])

    class ContactTag(Model):
        contact = ForeignKeyField(Contact, on_delete="CASCADE")
        name = CharField(index=True, max_length=40)

        class Meta:
            database = db
            table_name = "contact_tag"
            indexes = ((("contact", "name"), True),)

    db.create_tables([ContactTag])

    class Event(Model):
        name = CharField(max_length=200)
        held_on = DateField(index=True)
        place = CharField(max_length=200, default="")
        pole = CharField(null=True, max_length=20)
        community = ForeignKeyField(Community, null=True, on_delete="SET NULL")
        hours = DecimalField(max_digits=7, decimal_places=2, default=0)
        cost_eur = DecimalField(decimal_places=2, default=0)
        notes = TextField(default="")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "event"

    db.create_tables([Event])

    class EventContact(Model):
        event = ForeignKeyField(Event, on_delete="CASCADE")
        contact = ForeignKeyField(Contact, on_delete="CASCADE")

        class Meta:
            database = db
            table_name = "event_contact"
            indexes = ((("event", "contact"), True),)

    db.create_tables([EventContact])

    class Interaction(Model):
        happened_on = DateField(index=True)
        channel = CharField(max_length=30)
        duration_minutes = IntegerField(null=True)
        notes = TextField(default="")
        event = ForeignKeyField(Event, null=True, on_delete="SET NULL")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "interaction"

    db.create_tables([Interaction])

    class FollowUp(Model):
        contact = ForeignKeyField(Contact, on_delete="CASCADE")
        due_on = DateField(index=True)
        reason = TextField(default="")
        snoozed_until = DateField(null=True)
        done_on = DateField(index=True, null=True)
        closed_by = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "follow_up"

    db.create_tables([FollowUp])

    class InteractionContact(Model):
        interaction = ForeignKeyField(Interaction, on_delete="CASCADE")
        contact = ForeignKeyField(Contact, on_delete="CASCADE")

        class Meta:
            database = db
            table_name = "interaction_contact"
            indexes = ((("contact", "interaction"), True),)

    db.create_tables([InteractionContact])

    class Involvement(Model):
        community = ForeignKeyField(Community, on_delete="CASCADE")
        kind = CharField(max_length=30)
        description = TextField(default="")
        happened_on = DateField(index=True)
        hours = DecimalField(max_digits=7, decimal_places=2, default=0)

        class Meta:
            database = db
            table_name = "involvement"

    db.create_tables([Involvement])

    class MemorisedDetail(Model):
        contact = ForeignKeyField(Contact, on_delete="CASCADE")
        kind = CharField(max_length=20)
        text = TextField()
        noted_on = DateField(default=datetime.date.today)
        still_true = BooleanField(default=True)
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "memorised_detail"

    db.create_tables([MemorisedDetail])

    class Recommendation(Model):
        recommender = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
        recommended_to = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
        for_what = TextField(default="")
        received_on = DateField(index=True)
        channel = CharField(null=True, max_length=30)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "recommendation"

    db.create_tables([Recommendation])

    class Opportunity(Model):
        contact = ForeignKeyField(Contact, on_delete="CASCADE")
        title = CharField(max_length=200)
        value_eur = DecimalField(
            null=True, max_digits=12, decimal_places=2, constraints=[Check("value_eur >= 0")]
        )
        stage = CharField(index=True, max_length=20, default="piste")
        opened_on = DateField(index=True)
        closed_on = DateField(null=True)
        recommendation = ForeignKeyField(Recommendation, null=True, on_delete="SET NULL")
        event = ForeignKeyField(Event, null=True, on_delete="SET NULL")
        channel = CharField(null=True, max_length=30)
        notes = TextField(default="")
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = "opportunity"

    db.create_tables([Opportunity])

    class ServiceGiven(Model):
        contact = ForeignKeyField(Contact, on_delete="CASCADE")
        kind = CharField(max_length=30)
        description = TextField(default="")
        given_on = DateField(index=True)
        introduced = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "service_given"

    db.create_tables([ServiceGiven])

    class Setting(Model):
        key = CharField(primary_key=True, max_length=60)
        value = TextField()

        class Meta:
            database = db
            table_name = "setting"

    db.create_tables([Setting])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("setting"))
    migrator.migrate(migrator.drop_table("service_given"))
    migrator.migrate(migrator.drop_table("opportunity"))
    migrator.migrate(migrator.drop_table("recommendation"))
    migrator.migrate(migrator.drop_table("memorised_detail"))
    migrator.migrate(migrator.drop_table("involvement"))
    migrator.migrate(migrator.drop_table("interaction_contact"))
    migrator.migrate(migrator.drop_table("follow_up"))
    migrator.migrate(migrator.drop_table("interaction"))
    migrator.migrate(migrator.drop_table("event_contact"))
    migrator.migrate(migrator.drop_table("event"))
    migrator.migrate(migrator.drop_table("contact_tag"))
    migrator.migrate(migrator.drop_table("community_member"))
    migrator.migrate(migrator.drop_table("contact"))
    migrator.migrate(migrator.drop_table("community"))
