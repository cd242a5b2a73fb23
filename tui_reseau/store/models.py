"""The Peewee models of a networking method: contacts, what we remember, what we do, what it yields.

Codes (circle kinds, poles, channels, stages…) are defined with their French labels in
``tui_reseau.domain.vocabulary``; the store keeps the codes only. The schema itself is created
and upgraded by the numbered files in ``store/migrations``: a change here goes with a new
migration (``tests/unit/test_migrations.py`` checks that the two agree).

SQL stays portable (SQLite by default, PostgreSQL through a URL): no SQLite-only constructs.
"""

from __future__ import annotations

import datetime as dt

from peewee import (
    SQL,
    BooleanField,
    CharField,
    Check,
    DatabaseProxy,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    SmallIntegerField,
    TextField,
    fn,
)

database_proxy = DatabaseProxy()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False

    @classmethod
    def create_or_update(cls, record_id: int | None, values: dict[str, object]) -> int:
        """Insert a row of ``values`` (``record_id`` None) or set them on row ``record_id``;
        return its id. Call it inside the caller's transaction."""
        if record_id is None:
            return cls.create(**values).id
        record = cls.get_by_id(record_id)
        for key, value in values.items():
            setattr(record, key, value)
        record.save()
        return record.id


class Community(BaseModel):
    """A professional community of circle 3: CCI, club, association, platform."""

    name = CharField(max_length=120, unique=True)
    kind = CharField(max_length=20)  # vocabulary.COMMUNITY_KINDS
    role = CharField(max_length=20, default="passif")  # vocabulary.COMMUNITY_ROLES
    pole = CharField(max_length=20, null=True)
    joined_on = DateField(null=True)
    notes = TextField(default="")
    created_at = DateTimeField(default=_now)


class Contact(BaseModel):
    """A person of the network."""

    first_name = CharField(max_length=100, default="")
    last_name = CharField(max_length=100, default="")
    company = CharField(max_length=200, default="")
    role = CharField(max_length=200, default="")
    email = CharField(max_length=254, null=True, index=True)
    phone = CharField(max_length=20, null=True, index=True)  # E.164
    city = CharField(max_length=100, default="")
    postcode = CharField(max_length=10, default="")
    address = TextField(default="", constraints=[SQL("DEFAULT ''")])  # street lines (0003)
    pole = CharField(max_length=20, null=True, index=True)  # vocabulary.Pole
    sector = CharField(max_length=30, null=True, index=True)  # vocabulary.SECTORS
    circle = SmallIntegerField(index=True, constraints=[Check("circle IN (1, 2, 3)")])
    kind = CharField(max_length=30, null=True)  # vocabulary.CONTACT_KINDS
    qualified_on = DateField(null=True, index=True)  # qualified since; None: not qualified
    met_via = CharField(max_length=30, null=True)  # channel of the first meeting
    met_on = DateField(null=True)
    introduced_by = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="introduced")
    linkedin_url = CharField(max_length=300, null=True, index=True)
    birthday = DateField(null=True)
    cadence_days = IntegerField(null=True)  # overrides the circle's keep-in-touch cadence
    notes = TextField(default="")
    created_at = DateTimeField(default=_now, index=True)
    updated_at = DateTimeField(default=_now)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


# The list's order, case-folded (migration 0002): the contact list reads this index, no sort.
Contact.add_index(
    Contact.index(
        fn.LOWER(Contact.last_name),
        fn.LOWER(Contact.first_name),
        Contact.id,
        name="contact_name_order",
    )
)


class ContactTag(BaseModel):
    """A free tag on a contact (lower-case, without '#')."""

    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="tag_rows")
    name = CharField(max_length=40, index=True)

    class Meta:
        indexes = ((("contact", "name"), True),)


class MemorisedDetail(BaseModel):
    """What we remember about a person after a meeting: spouse, passion, project, difficulty…"""

    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="details")
    kind = CharField(max_length=20)  # vocabulary.DETAIL_KINDS
    text = TextField()
    noted_on = DateField(default=dt.date.today)
    still_true = BooleanField(default=True)
    updated_at = DateTimeField(default=_now)


