"""The words of the demo network: names, places, fictional companies, phrases.

Pure data for :mod:`tui_reseau.domain.demo`. Every person and company here is invented:
company names are coined words (``Flandrix``, ``Opalinea``) or a surname, banks and firms do not
exist. Places, CCIs and public venues are real, so that poles and search behave as with real data.

Gendered words are written ``"masculin|féminin"`` (a word without ``|`` serves both); in
phrases, ``{e}`` and ``{ne}`` are the feminine endings ("" for a man).
"""

from __future__ import annotations

from typing import NamedTuple

from tui_reseau.domain.vocabulary import Pole

# --------------------------------------------------------------------------------------- people

FIRST_NAMES_F: tuple[str, ...] = (
    "Hélène", "Françoise", "Léa", "Chloé", "Émilie", "Céline", "Aurélie", "Mélanie",
    "Stéphanie", "Valérie", "Sophie", "Claire", "Camille", "Julie", "Anne", "Isabelle",
    "Nathalie", "Sandrine", "Caroline", "Marion", "Manon", "Pauline", "Élodie", "Laurence",
    "Agnès", "Bérénice", "Inès", "Maëlle", "Noémie", "Zoé", "Margaux", "Charlotte",
    "Juliette", "Audrey", "Virginie", "Séverine", "Géraldine", "Delphine", "Sabine",
    "Véronique", "Brigitte", "Martine", "Christine", "Élise", "Amélie", "Clémence",
    "Océane", "Justine", "Anaïs", "Gaëlle",
)  # fmt: skip

FIRST_NAMES_M: tuple[str, ...] = (
    "Benoît", "Jérôme", "François", "Frédéric", "Stéphane", "Sébastien", "Thomas",
    "Nicolas", "Julien", "Pierre", "Antoine", "Olivier", "Laurent", "Christophe",
    "Philippe", "Éric", "Thierry", "Vincent", "Guillaume", "Mathieu", "Hugo", "Lucas",
    "Maxime", "Romain", "Alexandre", "Grégory", "Cédric", "Jean-Marc", "Jean-François",
    "Jean-Baptiste", "Hervé", "Régis", "Gaëtan", "Loïc", "Raphaël", "Théo", "Clément",
    "Bastien", "Arnaud", "Damien", "Xavier", "Didier", "Patrick", "Bruno", "Emmanuel",
    "Yannick", "Aurélien", "Jérémy", "Fabrice", "Ludovic",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Dupont", "Dupuis", "Lefèvre", "Lefebvre", "Delattre", "Vandenbussche", "Desmet",
    "Lemaire", "Boulanger", "Leroy", "Lecomte", "Duhamel", "Vasseur", "Carpentier",
    "Dumont", "Delcourt", "Deschamps", "Lebrun", "Leclercq", "Lemoine", "Caron",
    "Declercq", "Vanhoutte", "Vandamme", "Verhaeghe", "Dhondt", "Devos", "Deprez",
    "Delannoy", "Delahaye", "Dubois", "Poulain", "Lenglet", "Hennebert", "Flament",
    "Cuvelier", "Dufour", "Lagache", "Wattel", "Bécue", "Théry", "Delobel", "Hochart",
    "Desrumaux", "Lesage", "Maréchal", "Prévost", "Ségard", "Crépel", "Lhermitte",
    "Bouchez", "Debruyne", "Vermeulen", "Dewaele", "Ducrocq", "Fourmaintraux",
    "Lemaître", "Lefranc", "Pruvost", "Sénéchal", "Delplanque", "Legrand", "Marchand",
    "Petit", "Martin", "Bernard", "Roussel", "Gosselin", "Mercier", "Lambert",
    "Bourgeois", "Bertin", "Hénon", "Facon", "Leleu", "Crespel", "Degand", "Hennequin",
    "Lannoy", "Mortier", "Pollet", "Quénu", "Ryckebusch", "Tillie", "Vanneste",
    "Wallart", "Ansart", "Blondel", "Couvreur", "Dassonville", "Évrard", "Fiévet",
    "Gheysens", "Lefort", "Méresse", "Noël", "Plouvier", "Delevoye", "Hautecœur",
)  # fmt: skip

CHILD_NAMES_F: tuple[str, ...] = (
    "Inès", "Léa", "Zoé", "Jade", "Emma", "Chloé", "Louise", "Alice", "Manon", "Lina", "Rose",
)  # fmt: skip
CHILD_NAMES_M: tuple[str, ...] = (
    "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Nathan", "Raphaël", "Théo", "Noé",
)  # fmt: skip

# ------------------------------------------------------------------------------------- places
# (commune, postcode, weight). Communes are real, with their official spelling.

