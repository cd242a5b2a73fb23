"""The metrics on a small hand-built network whose answers are known in advance.

Thursday 26/11/2026; « 3 derniers mois » runs from 01/09/2026 to 26/11/2026. Twelve contacts
were met in that period, three of them have an opportunity (25 %), one has won one (8,3 %).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tui_reseau.domain.metrics import compute_metrics, period_for, records
from tui_reseau.domain.metrics.common import Rate, number, percent, ratio
from tui_reseau.domain.metrics.discipline import median_of_counts
from tui_reseau.store.models import (
    Community,
    CommunityMember,
    Contact,
    Event,
    EventContact,
    FollowUp,
    Involvement,
    Opportunity,
    Recommendation,
)

TODAY = dt.date(2026, 11, 26)
D = dt.date


def _contact(key: str, circle: int, met_on: D | None, **fields: object) -> int:
    created = fields.pop("created_at", dt.datetime(2026, 1, 10, 9, 0))
    return Contact.create(
        first_name=key.capitalize(),
        last_name="Test",
        company=f"Société {key}",
        circle=circle,
        met_on=met_on,
        created_at=created,
        updated_at=created,
        **fields,
    ).id


def metrics_network() -> dict[str, int]:
    """The network of this module; returns the ids by name (contacts, events, communities…)."""
    ids: dict[str, int] = {}
    # Twelve contacts met between 01/09 and 26/11/2026 (the cohort of « 3 derniers mois »).
    cohort = [
        ("anne", 1, D(2026, 9, 3), "lille", "evenement", D(2026, 9, 4)),
        ("bruno", 1, D(2026, 9, 20), "lille", "recommandation", D(2026, 9, 25)),
        ("chloe", 1, D(2026, 10, 2), "amiens", "evenement", None),
        ("denis", 1, D(2026, 10, 8), "amiens", "evenement", D(2026, 10, 9)),
        ("emma", 2, D(2026, 10, 8), "lille", "evenement", None),
        ("fabien", 2, D(2026, 10, 8), "lille", "recommandation", D(2026, 11, 2)),
        ("gaelle", 2, D(2026, 11, 5), "amiens", "evenement", None),
        ("hugo", 2, D(2026, 11, 5), None, "recommandation", D(2026, 11, 6)),
        ("ines", 3, D(2026, 9, 15), "lille", "evenement", D(2026, 11, 20)),
        ("jules", 3, D(2026, 11, 12), "littoral", "recommandation", None),
        ("karim", 3, D(2026, 11, 25), "littoral", None, None),
        ("lea", 3, None, "lille", None, None),  # never « met »: recorded on 10/10/2026
    ]
    for key, circle, met_on, pole, via, qualified in cohort:
        extra: dict[str, object] = {}
        if met_on is None:
            extra["created_at"] = dt.datetime(2026, 10, 10, 18, 30)
        ids[key] = _contact(
            key, circle, met_on, pole=pole, met_via=via, qualified_on=qualified, **extra
        )
    # Met before the period: in « 12 derniers mois » and « cette année », or never.
    ids["marc"] = _contact("marc", 2, D(2026, 3, 10), pole="lille", qualified_on=D(2026, 3, 12))
    ids["nadia"] = _contact("nadia", 1, D(2026, 3, 20), pole="amiens", met_via="cafe")
    ids["jean"] = _contact("jean", 2, D(2019, 5, 1), pole="lille", qualified_on=D(2025, 6, 1))
    ids["helene"] = _contact("helene", 1, D(2018, 1, 1), pole="amiens")
    ids["oscar"] = _contact("oscar", 3, D(2020, 1, 1))  # recommends, then is deleted below

    # Recommendations: four received in the period, plus one before it.
    def rec(key: str, who: str | None, day: D, channel: str | None) -> None:
        recommender = ids[who] if who else None
        ids[key] = Recommendation.create(
            recommender=recommender, received_on=day, channel=channel, for_what=key
        ).id

    rec("rec_j1", "jean", D(2026, 9, 10), "dejeuner")
    rec("rec_j2", "jean", D(2026, 10, 1), "appel")
    rec("rec_j3", "jean", D(2026, 11, 3), "appel")
    rec("rec_h1", "helene", D(2026, 10, 20), "email")
    rec("rec_o1", "oscar", D(2026, 11, 4), None)
    rec("rec_old", "jean", D(2026, 2, 1), "appel")
    Contact.delete_by_id(ids["oscar"])  # the recommendation stays, its recommender unknown

    # Communities, events and involvements.
    ids["club"] = Community.create(name="Club A", kind="club", role="actif").id
    ids["asso"] = Community.create(name="Asso B", kind="association").id

    def event(key: str, day: D, hours: str, community: str | None, people: list[str]) -> None:
        ids[key] = Event.create(
            name=key, held_on=day, hours=Decimal(hours), community=ids.get(community or "")
        ).id
        for person in people:
            EventContact.create(event=ids[key], contact=ids[person])

    event("soiree_club", D(2026, 10, 8), "4", "club", ["denis", "emma", "fabien", "jean"])
    event("salon", D(2026, 11, 5), "0", None, ["gaelle", "hugo"])
    event("petit_dej", D(2026, 9, 15), "2", None, ["ines"])
    event("futur", D(2026, 12, 10), "3", "club", [])
    event("ancien", D(2026, 3, 5), "5", "club", ["marc"])
    Involvement.create(
        community=ids["club"], kind="responsabilite", happened_on=D(2026, 10, 1), hours=Decimal(6)
    )
    Involvement.create(
        community=ids["asso"], kind="participation", happened_on=D(2026, 9, 20), hours=Decimal(3)
    )
    Involvement.create(
        community=ids["club"], kind="participation", happened_on=D(2026, 2, 1), hours=Decimal(2)
    )
    CommunityMember.create(community=ids["club"], contact=ids["denis"])
    CommunityMember.create(community=ids["club"], contact=ids["emma"])
    CommunityMember.create(community=ids["club"], contact=ids["marc"])  # met in March

    # Opportunities: three contacts of the cohort, one of them won.
    def opp(key: str, who: str, stage: str, value: int | None, **links: object) -> None:
        ids[key] = Opportunity.create(
            contact=ids[who],
            title=key,
            stage=stage,
            value_eur=Decimal(value) if value is not None else None,
            opened_on=links.pop("opened_on", D(2026, 10, 15)),
            **links,
        ).id

    opp("opp_denis", "denis", "gagnee", 8000, event=ids["soiree_club"])
    opp("opp_emma", "emma", "piste", None, event=ids["soiree_club"])
    opp("opp_ines", "ines", "perdue", 5000)
    opp("opp_jean", "jean", "gagnee", 12000, recommendation=ids["rec_j1"])
    opp("opp_petit_dej", "jean", "gagnee", 1000, event=ids["petit_dej"], opened_on=D(2026, 9, 20))
    opp("opp_marc", "marc", "gagnee", 3000, opened_on=D(2026, 4, 1))

    # Follow-ups planned in the period (and two outside it).
    def follow(key: str, who: str, due: D, done: D | None = None, snoozed: D | None = None) -> None:
        ids[key] = FollowUp.create(
            contact=ids[who], due_on=due, done_on=done, snoozed_until=snoozed, reason=key
        ).id

    follow("fu_early", "anne", D(2026, 9, 10), done=D(2026, 9, 8))
    follow("fu_same_day", "bruno", D(2026, 10, 1), done=D(2026, 10, 1))
    follow("fu_late4", "chloe", D(2026, 10, 5), done=D(2026, 10, 9))
    follow("fu_late10", "denis", D(2026, 11, 2), done=D(2026, 11, 12))
    follow("fu_overdue", "emma", D(2026, 11, 20))
    follow("fu_snoozed", "fabien", D(2026, 11, 10), snoozed=D(2026, 11, 30))
    follow("fu_today", "gaelle", TODAY)
    follow("fu_future", "hugo", D(2026, 12, 3))
    follow("fu_june", "jean", D(2026, 6, 1), done=D(2026, 6, 20))
    return ids


@pytest.fixture
def net(database: object) -> dict[str, int]:
    return metrics_network()


def _ids(key) -> set[int]:  # key: RecordKey
    return {row.id for row in records(key).rows}


def _kind_ids(key, kind: str) -> set[int]:
    return {row.id for row in records(key).rows if row.kind == kind}


# ------------------------------------------------------------------------------- the period


def test_periods_are_whole_months_up_to_today() -> None:
    three = period_for("3m", TODAY)
    assert (three.start, three.end, three.stop) == (D(2026, 9, 1), TODAY, D(2026, 11, 27))
    assert three.months == (D(2026, 9, 1), D(2026, 10, 1), D(2026, 11, 1))
    assert period_for("6m", TODAY).start == D(2026, 6, 1)
    assert period_for("12m", TODAY).start == D(2025, 12, 1)
    assert period_for("year", TODAY).start == D(2026, 1, 1)
    assert period_for("12m", D(2026, 1, 31)).months[0] == D(2025, 2, 1)
    assert period_for("year", D(2026, 1, 1)).months == (D(2026, 1, 1),)


def test_ratios_say_dash_rather_than_divide_by_zero() -> None:
    assert ratio(3, 0) is None
    assert Rate(0, 0).text == "—"
    assert Rate(3, 12).text == "25 %"
    assert Rate(1, 12).text == "8,3 %"
    assert percent(None) == "—"
    assert number(None) == "—"
    assert number(1.5) == "1,5"
    assert number(12345) == "12 345"


def test_median_of_counts() -> None:
    assert median_of_counts({}) is None
    assert median_of_counts({7: 1}) == 7
    assert median_of_counts({0: 2, 4: 1, 10: 1}) == 2
    assert median_of_counts({0: 1, 5: 3}) == 5


# ------------------------------------------------------------------------------- growth


def test_new_qualified_contacts_per_month(net: dict[str, int]) -> None:
    report = compute_metrics("3m", TODAY)
    assert [(m.label, m.count) for m in report.growth.months] == [
        ("sept. 2026", 2),
        ("oct. 2026", 1),
        ("nov. 2026", 3),
    ]
    assert report.growth.total == 6
    november = report.growth.months[2].key
    assert _ids(november) == {net["fabien"], net["hugo"], net["ines"]}
    assert _ids(report.growth.key) == {
        net[k] for k in ("anne", "bruno", "denis", "fabien", "hugo", "ines")
    }
    year = compute_metrics("12m", TODAY).growth
    assert len(year.months) == 12 and year.total == 7  # Marc, qualified in March, too
    assert year.months[3].count == 1 and _ids(year.months[3].key) == {net["marc"]}


# ------------------------------------------------------------------------------- conversion


def test_conversion_overall(net: dict[str, int]) -> None:
    overall = compute_metrics("3m", TODAY).conversion.overall
    assert (overall.met, overall.converted, overall.won) == (12, 3, 1)
    assert overall.converted_rate.text == "25 %"
    assert overall.won_rate.text == "8,3 %"
    rows = records(overall.key).rows
    assert len(rows) == 12
    assert [(r.id, r.value) for r in rows[:3]] == [
        (net["denis"], "gagnée"),
        (net["emma"], "opportunité"),
        (net["ines"], "opportunité"),
    ]
    assert net["lea"] in {r.id for r in rows}  # recorded in the period, never « met »


def test_conversion_by_circle_pole_and_channel(net: dict[str, int]) -> None:
    conversion = compute_metrics("3m", TODAY).conversion
    by_circle = {r.label: (r.met, r.converted, r.won) for r in conversion.by_circle}
    assert by_circle == {"Cercle 1": (4, 1, 1), "Cercle 2": (4, 1, 0), "Cercle 3": (4, 1, 0)}
    by_pole = {r.label: (r.met, r.converted) for r in conversion.by_pole}
    assert by_pole == {
        "Lille": (6, 2),
        "Amiens": (3, 1),
        "Littoral": (2, 0),
        "non renseigné": (1, 0),
    }
    by_channel = {
        r.label: (r.met, r.converted, r.converted_rate.text) for r in conversion.by_channel
    }
    assert by_channel == {
        "Événement": (6, 3, "50 %"),
        "Recommandation": (4, 0, "0 %"),
        "non renseigné": (2, 0, "0 %"),
    }
    circle_2 = next(r for r in conversion.by_circle if r.label == "Cercle 2")
    assert _ids(circle_2.key) == {net[k] for k in ("emma", "fabien", "gaelle", "hugo")}
    no_pole = next(r for r in conversion.by_pole if r.key.value is None)
    assert _ids(no_pole.key) == {net["hugo"]}


# ------------------------------------------------------------------------------- recommendations


def test_recommendations_by_recommender_circle_and_channel(net: dict[str, int]) -> None:
    recs = compute_metrics("3m", TODAY).recommendations
    assert (recs.total.count, recs.total.opportunities, recs.total.won_eur) == (5, 1, 12000)
    assert recs.recommenders == 2
    assert [(r.label, r.count, r.won_eur) for r in recs.top] == [
        ("Jean Test", 3, 12000),
        ("Helene Test", 1, 0),
        ("inconnu (contact supprimé)", 1, 0),
    ]
    assert [(r.label, r.count) for r in recs.by_circle] == [
        ("Cercle 1", 1),
        ("Cercle 2", 3),
        ("inconnu (contact supprimé)", 1),
    ]
    assert [(r.label, r.count) for r in recs.by_channel] == [
        ("Appel", 2),
        ("Déjeuner", 1),
        ("E-mail", 1),
        ("non renseigné", 1),
    ]
    assert _ids(recs.top[0].key) == {net["rec_j1"], net["rec_j2"], net["rec_j3"]}
    assert _ids(recs.top[2].key) == {net["rec_o1"]}
    jean_rows = records(recs.top[0].key).rows
    assert {r.value for r in jean_rows} == {"gagnée 12 000 €", "—"}
    assert all(r.contact_id == net["jean"] for r in jean_rows)


# ------------------------------------------------------------------------------- ROI


def test_events_ranked_by_euros_per_hour_zero_hours_last(net: dict[str, int]) -> None:
    events = compute_metrics("3m", TODAY).roi.events
    assert [e.name for e in events] == ["soiree_club", "petit_dej", "salon"]
    club, petit_dej, salon = events
    assert (club.hours, club.contacts, club.qualified, club.opportunities) == (4, 4, 3, 2)
    assert club.won_eur == 8000 and club.won_per_hour == 2000
    assert club.contacts_per_hour == 1
    assert petit_dej.won_per_hour == 500
    assert salon.hours == 0 and salon.contacts == 2
    assert salon.won_per_hour is None and salon.contacts_per_hour is None
    assert _kind_ids(club.key, "contact") == {net[k] for k in ("denis", "emma", "fabien", "jean")}
    assert _kind_ids(club.key, "opportunity") == {net["opp_denis"], net["opp_emma"]}
    assert _kind_ids(club.key, "event") == {net["soiree_club"]}


def test_communities_hours_contacts_and_opportunities(net: dict[str, int]) -> None:
    communities = compute_metrics("3m", TODAY).roi.communities
    assert [c.name for c in communities] == ["Club A", "Asso B"]
    club, asso = communities
    # 6 h of involvement + 4 h at its evening; the March event and the December one are out.
    assert club.hours == 10
    assert (club.contacts, club.qualified) == (2, 1)  # Denis and Emma, members met in October
    assert (club.opportunities, club.won_eur, club.won_per_hour) == (2, 8000, 800)
    assert (asso.hours, asso.contacts, asso.won_per_hour) == (3, 0, 0)
    assert _kind_ids(club.key, "contact") == {net["denis"], net["emma"]}
    assert _kind_ids(club.key, "opportunity") == {net["opp_denis"], net["opp_emma"]}
    assert _kind_ids(club.key, "event") == {net["soiree_club"]}
    assert len(_kind_ids(club.key, "involvement")) == 1


# ------------------------------------------------------------------------------- follow-ups


def test_follow_up_discipline(net: dict[str, int]) -> None:
    discipline = compute_metrics("3m", TODAY).discipline
    assert (discipline.due, discipline.on_time, discipline.done_late) == (6, 2, 2)
    assert discipline.overdue == 1
    assert discipline.on_time_rate.text == "33 %"
    assert discipline.median_delay_days == 2  # delays 0, 0, 4, 10
    assert _ids(discipline.key("on_time")) == {net["fu_early"], net["fu_same_day"]}
    assert _ids(discipline.key("overdue")) == {net["fu_overdue"]}
    assert _ids(discipline.key("due")) == {
        net[k]
        for k in ("fu_early", "fu_same_day", "fu_late4", "fu_late10", "fu_overdue", "fu_snoozed")
    }
    statuses = {r.id: r.value for r in records(discipline.key("due")).rows}
    assert statuses[net["fu_late10"]] == "faite avec 10 j de retard"
    assert statuses[net["fu_overdue"]] == "en retard de 6 j"
    assert statuses[net["fu_snoozed"]] == "reportée au 30/11/2026"
    year = compute_metrics("12m", TODAY).discipline
    assert (year.due, year.done_late, year.median_delay_days) == (7, 3, 4)


# ------------------------------------------------------------------------------- empty


def test_an_empty_network_gives_zeros_and_dashes(database: object) -> None:
    report = compute_metrics("3m", TODAY)
    assert report.growth.total == 0 and [m.count for m in report.growth.months] == [0, 0, 0]
    overall = report.conversion.overall
    assert (overall.met, overall.converted_rate.text, overall.won_rate.text) == (0, "—", "—")
    assert report.conversion.by_circle == ()
    assert report.recommendations.total.count == 0 and report.recommendations.top == ()
    assert report.roi.events == () and report.roi.communities == ()
    assert report.discipline.on_time_rate.text == "—"
    assert report.discipline.median_delay_days is None
    assert records(overall.key).total == 0


def test_a_period_with_nothing_in_it(net: dict[str, int]) -> None:
    """On 15/01/2025 (« 3 derniers mois » from 01/11/2024) the network had not started yet."""
    report = compute_metrics("3m", D(2025, 1, 15))
    assert report.conversion.overall.met == 0
    assert report.conversion.overall.converted_rate.value is None
    assert report.recommendations.total.count == 0
    assert report.discipline.due == 0 and report.discipline.on_time_rate.value is None


def test_metrics_never_import_textual() -> None:
    code = (
        "import sys, tui_reseau.domain.metrics, tui_reseau.domain.metrics.records\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert result.stdout.strip() == "[]"
