"""The pre-meeting brief: a contact's card as text, for ``reseau brief`` (found by
:func:`tui_reseau.domain.lookup.find_people`).

:func:`brief_lines` / :func:`brief_text` turn a :class:`~tui_reseau.domain.card.ContactCard` into
the brief; every text that comes from the database goes through
:func:`~tui_reseau.display.safe_text`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from rich.cells import cell_len

from tui_reseau.display import safe_text
from tui_reseau.domain.dates import format_date, format_relative

if TYPE_CHECKING:
    from tui_reseau.domain.card import ContactCard, DetailItem

__all__ = ["BRIEF_INTERACTIONS", "BRIEF_LIST", "brief_lines", "brief_text"]

BRIEF_INTERACTIONS = 3
"""Interactions shown in a brief (the most recent ones)."""

BRIEF_LIST = 5
"""Follow-ups and opportunities shown in a brief, at most (the others are counted)."""

_OPEN_STAGES = frozenset({"piste", "proposition"})
_TEXT_MAX = 280  # characters of a free text (note, detail) shown in a brief


# --------------------------------------------------------------------------- the brief as text

Segment = tuple[str, str]
"""A piece of a line: (text, style); styles: "" plain, "title", "heading", "dim", "alert",
"stale". Texts are already safe for a terminal."""

Line = list[Segment]


def _safe(text: str | None, limit: int = _TEXT_MAX) -> str:
    text = safe_text(" ".join((text or "").split()), single_line=True)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n <= 1 else many}".replace(",", " ")  # « 0 service rendu »


def _euros(value: Decimal) -> str:
    whole = f"{int(value):,}".replace(",", " ")
    cents = int((value - int(value)) * 100)
    return f"{whole},{cents:02d} €" if cents else f"{whole} €"


def _when(day: dt.date, today: dt.date) -> str:
    return f"{format_date(day, today)} ({format_relative(day, today)})"


_RUNS = re.compile(r" +|[^ ]+")


def _fit(line: Line, width: int) -> list[Line]:
    """``line`` cut between words into lines of at most ``width`` cells.

    Continuation lines are indented two cells more than the line's own indentation; a word
    longer than a line is cut.
    """
    lead = 0
    for text, _ in line:
        lead += len(text) - len(text.lstrip(" "))
        if text.strip(" "):
            break
    indent = " " * min(lead + 2, width // 2)
    # Words (runs of non-spaces, possibly across segments) and the spaces between them.
    groups: list[tuple[bool, list[Segment]]] = []
    for text, style in line:
        for run in _RUNS.findall(text):
            space = run.startswith(" ")
            if groups and not space and not groups[-1][0]:
                groups[-1][1].append((run, style))  # glued to the word before
            else:
                groups.append((space, [(run, style)]))
    lines: list[Line] = []
    current: Line = []
    used = 0

    def new_line() -> None:
        nonlocal current, used
        while current and not current[-1][0].strip():
            current.pop()
        merged: Line = []
        for text, style in current:  # one segment per style run: fewer escape codes
            if merged and merged[-1][1] == style:
                merged[-1] = (merged[-1][0] + text, style)
            else:
                merged.append((text, style))
        lines.append(merged)
        current, used = [(indent, "")], len(indent)

    for space, pieces in groups:
        size = sum(cell_len(text) for text, _ in pieces)
        if space:
            if used + size < width:
                current.extend(pieces)
                used += size
            elif any(text.strip() for text, _ in current):
                new_line()
            continue
        if used + size > width and any(text.strip() for text, _ in current):
            new_line()
        for text, style in pieces:
            while used + cell_len(text) > width:  # longer than a whole line: cut it
                cut = len(text) - 1
                while cut > 1 and used + cell_len(text[:cut]) > width:
                    cut -= 1
                current.append((text[:cut], style))
                new_line()
                text = text[cut:]
            current.append((text, style))
            used += cell_len(text)
    if not lines or any(text.strip() for text, _ in current):
        new_line()
    return lines


def brief_lines(card: ContactCard, today: dt.date, width: int = 80) -> list[Line]:
    """The brief of ``card`` as styled lines, at most ``width`` (40 or more) cells wide."""
    width = max(width, 40)
    out: list[Line] = []
    for section in (_who, _memory, _interactions, _follow_ups, _opportunities, _balance):
        out.extend(section(card, today))
    if card.notes.strip():
        out.extend(_heading("Notes"))
        out.append([("  ", ""), (_safe(card.notes), "")])
    return [fitted for line in out for fitted in _fit(line, width)]


def brief_text(card: ContactCard, today: dt.date, width: int = 80) -> str:
    """The brief of ``card`` as plain text (no escape codes), lines of at most ``width`` cells."""
    return "\n".join(
        "".join(text for text, _ in line).rstrip() for line in brief_lines(card, today, width)
    )


def _heading(text: str) -> list[Line]:
    return [[], [(text, "heading")]]


def _who(card: ContactCard, today: dt.date) -> list[Line]:
    out: list[Line] = [[(_safe(card.name) or "(sans nom)", "title"), (f"  n° {card.id}", "dim")]]
    who = " · ".join(p for p in (_safe(card.role), _safe(card.company)) if p)
    if who:
        out.append([(who, "")])
    parts = [f"Cercle {card.circle} — {card.circle_label}"]
    parts += [_safe(card.kind_label), _safe(card.sector_label)]
    if card.qualified_on:
        parts.append(f"contact qualifié le {format_date(card.qualified_on)}")
    out.append([(" · ".join(p for p in parts if p), "")])
    where = " · ".join(p for p in (_safe(card.pole_label), _safe(card.city)) if p)
    if where:
        out.append([(where, "")])
    reach = [_safe(card.phone), _safe(card.email), " ".join(f"#{_safe(t)}" for t in card.tags)]
    if any(reach):
        out.append([(" · ".join(r for r in reach if r), "dim")])
    met = []
    if card.met_via_label or card.met_on:
        how = _safe(card.met_via_label) or "rencontre"
        met.append(f"{how}, le {format_date(card.met_on)}" if card.met_on else how)
    if card.introduced_by is not None:
        met.append(f"présentation de {_safe(card.introduced_by.name)}")
    out.append([("Rencontre : ", "dim"), (" · ".join(met) or "—", "")])
    if card.last_contact_on is not None:
        total = _plural(card.interaction_count, "échange", "échanges")
        out.append(
            [
                ("Dernier échange : ", "dim"),
                (_when(card.last_contact_on, today), ""),
                (f" · {total} en tout", "dim"),
            ]
        )
    return out


def _memory(card: ContactCard, today: dt.date) -> list[Line]:
    out = _heading("À retenir")
    groups = card.details_by_kind()
    if not groups:
        out.append([("  Rien de noté : demandez-lui des nouvelles, et notez-les.", "dim")])
    for items in groups.values():
        kind = _safe(items[0].kind_label)
        if len(items) == 1:
            out.append([(f"  {kind} : ", "dim"), _detail(items[0])])
        else:
            out.append([(f"  {kind}", "dim")])
            out.extend([("    · ", "dim"), _detail(item)] for item in items)
    return out


def _detail(item: DetailItem) -> Segment:
    text = _safe(item.text)
    return (text, "") if item.still_true else (f"{text} (plus d'actualité)", "stale")


def _interactions(card: ContactCard, today: dt.date) -> list[Line]:
    shown = card.interactions[:BRIEF_INTERACTIONS]
    count = f" ({len(shown)} sur {card.interaction_count})" if card.interaction_count > 3 else ""
    out = _heading(f"Derniers échanges{count}")
    if not shown:
        out.append([("  Aucun échange noté.", "dim")])
    for item in shown:
        head = f"  {_when(item.happened_on, today)} · {_safe(item.channel_label)}"
        if item.duration_minutes:
            head += f" · {item.duration_minutes} min"
        out.append([(head, "")])
        if item.notes:
            out.append([("    ", ""), (_safe(item.notes), "")])
        if item.with_others:
            others = ", ".join(_safe(p.name) for p in item.with_others)
            out.append([("    avec ", "dim"), (others, "dim")])
    return out


def _follow_ups(card: ContactCard, today: dt.date) -> list[Line]:
    out = _heading("Relances ouvertes")
    if not card.follow_ups:
        out.append([("  Aucune.", "dim")])
    for follow in card.follow_ups[:BRIEF_LIST]:
        when = f"  {format_date(follow.due_on, today)} · "
        relative = format_relative(follow.due_on, today)
        if follow.overdue:
            line: Line = [(when, "alert"), (f"EN RETARD ({relative})", "alert")]
        else:
            line = [(when + relative, "")]
        reason = _safe(follow.reason)
        if reason:
            line += [(" — ", "dim"), (reason, "")]
        out.append(line)
    out.extend(_and_more(len(card.follow_ups), "relance", "relances"))
    return out


def _opportunities(card: ContactCard, today: dt.date) -> list[Line]:
    out = _heading("Opportunités")
    if not card.opportunities:
        out.append([("  Aucune.", "dim")])
    # In progress first, then the closed ones; each group most recent first (as loaded).
    opportunities = sorted(card.opportunities, key=lambda o: o.stage not in _OPEN_STAGES)
    for opportunity in opportunities[:BRIEF_LIST]:
        parts = [_safe(opportunity.title), _safe(opportunity.stage_label)]
        if opportunity.value_eur is not None:
            parts.append(_euros(opportunity.value_eur))
        parts.append(f"depuis le {format_date(opportunity.opened_on, today)}")
        out.append([("  ", ""), (" · ".join(parts), "")])
    out.extend(_and_more(len(opportunities), "opportunité", "opportunités"))
    return out


def _balance(card: ContactCard, today: dt.date) -> list[Line]:
    out = _heading("Donnant-donnant")
    received, given = card.recommendations_received, card.services_given
    if card.balance > 0:
        verdict = ("à vous de lui rendre service", "alert")
    elif card.balance < 0:
        verdict = ("vous avez plus donné que reçu", "")
    else:
        verdict = ("équilibré", "")
    counts = (
        f"  {_plural(card.received_count, 'recommandation reçue', 'recommandations reçues')}"
        f" · {_plural(card.given_count, 'service rendu', 'services rendus')} → "
    )
    out.append([(counts, ""), verdict])
    if received:
        last = received[0]
        line = [("  Dernière recommandation reçue : ", "dim"), (format_date(last.on, today), "")]
        if last.text:
            line.append((f" — {_safe(last.text)}", ""))
        out.append(line)
    if given:
        last = given[0]
        what = " — ".join(p for p in (_safe(last.label), _safe(last.text)) if p)
        line = [("  Dernier service rendu : ", "dim"), (format_date(last.on, today), "")]
        if what:
            line.append((f" — {what}", ""))
        out.append(line)
    return out


def _and_more(total: int, one: str, many: str) -> list[Line]:
    if total <= BRIEF_LIST:
        return []
    more = _plural(total - BRIEF_LIST, one, many)
    return [[(f"  … et {more} de plus (voir l'application)", "dim")]]