CITIES: dict[Pole, tuple[tuple[str, str, int], ...]] = {
    Pole.LILLE: (
        ("Lille", "59000", 14), ("Roubaix", "59100", 3), ("Tourcoing", "59200", 3),
        ("Villeneuve-d'Ascq", "59650", 4), ("Marcq-en-Barœul", "59700", 3),
        ("Lambersart", "59130", 2), ("La Madeleine", "59110", 2), ("Wasquehal", "59290", 1),
        ("Croix", "59170", 1), ("Mons-en-Barœul", "59370", 1), ("Seclin", "59113", 1),
        ("Lesquin", "59810", 1), ("Armentières", "59280", 1), ("Wambrechies", "59118", 1),
        ("Bondues", "59910", 1), ("Ronchin", "59790", 1), ("Loos", "59120", 1),
        ("Haubourdin", "59320", 1), ("Wattrelos", "59150", 1), ("Halluin", "59250", 1),
        ("Faches-Thumesnil", "59155", 1), ("Comines", "59560", 1), ("Mouvaux", "59420", 1),
    ),
    Pole.AMIENS: (
        ("Amiens", "80000", 14), ("Abbeville", "80100", 3), ("Albert", "80300", 1),
        ("Péronne", "80200", 1), ("Doullens", "80600", 1), ("Montdidier", "80500", 1),
        ("Corbie", "80800", 1), ("Camon", "80450", 1), ("Longueau", "80330", 1),
        ("Rivery", "80136", 1), ("Ham", "80400", 1), ("Roye", "80700", 1),
        ("Saint-Valery-sur-Somme", "80230", 1), ("Boves", "80440", 1),
        ("Salouël", "80480", 1), ("Dury", "80480", 1), ("Friville-Escarbotin", "80130", 1),
    ),
    Pole.LITTORAL: (
        ("Dunkerque", "59140", 7), ("Calais", "62100", 6), ("Boulogne-sur-Mer", "62200", 6),
        ("Gravelines", "59820", 1), ("Grande-Synthe", "59760", 1),
        ("Coudekerque-Branche", "59210", 1), ("Wimereux", "62930", 1),
        ("Le Portel", "62480", 1), ("Outreau", "62230", 1), ("Étaples", "62630", 1),
        ("Le Touquet-Paris-Plage", "62520", 1), ("Berck", "62600", 1), ("Marck", "62730", 1),
        ("Coquelles", "62231", 1), ("Loon-Plage", "59279", 1),
        ("Saint-Martin-Boulogne", "62280", 1),
    ),
    Pole.REGION: (
        ("Arras", "62000", 4), ("Lens", "62300", 3), ("Liévin", "62800", 1),
        ("Béthune", "62400", 2), ("Douai", "59500", 3), ("Valenciennes", "59300", 3),
        ("Cambrai", "59400", 2), ("Maubeuge", "59600", 2), ("Beauvais", "60000", 3),
        ("Compiègne", "60200", 3), ("Creil", "60100", 1), ("Saint-Quentin", "02100", 3),
        ("Laon", "02000", 1), ("Soissons", "02200", 1), ("Hénin-Beaumont", "62110", 1),
        ("Bruay-la-Buissière", "62700", 1), ("Hazebrouck", "59190", 1),
        ("Saint-Omer", "62500", 2), ("Senlis", "60300", 1), ("Chantilly", "60500", 1),
        ("Noyon", "60400", 1), ("Château-Thierry", "02400", 1),
    ),
    Pole.HORS_REGION: (
        ("Paris", "75002", 2), ("Paris", "75008", 3), ("Paris", "75010", 2),
        ("Bruxelles", "1000", 3), ("Reims", "51100", 2), ("Rouen", "76000", 2),
        ("Lyon", "69002", 1), ("Tournai", "7500", 1), ("Mouscron", "7700", 1),
        ("Courtrai", "8500", 1), ("Nantes", "44000", 1),
    ),
}  # fmt: skip

POLE_WEIGHTS: dict[Pole, int] = {
    Pole.LILLE: 45,
    Pole.AMIENS: 20,
    Pole.LITTORAL: 18,
    Pole.REGION: 12,
    Pole.HORS_REGION: 5,
}

# Sectors of the businesses of each pole (codes of vocabulary.SECTORS).
POLE_SECTORS: dict[Pole, dict[str, int]] = {
    Pole.LILLE: {
        "numerique": 18, "conseil": 14, "finance": 12, "commerce": 12, "btp": 6,
        "sante": 6, "industrie": 6, "logistique": 6, "formation": 5, "tourisme": 4,
        "energie": 3, "agroalimentaire": 3, "automobile": 2,
    },
    Pole.AMIENS: {
        "agroalimentaire": 18, "industrie": 14, "commerce": 10, "btp": 8, "conseil": 8,
        "sante": 6, "numerique": 6, "logistique": 6, "tourisme": 5, "automobile": 5,
        "formation": 5, "energie": 4, "finance": 3,
    },
    Pole.LITTORAL: {
        "logistique": 22, "industrie": 14, "agroalimentaire": 12, "energie": 10,
        "tourisme": 8, "commerce": 8, "btp": 6, "conseil": 6, "numerique": 4, "sante": 4,
        "automobile": 3,
    },
    Pole.REGION: {
        "automobile": 14, "industrie": 14, "logistique": 12, "commerce": 10,
        "agroalimentaire": 8, "btp": 8, "energie": 6, "conseil": 6, "numerique": 6,
        "sante": 6, "formation": 4, "tourisme": 4,
    },
    Pole.HORS_REGION: {
        "conseil": 20, "numerique": 20, "finance": 15, "logistique": 10, "commerce": 10,
        "industrie": 10, "energie": 5, "agroalimentaire": 5,
    },
}  # fmt: skip

