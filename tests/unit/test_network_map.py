"""The circle map's data on a hand-built network with known counts, and against the agenda's rules."""

from __future__ import annotations

import datetime as dt

import pytest

from tui_reseau.domain.agenda import agenda
from tui_reseau.domain.cadence import relations_to_revive, set_default_cadence
from tui_reseau.domain.contacts import ContactFilter
from tui_reseau.domain.demo import generate_demo
from tui_reseau.domain.network_map import NO_POLE, POLES, Flag, Tally, map_data
from tui_reseau.store.models import Contact, FollowUp, Interaction, InteractionContact

pytestmark = pytest.mark.usefixtures("database")
TODAY = dt.date(2026, 11, 25)
LONG_AGO = dt.datetime(2020, 1, 6, 9, 30)

P, Q, LATE, R = Flag.PRESCRIBER, Flag.QUALIFIED, Flag.OVERDUE, Flag.TO_REVIVE


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def person(
    name: str,
    circle: int,
    pole: str | None,
    *,
    qualified: bool = False,
    met_days_ago: int | None = None,
    cadence_days: int | None = None,
    seen_days_ago: int | None = None,
) -> int:
    cid = Contact.create(
        first_name=name,
        last_name="Test",
        circle=circle,
        pole=pole,
        qualified_on=ago(400) if qualified else None,
        met_on=ago(met_days_ago) if met_days_ago is not None else None,
        created_at=LONG_AGO,
        cadence_days=cadence_days,
    ).id
    if seen_days_ago is not None:
        interaction = Interaction.create(happened_on=ago(seen_days_ago), channel="cafe")
        InteractionContact.create(interaction=interaction, contact=cid)
    return cid


def follow_up(cid: int, due_days_ago: int, *, snoozed_to: int | None = None, done=False) -> None:
    FollowUp.create(
        contact=cid,
        due_on=ago(due_days_ago),
        snoozed_until=ago(snoozed_to) if snoozed_to is not None else None,
        done_on=TODAY if done else None,
    )


@pytest.fixture
def network() -> dict[str, int]:
    """Ten people whose flags are known (cadences 30, 45 and 90 days)."""
    ids = {
        "anne": person("Anne", 1, "lille", qualified=True, seen_days_ago=10),
        "bruno": person("Bruno", 1, "lille", seen_days_ago=40),  # past 30 days: to revive
        "chloe": person("Chloé", 1, "amiens", seen_days_ago=100),  # overdue, so not to revive
        "denis": person("Denis", 2, "lille", qualified=True, seen_days_ago=10),
        "emma": person("Emma", 2, "littoral", met_days_ago=60),  # never seen, met 60 days ago
        "fred": person("Fred", 2, "littoral", met_days_ago=60),  # a follow-up keeps him
        "gina": person("Gina", 3, "hors_region", qualified=True, seen_days_ago=500),
        "hugo": person("Hugo", 3, "region", cadence_days=400, seen_days_ago=200),
        "ines": person("Inès", 3, None, seen_days_ago=5),  # no pole: counted, not placed
        "jules": person("Jules", 1, "lille", met_days_ago=5),
    }
    follow_up(ids["chloe"], 3)  # overdue by three days
    follow_up(ids["denis"], 5, snoozed_to=-1)  # put off until tomorrow: not overdue
    follow_up(ids["fred"], -10)  # expected within his cadence: not to revive
    follow_up(ids["ines"], 10, done=True)  # done: not overdue
    follow_up(ids["jules"], 0)  # due today: not overdue yet
    return ids


def flags_by_name(network: dict[str, int], flt: ContactFilter | None = None) -> dict[str, Flag]:
    data = map_data(TODAY, flt)
    by_id = {data.ids[i]: Flag(data.flags[i]) for i in range(len(data))}
    return {name: by_id[cid] for name, cid in network.items() if cid in by_id}


def test_each_contact_gets_the_flags_the_agenda_s_rules_give(network: dict[str, int]) -> None:
    assert flags_by_name(network) == {
        "anne": Q,
        "bruno": R,
        "chloe": LATE,
        "denis": P | Q,
        "emma": P | R,
        "fred": P,
        "gina": Q | R,  # last seen before the 400-day window: past any cadence in use
        "hugo": Flag(0),  # his own 400-day cadence (the longest in use) sets the window
        "ines": Flag(0),
        "jules": Flag(0),
    }


