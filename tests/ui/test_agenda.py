"""The agenda and the meeting report, driven by keys on a real SQLite file (today fixed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from tests.network import TODAY, build_small_network, settle
from tui_reseau.domain.agenda import create_follow_up, snooze
from tui_reseau.domain.contacts import ContactDraft, save_contact
from tui_reseau.domain.details import add_detail
from tui_reseau.domain.meetings import MeetingDraft, record_meeting
from tui_reseau.locations import DbTarget
from tui_reseau.store.models import (
    Contact,
    FollowUp,
    Interaction,
    InteractionContact,
    MemorisedDetail,
)
from tui_reseau.ui.app import ReseauApp, make_app
from tui_reseau.ui.screens.agenda import AgendaScreen
from tui_reseau.ui.screens.card import CardScreen
from tui_reseau.ui.screens.confirm import ConfirmScreen
from tui_reseau.ui.screens.follow_up_dialogs import (
    DoneDialog,
    NewFollowUpDialog,
    RescheduleDialog,
    SnoozeDialog,
)
from tui_reseau.ui.screens.main import MainScreen
from tui_reseau.ui.screens.meeting_form import MeetingFormScreen
from tui_reseau.ui.widgets.contact_card import ContactCardView


def agenda_network() -> dict[str, int]:
    """The small network plus follow-ups in every section and two relations to revive.

    Thursday 26/11/2026: Hélène is late (20/11), Paul due today, Sophie (snoozed to 27/11) and
    Claire (28/11) this week, Jean later (03/12); Marc (never met since 15/01) and Thomas (last
    seen 01/07) are past their cadence.
    """
    ids = build_small_network()
    create_follow_up(ids["paul"], TODAY, "Proposer un café à la CCI d'Arras")
    late = create_follow_up(ids["sophie"], dt.date(2026, 11, 10), "L'inviter au petit-déjeuner BNI")
    snooze(late, dt.date(2026, 11, 27))
    add_detail(ids["sophie"], "projet", "nouvel entrepôt à Arras", noted_on=dt.date(2026, 10, 2))
    create_follow_up(ids["claire"], dt.date(2026, 11, 28), "Lui envoyer le compte rendu du club")
    ids["thomas"] = save_contact(
        ContactDraft(
            first_name="Thomas",
            last_name="Caron",
            company="CCI Grand Lille",
            role="Chargé de mission",
            circle=3,
            kind="cci",
            city="Lille",
        ),
        today=dt.date(2026, 1, 15),
    )
    record_meeting(
        MeetingDraft(
            contact_ids=(ids["thomas"],),
            channel="evenement",
            happened_on_text="01/07/2026",
            notes="Salon Eurasanté",
        ),
        TODAY,
    )
    return ids


# --------------------------------------------------------------------------- driving


def agenda_app(db_path: Path) -> tuple[ReseauApp, dict[str, int]]:
    app = make_app(DbTarget(path=db_path), today=TODAY)
    return app, agenda_network()


async def open_agenda(pilot: Pilot) -> AgendaScreen:
    await settle(pilot)
    screen = AgendaScreen()
    pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


def name_of(option_id: str) -> str:
    kind, _, number = option_id.partition("-")
    if kind == "f":
        return FollowUp.get_by_id(int(number)).contact.full_name
    return Contact.get_by_id(int(number)).full_name


def sections(screen: AgendaScreen) -> dict[str, list[str]]:
    """The names under each section title, as the list shows them."""
    shown: dict[str, list[str]] = {}
    current = ""
    for option in screen.agenda_list.options:
        if option.id and option.id.startswith("h-"):
            current = option.id.removeprefix("h-")
            shown[current] = []
        elif option.id:
            shown[current].append(name_of(option.id))
    return shown


def prompt_of(screen: AgendaScreen, name: str) -> str:
    for option in screen.agenda_list.options:
        if option.id and not option.id.startswith("h-") and name_of(option.id) == name:
            return option.prompt.plain  # type: ignore[union-attr]
    raise AssertionError(f"{name} is not in the agenda")


def bar(screen: AgendaScreen) -> str:
    return str(screen.query_one("#agenda-bar", Static).render())


def current_name(screen: AgendaScreen) -> str:
    item = screen.current()
    assert item is not None
    return item.name


async def move_to(pilot: Pilot, screen: AgendaScreen, name: str) -> None:
    """Arrow down to ``name``, as the user would."""
    await pilot.press("home")
    for _ in range(len(screen.agenda_list.options)):
        if current_name(screen) == name:
            return
        await pilot.press("down")
    assert current_name(screen) == name


def error_of(app: ReseauApp, key: str) -> str:
    label = app.screen.query_one(f"#{key}-error", Label)
    return str(label.render()) if label.has_class("-shown") else ""


def open_follow_up(contact_id: int) -> FollowUp:
    return FollowUp.get(FollowUp.contact == contact_id, FollowUp.done_on.is_null(True))


def table_sizes() -> dict[str, int]:
    return {
        model.__name__: model.select().count()
        for model in (Interaction, InteractionContact, MemorisedDetail, FollowUp)
    }


# --------------------------------------------------------------------------- the agenda


async def test_sections_show_the_right_people_with_their_hints(db_path: Path) -> None:
    app, _ = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        assert sections(screen) == {
            "overdue": ["Hélène Vasseur"],
            "today": ["Paul Dupuis"],
            "this_week": ["Sophie Desmet", "Claire Lemaire"],
            "later": ["Jean Dupont"],
            "revive": ["Marc Lefèvre", "Thomas Caron"],
        }
        assert bar(screen).endswith(
            "1 en retard · 1 aujourd'hui · 2 cette semaine · 2 relations à raviver"
        )
        assert current_name(screen) == "Hélène Vasseur"  # the cursor skips the titles
        helene = prompt_of(screen, "Hélène Vasseur")
        assert "il y a 6 j" in helene and "Boulangerie Vasseur" in helene
        assert "Envoyer l'annonce du local" in helene
        assert "Projet en cours : ouvrir une 2e boutique à Abbeville" in helene
        assert "Dernier échange : déjeuner le 14/11" in helene
        assert "recrutement" not in helene  # a detail no longer true is not a hint
        sophie = prompt_of(screen, "Sophie Desmet")
        assert "Projet en cours : nouvel entrepôt à Arras" in sophie
        assert "reportée au 27/11" in sophie
        marc = prompt_of(screen, "Marc Lefèvre")
        assert "Cercle 1" in marc and "315 j pour une cadence de 30 j" in marc
        thomas = prompt_of(screen, "Thomas Caron")
        assert "dernier échange le 01/07" in thomas and "cadence de 90 j" in thomas
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_done_with_a_note_logs_the_exchange_and_removes_the_item(db_path: Path) -> None:
    app, ids = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        follow_up = open_follow_up(ids["helene"])
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DoneDialog)
        await pilot.press(*"Annonce envoyée, visite jeudi", "enter")
        await settle(pilot)

        assert app.screen is screen
        done = FollowUp.get_by_id(follow_up.id)
        assert done.done_on == TODAY
        exchange = Interaction.get_by_id(done.closed_by_id)
        assert (exchange.happened_on, exchange.channel) == (TODAY, "appel")
        assert exchange.notes == "Annonce envoyée, visite jeudi"
        assert [p.contact_id for p in exchange.participants] == [ids["helene"]]
        assert "overdue" not in sections(screen)
        assert "0 en retard · 1 aujourd'hui" in bar(screen)
        assert current_name(screen) == "Paul Dupuis"  # the next item took its place


async def test_done_on_another_channel(db_path: Path) -> None:
    app, _ = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        await move_to(pilot, screen, "Paul Dupuis")
        await pilot.press("d")
        await settle(pilot)
        app.screen.query_one("#channel", Select).value = "cafe"
        await pilot.press("ctrl+s")  # an empty note: the reason is kept in the history
        await settle(pilot)
        exchange = Interaction.select().order_by(Interaction.id.desc()).get()
        assert exchange.channel == "cafe"
        assert exchange.notes == "Relance : Proposer un café à la CCI d'Arras"
        assert "today" not in sections(screen)


async def test_snooze_a_week_moves_it_later_and_a_day_keeps_it_this_week(db_path: Path) -> None:
    app, ids = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        await move_to(pilot, screen, "Paul Dupuis")
        await pilot.press("z")
        await settle(pilot)
        assert isinstance(app.screen, SnoozeDialog)
        assert app.focused is app.screen.query_one("#until", Input)
        await pilot.press("tab", "tab", "enter")  # « +1 semaine »
        await settle(pilot)
        assert open_follow_up(ids["paul"]).snoozed_until == dt.date(2026, 12, 3)
        assert open_follow_up(ids["paul"]).due_on == TODAY
        assert sections(screen)["later"] == ["Jean Dupont", "Paul Dupuis"]
        assert "today" not in sections(screen)
        assert current_name(screen) == "Paul Dupuis"  # the cursor follows the item

        await pilot.press("home", "z")
        await settle(pilot)
        await pilot.press("tab", "enter")  # « +1 jour »
        await settle(pilot)
        assert open_follow_up(ids["helene"]).snoozed_until == dt.date(2026, 11, 27)
        assert sections(screen)["this_week"] == [
            "Hélène Vasseur",
            "Sophie Desmet",
            "Claire Lemaire",
        ]
        assert "0 en retard · 0 aujourd'hui · 3 cette semaine" in bar(screen)


async def test_snooze_to_a_typed_date(db_path: Path) -> None:
    app, ids = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        await pilot.press("z", *"vendredi", "enter")
        await settle(pilot)
        assert open_follow_up(ids["helene"]).snoozed_until == dt.date(2026, 11, 27)
        assert "Hélène Vasseur" in sections(screen)["this_week"]


async def test_an_unreadable_or_past_date_is_explained_and_changes_nothing(
    db_path: Path,
) -> None:
    app, ids = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_agenda(pilot)
        before = table_sizes()
        await pilot.press("z", *"bientôt", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SnoozeDialog)
        message = error_of(app, "until")
        assert "« bientôt »" in message and "Exemples acceptés" in message
        assert app.screen.query_one("#until", Input).value == "bientôt"  # typing kept
        assert app.screen.query_one("#until", Input).has_class("-invalid")

        app.screen.query_one("#until", Input).value = "hier"
        await pilot.press("enter")
        await settle(pilot)
        assert "déjà passée" in error_of(app, "until")

        follow_up = open_follow_up(ids["helene"])
        assert (follow_up.due_on, follow_up.snoozed_until) == (dt.date(2026, 11, 20), None)
        assert table_sizes() == before

        await pilot.press("escape")  # something was typed: asked first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert open_follow_up(ids["helene"]).snoozed_until is None


async def test_reschedule_to_a_typed_date_forgets_the_snooze(db_path: Path) -> None:
    app, ids = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        await move_to(pilot, screen, "Sophie Desmet")
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RescheduleDialog)
        await pilot.press(*"15/12", "enter")
        await settle(pilot)
        follow_up = open_follow_up(ids["sophie"])
        assert (follow_up.due_on, follow_up.snoozed_until) == (dt.date(2026, 12, 15), None)
        assert sections(screen)["later"] == ["Jean Dupont", "Sophie Desmet"]
        assert "reportée" not in prompt_of(screen, "Sophie Desmet")


async def test_a_new_follow_up_takes_a_relation_off_the_revive_list(db_path: Path) -> None:
    app, ids = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        await move_to(pilot, screen, "Marc Lefèvre")
        await pilot.press("d")  # no follow-up to mark done on a relation to revive
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewFollowUpDialog)
        await pilot.press(*"lundi", "enter")  # Enter in the date moves on to the reason
        assert app.focused is app.screen.query_one("#reason", Input)
        await pilot.press(*"Prendre des nouvelles du magasin", "enter")
        await settle(pilot)

        follow_up = open_follow_up(ids["marc"])
        assert (follow_up.due_on, follow_up.reason) == (
            dt.date(2026, 11, 30),
            "Prendre des nouvelles du magasin",
        )
        assert sections(screen)["later"] == ["Marc Lefèvre", "Jean Dupont"]
        assert sections(screen)["revive"] == ["Thomas Caron"]
        assert bar(screen).endswith("1 relation à raviver")


async def test_a_new_follow_up_needs_a_date_to_come(db_path: Path) -> None:
    app, _ = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_agenda(pilot)
        before = table_sizes()
        await pilot.press("n", "tab", *"Rappeler", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewFollowUpDialog)
        assert error_of(app, "due_on") != ""
        assert app.focused is app.screen.query_one("#due_on", Input)
        assert app.screen.query_one("#reason", Input).value == "Rappeler"
        assert table_sizes() == before


async def test_enter_opens_the_card_and_escape_comes_back(db_path: Path) -> None:
    app, _ = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        await move_to(pilot, screen, "Claire Lemaire")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.query_one(ContactCardView).card.name == "Claire Lemaire"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert current_name(screen) == "Claire Lemaire"


async def test_a_burst_of_letters_completes_nothing(db_path: Path) -> None:
    app, _ = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        before = table_sizes()
        # As a paste or an SSH bundle would bring them: d opens the dialog, the rest is typing.
        await pilot.press(*"dzrnmddzq")
        await settle(pilot)
        assert isinstance(app.screen, DoneDialog)
        assert app.screen.query_one("#note", Input).value == "zrnmddzq"
        assert FollowUp.select().where(FollowUp.done_on.is_null(False)).count() == 0
        assert table_sizes() == before
        await pilot.press("escape", *"oyo")  # the question: letters answer nothing
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # « Continuer la saisie »
        await settle(pilot)
        assert isinstance(app.screen, DoneDialog)
        await pilot.press("escape", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert table_sizes() == before
        assert len(sections(screen)["overdue"]) == 1


async def test_an_empty_agenda_says_so_and_its_keys_open_nothing(db_path: Path) -> None:
    app = make_app(DbTarget(path=db_path), today=TODAY)
    save_contact(ContactDraft(first_name="Zoé", last_name="Martel", circle=1), today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot)
        options = screen.agenda_list.options
        assert len(options) == 1 and options[0].disabled
        assert "Rien à relancer" in options[0].prompt.plain  # type: ignore[union-attr]
        assert bar(screen) == (
            " Agenda · 0 en retard · 0 aujourd'hui · 0 cette semaine · 0 relation à raviver"
        )
        await pilot.press("d", "z", "r", "n", "m", "enter")
        await settle(pilot)
        assert app.screen is screen


async def test_the_agenda_works_at_80x24(db_path: Path) -> None:
    app, ids = agenda_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_agenda(pilot)
        assert screen.narrow
        assert bar(screen) == (
            " Agenda · 1 en retard · 1 aujourd'hui · 2 cette semaine · 2 relations à raviver"
        )
        assert prompt_of(screen, "Hélène Vasseur").startswith("il y a 6 j  Hélène Vasseur")
        await move_to(pilot, screen, "Thomas Caron")  # the list scrolls to the last item
        option = screen.agenda_list.highlighted_option
        assert option is not None and option.id == f"r-{ids['thomas']}"
        await pilot.press("home", "d", *"Fait", "enter")
        await settle(pilot)
        assert FollowUp.select().where(FollowUp.done_on == TODAY).count() == 1


# --------------------------------------------------------------------------- the meeting report


async def test_a_meeting_takes_a_relation_off_the_revive_list(db_path: Path) -> None:
    app, ids = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        await move_to(pilot, screen, "Thomas Caron")
        await pilot.press("m")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MeetingFormScreen)
        assert form.query_one("#happened_on", Input).value == "aujourd'hui"
        assert form.query_one("#channel", Select).value == "evenement"  # as with him so far
        assert not form.query_one("#qualified", Checkbox).value
        form.query_one("#notes", TextArea).focus()
        await pilot.press(*"Croisé au forum CCI")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.screen is screen
        exchange = Interaction.select().order_by(Interaction.id.desc()).get()
        assert (exchange.happened_on, exchange.channel) == (TODAY, "evenement")
        assert exchange.notes == "Croisé au forum CCI"
        assert [p.contact_id for p in exchange.participants] == [ids["thomas"]]
        assert sections(screen)["revive"] == ["Marc Lefèvre"]
        assert bar(screen).endswith("1 relation à raviver")


async def test_meeting_with_two_details_and_a_follow_up_in_one_go(db_path: Path) -> None:
    app, ids = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        old = open_follow_up(ids["helene"])
        await pilot.press("m")  # on Hélène's late follow-up: it starts ticked as settled
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MeetingFormScreen)
        assert form.query_one(f"#close-{old.id}", Checkbox).value
        assert form.query_one("#qualified", Checkbox).value  # already qualified
        assert form.query_one("#channel", Select).value == "dejeuner"

        await pilot.press(*"hier", "tab", "tab", "tab", *"1h30", "tab")  # date, canal, événement
        assert app.focused is form.query_one("#notes", TextArea)
        await pilot.press(*"Visite du local d'Abbeville", "tab")
        assert app.focused is form.query_one("#detail-kind-1", Select)  # « Projet en cours »
        await pilot.press("tab", *"signer le bail avant Noël", "tab")
        assert app.focused is form.query_one("#add-detail", Button)
        await pilot.press("enter")  # « + détail »: a second row, its kind focused
        await settle(pilot)
        assert app.focused is form.query_one("#detail-kind-2", Select)
        form.query_one("#detail-kind-2", Select).value = "enfants"
        await pilot.press("tab", *"deux filles au collège")
        form.query_one("#next_follow_up", Input).focus()
        await pilot.press(*"+2s", "tab", *"Demander si le bail est signé")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.screen is screen
        yesterday = TODAY - dt.timedelta(days=1)
        exchange = Interaction.select().order_by(Interaction.id.desc()).get()
        assert (exchange.happened_on, exchange.channel, exchange.duration_minutes) == (
            yesterday,
            "dejeuner",
            90,
        )
        assert exchange.notes == "Visite du local d'Abbeville"
        learnt = MemorisedDetail.select().where(
            MemorisedDetail.contact == ids["helene"], MemorisedDetail.noted_on == TODAY
        )
        assert sorted((d.kind, d.text) for d in learnt) == [
            ("enfants", "deux filles au collège"),
            ("projet", "signer le bail avant Noël"),
        ]
        settled = FollowUp.get_by_id(old.id)
        assert (settled.done_on, settled.closed_by_id) == (yesterday, exchange.id)
        nxt = open_follow_up(ids["helene"])
        assert (nxt.due_on, nxt.reason) == (dt.date(2026, 12, 10), "Demander si le bail est signé")
        assert Contact.get_by_id(ids["helene"]).qualified_on is not None

        assert "overdue" not in sections(screen)
        assert sections(screen)["later"] == ["Jean Dupont", "Hélène Vasseur"]
        hints = prompt_of(screen, "Hélène Vasseur")
        assert "Projet en cours : signer le bail avant Noël" in hints
        assert "Dernier échange : déjeuner le 25/11" in hints

        await move_to(pilot, screen, "Hélène Vasseur")
        await pilot.press("enter")
        await settle(pilot)
        card = app.screen.query_one(ContactCardView).card
        assert card is not None and card.name == "Hélène Vasseur"
        assert {"signer le bail avant Noël", "deux filles au collège"} <= {
            d.text for d in card.details
        }
        assert [(f.due_on, f.reason) for f in card.follow_ups] == [
            (dt.date(2026, 12, 10), "Demander si le bail est signé")
        ]
        assert card.interactions[0].notes == "Visite du local d'Abbeville"
        assert card.interactions[0].duration_minutes == 90


async def test_meeting_errors_are_shown_beside_their_fields_and_the_typing_kept(
    db_path: Path,
) -> None:
    app, ids = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        await move_to(pilot, screen, "Paul Dupuis")
        await pilot.press("m")
        await settle(pilot)
        form = app.screen
        before = table_sizes()
        form.query_one("#happened_on", Input).value = "+2s"
        form.query_one("#duration", Input).value = "trois heures"
        form.query_one("#detail-text-1", Input).value = "rachète une agence à Lens"
        form.query_one("#next_follow_up", Input).value = "bientôt"
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.screen is form
        assert table_sizes() == before
        assert "futur" in error_of(app, "happened_on")
        assert "trois heures" in error_of(app, "duration")
        assert "« bientôt »" in error_of(app, "next_follow_up")
        assert error_of(app, "notes") == ""
        assert str(form.query_one("#meeting-status", Label).render()) == (
            "À corriger : Date, Durée, Relancer le"
        )
        assert app.focused is form.query_one("#happened_on", Input)
        assert form.query_one("#detail-text-1", Input).value == "rachète une agence à Lens"

        form.query_one("#happened_on", Input).value = "lundi"  # the last one, for a meeting
        form.query_one("#duration", Input).value = "45 min"
        form.query_one("#next_follow_up", Input).value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        exchange = Interaction.select().order_by(Interaction.id.desc()).get()
        assert (exchange.happened_on, exchange.duration_minutes) == (dt.date(2026, 11, 23), 45)
        assert MemorisedDetail.get(MemorisedDetail.contact == ids["paul"]).text == (
            "rachète une agence à Lens"
        )
        assert "today" not in sections(screen)  # opened on his follow-up: ticked, settled


async def test_escape_on_a_changed_meeting_form_asks_first(db_path: Path) -> None:
    app, _ = agenda_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_agenda(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(pilot)
        assert app.screen is screen

        before = table_sizes()
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", "tab", *"Rien de neuf", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MeetingFormScreen)
        assert form.query_one("#notes", TextArea).text == "Rien de neuf"
        await pilot.press("escape", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert table_sizes() == before


async def test_a_meeting_can_be_tied_to_a_recent_event(tmp_path: Path) -> None:
    from tui_reseau.store.models import Event, EventContact, Interaction
    from tui_reseau.ui.screens.meeting_form import MeetingFormScreen

    app, ids = agenda_app(tmp_path / "r.db")
    salon = Event.create(name="Salon de la logistique", held_on=TODAY - dt.timedelta(days=3))
    Event.create(name="Vieux salon", held_on=TODAY - dt.timedelta(days=400))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.push_screen(MeetingFormScreen(next(iter(ids.values()))))
        await settle(pilot)
        select = app.screen.query_one("#event_id", Select)
        labels = [str(prompt) for prompt, _ in select._options if str(prompt)]  # blank: ""
        assert labels == [f"{salon.held_on:%d/%m} · Salon de la logistique"]
        select.value = salon.id
        await pilot.press("ctrl+s")
        await settle(pilot)
        meeting = Interaction.select().order_by(Interaction.id.desc()).get()
        assert meeting.event_id == salon.id
        assert EventContact.select().where(EventContact.event == salon).count() == 1
