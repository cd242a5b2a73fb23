"""The method's words: circles, poles, sectors, kinds, channels, with their French labels.

Everything the store keeps as a short code (``"lille"``, ``"comptable"``, ``"dejeuner"``) is
defined here once, with the label the UI and the CLI show. Codes are stable: they are written to
the database and to exports, so a label may change but a code never does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


@dataclass(frozen=True, slots=True)
class Term:
    """One word of the vocabulary: a stored code and its French label."""

    code: str
    label: str
    description: str = ""


class Circle(IntEnum):
    """The three concentric circles of the method."""

    COMMUNAUTE = 1
    PRESCRIPTEURS = 2
    COMMUNAUTES_PRO = 3

    @property
    def label(self) -> str:
        return CIRCLE_LABELS[self]

    @property
    def description(self) -> str:
        return CIRCLE_DESCRIPTIONS[self]


CIRCLE_LABELS: dict[Circle, str] = {
    Circle.COMMUNAUTE: "Communauté immédiate",
    Circle.PRESCRIPTEURS: "Prescripteurs locaux",
    Circle.COMMUNAUTES_PRO: "Communautés professionnelles",
}

CIRCLE_DESCRIPTIONS: dict[Circle, str] = {
    Circle.COMMUNAUTE: (
        "Anciens collègues, camarades de promotion, voisins entrepreneurs, commerçants locaux : "
        "ils vous connaissent, vous font confiance et peuvent vous introduire auprès de leurs "
        "réseaux."
    ),
    Circle.PRESCRIPTEURS: (
        "Experts-comptables, avocats d'affaires, banquiers, consultants : ils rencontrent vos "
        "cibles et peuvent devenir apporteurs d'affaires. Cherchez à leur être utile en retour."
    ),
    Circle.COMMUNAUTES_PRO: (
        "CCI, clubs d'entrepreneurs (BNI, DCF, APM), associations sectorielles, plateformes comme "
        "Connect HDF : seule l'implication active compte."
    ),
}


class Pole(StrEnum):
    """The regional poles a contact, an event or a community belongs to."""

    LILLE = "lille"
    AMIENS = "amiens"
    LITTORAL = "littoral"
    REGION = "region"
    HORS_REGION = "hors_region"

    @property
    def label(self) -> str:
        return POLE_LABELS[self]

    @property
    def short_label(self) -> str:
        return POLE_SHORT_LABELS[self]


POLE_LABELS: dict[Pole, str] = {
    Pole.LILLE: "Lille Métropole",
    Pole.AMIENS: "Amiens & Somme",
    Pole.LITTORAL: "Littoral (Dunkerque, Calais, Boulogne)",
    Pole.REGION: "Reste de la région",
    Pole.HORS_REGION: "Hors région",
}

POLE_SHORT_LABELS: dict[Pole, str] = {
    Pole.LILLE: "Lille",
    Pole.AMIENS: "Amiens",
    Pole.LITTORAL: "Littoral",
    Pole.REGION: "Région",
    Pole.HORS_REGION: "Hors région",
}


def _terms(*pairs: tuple[str, str]) -> dict[str, Term]:
    return {code: Term(code, label) for code, label in pairs}


SECTORS: dict[str, Term] = _terms(
    ("agroalimentaire", "Agroalimentaire"),
    ("logistique", "Logistique et transport"),
    ("automobile", "Automobile"),
    ("numerique", "Numérique"),
    ("finance", "Finance, banque, assurance"),
    ("conseil", "Conseil et services aux entreprises"),
    ("juridique", "Juridique et comptable"),
    ("industrie", "Industrie"),
    ("btp", "BTP et immobilier"),
    ("commerce", "Commerce et distribution"),
    ("sante", "Santé"),
    ("energie", "Énergie et environnement"),
    ("tourisme", "Tourisme, hôtellerie, restauration"),
    ("formation", "Enseignement et formation"),
    ("public", "Secteur public et institutions"),
    ("autre", "Autre secteur"),
)

# Kinds of contact within each circle: who they are to us.
CONTACT_KINDS: dict[Circle, dict[str, Term]] = {
    Circle.COMMUNAUTE: _terms(
        ("ancien_collegue", "Ancien collègue"),
        ("camarade_promo", "Camarade de promotion"),
        ("voisin_entrepreneur", "Voisin entrepreneur"),
        ("commercant_local", "Commerçant local"),
        ("ami_famille", "Ami ou famille"),
        ("client", "Client"),
    ),
    Circle.PRESCRIPTEURS: _terms(
        ("expert_comptable", "Expert-comptable"),
        ("avocat_affaires", "Avocat d'affaires"),
        ("banquier", "Banquier"),
        ("consultant", "Consultant"),
        ("notaire", "Notaire"),
        ("assureur", "Assureur"),
    ),
    Circle.COMMUNAUTES_PRO: _terms(
        ("cci", "CCI"),
        ("membre_club", "Membre de club (BNI, DCF, APM…)"),
        ("association", "Association sectorielle"),
        ("plateforme", "Plateforme (Connect HDF…)"),
        ("institution", "Institution, collectivité"),
    ),
}

ALL_CONTACT_KINDS: dict[str, Term] = {
    code: term for kinds in CONTACT_KINDS.values() for code, term in kinds.items()
}


def circle_of_kind(kind: str) -> Circle | None:
    """The circle a contact kind belongs to, or None for an unknown code."""
    for circle, kinds in CONTACT_KINDS.items():
        if kind in kinds:
            return circle
    return None


COMMUNITY_KINDS: dict[str, Term] = _terms(
    ("cci", "CCI"),
    ("club", "Club d'entrepreneurs"),
    ("association", "Association sectorielle"),
    ("plateforme", "Plateforme régionale"),
)

COMMUNITY_ROLES: dict[str, Term] = {
    "passif": Term("passif", "Membre passif", "Inscrit, peu présent : invisible."),
    "actif": Term("actif", "Membre actif", "Présent, partage son expertise."),
    "responsable": Term(
        "responsable", "Responsable", "Prend des responsabilités, organise : incontournable."
    ),
}

INVOLVEMENT_KINDS: dict[str, Term] = _terms(
    ("responsabilite", "Responsabilité prise"),
    ("evenement_organise", "Événement organisé"),
    ("intervention", "Intervention, conférence donnée"),
    ("participation", "Participation"),
)

CHANNELS: dict[str, Term] = _terms(
    ("dejeuner", "Déjeuner"),
    ("cafe", "Café"),
    ("evenement", "Événement"),
    ("appel", "Appel"),
    ("email", "E-mail"),
    ("linkedin", "LinkedIn"),
    ("visio", "Visio"),
    ("rendez_vous", "Rendez-vous"),
    ("recommandation", "Recommandation"),
    ("plateforme", "Plateforme régionale"),
    ("autre", "Autre"),
)

DETAIL_KINDS: dict[str, Term] = _terms(
    ("conjoint", "Conjoint"),
    ("enfants", "Enfants"),
    ("passion", "Passion"),
    ("projet", "Projet en cours"),
    ("difficulte", "Difficulté mentionnée"),
    ("autre", "Autre"),
)

OPPORTUNITY_STAGES: dict[str, Term] = _terms(
    ("piste", "Piste"),
    ("proposition", "Proposition"),
    ("gagnee", "Gagnée"),
    ("perdue", "Perdue"),
)

SERVICE_KINDS: dict[str, Term] = _terms(
    ("mise_en_relation", "Mise en relation"),
    ("conseil", "Conseil"),
    ("recommandation", "Recommandation donnée"),
    ("autre", "Autre service"),
)

# Keep-in-touch cadence by circle, in days: a relation past it is "à raviver".
DEFAULT_CADENCE_DAYS: dict[Circle, int] = {
    Circle.COMMUNAUTE: 30,
    Circle.PRESCRIPTEURS: 45,
    Circle.COMMUNAUTES_PRO: 90,
}


def label(table: dict[str, Term], code: str | None) -> str:
    """The French label of ``code`` in ``table``; the code itself if unknown, "" if empty."""
    if not code:
        return ""
    term = table.get(code)
    return term.label if term else code
