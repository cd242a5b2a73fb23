"""After a meeting, in under a minute: one form, checked entirely, written all or nothing."""

from __future__ import annotations

import datetime as dt

import peewee
import pytest

from tui_reseau.domain.agenda import agenda
from tui_reseau.domain.cadence import relations_to_revive
from tui_reseau.domain.contacts import ValidationErrors
from tui_reseau.domain.meetings import MeetingDraft, parse_minutes, record_meeting
from tui_reseau.domain.validation import ValidationError
from tui_reseau.store.models import (
    Contact,
    Event,
    EventContact,
    FollowUp,
    Interaction,
    InteractionContact,
    MemorisedDetail,
)

pytestmark = pytest.mark.usefixtures("database")
TODAY = dt.date(2026, 11, 25)  # a Wednesday


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def person(first: str, circle: int = 1, qualified_on: dt.date | None = None) -> int:
    return Contact.create(
        first_name=first,
        last_name="Leroy",
        circle=circle,
        qualified_on=qualified_on,
        met_on=dt.date(2025, 5, 2),
        created_at=dt.datetime(2025, 5, 2, 12, 0),
    ).id


def table_sizes() -> dict[str, int]:
    return {
        model.__name__: model.select().count()
        for model in (Interaction, InteractionContact, MemorisedDetail, FollowUp, EventContact)
    }


def test_the_shortest_capture_is_a_person_and_a_channel() -> None:
    cid = person("Nadia")
    before = table_sizes()
    result = record_meeting(MeetingDraft(contact_ids=(cid,), channel="cafe"), TODAY)
    interaction = Interaction.get_by_id(result.interaction_id)
    assert (interaction.happened_on, interaction.channel, interaction.notes) == (TODAY, "cafe", "")
    assert interaction.duration_minutes is None
    assert [p.contact_id for p in interaction.participants] == [cid]
    assert result.follow_up_id is None
    assert table_sizes() == before | {"Interaction": 1, "InteractionContact": 1}


def test_a_full_capture_after_a_lunch_with_two_people() -> None:
    nadia, hugo = person("Nadia", 2), person("Hugo", 1, qualified_on=dt.date(2025, 9, 1))
    forum = Event.create(name="Forum Entreprendre", held_on=day(-1), place="Lille Grand Palais")
    old_nadia = FollowUp.create(contact=nadia, due_on=day(-3), reason="Proposer un déjeuner")
    old_hugo = FollowUp.create(contact=hugo, due_on=day(-1), reason="Rappeler Hugo")
    untouched = FollowUp.create(contact=hugo, due_on=day(9), reason="Autre sujet")
    result = record_meeting(
        MeetingDraft(
            contact_ids=(nadia, hugo, nadia),
            happened_on_text="hier",
            channel="dejeuner",
            event_id=forum.id,
            duration_text="1h30",
            notes="Parlé de l'export vers la Belgique.\nHugo cherche un comptable.",
            new_details=(("projet", "Nouvel entrepôt à Arras"), ("passion", " Trail ")),
            qualified=True,
            next_follow_up_text="+2s",
            next_follow_up_reason="Envoyer le contact du transitaire",
            close_follow_up_ids=(old_nadia.id, old_hugo.id),
        ),
        TODAY,
    )
    interaction = Interaction.get_by_id(result.interaction_id)
    assert (interaction.happened_on, interaction.channel, interaction.duration_minutes) == (
        day(-1),
        "dejeuner",
        90,
    )
    assert interaction.event_id == forum.id
    assert interaction.notes.endswith("Hugo cherche un comptable.")
    assert sorted(p.contact_id for p in interaction.participants) == sorted([nadia, hugo])
    assert {row.contact_id for row in forum.attendance} == {nadia, hugo}

    details = list(MemorisedDetail.select().order_by(MemorisedDetail.id))
    assert [(d.contact_id, d.kind, d.text, d.noted_on) for d in details] == [
        (nadia, "projet", "Nouvel entrepôt à Arras", TODAY),
        (nadia, "passion", "Trail", TODAY),
    ]
    assert result.detail_ids == tuple(d.id for d in details)
    assert Contact.get_by_id(nadia).qualified_on == TODAY
    assert Contact.get_by_id(hugo).qualified_on == dt.date(2025, 9, 1)  # already qualified

    planned = FollowUp.get_by_id(result.follow_up_id)
    assert (planned.contact_id, planned.due_on, planned.reason) == (
        nadia,
        day(14),
        "Envoyer le contact du transitaire",
    )
    for closed in (old_nadia, old_hugo):
        stored = FollowUp.get_by_id(closed.id)
        assert (stored.done_on, stored.closed_by_id) == (day(-1), interaction.id)
    assert FollowUp.get_by_id(untouched.id).done_on is None
    assert result.closed_follow_up_ids == (old_nadia.id, old_hugo.id)

    # What the user sees next: the agenda holds the new follow-up, personalised.
    view = agenda(TODAY)
    assert [i.reason for i in view.later] == ["Autre sujet", "Envoyer le contact du transitaire"]
    assert view.later[1].hints == (
        "Projet en cours : Nouvel entrepôt à Arras",
        "Passion : Trail",
        "Dernier échange : déjeuner le 24/11",
    )
    assert view.overdue == ()
    assert relations_to_revive(TODAY) == []


