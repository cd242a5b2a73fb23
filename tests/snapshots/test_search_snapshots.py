"""Snapshots of the search dialog, at 120×36 and 80×24: results with their reasons, no result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.network import settle
from tui_reseau.domain.contacts import ContactDraft, save_contact
from tui_reseau.domain.details import add_detail
from tui_reseau.locations import DbTarget
from tui_reseau.ui.app import ReseauApp, make_app

TODAY = dt.date(2026, 11, 26)
SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


def search_network(db_path: Path) -> ReseauApp:
    """People found by « dupont » for different reasons: name, typo, company, detail, notes."""
    app = make_app(DbTarget(path=db_path), today=TODAY)

    def person(first: str, last: str, company: str, city: str, circle: int, **extra: str) -> int:
        draft = ContactDraft(
            first_name=first, last_name=last, company=company, city=city, circle=circle, **extra
        )
        return save_contact(draft, today=TODAY)

    person("Jean", "Dupont", "Menuiserie Dupont", "Lille", 1, role="Menuisier")
    person("Paul", "Dupond", "Flandrix", "Roubaix", 2, role="Expert-comptable")
    person("Sophie", "Martin", "Dupont & Associés", "Arras", 2, role="Avocate d'affaires")
    marc = person("Marc", "Lefèvre", "Opalinea", "Boulogne-sur-Mer", 3, role="Consultant")
    add_detail(marc, "autre", "ancien associé de Jean Dupont à Roubaix", noted_on=TODAY)
    add_detail(marc, "passion", "voile à Wimereux", noted_on=TODAY)
    person(
        "Hélène",
        "Vasseur",
        "Boulangerie Vasseur",
        "Amiens",
        1,
        role="Boulangère",
        notes="Rencontrée au salon de la CCI Amiens-Picardie ; connaît bien la famille Dupont.",
    )
    person("Claire", "Lemaire", "Banque du Beffroi", "Douai", 2, role="Chargée d'affaires")
    return app


def search_for(query: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *query)
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.shown_query == query

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_search_results(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    app = search_network(db_path)
    assert snap_compare(app, terminal_size=size, run_before=search_for("dupont"))


@pytest.mark.parametrize("size", SIZES)
def test_search_no_result(snap_compare, db_path: Path, size: tuple[int, int]) -> None:
    app = search_network(db_path)
    assert snap_compare(app, terminal_size=size, run_before=search_for("xyzzy"))
