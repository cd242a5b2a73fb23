"""Opportunities: from lead to proposal to won or lost, and the pipeline that shows them.

An opportunity belongs to a contact (the prospect) and may say where it came from: a
recommendation received, an event, or a channel — one origin at most. Moving it to « Gagnée » or
« Perdue » dates its closing; moving it back to « Piste » or « Proposition » reopens it.

Screens and commands call these functions and get plain dataclasses back; nothing here knows
about Textual. Every write is one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from peewee import JOIN, Expression, fn

from tui_reseau.domain.contacts import ValidationErrors
from tui_reseau.domain.dates import DateParseError, format_date, parse_date
from tui_reseau.domain.validation import (
    NOTES_MAX_LENGTH,
    ValidationError,
    clean_text,
    parse_euros,
    require_text,
)
from tui_reseau.domain.vocabulary import CHANNELS, OPPORTUNITY_STAGES
from tui_reseau.store.models import Contact, Event, Opportunity, Recommendation, database_proxy

STAGES: tuple[str, ...] = tuple(OPPORTUNITY_STAGES)  # piste, proposition, gagnee, perdue
CLOSED_STAGES = frozenset({"gagnee", "perdue"})
# The column's DecimalField holds 12 digits, 2 of them after the comma.
MAX_VALUE = Decimal("9999999999.99")
MAX_CARDS = 200  # cards read per stage; the counts and totals cover them all
RECENT_ORIGINS_DAYS = 365  # recommendations and events offered as an origin in the form


def format_euros(value: Decimal | None) -> str:
    """« 12 000 € », « 12 000,50 € »; « — » when unknown."""
    if value is None:
        return "—"
    cents = int((value * 100).to_integral_value()) % 100
    whole = f"{int(value):,}".replace(",", "\u202f")
    return f"{whole},{cents:02d} €" if cents else f"{whole} €"


# --------------------------------------------------------------------------- editing


@dataclass(slots=True)
class OpportunityDraft:
    """An opportunity as typed in the form: text, validated on save.

    The origin is one of ``recommendation_id``, ``event_id`` or ``channel`` (or none).
    """

    title: str = ""
    contact_id: int | None = None
    value: str = ""
    stage: str = "piste"
    opened_on: str = "aujourd'hui"
    recommendation_id: int | None = None
    event_id: int | None = None
    channel: str = ""
    notes: str = ""


def draft_of(opportunity_id: int) -> OpportunityDraft:
    """The editable form of an existing opportunity."""
    o = Opportunity.get_by_id(opportunity_id)
    return OpportunityDraft(
        title=o.title,
        contact_id=o.contact_id,
        value=format_euros(o.value_eur) if o.value_eur is not None else "",
        stage=o.stage,
        opened_on=format_date(o.opened_on),
        recommendation_id=o.recommendation_id,
        event_id=o.event_id,
        channel=o.channel or "",
        notes=o.notes,
    )


def draft_from_recommendation(recommendation_id: int) -> OpportunityDraft:
    """A new opportunity born of a recommendation: its person, its subject, itself as origin.

    The prospect is the person recommended to us, else the recommender.
    """
    r = Recommendation.get_by_id(recommendation_id)
    return OpportunityDraft(
        title=r.for_what[:200],
        contact_id=r.recommended_to_id or r.recommender_id,
        recommendation_id=r.id,
    )


def parse_value(text: str) -> Decimal | None:
    """An amount in euros (« 12 000 », « 12000,50 », « 12 k€ », « 1,5 M€ »), None if blank.

    Raises ValidationError (field ``value``) with a French message otherwise.
    """
    value = parse_euros(text)
    if value is not None and value > MAX_VALUE:
        raise ValidationError(
            "value", "Montant trop élevé : 9 999 999 999,99 € au plus. Vérifiez les zéros."
        )
    return value


def validate(draft: OpportunityDraft, today: dt.date) -> dict[str, object]:
    """Check every field of ``draft``; return the column values to store.

    Raises ValidationErrors listing every wrong field (``title``, ``contact``, ``value``,
    ``stage``, ``opened_on``, ``origin``, ``notes``), each with a French message.
    """
    errors: list[ValidationError] = []
    values: dict[str, object] = {}
    try:
        values["title"] = require_text(draft.title, "title", "Intitulé", 200)
    except ValidationError as exc:
        errors.append(exc)
    if draft.contact_id is None:
        errors.append(
            ValidationError("contact", "Choisissez le contact : Entrée ouvre la recherche.")
        )
    elif not Contact.select().where(Contact.id == draft.contact_id).exists():
        errors.append(ValidationError("contact", "Ce contact n'existe plus : choisissez-en un."))
    values["contact"] = draft.contact_id
    try:
        values["value_eur"] = parse_value(draft.value)
    except ValidationError as exc:
        errors.append(exc)
    if draft.stage not in OPPORTUNITY_STAGES:
        errors.append(
            ValidationError(
                "stage", f"Étape inconnue : « {draft.stage} ». Choisissez-en une dans la liste."
            )
        )
    values["stage"] = draft.stage
    try:
        opened = parse_date(draft.opened_on, today, future=False)
        if opened > today:
            errors.append(
                ValidationError(
                    "opened_on",
                    f"Date d'ouverture dans le futur ({format_date(opened)}) : une opportunité "
                    "s'ouvre aujourd'hui ou avant.",
                )
            )
        values["opened_on"] = opened
    except DateParseError as exc:
        errors.append(ValidationError("opened_on", exc.message))
    origins = [
        o for o in (draft.recommendation_id, draft.event_id, draft.channel or None) if o is not None
    ]
    if len(origins) > 1:
        errors.append(
            ValidationError(
                "origin", "Une seule origine : une recommandation, un événement ou un canal."
            )
        )
    elif draft.channel and draft.channel not in CHANNELS:
        errors.append(ValidationError("origin", f"Canal inconnu : « {draft.channel} »."))
    elif (
        draft.recommendation_id is not None
        and not Recommendation.select().where(Recommendation.id == draft.recommendation_id).exists()
    ):
        errors.append(ValidationError("origin", "Cette recommandation n'existe plus."))
    elif (
        draft.event_id is not None and not Event.select().where(Event.id == draft.event_id).exists()
    ):
        errors.append(ValidationError("origin", "Cet événement n'existe plus."))
    values["recommendation"] = draft.recommendation_id
    values["event"] = draft.event_id
    values["channel"] = draft.channel or None
    try:
        values["notes"] = (
            clean_text(draft.notes, "notes", "Notes", NOTES_MAX_LENGTH, multiline=True) or ""
        )
    except ValidationError as exc:
        errors.append(exc)
    if errors:
        raise ValidationErrors(errors)
    return values


def save_opportunity(
    draft: OpportunityDraft, opportunity_id: int | None = None, *, today: dt.date
) -> int:
    """Create (``opportunity_id`` None) or update an opportunity from ``draft``; return its id.

    Validates first (ValidationErrors, nothing written). A won or lost opportunity gets
    ``today`` as closing date when it was not already closed; an open one has none.
    """
    values = validate(draft, today)
    now = dt.datetime.now().replace(microsecond=0)
    with database_proxy.atomic():
        if opportunity_id is None:
            closed = today if values["stage"] in CLOSED_STAGES else None
            return Opportunity.create(**values, closed_on=closed, created_at=now, updated_at=now).id
        o = Opportunity.get_by_id(opportunity_id)
        _set_stage(o, str(values.pop("stage")), today)
        for key, value in values.items():
            setattr(o, key, value)
        o.updated_at = now
        o.save()
        return o.id


def delete_opportunity(opportunity_id: int) -> str:
    """Delete an opportunity; return its title."""
    with database_proxy.atomic():
        o = Opportunity.get_by_id(opportunity_id)
        title = o.title
        o.delete_instance()
    return title


# --------------------------------------------------------------------------- stages


def _set_stage(o: Opportunity, stage: str, today: dt.date) -> None:
    if stage in CLOSED_STAGES:
        if o.stage != stage or o.closed_on is None:
            o.closed_on = today
    else:
        o.closed_on = None
    o.stage = stage


def set_stage(opportunity_id: int, stage: str, today: dt.date) -> str:
    """Move an opportunity to ``stage``; return the new stage.

    Won or lost: closed today (unless it already was, at that stage); open again: not closed.
    """
    if stage not in OPPORTUNITY_STAGES:
        raise ValidationError("stage", f"Étape inconnue : « {stage} ».")
    with database_proxy.atomic():
        o = Opportunity.get_by_id(opportunity_id)
        _set_stage(o, stage, today)
        o.updated_at = dt.datetime.now().replace(microsecond=0)
        o.save()
    return stage


def move_stage(opportunity_id: int, step: int, today: dt.date) -> str:
    """Move an opportunity ``step`` columns right (+1) or left (-1) in Piste → Proposition →
    Gagnée → Perdue, stopping at the ends; return the new stage."""
    current = Opportunity.get_by_id(opportunity_id).stage
    index = STAGES.index(current) if current in STAGES else 0
    target = STAGES[max(0, min(len(STAGES) - 1, index + step))]
    if target == current:
        return current
    return set_stage(opportunity_id, target, today)


# --------------------------------------------------------------------------- the pipeline


@dataclass(frozen=True, slots=True)
class PipelineCard:
    """One opportunity as the pipeline shows it."""

    id: int
    title: str
    contact_id: int
    contact_name: str
    value_eur: Decimal | None
    opened_on: dt.date
    closed_on: dt.date | None
    age_days: int  # since opened (open), or how long it stayed open (closed)


@dataclass(frozen=True, slots=True)
class StageColumn:
    """A stage with its opportunities and their totals."""

    stage: str
    label: str
    count: int = 0
    total_eur: Decimal = Decimal(0)
    cards: tuple[PipelineCard, ...] = field(default=())


def pipeline(
    today: dt.date, *, this_year: bool = False, per_stage: int = MAX_CARDS
) -> list[StageColumn]:
    """The four stages in order, each with its most recent opportunities and its totals.

    Counts and sums are computed in SQL over every opportunity of the stage; at most
    ``per_stage`` cards are read per stage (the most recently opened or closed first).
    ``this_year``: won and lost opportunities closed before this year are left out (open ones
    always show).
    """
    where = _period(today, this_year)
    totals = {
        stage: (count, as_decimal(total))
        for stage, count, total in Opportunity.select(
            Opportunity.stage, fn.COUNT(Opportunity.id), fn.SUM(Opportunity.value_eur)
        )
        .where(where)
        .group_by(Opportunity.stage)
        .tuples()
    }
    columns = []
    for stage in STAGES:
        count, total = totals.get(stage, (0, Decimal(0)))
        cards = _cards(today, where & (Opportunity.stage == stage), per_stage) if count else ()
        columns.append(
            StageColumn(
                stage=stage,
                label=OPPORTUNITY_STAGES[stage].label,
                count=count,
                total_eur=total,
                cards=cards,
            )
        )
    return columns


def _cards(today: dt.date, where: Expression, limit: int) -> tuple[PipelineCard, ...]:
    """The ``limit`` most recent opportunities ``where`` lets through, as cards."""
    query = (
        Opportunity.select(
            Opportunity.id,
            Opportunity.title,
            Opportunity.value_eur,
            Opportunity.opened_on,
            Opportunity.closed_on,
            Contact.id,
            Contact.first_name,
            Contact.last_name,
        )
        .join(Contact)
        .where(where)
        .order_by(
            fn.COALESCE(Opportunity.closed_on, Opportunity.opened_on).desc(),
            Opportunity.id.desc(),
        )
        .limit(limit)
    )
    cards = []
    for oid, title, value, opened, closed, cid, first, last in query.tuples():
        opened_on = as_date(opened)
        closed_on = as_date(closed) if closed is not None else None
        cards.append(
            PipelineCard(
                id=oid,
                title=title,
                contact_id=cid,
                contact_name=f"{first} {last}".strip(),
                value_eur=as_decimal(value) if value is not None else None,
                opened_on=opened_on,
                closed_on=closed_on,
                age_days=((closed_on or today) - opened_on).days,
            )
        )
    return tuple(cards)


def _period(today: dt.date, this_year: bool) -> Expression:
    """The condition of the period shown: everything, or what is open or closed this year."""
    if not this_year:
        return Opportunity.id.is_null(False)
    return Opportunity.closed_on.is_null(True) | (
        Opportunity.closed_on >= dt.date(today.year, 1, 1)
    )


def as_decimal(value: object) -> Decimal:
    """Sums come back as int, float, str or Decimal depending on the database."""
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(Decimal("0.01"))


def as_date(value: object) -> dt.date:
    """Dates read through a subquery or an aggregate come back as text from SQLite."""
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# --------------------------------------------------------------------------- origins


@dataclass(frozen=True, slots=True)
class OriginChoice:
    """A possible origin of an opportunity, for the form's list."""

    key: str  # « r:12 », « e:5 » or « c:linkedin »
    label: str


