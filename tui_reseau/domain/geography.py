"""Where a contact is: the communes of each regional pole, the region's départements, postcodes.

The app sorts people and events by *pole* (see :class:`~tui_reseau.domain.vocabulary.Pole`).
This module knows the main communes of each pole and the rules that turn a city typed by the
user (``"Villeneuve d Ascq"``, ``"LILLE CEDEX"``, ``"59000 Lille"``) into a suggested pole:

1. a known commune name wins (compared on its :func:`fold`-ed form);
2. otherwise a valid French postcode decides: ``80xxx`` is the Amiens pole (the whole Somme
   is), ``59``/``62``/``02``/``60`` the rest of the region, any other département is outside the
   region;
3. otherwise a well-known city outside the region (Paris, Bruxelles, Londres…) is outside;
4. otherwise nothing: the module never guesses.

Pure standard library; every table is built once at import and looked up in O(1).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

from tui_reseau.domain.vocabulary import Pole

# --------------------------------------------------------------------------------------------
# Départements
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Departement:
    """One of the five départements of Hauts-de-France.

    ``default_pole`` is the pole an unknown commune of the département gets from its postcode:
    the whole Somme is the Amiens pole; elsewhere only the listed communes are Lille or Littoral.
    """

    code: str
    name: str
    default_pole: Pole


AISNE = Departement("02", "Aisne", Pole.REGION)
NORD = Departement("59", "Nord", Pole.REGION)
OISE = Departement("60", "Oise", Pole.REGION)
PAS_DE_CALAIS = Departement("62", "Pas-de-Calais", Pole.REGION)
SOMME = Departement("80", "Somme", Pole.AMIENS)

DEPARTEMENTS: tuple[Departement, ...] = (AISNE, NORD, OISE, PAS_DE_CALAIS, SOMME)
"""The départements of Hauts-de-France, in INSEE code order."""

DEPARTEMENTS_BY_CODE: dict[str, Departement] = {d.code: d for d in DEPARTEMENTS}

# For these five départements the postcode starts with the département code ("02100"
# Saint-Quentin, "59000" Lille), so both tables hold the same pairs; they are kept apart because
# that is not true everywhere in France (Corsica: code 2A/2B, postcodes 20xxx).
DEPARTEMENTS_BY_POSTCODE_PREFIX: dict[str, Departement] = {d.code: d for d in DEPARTEMENTS}

# --------------------------------------------------------------------------------------------
# Communes
# --------------------------------------------------------------------------------------------

POLE_COMMUNES: dict[Pole, tuple[str, ...]] = {
    # Métropole Européenne de Lille (with Lomme and Hellemmes, communes associées of Lille).
    Pole.LILLE: (
        "Lille",
        "Roubaix",
        "Tourcoing",
        "Villeneuve-d'Ascq",
        "Wattrelos",
        "Marcq-en-Barœul",
        "Lambersart",
        "Armentières",
        "Lomme",
        "Hellemmes",
        "La Madeleine",
        "Mons-en-Barœul",
        "Loos",
        "Croix",
        "Wasquehal",
        "Hem",
        "Halluin",
        "Ronchin",
        "Faches-Thumesnil",
        "Mouvaux",
        "Seclin",
        "Haubourdin",
        "Wattignies",
        "Saint-André-lez-Lille",
        "Lys-lez-Lannoy",
        "Wambrechies",
        "Marquette-lez-Lille",
        "Comines",
        "Lesquin",
        "Bondues",
        "Roncq",
        "Leers",
        "Lannoy",
        "Linselles",
        "Neuville-en-Ferrain",
        "Houplines",
        "Quesnoy-sur-Deûle",
        "Pérenchies",
        "Lezennes",
        "Templemars",
        "Vendeville",
        "Fretin",
        "Sainghin-en-Mélantois",
        "Chéreng",
        "Baisieux",
        "Forest-sur-Marque",
        "Toufflers",
        "Sailly-lez-Lannoy",
        "Willems",
        "Bousbecque",
        "Wervicq-Sud",
        "Verlinghem",
        "Lompret",
        "Prémesques",
        "Capinghem",
        "Sequedin",
        "Englos",
        "Emmerin",
        "Santes",
        "Wavrin",
        "Hallennes-lez-Haubourdin",
        "Annœullin",
        "Erquinghem-Lys",
        "La Chapelle-d'Armentières",
        "Frelinghien",
        "Deûlémont",
    ),
    # Amiens and the Somme (département 80: any commune of the Somme is this pole).
    Pole.AMIENS: (
        "Amiens",
        "Abbeville",
        "Albert",
        "Péronne",
        "Doullens",
        "Montdidier",
        "Ham",
        "Roye",
        "Rue",
        "Saint-Valery-sur-Somme",
        "Corbie",
        "Longueau",
        "Camon",
        "Rivery",
        "Salouël",
        "Dury",
        "Boves",
        "Saleux",
        "Pont-de-Metz",
        "Glisy",
        "Cagny",
        "Querrieu",
        "Villers-Bretonneux",
        "Ailly-sur-Somme",
        "Ailly-sur-Noye",
        "Moreuil",
        "Flixecourt",
        "Picquigny",
        "Poix-de-Picardie",
        "Conty",
        "Airaines",
        "Friville-Escarbotin",
        "Feuquières-en-Vimeu",
        "Gamaches",
        "Mers-les-Bains",
        "Ault",
        "Cayeux-sur-Mer",
        "Le Crotoy",
        "Fort-Mahon-Plage",
        "Quend",
        "Crécy-en-Ponthieu",
        "Hallencourt",
        "Oisemont",
        "Beauval",
        "Bray-sur-Somme",
        "Chaulnes",
        "Nesle",
        "Rosières-en-Santerre",
        "Longpré-les-Corps-Saints",
    ),
    # Dunkerque, Calais, Boulogne-sur-Mer and the Opal Coast around them.
    Pole.LITTORAL: (
        "Dunkerque",
        "Grande-Synthe",
        "Coudekerque-Branche",
        "Saint-Pol-sur-Mer",
        "Fort-Mardyck",
        "Gravelines",
        "Bourbourg",
        "Téteghem-Coudekerque-Village",
        "Leffrinckoucke",
        "Zuydcoote",
        "Bray-Dunes",
        "Ghyvelde",
        "Cappelle-la-Grande",
        "Armbouts-Cappel",
        "Loon-Plage",
        "Grand-Fort-Philippe",
        "Spycker",
        "Bergues",
        "Calais",
        "Coquelles",
        "Coulogne",
        "Marck",
        "Sangatte",
        "Fréthun",
        "Oye-Plage",
        "Guînes",
        "Ardres",
        "Boulogne-sur-Mer",
        "Le Portel",
        "Outreau",
        "Saint-Martin-Boulogne",
        "Saint-Léonard",
        "Saint-Étienne-au-Mont",
        "Équihen-Plage",
        "Wimereux",
        "Wimille",
        "Ambleteuse",
        "Audresselles",
        "Wissant",
        "Marquise",
        "Condette",
        "Neufchâtel-Hardelot",
        "Étaples",
        "Camiers",
        "Le Touquet-Paris-Plage",
        "Cucq",
        "Merlimont",
        "Berck",
        "Rang-du-Fliers",
        "Montreuil-sur-Mer",
    ),
    # The rest of Hauts-de-France: Nord, Pas-de-Calais, Aisne and Oise outside the poles above.
    Pole.REGION: (
        # Nord
        "Valenciennes",
        "Douai",
        "Cambrai",
        "Maubeuge",
        "Denain",
        "Hazebrouck",
        "Bailleul",
        "Avesnes-sur-Helpe",
        "Anzin",
        "Saint-Amand-les-Eaux",
        "Condé-sur-l'Escaut",
        "Raismes",
        "Onnaing",
        "Aulnoy-lez-Valenciennes",
        "Bruay-sur-l'Escaut",
        "Sin-le-Noble",
        "Somain",
        "Aniche",
        "Waziers",
        "Cuincy",
        "Caudry",
        "Le Cateau-Cambrésis",
        "Le Quesnoy",
        "Hautmont",
        "Jeumont",
        "Feignies",
        "Louvroil",
        "Aulnoye-Aymeries",
        "Fourmies",
        "Orchies",
        "Cysoing",
        "Templeuve-en-Pévèle",
        "Pont-à-Marcq",
        "Merville",
        "Estaires",
        "Nieppe",
        "Steenvoorde",
        "Cassel",
        "Wormhout",
        # Pas-de-Calais
        "Arras",
        "Lens",
        "Liévin",
        "Béthune",
        "Saint-Omer",
        "Hénin-Beaumont",
        "Bruay-la-Buissière",
        "Carvin",
        "Avion",
        "Harnes",
        "Méricourt",
        "Sallaumines",
        "Courrières",
        "Oignies",
        "Libercourt",
        "Noyelles-Godault",
        "Montigny-en-Gohelle",
        "Loos-en-Gohelle",
        "Bully-les-Mines",
        "Nœux-les-Mines",
        "Mazingarbe",
        "Wingles",
        "Vendin-le-Vieil",
        "Auchel",
        "Barlin",
        "Beuvry",
        "Lillers",
        "Isbergues",
        "Aire-sur-la-Lys",
        "Longuenesse",
        "Arques",
        "Achicourt",
        "Saint-Laurent-Blangy",
        "Beaurains",
        "Bapaume",
        "Saint-Pol-sur-Ternoise",
        "Hesdin",
        # Aisne
        "Saint-Quentin",
        "Laon",
        "Soissons",
        "Château-Thierry",
        "Chauny",
        "Tergnier",
        "Hirson",
        "Villers-Cotterêts",
        "Guise",
        "Bohain-en-Vermandois",
        "Vervins",
        "Gauchy",
        "La Fère",
        # Oise
        "Beauvais",
        "Compiègne",
        "Creil",
        "Nogent-sur-Oise",
        "Senlis",
        "Noyon",
        "Chantilly",
        "Montataire",
        "Crépy-en-Valois",
        "Méru",
        "Pont-Sainte-Maxence",
        "Margny-lès-Compiègne",
        "Lacroix-Saint-Ouen",
        "Venette",
        "Liancourt",
        "Gouvieux",
        "Lamorlaye",
        "Chambly",
        "Villers-Saint-Paul",
        "Saint-Just-en-Chaussée",
    ),
    # Big cities outside the region that contacts often come from (France, Belgium, UK…).
    Pole.HORS_REGION: (
        "Paris",
        "Lyon",
        "Marseille",
        "Toulouse",
        "Nice",
        "Nantes",
        "Strasbourg",
        "Montpellier",
        "Bordeaux",
        "Rennes",
        "Reims",
        "Le Havre",
        "Rouen",
        "Caen",
        "Metz",
        "Nancy",
        "Dijon",
        "Grenoble",
        "Tours",
        "Orléans",
        "Clermont-Ferrand",
        "Troyes",
        "Charleville-Mézières",
        "Boulogne-Billancourt",
        "Versailles",
        "Nanterre",
        "Saint-Denis",
        "Cergy",
        "Roissy-en-France",
        "Bruxelles",
        "Anvers",
        "Gand",
        "Bruges",
        "Ostende",
        "Courtrai",
        "Ypres",
        "Menin",
        "Mouscron",
        "Tournai",
        "Mons",
        "Charleroi",
        "Namur",
        "Liège",
        "Luxembourg",
        "Amsterdam",
        "Rotterdam",
        "Londres",
        "Douvres",
        "Genève",
    ),
}
"""Display names of the main communes of each pole, most important first."""

COMMUNE_ALIASES: dict[str, str] = {
    # Other official or usual names of a commune above -> its display name.
    "Téteghem": "Téteghem-Coudekerque-Village",
    "Hellemmes-Lille": "Hellemmes",
    "Villeneuve-Dascq": "Villeneuve-d'Ascq",
    "Berck-sur-Mer": "Berck",
    "Le Touquet": "Le Touquet-Paris-Plage",
    "Hardelot": "Neufchâtel-Hardelot",
    "Saint-Martin-lès-Boulogne": "Saint-Martin-Boulogne",
    "Bruay-en-Artois": "Bruay-la-Buissière",
    "Rijsel": "Lille",
    "Duinkerke": "Dunkerque",
    "Dunkirk": "Dunkerque",
    # Foreign spellings of cities outside the region.
    "Brussel": "Bruxelles",
    "Brussels": "Bruxelles",
    "Antwerpen": "Anvers",
    "Antwerp": "Anvers",
    "Gent": "Gand",
    "Ghent": "Gand",
    "Brugge": "Bruges",
    "Oostende": "Ostende",
    "Kortrijk": "Courtrai",
    "Ieper": "Ypres",
    "Menen": "Menin",
    "Moeskroen": "Mouscron",
    "Doornik": "Tournai",
    "Luik": "Liège",
    "London": "Londres",
    "Dover": "Douvres",
    "Geneva": "Genève",
}
"""Other spellings a user may type, mapped to the display name of a commune of POLE_COMMUNES."""

# --------------------------------------------------------------------------------------------
# Folding
# --------------------------------------------------------------------------------------------

_SEPARATORS = str.maketrans(dict.fromkeys("'’‘ʼ`´′-‐‑‒–—―−_.,;:/\\()[]{}\"«»", " "))
_SUR_ABBREVIATION = re.compile(r"\bs\s*/\s*")  # "Boulogne s/ Mer"
_TOKEN_REWRITES = {
    "saint": "st",
    "sainte": "st",
    "ste": "st",
    "lez": "les",  # "Lys-lez-Lannoy" / "Lys-lès-Lannoy"
}
_DROPPED_TOKENS = frozenset({"cedex"})
_TRAILING_NOISE = frozenset({"arrondissement", "arrdt", "arr"})
_ARRONDISSEMENT = re.compile(r"\d{1,2}(?:e|er|re|eme|ieme|nd|nde)?")


def fold(text: str) -> str:
    """The lookup key of a city name: case, accents and punctuation removed.

    Lowercase; accents dropped (NFKD without combining marks, ``œ`` -> ``oe``, ``æ`` -> ``ae``);
    hyphens, apostrophes (``'`` and ``’``), dots and other punctuation turned into single spaces;
    ``saint``/``sainte``/``st``/``ste`` all become ``st`` and ``lez`` becomes ``les``; ``s/``
    becomes ``sur``; the word ``cedex`` and a trailing arrondissement or cedex number
    (``"Paris 15e"``, ``"Lille Cedex 9"``) are dropped. ``fold(fold(x)) == fold(x)``.

    >>> fold("Villeneuve-d’Ascq")
    'villeneuve d ascq'
    >>> fold("ST-OMER CEDEX")
    'st omer'
    """
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    text = _SUR_ABBREVIATION.sub("sur ", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    tokens = [
        _TOKEN_REWRITES.get(token, token)
        for token in text.translate(_SEPARATORS).split()
        if token not in _DROPPED_TOKENS
    ]
    while len(tokens) > 1 and (
        tokens[-1] in _TRAILING_NOISE or _ARRONDISSEMENT.fullmatch(tokens[-1])
    ):
        tokens.pop()
    return " ".join(tokens)


# --------------------------------------------------------------------------------------------
# Postcodes
# --------------------------------------------------------------------------------------------

_POSTCODE = re.compile(r"(?:0[1-9]|[1-8]\d|9[0-5])\d{3}|97[1-8]\d\d|98\d{3}")
_POSTCODE_IN_TEXT = re.compile(r"(?:\bfr?\s*-\s*)?(?<!\d)(\d{2}) ?(\d{3})(?!\d)", re.IGNORECASE)
_POSTCODE_PREFIX = re.compile(r"^fr?\s*-\s*", re.IGNORECASE)


def normalize_postcode(postcode: str | None) -> str | None:
    """``postcode`` as five digits if it is a valid French postcode, else None.

    Spaces and an ``F-``/``FR-`` prefix are tolerated (``"59 000"``, ``"F-59000"``). Valid means
    metropolitan (``01``–``95``, Corsica being ``20xxx``) or overseas (``971``–``978``, ``98x``);
    Corsican département codes (``"2A004"``) and anything not five digits are not postcodes.
    """
    if not postcode:
        return None
    compact = "".join(_POSTCODE_PREFIX.sub("", postcode.strip()).split())
    return compact if _POSTCODE.fullmatch(compact) else None


def split_postcode(text: str) -> tuple[str | None, str]:
    """The first valid French postcode found in ``text`` and the text without it.

    >>> split_postcode("59000 Lille")
    ('59000', 'Lille')
    >>> split_postcode("Lille")
    (None, 'Lille')
    """
    for match in _POSTCODE_IN_TEXT.finditer(text):
        postcode = match.group(1) + match.group(2)
        if _POSTCODE.fullmatch(postcode):
            rest = text[: match.start()] + " " + text[match.end() :]
            return postcode, " ".join(rest.split())
    return None, text.strip()


def departement_of_postcode(postcode: str | None) -> Departement | None:
    """The Hauts-de-France département of a postcode (``"80100"`` -> Somme), else None."""
    normalized = normalize_postcode(postcode)
    if normalized is None:
        return None
    return DEPARTEMENTS_BY_POSTCODE_PREFIX.get(normalized[:2])


# --------------------------------------------------------------------------------------------
# Lookup tables, built once, on first use (5 ms that the TUI's start-up does not wait for)
# --------------------------------------------------------------------------------------------


class _Tables(NamedTuple):
    pole_by_key: dict[str, Pole]
    display_by_key: dict[str, str]
    completions: list[tuple[str, str]]  # (folded name or alias, display name), sorted
    completion_keys: list[str]  # the first items of ``completions``, for bisect


@functools.cache
def _tables() -> _Tables:
    """The pole and display name of every folded name and alias, and the completion index."""
    pole_by_key: dict[str, Pole] = {}
    display_by_key: dict[str, str] = {}
    pole_by_display: dict[str, Pole] = {}
    for pole, communes in POLE_COMMUNES.items():
        for name in communes:
            key = fold(name)
            # First entry wins; tests/unit/test_geography.py checks there is no conflict.
            pole_by_key.setdefault(key, pole)
            display_by_key.setdefault(key, name)
            pole_by_display.setdefault(name, pole)
    for alias, name in COMMUNE_ALIASES.items():
        key = fold(alias)
        if name in pole_by_display and key not in pole_by_key:
            pole_by_key[key] = pole_by_display[name]
            display_by_key[key] = name
    # Completion also indexes "st" spelled out, so that a half-typed "Sain" finds "Saint-Omer"
    # (a full "saint" folds to "st" and finds it through the plain key).
    completions = set(display_by_key.items())
    for key, name in display_by_key.items():
        if "st" in key.split():
            spelled = " ".join("saint" if token == "st" else token for token in key.split())
            completions.add((spelled, name))
    ordered = sorted(completions)
    return _Tables(pole_by_key, display_by_key, ordered, [key for key, _ in ordered])


def _city_key(city: str | None) -> tuple[str | None, str]:
    """The postcode found in ``city`` (if any) and the folded rest."""
    if not city:
        return None, ""
    postcode, rest = split_postcode(city)
    return postcode, fold(rest)


# --------------------------------------------------------------------------------------------
# Public lookups
# --------------------------------------------------------------------------------------------


def suggest_pole(city: str | None, postcode: str | None = None) -> Pole | None:
    """The pole a city (and optionally its postcode) suggests, or None if it cannot be told.

    A known commune name wins, whatever the postcode. Otherwise the postcode (``postcode`` if
    valid, else one written in ``city`` such as ``"59000 Lille"``) decides: Somme (``80``) is
    Amiens, the other départements of the region are "Reste de la région", any other French
    postcode is "Hors région". Otherwise a known city outside the region is "Hors région".
    Anything else, including an empty city, gives None: the pole is never guessed.
    """
    found_postcode, key = _city_key(city)
    known = _tables().pole_by_key.get(key) if key else None
    if known is not None and known is not Pole.HORS_REGION:
        return known
    effective_postcode = normalize_postcode(postcode) or found_postcode
    if effective_postcode is not None:
        departement = DEPARTEMENTS_BY_POSTCODE_PREFIX.get(effective_postcode[:2])
        return departement.default_pole if departement else Pole.HORS_REGION
    return known  # Pole.HORS_REGION for a known city outside the region, else None


def city_display_name(city: str | None) -> str | None:
    """The canonical spelling of a known commune, to fix the user's spelling.

    ``"villeneuve d ascq"`` -> ``"Villeneuve-d'Ascq"``, ``"kortrijk"`` -> ``"Courtrai"``. A
    postcode, ``Cedex`` or an arrondissement number in ``city`` are ignored (``"75015 Paris 15e"``
    -> ``"Paris"``). None when the commune is not known.
    """
    _, key = _city_key(city)
    return _tables().display_by_key.get(key) if key else None


def communes_matching(prefix: str, limit: int = 10) -> list[str]:
    """Known commune display names whose folded name (or alias) starts with the folded ``prefix``.

    For autocompletion: an exact match comes first, then the others alphabetically (on their
    folded name). At most ``limit`` names; none for an empty prefix.
    """
    key = fold(prefix) if prefix else ""
    if not key or limit <= 0:
        return []
    exact: set[str] = set()
    matches: set[str] = set()
    tables = _tables()
    for index in range(bisect_left(tables.completion_keys, key), len(tables.completions)):
        candidate, name = tables.completions[index]
        if not candidate.startswith(key):
            break
        matches.add(name)
        if candidate == key:
            exact.add(name)
    ordered = sorted(matches, key=lambda name: (name not in exact, fold(name), name))
    return ordered[:limit]
