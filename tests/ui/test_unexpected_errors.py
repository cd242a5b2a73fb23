"""An unexpected exception inside the TUI: logged with its traceback, told in French, survived."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.network import TODAY, settle, small_network_app
from tui_reseau.crashlog import LOG_NAME
from tui_reseau.locations import DbTarget, log_dir
from tui_reseau.ui.app import ReseauApp, make_app
from tui_reseau.ui.screens.contact_form import ContactFormScreen
from tui_reseau.ui.screens.main import MainScreen
from tui_reseau.ui.widgets.contact_list import ContactList


def screen_text(app: ReseauApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("panne simulée dans une action")


async def test_an_action_that_fails_keeps_the_app_and_what_was_typed(db_path, monkeypatch):
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        first = app.screen.query_one("#first_name", Input)
        first.focus()
        await pilot.press(*"Zoé")
        monkeypatch.setattr(ContactFormScreen, "action_save", boom)
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.is_running and isinstance(app.screen, ContactFormScreen)
        assert first.value == "Zoé"
        shown = " ".join(screen_text(app).split())
        assert "Erreur inattendue (RuntimeError)" in shown
        log = (log_dir() / LOG_NAME).read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" in log
        assert "panne simulée dans une action" in log
        assert [type(e) for e in app.recovered_errors] == [RuntimeError]

        await pilot.press(*" Nouvelle")  # the form still takes keys
        assert first.value == "Zoé Nouvelle"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_a_failing_message_handler_is_reported_not_fatal(db_path, monkeypatch):
    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot)
        contacts = app.screen.query_one(ContactList)
        monkeypatch.setattr(MainScreen, "_load_card", boom)  # in the screen's Highlighted handler
        await pilot.press("down")
        await settle(pilot)
        monkeypatch.setattr(ContactList, "action_select", boom)  # a widget's action
        await pilot.press("enter")
        await settle(pilot)
        monkeypatch.setattr(ContactList, "_on_click", boom)  # a widget's own handler
        await pilot.click(ContactList, offset=(5, 1))
        await settle(pilot)
        assert app.is_running
        assert len(app.recovered_errors) == 3
        assert "Erreur inattendue" in " ".join(screen_text(app).split())
        monkeypatch.undo()
        await pilot.press("down")  # the list and the screen still answer
        await settle(pilot)
        assert contacts.cursor == 2
        await pilot.click(ContactList, offset=(5, 0))
        await settle(pilot)
        assert contacts.cursor == 0
        await pilot.press("slash")
        await settle(pilot)
        assert type(app.screen).__name__ == "SearchScreen"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_failure_at_start_up_ends_with_a_french_message_and_no_traceback(
    db_path, monkeypatch, capfd
):
    def broken_compose(self: MainScreen):
        raise RuntimeError("écran impossible à construire")

    monkeypatch.setattr(MainScreen, "compose", broken_compose)
    app = make_app(DbTarget(path=db_path), today=TODAY)
    with pytest.raises(RuntimeError):  # Pilot hands the error to the test framework
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
    assert app.return_code == 1
    said = capfd.readouterr()
    assert "reseau s'est arrêté sur une erreur inattendue (RuntimeError)" in said.err
    assert "Traceback" not in said.err + said.out
    log = (log_dir() / LOG_NAME).read_text(encoding="utf-8")
    assert "écran impossible à construire" in log


async def test_ctrl_q_typed_in_a_burst_after_a_form_key_still_quits(db_path):
    from textual import events

    app, _ = small_network_app(db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for key, character in (("a", "a"), ("Z", "Z"), ("ctrl+q", None)):
            app.post_message(events.Key(key, character))  # one packet: held, then replayed
        for _ in range(60):
            if not app.is_running:
                break
            await pilot.pause(0.05)
        assert not app.is_running
    assert app.return_code == 0