# --------------------------------------------------------------------------------- companies
# Coined stems, made of regional words: no real company is meant.

STEMS: tuple[str, ...] = (
    "Flandrix", "Opalinea", "Beffrilys", "Scarpelis", "Deûlivia", "Lysaria", "Artésio",
    "Somméa", "Canchéo", "Authéa", "Hainova", "Escautis", "Ternéo", "Marquenta",
    "Avesnéa", "Wimélia", "Houblonis", "Terrilia", "Carillona", "Géantix", "Moulinor",
    "Estamina", "Brumélia", "Dunéris", "Ponthéa", "Vimélis", "Santerra", "Pévélia",
    "Mélantis", "Weppéo", "Ostrevia", "Thiérix", "Boulonéa", "Calésio", "Picardys",
    "Baiévia", "Hortilia", "Ferrainor",
)  # fmt: skip

COMPANY_FORMS: dict[str, tuple[str, ...]] = {
    "agroalimentaire": (
        "Conserverie {s}", "{s} Saveurs", "Biscuiterie {s}", "Brasserie artisanale {s}",
        "{s} Marée", "Malterie {s}",
    ),
    "logistique": ("{s} Logistique", "Transports {s}", "{s} Fret", "Entrepôts {s}",
                   "{s} Transmanche"),
    "automobile": ("{s} Équipements Auto", "{s} Automotive", "Carrosserie industrielle {s}"),
    "numerique": ("{s} Digital", "{s} Data", "{s} Labs", "{s} Informatique", "{s} Web"),
    "finance": ("{s} Finance", "{s} Patrimoine", "{s} Gestion privée"),
    "conseil": ("{s} Conseil", "{s} Partners", "{s} Stratégie", "{s} RH"),
    "juridique": ("Cabinet {s}", "{s} Juridique"),
    "industrie": ("{s} Industrie", "Fonderie {s}", "{s} Mécanique", "Ateliers {s}",
                  "{s} Plasturgie"),
    "btp": ("{s} Bâtiment", "{s} Construction", "{s} Immobilier", "Charpentes {s}"),
    "commerce": ("{s} Distribution", "Maison {s}", "{s} Négoce"),
    "sante": ("{s} Santé", "Laboratoire {s}", "{s} Médical"),
    "energie": ("{s} Énergies", "{s} Environnement", "{s} Solaire", "{s} Recyclage"),
    "tourisme": ("Hôtel {s}", "{s} Voyages", "Gîtes {s}"),
    "formation": ("{s} Formation", "École {s}", "{s} Académie"),
    "autre": ("{s} Services",),
}  # fmt: skip

BANKS: tuple[str, ...] = (
    "Banque du Beffroi", "Crédit Flandre-Artois", "Banque Scarpe & Lys",
    "Crédit des Trois Ports", "Banque Picarde d'Entreprises",
)  # fmt: skip

# Local shops of circle 1: (company form, role, sector). {n}: the owner's surname.
SHOPS: tuple[tuple[str, str, str], ...] = (
    ("Boulangerie {n}", "Boulanger|Boulangère", "commerce"),
    ("Fromagerie {n}", "Fromager|Fromagère", "commerce"),
    ("Boucherie {n}", "Boucher|Bouchère", "commerce"),
    ("Cave {s}", "Caviste", "commerce"),
    ("Librairie {s}", "Libraire", "commerce"),
    ("Fleurs {s}", "Fleuriste", "commerce"),
    ("Estaminet {s}", "Restaurateur|Restauratrice", "tourisme"),
    ("Imprimerie {s}", "Imprimeur|Imprimeuse", "industrie"),
    ("Garage {n}", "Garagiste", "automobile"),
    ("Optique {s}", "Opticien|Opticienne", "sante"),
)

# Prescribers of circle 2: kind -> (company forms, roles, sector).
PRESCRIBERS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "expert_comptable": (
        ("Cabinet {s} Expertise", "{s} Audit & Conseil", "Fiduciaire {s}"),
        ("Expert-comptable|Experte-comptable",
         "Expert-comptable associé|Experte-comptable associée",
         "Collaborateur comptable|Collaboratrice comptable"),
        "juridique",
    ),
    "avocat_affaires": (
        ("{s} Avocats", "Cabinet {n} Avocats", "{n} & Associés"),
        ("Avocat associé|Avocate associée",
         "Avocat en droit des affaires|Avocate en droit des affaires",
         "Avocat en droit social|Avocate en droit social"),
        "juridique",
    ),
    "banquier": (
        ("{bank}",),
        ("Chargé d'affaires entreprises|Chargée d'affaires entreprises",
         "Directeur d'agence|Directrice d'agence",
         "Conseiller professionnels|Conseillère professionnels"),
        "finance",
    ),
    "consultant": (
        ("{s} Conseil", "{s} Partners", "{n} Consulting"),
        ("Consultant en stratégie|Consultante en stratégie", "Consultant RH|Consultante RH",
         "Consultant export|Consultante export", "Consultant en organisation|"
         "Consultante en organisation"),
        "conseil",
    ),
    "notaire": (("Office notarial {n}",), ("Notaire", "Notaire associé|Notaire associée"),
                "juridique"),
    "assureur": (
        ("{s} Assurances", "Cabinet {n} Courtage"),
        ("Agent général d'assurance|Agente générale d'assurance",
         "Courtier en assurances|Courtière en assurances"),
        "finance",
    ),
}  # fmt: skip

