"""Text made safe and fitted for a terminal cell grid (shared by the TUI and the CLI).

Names and notes can hold anything, imported from anywhere: escape sequences, other control
characters and bidirectional overrides are shown as visible symbols, never sent to the terminal.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_NEWLINES = re.compile(r"[\t\r\n]+")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL…
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def safe_text(text: str, *, single_line: bool = False) -> str:
    """``text`` with control and bidi-override characters made visible and harmless."""
    if single_line:
        text = _NEWLINES.sub(" ", text)
    return _UNSAFE.sub(_picture, text)


def cell_fit(text: str, width: int, *, right: bool = False) -> str:
    """``text`` on one line, cut with « … » or padded to exactly ``width`` terminal cells."""
    if width <= 0:
        return ""
    text = safe_text(text, single_line=True)
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…"
    padding = " " * (width - length)
    return padding + text if right else text + padding


def days_label(days: int | None) -> str:
    """How long ago, in a few cells: « auj. », « 12 j », « 5 mois », « — » (never)."""
    if days is None:
        return "—"
    if days <= 0:
        return "auj."
    if days < 100:
        return f"{days} j"
    if days < 730:
        return f"{days // 30} mois"
    return f"{days // 365} ans"
