"""The agenda of follow-ups: sections by day, hints to personalise, and the actions on it."""

from __future__ import annotations

import datetime as dt

import pytest

from tui_reseau.domain.agenda import (
    SECTION_TITLES,
    Agenda,
    agenda,
    complete,
    counts,
    create_follow_up,
    reopen,
    reschedule,
    reschedule_text,
    snooze,
    snooze_text,
)
from tui_reseau.domain.cadence import relations_to_revive
from tui_reseau.domain.dates import DateParseError
from tui_reseau.domain.details import add_detail, set_still_true
from tui_reseau.domain.validation import ValidationError
from tui_reseau.store.models import Contact, FollowUp, Interaction, InteractionContact

pytestmark = pytest.mark.usefixtures("database")
TODAY = dt.date(2026, 11, 25)  # a Wednesday
SUNDAY = dt.date(2026, 11, 29)
MONDAY = dt.date(2026, 11, 30)  # also the last day of November


def day(offset: int, today: dt.date = TODAY) -> dt.date:
    return today + dt.timedelta(days=offset)


def person(first: str, circle: int = 1, company: str = "") -> int:
    return Contact.create(
        first_name=first,
        last_name="Martin",
        company=company,
        circle=circle,
        created_at=dt.datetime(2025, 1, 6, 9, 0),
        met_on=dt.date(2025, 1, 6),
    ).id


def follow_up(contact_id: int, due_on: dt.date, reason: str = "", **fields: object) -> int:
    return FollowUp.create(contact=contact_id, due_on=due_on, reason=reason, **fields).id


def exchange(on: dt.date, *contact_ids: int, channel: str = "dejeuner") -> int:
    interaction = Interaction.create(happened_on=on, channel=channel)
    for cid in contact_ids:
        InteractionContact.create(interaction=interaction, contact=cid)
    return interaction.id


def reasons(view: Agenda) -> dict[str, list[str]]:
    return {s.key: [item.reason for item in s.items] for s in view.sections()}


# ------------------------------------------------------------------------------ sections


def test_sections_overdue_today_this_week_to_sunday_and_later() -> None:
    cid = person("Jeanne")
    follow_up(cid, day(-1), "hier")
    follow_up(cid, TODAY, "aujourd'hui")
    follow_up(cid, day(1), "jeudi")
    follow_up(cid, SUNDAY, "dimanche")
    follow_up(cid, MONDAY, "lundi prochain")
    follow_up(cid, day(-3), "déjà faite", done_on=day(-1))
    view = agenda(TODAY)
    assert reasons(view) == {
        "overdue": ["hier"],
        "today": ["aujourd'hui"],
        "this_week": ["jeudi", "dimanche"],
        "later": ["lundi prochain"],
    }
    assert view.week_ends_on == SUNDAY
    assert [item.days_late for item in view.overdue] == [1]
    assert [item.days_late for item in view.this_week] == [0, 0]
    assert view.total == 5
    assert [s.title for s in view.sections()] == list(SECTION_TITLES.values())


def test_on_a_sunday_the_week_is_over_and_monday_is_later() -> None:
    cid = person("Jeanne")
    follow_up(cid, SUNDAY, "dimanche")
    follow_up(cid, MONDAY, "lundi")
    follow_up(cid, day(-1, SUNDAY), "samedi")
    view = agenda(SUNDAY)
    assert reasons(view) == {
        "overdue": ["samedi"],
        "today": ["dimanche"],
        "this_week": [],
        "later": ["lundi"],
    }
    assert view.week_ends_on == SUNDAY


def test_on_the_last_day_of_a_month_the_week_runs_into_the_next_month() -> None:
    cid = person("Jeanne")
    follow_up(cid, dt.date(2026, 12, 1), "mardi 1er")
    follow_up(cid, dt.date(2026, 12, 6), "dimanche 6")
    follow_up(cid, dt.date(2026, 12, 7), "lundi 7")
    follow_up(cid, dt.date(2026, 11, 1), "il y a un mois")
    view = agenda(MONDAY)
    assert reasons(view) == {
        "overdue": ["il y a un mois"],
        "today": [],
        "this_week": ["mardi 1er", "dimanche 6"],
        "later": ["lundi 7"],
    }
    assert view.overdue[0].days_late == 29


def test_a_snoozed_follow_up_is_expected_on_its_snooze_date() -> None:
    cid = person("Jeanne")
    follow_up(cid, day(-5), "reportée à vendredi", snoozed_until=day(2))
    view = agenda(TODAY)
    [item] = view.this_week
    assert (item.due_on, item.days_late, item.snoozed) == (day(2), 0, True)
    assert view.overdue == ()