def origin_key(draft: OpportunityDraft) -> str | None:
    """The key of the origin ``draft`` has (None: none)."""
    if draft.recommendation_id is not None:
        return f"r:{draft.recommendation_id}"
    if draft.event_id is not None:
        return f"e:{draft.event_id}"
    if draft.channel:
        return f"c:{draft.channel}"
    return None


def apply_origin(draft: OpportunityDraft, key: str | None) -> None:
    """Set ``draft``'s origin from a key of :func:`origin_choices` (None clears it)."""
    draft.recommendation_id = draft.event_id = None
    draft.channel = ""
    if not key:
        return
    kind, _, value = key.partition(":")
    if kind == "r":
        draft.recommendation_id = int(value)
    elif kind == "e":
        draft.event_id = int(value)
    elif kind == "c":
        draft.channel = value


def origin_choices(today: dt.date, keep: str | None = None) -> list[OriginChoice]:
    """Recent recommendations, then recent events, then every channel.

    ``keep``: an origin key to list even when older (the one the edited opportunity has).
    """
    since = today - dt.timedelta(days=RECENT_ORIGINS_DAYS)
    keep_kind, _, keep_value = (keep or "").partition(":")
    keep_id = int(keep_value) if keep_kind in ("r", "e") and keep_value.isdigit() else -1
    choices: list[OriginChoice] = []
    recs = (
        Recommendation.select(
            Recommendation.id,
            Recommendation.received_on,
            Recommendation.for_what,
            Contact.first_name,
            Contact.last_name,
        )
        .join(Contact, JOIN.LEFT_OUTER, on=(Recommendation.recommender == Contact.id))
        .where(
            (Recommendation.received_on >= since)
            | (Recommendation.id == (keep_id if keep_kind == "r" else -1))
        )
        .order_by(Recommendation.received_on.desc(), Recommendation.id.desc())
        .limit(100)
    )
    for rid, received, for_what, first, last in recs.tuples():
        who = f"{first or ''} {last or ''}".strip() or "?"
        text = f"Recommandation · {format_date(as_date(received))} · {who}"
        if for_what:
            text += f" · {for_what}"
        choices.append(OriginChoice(f"r:{rid}", text))
    events = (
        Event.select(Event.id, Event.held_on, Event.name)
        .where((Event.held_on >= since) | (Event.id == (keep_id if keep_kind == "e" else -1)))
        .order_by(Event.held_on.desc(), Event.id.desc())
        .limit(100)
    )
    for eid, held, name in events.tuples():
        choices.append(
            OriginChoice(f"e:{eid}", f"Événement · {format_date(as_date(held))} · {name}")
        )
    choices += [
        OriginChoice(f"c:{code}", f"Canal · {term.label}") for code, term in CHANNELS.items()
    ]
    return choices
