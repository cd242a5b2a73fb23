"""The « Indicateurs » screen driven by keys, on the hand-built network of the unit tests."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import RichLog, Static

from tests.network import TODAY, settle
from tests.unit.test_metrics import metrics_network
from tui_reseau.hostile import HOSTILE_SAMPLES
from tui_reseau.locations import DbTarget
from tui_reseau.store.models import Contact
from tui_reseau.ui.app import ReseauApp, make_app
from tui_reseau.ui.screens.card import CardScreen
from tui_reseau.ui.screens.main import MainScreen
from tui_reseau.ui.screens.metric_records import MetricRecordsScreen
from tui_reseau.ui.screens.metrics import MetricsScreen
from tui_reseau.ui.screens.metrics_help import MetricsHelpScreen
from tui_reseau.ui.widgets.bar_chart import BarChart


def metrics_app(db_path: Path) -> tuple[ReseauApp, dict[str, int]]:
    app = make_app(DbTarget(path=db_path), today=TODAY)
    return app, metrics_network()


async def open_metrics(pilot: Pilot) -> MetricsScreen:
    """From the contact list, as the user does: the key I."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, MainScreen)
    await pilot.press("I")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MetricsScreen)
    return screen


def lines(screen: MetricsScreen, figures_only: bool = False) -> list[str]:
    """The chart's lines as the user reads them (the first line of two-line ones), spaces
    squeezed; ``figures_only``: group titles and notes left out."""
    chart = screen.query_one(BarChart)
    return [
        " ".join(str(option.prompt).split("\n")[0].split())
        for option in chart.options
        if not (figures_only and option.disabled)
    ]


def line_of(screen: MetricsScreen, label: str) -> str:
    """The line of the figure called ``label`` (titles and notes skipped)."""
    found = [line for line in lines(screen, True) if line.startswith(label)]
    assert found, f"« {label} » not in {lines(screen)}"
    return found[0]


def title(screen: MetricsScreen) -> str:
    return str(screen.query_one("#metrics-bar", Static).render())


async def cursor_to(pilot: Pilot, screen: MetricsScreen, label: str) -> None:
    """Arrow down to the line starting with ``label``."""
    chart = screen.query_one(BarChart)
    await pilot.press("home")
    for _ in range(len(chart.options)):
        bar = chart.current
        if bar is not None and bar.label == label:
            return
        await pilot.press("down")
    raise AssertionError(f"no line « {label} »")


async def test_key_i_opens_the_metrics_of_the_last_12_months(db_path: Path) -> None:
    app, _ = metrics_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_metrics(pilot)
        assert "12 derniers mois, du 01/12/2025 au 26/11/2026" in title(screen)
        assert line_of(screen, "Nouveaux qualifiés").endswith(" 7")
        assert line_of(screen, "mars 2026").endswith(" 1")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_changing_the_period_changes_the_figures(db_path: Path) -> None:
    app, _ = metrics_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_metrics(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert "3 derniers mois, du 01/09/2026" in title(screen)
        assert line_of(screen, "Nouveaux qualifiés").endswith(" 6")
        assert [line.split()[0] for line in lines(screen)[-3:]] == ["sept.", "oct.", "nov."]
        await pilot.press("2")
        await settle(pilot)
        assert "3 · 25 %" in line_of(screen, "… avec une opportunité")
        assert "1 · 8,3 %" in line_of(screen, "… dont une gagnée")
        await pilot.press("a")  # back to 12 months: Marc and Nadia, met in March, join
        await settle(pilot)
        assert "12 derniers mois" in title(screen)
        assert line_of(screen, "Contacts rencontrés").endswith(" 14")
        assert "4 · 29 %" in line_of(screen, "… avec une opportunité")
        await pilot.press("c")
        await settle(pilot)
        assert "cette année, du 01/01/2026" in title(screen)


async def test_sections_by_digit_and_tab(db_path: Path) -> None:
    app, _ = metrics_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_metrics(pilot)
        await pilot.press("t", "5")
        await settle(pilot)
        assert "2 · 33 %" in line_of(screen, "Faites à l'heure")
        assert line_of(screen, "Délai médian").endswith("2 j")
        await pilot.press("tab")  # wraps round to the first section
        await settle(pilot)
        assert screen.section == 0
        await pilot.press("shift+tab", "shift+tab")
        await settle(pilot)
        assert screen.section == 3
        assert line_of(screen, "soiree_club").endswith("2 000 €/h")
        assert line_of(screen, "salon").endswith("— (0 h)")


async def test_a_figure_opens_its_records_and_a_record_opens_the_card(db_path: Path) -> None:
    app, ids = metrics_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_metrics(pilot)
        await pilot.press("t", "2")
        await settle(pilot)
        await cursor_to(pilot, screen, "Cercle 2")
        await pilot.press("enter")
        await settle(pilot)
        records = app.screen
        assert isinstance(records, MetricRecordsScreen)
        assert records.loaded is not None
        assert {row.id for row in records.loaded.rows} == {
            ids[k] for k in ("emma", "fabien", "gaelle", "hugo")
        }
        assert "Conversion · Cercle 2" in str(records.query_one("#records-bar", Static).render())
        assert "4 lignes" in str(records.query_one("#records-count", Static).render())
        assert records.current() is not None and records.current().title == "Emma Test"  # type: ignore[union-attr]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardScreen)
        assert app.screen.contact_id == ids["emma"]
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert app.screen is screen


async def test_a_row_naming_nobody_opens_no_card(db_path: Path) -> None:
    app, _ = metrics_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_metrics(pilot)
        await pilot.press("t", "4")
        await settle(pilot)
        await cursor_to(pilot, screen, "Club A")
        await pilot.press("enter")
        await settle(pilot)
        records = app.screen
        assert isinstance(records, MetricRecordsScreen)
        assert records.current().kind == "involvement"  # type: ignore[union-attr]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is records
        assert any("pas de fiche" in str(n.message) for n in app._notifications)


async def test_help_shows_the_definitions(db_path: Path) -> None:
    app, _ = metrics_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_metrics(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, MetricsHelpScreen)
        log = app.screen.query_one(RichLog)
        text = " ".join(" ".join(line.text.split()) for line in log.lines)
        assert "Cohorte : les contacts rencontrés dans la période" in text
        assert "Converti : au moins une opportunité" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MetricsScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, MetricsHelpScreen)


async def test_hostile_names_are_shown_as_plain_text(db_path: Path) -> None:
    app, ids = metrics_app(db_path)
    Contact.update(first_name=HOSTILE_SAMPLES["action Textual"][:100], last_name="").where(
        Contact.id == ids["jean"]
    ).execute()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_metrics(pilot)
        await pilot.press("t", "3")
        await settle(pilot)
        assert any("[@click=app.quit]Quitter[/]" in line for line in lines(screen))
        await cursor_to(pilot, screen, HOSTILE_SAMPLES["action Textual"][:100])
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MetricRecordsScreen)
        assert app.is_running