BUSINESS_ROLES: tuple[str, ...] = (
    "Dirigeant|Dirigeante", "Directeur commercial|Directrice commerciale",
    "Responsable des achats", "Directeur administratif et financier|"
    "Directrice administrative et financière", "Responsable marketing",
    "Chef de projet|Cheffe de projet", "Ingénieur d'affaires|Ingénieure d'affaires",
    "Fondateur|Fondatrice", "Gérant|Gérante", "Responsable RH",
    "Directeur général|Directrice générale",
)  # fmt: skip

SECTOR_ROLES: dict[str, tuple[str, ...]] = {
    "logistique": ("Responsable d'entrepôt", "Directeur des opérations|Directrice des opérations",
                   "Responsable transport"),
    "numerique": ("Directeur technique|Directrice technique", "Product manager",
                  "Développeur senior|Développeuse senior"),
    "agroalimentaire": ("Responsable qualité", "Directeur de site|Directrice de site"),
    "industrie": ("Directeur d'usine|Directrice d'usine", "Responsable maintenance"),
    "automobile": ("Responsable des achats industriels", "Ingénieur qualité|Ingénieure qualité"),
    "btp": ("Conducteur de travaux|Conductrice de travaux", "Promoteur|Promotrice"),
    "energie": ("Chef de projet éolien|Cheffe de projet éolien", "Responsable RSE"),
}  # fmt: skip

# Circle 3: roles of people who work for a community, by contact kind.
COMMUNITY_STAFF_ROLES: dict[str, tuple[str, ...]] = {
    "cci": ("Conseiller entreprises|Conseillère entreprises",
            "Chargé de mission international|Chargée de mission international",
            "Responsable animation des réseaux", "Élu CCI|Élue CCI"),
    "association": ("Délégué général|Déléguée générale", "Chargé de mission|Chargée de mission",
                    "Président|Présidente"),
    "plateforme": ("Animateur de communauté|Animatrice de communauté",
                   "Chargé de relations entreprises|Chargée de relations entreprises"),
    "institution": ("Chargé de développement économique|Chargée de développement économique",
                    "Directeur du développement économique|"
                    "Directrice du développement économique"),
}  # fmt: skip
CLUB_MEMBER_ROLES: tuple[str, ...] = (
    "Dirigeant|Dirigeante", "Gérant|Gérante", "Président|Présidente", "Fondateur|Fondatrice",
)  # fmt: skip

# Contact kinds of each circle, with their weights.
KIND_WEIGHTS: dict[int, dict[str, int]] = {
    1: {"ancien_collegue": 25, "camarade_promo": 15, "voisin_entrepreneur": 15,
        "commercant_local": 15, "ami_famille": 10, "client": 20},
    2: {"expert_comptable": 28, "avocat_affaires": 20, "banquier": 20, "consultant": 22,
        "notaire": 5, "assureur": 5},
    3: {"cci": 18, "membre_club": 45, "association": 15, "plateforme": 12, "institution": 10},
}  # fmt: skip

# How a contact was first met, by circle (codes of vocabulary.CHANNELS).
MET_VIA: dict[int, dict[str, int]] = {
    1: {"autre": 40, "dejeuner": 15, "recommandation": 15, "linkedin": 10, "evenement": 10,
        "rendez_vous": 10},
    2: {"recommandation": 35, "rendez_vous": 25, "evenement": 20, "linkedin": 10, "appel": 10},
    3: {"evenement": 45, "plateforme": 20, "linkedin": 20, "recommandation": 15},
}  # fmt: skip

# ------------------------------------------------------------------------------- communities
# (name, kind, our role, pole, months since we joined, notes)

COMMUNITIES: tuple[tuple[str, str, str, Pole, int, str], ...] = (
    ("CCI Grand Lille", "cci", "actif", Pole.LILLE, 40,
     "Commission numérique et afterworks mensuels."),
    ("CCI Amiens-Picardie", "cci", "passif", Pole.AMIENS, 26,
     "Inscrit aux conférences, peu présent."),
    ("CCI Littoral Hauts-de-France", "cci", "passif", Pole.LITTORAL, 18,
     "Rencontres export transmanche."),
    ("BNI Lille Centre", "club", "responsable", Pole.LILLE, 30,
     "Petit-déjeuner chaque mardi à 7 h ; je suis responsable des visiteurs."),
    ("DCF Amiens", "club", "actif", Pole.AMIENS, 22, "Dîners-débats mensuels."),
    ("APM Littoral", "club", "passif", Pole.LITTORAL, 14, "Club de dirigeants, un thème par mois."),
    ("Association Logistique Nord", "association", "actif", Pole.LITTORAL, 20,
     "Groupe de travail « entrepôts de demain »."),
    ("Connect HDF", "plateforme", "actif", Pole.REGION, 16,
     "Plateforme régionale : profil complété, mises en relation géolocalisées."),
)  # fmt: skip