def test_the_most_late_first_then_closest_circle_then_name() -> None:
    follow_up(person("Zoé", 3), day(-10), "z3")
    follow_up(person("Yann", 1), day(-2), "y1")
    follow_up(person("Basile", 2), day(-10), "b2")
    follow_up(person("Albert", 2), day(-10), "a2")
    follow_up(person("Xavier", 1), day(-10), "x1")
    assert reasons(agenda(TODAY))["overdue"] == ["x1", "a2", "b2", "z3", "y1"]


def test_a_horizon_leaves_out_what_comes_after_it_but_never_what_is_late() -> None:
    cid = person("Jeanne")
    follow_up(cid, day(-40), "très en retard")
    follow_up(cid, day(3), "dans 3 jours")
    follow_up(cid, day(7), "dans une semaine")
    follow_up(cid, day(8), "dans 8 jours")
    view = agenda(TODAY, horizon_days=7)
    assert reasons(view) == {
        "overdue": ["très en retard"],
        "today": [],
        "this_week": ["dans 3 jours"],
        "later": ["dans une semaine"],
    }
    assert view.horizon_ends_on == day(7)
    assert reasons(agenda(TODAY, horizon_days=0))["this_week"] == []
    with pytest.raises(ValidationError):
        agenda(TODAY, horizon_days=-1)


def test_items_carry_who_and_what() -> None:
    cid = person("Jeanne", 2, company="Cabinet Martin")
    fid = follow_up(cid, TODAY, "Envoyer la plaquette")
    [item] = agenda(TODAY).today
    assert (item.follow_up_id, item.contact_id, item.name, item.company, item.circle) == (
        fid,
        cid,
        "Jeanne Martin",
        "Cabinet Martin",
        2,
    )
    assert item.reason == "Envoyer la plaquette"
    assert not agenda(TODAY).is_empty
    FollowUp.delete().execute()
    assert agenda(TODAY).is_empty


def test_counts_match_the_sections() -> None:
    cid = person("Jeanne")
    for offset in (-3, -1, 0, 0, 2, 4, 5, 30):
        follow_up(cid, day(offset))
    follow_up(cid, day(-9), done_on=TODAY)
    follow_up(cid, day(-9), done_on=day(-1))
    view = agenda(TODAY)
    assert counts(TODAY) == {
        "overdue": len(view.overdue),
        "today": len(view.today),
        "this_week": len(view.this_week),
        "later": len(view.later),
        "open": view.total,
        "done_today": 1,
    }
    assert counts(TODAY)["this_week"] == 2  # Friday the 27th and Sunday the 29th; Monday is later
    assert counts(SUNDAY)["this_week"] == 0


# --------------------------------------------------------------------------------- hints


def test_hints_put_the_most_useful_true_details_first_then_the_last_exchange() -> None:
    cid = person("Hélène")
    add_detail(cid, "autre", "Ancienne joueuse de hockey", noted_on=dt.date(2026, 11, 1))
    add_detail(cid, "conjoint", "Marc, architecte", noted_on=dt.date(2026, 10, 1))
    add_detail(cid, "passion", "Voile à Wimereux", noted_on=dt.date(2026, 6, 2))
    add_detail(cid, "projet", "Ouvrir une boutique à Abbeville", noted_on=dt.date(2025, 3, 1))
    add_detail(cid, "projet", "Nouvel entrepôt à Arras", noted_on=dt.date(2026, 9, 12))
    stale = add_detail(cid, "difficulte", "Recrutement d'un apprenti", dt.date(2026, 10, 1))
    set_still_true(stale, False)
    exchange(dt.date(2026, 10, 3), cid, channel="appel")
    exchange(dt.date(2026, 11, 14), cid, channel="dejeuner")
    follow_up(cid, TODAY, "Prendre des nouvelles")
    [item] = agenda(TODAY).today
    assert item.hints == (
        "Projet en cours : Nouvel entrepôt à Arras",
        "Projet en cours : Ouvrir une boutique à Abbeville",
        "Passion : Voile à Wimereux",
        "Dernier échange : déjeuner le 14/11",
    )


def test_a_difficulty_comes_before_a_passion_and_several_lines_become_one() -> None:
    cid = person("Paul")
    add_detail(cid, "enfants", "Deux filles", noted_on=dt.date(2026, 1, 1))
    add_detail(cid, "passion", "Jazz", noted_on=dt.date(2026, 1, 1))
    add_detail(cid, "difficulte", "Trésorerie\ntendue  cet hiver", noted_on=dt.date(2026, 1, 1))
    follow_up(cid, TODAY)
    [item] = agenda(TODAY).today
    assert item.hints == (
        "Difficulté mentionnée : Trésorerie tendue cet hiver",
        "Passion : Jazz",
        "Enfants : Deux filles",
    )


