"""A small, strict reader of French dates, for follow-ups and meeting dates.

:func:`parse_date` understands what people type in a "date" field ("demain", "vendredi",
"lundi prochain", "+3j", "dans 2 semaines", "fin du mois", "15/12", "1er mars 2027"…) relative to
a given ``today``, and refuses everything else with a :class:`DateParseError` that lists examples:
it never guesses. Case, accents and surrounding spaces do not matter.

A time typed after a recognised date ("vendredi 14h", "15/12 à 14h30", "demain 9:00") is accepted
and ignored: only the date is kept.

:func:`format_date` and :func:`format_relative` give the display forms.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

__all__ = [
    "EXAMPLES",
    "RELATIVE_MAX_WIDTH",
    "DateParseError",
    "format_date",
    "format_relative",
    "parse_date",
]

EXAMPLES: tuple[str, ...] = (
    "aujourd'hui",
    "demain",
    "après-demain",
    "hier",
    "avant-hier",
    "vendredi",
    "lundi prochain",
    "mardi dernier",
    "+3j",
    "+2 sem",
    "+1 mois",
    "-1 an",
    "dans 3 jours",
    "dans un mois",
    "il y a 2 semaines",
    "semaine prochaine",
    "fin de semaine",
    "mois prochain",
    "début du mois prochain",
    "fin du mois",
    "15/12",
    "15/12/2026",
    "15.12.26",
    "2026-12-15",
    "15 décembre",
    "1er mars 2027",
    "vendredi 14h",
)
"""The kinds of phrases :func:`parse_date` accepts, for help texts."""

_SHORT_EXAMPLES = (
    "demain, vendredi, lundi prochain, +3j, dans 2 semaines, fin du mois, 15/12, "
    "15/12/2026 ou 15 décembre"
)

RELATIVE_MAX_WIDTH = 14
"""Longest string :func:`format_relative` returns ("il y a 11 mois")."""

MONTH_NAMES: tuple[str, ...] = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


class DateParseError(ValueError):
    """A date that could not be read.

    ``problem`` says in French what was not understood and how to fix it; ``message`` (also
    ``str(err)``) is that sentence followed by examples of accepted phrases. ``text`` is what the
    user typed.
    """

    def __init__(self, problem: str, text: str = "") -> None:
        message = f"{problem} Exemples acceptés : {_SHORT_EXAMPLES}."
        super().__init__(message)
        self.problem = problem
        self.message = message
        self.text = text

    def __str__(self) -> str:
        return self.message


def _quote(text: str) -> str:
    shown = "".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in text.strip())
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return f"« {shown} »"


def _not_understood(text: str) -> DateParseError:
    if not text.strip():
        return DateParseError("Aucune date saisie : écrivez une date.", text)
    return DateParseError(
        f"Date non comprise : {_quote(text)}. Reformulez-la sur le modèle des exemples.", text
    )


def _impossible(text: str, reason: str) -> DateParseError:
    return DateParseError(
        f"Date impossible : {_quote(text)} — {reason}. Corrigez le jour ou le mois.",
        text,
    )


# ------------------------------------------------------------------------------ vocabulary


def _fold(text: str) -> str:
    """Lower case, no accents, typographic apostrophes and dashes made plain, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    plain = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    plain = re.sub("[\u2018\u2019\u02bc`´]", "'", plain)
    plain = re.sub("[\u2010-\u2015\u2212]", "-", plain)
    return " ".join(plain.split())


_WEEKDAYS: dict[str, int] = {}
for _index, _name in enumerate(_WEEKDAY_NAMES):
    _WEEKDAYS[_fold(_name)] = _index
    _WEEKDAYS[_fold(_name)[:3]] = _index  # lun, mar, mer, jeu, ven, sam, dim