def test_qualification_none_keeps_false_removes() -> None:
    cid = person("Nadia", qualified_on=dt.date(2026, 1, 10))
    record_meeting(MeetingDraft(contact_ids=(cid,), channel="appel"), TODAY)
    assert Contact.get_by_id(cid).qualified_on == dt.date(2026, 1, 10)
    record_meeting(MeetingDraft(contact_ids=(cid,), channel="appel", qualified=False), TODAY)
    assert Contact.get_by_id(cid).qualified_on is None
    record_meeting(MeetingDraft(contact_ids=(cid,), channel="appel", qualified=True), TODAY)
    assert Contact.get_by_id(cid).qualified_on == TODAY


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", TODAY), ("lundi", day(-2)), ("15/12", dt.date(2025, 12, 15)), ("aujourd'hui", TODAY)],
)
def test_the_meeting_day_reads_french_dates_towards_the_past(text: str, expected: dt.date) -> None:
    result = record_meeting(
        MeetingDraft(contact_ids=(person("Nadia"),), channel="cafe", happened_on_text=text), TODAY
    )
    assert result.happened_on == expected
    assert Interaction.get_by_id(result.interaction_id).happened_on == expected


def test_without_a_date_a_meeting_at_an_event_happened_on_the_event_s_day() -> None:
    salon = Event.create(name="Salon Créer", held_on=day(-6))
    result = record_meeting(
        MeetingDraft(contact_ids=(person("Nadia"),), channel="evenement", event_id=salon.id), TODAY
    )
    assert result.happened_on == day(-6)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("", None), ("45 min", 45), ("1h30", 90), ("1 h", 60), ("2", 120), ("20 min", 20)],
)
def test_durations_in_minutes(text: str, minutes: int | None) -> None:
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize(
    ("text", "words"),
    [("90", "écrivez « 90 min »"), ("0", "nulle"), ("une heure", "illisible"), ("-1h", "négative")],
)
def test_wrong_durations_are_explained(text: str, words: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_minutes(text)
    assert info.value.field == "duration"
    assert words in info.value.message


def test_every_wrong_field_is_reported_at_once_and_nothing_is_written() -> None:
    cid = person("Nadia")
    done = FollowUp.create(contact=cid, due_on=day(-5), done_on=day(-2))
    before = table_sizes()
    draft = MeetingDraft(
        contact_ids=(),
        happened_on_text="demain",
        channel="pigeon",
        event_id=424242,
        duration_text="90",
        notes="ok",
        new_details=(("projet", "Agrandir l'atelier"), ("hobby", "Golf"), ("passion", "   ")),
        qualified=True,
        next_follow_up_text="hier",
        next_follow_up_reason="nul\x00",
        close_follow_up_ids=(done.id,),
    )
    with pytest.raises(ValidationErrors) as info:
        record_meeting(draft, TODAY)
    by_field = info.value.by_field
    assert set(by_field) == {
        "contacts",
        "happened_on",
        "channel",
        "event",
        "duration",
        "details.1",
        "details.2",
        "next_follow_up",
        "next_follow_up_reason",
        "close_follow_ups",
    }
    assert "au moins une personne" in by_field["contacts"]
    assert "futur" in by_field["happened_on"]
    assert "déjà passé" in by_field["next_follow_up"]
    assert "déjà faite" in by_field["close_follow_ups"]
    assert "Golf" not in by_field["details.1"] and "type de détail" in by_field["details.1"]
    assert all(m[0].isupper() or m.startswith("«") for m in by_field.values())
    assert table_sizes() == before
    assert Contact.get_by_id(cid).qualified_on is None


def test_a_reason_without_a_date_and_someone_else_s_follow_up_are_refused() -> None:
    nadia, hugo = person("Nadia"), person("Hugo")
    hugos = FollowUp.create(contact=hugo, due_on=day(-1))
    with pytest.raises(ValidationErrors) as info:
        record_meeting(
            MeetingDraft(
                contact_ids=(nadia,),
                channel="cafe",
                next_follow_up_reason="Envoyer la plaquette",
                close_follow_up_ids=(hugos.id,),
            ),
            TODAY,
        )
    assert set(info.value.by_field) == {"next_follow_up", "close_follow_ups"}
    assert "absente de cet échange" in info.value.by_field["close_follow_ups"]
    assert Interaction.select().count() == 0


def test_a_contact_deleted_meanwhile_is_reported() -> None:
    nadia = person("Nadia")
    with pytest.raises(ValidationErrors) as info:
        record_meeting(MeetingDraft(contact_ids=(nadia, 777), channel="cafe"), TODAY)
    assert "n'existe plus" in info.value.by_field["contacts"]


def test_when_the_last_write_fails_nothing_of_the_meeting_remains(database: object) -> None:
    nadia = person("Nadia")
    salon = Event.create(name="Salon", held_on=day(-1))
    open_one = FollowUp.create(contact=nadia, due_on=day(-2), reason="Rappeler")
    before = table_sizes()
    # The database refuses the very last write: closing the follow-up.
    database.execute_sql(  # type: ignore[attr-defined]
        "CREATE TRIGGER refuse_closing BEFORE UPDATE OF done_on ON follow_up "
        "BEGIN SELECT RAISE(ABORT, 'disque plein'); END"
    )
    draft = MeetingDraft(
        contact_ids=(nadia,),
        channel="dejeuner",
        event_id=salon.id,
        notes="Un bon déjeuner",
        new_details=(("projet", "Levée de fonds"),),
        qualified=True,
        next_follow_up_text="+1s",
        next_follow_up_reason="Envoyer le dossier",
        close_follow_up_ids=(open_one.id,),
    )
    with pytest.raises(peewee.DatabaseError, match="disque plein"):
        record_meeting(draft, TODAY)
    assert table_sizes() == before
    assert Contact.get_by_id(nadia).qualified_on is None
    assert FollowUp.get_by_id(open_one.id).done_on is None

    database.execute_sql("DROP TRIGGER refuse_closing")  # type: ignore[attr-defined]
    result = record_meeting(draft, TODAY)  # the same form, once the disk is fine again
    assert FollowUp.get_by_id(open_one.id).closed_by_id == result.interaction_id