def test_counts_per_ring_sector_and_cell(network: dict[str, int]) -> None:
    data = map_data(TODAY)
    assert data.total == Tally(contacts=10, prescribers=3, qualified=3, overdue=1, to_revive=3)
    assert data.total.attention == 4
    assert data.rings == {
        1: Tally(contacts=4, qualified=1, overdue=1, to_revive=1),
        2: Tally(contacts=3, prescribers=3, qualified=1, to_revive=1),
        3: Tally(contacts=3, qualified=1, to_revive=1),
    }
    assert data.sectors == {
        "lille": Tally(contacts=4, prescribers=1, qualified=2, to_revive=1),
        "amiens": Tally(contacts=1, overdue=1),
        "littoral": Tally(contacts=2, prescribers=2, to_revive=1),
        "region": Tally(contacts=1),
        "hors_region": Tally(contacts=1, qualified=1, to_revive=1),
    }
    assert data.unplaced == Tally(contacts=1)
    assert data.cells[1, "lille"] == Tally(contacts=3, qualified=1, to_revive=1)
    assert data.cells[2, "littoral"] == Tally(contacts=2, prescribers=2, to_revive=1)
    assert data.cells[3, "lille"] == Tally()
    assert len(data.cells) == 15
    assert data.tally(1, "amiens").overdue == 1
    assert data.tally(None, "lille").contacts == 4
    assert data.tally(3).contacts == 3
    assert data.tally() is data.total


def test_cells_are_slices_of_the_arrays_in_id_order(network: dict[str, int]) -> None:
    data = map_data(TODAY)
    assert data.members(1, "lille") == [
        (network["anne"], Q),
        (network["bruno"], R),
        (network["jules"], 0),
    ]
    assert data.members(3, None) == [(network["ines"], 0)]
    assert data.members(3, "lille") == []
    placed = [data.contact(i) for i in data.spans[2, "littoral"]]
    assert [(c.circle, c.pole, c.needs_attention) for c in placed] == [
        (2, "littoral", True),
        (2, "littoral", False),
    ]
    assert set(data.circles) == {1, 2, 3}
    assert data.poles.count(NO_POLE) == 1
    assert sorted(data.ids) == sorted(network.values())


def test_the_list_s_filter_applies(network: dict[str, int]) -> None:
    flt = ContactFilter(circles=frozenset({1, 2}), poles=frozenset({"lille"}))
    assert flags_by_name(network, flt) == {"anne": Q, "bruno": R, "denis": P | Q, "jules": 0}
    data = map_data(TODAY, ContactFilter(qualified=True))
    assert data.filter == ContactFilter(qualified=True)
    assert data.total.contacts == 3
    assert data.rings[3] == Tally(contacts=1, qualified=1, to_revive=1)


def test_a_changed_cadence_changes_who_is_to_revive(network: dict[str, int]) -> None:
    set_default_cadence(1, 60)  # Bruno, seen 40 days ago, is within it now
    assert flags_by_name(network)["bruno"] == Flag(0)
    set_default_cadence(3, 600)  # Gina, seen 500 days ago, too
    assert flags_by_name(network)["gina"] == Q


def test_an_empty_network_or_filter_gives_an_empty_map(network: dict[str, int]) -> None:
    data = map_data(TODAY, ContactFilter(tag="personne"))
    assert len(data) == 0 and data.total == Tally()
    assert set(data.rings) == {1, 2, 3} and set(data.sectors) == set(POLES)
    assert data.members(1, "lille") == []


def test_the_demo_network_agrees_with_the_agenda_and_the_revivals() -> None:
    generate_demo(contacts=400, today=TODAY)
    data = map_data(TODAY)
    flagged = {
        flag: {data.ids[i] for i in range(len(data)) if data.flags[i] & flag} for flag in (LATE, R)
    }
    assert flagged[R] == {r.contact_id for r in relations_to_revive(TODAY)}
    assert flagged[LATE] == {item.contact_id for item in agenda(TODAY).overdue}
    assert not flagged[LATE] & flagged[R]
    assert data.total.contacts == Contact.select().count() == 400
    assert data.rings[2].prescribers == data.rings[2].contacts > 0
    assert sum(t.contacts for t in data.cells.values()) + data.unplaced.contacts == 400