_MONTHS: dict[str, int] = {_fold(name): number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update(
    {
        "jan": 1,
        "janv": 1,
        "fev": 2,
        "fevr": 2,
        "mar": 3,
        "avr": 4,
        "juil": 7,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)

_NUMBER_WORDS: dict[str, int] = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
}

# unit word → (days, months)
_UNITS: dict[str, tuple[int, int]] = {}
for _words, _step in (
    (("j", "jr", "jrs", "jour", "jours"), (1, 0)),
    (("s", "sem", "sem.", "semaine", "semaines"), (7, 0)),
    (("m", "mois"), (0, 1)),
    (("a", "an", "ans", "annee", "annees"), (0, 12)),
):
    for _word in _words:
        _UNITS[_word] = _step

_KEYWORDS: dict[str, int] = {
    "aujourd'hui": 0,
    "aujourdhui": 0,
    "auj": 0,
    "auj.": 0,
    "demain": 1,
    "apres-demain": 2,
    "apres demain": 2,
    "hier": -1,
    "avant-hier": -2,
    "avant hier": -2,
}


class _Pattern:
    """A regular expression compiled at its first use: ``reseau brief`` formats dates and never
    parses one, and compiling these at import cost it about a millisecond."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled.match(text)


def _month_days(year: int, month: int) -> tuple[int, int]:
    import calendar  # only parsing needs it

    return calendar.monthrange(year, month)


_A = re.ASCII
_NUM = r"[0-9]{1,4}"
_UNIT = r"[a-z]+\.?"
_SIGNED = _Pattern(rf"^(?P<sign>[+-]) ?(?P<n>{_NUM}) ?(?P<unit>{_UNIT})$", _A)
_IN = _Pattern(rf"^dans (?P<n>{_NUM}|[a-z]+) (?P<unit>{_UNIT})$", _A)
_AGO = _Pattern(rf"^il y a (?P<n>{_NUM}|[a-z]+) (?P<unit>{_UNIT})$", _A)
_WEEKDAY = _Pattern(r"^(?:ce )?(?P<day>[a-z]+)\.?(?: (?P<which>prochain|dernier))?$", _A)
_NUMERIC = _Pattern(
    r"^(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?:(?P=sep)(?P<y>[0-9]{4}|[0-9]{2}))?$", _A
)
_ISO = _Pattern(r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})$", _A)
_WORDS = _Pattern(
    r"^(?P<d>[0-9]{1,2}|1er|premier) (?P<month>[a-z]+)\.?(?: (?P<y>[0-9]{4}|[0-9]{2}))?$", _A
)
# A time after the date: "14h", "14 h 30", "14h30", "14:30", optionally after "à" or a comma.
_TRAILING_TIME = _Pattern(
    r"^(?P<date>.+?),?(?: (?:a|vers))? "
    r"(?P<h>[0-9]{1,2}) ?(?:h ?(?P<m>[0-9]{2})?|:(?P<m2>[0-9]{2}))$",
    _A,
)

_SPECIAL_PHRASES: dict[str, str] = {
    "semaine prochaine": "next_monday",
    "la semaine prochaine": "next_monday",
    "debut de semaine prochaine": "next_monday",
    "debut de la semaine prochaine": "next_monday",
    "fin de semaine": "friday",
    "fin de la semaine": "friday",
    "en fin de semaine": "friday",
    "mois prochain": "next_month",
    "le mois prochain": "next_month",
    "debut du mois prochain": "next_month",
    "debut de mois prochain": "next_month",
    "fin du mois": "end_of_month",
    "fin de mois": "end_of_month",
    "en fin de mois": "end_of_month",
    "fin du mois prochain": "end_of_next_month",
}


# -------------------------------------------------------------------------------- arithmetic


def _add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` months, the day clamped to the month's length.

    31/01 + 1 month gives 28/02 (29/02 in a leap year).
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError("year out of range")
    return date(year, month, min(day.day, _month_days(year, month)[1]))


def _end_of_month(day: date) -> date:
    return day.replace(day=_month_days(day.year, day.month)[1])


def _shift(today: date, count: int, unit: str, text: str) -> date:
    step = _UNITS.get(unit)
    if step is None:
        raise _not_understood(text)
    days, months = step
    try:
        if months:
            return _add_months(today, count * months)
        return today + timedelta(days=count * days)
    except (OverflowError, ValueError):
        raise DateParseError(
            f"Date hors limites : {_quote(text)} tombe avant l'an 1 ou après l'an 9999. "
            "Vérifiez le nombre saisi.",
            text,
        ) from None


def _count(word: str, text: str) -> int:
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    raise _not_understood(text)


# ----------------------------------------------------------------------------------- parsing


def _check_day_month(day: int, month: int, year: int | None, text: str) -> None:
    """Raise a :class:`DateParseError` naming the problem if day/month (/year) cannot exist."""
    if month < 1 or month > 12:
        raise _impossible(text, f"il n'y a pas de mois {month} (les mois vont de 1 à 12)")
    name = MONTH_NAMES[month - 1]
    if year is not None and year < 1:
        raise _impossible(text, "l'année 0 n'existe pas")
    longest = _month_days(year if year is not None else 2000, month)[1]
    if day < 1:
        raise _impossible(text, f"le jour {day} n'existe pas (les jours commencent à 1)")
    if day > longest:
        if month == 2 and day == 29 and year is not None:
            raise _impossible(text, f"{year} n'est pas bissextile : février n'a que 28 jours")
        if month == 2 and year is None:
            raise _impossible(text, "février n'a que 28 jours (29 les années bissextiles)")
        raise _impossible(text, f"{name} n'a que {longest} jours")


def _full_year(text_year: str) -> int:
    """Two-digit years are in the 2000s ("26" → 2026)."""
    year = int(text_year)
    return 2000 + year if len(text_year) == 2 else year


def _resolve_day_month(
    day: int, month: int, year: int | None, today: date, future: bool, text: str
) -> date:
    """The date for day/month, and for a missing year the next (or last) occurrence from today."""
    _check_day_month(day, month, year, text)
    if year is not None:
        return date(year, month, day)
    direction = 1 if future else -1
    candidate_year = today.year
    for _ in range(9):  # 29/02 may need up to 8 years to come round again
        if _month_days(candidate_year, month)[1] >= day:
            candidate = date(candidate_year, month, day)
            if (candidate >= today) if future else (candidate <= today):
                return candidate
        candidate_year += direction
        if not 1 <= candidate_year <= 9999:
            break
    raise DateParseError(
        f"Date hors limites : {_quote(text)}. Précisez l'année, par exemple 15/12/2026.", text
    )


def _parse_absolute(text: str, folded: str, today: date, future: bool) -> date | None:
    """Numeric, ISO and "15 décembre [2026]" dates; ``None`` if ``folded`` is none of those."""
    if found := _ISO.match(folded):
        year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
        return _resolve_day_month(day, month, year, today, future, text)
    if found := _NUMERIC.match(folded):
        year = _full_year(found["y"]) if found["y"] else None
        return _resolve_day_month(int(found["d"]), int(found["m"]), year, today, future, text)
    if found := _WORDS.match(folded):
        month = _MONTHS.get(found["month"])
        if month is None:
            return None
        day = 1 if found["d"] in ("1er", "premier") else int(found["d"])
        year = _full_year(found["y"]) if found["y"] else None
        return _resolve_day_month(day, month, year, today, future, text)
    return None


def _next_weekday(today: date, weekday: int) -> date:
    """The first ``weekday`` strictly after ``today``."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _previous_weekday(today: date, weekday: int) -> date:
    """The last ``weekday`` strictly before ``today``."""
    return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


def _parse_special(phrase: str, today: date) -> date:
    if phrase == "next_monday":
        return _next_weekday(today, 0)
    if phrase == "friday":
        if today.weekday() <= 4:
            return today + timedelta(days=4 - today.weekday())
        return _next_weekday(today, 4)
    if phrase == "next_month":
        return _add_months(today.replace(day=1), 1)
    if phrase == "end_of_month":
        return _end_of_month(today)
    return _end_of_month(_add_months(today.replace(day=1), 1))  # end_of_next_month


def _parse_date_part(text: str, folded: str, today: date, future: bool) -> date | None:
    """The date ``folded`` names, or ``None`` if it is not a recognised phrase."""
    if folded in _KEYWORDS:
        return today + timedelta(days=_KEYWORDS[folded])
    if folded in _SPECIAL_PHRASES:
        return _parse_special(_SPECIAL_PHRASES[folded], today)

    if found := _SIGNED.match(folded):
        count = int(found["n"]) * (1 if found["sign"] == "+" else -1)
        return _shift(today, count, found["unit"], text)
    if found := _IN.match(folded):
        return _shift(today, _count(found["n"], text), found["unit"], text)
    if found := _AGO.match(folded):
        return _shift(today, -_count(found["n"], text), found["unit"], text)

    if (found := _WEEKDAY.match(folded)) and found["day"] in _WEEKDAYS:
        weekday = _WEEKDAYS[found["day"]]
        which = found["which"]
        if which == "prochain" or (which is None and future):
            return _next_weekday(today, weekday)
        return _previous_weekday(today, weekday)

    # An absolute date, possibly after "le" and/or a weekday: "le vendredi 15 décembre".
    rest = folded.removeprefix("le ")
    announced: int | None = None
    head, _, tail = rest.partition(" ")
    if tail and head.rstrip(".") in _WEEKDAYS:
        announced = _WEEKDAYS[head.rstrip(".")]
        rest = tail
    result = _parse_absolute(text, rest, today, future)
    if result is not None and announced is not None and result.weekday() != announced:
        raise DateParseError(
            f"Date incohérente : {_quote(text)} — le {format_date(result)} est un "
            f"{_WEEKDAY_NAMES[result.weekday()]}, pas un {_WEEKDAY_NAMES[announced]}. "
            "Corrigez le jour de la semaine ou la date.",
            text,
        )
    return result


def parse_date(text: str, today: date, *, future: bool = True) -> date:
    """Read a French date relative to ``today``.

    ``future`` decides the direction of phrases that do not say it: a bare weekday ("lundi") is
    the next one strictly after today (``future=True``) or the last one strictly before
    (``future=False``); a day and month without year ("15/12") is this year's, or next year's if
    already past (``future=True``) or last year's if still to come (``future=False``). Phrases that
    carry their direction ("lundi prochain", "mardi dernier", "+3j", "il y a 2 jours"…) ignore it.

    Moving by months or years clamps the day to the month's length (31/01 + 1 mois → 28/02 or
    29/02). Two-digit years are in the 2000s. A trailing time ("14h", "à 14h30", "14:30") after a
    recognised date is ignored. Anything else raises :class:`DateParseError`.
    """
    folded = _fold(text)
    if not folded:
        raise _not_understood(text)
    try:
        return _parse_text(text, folded, today, future)
    except OverflowError:
        raise DateParseError(
            f"Date hors limites : {_quote(text)} tombe avant l'an 1 ou après l'an 9999. "
            "Vérifiez la saisie.",
            text,
        ) from None


def _parse_text(text: str, folded: str, today: date, future: bool) -> date:
    """:func:`parse_date` on the folded text: the whole of it, or a date followed by a time."""
    result = _parse_date_part(text, folded, today, future)
    if result is not None:
        return result

    timed = _TRAILING_TIME.match(folded)
    if timed:
        hour = int(timed["h"])
        minute = int(timed["m"] or timed["m2"] or 0)
        result = _parse_date_part(text, timed["date"], today, future)
        if result is not None:
            if hour > 23 or minute > 59:
                raise DateParseError(
                    f"Heure impossible dans {_quote(text)} : écrivez l'heure entre 0h00 et 23h59 "
                    "(par exemple « vendredi 14h30 »), ou ne mettez que la date.",
                    text,
                )
            return result
    raise _not_understood(text)


# -------------------------------------------------------------------------------- formatting


def format_date(d: date | None, today: date | None = None) -> str:
    """Display form of a date: ``"15/12/2026"``; ``""`` for ``None``.

    When ``today`` is given and the date falls in the same year, the year is left out
    (``"15/12"``), which keeps table columns narrow.
    """
    if d is None:
        return ""
    if today is not None and d.year == today.year:
        return f"{d.day:02d}/{d.month:02d}"
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_relative(d: date, today: date) -> str:
    """Short relative form of ``d`` seen from ``today``, for a narrow column.

    ``"aujourd'hui"``, ``"demain"``, ``"hier"``, then ``"dans 3 j"`` / ``"il y a 5 j"`` up to
    13 days, ``"dans 3 sem."`` / ``"il y a 3 sem."`` up to 8 weeks, ``"dans 2 mois"`` /
    ``"il y a 2 mois"`` up to 11 months, ``"dans 1 an"`` / ``"il y a 3 ans"`` beyond (counts are
    rounded down). Beyond 99 years the plain date is shown. Never longer than
    :data:`RELATIVE_MAX_WIDTH` characters.
    """
    delta = (d - today).days
    if delta == 0:
        return "aujourd'hui"
    if delta == 1:
        return "demain"
    if delta == -1:
        return "hier"
    days = abs(delta)
    if days <= 13:
        amount = f"{days} j"
    elif days < 60:
        amount = f"{days // 7} sem."
    elif days < 365:
        amount = f"{min(days // 30, 11)} mois"
    elif days // 365 <= 99:
        years = days // 365
        amount = f"{years} an" if years == 1 else f"{years} ans"
    else:
        return format_date(d)
    return f"dans {amount}" if delta > 0 else f"il y a {amount}"
