"""Tests of tui_reseau.domain.dates: the strict French date reader and the display forms."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_reseau.domain.dates import (
    EXAMPLES,
    RELATIVE_MAX_WIDTH,
    DateParseError,
    format_date,
    format_relative,
    parse_date,
)

WEDNESDAY = date(2026, 11, 25)
FRIDAY = date(2026, 11, 27)
SATURDAY = date(2026, 11, 28)
SUNDAY = date(2026, 11, 29)
END_OF_JANUARY = date(2027, 1, 31)  # a Sunday
NEW_YEARS_EVE = date(2026, 12, 31)  # a Thursday
LEAP_DAY = date(2028, 2, 29)  # a Tuesday


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_fixed_days_are_the_expected_weekdays() -> None:
    assert WEDNESDAY.weekday() == 2
    assert FRIDAY.weekday() == 4
    assert SATURDAY.weekday() == 5
    assert SUNDAY.weekday() == 6
    assert END_OF_JANUARY.weekday() == 6
    assert NEW_YEARS_EVE.weekday() == 3
    assert LEAP_DAY.weekday() == 1


# ------------------------------------------------------------------------------------ keywords


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("aujourd'hui", 0),
        ("aujourd’hui", 0),  # typographic apostrophe
        ("Aujourd'hui", 0),
        ("aujourdhui", 0),
        ("auj", 0),
        ("auj.", 0),
        ("demain", 1),
        ("DEMAIN", 1),
        ("  demain  ", 1),
        ("après-demain", 2),
        ("apres-demain", 2),
        ("après demain", 2),
        ("APRÈS-DEMAIN", 2),
        ("après‑demain", 2),  # non-breaking hyphen
        ("hier", -1),
        ("avant-hier", -2),
        ("avant hier", -2),
    ],
)
@pytest.mark.parametrize("today", [WEDNESDAY, SUNDAY, NEW_YEARS_EVE, LEAP_DAY])
@pytest.mark.parametrize("future", [True, False])
def test_keywords(text: str, offset: int, today: date, future: bool) -> None:
    assert parse_date(text, today, future=future) == today + timedelta(days=offset)


def test_keywords_cross_month_and_year() -> None:
    assert parse_date("demain", NEW_YEARS_EVE) == d("2027-01-01")
    assert parse_date("après-demain", END_OF_JANUARY) == d("2027-02-02")
    assert parse_date("demain", LEAP_DAY) == d("2028-03-01")
    assert parse_date("hier", date(2028, 3, 1)) == LEAP_DAY


# ------------------------------------------------------------------------------------ weekdays


@pytest.mark.parametrize(
    ("text", "after_wednesday", "before_wednesday"),
    [
        ("lundi", "2026-11-30", "2026-11-23"),
        ("mardi", "2026-12-01", "2026-11-24"),
        ("mercredi", "2026-12-02", "2026-11-18"),  # never today itself
        ("jeudi", "2026-11-26", "2026-11-19"),
        ("vendredi", "2026-11-27", "2026-11-20"),
        ("samedi", "2026-11-28", "2026-11-21"),
        ("dimanche", "2026-11-29", "2026-11-22"),
        ("Vendredi", "2026-11-27", "2026-11-20"),
        ("ven", "2026-11-27", "2026-11-20"),
        ("ven.", "2026-11-27", "2026-11-20"),
        ("ce vendredi", "2026-11-27", "2026-11-20"),
    ],
)
def test_weekday_follows_future_mode(
    text: str, after_wednesday: str, before_wednesday: str
) -> None:
    assert parse_date(text, WEDNESDAY) == d(after_wednesday)
    assert parse_date(text, WEDNESDAY, future=True) == d(after_wednesday)
    assert parse_date(text, WEDNESDAY, future=False) == d(before_wednesday)


@pytest.mark.parametrize("future", [True, False])
def test_prochain_and_dernier_ignore_future_mode(future: bool) -> None:
    assert parse_date("lundi prochain", WEDNESDAY, future=future) == d("2026-11-30")
    assert parse_date("mercredi prochain", WEDNESDAY, future=future) == d("2026-12-02")
    assert parse_date("jeudi prochain", WEDNESDAY, future=future) == d("2026-11-26")
    assert parse_date("mardi dernier", WEDNESDAY, future=future) == d("2026-11-24")
    assert parse_date("mercredi dernier", WEDNESDAY, future=future) == d("2026-11-18")
    assert parse_date("jeudi dernier", WEDNESDAY, future=future) == d("2026-11-19")


def test_weekday_is_strictly_after_or_before_today() -> None:
    assert parse_date("vendredi", FRIDAY) == d("2026-12-04")
    assert parse_date("vendredi", FRIDAY, future=False) == d("2026-11-20")
    assert parse_date("dimanche", SUNDAY) == d("2026-12-06")
    assert parse_date("lundi", SUNDAY) == d("2026-11-30")
    assert parse_date("samedi", SUNDAY, future=False) == d("2026-11-28")
    assert parse_date("lundi prochain", SUNDAY) == d("2026-11-30")
    assert parse_date("vendredi", NEW_YEARS_EVE) == d("2027-01-01")
    assert parse_date("jeudi dernier", NEW_YEARS_EVE) == d("2026-12-24")


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2999, 12, 31)), st.integers(0, 6))
def test_weekday_always_lands_within_a_week(today: date, weekday: int) -> None:
    names = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
    ahead = parse_date(names[weekday], today)
    behind = parse_date(names[weekday], today, future=False)
    assert ahead.weekday() == behind.weekday() == weekday
    assert 1 <= (ahead - today).days <= 7
    assert 1 <= (today - behind).days <= 7
    assert parse_date(f"{names[weekday]} prochain", today, future=False) == ahead
    assert parse_date(f"{names[weekday]} dernier", today) == behind


# ------------------------------------------------------------------------------ relative shifts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+3j", "2026-11-28"),
        ("+3 j", "2026-11-28"),
        ("+3 jours", "2026-11-28"),
        ("+1 jour", "2026-11-26"),
        ("+0j", "2026-11-25"),
        ("+10j", "2026-12-05"),
        ("+2s", "2026-12-09"),
        ("+2 sem", "2026-12-09"),
        ("+2 sem.", "2026-12-09"),
        ("+2 semaines", "2026-12-09"),
        ("+1m", "2026-12-25"),
        ("+1 mois", "2026-12-25"),
        ("+2 mois", "2027-01-25"),
        ("+1a", "2027-11-25"),
        ("+1 an", "2027-11-25"),
        ("+2 ans", "2028-11-25"),
        ("-3j", "2026-11-22"),
        ("-3 jours", "2026-11-22"),
        ("−3 j", "2026-11-22"),  # minus sign
        ("-2 sem", "2026-11-11"),
        ("-1 mois", "2026-10-25"),
        ("-1 an", "2025-11-25"),
        ("dans 3 jours", "2026-11-28"),
        ("dans 1 jour", "2026-11-26"),
        ("dans 2 semaines", "2026-12-09"),
        ("dans une semaine", "2026-12-02"),
        ("dans un mois", "2026-12-25"),
        ("dans 6 mois", "2027-05-25"),
        ("dans 1 an", "2027-11-25"),
        ("dans deux ans", "2028-11-25"),
        ("dans quinze jours", "2026-12-10"),
        ("Dans 3 Jours", "2026-11-28"),
        ("il y a 3 jours", "2026-11-22"),
        ("il y a une semaine", "2026-11-18"),
        ("il y a 2 mois", "2026-09-25"),
        ("il y a un an", "2025-11-25"),
    ],
)
@pytest.mark.parametrize("future", [True, False])
def test_relative_shifts(text: str, expected: str, future: bool) -> None:
    assert parse_date(text, WEDNESDAY, future=future) == d(expected)


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (END_OF_JANUARY, "+1 mois", "2027-02-28"),
        (date(2028, 1, 31), "+1 mois", "2028-02-29"),
        (END_OF_JANUARY, "dans 3 mois", "2027-04-30"),
        (END_OF_JANUARY, "-2 mois", "2026-11-30"),
        (date(2026, 3, 31), "il y a 1 mois", "2026-02-28"),
        (LEAP_DAY, "+1 an", "2029-02-28"),
        (LEAP_DAY, "-1 an", "2027-02-28"),
        (LEAP_DAY, "+4 ans", "2032-02-29"),
        (NEW_YEARS_EVE, "+1 mois", "2027-01-31"),
        (NEW_YEARS_EVE, "+2 mois", "2027-02-28"),
        (NEW_YEARS_EVE, "+1j", "2027-01-01"),
    ],
)
def test_month_arithmetic_clamps_the_day(today: date, text: str, expected: str) -> None:
    assert parse_date(text, today) == d(expected)


def test_shift_out_of_calendar_range_is_an_error() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date("+9999 ans", WEDNESDAY)
    assert "hors limites" in str(caught.value)
    with pytest.raises(DateParseError):
        parse_date("demain", date.max)
    with pytest.raises(DateParseError):
        parse_date("mois prochain", date.max)


# ----------------------------------------------------------------------------- named periods


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        (WEDNESDAY, "semaine prochaine", "2026-11-30"),
        (WEDNESDAY, "la semaine prochaine", "2026-11-30"),
        (SUNDAY, "semaine prochaine", "2026-11-30"),
        (date(2026, 11, 30), "semaine prochaine", "2026-12-07"),  # a Monday
        (NEW_YEARS_EVE, "début de semaine prochaine", "2027-01-04"),
        (WEDNESDAY, "mois prochain", "2026-12-01"),
        (WEDNESDAY, "le mois prochain", "2026-12-01"),
        (WEDNESDAY, "début du mois prochain", "2026-12-01"),
        (NEW_YEARS_EVE, "mois prochain", "2027-01-01"),
        (NEW_YEARS_EVE, "début du mois prochain", "2027-01-01"),
        (END_OF_JANUARY, "mois prochain", "2027-02-01"),
        (WEDNESDAY, "fin du mois", "2026-11-30"),
        (WEDNESDAY, "fin de mois", "2026-11-30"),
        (date(2026, 11, 30), "fin du mois", "2026-11-30"),  # last day: still today
        (END_OF_JANUARY, "fin du mois", "2027-01-31"),
        (NEW_YEARS_EVE, "fin du mois", "2026-12-31"),
        (date(2028, 2, 3), "fin du mois", "2028-02-29"),
        (date(2027, 2, 3), "fin du mois", "2027-02-28"),
        (END_OF_JANUARY, "fin du mois prochain", "2027-02-28"),
        (WEDNESDAY, "fin de semaine", "2026-11-27"),
        (WEDNESDAY, "fin de la semaine", "2026-11-27"),
        (date(2026, 11, 23), "fin de semaine", "2026-11-27"),  # Monday
        (FRIDAY, "fin de semaine", "2026-11-27"),  # Friday: today
        (SATURDAY, "fin de semaine", "2026-12-04"),  # weekend: next Friday
        (SUNDAY, "fin de semaine", "2026-12-04"),
        (NEW_YEARS_EVE, "fin de semaine", "2027-01-01"),
    ],
)
@pytest.mark.parametrize("future", [True, False])
def test_named_periods(today: date, text: str, expected: str, future: bool) -> None:
    assert parse_date(text, today, future=future) == d(expected)


# -------------------------------------------------------------------------------- numeric dates


@pytest.mark.parametrize(
    "text",
    [
        "15/12/2026",
        "15/12/26",
        "15-12-2026",
        "15.12.2026",
        "15.12.26",
        "2026-12-15",
        "15/12/2026 ",
        "le 15/12/2026",
    ],
)
@pytest.mark.parametrize("future", [True, False])
def test_numeric_with_year(text: str, future: bool) -> None:
    assert parse_date(text, WEDNESDAY, future=future) == d("2026-12-15")


def test_numeric_with_year_may_be_in_the_past_or_the_future() -> None:
    assert parse_date("01/02/2020", WEDNESDAY) == d("2020-02-01")
    assert parse_date("1/2/2030", WEDNESDAY, future=False) == d("2030-02-01")
    assert parse_date("2028-02-29", WEDNESDAY) == LEAP_DAY


@pytest.mark.parametrize(
    ("today", "text", "future", "expected"),
    [
        (WEDNESDAY, "15/12", True, "2026-12-15"),
        (WEDNESDAY, "15/12", False, "2025-12-15"),
        (WEDNESDAY, "15/11", True, "2027-11-15"),  # already past this year
        (WEDNESDAY, "15/11", False, "2026-11-15"),
        (WEDNESDAY, "25/11", True, "2026-11-25"),  # today itself
        (WEDNESDAY, "25/11", False, "2026-11-25"),
        (WEDNESDAY, "15.12", True, "2026-12-15"),
        (WEDNESDAY, "15-12", True, "2026-12-15"),
        (WEDNESDAY, "1/1", True, "2027-01-01"),
        (NEW_YEARS_EVE, "1/1", True, "2027-01-01"),
        (NEW_YEARS_EVE, "30/12", True, "2027-12-30"),
        (NEW_YEARS_EVE, "30/12", False, "2026-12-30"),
        (END_OF_JANUARY, "31/01", True, "2027-01-31"),
        (END_OF_JANUARY, "01/02", False, "2026-02-01"),
        (WEDNESDAY, "29/02", True, "2028-02-29"),  # next one that exists
        (WEDNESDAY, "29/02", False, "2024-02-29"),
        (LEAP_DAY, "29/02", True, "2028-02-29"),
        (LEAP_DAY, "28/02", True, "2029-02-28"),
    ],
)
def test_numeric_without_year(today: date, text: str, future: bool, expected: str) -> None:
    assert parse_date(text, today, future=future) == d(expected)


# ----------------------------------------------------------------------------------- word dates


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("15 décembre", True, "2026-12-15"),
        ("15 decembre", True, "2026-12-15"),
        ("15 DÉCEMBRE", True, "2026-12-15"),
        ("15 déc", True, "2026-12-15"),
        ("15 déc.", True, "2026-12-15"),
        ("15 décembre", False, "2025-12-15"),
        ("15 décembre 2027", True, "2027-12-15"),
        ("1er mars 2027", True, "2027-03-01"),
        ("1er mars", True, "2027-03-01"),
        ("1 mars", True, "2027-03-01"),
        ("le 3 janvier", True, "2027-01-03"),
        ("le 3 janvier", False, "2026-01-03"),
        ("le 1er janvier 2027", True, "2027-01-01"),
        ("3 janv.", True, "2027-01-03"),
        ("14 février", True, "2027-02-14"),
        ("14 fév", True, "2027-02-14"),
        ("14 févr.", True, "2027-02-14"),
        ("2 avr", True, "2027-04-02"),
        ("8 mai", True, "2027-05-08"),
        ("21 juin", True, "2027-06-21"),
        ("14 juillet", True, "2027-07-14"),
        ("14 juil.", True, "2027-07-14"),
        ("15 août", True, "2027-08-15"),
        ("15 aout", True, "2027-08-15"),
        ("1er sept.", True, "2027-09-01"),
        ("1er septembre", True, "2027-09-01"),
        ("31 oct", True, "2027-10-31"),
        ("25 novembre", True, "2026-11-25"),
        ("11 nov.", True, "2027-11-11"),
        ("11 nov.", False, "2026-11-11"),
        ("15 décembre 26", True, "2026-12-15"),
    ],
)
def test_word_dates(text: str, future: bool, expected: str) -> None:
    assert parse_date(text, WEDNESDAY, future=future) == d(expected)


def test_weekday_before_a_date_must_agree() -> None:
    assert parse_date("mardi 15 décembre", WEDNESDAY) == d("2026-12-15")
    assert parse_date("le mardi 15/12", WEDNESDAY) == d("2026-12-15")
    assert parse_date("vendredi 1er janvier 2027", WEDNESDAY) == d("2027-01-01")
    with pytest.raises(DateParseError) as caught:
        parse_date("vendredi 15 décembre", WEDNESDAY)
    message = str(caught.value)
    assert "mardi" in message
    assert "vendredi" in message


# -------------------------------------------------------------------------------- trailing time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendredi 14h", "2026-11-27"),
        ("vendredi 14h30", "2026-11-27"),
        ("vendredi 14 h 30", "2026-11-27"),
        ("vendredi à 14h", "2026-11-27"),
        ("vendredi a 9h", "2026-11-27"),
        ("vendredi vers 14h", "2026-11-27"),
        ("vendredi, 14h", "2026-11-27"),
        ("vendredi 14:30", "2026-11-27"),
        ("demain 9h", "2026-11-26"),
        ("demain à 0h00", "2026-11-26"),
        ("15/12 à 14h30", "2026-12-15"),
        ("15/12/2026 14:30", "2026-12-15"),
        ("2026-12-15 08:00", "2026-12-15"),
        ("le 15 décembre à 18h", "2026-12-15"),
        ("lundi prochain 10h", "2026-11-30"),
        ("+3j 9h", "2026-11-28"),
        ("dans 2 semaines à 11h", "2026-12-09"),
        ("fin du mois 17h", "2026-11-30"),
    ],
)
def test_trailing_time_is_ignored(text: str, expected: str) -> None:
    assert parse_date(text, WEDNESDAY) == d(expected)


@pytest.mark.parametrize("text", ["vendredi 25h", "vendredi 14h75", "demain 24:00"])
def test_impossible_time_is_an_error(text: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(text, WEDNESDAY)
    assert "Heure impossible" in str(caught.value)


@pytest.mark.parametrize("text", ["14h", "à 14h", "14:30", "vendredi14h"])
def test_time_alone_is_not_a_date(text: str) -> None:
    with pytest.raises(DateParseError):
        parse_date(text, WEDNESDAY)


# --------------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("31/02", "février n'a que 28 jours"),
        ("30/02/2028", "février n'a que 29 jours"),
        ("29/02/2027", "2027 n'est pas bissextile"),
        ("31/04", "avril n'a que 30 jours"),
        ("31 juin", "juin n'a que 30 jours"),
        ("00/12", "le jour 0 n'existe pas"),
        ("0 décembre", "le jour 0 n'existe pas"),
        ("15/13", "pas de mois 13"),
        ("15/00/2026", "pas de mois 0"),
        ("2026-13-01", "pas de mois 13"),
        ("01/01/0000", "l'année 0 n'existe pas"),
    ],
)
def test_impossible_dates_name_the_problem(text: str, problem: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(text, WEDNESDAY)
    err = caught.value
    assert isinstance(err, ValueError)
    assert "Date impossible" in err.message
    assert problem in err.message
    assert "Exemples acceptés : " in err.message
    assert err.text == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "n'importe quoi",
        "bientôt",
        "la semaine des quatre jeudis",
        "le 15",  # day of month alone: not guessed
        "15",
        "décembre",
        "+3",  # no unit
        "dans 3",
        "dans beaucoup de jours",
        "+3 lunes",
        "lundi suivant",
        "15/12/202",
        "15/12-2026",  # mixed separators
        "2026/12/15",
        "12/15/2026",  # American order: month 15 does not exist
        "mars 15",
        "15 mar 2026 2027",
        "demain demain",
        "tomorrow",
        "１５/１２",  # full-width digits
        "٣/١٢",  # Arabic-Indic digits
    ],
)
def test_anything_else_is_refused_with_examples(text: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(text, WEDNESDAY)
    message = str(caught.value)
    assert message == caught.value.message
    assert "Exemples acceptés : " in message
    assert "demain" in message
    assert "15/12/2026" in message
    assert "« " in message or "Aucune date" in message


def test_blank_says_nothing_was_typed() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date("  ", WEDNESDAY)
    assert caught.value.message.startswith("Aucune date saisie")


def test_error_quotes_what_was_typed() -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date("la saint-glinglin", WEDNESDAY)
    assert "« la saint-glinglin »" in str(caught.value)
    assert "Date non comprise" in str(caught.value)


def test_year_inference_beyond_the_calendar_is_an_error() -> None:
    with pytest.raises(DateParseError):
        parse_date("15/12", date(9999, 12, 20))
    assert parse_date("15/12", date(9999, 12, 20), future=False) == date(9999, 12, 15)


# ------------------------------------------------------------------------------------- examples


@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("today", [WEDNESDAY, FRIDAY, SUNDAY, END_OF_JANUARY, LEAP_DAY])
@pytest.mark.parametrize("future", [True, False])
def test_every_example_parses(example: str, today: date, future: bool) -> None:
    assert isinstance(parse_date(example, today, future=future), date)


# ------------------------------------------------------------------------------------- property


@given(
    st.text(max_size=40),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.booleans(),
)
def test_arbitrary_text_parses_or_raises_date_parse_error(
    text: str, today: date, future: bool
) -> None:
    try:
        result = parse_date(text, today, future=future)
    except DateParseError as err:
        assert err.message
        assert "Exemples acceptés" in err.message
    else:
        assert isinstance(result, date)


DATE_ALPHABET = "0123456789 /.-+:'hjsmaàéèûdlnprvtceiouyq"


@given(
    st.text(alphabet=DATE_ALPHABET, max_size=25),
    st.sampled_from([WEDNESDAY, FRIDAY, SUNDAY, END_OF_JANUARY, NEW_YEARS_EVE, LEAP_DAY]),
    st.booleans(),
)
def test_date_like_text_parses_or_raises_date_parse_error(
    text: str, today: date, future: bool
) -> None:
    with contextlib.suppress(DateParseError):
        parse_date(text, today, future=future)


@given(
    st.sampled_from(
        ["+", "-", "dans ", "il y a ", "15/", "le ", "lundi ", "1er ", "fin du ", "demain "]
    ),
    st.integers(min_value=0, max_value=99999),
    st.sampled_from(["", " ", "j", " jours", "sem", " mois", "a", " ans", "/2026", " mars", "h"]),
)
def test_assembled_phrases_parse_or_raise_date_parse_error(
    prefix: str, number: int, suffix: str
) -> None:
    with contextlib.suppress(DateParseError):
        parse_date(f"{prefix}{number}{suffix}", WEDNESDAY)


# ----------------------------------------------------------------------------------- formatting


def test_format_date() -> None:
    assert format_date(None) == ""
    assert format_date(None, WEDNESDAY) == ""
    assert format_date(d("2026-12-15")) == "15/12/2026"
    assert format_date(d("2027-03-01")) == "01/03/2027"
    assert format_date(d("2026-12-15"), WEDNESDAY) == "15/12"  # same year: no year
    assert format_date(d("2027-01-05"), WEDNESDAY) == "05/01/2027"


def test_format_date_round_trips_through_parse_date() -> None:
    for day in (d("2026-12-15"), LEAP_DAY, d("2027-01-01")):
        assert parse_date(format_date(day), WEDNESDAY) == day


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (0, "aujourd'hui"),
        (1, "demain"),
        (-1, "hier"),
        (2, "dans 2 j"),
        (3, "dans 3 j"),
        (13, "dans 13 j"),
        (-5, "il y a 5 j"),
        (-13, "il y a 13 j"),
        (14, "dans 2 sem."),
        (21, "dans 3 sem."),
        (-20, "il y a 2 sem."),
        (59, "dans 8 sem."),
        (60, "dans 2 mois"),
        (-60, "il y a 2 mois"),
        (-75, "il y a 2 mois"),
        (364, "dans 11 mois"),
        (-364, "il y a 11 mois"),
        (365, "dans 1 an"),
        (-400, "il y a 1 an"),
        (800, "dans 2 ans"),
        (-3000, "il y a 8 ans"),
    ],
)
def test_format_relative(offset: int, expected: str) -> None:
    assert format_relative(WEDNESDAY + timedelta(days=offset), WEDNESDAY) == expected


def test_format_relative_far_away_shows_the_date() -> None:
    assert format_relative(date(1900, 1, 1), WEDNESDAY) == "01/01/1900"


@given(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
def test_format_relative_always_fits_its_column(day: date, today: date) -> None:
    shown = format_relative(day, today)
    assert 0 < len(shown) <= RELATIVE_MAX_WIDTH
