"""A small, known network for UI and snapshot tests (written with the real domain services)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot

from tui_reseau.domain.contacts import ContactDraft, save_contact
from tui_reseau.domain.details import add_detail, set_still_true
from tui_reseau.locations import DbTarget
from tui_reseau.store.models import FollowUp, Interaction, InteractionContact
from tui_reseau.ui.app import ReseauApp, make_app

TODAY = dt.date(2026, 11, 26)


async def settle(pilot: Pilot) -> None:
    """Let the app process what is pending, then wait for its workers, then repaint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def build_small_network() -> dict[str, int]:
    """Six people over the three circles; returns their ids by first name (lower case)."""
    ids: dict[str, int] = {}

    def person(key: str, **fields: object) -> int:
        ids[key] = save_contact(ContactDraft(**fields), today=dt.date(2026, 1, 15))
        return ids[key]

    person(
        "jean",
        first_name="Jean",
        last_name="Dupont",
        company="Cabinet Dupont Expertise",
        role="Expert-comptable",
        circle=2,
        kind="expert_comptable",
        city="Lille",
        phone="06 39 98 00 01",
        email="jean.dupont@exemple-dupont.fr",
        qualified=True,
        tags="prescripteur, bni",
    )
    person(
        "helene",
        first_name="Hélène",
        last_name="Vasseur",
        company="Boulangerie Vasseur",
        role="Boulangère",
        circle=1,
        kind="commercant_local",
        city="Amiens",
        introduced_by_id=ids["jean"],
        qualified=True,
    )
    person(
        "marc",
        first_name="Marc",
        last_name="Lefèvre",
        company="Boulangerie du Vieux-Lille",
        role="Boulanger",
        circle=1,
        kind="commercant_local",
        city="Lille",
    )
    person(
        "sophie",
        first_name="Sophie",
        last_name="Desmet",
        company="Transports Desmet",
        role="Directrice logistique",
        circle=3,
        kind="membre_club",
        city="Dunkerque",
        sector="logistique",
    )
    person(
        "paul",
        first_name="Paul",
        last_name="Dupuis",
        company="Banque du Nord (fictive)",
        role="Chargé d'affaires",
        circle=2,
        kind="banquier",
        city="Arras",
    )
    person(
        "claire",
        first_name="Claire",
        last_name="Lemaire",
        company="Lemaire Conseil",
        role="Consultante",
        circle=2,
        kind="consultant",
        city="Paris",
    )
    add_detail(ids["helene"], "passion", "voile à Wimereux", noted_on=dt.date(2026, 6, 2))
    add_detail(ids["helene"], "projet", "ouvrir une 2e boutique à Abbeville", dt.date(2026, 9, 12))
    stale = add_detail(
        ids["helene"], "difficulte", "recrutement d'un apprenti", dt.date(2025, 10, 1)
    )
    set_still_true(stale, False)
    add_detail(ids["jean"], "conjoint", "Marie, architecte", noted_on=dt.date(2026, 2, 3))
    lunch = Interaction.create(
        happened_on=dt.date(2026, 11, 14),
        channel="dejeuner",
        duration_minutes=90,
        notes="Parlé de sa 2e boutique ; cherche un local",
    )
    InteractionContact.create(interaction=lunch, contact=ids["helene"])
    InteractionContact.create(interaction=lunch, contact=ids["jean"])
    FollowUp.create(
        contact=ids["helene"], due_on=dt.date(2026, 11, 20), reason="Envoyer l'annonce du local"
    )
    FollowUp.create(contact=ids["jean"], due_on=dt.date(2026, 12, 3), reason="Point trimestriel")
    return ids


def small_network_app(db_path: Path) -> tuple[ReseauApp, dict[str, int]]:
    """An app on a fresh file holding the small network, with today fixed."""
    app = make_app(DbTarget(path=db_path), today=TODAY)
    return app, build_small_network()
