"""How a stored phone number (E.164) is shown: ``06 12 34 56 78`` for France.

Apart from :mod:`tui_reseau.domain.validation` (which parses what the user types) so that
showing a card — ``reseau brief`` before a meeting, the TUI's card — does not load the
validators and their patterns.
"""

from __future__ import annotations


def format_phone(e164: str | None) -> str:
    """Display form of a stored number: ``06 12 34 56 78`` for France, else ``+32 2 …``.

    ``None`` or ``""`` give ``""``; a value that is not E.164 is returned unchanged.
    """
    if not e164:
        return ""
    if len(e164) == 12 and e164.startswith("+33") and e164[3:].isdigit() and e164[3] != "8":
        # French number (08 special numbers aside) formatted by hand: it spares loading the
        # library's metadata (~20 ms) for every card shown; a test compares with the library.
        national = "0" + e164[3:]
        return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