# Added one by one for large demo networks (every 10 000 contacts).
EXTRA_COMMUNITIES: tuple[tuple[str, str, str, Pole, int, str], ...] = (
    ("BNI Roubaix-Tourcoing", "club", "passif", Pole.LILLE, 10, ""),
    ("DCF Lille Métropole", "club", "passif", Pole.LILLE, 12, ""),
    ("APM Arras", "club", "passif", Pole.REGION, 9, ""),
    ("CCI Artois", "cci", "passif", Pole.REGION, 24, ""),
    ("CCI Grand Hainaut", "cci", "passif", Pole.REGION, 20, ""),
    ("Club Export Flandres", "club", "actif", Pole.LILLE, 15, ""),
    ("Association Numérique Opale", "association", "passif", Pole.LITTORAL, 8, ""),
    ("Club Agroalimentaire de Picardie", "association", "passif", Pole.AMIENS, 11, ""),
    ("Cercle des prescripteurs lillois", "association", "actif", Pole.LILLE, 13, ""),
    ("Club des dirigeants de l'Oise", "club", "passif", Pole.REGION, 7, ""),
    ("Association Transmanche Entreprises", "association", "passif", Pole.LITTORAL, 6, ""),
    ("Club Industrie Valenciennes", "club", "passif", Pole.REGION, 5, ""),
)  # fmt: skip

# The CCI a CCI person of each pole works for.
POLE_CCI: dict[Pole, str] = {
    Pole.LILLE: "CCI Grand Lille",
    Pole.AMIENS: "CCI Amiens-Picardie",
    Pole.LITTORAL: "CCI Littoral Hauts-de-France",
    Pole.REGION: "CCI Grand Lille",
    Pole.HORS_REGION: "CCI Grand Lille",
}

# ------------------------------------------------------------------------------------ events
# (name, community or None, pole, place, hours incl. travel, cost in euros)

EVENTS: tuple[tuple[str, str | None, Pole, str, str, str], ...] = (
    ("Petit-déjeuner BNI Lille Centre", "BNI Lille Centre", Pole.LILLE,
     "Brasserie du Beffroi, Lille", "2.00", "18.00"),
    ("Afterwork CCI Grand Lille", "CCI Grand Lille", Pole.LILLE, "CCI Grand Lille, Lille",
     "3.00", "0.00"),
    ("Salon des entrepreneurs de Lille Métropole", None, Pole.LILLE, "Lille Grand Palais",
     "7.00", "0.00"),
    ("Conférence « Financer sa croissance »", "CCI Amiens-Picardie", Pole.AMIENS,
     "CCI Amiens-Picardie, Amiens", "4.50", "0.00"),
    ("Dîner-débat DCF Amiens", "DCF Amiens", Pole.AMIENS, "Restaurant du Port, Amiens",
     "5.00", "65.00"),
    ("Soirée APM Littoral", "APM Littoral", Pole.LITTORAL, "Kursaal, Dunkerque", "5.50",
     "80.00"),
    ("Forum Logistique du Littoral", "Association Logistique Nord", Pole.LITTORAL,
     "Halle aux sucres, Dunkerque", "7.50", "45.00"),
    ("Petit-déjeuner BNI Lille Centre", "BNI Lille Centre", Pole.LILLE,
     "Brasserie du Beffroi, Lille", "2.00", "18.00"),
    ("Rencontres export transmanche", "CCI Littoral Hauts-de-France", Pole.LITTORAL,
     "Centre des congrès, Calais", "6.00", "0.00"),
    ("Matinale Connect HDF", "Connect HDF", Pole.REGION, "Citadelle, Arras", "4.00", "0.00"),
    ("Salon de l'agroalimentaire picard", None, Pole.AMIENS, "Mégacité, Amiens", "8.00",
     "30.00"),
    ("Conférence « IA et PME » à EuraTechnologies", None, Pole.LILLE,
     "EuraTechnologies, Lille", "3.00", "0.00"),
    ("Petit-déjeuner BNI Lille Centre", "BNI Lille Centre", Pole.LILLE,
     "Brasserie du Beffroi, Lille", "2.00", "18.00"),
    ("Visite d'entreprise CCI Grand Lille", "CCI Grand Lille", Pole.LILLE, "Roubaix", "3.50",
     "0.00"),
    ("Salon du transport et de la logistique", None, Pole.HORS_REGION,
     "Paris Nord Villepinte", "10.00", "120.00"),
    ("Afterwork Connect HDF", "Connect HDF", Pole.LILLE, "Vieux-Lille, Lille", "2.50",
     "15.00"),
    ("Journée de l'export vers la Belgique", None, Pole.HORS_REGION, "Bruxelles", "9.00",
     "90.00"),
    ("Petit-déjeuner des prescripteurs", None, Pole.LILLE, "Marcq-en-Barœul", "2.00", "0.00"),
    ("Convention d'affaires Hauts-de-France", None, Pole.REGION, "Valenciennes", "8.00",
     "60.00"),
    ("Dîner-débat DCF Amiens", "DCF Amiens", Pole.AMIENS, "Restaurant du Port, Amiens",
     "5.00", "65.00"),
)  # fmt: skip

