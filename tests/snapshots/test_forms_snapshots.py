"""What the contact form, the detail form and the filter dialog look like, at 120×36 and 80×24."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select

from tests.network import settle
from tui_reseau.domain.contacts import ContactDraft, save_contact
from tui_reseau.domain.details import add_detail
from tui_reseau.locations import DbTarget
from tui_reseau.ui.app import ReseauApp, make_app

TODAY = dt.date(2026, 11, 26)
SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]


def forms_app(tmp_path: Path) -> ReseauApp:
    """Three people; the list opens on Jean Dupont (first by last name), who has a detail."""
    app = make_app(DbTarget(path=tmp_path / "r.db"), today=TODAY)
    jean = save_contact(
        ContactDraft(
            first_name="Jean",
            last_name="Dupont",
            company="Cabinet Dupont Expertise",
            role="Expert-comptable associé",
            circle=2,
            kind="expert_comptable",
            email="jean.dupont@exemple-dupont.fr",
            phone="06 39 98 00 01",
            city="Lille",
            sector="juridique",
            qualified=True,
            met_via="evenement",
            tags="prescripteur, bni",
            notes="Rencontré au petit-déjeuner BNI de Marcq.",
        ),
        today=TODAY,
    )
    save_contact(
        ContactDraft(
            first_name="Hélène",
            last_name="Vasseur",
            company="Boulangerie Vasseur",
            circle=1,
            kind="commercant_local",
            city="Amiens",
            introduced_by_id=jean,
        ),
        today=TODAY,
    )
    save_contact(
        ContactDraft(first_name="Sophie", last_name="Lemaire", circle=3, city="Dunkerque"),
        today=TODAY,
    )
    add_detail(jean, "conjoint", "Marie, architecte à Lille", noted_on=TODAY)
    return app


def pressing(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """Wait for the start-up work, press ``keys``, wait again; no toast left on screen."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_new_contact_form(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(forms_app(tmp_path), terminal_size=size, run_before=pressing("a"))


@pytest.mark.parametrize("size", SIZES)
def test_edit_contact_form(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(forms_app(tmp_path), terminal_size=size, run_before=pressing("e"))


@pytest.mark.parametrize("size", SIZES)
def test_contact_form_errors(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pressing("a")(pilot)
        form = pilot.app.screen
        form.query_one("#first_name", Input).value = "Zoé"
        form.query_one("#circle", Select).value = 1
        form.query_one("#email", Input).value = "zoe@@martel.fr"
        form.query_one("#phone", Input).value = "06 12"
        await pressing("ctrl+s")(pilot)

    assert snap_compare(forms_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_detail_form(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(forms_app(tmp_path), terminal_size=size, run_before=pressing("n"))


@pytest.mark.parametrize("size", SIZES)
def test_filter_dialog(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pressing("2", "f")(pilot)  # circle 2 already filtered with its key
        await pilot.press("tab", "tab", "tab", "space")  # and Lille Métropole ticked

    assert snap_compare(forms_app(tmp_path), terminal_size=size, run_before=run_before)
