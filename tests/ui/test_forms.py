"""The contact form, the detail form and the filter dialog, driven by keys (real SQLite file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Label, OptionList, Select, TextArea

from tests.network import settle
from tui_reseau.domain.contacts import ContactDraft, save_contact
from tui_reseau.domain.details import add_detail
from tui_reseau.domain.vocabulary import CONTACT_KINDS, Circle
from tui_reseau.locations import DbTarget
from tui_reseau.store.models import Contact, MemorisedDetail
from tui_reseau.ui.app import ReseauApp, make_app
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.screens.contact_form import ContactFormScreen
from tui_reseau.ui.screens.detail_form import DetailFormScreen
from tui_reseau.ui.screens.filters import FilterScreen
from tui_reseau.ui.screens.main import MainScreen
from tui_reseau.ui.widgets.contact_card import ContactCardView
from tui_reseau.ui.widgets.contact_list import ContactList

TODAY = dt.date(2026, 11, 26)


def network_app(tmp_path: Path) -> tuple[ReseauApp, dict[str, int]]:
    """Four people (list order: Desmet, Dupont, Lemaire, Vasseur) and one detail."""
    app = make_app(DbTarget(path=tmp_path / "r.db"), today=TODAY)
    ids = {
        "jean": save_contact(
            ContactDraft(
                first_name="Jean",
                last_name="Dupont",
                company="Cabinet Dupont",
                circle=2,
                kind="expert_comptable",
                city="Lille",
            ),
            today=TODAY,
        ),
        "claire": save_contact(
            ContactDraft(
                first_name="Claire",
                last_name="Lemaire",
                company="Lemaire Conseil",
                circle=2,
                kind="consultant",
                city="Amiens",
            ),
            today=TODAY,
        ),
        "sophie": save_contact(
            ContactDraft(
                first_name="Sophie",
                last_name="Desmet",
                company="Transports Desmet",
                circle=3,
                kind="membre_club",
                city="Roubaix",
            ),
            today=TODAY,
        ),
        "helene": save_contact(
            ContactDraft(
                first_name="Hélène",
                last_name="Vasseur",
                company="Boulangerie Vasseur",
                circle=1,
                kind="commercant_local",
                city="Amiens",
                tags="client",
            ),
            today=TODAY,
        ),
    }
    add_detail(ids["helene"], "passion", "voile à Wimereux", noted_on=TODAY)
    return app, ids


def field(app: ReseauApp, key: str) -> Input:
    return app.screen.query_one(f"#{key}", Input)


def error_of(app: ReseauApp, key: str) -> str:
    label = app.screen.query_one(f"#{key}-error", Label)
    return str(label.render()) if label.has_class("-shown") else ""


async def open_on(pilot: Pilot, name: str) -> None:
    """Move the list's cursor to ``name`` (first name) as the user would, with the arrows."""
    contact_list = pilot.app.screen.query_one(ContactList)
    names = {c.id: c.first_name for c in Contact.select()}
    for _ in range(len(contact_list.ids)):
        if names.get(contact_list.current_id or 0) == name:
            break
        await pilot.press("down")
    await settle(pilot)
    assert names[contact_list.current_id or 0] == name


# --------------------------------------------------------------------------- contact form


async def test_add_a_contact_with_the_city_completed_and_its_pole_proposed(
    tmp_path: Path,
) -> None:
    app, _ = network_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        assert app.focused is field(app, "first_name")
        await pilot.press(*"Zoé")
        field(app, "last_name").value = "Martel"
        field(app, "company").value = "Martel Logistique"
        form.query_one("#circle", Select).value = 3
        await pilot.pause()
        form.query_one("#kind", Select).value = "cci"
        field(app, "city").focus()
        await pilot.press(*"villeneuve")
        await settle(pilot)
        await pilot.press("tab")  # accepts the grey completion
        assert field(app, "city").value == "Villeneuve-d'Ascq"
        await pilot.press("tab")  # leaves the city: the pole is proposed
        await pilot.pause()
        assert form.query_one("#pole", Select).value == "lille"
        note = form.query_one("#pole-note", Label)
        assert note.has_class("-shown")
        assert str(note.render()) == "Pôle proposé d'après la ville"
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, MainScreen)
        zoe = Contact.get(Contact.last_name == "Martel")
        assert (zoe.first_name, zoe.company, zoe.city) == (
            "Zoé",
            "Martel Logistique",
            "Villeneuve-d'Ascq",
        )
        assert (zoe.circle, zoe.kind, zoe.pole, zoe.met_on) == (3, "cci", "lille", TODAY)
        contact_list = app.screen.query_one(ContactList)
        assert zoe.id in contact_list.ids
        assert contact_list.current_id == zoe.id
        card = app.screen.query_one(ContactCardView).card
        assert card is not None and card.name == "Zoé Martel"