def test_the_last_exchange_names_its_channel_and_the_year_when_it_is_not_this_one() -> None:
    old, linked, same_day, other = person("Ancien"), person("Lien"), person("Double"), person("X")
    exchange(dt.date(2025, 12, 20), old, channel="cafe")
    exchange(dt.date(2026, 11, 2), linked, channel="linkedin")
    exchange(dt.date(2026, 11, 20), same_day, channel="appel")
    exchange(dt.date(2026, 11, 20), same_day, channel="visio")  # recorded last: it wins
    exchange(dt.date(2026, 11, 21), other, channel="autre")
    for cid in (old, linked, same_day, other):
        follow_up(cid, TODAY)
    hints = {item.name: item.hints for item in agenda(TODAY).today}
    assert hints == {
        "Ancien Martin": ("Dernier échange : café le 20/12/2025",),
        "Lien Martin": ("Dernier échange : LinkedIn le 02/11",),
        "Double Martin": ("Dernier échange : visio le 20/11",),
        "X Martin": ("Dernier échange : le 21/11",),
    }


def test_someone_we_know_nothing_about_has_no_hints() -> None:
    follow_up(person("Inconnu"), TODAY)
    assert agenda(TODAY).today[0].hints == ()


def test_the_agenda_reads_three_queries_whatever_the_number_of_people(database: object) -> None:
    for index in range(40):
        cid = person(f"P{index:02d}", circle=1 + index % 3)
        add_detail(cid, "projet", f"Projet {index}", noted_on=dt.date(2026, 1, 1))
        exchange(dt.date(2026, 10, 1 + index % 28), cid)
        follow_up(cid, day(index - 20), f"r{index}")
    executed: list[str] = []
    original = database.execute_sql  # type: ignore[attr-defined]

    def counting(sql: str, params: object = None, *args: object, **kwargs: object) -> object:
        executed.append(sql)
        return original(sql, params, *args, **kwargs)

    database.execute_sql = counting  # type: ignore[attr-defined]
    try:
        view = agenda(TODAY)
    finally:
        del database.execute_sql  # type: ignore[attr-defined]
    assert len(executed) == 3
    assert view.total == 40
    assert all(
        item.hints[0].startswith("Projet en cours : Projet")
        for s in view.sections()
        for item in s.items
    )


# ------------------------------------------------------------------------------- actions


def test_completing_logs_the_exchange_and_takes_it_off_the_agenda() -> None:
    cid = person("Jeanne")
    exchange(day(-60), cid)
    fid = follow_up(cid, day(-2), "Envoyer le devis")
    assert [r.contact_id for r in relations_to_revive(TODAY)] == []  # left to the agenda
    interaction_id = complete(fid, "  Devis envoyé, rappel en janvier  ", TODAY, channel="email")
    done = FollowUp.get_by_id(fid)
    assert (done.done_on, done.closed_by_id) == (TODAY, interaction_id)
    interaction = Interaction.get_by_id(interaction_id)
    assert (interaction.happened_on, interaction.channel, interaction.notes) == (
        TODAY,
        "email",
        "Devis envoyé, rappel en janvier",
    )
    assert [p.contact_id for p in interaction.participants] == [cid]
    assert agenda(TODAY).is_empty
    assert relations_to_revive(TODAY) == []  # the exchange warmed the relation
    assert counts(TODAY)["done_today"] == 1


def test_completing_without_a_note_keeps_the_reason_in_the_history() -> None:
    fid = follow_up(person("Jeanne"), TODAY, "Féliciter pour la levée de fonds")
    interaction_id = complete(fid, "", TODAY)
    interaction = Interaction.get_by_id(interaction_id)
    assert interaction.notes == "Relance : Féliciter pour la levée de fonds"
    assert interaction.channel == "appel"