# Involvement in communities, by our role: (kind, description, hours).
INVOLVEMENTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "responsable": (
        ("responsabilite", "Responsable de l'accueil des visiteurs", "2.00"),
        ("evenement_organise", "Organisation d'un petit-déjeuner thématique", "8.00"),
        ("intervention", "Présentation de mon activité en 10 minutes", "3.00"),
        ("participation", "Réunion du bureau", "2.00"),
        ("responsabilite", "Parrainage d'un nouveau membre", "1.50"),
    ),
    "actif": (
        ("participation", "Participation à la commission", "2.50"),
        ("intervention", "Atelier « bien utiliser LinkedIn en local »", "4.00"),
        ("participation", "Groupe de travail mensuel", "2.00"),
        ("evenement_organise", "Co-organisation d'un afterwork", "6.00"),
    ),
    "passif": (("participation", "Assemblée générale", "3.00"),),
}

# ---------------------------------------------------------------------------------- phrases

PASSIONS: tuple[str, ...] = (
    "Voile à Wimereux", "Trail, prépare un ultra sur la Côte d'Opale",
    "Cyclisme : a fait Paris-Roubaix Challenge", "Jazz, joue du saxophone",
    "Char à voile à Berck", "Supporter du LOSC, abonné", "Supporter du RC Lens",
    "Photographie de la baie de Somme", "Golf le samedi matin",
    "Course à pied : semi-marathon de Lille", "Cuisine flamande", "Apiculture",
    "Théâtre amateur", "Collectionne les bières d'abbaye", "Randonnée dans l'Avesnois",
)  # fmt: skip

PROJECTS: tuple[str, ...] = (
    "Nouvel entrepôt à Arras", "Levée de fonds prévue cette année", "Export vers la Belgique",
    "Reprise d'une entreprise à Béthune", "Ouverture d'une deuxième boutique",
    "Certification ISO 14001", "Déménagement à EuraTechnologies",
    "Recrutement d'un directeur commercial", "Nouveau site e-commerce",
    "Passage à l'électrique pour la flotte de camions", "Rachat d'un concurrent picard",
    "Développement vers le Royaume-Uni", "Création d'une filiale à Lille",
)  # fmt: skip

DIFFICULTIES: tuple[str, ...] = (
    "Recrutement de caristes", "Trésorerie tendue", "Hausse du prix de l'énergie",
    "Retards de paiement de clients", "Succession du dirigeant à préparer",
    "Trouver des locaux à Lille", "Perte d'un gros client", "Difficulté à recruter des "
    "développeurs", "Contrôle fiscal en cours", "Délais d'approvisionnement",
)  # fmt: skip

OTHER_DETAILS: tuple[str, ...] = (
    "Ne boit pas de café, préfère le thé", "Ancien rugbyman", "Parle couramment néerlandais",
    "Préfère être appelé{e} en fin de journée", "Originaire de Dunkerque, fan du carnaval",
    "Végétarien|Végétarienne", "Ancien{ne} de la promo 2008 de l'IAE de Lille",
)  # fmt: skip

CONTACT_NOTES: tuple[str, ...] = (
    "Très réactif{e} par SMS.", "Préfère les rendez-vous en fin de journée.",
    "À inviter au prochain petit-déjeuner BNI.", "Connaît tout le monde dans son secteur.",
    "Toujours partant{e} pour une mise en relation.",
    "Rappeler plutôt le vendredi.",
)  # fmt: skip

CHILDREN: tuple[str, ...] = (
    "Deux enfants : {boy} et {girl}", "Une fille, {girl}, étudiante à Lille",
    "Un fils, {boy}, joue au foot le samedi", "Trois enfants, le plus jeune entre au collège",
)  # fmt: skip

EVENT_NOTES: tuple[str, ...] = (
    "Très bon accueil, à refaire.", "Beaucoup de monde, peu d'échanges utiles.",
    "Deux pistes sérieuses.", "Intervenants de qualité.",
)  # fmt: skip

SPOUSE_JOBS: tuple[str, ...] = (
    "architecte", "kinésithérapeute", "dans l'enseignement", "à son compte",
    "dans la banque", "journaliste", "dans la fonction publique territoriale",
    "au CHU", "dans l'industrie pharmaceutique",
)  # fmt: skip

