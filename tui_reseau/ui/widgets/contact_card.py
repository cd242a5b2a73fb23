"""The contact card: identity, memorised details, exchanges, follow-ups, business, balance.

Displays a ``ContactCard`` and posts messages; it never reads the database itself.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_reseau.display import days_label, safe_text

if TYPE_CHECKING:  # the card is read by the screens: its module is not needed to show one
    from tui_reseau.domain.card import ContactCard, DetailItem

EMPTY_HINT = "Aucun contact sélectionné.\n\nFlèches pour parcourir la liste, / pour chercher, a pour ajouter."


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _euros(value: Decimal | None) -> str:
    if value is None:
        return "montant inconnu"
    whole = f"{value:,.0f}".replace(",", "\u202f")
    return f"{whole} €"


def _t(text: str) -> str:
    return safe_text(text)


class DetailList(OptionList):
    """The memorised details of the card, one option each: Enter edits, s marks stale."""

    BINDINGS = [
        Binding("enter", "select", "Modifier le détail", show=False),
        Binding("s", "toggle_stale", "Périmé / actuel"),
        Binding("delete", "delete_detail", "Supprimer le détail"),
    ]

    class Action(Message):
        """A detail action: ``kind`` is "edit", "stale" or "delete"."""

        def __init__(self, detail_id: int, kind: str) -> None:
            super().__init__()
            self.detail_id = detail_id
            self.kind = kind

    def _current_detail(self) -> int | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id[1:]) if option.id and option.id.startswith("d") else None

    def action_toggle_stale(self) -> None:
        if (detail := self._current_detail()) is not None:
            self.post_message(self.Action(detail, "stale"))

    def action_delete_detail(self) -> None:
        if (detail := self._current_detail()) is not None:
            self.post_message(self.Action(detail, "delete"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("d"):
            self.post_message(self.Action(int(event.option.id[1:]), "edit"))


class ContactCardView(VerticalScroll):
    """A scrollable contact card. ``show(card, today)`` fills it; ``show(None)`` empties it."""

    DEFAULT_CSS = """
    ContactCardView { padding: 0 1; }
    ContactCardView .card-section-title { margin-top: 1; }
    ContactCardView #card-details {
        height: auto; max-height: 12; border: none; padding: 0; background: transparent;
    }
    ContactCardView #card-body { margin-top: 1; }
    """

    BINDINGS = [
        Binding("i", "introducer", "Aller à qui nous a présentés", show=False),
    ]

    class JumpTo(Message):
        """Open another contact's card (e.g. who introduced this one)."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.card: ContactCard | None = None

    def compose(self) -> ComposeResult:
        yield Static(EMPTY_HINT, id="card-head")
        yield Static("", id="card-details-title", classes="card-section-title")
        yield DetailList(id="card-details")
        yield Static("", id="card-body")

    def on_mount(self) -> None:
        self._set_visible_parts(False)

    def _set_visible_parts(self, has_card: bool) -> None:
        self.query_one("#card-details-title").display = has_card
        self.query_one("#card-details").display = has_card
        self.query_one("#card-body").display = has_card

    def action_introducer(self) -> None:
        if self.card and self.card.introduced_by:
            self.post_message(self.JumpTo(self.card.introduced_by.id))

    @property
    def detail_list(self) -> DetailList:
        return self.query_one(DetailList)

    def show(self, card: ContactCard | None, today: dt.date) -> None:
        """Display ``card`` (None: the empty hint)."""
        self.card = card
        head = self.query_one("#card-head", Static)
        if card is None:
            head.update(EMPTY_HINT)
            self._set_visible_parts(False)
            return
        self._set_visible_parts(True)
        head.update(self._head(card, today))
        details_list = self.detail_list
        highlighted = details_list.highlighted
        details_list.clear_options()
        details_list.add_options(self._detail_options(card))
        if card.details:
            details_list.highlighted = min(highlighted or 0, len(card.details) - 1)
        title = f"Détails mémorisés ({len(card.details)})" if card.details else "Détails mémorisés"
        self.query_one("#card-details-title", Static).update(
            Content.assemble((title, "bold"), ("   n : noter un détail", "dim"))
        )
        self.query_one("#card-body", Static).update(self._body(card, today))

    # ------------------------------------------------------------------ parts

    def _head(self, card: ContactCard, today: dt.date) -> Content:
        parts: list[str | tuple[str, str]] = [(_t(card.name) or "(sans nom)", "bold")]
        job = " · ".join(p for p in (_t(card.role), _t(card.company)) if p)
        if job:
            parts += ["\n", job]
        circle = f"Cercle {card.circle} — {card.circle_label}"
        if card.kind_label:
            circle += f" · {card.kind_label}"
        parts += ["\n", (circle, f"bold {_circle_colour(card.circle)}")]
        where = " · ".join(p for p in (_t(card.city), card.pole_label) if p)
        if where:
            parts += ["\n", where]
        if card.sector_label:
            parts += ["\n", f"Secteur : {card.sector_label}"]
        if card.qualified_on:
            parts += ["\n", (f"✓ Qualifié depuis le {_date(card.qualified_on)}", "green")]
        else:
            parts += ["\n", ("○ Pas encore qualifié", "dim")]
        met = "Rencontré"
        if card.met_via_label:
            met += f" par {card.met_via_label.lower()}"
        if card.met_on:
            met += f" le {_date(card.met_on)}"
        parts += ["\n", met]
        if card.introduced_by:
            parts += [
                "\n",
                "Présenté par ",
                (_t(card.introduced_by.name), "underline"),
                ("  (i)", "dim"),
            ]
        last = card.last_contact_on
        since = days_label((today - last).days) if last else "jamais"
        parts += ["\n", f"Dernier échange : {since}" + (f" ({_date(last)})" if last else "")]
        coords = [p for p in (card.phone, _t(card.email), _t(card.linkedin_url)) if p]
        if coords:
            parts += ["\n", ("  ".join(coords), "cyan")]
        if card.tags:
            parts += ["\n", (" ".join(f"#{_t(tag)}" for tag in card.tags), "magenta")]
        if card.notes:
            parts += ["\n\n", _t(card.notes)]
        return Content.assemble(*parts)

    def _detail_options(self, card: ContactCard) -> list[Option]:
        options = []
        for group in card.details_by_kind().values():
            for item in group:
                options.append(Option(_detail_prompt(item), id=f"d{item.id}"))
        if not options:
            options.append(
                Option(
                    Content.styled("Rien de noté : conjoint, passion, projet…", "dim"), id="none"
                )
            )
        return options

    def _body(self, card: ContactCard, today: dt.date) -> Content:
        parts: list[str | tuple[str, str]] = []

        def section(title: str) -> None:
            parts.extend(["\n" if parts else "", (title, "bold"), "\n"])

        section(f"Relances ouvertes ({len(card.follow_ups)})")
        if not card.follow_ups:
            parts.append(("Aucune relance prévue.\n", "dim"))
        for item in card.follow_ups:
            style = "bold red" if item.overdue else ""
            mark = "⚠ " if item.overdue else "• "
            parts += [(f"{mark}{_date(item.due_on)}", style), f"  {_t(item.reason)}\n"]

        section(f"Derniers échanges ({card.interaction_count})")
        if not card.interactions:
            parts.append(("Aucun échange enregistré.\n", "dim"))
        for inter in card.interactions:
            duration = f" · {inter.duration_minutes} min" if inter.duration_minutes else ""
            with_others = ""
            if inter.with_others:
                with_others = " · avec " + ", ".join(_t(p.name) for p in inter.with_others)
            parts += [
                (f"{_date(inter.happened_on)} {inter.channel_label}{duration}", "bold"),
                with_others,
                "\n",
            ]
            if inter.notes:
                parts += [f"  {_t(inter.notes)}\n"]

        section(f"Opportunités ({len(card.opportunities)})")
        if not card.opportunities:
            parts.append(("Aucune opportunité.\n", "dim"))
        for opp in card.opportunities:
            parts += [
                f"• {_t(opp.title)} — ",
                (opp.stage_label, "bold"),
                f" — {_euros(opp.value_eur)}\n",
            ]

        section("Donnant-donnant")
        parts.append(
            f"Recommandations reçues : {card.received_count} · "
            f"services rendus : {card.given_count}\n"
        )
        if card.is_prescriber or card.recommendations_received or card.services_given:
            parts.append(_balance_line(card.balance))
        for item in card.recommendations_received[:5]:
            parts.append(f"  ← {_date(item.on)} {_t(item.text)}\n")
        for item in card.services_given[:5]:
            parts.append(f"  → {_date(item.on)} {item.label} : {_t(item.text)}\n")
        if card.introduced:
            section(f"Nous a présenté ({len(card.introduced)})")
            parts.append(", ".join(_t(p.name) for p in card.introduced) + "\n")
        return Content.assemble(*parts)


def _balance_line(balance: int) -> tuple[str, str]:
    if balance > 0:
        return (f"Solde : +{balance} en sa faveur — rendez-lui service.\n", "bold yellow")
    if balance < 0:
        return (f"Solde : {balance} — vous avez beaucoup donné.\n", "green")
    return ("Solde : équilibré.\n", "green")


def _circle_colour(circle: int) -> str:
    return {1: "green", 2: "yellow", 3: "magenta"}.get(circle, "")


def _detail_prompt(item: DetailItem) -> Content:
    stamp = item.noted_on.strftime("%d/%m/%y")
    if item.still_true:
        return Content.assemble(
            (f"{item.kind_label} : ", "bold"), _t(item.text), (f" · {stamp}", "dim")
        )
    return Content.assemble(
        (f"{item.kind_label} : {_t(item.text)} · {stamp} · plus d'actualité", "dim strike")
    )
