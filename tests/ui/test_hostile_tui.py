"""Hostile text in the TUI: stored as given (or refused in French), shown literally and safely.

Names, notes and imported fields can hold anything: markup, escape sequences, bidi overrides,
huge strings. Each sample of ``tui_reseau.hostile`` goes through the domain services (accepted
exactly, or refused with a French message), and — as an import or another program might have
written it — straight into the database, then every screen that shows it is rendered and read
back: no control character reaches the terminal, markup is shown as text, nothing is clickable.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.network import TODAY, settle
from tui_reseau.domain.agenda import create_follow_up
from tui_reseau.domain.contacts import ContactDraft, ValidationErrors, save_contact
from tui_reseau.domain.details import add_detail
from tui_reseau.domain.validation import ValidationError
from tui_reseau.hostile import HOSTILE_SAMPLES, short_samples
from tui_reseau.locations import DbTarget
from tui_reseau.store.models import (
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    MemorisedDetail,
)
from tui_reseau.ui.app import ReseauApp, make_app
from tui_reseau.ui.screens.card import CardScreen
from tui_reseau.ui.widgets.contact_list import ContactList

# What must never reach the terminal: C0 and C1 controls (ESC, BEL, CSI…), DEL, bidi controls.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

CONTACT_FIELDS: dict[str, tuple[str, bool]] = {  # field: (label, multi-line)
    "first_name": ("Prénom", False),
    "last_name": ("Nom", False),
    "company": ("Entreprise", False),
    "role": ("Fonction", False),
    "city": ("Ville", False),
    "notes": ("Notes", True),
}


EDITED = ("balisage Rich", "couleur ANSI", "titre de fenêtre", "inversion droite-gauche")


def expected(text: str, multiline: bool) -> str:
    """What the services keep: the text as given, trimmed, Windows line breaks made plain."""
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def is_french(message: str) -> bool:
    english = ("database", "error", "invalid", "traceback", "must", "cannot")
    return "«" in message and not any(word in message.lower() for word in english)


# ------------------------------------------------------------------ through the services


@pytest.mark.parametrize("sample", list(HOSTILE_SAMPLES))
def test_each_sample_is_stored_exactly_only_nul_is_refused(database, sample: str) -> None:
    """Every field takes the sample as given (notes whole, up to 100,000 characters; one-line
    fields its first 100); NUL, which no database keeps in a text, is refused in French."""
    holds_nul = "\x00" in HOSTILE_SAMPLES[sample]
    for field, (label, multiline) in CONTACT_FIELDS.items():
        text = HOSTILE_SAMPLES[sample] if multiline else short_samples()[sample]
        draft = ContactDraft(circle=1, last_name="Témoin")
        setattr(draft, field, text)
        try:
            contact_id = save_contact(draft, today=TODAY)
        except ValidationErrors as refused:
            message = refused.by_field[field]
            assert holds_nul and "U+0000" in message, (sample, field, message)
            assert is_french(message) and label in message, (field, message)
            continue
        assert not holds_nul, (sample, field)
        stored = getattr(Contact.get_by_id(contact_id), field)
        assert stored == expected(text, multiline), (sample, field)

    witness = save_contact(ContactDraft(circle=1, last_name="Témoin"), today=TODAY)
    for kind, add, limit in (
        ("détail", lambda text: add_detail(witness, "passion", text, TODAY), 2_000),
        ("relance", lambda text: create_follow_up(witness, TODAY, text, today=TODAY), 500),
    ):
        text = HOSTILE_SAMPLES[sample][:limit]
        try:
            new_id = add(text)
        except ValidationError as refused:
            assert holds_nul or not text.strip(), (sample, kind, refused.message)
            assert is_french(refused.message) or "vide" in refused.message, refused.message
            continue
        if kind == "détail":
            assert MemorisedDetail.get_by_id(new_id).text == expected(text, True)
        else:
            assert FollowUp.get_by_id(new_id).reason == expected(text, False)


def test_markup_and_emoji_are_accepted_as_they_are(database) -> None:
    for sample in ("balisage Rich", "action Textual", "emoji", "guillemets et SQL"):
        text = HOSTILE_SAMPLES[sample]
        contact_id = save_contact(ContactDraft(circle=2, first_name=text[:100]), today=TODAY)
        assert Contact.get_by_id(contact_id).first_name == text[:100]


# ------------------------------------------------------------------ in the TUI


def hostile_network() -> dict[str, int]:
    """One contact per sample, as an import or another program could have written them
    (the services' checks bypassed): every field that is shown holds the sample."""
    ids: dict[str, int] = {}
    for n, (sample, text) in enumerate(HOSTILE_SAMPLES.items()):
        short = text if sample == "chaîne immense" else text[:100]
        contact = Contact.create(
            first_name=short,
            last_name=f"Témoin{n:02d}",
            company=text[:200],
            role=text[:200],
            city=text[:100],
            circle=1 + n % 3,
            notes=text,
        )
        ids[sample] = contact.id
        MemorisedDetail.create(contact=contact, kind="passion", text=text, noted_on=TODAY)
        FollowUp.create(contact=contact, due_on=TODAY, reason=text[:500])
        meeting = Interaction.create(happened_on=TODAY, channel="cafe", notes=text)
        InteractionContact.create(interaction=meeting, contact=contact)
    return ids


def screen_lines(app: ReseauApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def assert_safe(app: ReseauApp, where: str) -> str:
    """The screen as the terminal would get it holds no control or bidi character."""
    strips = app.screen._compositor.render_strips()
    for strip in strips:
        for segment in strip:
            assert segment.control is None, where
    lines = [strip.text for strip in strips]
    for y, line in enumerate(lines):
        found = UNSAFE.search(line)
        assert found is None, f"{where}, ligne {y}: U+{ord(found.group()):04X} à l'écran"
    return "\n".join(lines)


def position_of(app: ReseauApp, needle: str) -> tuple[int, int]:
    for y, line in enumerate(screen_lines(app)):
        if needle in line:
            return cell_len(line[: line.index(needle)]) + 1, y
    raise AssertionError(f"« {needle} » n'est pas à l'écran")


async def test_every_sample_is_shown_literally_in_the_list_and_the_side_card(
    db_path: Path,
) -> None:
    app = make_app(DbTarget(path=db_path), today=TODAY)
    ids = hostile_network()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        contacts = app.screen.query_one(ContactList)
        assert len(contacts.ids) == len(HOSTILE_SAMPLES)
        text = assert_safe(app, "liste")
        assert "[bold red]Gras" in text  # markup shown as typed
        # The huge name takes one line of the list, cut; the layout around stays in place.
        lines = screen_lines(app)
        assert sum("AAAAAAAA" in line[:60] for line in lines) == 1
        assert lines[0].startswith(" Réseau · ") and "Ajouter" in lines[-1]

        for sample, contact_id in ids.items():
            contacts.set_ids(contacts.ids, keep=contact_id)
            await settle(pilot)
            text = assert_safe(app, f"fiche « {sample} »")
            lines = screen_lines(app)
            assert lines[0].startswith(" Réseau · ") and "Ajouter" in lines[-1], sample
        contacts.set_ids(contacts.ids, keep=ids["action Textual"])
        await settle(pilot)
        text = assert_safe(app, "fiche")
        assert "[@click=app.quit]Quitter[/]" in text

        x, y = position_of(app, "[@click=app.quit]Quitter")
        await pilot.click(offset=(x + 19, y))  # on the word « Quitter » of the card
        await settle(pilot)
        assert app.is_running
        assert app.screen is app.get_screen_stack_main()


async def test_search_agenda_dialogs_and_notifications_stay_inert(db_path: Path) -> None:
    from tui_reseau.ui.screens.agenda import AgendaScreen

    app = make_app(DbTarget(path=db_path), today=TODAY)
    ids = hostile_network()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        assert app.search.wait_ready(10)
        for query in ("gras", "quitter", "zorglub", "rouge", "facture", "equipe", "aaaa"):
            await pilot.press("slash")
            await settle(pilot)
            app.screen.query_one("Input").value = query
            await settle(pilot)
            await settle(pilot)
            assert_safe(app, f"recherche « {query} »")
            await pilot.press("escape")
            await settle(pilot)

        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        for _ in range(len(HOSTILE_SAMPLES) + 2):
            assert_safe(app, "agenda")
            await pilot.press("down")
        await pilot.press("escape")
        await settle(pilot)

        # Deleting the contact named with an action: the dialog and the notice quote it as text.
        contacts = app.screen.query_one(ContactList)
        contacts.set_ids(contacts.ids, keep=ids["action Textual"])
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert "[@click=app.quit]Quitter" in assert_safe(app, "confirmation")
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = " ".join(assert_safe(app, "notification").split())
        assert "[@click=app.quit]Quitter" in text and "supprimé" in text
        x, y = position_of(app, "Quitter[/]")
        await pilot.click(offset=(x, y))
        await settle(pilot)
        assert app.is_running


async def test_the_full_screen_card_at_80_columns(db_path: Path) -> None:
    app = make_app(DbTarget(path=db_path), today=TODAY)
    ids = hostile_network()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert_safe(app, "liste 80×24")
        for sample, contact_id in ids.items():
            app.push_screen(CardScreen(contact_id))
            await settle(pilot)
            assert isinstance(app.screen, CardScreen)
            assert_safe(app, f"fiche plein écran « {sample} »")
            if sample in EDITED:
                await pilot.press("e")  # the form holds the fields as they are, shown safely
                await settle(pilot)
                assert_safe(app, f"formulaire « {sample} »")
                await pilot.press("escape")
                await settle(pilot)
                for key, form in (
                    ("enter", "DetailFormScreen"),  # the memorised detail
                    ("r", "NewFollowUpDialog"),
                    ("m", "MeetingFormScreen"),
                ):
                    await pilot.press(key)
                    await settle(pilot)
                    assert type(app.screen).__name__ == form
                    assert_safe(app, f"{form} « {sample} »")
                    await pilot.press("escape")
                    await settle(pilot)
                    assert isinstance(app.screen, CardScreen)
            await pilot.press("escape")
            await settle(pilot)
