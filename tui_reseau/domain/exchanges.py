"""Recommendations received and services given: the give/take balance with each prescriber.

Local prescribers (accountants, lawyers, bankers, consultants) send business our way; we must be
useful to them in return. A recommendation's result is not stored: it is read from the
opportunities linked to it (none yet: « En attente », then « Sans suite » after
:data:`PENDING_DAYS`; else the most advanced stage, and the euros won).

Screens and commands call these functions and get plain dataclasses back; nothing here knows
about Textual. Every write is one transaction; lists and balances are aggregated in SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from peewee import JOIN, Case, ModelSelect, fn

from tui_reseau.domain.contacts import ValidationErrors
from tui_reseau.domain.dates import DateParseError, format_date, parse_date
from tui_reseau.domain.opportunities import as_date, as_decimal, format_euros
from tui_reseau.domain.validation import ValidationError, clean_text
from tui_reseau.domain.vocabulary import CHANNELS, SERVICE_KINDS, label
from tui_reseau.store.models import (
    Contact,
    Opportunity,
    Recommendation,
    ServiceGiven,
    database_proxy,
)

PENDING_DAYS = 60  # a recommendation with no opportunity after this is « Sans suite »
LIST_LIMIT = 1000
# The most advanced stage an opportunity reached, as a rank (a won one beats an open one).
_STAGE_RANK = {"gagnee": 4, "proposition": 3, "piste": 2, "perdue": 1}
RESULT_LABELS = {
    "attente": "En attente",
    "sans_suite": "Sans suite",
    "piste": "Piste ouverte",
    "proposition": "Proposition",
    "gagnee": "Gagnée",
    "perdue": "Perdue",
}


# --------------------------------------------------------------------------- helpers


def _check_date(text: str, field: str, what: str, today: dt.date) -> dt.date:
    try:
        day = parse_date(text, today, future=False)
    except DateParseError as exc:
        raise ValidationError(field, exc.message) from None
    if day > today:
        raise ValidationError(
            field, f"{what} le {format_date(day)}, dans le futur : indiquez aujourd'hui ou avant."
        )
    return day


def _check_contact(contact_id: int | None, field: str, missing: str) -> None:
    if contact_id is None:
        raise ValidationError(field, missing)
    if not Contact.select().where(Contact.id == contact_id).exists():
        raise ValidationError(field, "Ce contact n'existe plus : choisissez-en un autre.")


def _name(first: str | None, last: str | None) -> str:
    return f"{first or ''} {last or ''}".strip()


# --------------------------------------------------------------------------- recommendations


@dataclass(slots=True)
class RecommendationDraft:
    """A recommendation received, as typed: who recommended us, to whom or for what, when."""

    recommender_id: int | None = None
    recommended_to_id: int | None = None
    for_what: str = ""
    received_on: str = "aujourd'hui"
    channel: str = ""


def recommendation_draft_of(recommendation_id: int) -> RecommendationDraft:
    """The editable form of a recorded recommendation."""
    r = Recommendation.get_by_id(recommendation_id)
    return RecommendationDraft(
        recommender_id=r.recommender_id,
        recommended_to_id=r.recommended_to_id,
        for_what=r.for_what,
        received_on=format_date(r.received_on),
        channel=r.channel or "",
    )


def validate_recommendation(draft: RecommendationDraft, today: dt.date) -> dict[str, object]:
    """Check ``draft``; return the column values. Raises ValidationErrors (French, by field:
    ``recommender``, ``recommended_to``, ``for_what``, ``received_on``, ``channel``)."""
    errors: list[ValidationError] = []
    values: dict[str, object] = {
        "recommender": draft.recommender_id,
        "recommended_to": draft.recommended_to_id,
        "channel": draft.channel or None,
    }
    try:
        _check_contact(
            draft.recommender_id,
            "recommender",
            "Qui vous a recommandé ? Choisissez le contact (Entrée ouvre la recherche).",
        )
    except ValidationError as exc:
        errors.append(exc)
    if draft.recommended_to_id is not None:
        if draft.recommended_to_id == draft.recommender_id:
            errors.append(
                ValidationError(
                    "recommended_to",
                    "La personne recommandée ne peut pas être celle qui recommande.",
                )
            )
        elif not Contact.select().where(Contact.id == draft.recommended_to_id).exists():
            errors.append(ValidationError("recommended_to", "Ce contact n'existe plus."))
    try:
        values["for_what"] = (
            clean_text(draft.for_what, "for_what", "Pour quoi", 2_000, multiline=False) or ""
        )
    except ValidationError as exc:
        errors.append(exc)
        values["for_what"] = draft.for_what
    if draft.recommended_to_id is None and not str(values["for_what"]).strip():
        errors.append(
            ValidationError(
                "for_what",
                "Dites auprès de qui ou pour quoi : choisissez la personne recommandée "
                "ou décrivez le besoin.",
            )
        )
    try:
        values["received_on"] = _check_date(draft.received_on, "received_on", "Reçue", today)
    except ValidationError as exc:
        errors.append(exc)
    if draft.channel and draft.channel not in CHANNELS:
        errors.append(ValidationError("channel", f"Canal inconnu : « {draft.channel} »."))
    if errors:
        raise ValidationErrors(errors)
    return values


def save_recommendation(
    draft: RecommendationDraft, recommendation_id: int | None = None, *, today: dt.date
) -> int:
    """Create or update a recommendation received; return its id (nothing written if wrong)."""
    values = validate_recommendation(draft, today)
    with database_proxy.atomic():
        if recommendation_id is None:
            return Recommendation.create(**values).id
        Recommendation.update(**values).where(Recommendation.id == recommendation_id).execute()
        return recommendation_id


def delete_recommendation(recommendation_id: int) -> None:
    """Delete a recommendation; the opportunities born of it stay, without this origin."""
    with database_proxy.atomic():
        Recommendation.delete_by_id(recommendation_id)


@dataclass(frozen=True, slots=True)
class RecommendationRow:
    """A recommendation received, with its result read from the opportunities it led to."""

    id: int
    received_on: dt.date
    recommender_id: int | None
    recommender_name: str
    recommended_to_id: int | None
    recommended_to_name: str
    for_what: str
    channel_label: str
    result: str  # a key of RESULT_LABELS
    won_eur: Decimal
    opportunity_count: int

    @property
    def result_label(self) -> str:
        """« En attente », « Sans suite », « Proposition », « Gagnée · 12 000 € »…"""
        text = RESULT_LABELS[self.result]
        if self.result == "gagnee" and self.won_eur:
            text += f" · {format_euros(self.won_eur)}"
        return text

    @property
    def subject(self) -> str:
        """For whom and/or for what: « Hélène Vasseur · site web »."""
        return " · ".join(p for p in (self.recommended_to_name, self.for_what) if p)


def _result(rank: int | None, age_days: int) -> str:
    if not rank:
        return "attente" if age_days <= PENDING_DAYS else "sans_suite"
    return {v: k for k, v in _STAGE_RANK.items()}[int(rank)]


def _outcomes() -> ModelSelect:
    """Per recommendation, its opportunities summed up: count, best stage rank, euros won."""
    rank = Case(Opportunity.stage, tuple(_STAGE_RANK.items()), 0)
    won = Case(None, ((Opportunity.stage == "gagnee", Opportunity.value_eur),), 0)
    return (
        Opportunity.select(
            Opportunity.recommendation.alias("rid"),
            fn.COUNT(Opportunity.id).alias("n"),
            fn.MAX(rank).alias("rank"),
            fn.SUM(won).alias("won"),
        )
        .where(Opportunity.recommendation.is_null(False))
        .group_by(Opportunity.recommendation)
        .alias("outcome")
    )


def recommendations(today: dt.date, limit: int = LIST_LIMIT) -> list[RecommendationRow]:
    """Recommendations received, newest first, with their derived result."""
    outcome = _outcomes()
    recommender = Contact.alias("recommender")
    target = Contact.alias("target")
    query = (
        Recommendation.select(
            Recommendation.id,
            Recommendation.received_on,
            Recommendation.for_what,
            Recommendation.channel,
            recommender.id,
            recommender.first_name,
            recommender.last_name,
            target.id,
            target.first_name,
            target.last_name,
            outcome.c.n,
            outcome.c.rank,
            outcome.c.won,
        )
        .join(recommender, JOIN.LEFT_OUTER, on=(Recommendation.recommender == recommender.id))
        .switch(Recommendation)
        .join(target, JOIN.LEFT_OUTER, on=(Recommendation.recommended_to == target.id))
        .switch(Recommendation)
        .join(outcome, JOIN.LEFT_OUTER, on=(Recommendation.id == outcome.c.rid))
        .order_by(Recommendation.received_on.desc(), Recommendation.id.desc())
        .limit(limit)
    )
    rows = []
    for row in query.tuples():
        rid, received, for_what, channel, r_id, r_first, r_last, t_id, t_first, t_last = row[:10]
        n, rank, won = row[10:]
        received_on = as_date(received)
        rows.append(
            RecommendationRow(
                id=rid,
                received_on=received_on,
                recommender_id=r_id,
                recommender_name=_name(r_first, r_last),
                recommended_to_id=t_id,
                recommended_to_name=_name(t_first, t_last),
                for_what=for_what,
                channel_label=label(CHANNELS, channel),
                result=_result(rank, (today - received_on).days),
                won_eur=as_decimal(won),
                opportunity_count=n or 0,
            )
        )
    return rows


# --------------------------------------------------------------------------- services given


@dataclass(slots=True)
class ServiceDraft:
    """A service given, as typed: to whom, what kind, what, when, whom we introduced."""

    contact_id: int | None = None
    kind: str = "mise_en_relation"
    description: str = ""
    given_on: str = "aujourd'hui"
    introduced_id: int | None = None


def service_draft_of(service_id: int) -> ServiceDraft:
    """The editable form of a recorded service."""
    s = ServiceGiven.get_by_id(service_id)
    return ServiceDraft(
        contact_id=s.contact_id,
        kind=s.kind,
        description=s.description,
        given_on=format_date(s.given_on),
        introduced_id=s.introduced_id,
    )


def validate_service(draft: ServiceDraft, today: dt.date) -> dict[str, object]:
    """Check ``draft``; return the column values. Raises ValidationErrors (French, by field:
    ``contact``, ``kind``, ``description``, ``given_on``, ``introduced``)."""
    errors: list[ValidationError] = []
    values: dict[str, object] = {
        "contact": draft.contact_id,
        "kind": draft.kind,
        "introduced": draft.introduced_id,
    }
    try:
        _check_contact(
            draft.contact_id,
            "contact",
            "À qui avez-vous rendu service ? Choisissez le contact (Entrée ouvre la recherche).",
        )
    except ValidationError as exc:
        errors.append(exc)
    if draft.kind not in SERVICE_KINDS:
        errors.append(
            ValidationError(
                "kind", f"Type de service inconnu : « {draft.kind} ». Choisissez-en un."
            )
        )
    try:
        values["description"] = (
            clean_text(draft.description, "description", "Description", 2_000) or ""
        )
    except ValidationError as exc:
        errors.append(exc)
    if draft.introduced_id is not None:
        if draft.introduced_id == draft.contact_id:
            errors.append(
                ValidationError(
                    "introduced", "On ne présente pas quelqu'un à lui-même : choisissez un autre."
                )
            )
        elif not Contact.select().where(Contact.id == draft.introduced_id).exists():
            errors.append(ValidationError("introduced", "Ce contact n'existe plus."))
    try:
        values["given_on"] = _check_date(draft.given_on, "given_on", "Rendu", today)
    except ValidationError as exc:
        errors.append(exc)
    if errors:
        raise ValidationErrors(errors)
    return values


def save_service(draft: ServiceDraft, service_id: int | None = None, *, today: dt.date) -> int:
    """Create or update a service given; return its id (nothing written if wrong)."""
    values = validate_service(draft, today)
    with database_proxy.atomic():
        if service_id is None:
            return ServiceGiven.create(**values).id
        ServiceGiven.update(**values).where(ServiceGiven.id == service_id).execute()
        return service_id


def delete_service(service_id: int) -> None:
    """Delete a service given."""
    with database_proxy.atomic():
        ServiceGiven.delete_by_id(service_id)


@dataclass(frozen=True, slots=True)
class ServiceRow:
    """A service given, as the list shows it."""

    id: int
    given_on: dt.date
    contact_id: int
    contact_name: str
    kind_label: str
    description: str
    introduced_id: int | None
    introduced_name: str


def services(limit: int = LIST_LIMIT) -> list[ServiceRow]:
    """Services given, newest first."""
    to = Contact.alias("to")
    introduced = Contact.alias("introduced")
    query = (
        ServiceGiven.select(
            ServiceGiven.id,
            ServiceGiven.given_on,
            ServiceGiven.kind,
            ServiceGiven.description,
            to.id,
            to.first_name,
            to.last_name,
            introduced.id,
            introduced.first_name,
            introduced.last_name,
        )
        .join(to, on=(ServiceGiven.contact == to.id))
        .switch(ServiceGiven)
        .join(introduced, JOIN.LEFT_OUTER, on=(ServiceGiven.introduced == introduced.id))
        .order_by(ServiceGiven.given_on.desc(), ServiceGiven.id.desc())
        .limit(limit)
    )
    return [
        ServiceRow(
            id=sid,
            given_on=as_date(given),
            contact_id=cid,
            contact_name=_name(first, last),
            kind_label=label(SERVICE_KINDS, kind),
            description=description,
            introduced_id=iid,
            introduced_name=_name(i_first, i_last),
        )
        for sid, given, kind, description, cid, first, last, iid, i_first, i_last in query.tuples()
    ]


# --------------------------------------------------------------------------- the balance


@dataclass(frozen=True, slots=True)
class Balance:
    """What a contact gave us and what we gave them."""

    contact_id: int
    name: str
    company: str
    received: int  # recommendations they gave us
    won_eur: Decimal  # won through their recommendations
    given: int  # services we gave them
    last_exchange_on: dt.date | None

    @property
    def balance(self) -> int:
        """Services given minus recommendations received: below zero, we owe them."""
        return self.given - self.received

    @property
    def we_owe(self) -> bool:
        return self.balance < 0


def _balance_query() -> ModelSelect:
    """Per contact, recommendations received, euros won through them and services given."""
    received = (
        Recommendation.select(
            Recommendation.recommender.alias("cid"),
            fn.COUNT(Recommendation.id).alias("n"),
            fn.MAX(Recommendation.received_on).alias("last"),
        )
        .where(Recommendation.recommender.is_null(False))
        .group_by(Recommendation.recommender)
        .alias("received")
    )
    won = (
        Opportunity.select(
            Recommendation.recommender.alias("cid"), fn.SUM(Opportunity.value_eur).alias("eur")
        )
        .join(Recommendation)
        .where((Opportunity.stage == "gagnee") & Recommendation.recommender.is_null(False))
        .group_by(Recommendation.recommender)
        .alias("won")
    )
    given = (
        ServiceGiven.select(
            ServiceGiven.contact.alias("cid"),
            fn.COUNT(ServiceGiven.id).alias("n"),
            fn.MAX(ServiceGiven.given_on).alias("last"),
        )
        .group_by(ServiceGiven.contact)
        .alias("given")
    )
    balance = fn.COALESCE(given.c.n, 0) - fn.COALESCE(received.c.n, 0)
    return (
        Contact.select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.company,
            received.c.n,
            won.c.eur,
            given.c.n,
            received.c.last,
            given.c.last,
        )
        .join(received, JOIN.LEFT_OUTER, on=(Contact.id == received.c.cid))
        .switch(Contact)
        .join(won, JOIN.LEFT_OUTER, on=(Contact.id == won.c.cid))
        .switch(Contact)
        .join(given, JOIN.LEFT_OUTER, on=(Contact.id == given.c.cid))
        .where(received.c.n.is_null(False) | given.c.n.is_null(False))
        .order_by(
            balance,
            fn.COALESCE(won.c.eur, 0).desc(),
            fn.LOWER(Contact.last_name),
            fn.LOWER(Contact.first_name),
            Contact.id,
        )
    )


def _balance_of_row(row: tuple) -> Balance:
    cid, first, last, company, n_received, won, n_given, last_received, last_given = row
    dates = [as_date(d) for d in (last_received, last_given) if d is not None]
    return Balance(
        contact_id=cid,
        name=_name(first, last),
        company=company,
        received=n_received or 0,
        won_eur=as_decimal(won),
        given=n_given or 0,
        last_exchange_on=max(dates) if dates else None,
    )


def balances(limit: int = LIST_LIMIT) -> list[Balance]:
    """Every contact who recommended us or received a service from us, those we owe first
    (lowest balance), then by euros won through them, then by name."""
    return [_balance_of_row(row) for row in _balance_query().limit(limit).tuples()]


def balance_of(contact_id: int) -> Balance | None:
    """One contact's give/take balance (zeros when nothing was exchanged); None if unknown."""
    rows = list(_balance_query().where(Contact.id == contact_id).tuples())
    if rows:
        return _balance_of_row(rows[0])
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        return None
    return Balance(contact_id, contact.full_name, contact.company, 0, Decimal(0), 0, None)