async def test_wrong_phone_and_email_are_explained_beside_their_fields_and_kept(
    tmp_path: Path,
) -> None:
    app, _ = network_app(tmp_path)
    count = Contact.select().count()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        field(app, "first_name").value = "Zoé"
        field(app, "last_name").value = "Martel"
        app.screen.query_one("#circle", Select).value = 1
        field(app, "email").value = "zoe@@martel.fr"
        field(app, "phone").value = "06 12"
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, ContactFormScreen)
        assert Contact.select().count() == count
        assert error_of(app, "phone").startswith("Numéro de téléphone invalide : « 06 12 »")
        assert error_of(app, "email").startswith("Adresse e-mail invalide : « zoe@@martel.fr »")
        assert error_of(app, "first_name") == ""
        assert app.focused is field(app, "email")  # the first wrong field, in form order
        assert field(app, "email").has_class("-invalid")
        assert (field(app, "email").value, field(app, "phone").value) == (
            "zoe@@martel.fr",
            "06 12",
        )
        assert field(app, "first_name").value == "Zoé"
        status = str(app.screen.query_one("#status", Label).render())
        assert status == "À corriger : E-mail, Téléphone"

        # Fixing the phone and leaving it clears its message at once.
        field(app, "phone").focus()
        field(app, "phone").value = "06 12 34 56 78"
        await pilot.press("tab")
        await pilot.pause()
        assert error_of(app, "phone") == ""
        field(app, "email").value = "zoe@martel.fr"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        saved = Contact.get(Contact.last_name == "Martel")
        assert (saved.email, saved.phone) == ("zoe@martel.fr", "+33612345678")


async def test_a_field_is_checked_when_the_user_leaves_it(tmp_path: Path) -> None:
    app, _ = network_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        field(app, "phone").focus()
        await pilot.press(*"06 12", "tab")
        await pilot.pause()
        assert "trop court" in error_of(app, "phone")
        assert field(app, "phone").value == "06 12"


async def test_tags_complete_from_those_in_use(tmp_path: Path) -> None:
    app, _ = network_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        field(app, "tags").focus()
        await pilot.press(*"bni, cl")
        await settle(pilot)
        await pilot.press("tab")
        assert field(app, "tags").value == "bni, client"
        assert app.focused is field(app, "tags")  # Tab completed; the next one moves on
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#cadence", Input)


async def test_edit_a_company_and_the_card_follows(tmp_path: Path) -> None:
    app, ids = network_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_on(pilot, "Jean")
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        assert str(form.query_one("#title", Label).render()) == "Modifier le contact — Jean Dupont"
        assert field(app, "company").value == "Cabinet Dupont"
        assert form.query_one("#kind", Select).value == "expert_comptable"
        field(app, "company").value = "Dupont & Associés"
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, MainScreen)
        assert Contact.get_by_id(ids["jean"]).company == "Dupont & Associés"
        card = app.screen.query_one(ContactCardView).card
        assert card is not None and card.id == ids["jean"]
        assert card.company == "Dupont & Associés"