class Event(BaseModel):
    """An event we attended: where time goes, and whom we met there."""

    name = CharField(max_length=200)
    held_on = DateField(index=True)
    place = CharField(max_length=200, default="")
    pole = CharField(max_length=20, null=True)
    community = ForeignKeyField(Community, null=True, on_delete="SET NULL", backref="events")
    hours = DecimalField(max_digits=7, decimal_places=2, default=0)  # travel included
    cost_eur = DecimalField(max_digits=10, decimal_places=2, default=0)
    notes = TextField(default="")
    created_at = DateTimeField(default=_now)


class EventContact(BaseModel):
    """A contact met at an event."""

    event = ForeignKeyField(Event, on_delete="CASCADE", backref="attendance")
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="events_met")

    class Meta:
        indexes = ((("event", "contact"), True),)


class CommunityMember(BaseModel):
    """A contact who belongs to a community (met through it)."""

    community = ForeignKeyField(Community, on_delete="CASCADE", backref="members")
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="memberships")

    class Meta:
        indexes = ((("community", "contact"), True),)


class Involvement(BaseModel):
    """What we did in a community: responsibility taken, event organised, talk given."""

    community = ForeignKeyField(Community, on_delete="CASCADE", backref="involvements")
    kind = CharField(max_length=30)  # vocabulary.INVOLVEMENT_KINDS
    description = TextField(default="")
    happened_on = DateField(index=True)
    hours = DecimalField(max_digits=7, decimal_places=2, default=0)


class Interaction(BaseModel):
    """A lunch, a call, a coffee… with one or several contacts."""

    happened_on = DateField(index=True)
    channel = CharField(max_length=30)  # vocabulary.CHANNELS
    duration_minutes = IntegerField(null=True)
    notes = TextField(default="")
    event = ForeignKeyField(Event, null=True, on_delete="SET NULL", backref="interactions")
    created_at = DateTimeField(default=_now)


class InteractionContact(BaseModel):
    """A participant of an interaction."""

    interaction = ForeignKeyField(Interaction, on_delete="CASCADE", backref="participants")
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="interaction_rows")

    class Meta:
        indexes = ((("contact", "interaction"), True),)


class FollowUp(BaseModel):
    """A relance: whom to get back to, when, and why."""

    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="follow_ups")
    due_on = DateField(index=True)
    reason = TextField(default="")
    snoozed_until = DateField(null=True)
    done_on = DateField(null=True, index=True)
    closed_by = ForeignKeyField(Interaction, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=_now)


class Recommendation(BaseModel):
    """A recommendation received: someone sent business (or a person) our way."""

    recommender = ForeignKeyField(
        Contact, null=True, on_delete="SET NULL", backref="recommendations_given"
    )
    recommended_to = ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="+")
    for_what = TextField(default="")
    received_on = DateField(index=True)
    channel = CharField(max_length=30, null=True)
    created_at = DateTimeField(default=_now)


class Opportunity(BaseModel):
    """A business opportunity, from lead to won or lost."""

    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="opportunities")
    title = CharField(max_length=200)
    value_eur = DecimalField(
        max_digits=12, decimal_places=2, null=True, constraints=[Check("value_eur >= 0")]
    )
    stage = CharField(max_length=20, default="piste", index=True)  # vocabulary.OPPORTUNITY_STAGES
    opened_on = DateField(index=True)
    closed_on = DateField(null=True)
    recommendation = ForeignKeyField(
        Recommendation, null=True, on_delete="SET NULL", backref="opportunities"
    )
    event = ForeignKeyField(Event, null=True, on_delete="SET NULL", backref="opportunities")
    channel = CharField(max_length=30, null=True)
    notes = TextField(default="")
    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)


class ServiceGiven(BaseModel):
    """What we gave a contact (introduction, advice): the other half of the give/take balance."""

    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="services_received")
    kind = CharField(max_length=30)  # vocabulary.SERVICE_KINDS
    description = TextField(default="")
    given_on = DateField(index=True)
    introduced = ForeignKeyField(Contact, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=_now)


class Setting(BaseModel):
    """A user preference kept with the network (e.g. cadence per circle)."""

    key = CharField(max_length=60, primary_key=True)
    value = TextField()


ALL_MODELS: tuple[type[BaseModel], ...] = (
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
    Setting,
)
