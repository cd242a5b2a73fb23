"""Communes, départements and postcodes: which pole a city suggests."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

import pytest

from tui_reseau.domain import geography
from tui_reseau.domain.geography import (
    AISNE,
    COMMUNE_ALIASES,
    DEPARTEMENTS,
    DEPARTEMENTS_BY_CODE,
    DEPARTEMENTS_BY_POSTCODE_PREFIX,
    NORD,
    OISE,
    PAS_DE_CALAIS,
    POLE_COMMUNES,
    SOMME,
    city_display_name,
    communes_matching,
    departement_of_postcode,
    fold,
    normalize_postcode,
    split_postcode,
    suggest_pole,
)
from tui_reseau.domain.vocabulary import Pole

# --------------------------------------------------------------------------------------------
# fold
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lille", "lille"),
        ("LILLE", "lille"),
        ("  Lille  ", "lille"),
        ("Villeneuve-d'Ascq", "villeneuve d ascq"),
        ("Villeneuve-d’Ascq", "villeneuve d ascq"),
        ("Villeneuve d Ascq", "villeneuve d ascq"),
        ("Marcq-en-Barœul", "marcq en baroeul"),
        ("MARCQ-EN-BARŒUL", "marcq en baroeul"),
        ("Lætitia", "laetitia"),
        ("Étaples", "etaples"),
        ("Guînes", "guines"),
        ("Saint-Omer", "st omer"),
        ("St-Omer", "st omer"),
        ("St. Omer", "st omer"),
        ("Sainte-Catherine", "st catherine"),
        ("Ste Catherine", "st catherine"),
        ("Lys-lez-Lannoy", "lys les lannoy"),
        ("Lys-lès-Lannoy", "lys les lannoy"),
        ("Boulogne s/ Mer", "boulogne sur mer"),
        ("Boulogne  --  sur   Mer", "boulogne sur mer"),
        ("Lille Cedex", "lille"),
        ("LILLE CEDEX 9", "lille"),
        ("Paris 15e", "paris"),
        ("Paris 1er", "paris"),
        ("Lyon 3ème arrondissement", "lyon"),
        ("Lille (59)", "lille"),
        ("", ""),
        ("   ", ""),
        ("-'.", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_keeps_a_lone_number() -> None:
    # Only a *trailing* number after a name is an arrondissement; a bare number stays.
    assert fold("15") == "15"


@pytest.mark.parametrize(
    "text", ["Villeneuve-d’Ascq", "Saint-Omer Cedex 2", "Marcq-en-Barœul", "Paris 15e"]
)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


# --------------------------------------------------------------------------------------------
# suggest_pole: known communes
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "pole"),
    [
        ("Lille", Pole.LILLE),
        ("LILLE", Pole.LILLE),
        ("lille", Pole.LILLE),
        ("Lille Cedex", Pole.LILLE),
        ("Villeneuve d Ascq", Pole.LILLE),
        ("Villeneuve-d’Ascq", Pole.LILLE),
        ("villeneuve dascq", Pole.LILLE),
        ("Marcq en Baroeul", Pole.LILLE),
        ("Mons-en-Baroeul", Pole.LILLE),
        ("Saint André lez Lille", Pole.LILLE),
        ("Lys-lès-Lannoy", Pole.LILLE),
        ("Roubaix", Pole.LILLE),
        ("Tourcoing", Pole.LILLE),
        ("Armentières", Pole.LILLE),
        ("Amiens", Pole.AMIENS),
        ("Abbeville", Pole.AMIENS),
        ("Saint-Valery-sur-Somme", Pole.AMIENS),
        ("salouel", Pole.AMIENS),
        ("Dunkerque", Pole.LITTORAL),
        ("Calais", Pole.LITTORAL),
        ("Boulogne sur mer", Pole.LITTORAL),
        ("Boulogne-sur-Mer", Pole.LITTORAL),
        ("Saint-Pol-sur-Mer", Pole.LITTORAL),
        ("Le Touquet", Pole.LITTORAL),
        ("Le Touquet-Paris-Plage", Pole.LITTORAL),
        ("Téteghem", Pole.LITTORAL),
        ("Guines", Pole.LITTORAL),
        ("Etaples", Pole.LITTORAL),
        ("St-Omer", Pole.REGION),
        ("Saint Omer", Pole.REGION),
        ("Saint-Pol-sur-Ternoise", Pole.REGION),
        ("Valenciennes", Pole.REGION),
        ("Arras", Pole.REGION),
        ("Saint-Quentin", Pole.REGION),
        ("Beauvais", Pole.REGION),
        ("Compiègne", Pole.REGION),
        ("Paris", Pole.HORS_REGION),
        ("Paris 8ème", Pole.HORS_REGION),
        ("Bruxelles", Pole.HORS_REGION),
        ("Kortrijk", Pole.HORS_REGION),
        ("Courtrai", Pole.HORS_REGION),
        ("London", Pole.HORS_REGION),
        ("Londres", Pole.HORS_REGION),
    ],
)
def test_suggest_pole_known_commune(city: str, pole: Pole) -> None:
    assert suggest_pole(city) is pole


@pytest.mark.parametrize(
    "city", ["59000 Lille", "Lille 59000", "Lille, 59000", "59 000 Lille", "F-59000 Lille"]
)
def test_suggest_pole_postcode_inside_the_city(city: str) -> None:
    assert suggest_pole(city) is Pole.LILLE
    assert city_display_name(city) == "Lille"


def test_known_commune_wins_over_postcode() -> None:
    # The département says "rest of the region", the commune says Lille or Littoral.
    assert suggest_pole("Roubaix", "59100") is Pole.LILLE
    assert suggest_pole("Calais", "62100") is Pole.LITTORAL
    assert suggest_pole("Dunkerque 59140") is Pole.LITTORAL
    assert suggest_pole("Lille", "75001") is Pole.LILLE


@pytest.mark.parametrize("city", [None, "", "   ", "\t\n", "-"])
def test_suggest_pole_empty(city: str | None) -> None:
    assert suggest_pole(city) is None
    assert suggest_pole(city, None) is None
    assert suggest_pole(city, "") is None


@pytest.mark.parametrize("city", ["Trifouilly-les-Oies", "Boulogne", "Montreuil", "Xyz", "123"])
def test_suggest_pole_never_guesses(city: str) -> None:
    assert suggest_pole(city) is None


# --------------------------------------------------------------------------------------------
# suggest_pole: postcodes
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "postcode", "pole"),
    [
        # Any commune of the Somme is the Amiens pole, even one not listed.
        ("Trifouilly", "80000", Pole.AMIENS),
        ("Trifouilly", "80120", Pole.AMIENS),
        ("Trifouilly 80120", None, Pole.AMIENS),
        (None, "80100", Pole.AMIENS),
        # Other départements of the region: "rest of the region" for an unknown commune.
        ("Commune-Inconnue", "59123", Pole.REGION),
        ("Commune-Inconnue", "62999", Pole.REGION),
        ("Commune-Inconnue", "02100", Pole.REGION),
        ("Commune-Inconnue", "60200", Pole.REGION),
        ("Aulnoy-lez-Valenciennes 59300", None, Pole.REGION),
        # Any other French postcode: outside the region.
        ("Commune-Inconnue", "75001", Pole.HORS_REGION),
        ("Commune-Inconnue", "69001", Pole.HORS_REGION),
        ("Ajaccio", "20000", Pole.HORS_REGION),
        ("Saint-Pierre", "97410", Pole.HORS_REGION),
        ("Commune-Inconnue 13008", None, Pole.HORS_REGION),
        ("Commune-Inconnue", " 75 001 ", Pole.HORS_REGION),
    ],
)
def test_suggest_pole_postcode(city: str | None, postcode: str | None, pole: Pole) -> None:
    assert suggest_pole(city, postcode) is pole


def test_postcode_beats_the_list_of_cities_outside_the_region() -> None:
    # "Mons" alone is the Belgian city, but with a Nord postcode it is in the region.
    assert suggest_pole("Mons") is Pole.HORS_REGION
    assert suggest_pole("Mons", "59370") is Pole.REGION


def test_explicit_postcode_beats_the_one_in_the_city() -> None:
    assert suggest_pole("Trifouilly 59000", "80000") is Pole.AMIENS
    # ...unless it is not a valid postcode.
    assert suggest_pole("Trifouilly 59000", "123") is Pole.REGION


@pytest.mark.parametrize("postcode", ["2A004", "2B033", "2A000", "123", "1234", "123456", "abcde"])
def test_invalid_postcodes_are_ignored(postcode: str) -> None:
    assert suggest_pole("Commune-Inconnue", postcode) is None
    assert suggest_pole("Lille", postcode) is Pole.LILLE
    assert suggest_pole("Paris", postcode) is Pole.HORS_REGION


@pytest.mark.parametrize("postcode", ["00100", "96000", "99000", "97900"])
def test_out_of_range_postcodes_are_ignored(postcode: str) -> None:
    assert normalize_postcode(postcode) is None
    assert suggest_pole("Commune-Inconnue", postcode) is None


def test_corsican_codes_in_the_city_are_not_postcodes() -> None:
    assert suggest_pole("Ajaccio 2A004") is None
    assert split_postcode("Ajaccio 2A004") == (None, "Ajaccio 2A004")


# --------------------------------------------------------------------------------------------
# Postcodes and départements
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("59000", "59000"),
        (" 59000 ", "59000"),
        ("59 000", "59000"),
        ("F-59000", "59000"),
        ("fr-80000", "80000"),
        ("02100", "02100"),
        ("20000", "20000"),
        ("97110", "97110"),
        ("98800", "98800"),
        ("2A004", None),
        ("123", None),
        ("5900", None),
        ("590000", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_postcode(raw: str | None, expected: str | None) -> None:
    assert normalize_postcode(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("59000 Lille", ("59000", "Lille")),
        ("Lille 59000", ("59000", "Lille")),
        ("Lille 59 000", ("59000", "Lille")),
        ("F-62100 Calais", ("62100", "Calais")),
        ("  Amiens  ", (None, "Amiens")),
        ("Paris 15e", (None, "Paris 15e")),
        ("Lille 123456", (None, "Lille 123456")),
        ("Lille 00000", (None, "Lille 00000")),
    ],
)
def test_split_postcode(text: str, expected: tuple[str | None, str]) -> None:
    assert split_postcode(text) == expected


def test_the_five_departements() -> None:
    assert {(d.code, d.name) for d in DEPARTEMENTS} == {
        ("59", "Nord"),
        ("62", "Pas-de-Calais"),
        ("80", "Somme"),
        ("02", "Aisne"),
        ("60", "Oise"),
    }
    assert DEPARTEMENTS_BY_CODE["62"] is PAS_DE_CALAIS
    assert set(DEPARTEMENTS_BY_POSTCODE_PREFIX) == {"59", "62", "80", "02", "60"}
    assert SOMME.default_pole is Pole.AMIENS
    assert {d.default_pole for d in DEPARTEMENTS if d is not SOMME} == {Pole.REGION}


@pytest.mark.parametrize(
    ("postcode", "departement"),
    [
        ("59000", NORD),
        ("62100", PAS_DE_CALAIS),
        ("80000", SOMME),
        ("02000", AISNE),
        ("60000", OISE),
        ("59 650", NORD),
        ("75001", None),
        ("2A004", None),
        ("123", None),
        (None, None),
    ],
)
def test_departement_of_postcode(postcode: str | None, departement: object) -> None:
    assert departement_of_postcode(postcode) is departement


# --------------------------------------------------------------------------------------------
# city_display_name
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("villeneuve d ascq", "Villeneuve-d'Ascq"),
        ("VILLENEUVE-D’ASCQ", "Villeneuve-d'Ascq"),
        ("marcq en baroeul", "Marcq-en-Barœul"),
        ("st omer", "Saint-Omer"),
        ("boulogne sur mer", "Boulogne-sur-Mer"),
        ("Lille Cedex", "Lille"),
        ("59000 lille", "Lille"),
        ("chateau thierry", "Château-Thierry"),
        ("la chapelle d armentieres", "La Chapelle-d'Armentières"),
        ("teteghem", "Téteghem-Coudekerque-Village"),
        ("Berck-sur-Mer", "Berck"),
        ("kortrijk", "Courtrai"),
        ("paris 15e", "Paris"),
        ("Trifouilly", None),
        ("Boulogne", None),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_city_display_name(city: str | None, expected: str | None) -> None:
    assert city_display_name(city) == expected


# --------------------------------------------------------------------------------------------
# communes_matching
# --------------------------------------------------------------------------------------------


def test_communes_matching_exact_first_then_alphabetical() -> None:
    assert communes_matching("lille") == ["Lille", "Lillers"]
    assert communes_matching("Mons") == ["Mons", "Mons-en-Barœul"]
    assert communes_matching("boulogne") == ["Boulogne-Billancourt", "Boulogne-sur-Mer"]


def test_communes_matching_puts_an_exact_alias_first(monkeypatch: pytest.MonkeyPatch) -> None:
    # With the real data an exact key always sorts first anyway; an alias whose display name
    # sorts late shows that "exact" is a rule of its own.
    completions = [("ab", "Zeta"), ("abc", "Alpha"), ("abd", "Beta"), ("b", "Other")]
    real = geography._tables()
    tables = real._replace(completions=completions, completion_keys=[k for k, _ in completions])
    monkeypatch.setattr(geography, "_tables", lambda: tables)
    assert communes_matching("ab") == ["Zeta", "Alpha", "Beta"]
    assert communes_matching("ab", limit=2) == ["Zeta", "Alpha"]
    assert communes_matching("a") == ["Alpha", "Beta", "Zeta"]


def test_communes_matching_folds_the_prefix() -> None:
    assert communes_matching("VILLENEUVE D") == ["Villeneuve-d'Ascq"]
    assert communes_matching("Villeneuve-d’") == ["Villeneuve-d'Ascq"]
    assert communes_matching("marcq en bar") == ["Marcq-en-Barœul"]
    assert communes_matching("etap") == ["Étaples"]


def test_communes_matching_saint_in_any_spelling() -> None:
    assert communes_matching("St-Om") == ["Saint-Omer"]
    assert communes_matching("saint om") == ["Saint-Omer"]
    # A half-typed "Sain" already finds the Saint-… communes.
    assert "Saint-Omer" in communes_matching("sain", limit=50)
    assert "Saint-Pol-sur-Mer" in communes_matching("sain", limit=50)


def test_communes_matching_through_aliases() -> None:
    assert communes_matching("kortr") == ["Courtrai"]
    assert communes_matching("Tétegh") == ["Téteghem-Coudekerque-Village"]


def test_communes_matching_limit_and_order() -> None:
    result = communes_matching("sa", limit=5)
    assert len(result) == 5
    assert [fold(name) for name in result] == sorted(fold(name) for name in result)
    everything = communes_matching("sa", limit=1000)
    assert result == everything[:5]
    assert len(everything) > 5
    assert len(set(everything)) == len(everything)


@pytest.mark.parametrize(("prefix", "limit"), [("", 10), ("   ", 10), ("lille", 0), ("zzz", 10)])
def test_communes_matching_nothing(prefix: str, limit: int) -> None:
    assert communes_matching(prefix, limit=limit) == []


# --------------------------------------------------------------------------------------------
# The data itself
# --------------------------------------------------------------------------------------------


def test_every_pole_has_communes() -> None:
    assert set(POLE_COMMUNES) == set(Pole)
    for pole, communes in POLE_COMMUNES.items():
        assert len(communes) >= 10, pole
    assert 40 <= len(POLE_COMMUNES[Pole.LILLE]) <= 80


def test_no_folded_commune_under_two_poles() -> None:
    seen: dict[str, Pole] = {}
    duplicates: list[str] = []
    for pole, communes in POLE_COMMUNES.items():
        for name in communes:
            key = fold(name)
            if key in seen:
                duplicates.append(f"{name} ({seen[key].value} and {pole.value})")
            seen[key] = pole
    assert duplicates == []


def test_aliases_point_to_known_communes_and_collide_with_none() -> None:
    displays = {name for communes in POLE_COMMUNES.values() for name in communes}
    keys = {fold(name) for name in displays}
    alias_keys = [fold(alias) for alias in COMMUNE_ALIASES]
    assert set(COMMUNE_ALIASES.values()) <= displays
    assert not keys & set(alias_keys)
    assert len(set(alias_keys)) == len(alias_keys)


def test_every_listed_commune_resolves_to_its_pole_and_name() -> None:
    for pole, communes in POLE_COMMUNES.items():
        for name in communes:
            assert suggest_pole(name) is pole, name
            assert city_display_name(name) == name
            assert city_display_name(fold(name)) == name
            assert city_display_name(name.upper()) == name
    for alias, name in COMMUNE_ALIASES.items():
        assert city_display_name(alias) == name


_NAME = re.compile(r"[A-ZÉÈÎŒ][\w'œ]*(?:[- ][\w'œ]+)*")


def test_display_names_are_clean() -> None:
    for communes in POLE_COMMUNES.values():
        for name in communes:
            assert name == name.strip(), name
            assert unicodedata.is_normalized("NFC", name), name
            assert "’" not in name and "  " not in name, name
            assert _NAME.fullmatch(name), name


def test_specific_spellings() -> None:
    lille = POLE_COMMUNES[Pole.LILLE]
    for name in ("Villeneuve-d'Ascq", "Marcq-en-Barœul", "Mons-en-Barœul", "La Madeleine"):
        assert name in lille
    assert "Saint-Valery-sur-Somme" in POLE_COMMUNES[Pole.AMIENS]
    assert "Le Touquet-Paris-Plage" in POLE_COMMUNES[Pole.LITTORAL]
    assert POLE_COMMUNES[Pole.LILLE][0] == "Lille"
    assert POLE_COMMUNES[Pole.AMIENS][0] == "Amiens"
    assert POLE_COMMUNES[Pole.LITTORAL][0] == "Dunkerque"


def test_import_is_pure_and_quick() -> None:
    code = (
        "import sys, time\n"
        "import tui_reseau.domain.vocabulary\n"
        "t = time.perf_counter()\n"
        "import tui_reseau.domain.geography\n"
        "elapsed = time.perf_counter() - t\n"
        "assert 'textual' not in sys.modules, 'geography must not import textual'\n"
        "print(elapsed)\n"
    )
    # The first run may compile the module to bytecode; time a warm run.
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert float(out.stdout) < 0.05  # generous for slow CI; a few ms on a laptop