INTERACTION_NOTES: dict[str, tuple[str, ...]] = {
    "dejeuner": ("Déjeuner à {city} : point sur ses projets de l'année.",
                 "Déjeuner, a évoqué un besoin de recrutement.",
                 "Déjeuner de rentrée, échange de bons procédés.",
                 "Déjeuner : m'a parlé d'un prospect à lui présenter."),
    "cafe": ("Café rapide avant son rendez-vous.", "Café à {city}, présentation de nos offres.",
             "Café : prise de nouvelles, rien d'urgent."),
    "appel": ("Appel pour prendre des nouvelles.", "Appel : questions sur un devis.",
              "Rappel suite à son message.", "Appel : m'a demandé un contact à {city}."),
    "email": ("Envoi de la plaquette.", "Échange de mails pour caler un rendez-vous.",
              "Remerciements après la mise en relation."),
    "linkedin": ("Message LinkedIn après sa publication.", "Félicitations pour son nouveau poste.",
                 "A commenté notre article, échange en message privé."),
    "visio": ("Visio : cadrage d'un projet.", "Visio de suivi, tout avance bien.",
              "Visio : démonstration de notre outil."),
    "rendez_vous": ("Rendez-vous dans ses locaux à {city}.",
                    "Présentation de notre offre à son équipe.",
                    "Rendez-vous de suivi de la mission."),
    "plateforme": ("Mise en relation via Connect HDF.", "Échange sur la plateforme Connect HDF."),
    "evenement": ("Échange au {event}.", "Rencontré{e} au {event}, à recontacter.",
                  "Discussion au {event} sur ses projets."),
}  # fmt: skip

# Minutes for each channel: (min, max, step); None when a duration means nothing.
DURATIONS: dict[str, tuple[int, int, int] | None] = {
    "dejeuner": (60, 120, 15), "cafe": (20, 45, 5), "appel": (5, 30, 5), "email": None,
    "linkedin": None, "visio": (30, 60, 15), "rendez_vous": (45, 90, 15),
    "plateforme": None, "evenement": (15, 45, 5),
}  # fmt: skip

INTERACTION_CHANNELS: dict[int, dict[str, int]] = {
    1: {"dejeuner": 20, "cafe": 20, "appel": 20, "email": 15, "linkedin": 10, "visio": 5,
        "rendez_vous": 10},
    2: {"dejeuner": 20, "rendez_vous": 20, "appel": 20, "email": 20, "visio": 10, "cafe": 10},
    3: {"email": 20, "linkedin": 20, "plateforme": 15, "appel": 15, "cafe": 10, "visio": 10,
        "rendez_vous": 10},
}  # fmt: skip

FOLLOW_UP_REASONS: tuple[str, ...] = (
    "Envoyer la plaquette", "Relancer pour la proposition", "Proposer un déjeuner",
    "Prendre des nouvelles du projet", "Remercier pour la recommandation",
    "Lui présenter un prescripteur", "Inviter au prochain petit-déjeuner BNI",
    "Envoyer l'article promis", "Caler une visio de suivi", "Féliciter pour la levée de fonds",
)  # fmt: skip

RECOMMENDATION_NEEDS: tuple[str, ...] = (
    "Un client cherche un prestataire pour refondre son site e-commerce",
    "Une PME de son portefeuille veut structurer son développement commercial",
    "Besoin d'un audit de la chaîne logistique", "Projet d'export vers la Belgique",
    "Un dirigeant cherche un tableau de bord de pilotage", "Recrutement d'un profil commercial",
    "Une entreprise familiale prépare sa transmission", "Besoin de former ses managers",
)  # fmt: skip

RECOMMENDATION_CHANNELS: dict[str, int] = {
    "appel": 30, "email": 25, "dejeuner": 20, "rendez_vous": 10, "linkedin": 10, "evenement": 5,
}  # fmt: skip

OPPORTUNITY_CHANNELS: dict[str, int] = {  # opportunities neither recommended nor met at an event
    "linkedin": 25, "plateforme": 20, "appel": 20, "email": 15, "dejeuner": 10, "rendez_vous": 10,
}  # fmt: skip

LOST_REASONS: tuple[str, ...] = (
    "Budget reporté à l'an prochain.", "Un concurrent moins cher a été retenu.",
    "Projet abandonné.",
)  # fmt: skip

OPPORTUNITY_TITLES: tuple[tuple[str, int, int], ...] = (
    ("Refonte du site e-commerce", 8_000, 35_000),
    ("Audit de la chaîne logistique", 6_000, 25_000),
    ("Accompagnement au développement export", 5_000, 30_000),
    ("Formation des managers", 2_500, 12_000),
    ("Tableau de bord de pilotage", 3_000, 15_000),
    ("Mission de conseil en organisation", 10_000, 60_000),
    ("Déploiement d'un CRM", 7_000, 40_000),
    ("Étude de marché Belgique", 4_000, 18_000),
    ("Accompagnement à la transmission", 5_000, 25_000),
    ("Atelier stratégie commerciale", 1_500, 6_000),
)  # fmt: skip

ADVICE: tuple[str, ...] = (
    "Conseils sur le choix d'un logiciel de gestion", "Relecture de sa plaquette commerciale",
    "Conseils pour son premier salon", "Retour d'expérience sur notre levée de fonds",
    "Aide à la préparation d'un appel d'offres", "Conseils LinkedIn pour son équipe",
)  # fmt: skip
OTHER_SERVICES: tuple[str, ...] = (
    "Prêt de notre salle de réunion", "Partage d'un contact presse",
    "Relais de son offre d'emploi", "Invitation au petit-déjeuner BNI comme visiteur",
)  # fmt: skip