async def test_the_kinds_offered_follow_the_circle(tmp_path: Path) -> None:
    app, _ = network_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        circle = form.query_one("#circle", Select)
        kind = form.query_one("#kind", Select)

        async def kinds_offered() -> list[str]:
            kind.focus()
            await pilot.press("enter")
            overlay = app.focused
            assert isinstance(overlay, OptionList)
            labels = [
                str(overlay.get_option_at_index(i).prompt) for i in range(1, overlay.option_count)
            ]
            await pilot.press("escape")
            return labels

        assert await kinds_offered() == []
        circle.focus()
        await pilot.press("enter", "down", "down", "enter")  # blank, 1, then 2
        await pilot.pause()
        assert circle.value == 2
        help_text = str(form.query_one("#circle-help", Label).render())
        assert help_text.startswith("Experts-comptables, avocats d'affaires")
        labels_2 = [t.label for t in CONTACT_KINDS[Circle.PRESCRIPTEURS].values()]
        assert await kinds_offered() == labels_2
        kind.value = "banquier"
        circle.value = 3
        await pilot.pause()
        assert kind.is_blank()
        assert await kinds_offered() == [t.label for t in CONTACT_KINDS[Circle(3)].values()]
        assert isinstance(app.screen, ContactFormScreen)


async def test_introduced_by_is_picked_by_name_and_can_be_cleared(tmp_path: Path) -> None:
    app, ids = network_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_on(pilot, "Hélène")
        await pilot.press("e")
        await settle(pilot)
        field(app, "introduced_by").focus()
        await pilot.press(*"dupon")
        await settle(pilot)
        choices = app.screen.query_one("#introducer-choices", OptionList)
        assert choices.display
        assert "Jean Dupont" in str(choices.get_option_at_index(0).prompt)
        await pilot.press("down")  # into the list…
        assert app.focused is choices
        await pilot.press("escape")  # …Escape only closes it
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        assert app.focused is field(app, "introduced_by") and not choices.display
        await pilot.press("down", "enter")
        await pilot.pause()
        assert field(app, "introduced_by").value == "Jean Dupont"
        assert not choices.display
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Contact.get_by_id(ids["helene"]).introduced_by_id == ids["jean"]

        await pilot.press("e")
        await settle(pilot)
        assert field(app, "introduced_by").value == "Jean Dupont"
        field(app, "introduced_by").value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Contact.get_by_id(ids["helene"]).introduced_by_id is None


async def test_a_name_typed_but_not_picked_is_not_saved_silently(tmp_path: Path) -> None:
    app, ids = network_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_on(pilot, "Hélène")
        await pilot.press("e")
        await settle(pilot)
        field(app, "introduced_by").value = "Personne Inconnue"
        field(app, "phone").value = "12"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        assert error_of(app, "introduced_by").startswith("Choisissez la personne dans la liste")
        assert error_of(app, "phone") != ""  # the domain's checks ran too
        assert app.focused is field(app, "phone")
        assert Contact.get_by_id(ids["helene"]).introduced_by_id is None


async def test_escape_asks_before_throwing_typing_away(tmp_path: Path) -> None:
    app, _ = network_app(tmp_path)
    count = Contact.select().count()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Zoé")
        await pilot.press("escape")
        await pilot.pause()
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.question.startswith("Abandonner les modifications ?")
        assert not confirm.destructive
        await pilot.press("escape")  # no: back to the form, typing kept
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        assert field(app, "first_name").value == "Zoé"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+s")  # yes, discard
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert Contact.select().count() == count


async def test_the_whole_form_is_reachable_with_tab_at_80_by_24(tmp_path: Path) -> None:
    app, _ = network_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        notes = form.query_one("#notes", TextArea)
        visited: list[str] = []
        for _ in range(40):
            if app.focused is notes:
                break
            visited.append(app.focused.id or "")
            await pilot.press("tab")
            await pilot.pause()
        assert app.focused is notes
        assert visited[:6] == ["first_name", "last_name", "company", "role", "circle", "kind"]
        assert "qualified" in visited and "tags" in visited
        scroller = form.query_one("#fields")
        await pilot.pause()
        assert scroller.region.contains_region(notes.region)  # scrolled into view
        await pilot.press(*"Vu au salon")
        field(app, "last_name").value = "Martel"
        form.query_one("#circle", Select).value = 1
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert Contact.get(Contact.last_name == "Martel").notes == "Vu au salon"


