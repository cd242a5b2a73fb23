"""Checks and normalisation of what the user types in forms: phones, e-mails, LinkedIn, texts…

Every function takes the raw text of a field and returns the value to store, or raises
:class:`ValidationError` carrying the field key and a French message that says what is wrong
*and* how to fix it (the UI shows it as is, next to the field).

Conventions:

* blank input (``None``, ``""``, spaces only) means "no value": optional fields return ``None``
  (or an empty tuple for tags), :func:`require_text` refuses it;
* phones are stored in E.164 (``"+33612345678"``) and shown with :func:`tui_reseau.domain.phones.format_phone`;
* e-mails are checked for syntax only (``check_deliverability=False``: no DNS lookup);
* LinkedIn profiles are stored as ``"https://www.linkedin.com/in/<identifiant>"``;
* amounts and durations are :class:`~decimal.Decimal` (never ``float``).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # imported when first used: both libraries cost ~20 ms each at start-up
    import phonenumbers

__all__ = [
    "MAX_EUROS",
    "MAX_HOURS",
    "NOTES_MAX_LENGTH",
    "TAG_MAX_LENGTH",
    "ValidationError",
    "clean_text",
    "normalise_email",
    "normalise_linkedin",
    "normalise_phone",
    "parse_euros",
    "parse_hours",
    "parse_tags",
    "require_text",
]

TAG_MAX_LENGTH = 40
"""Longest accepted tag, in characters."""

NOTES_MAX_LENGTH = 100_000
"""Longest free-text notes (a contact's, a meeting's, an event's…): a long e-mail thread pasted
whole fits; names and other one-line fields have their own, shorter limits."""

MAX_EUROS = Decimal("999999999999.99")
"""Largest accepted amount (just under a thousand billion euros): anything above is a typo."""

MAX_HOURS = Decimal(9999)
"""Largest accepted duration, in hours."""

_QUOTE_MAX = 40  # user text longer than this is shortened when quoted back in a message


class ValidationError(ValueError):
    """A field value that cannot be accepted.

    ``field`` is the field key (``"phone"``, ``"email"``…) so the UI can put the message next to
    the right input; ``message`` is the French explanation, also returned by ``str(err)``.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ValidationError(field={self.field!r}, message={self.message!r})"


def _quote(text: str) -> str:
    """The user's text between French quotes, shortened if long, invisible characters shown."""
    shown = "".join(
        f"U+{ord(ch):04X}" if _is_forbidden_char(ch, multiline=False) else ch for ch in text
    )
    if len(shown) > _QUOTE_MAX:
        shown = shown[: _QUOTE_MAX - 1] + "…"
    return f"« {shown} »"


# --------------------------------------------------------------------------- control characters

_BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


def _is_forbidden_char(ch: str, *, multiline: bool) -> bool:
    """True for C0/C1 control characters and bidi overrides/isolates.

    Tab and line feed are allowed when ``multiline`` is true (notes).
    """
    code = ord(ch)
    if multiline and ch in "\t\n":
        return False
    return code < 0x20 or 0x7F <= code <= 0x9F or code in _BIDI_CONTROLS


def _check_storable(text: str, field: str, label: str) -> None:
    """Refuse the one character no database keeps in text: NUL (PostgreSQL refuses it, SQLite's
    text functions stop at it). Every other character is stored as given: the display makes
    control characters and bidi overrides visible and harmless (see ``display.safe_text``)."""
    position = text.find("\x00")
    if position >= 0:
        raise ValidationError(
            field,
            f"« {label} » contient un caractère nul (U+0000, position {position + 1}), "
            "qu'aucune base de données ne garde dans un texte. Supprimez-le, ou corrigez le "
            "fichier d'origine.",
        )


# --------------------------------------------------------------------------------------- texts


def _prepare_text(
    value: str | None, field: str, label: str, max_length: int, multiline: bool
) -> str:
    """Stripped text, checked for length ("" if blank).

    The text is kept as given, code point for code point (an "é" typed as "e" + combining
    accent stays so, and so do markup, escape sequences or bidi controls, which every display
    neutralises): only surrounding spaces go, and Windows line breaks when ``multiline``.
    The length is counted in code points, as the database column holds them.
    """
    if value is None:
        return ""
    text = value
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.strip()
    if not text:
        return ""
    _check_storable(text, field, label)
    if len(text) > max_length:
        raise ValidationError(
            field,
            f"« {label} » est trop long : {len(text)} caractères pour {max_length} au maximum. "
            f"Raccourcissez-le d'au moins {len(text) - max_length} caractère(s).",
        )
    return text


def require_text(
    value: str | None,
    field: str,
    label: str,
    max_length: int = 200,
    *,
    multiline: bool = False,
) -> str:
    """Check a mandatory text field and return it stripped.

    Raises :class:`ValidationError` if it is blank, longer than ``max_length`` characters or
    holds a NUL character. Any other character is kept; in a ``multiline`` field (notes),
    Windows ``\\r\\n`` line breaks are turned into ``\\n``.
    """
    text = _prepare_text(value, field, label, max_length, multiline)
    if not text:
        raise ValidationError(
            field, f"« {label} » est obligatoire : saisissez une valeur avant d'enregistrer."
        )
    return text


def clean_text(
    value: str | None,
    field: str,
    label: str,
    max_length: int = 200,
    *,
    multiline: bool = False,
) -> str | None:
    """Like :func:`require_text` for an optional field: blank gives ``None``."""
    text = _prepare_text(value, field, label, max_length, multiline)
    return text or None


# --------------------------------------------------------------------------------------- phones

_PHONE_EXAMPLE = "Exemple attendu : 06 12 34 56 78 ou +33 6 12 34 56 78."
# Separators people put in phone numbers: spaces (incl. non-breaking), dots, dashes, slashes,
# parentheses. Anything else that is not a digit or a leading "+" is refused.
_PHONE_SEPARATORS = frozenset(" \t\u00a0\u202f\u2009.-/()\u2010\u2011\u2012\u2013\u2014\u2212")
_TEL_PREFIX = re.compile(r"^tel\s*:\s*", re.IGNORECASE)


def _phone_error(text: str, reason: str) -> ValidationError:
    return ValidationError(
        "phone", f"Numéro de téléphone invalide : {_quote(text)} {reason}. {_PHONE_EXAMPLE}"
    )


# Blocks ARCEP reserves for films, books and demonstrations (never assigned to anyone): the
# library calls them unassigned, but they are real French numbers, used by the demo network.
_FICTION_PREFIXES = ("19900", "26191", "35301", "46571", "53649", "63998", "99535")


def _is_fiction_number(number: phonenumbers.PhoneNumber) -> bool:
    national = str(number.national_number)
    return (
        number.country_code == 33 and len(national) == 9 and national.startswith(_FICTION_PREFIXES)
    )


def normalise_phone(text: str | None) -> str | None:
    """Return the phone number in E.164 (``"+33612345678"``), or ``None`` if blank.

    French numbers are read in any usual writing (``06 12 34 56 78``, ``06.12.34.56.78``,
    ``+33 (0)6 12 34 56 78``, ``0033 6…``); foreign numbers need their ``+`` or ``00`` prefix
    and must be valid for their country. A leading ``tel:`` (copied from a link) is ignored.
    """
    if text is None or not text.strip():
        return None
    raw = text.strip()
    body = _TEL_PREFIX.sub("", raw)

    for position, ch in enumerate(body):
        if "0" <= ch <= "9" or ch in _PHONE_SEPARATORS:
            continue
        if ch == "+" and not body[:position].strip(" \u00a0"):
            continue
        if ch.isalpha():
            raise _phone_error(raw, "contient des lettres : saisissez uniquement des chiffres")
        shown = f"U+{ord(ch):04X}" if _is_forbidden_char(ch, multiline=False) else ch
        raise _phone_error(
            raw,
            f"contient le caractère « {shown} », qui n'a pas sa place dans un numéro "
            "(seuls les chiffres, espaces, points et tirets sont acceptés)",
        )

    digits = "".join(ch for ch in body if "0" <= ch <= "9")
    international = body.lstrip().startswith("+") or digits.startswith("00")
    if not digits:
        raise _phone_error(raw, "ne contient aucun chiffre")

    import phonenumbers

    try:
        number = phonenumbers.parse(body, "FR")
    except phonenumbers.NumberParseException as exc:
        if exc.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            raise _phone_error(
                raw,
                "commence par un indicatif de pays inconnu : vérifiez-le "
                "(+33 pour la France, +32 pour la Belgique)",
            ) from None
        if exc.error_type == phonenumbers.NumberParseException.TOO_LONG:
            raise _phone_error(raw, "est trop long") from None
        if exc.error_type in (
            phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD,
            phonenumbers.NumberParseException.TOO_SHORT_NSN,
        ):
            raise _phone_error(raw, "est trop court") from None
        raise _phone_error(raw, "n'est pas un numéro de téléphone") from None

    if number.extension is None and (
        phonenumbers.is_valid_number(number) or _is_fiction_number(number)
    ):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    if not international:
        # Written the French way: exactly ten digits expected (0 + nine).
        if len(digits) < 10:
            raise _phone_error(raw, "est trop court (un numéro français a 10 chiffres)")
        if len(digits) > 10:
            raise _phone_error(raw, "est trop long (un numéro français a 10 chiffres)")
        raise _phone_error(raw, "n'est pas un numéro français attribué : vérifiez les chiffres")

    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason in (
        phonenumbers.ValidationResult.TOO_SHORT,
        phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
    ):
        raise _phone_error(raw, "est trop court")
    if reason == phonenumbers.ValidationResult.TOO_LONG:
        raise _phone_error(raw, "est trop long")
    if reason == phonenumbers.ValidationResult.INVALID_COUNTRY_CODE:
        raise _phone_error(
            raw,
            "commence par un indicatif de pays inconnu : vérifiez-le "
            "(+33 pour la France, +32 pour la Belgique)",
        )
    raise _phone_error(
        raw, "n'est pas un numéro valide pour ce pays : vérifiez l'indicatif et les chiffres"
    )


# --------------------------------------------------------------------------------------- e-mail

_EMAIL_EXAMPLE = "Exemple attendu : jean.dupont@entreprise.fr."
_MAILTO_PREFIX = re.compile(r"^mailto:", re.IGNORECASE)

# English messages of email_validator → French reason (first match wins).
_EMAIL_REASONS: tuple[tuple[str, str], ...] = (
    ("special-use or reserved", "utilise un domaine réservé qui ne reçoit pas de courriel"),
    ("two periods in a row", "contient deux points à la suite : retirez-en un"),
    ("start with a period", "ne peut pas commencer par un point"),
    ("end with a period", "ne peut pas finir par un point"),
    ("period immediately", "ne peut pas avoir un point juste avant ou après le « @ »"),
    ("hyphen", "a un domaine qui commence ou finit par un tiret"),
    ("too long", "est trop longue : vérifiez qu'il n'y a pas eu de collage en trop"),
    ("top-level domain", "a une extension de domaine invalide (la partie après le dernier point)"),
    ("should have a period", "a un domaine sans point : il manque l'extension, comme .fr ou .com"),
    ("bracketed ip", "utilise une adresse IP au lieu d'un nom de domaine"),
    ("quoting", "contient des guillemets, qui ne sont pas acceptés"),
)
_EMAIL_INVALID_CHARS = re.compile(r"invalid characters[^:]*:\s*(.+?)\.?$", re.IGNORECASE)


def _email_error(text: str, reason: str) -> ValidationError:
    return ValidationError(
        "email", f"Adresse e-mail invalide : {_quote(text)} {reason}. {_EMAIL_EXAMPLE}"
    )


def normalise_email(text: str | None) -> str | None:
    """Return the checked, normalised e-mail address (domain in lower case), or ``None`` if blank.

    Only the syntax is checked (no DNS). A leading ``mailto:`` is ignored.
    """
    if text is None or not text.strip():
        return None
    raw = text.strip()
    address = _MAILTO_PREFIX.sub("", raw)

    if any(ch.isspace() for ch in address):
        raise _email_error(raw, "contient une espace : retirez-la")
    at_count = address.count("@")
    if at_count == 0:
        raise _email_error(raw, "n'a pas de « @ » entre le nom et le domaine")
    if at_count > 1:
        raise _email_error(raw, "contient plusieurs « @ » : une adresse n'en a qu'un")
    local, _, domain = address.partition("@")
    if not local:
        raise _email_error(raw, "n'a rien avant le « @ »")
    if not domain:
        raise _email_error(raw, "n'a pas de domaine après le « @ »")

    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(address, check_deliverability=False)
    except (EmailNotValidError, ValueError, UnicodeError) as exc:
        english = str(exc)
        lowered = english.lower()
        for needle, reason in _EMAIL_REASONS:
            if needle in lowered:
                raise _email_error(raw, reason) from None
        found = _EMAIL_INVALID_CHARS.search(english)
        if found:
            raise _email_error(
                raw, f"contient des caractères non autorisés ({found.group(1)})"
            ) from None
        raise _email_error(raw, "n'est pas une adresse valide : vérifiez son orthographe") from None
    return result.normalized


# ------------------------------------------------------------------------------------- LinkedIn

_LINKEDIN_EXAMPLE = (
    "Copiez l'adresse du profil, par exemple https://www.linkedin.com/in/jean-dupont, "
    "ou seulement l'identifiant jean-dupont."
)
# LinkedIn public identifiers: letters (accented ones included, or percent-encoded), digits,
# hyphens and underscores; 3 to 100 characters.
_LINKEDIN_SLUG = re.compile(r"^(?:[^\W_]|[-_]|%[0-9A-Fa-f]{2})+$")
_LINKEDIN_SLUG_MIN, _LINKEDIN_SLUG_MAX = 3, 100
_LINKEDIN_HOST = re.compile(r"^(?:[a-z]{2,3}\.)?linkedin\.com$")


def _linkedin_error(text: str, reason: str) -> ValidationError:
    return ValidationError(
        "linkedin", f"Profil LinkedIn invalide : {_quote(text)} {reason}. {_LINKEDIN_EXAMPLE}"
    )


def _check_slug(slug: str, raw: str) -> str:
    if not _LINKEDIN_SLUG.match(slug):
        raise _linkedin_error(
            raw, "contient des caractères qui ne peuvent pas figurer dans un identifiant LinkedIn"
        )
    if not _LINKEDIN_SLUG_MIN <= len(slug) <= _LINKEDIN_SLUG_MAX:
        raise _linkedin_error(
            raw,
            f"a un identifiant de longueur impossible (entre {_LINKEDIN_SLUG_MIN} et "
            f"{_LINKEDIN_SLUG_MAX} caractères)",
        )
    return slug


def normalise_linkedin(text: str | None) -> str | None:
    """Return the canonical profile URL ``https://www.linkedin.com/in/<identifiant>``.

    Accepts a full or partial profile address (any ``xx.linkedin.com`` host, ``http`` or
    ``https`` or no scheme, query string, fragment and trailing slash dropped, as are sub-pages
    such as ``/details/experience``) or the bare identifier (``jean-dupont``). The identifier is
    kept as typed. ``None`` if blank.
    """
    if text is None or not text.strip():
        return None
    raw = text.strip()
    if any(ch.isspace() for ch in raw):
        raise _linkedin_error(raw, "contient une espace")

    if "/" not in raw and "." not in raw:
        return "https://www.linkedin.com/in/" + _check_slug(raw, raw)

    candidate = raw if re.match(r"^https?://", raw, re.IGNORECASE) else "https://" + raw
    try:
        parts = urlsplit(candidate)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        raise _linkedin_error(raw, "n'est pas une adresse web lisible") from None
    if not _LINKEDIN_HOST.match(host) or port is not None or parts.username is not None:
        raise _linkedin_error(raw, "n'est pas une adresse linkedin.com")
    segments = [segment for segment in parts.path.split("/") if segment]
    if len(segments) < 2 or segments[0].lower() != "in":
        raise _linkedin_error(
            raw, "n'est pas l'adresse d'un profil personnel (elle doit contenir « /in/ »)"
        )
    return "https://www.linkedin.com/in/" + _check_slug(segments[1], raw)


# ----------------------------------------------------------------------------------------- tags

_TAG_SPLIT = re.compile(r"[,;\s]+")


def parse_tags(text: str | None) -> tuple[str, ...]:
    """Split free text into tags: ``"client, BNI ; prescripteur  #vip"`` → 4 tags.

    Separators are commas, semicolons and spaces; leading ``#`` are dropped, tags are put in
    lower case, duplicates removed (first occurrence kept). Each tag has at most
    :data:`TAG_MAX_LENGTH` characters.
    """
    if text is None or not text.strip():
        return ()
    normalised = unicodedata.normalize("NFC", text)
    tags: list[str] = []
    for piece in _TAG_SPLIT.split(normalised):
        tag = piece.lstrip("#").lower()
        if not tag:
            continue
        if any(_is_forbidden_char(ch, multiline=False) for ch in tag):
            raise ValidationError(
                "tags",
                f"L'étiquette {_quote(tag)} contient un caractère invisible non autorisé. "
                "Retapez-la au lieu de la coller.",
            )
        if len(tag) > TAG_MAX_LENGTH:
            raise ValidationError(
                "tags",
                f"L'étiquette {_quote(tag)} est trop longue ({len(tag)} caractères pour "
                f"{TAG_MAX_LENGTH} au maximum). Raccourcissez-la ; séparez plusieurs étiquettes "
                "par des virgules.",
            )
        if tag not in tags:
            tags.append(tag)
    return tuple(tags)


# -------------------------------------------------------------------------------------- numbers


def _tidy(value: Decimal) -> Decimal:
    """Round to the hundredth (half up) without useless zeros: ``1.50`` → ``1.5``, ``2.00`` → ``2``.

    The result is never in exponent form (``Decimal("12000")``, not ``1.2E+4``).
    """
    for step in (Decimal(1), Decimal("0.1")):
        if value == value.quantize(step, rounding=ROUND_HALF_UP):
            return value.quantize(step)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


_EUROS_EXAMPLE = "Exemples acceptés : 12 000, 12 000,50 €, 12000,50, 1,5 k€ ou 15k."
_SPACES = "[ \u00a0\u202f\u2009]"
_CURRENCY = re.compile(r"^(?:euros?|eur|€)\s*|\s*(?:euros?|eur|€)$", re.IGNORECASE)
_MULTIPLIER = re.compile(r"^(?P<number>.*?)\s*(?P<unit>[kKmM])$")
# Digits, optionally with a decimal part of one or two digits.
_PLAIN_NUMBER = re.compile(r"^(?P<int>[0-9]+)(?:[.,](?P<dec>[0-9]{1,2}))?$")
# Thousands in groups of three, the same separator throughout, then an optional decimal part
# with the other mark: "12 000", "12.000,50", "1,234,567.89", "12'000".
_GROUPED_NUMBER = re.compile(
    rf"^(?P<int>[1-9][0-9]{{0,2}}(?P<sep>{_SPACES}|[.,'’])[0-9]{{3}}(?:(?P=sep)[0-9]{{3}})*)"
    r"(?:(?P<mark>[.,])(?P<dec>[0-9]{1,2}))?$"
)
# Before "k" or "M" a comma or a dot is always the decimal mark: "1,5 k€", "2.25M".
_SCALED_NUMBER = re.compile(
    rf"^(?P<int>[0-9]+|[1-9][0-9]{{0,2}}(?:{_SPACES}[0-9]{{3}})+)(?:[.,](?P<dec>[0-9]+))?$"
)


def parse_euros(text: str | None) -> Decimal | None:
    """Read an amount in euros: ``"12 000 €"``, ``"12.000,50"``, ``"1,5 k€"``, ``"15k"``…

    A separator followed by exactly three digits groups thousands (``12.000`` and ``12,000`` are
    twelve thousand); followed by one or two digits it is the decimal mark. After ``k`` (×1 000)
    or ``M`` (×1 000 000) the comma or dot is always the decimal mark. Result rounded to the cent.
    ``None`` if blank; negative or unreadable amounts raise :class:`ValidationError`.
    """
    if text is None or not text.strip():
        return None
    raw = text.strip()
    body = _CURRENCY.sub("", raw).strip()
    if body[:1] in ("-", "−", "\u2013"):
        raise ValidationError(
            "value",
            f"Montant invalide : {_quote(raw)} est négatif. Saisissez un montant positif ou nul. "
            f"{_EUROS_EXAMPLE}",
        )
    body = body.lstrip("+").strip()

    multiplier = Decimal(1)
    scaled = _MULTIPLIER.match(body)
    amount: Decimal | None = None
    if scaled:
        multiplier = Decimal(1000) if scaled["unit"] in "kK" else Decimal(1_000_000)
        found = _SCALED_NUMBER.match(scaled["number"])
        if found:
            amount = _decimal(found["int"], found["dec"])
    else:
        found = _PLAIN_NUMBER.match(body) or _GROUPED_NUMBER.match(body)
        groups = found.groupdict() if found else {}
        # "12.000.50": the decimal mark cannot be the thousands separator.
        if found and (groups.get("mark") is None or groups["mark"] != groups["sep"]):
            amount = _decimal(found["int"], found["dec"])
    if amount is None:
        raise ValidationError(
            "value",
            f"Montant illisible : {_quote(raw)}. Écrivez un nombre d'euros, avec une virgule "
            f"pour les centimes. {_EUROS_EXAMPLE}",
        )
    amount *= multiplier
    if amount > MAX_EUROS:
        raise ValidationError(
            "value",
            f"Montant trop élevé : {_quote(raw)}. Vérifiez le nombre de zéros. {_EUROS_EXAMPLE}",
        )
    return _tidy(amount)


def _decimal(integer: str, decimals: str | None) -> Decimal:
    digits = re.sub(r"[^0-9]", "", integer)
    return Decimal(f"{digits}.{decimals}" if decimals else digits)


_HOURS_EXAMPLE = "Exemples acceptés : 2, 1,5, 2h, 1h30, 0h45, 45 min."
_HOUR_WORD = r"(?:heures?|hrs?|h)"
_MINUTE_WORD = r"(?:min|mins|mn|minutes?)"
_HOURS_DECIMAL = re.compile(rf"^(?P<h>[0-9]+)(?:[.,](?P<dec>[0-9]+))?\s*(?:{_HOUR_WORD})?$")
_HOURS_AND_MINUTES = re.compile(
    rf"^(?P<h>[0-9]+)\s*{_HOUR_WORD}\s*(?P<m>[0-9]{{1,2}})\s*(?:{_MINUTE_WORD}|m)?$"
)
_HOURS_CLOCK = re.compile(r"^(?P<h>[0-9]+):(?P<m>[0-9]{2})$")
_MINUTES_ONLY = re.compile(rf"^(?P<m>[0-9]+)\s*{_MINUTE_WORD}$")


def parse_hours(text: str | None) -> Decimal | None:
    """Read a duration and return it in hours: ``"1h30"`` → 1.5, ``"45 min"`` → 0.75.

    Accepts decimal hours (``2``, ``1,5``, ``2h``, ``2 heures``), hours and minutes (``1h30``,
    ``0h45``, ``1:30``) and minutes (``45 min``, ``90 mn``). Rounded to the hundredth of an hour
    (``20 min`` → 0.33). ``None`` if blank.
    """
    if text is None or not text.strip():
        return None
    raw = text.strip()
    body = " ".join(raw.lower().split())
    if body[:1] in ("-", "−", "\u2013"):
        raise ValidationError(
            "hours",
            f"Durée invalide : {_quote(raw)} est négative. Saisissez une durée positive. "
            f"{_HOURS_EXAMPLE}",
        )

    hours: Decimal | None = None
    minutes = Decimal(0)
    clock = False  # "1h30", "1:30": the minutes must be below 60
    if found := _HOURS_DECIMAL.match(body):
        hours = _decimal(found["h"], found["dec"])
    elif found := _HOURS_AND_MINUTES.match(body) or _HOURS_CLOCK.match(body):
        hours, minutes, clock = Decimal(found["h"]), Decimal(found["m"]), True
    elif found := _MINUTES_ONLY.match(body):
        hours, minutes = Decimal(0), Decimal(found["m"])
    if hours is None:
        raise ValidationError(
            "hours",
            f"Durée illisible : {_quote(raw)}. Écrivez un nombre d'heures ou de minutes. "
            f"{_HOURS_EXAMPLE}",
        )
    if clock and minutes >= 60:
        raise ValidationError(
            "hours",
            f"Durée invalide : {_quote(raw)} compte {minutes} minutes, or une heure n'en a "
            f"que 60. Écrivez par exemple {int(hours) + 1}h{int(minutes) - 60:02d}.",
        )
    hours += minutes / 60
    if hours > MAX_HOURS:
        raise ValidationError(
            "hours",
            f"Durée trop longue : {_quote(raw)} dépasse {MAX_HOURS} heures. Vérifiez la saisie. "
            f"{_HOURS_EXAMPLE}",
        )
    return _tidy(hours)