# -------------------------------------------------------------------------------- personas
# The first contacts, always the same: they make search demos and screenshots reproducible
# ("Dupont", "Dupuis", "Hélène", the baker of Amiens…) and cover every circle and pole.


class Persona(NamedTuple):
    first: str
    last: str
    gender: str  # "f" or "m"
    circle: int
    kind: str
    pole: Pole
    city: str
    postcode: str
    sector: str
    company: str
    role: str
    tags: tuple[str, ...]
    community: str | None  # the community they belong to
    details: tuple[tuple[str, str], ...]  # (kind, text) memorised


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "Hélène", "Dupont", "f", 2, "expert_comptable", Pole.LILLE, "Lille", "59000",
        "juridique", "Fiduciaire Beffrilys", "Experte-comptable associée",
        ("prescripteur", "vip"), None,
        (("conjoint", "Mariée à Marc, architecte"), ("passion", "Voile à Wimereux"),
         ("projet", "Ouverture d'un bureau à Amiens")),
    ),
    Persona(
        "Benoît", "Dupuis", "m", 1, "commercant_local", Pole.AMIENS, "Amiens", "80000",
        "commerce", "Boulangerie Dupuis", "Boulanger",
        (), None,
        (("enfants", "Deux enfants : Lucas et Inès"),
         ("projet", "Ouverture d'une deuxième boutique à Saint-Leu"),
         ("difficulte", "Hausse du prix de l'énergie pour les fours")),
    ),
    Persona(
        "Jérôme", "Vandenbussche", "m", 1, "ancien_collegue", Pole.LITTORAL, "Dunkerque", "59140",
        "logistique", "Entrepôts Flandrix", "Directeur des opérations",
        ("export",), None,
        (("passion", "Cyclisme : a fait Paris-Roubaix Challenge"),
         ("difficulte", "Recrutement de caristes"), ("projet", "Nouvel entrepôt à Arras")),
    ),
    Persona(
        "Françoise", "Lefèvre", "f", 3, "cci", Pole.LILLE, "Lille", "59000",
        "public", "CCI Grand Lille", "Conseillère entreprises",
        ("cci",), "CCI Grand Lille", (),
    ),
    Persona(
        "Léa", "Desmet", "f", 3, "membre_club", Pole.LILLE, "Villeneuve-d'Ascq", "59650",
        "numerique", "Opalinea Digital", "Fondatrice",
        ("bni",), "BNI Lille Centre", (("projet", "Levée de fonds"),),
    ),
    Persona(
        "Antoine", "Vasseur", "m", 1, "camarade_promo", Pole.REGION, "Arras", "62000",
        "logistique", "Transports Artésio", "Gérant",
        (), None, (("passion", "Trail, prépare un ultra sur la Côte d'Opale"),),
    ),
    Persona(
        "Chloé", "Delattre", "f", 2, "banquier", Pole.LILLE, "Marcq-en-Barœul", "59700",
        "finance", "Banque du Beffroi", "Chargée d'affaires entreprises",
        ("prescripteur",), None,
        (("passion", "Jazz, joue du saxophone"), ("enfants", "Une fille, Zoé, en prépa à Lille")),
    ),
    Persona(
        "Mathieu", "Dupont", "m", 2, "consultant", Pole.HORS_REGION, "Paris", "75008",
        "conseil", "Hainova Conseil", "Consultant export",
        ("prescripteur", "export"), None,
        (("projet", "Export vers la Belgique pour deux clients"),),
    ),
    Persona(
        "Claire", "Declercq", "f", 3, "association", Pole.LITTORAL, "Calais", "62100",
        "logistique", "Association Logistique Nord", "Déléguée générale",
        ("logistique",), "Association Logistique Nord", (),
    ),
    Persona(
        "Sophie", "Boulanger", "f", 1, "client", Pole.AMIENS, "Abbeville", "80100",
        "agroalimentaire", "Conserverie Somméa", "Directrice générale",
        ("client", "vip"), None,
        (("conjoint", "En couple avec Julien, kinésithérapeute"),
         ("difficulte", "Trésorerie tendue")),
    ),
    Persona(
        "Thomas", "Lemaire", "m", 2, "avocat_affaires", Pole.AMIENS, "Amiens", "80000",
        "juridique", "Lemaire & Hochart Avocats", "Avocat associé",
        ("prescripteur",), None, (("passion", "Supporter de l'Amiens SC"),),
    ),
    Persona(
        "Camille", "Leclercq", "f", 3, "plateforme", Pole.REGION, "Arras", "62000",
        "numerique", "Connect HDF", "Animatrice de communauté",
        (), "Connect HDF", (),
    ),
    Persona(
        "Nathalie", "Duhamel", "f", 3, "membre_club", Pole.AMIENS, "Amiens", "80000",
        "industrie", "Ateliers Santerra", "Présidente",
        ("dcf",), "DCF Amiens", (),
    ),
    Persona(
        "Éric", "Deprez", "m", 3, "membre_club", Pole.LITTORAL, "Boulogne-sur-Mer", "62200",
        "agroalimentaire", "Boulonéa Marée", "Dirigeant",
        ("apm", "export"), "APM Littoral", (("passion", "Char à voile à Berck"),),
    ),
)  # fmt: skip
