"""The metrics' SQL is portable: the same known answers on a real PostgreSQL.

Uses the throw-away server of ``test_postgres.py`` (skipped, with the reason, without it).
"""

from __future__ import annotations

from tests.unit.test_metrics import TODAY, metrics_network
from tests.unit.test_postgres import pg_server, pg_url  # noqa: F401  (fixtures)
from tui_reseau.domain.metrics import compute_metrics, records
from tui_reseau.locations import parse_db_value
from tui_reseau.store.database import open_database


def test_every_family_gives_the_same_answers_on_postgres(pg_url: str) -> None:  # noqa: F811
    open_database(parse_db_value(pg_url, "--db"))
    ids = metrics_network()
    report = compute_metrics("3m", TODAY)
    assert [m.count for m in report.growth.months] == [2, 1, 3]
    overall = report.conversion.overall
    assert (overall.met, overall.converted, overall.won) == (12, 3, 1)
    assert {r.label: r.met for r in report.conversion.by_pole}["non renseigné"] == 1
    recs = report.recommendations
    assert (recs.total.count, recs.total.won_eur, recs.recommenders) == (5, 12000, 2)
    assert [r.count for r in recs.top] == [3, 1, 1]
    assert [e.name for e in report.roi.events] == ["soiree_club", "petit_dej", "salon"]
    club = report.roi.communities[0]
    assert (club.name, club.hours, club.contacts, club.won_eur) == ("Club A", 10, 2, 8000)
    discipline = report.discipline
    assert (discipline.due, discipline.on_time, discipline.overdue) == (6, 2, 1)
    assert discipline.median_delay_days == 2
    assert {r.id for r in records(overall.key).rows} >= {ids["denis"], ids["lea"]}
    assert len(records(club.key).rows) == 6
    assert records(discipline.key("done")).total == 4