async def test_user_text_is_never_read_as_markup(tmp_path: Path) -> None:
    app, _ = network_app(tmp_path)
    save_contact(ContactDraft(first_name="[b]Zoé", last_name="[/b]Martel", circle=1), today=TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_on(pilot, "[b]Zoé")
        await pilot.press("e")
        await settle(pilot)
        title = str(app.screen.query_one("#title", Label).render())
        assert title == "Modifier le contact — [b]Zoé [/b]Martel"


# --------------------------------------------------------------------------- detail form


async def test_note_a_detail_then_correct_it(tmp_path: Path) -> None:
    app, ids = network_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await open_on(pilot, "Jean")
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DetailFormScreen)
        assert str(form.query_one("#title", Label).render()) == "Détail mémorisé — Jean Dupont"
        kind = form.query_one("#kind", Select)
        assert app.focused is kind and kind.value == "projet"
        await pilot.press("tab")
        await pilot.press(*"Reprend un cabinet à Arras")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        (detail,) = MemorisedDetail.select().where(MemorisedDetail.contact == ids["jean"])
        assert (detail.kind, detail.text, detail.noted_on) == (
            "projet",
            "Reprend un cabinet à Arras",
            TODAY,
        )
        card = app.screen.query_one(ContactCardView)
        assert card.card is not None and [d.text for d in card.card.details] == [detail.text]

        card.detail_list.focus()
        await pilot.press("enter")  # edit the highlighted detail
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DetailFormScreen)
        area = form.query_one("#text", TextArea)
        assert area.text == "Reprend un cabinet à Arras" and app.focused is area
        area.text = "Reprend deux cabinets à Arras"
        form.query_one("#kind", Select).value = "difficulte"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        (detail,) = MemorisedDetail.select().where(MemorisedDetail.contact == ids["jean"])
        assert (detail.kind, detail.text) == ("difficulte", "Reprend deux cabinets à Arras")


async def test_an_empty_detail_is_refused_beside_the_text_and_escape_saves_nothing(
    tmp_path: Path,
) -> None:
    app, _ = network_app(tmp_path)
    before = MemorisedDetail.select().count()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_on(pilot, "Jean")
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DetailFormScreen)
        assert error_of(app, "text").startswith("Le détail est vide")
        assert app.focused is form.query_one("#text", TextArea)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert MemorisedDetail.select().count() == before


# --------------------------------------------------------------------------- filters


async def test_filter_on_circle_2_and_lille(tmp_path: Path) -> None:
    app, ids = network_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FilterScreen)
        assert app.focused is dialog.query_one("#circle-1", Checkbox)
        await pilot.press("tab", "space")  # circle 2
        await pilot.press("tab", "tab", "space")  # past circle 3, to Lille Métropole
        await pilot.pause()
        assert dialog.query_one("#circle-2", Checkbox).value
        assert dialog.query_one("#pole-lille", Checkbox).value
        await pilot.press("enter")
        await settle(pilot)

        assert isinstance(app.screen, MainScreen)
        expected = [
            c.id
            for c in Contact.select()
            .where((Contact.circle == 2) & (Contact.pole == "lille"))
            .order_by(Contact.last_name)
        ]
        assert expected == [ids["jean"]]
        assert list(app.screen.query_one(ContactList).ids) == expected
        assert app.screen.filter.describe() == "cercle 2 · Lille"


async def test_filter_dialog_keys_tag_qualified_clear_and_cancel(tmp_path: Path) -> None:
    app, ids = network_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FilterScreen)
        tag = dialog.query_one("#tag", Select)
        tag.value = "client"
        dialog.query_one("#qualified", Select).value = "non"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert list(app.screen.query_one(ContactList).ids) == [ids["helene"]]

        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert dialog.query_one("#tag", Select).value == "client"  # opens on the current filter
        dialog.query_one("#circle-3", Checkbox).value = True
        await pilot.press("escape")
        await settle(pilot)
        assert list(app.screen.query_one(ContactList).ids) == [ids["helene"]]

        await pilot.press("f")
        await settle(pilot)
        await pilot.press("ctrl+r", "enter")  # "Tout effacer", then apply
        await settle(pilot)
        assert len(app.screen.query_one(ContactList).ids) == 4