def test_completing_twice_or_with_a_wrong_channel_is_refused_in_french() -> None:
    fid = follow_up(person("Jeanne"), TODAY, "Rappeler")
    with pytest.raises(ValidationError, match="Canal inconnu") as info:
        complete(fid, "note", TODAY, channel="pigeon")
    assert info.value.field == "channel"
    assert Interaction.select().count() == 0
    assert FollowUp.get_by_id(fid).done_on is None
    complete(fid, "fait", TODAY)
    with pytest.raises(ValidationError, match="déjà faite"):
        complete(fid, "encore", TODAY)
    with pytest.raises(ValidationError, match="n'existe plus"):
        complete(9999, "", TODAY)
    assert Interaction.select().count() == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+1j", dt.date(2026, 11, 26)),
        ("+1s", dt.date(2026, 12, 2)),
        ("lundi", MONDAY),
        ("15/12", dt.date(2026, 12, 15)),
        ("Aujourd'hui", TODAY),
        ("fin du mois", MONDAY),
    ],
)
def test_snoozing_with_a_typed_date(text: str, expected: dt.date) -> None:
    fid = follow_up(person("Jeanne"), day(-4), "Relancer")
    assert snooze_text(fid, text, TODAY) == expected
    stored = FollowUp.get_by_id(fid)
    assert (stored.due_on, stored.snoozed_until) == (day(-4), expected)
    [item] = [i for s in agenda(TODAY).sections() for i in s.items]
    assert item.due_on == expected


@pytest.mark.parametrize("text", ["hier", "-3j", "20/11/2026", "lundi dernier"])
def test_snoozing_into_the_past_is_refused_in_french(text: str) -> None:
    fid = follow_up(person("Jeanne"), day(-4))
    with pytest.raises(DateParseError) as info:
        snooze_text(fid, text, TODAY)
    assert "déjà passé" in info.value.message
    assert FollowUp.get_by_id(fid).snoozed_until is None


def test_an_unreadable_snooze_date_is_refused_with_examples() -> None:
    fid = follow_up(person("Jeanne"), day(-4))
    with pytest.raises(DateParseError, match="Exemples acceptés"):
        snooze_text(fid, "bientôt", TODAY)
    with pytest.raises(ValidationError, match="passé"):
        snooze(fid, day(-1), today=TODAY)
    assert FollowUp.get_by_id(fid).snoozed_until is None


def test_rescheduling_sets_a_new_due_date_and_forgets_the_snooze() -> None:
    fid = follow_up(person("Jeanne"), day(-4))
    snooze(fid, day(2))
    assert reschedule(fid, day(10)) == day(10)
    stored = FollowUp.get_by_id(fid)
    assert (stored.due_on, stored.snoozed_until) == (day(10), None)
    assert [i.follow_up_id for i in agenda(TODAY).later] == [fid]
    assert reschedule_text(fid, "demain", TODAY) == day(1)
    assert [i.follow_up_id for i in agenda(TODAY).this_week] == [fid]
    with pytest.raises(ValidationError, match="passé"):
        reschedule(fid, day(-1), today=TODAY)
    with pytest.raises(DateParseError, match="déjà passé"):
        reschedule_text(fid, "avant-hier", TODAY)
    assert FollowUp.get_by_id(fid).due_on == day(1)


def test_a_done_follow_up_cannot_be_snoozed_or_rescheduled_until_reopened() -> None:
    cid = person("Jeanne")
    fid = follow_up(cid, day(-4), "Relancer")
    interaction_id = complete(fid, "Appelée", TODAY)
    with pytest.raises(ValidationError, match="Rouvrez-la"):
        snooze(fid, day(3))
    with pytest.raises(ValidationError, match="déjà faite"):
        reschedule(fid, day(3))
    reopen(fid)
    stored = FollowUp.get_by_id(fid)
    assert (stored.done_on, stored.closed_by_id) == (None, None)
    assert [i.follow_up_id for i in agenda(TODAY).overdue] == [fid]
    assert Interaction.get_or_none(Interaction.id == interaction_id) is not None  # it happened
    with pytest.raises(ValidationError, match="n'existe plus"):
        reopen(9999)


def test_creating_a_follow_up() -> None:
    cid = person("Jeanne")
    fid = create_follow_up(cid, day(6), "  Proposer un café  ", today=TODAY)
    stored = FollowUp.get_by_id(fid)
    assert (stored.contact_id, stored.due_on, stored.reason, stored.done_on) == (
        cid,
        day(6),
        "Proposer un café",
        None,
    )
    assert create_follow_up(cid, day(1), "") > fid  # a reason is optional
    with pytest.raises(ValidationError, match="passé"):
        create_follow_up(cid, day(-1), "trop tard", today=TODAY)
    with pytest.raises(ValidationError, match="n'existe plus"):
        create_follow_up(9999, day(1), "personne")
    with pytest.raises(ValidationError, match="caractère nul") as info:
        create_follow_up(cid, day(1), "nul\x00")
    assert info.value.field == "reason"
    with pytest.raises(ValidationError, match="trop long"):
        create_follow_up(cid, day(1), "x" * 501)
    assert FollowUp.select().count() == 2
