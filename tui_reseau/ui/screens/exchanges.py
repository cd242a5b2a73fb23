"""« Recommandations et services »: what prescribers gave us, what we gave them, the balance.

Three parts, reached with 1, 2 and 3 (or the tabs): recommendations received with their
result (read from the opportunities they led to), services given, and the balance per
prescriber, those we owe first. a adds in the current part (on the balance: a service for the
selected person), e edits, Suppr deletes after confirmation, o turns a recommendation into an
opportunity, Entrée opens the person's card. Everything is read in a worker each time the
screen comes back on top; cells are plain ``Text`` (never markup) cut to their column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from tui_reseau.display import cell_fit, safe_text
from tui_reseau.domain.dates import format_date
from tui_reseau.domain.exchanges import (
    Balance,
    RecommendationRow,
    ServiceRow,
    balances,
    delete_recommendation,
    delete_service,
    recommendations,
    services,
)
from tui_reseau.domain.opportunities import format_euros
from tui_reseau.ui.screens.confirm import ConfirmScreen

NARROW_WIDTH = 100
PARTS = ("recos", "services", "balance")
PART_TITLES = {
    "recos": "1 Recommandations reçues",
    "services": "2 Services rendus",
    "balance": "3 Solde par prescripteur",
}
BALANCE_HELP = "Solde = services rendus − recommandations reçues ; négatif : rendez service."
EMPTY = {
    "recos": "Aucune recommandation reçue : « a » en note une.",
    "services": "Aucun service rendu : « a » en note un.",
    "balance": "Personne ne vous a encore recommandé, ni reçu de service de vous.",
}
RESULT_STYLES = {"gagnee": "bold", "perdue": "dim", "sans_suite": "dim italic"}
# (title, width or None for a share of what is left, share), per part; narrow drops some.
Column = tuple[str, int | None, int]
COLUMNS: dict[str, tuple[Column, ...]] = {
    "recos": (
        ("Reçue le", 10, 0),
        ("Recommandé par", None, 2),
        ("Auprès de · pour quoi", None, 3),
        ("Canal", 12, 0),
        ("Résultat", 19, 0),
    ),
    "services": (
        ("Rendu le", 10, 0),
        ("Rendu à", None, 2),
        ("Type", 17, 0),
        ("Description", None, 3),
        ("Présenté", None, 2),
    ),
    "balance": (
        ("Prescripteur", None, 1),
        ("Reçues", 6, 0),
        ("Gagné grâce à lui", 17, 0),
        ("Rendus", 6, 0),
        ("Solde", 5, 0),
        ("Dernier échange", 15, 0),
    ),
}
NARROW_DROPS = {"recos": {"Canal"}, "services": set(), "balance": set()}
NARROW_TITLES = {"Gagné grâce à lui": "Gagné", "Dernier échange": "Dernier"}
NARROW_WIDTHS = {"Gagné": 12, "Dernier": 10}


@dataclass(frozen=True, slots=True)
class Loaded:
    """What one read brought back."""

    recos: tuple[RecommendationRow, ...]
    services: tuple[ServiceRow, ...]
    balances: tuple[Balance, ...]


def column_widths(columns: tuple[Column, ...], total: int) -> list[int]:
    """Each column's width for a table ``total`` cells wide (two cells of padding each)."""
    fixed = sum(width for _, width, _ in columns if width is not None)
    shares = sum(share for _, width, share in columns if width is None)
    left = max(0, total - fixed - 2 * len(columns))
    widths: list[int] = []
    for _, width, share in columns:
        widths.append(width if width is not None else max(6, left * share // max(1, shares)))
    return widths


def _t(text: str) -> str:
    return safe_text(text, single_line=True)


def signed(number: int) -> str:
    """« +2 », « 0 », « −1 » (a real minus sign)."""
    if number > 0:
        return f"+{number}"
    return f"−{-number}" if number < 0 else "0"


class ExchangesScreen(Screen[None]):
    """Recommendations received, services given and the balance, one part at a time."""

    CSS_PATH = "exchanges.tcss"

    BINDINGS = [
        Binding("1", "part('recos')", "Recommandations", show=False),
        Binding("2", "part('services')", "Services", show=False),
        Binding("3", "part('balance')", "Solde", show=False),
        Binding("a", "add", "Ajouter"),
        Binding("e", "edit", "Modifier"),
        Binding("delete", "delete", "Supprimer", key_display="Suppr"),
        Binding("o", "opportunity", "Opportunité"),
        Binding("escape", "back", "Retour"),
        Binding("question_mark", "app.toggle_keys", "Touches", key_display="?", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loaded: Loaded | None = None
        self._drawn_width = 0

    def compose(self) -> ComposeResult:
        yield Static(" Recommandations et services", id="exchanges-bar")
        with TabbedContent(id="exchanges-tabs"):
            for part in PARTS:
                with TabPane(PART_TITLES[part], id=part):
                    if part == "balance":
                        yield Static(BALANCE_HELP, id="balance-help", markup=False)
                    yield Static(EMPTY[part], id=f"empty-{part}", classes="empty-note")
                    yield DataTable(id=f"table-{part}", cursor_type="row", zebra_stripes=False)
        yield Footer()

    @property
    def today(self) -> dt.date:
        return self.app.today  # type: ignore[attr-defined]

    @property
    def part(self) -> str:
        """The part shown: « recos », « services » or « balance »."""
        return self.query_one(TabbedContent).active or "recos"

    def table(self, part: str | None = None) -> DataTable:
        return self.query_one(f"#table-{part or self.part}", DataTable)

    def on_mount(self) -> None:
        self.table("recos").focus()

    def on_screen_resume(self) -> None:
        self.reload()

    @property
    def narrow(self) -> bool:
        return self.size.width < NARROW_WIDTH

    def on_resize(self) -> None:
        footer = self.query_one(Footer)
        footer.compact = self.narrow
        footer.show_command_palette = not self.narrow
        if self.loaded is not None and self.size.width != self._drawn_width:
            self._draw()

    @on(TabbedContent.TabActivated)
    def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        self.call_after_refresh(self.table().focus)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "opportunity":
            return self.is_mounted and self.part == "recos"
        return True

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Read the three parts again (in a worker)."""
        self._load(self.today)

    @work(thread=True, exclusive=True, group="exchanges-load", exit_on_error=False)
    def _load(self, today: dt.date) -> None:
        loaded = Loaded(tuple(recommendations(today)), tuple(services()), tuple(balances()))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, loaded)

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self._draw()
        owed = sum(1 for b in loaded.balances if b.we_owe)
        counts = (
            f"{len(loaded.recos)} reçues · {len(loaded.services)} rendus · "
            f"{owed} à qui rendre service"
        )
        self.query_one("#exchanges-bar", Static).update(f" Recommandations et services · {counts}")

    def _draw(self) -> None:
        loaded = self.loaded
        if loaded is None:
            return
        self._drawn_width = self.size.width
        today = self.today
        rows: dict[str, list[tuple[str, list[Text]]]] = {
            "recos": [(f"r-{r.id}", self._reco_cells(r, today)) for r in loaded.recos],
            "services": [(f"s-{s.id}", self._service_cells(s, today)) for s in loaded.services],
            "balance": [
                (f"b-{b.contact_id}", self._balance_cells(b, today)) for b in loaded.balances
            ],
        }
        for part in PARTS:
            self._fill(part, rows[part])

    def _columns(self, part: str) -> tuple[Column, ...]:
        if not self.narrow:
            return COLUMNS[part]
        columns: list[Column] = []
        for title, width, share in COLUMNS[part]:
            if title in NARROW_DROPS[part]:
                continue
            title = NARROW_TITLES.get(title, title)
            columns.append((title, NARROW_WIDTHS.get(title, width), share))
        return tuple(columns)

    def _fill(self, part: str, rows: list[tuple[str, list[Text]]]) -> None:
        table = self.table(part)
        before = self._row_key(table)
        before_row = table.cursor_row
        columns = self._columns(part)
        titles = [title for title, _, _ in columns]
        widths = column_widths(columns, max(40, self.size.width - 2))
        table.clear(columns=True)
        for title, width in zip(titles, widths, strict=True):
            table.add_column(Text(cell_fit(title, width)), width=width, key=title)
        self.query_one(f"#empty-{part}").display = not rows
        if not rows:
            return
        keep = {title: index for index, title in enumerate(self._all_titles(part))}
        for key, cells in rows:
            shown = [cells[keep[title]] for title in titles]
            table.add_row(
                *(
                    Text(cell_fit(cell.plain, width), style=cell.style)
                    for cell, width in zip(shown, widths, strict=True)
                ),
                key=key,
            )
        keys = [key for key, _ in rows]
        if before in keys:
            table.move_cursor(row=keys.index(before), animate=False)
        else:
            table.move_cursor(row=min(before_row, len(keys) - 1), animate=False)

    def _all_titles(self, part: str) -> list[str]:
        """Titles of every column (narrow ones renamed), in order: the cells' order."""
        return [NARROW_TITLES.get(t, t) if self.narrow else t for t, _, _ in COLUMNS[part]]

    @staticmethod
    def _reco_cells(r: RecommendationRow, today: dt.date) -> list[Text]:
        return [
            Text(format_date(r.received_on, today)),
            Text(_t(r.recommender_name) or "(inconnu)"),
            Text(_t(r.subject)),
            Text(r.channel_label),
            Text(r.result_label, style=RESULT_STYLES.get(r.result, "")),
        ]

    @staticmethod
    def _service_cells(s: ServiceRow, today: dt.date) -> list[Text]:
        return [
            Text(format_date(s.given_on, today)),
            Text(_t(s.contact_name)),
            Text(s.kind_label),
            Text(_t(s.description)),
            Text(_t(s.introduced_name)),
        ]

    @staticmethod
    def _balance_cells(b: Balance, today: dt.date) -> list[Text]:
        return [
            Text(_t(b.name), style="bold" if b.we_owe else ""),
            Text(str(b.received)),
            Text(format_euros(b.won_eur) if b.won_eur else "—"),
            Text(str(b.given)),
            Text(signed(b.balance), style="bold" if b.we_owe else ""),
            Text(format_date(b.last_exchange_on, today) if b.last_exchange_on else "—"),
        ]

    # ------------------------------------------------------------------ the selected row

    @staticmethod
    def _row_key(table: DataTable) -> str | None:
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # the cursor is on no row
            return None
        return key

    def _selected_id(self) -> int | None:
        key = self._row_key(self.table())
        if key is None:
            self.notify("Rien de choisi ici : « a » ajoute.", severity="warning")
            return None
        return int(key.split("-", 1)[1])

    def _selected_contact(self) -> int | None:
        """The person of the selected row (recommender, person helped, prescriber)."""
        chosen = self._selected_id()
        if chosen is None or self.loaded is None:
            return None
        if self.part == "recos":
            reco = next((r for r in self.loaded.recos if r.id == chosen), None)
            return reco.recommender_id if reco else None
        if self.part == "services":
            service = next((s for s in self.loaded.services if s.id == chosen), None)
            return service.contact_id if service else None
        return chosen

    # ------------------------------------------------------------------ actions

    def action_part(self, part: str) -> None:
        self.query_one(TabbedContent).active = part

    def action_add(self) -> None:
        from tui_reseau.ui.screens.recommendation_form import RecommendationFormScreen
        from tui_reseau.ui.screens.service_form import ServiceFormScreen

        if self.part == "recos":
            self.app.push_screen(RecommendationFormScreen())
        elif self.part == "services":
            self.app.push_screen(ServiceFormScreen())
        else:
            key = self._row_key(self.table())
            contact = int(key.split("-", 1)[1]) if key else None
            self.app.push_screen(ServiceFormScreen(contact_id=contact))

    def action_edit(self) -> None:
        from tui_reseau.ui.screens.recommendation_form import RecommendationFormScreen
        from tui_reseau.ui.screens.service_form import ServiceFormScreen

        if self.part == "balance":
            self.notify(
                "Le solde se calcule : modifiez une recommandation (1) ou un service (2).",
                severity="warning",
            )
            return
        if (chosen := self._selected_id()) is None:
            return
        if self.part == "recos":
            self.app.push_screen(RecommendationFormScreen(chosen))
        else:
            self.app.push_screen(ServiceFormScreen(chosen))

    def action_delete(self) -> None:
        if self.part == "balance":
            self.notify(
                "Le solde se calcule : supprimez une recommandation (1) ou un service (2).",
                severity="warning",
            )
            return
        if (chosen := self._selected_id()) is None or self.loaded is None:
            return
        delete: Callable[[int], None]
        if self.part == "recos":
            reco = next(r for r in self.loaded.recos if r.id == chosen)
            question = (
                f"Supprimer la recommandation de {_t(reco.recommender_name) or '(inconnu)'} "
                f"du {format_date(reco.received_on)} ?"
            )
            if reco.opportunity_count:
                question += " Ses opportunités restent, sans cette origine."
            delete, done = delete_recommendation, "Recommandation supprimée."
        else:
            service = next(s for s in self.loaded.services if s.id == chosen)
            question = (
                f"Supprimer le service rendu à {_t(service.contact_name)} "
                f"le {format_date(service.given_on)} ?"
            )
            delete, done = delete_service, "Service supprimé."

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.app.write(  # type: ignore[attr-defined]
                    delete, chosen, then=lambda _: (self.notify(done), self.reload())
                )

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_opportunity(self) -> None:
        from tui_reseau.ui.screens.opportunity_form import OpportunityFormScreen

        if self.part != "recos":
            return
        if (chosen := self._selected_id()) is not None:
            self.app.push_screen(OpportunityFormScreen(from_recommendation=chosen))

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        from tui_reseau.ui.screens.card import CardScreen

        if (contact := self._selected_contact()) is not None:
            self.app.push_screen(CardScreen(contact))

    def action_back(self) -> None:
        self.dismiss(None)
