"""Benchmark of the in-memory contact search index (tui_reseau.domain.search_index).

Run:  .venv/bin/python benchmarks/bench_search_index.py [--sizes 1000,10000,100000] [--verbose]

Generates a deterministic synthetic French network (seeded random), builds the index, runs a fixed
list of queries (typed prefixes, typos, two-token queries, no-match queries) several times and
prints: size, build time, median and p95 search time, RSS increase, add/remove cost, and, measured
in the same run, a naive baseline: rapidfuzz ``process.extract(query, all_names,
scorer=fuzz.WRatio, limit=50)`` over the same documents.

Each size runs in a fresh child process so that its RSS delta is not blurred by the previous size.
``measure(sizes)`` returns the rows as dicts, for a future ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from tui_reseau.domain.search_index import SearchIndex  # noqa: E402

SEED = 20240611


def _parts(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


QUERIES: tuple[str, ...] = (
    # typed prefixes, one keystroke at a time
    "d",
    "du",
    "dup",
    "dupo",
    "dupon",
    "dupont",
    "hél",
    "hélène",
    # typos and missing accents
    "dupond",
    "duppont",
    "lefebre",
    "helene",
    "heleen",
    "tourcong",
    "boulangr",
    "architecet",
    # other fields
    "roubaix",
    "voile",
    "entrepot",
    "cci",
    "kiné",
    # two tokens (each may match a different field)
    "boulanger amiens",
    "comptable lille",
    "notaire arras",
    "marie dupont",
    "jean lef",
    "passion voile",
    "photographe calais",
    # nothing to find
    "xqzwv",
    "zzzz wkq",
)

FIRST_NAMES = _parts(
    "Jean Marie Pierre Hélène Élodie Jérôme François Françoise Cécile Gaëlle Loïc Zoé Chloé Noël "
    "Anaïs Clément Aurélie Mélanie Raphaël Benoît Léa Inès Maël Thérèse Agnès Bérénice Josée "
    "Stéphane Frédéric Sébastien Grégoire Rémi Jérémie Valérie Sandrine Nathalie Isabelle Sophie "
    "Julien Nicolas Thomas Antoine Camille Manon Lucie Emma Louise Jules Hugo Arthur Gabriel Léo "
    "Paul Louis Adèle Margaux Océane Mathilde Pauline Émilie Céline Laurence Christophe Philippe "
    "Olivier Bruno Didier Thierry Pascal Laurent Éric Hervé Yves Gérard Michel Alain Bernard "
    "Dominique Patrick Vincent Xavier Maxime Quentin Romain Kévin Mickaël Jordan Dylan Yanis "
    "Mohamed Karim Nadia Samira Fatima Yasmine Sarah Léna Jade Ambre Rose Alice Juliette Anne "
    "Claire Delphine Virginie Estelle Solène Maëlys Noémie Gaël Joël Daniel Régis Ludovic"
)

LAST_NAMES = _parts(
    "Dupont Dupuis Dupré Durand Dubois Martin Bernard Petit Leroy Moreau Lefèvre Lefebvre "
    "Leclercq Deschamps Delattre Vandenbussche Lemaire Delcroix Wattel Descamps Carpentier "
    "Dhainaut Caron Lecomte Vasseur Delannoy Hennebelle Duhamel Brunet Bonnet Fournier Girard "
    "Lambert Fontaine Rousseau Vincent Muller Lefranc Masson Marchand Duval Denis Dumont Marie "
    "Lemoine Noël Meyer Dufour Meunier Blanchard Gauthier Perrin Robin Clément Morin Nicolas "
    "Henry Roussel Mathieu Garnier Chevalier François Legrand Gaillard Barbier Arnaud Martinez "
    "Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemaire "
    "Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Lucas "
    "Delmotte Desmet Vandamme Verbeke Deleplanque Lesage Delbecq Hochart Debruyne Vanhoutte "
    "Bouchart Beaumont Dewailly Delepine Flament Hanquez Lagache Lebrun Merlin Poulain Sénéchal "
    "Têtu Valléry Œillet Bœuf Crépin Hébert Lécuyer Méresse Pétillon Régnier Thérouanne Vérité"
)

SYL_A = _parts("Van Vande De Le Du Del Ver Hen Mar Bou Ca Dé Wa Gru Ha Lo Pe Ri Tho Bri")
SYL_B = [*_parts("den ber mer cou ba le ri lan mon ter ha vo gue pel dre"), ""]
SYL_C = _parts(
    "becque court mont ville ghem hem aert elle ier ard et ot aux ez oy ant ière art ecke ynck"
)

CITIES = _parts(
    "Lille;Roubaix;Tourcoing;Villeneuve-d’Ascq;Amiens;Arras;Lens;Douai;Valenciennes;Dunkerque;"
    "Calais;Boulogne-sur-Mer;Béthune;Beauvais;Compiègne;Saint-Quentin;Cambrai;Maubeuge;"
    "Abbeville;Soissons;Laon;Creil;Senlis;Armentières;Hazebrouck;Saint-Omer;Marcq-en-Barœul;"
    "Wambrechies;Lambersart;La Madeleine;Hénin-Beaumont;Liévin;Château-Thierry;Noyon;Péronne;"
    "Chantilly;Le Touquet-Paris-Plage;Berck;Étaples;Montreuil-sur-Mer;Bailleul;Seclin;Wattrelos;"
    "Croix;Hem;Lomme;Loos;Faches-Thumesnil;Ronchin;Mons-en-Barœul;Wasquehal;Bruay-la-Buissière;"
    "Carvin;Avion;Denain;Anzin;Saint-Amand-les-Eaux;Caudry;Fourmies;Hirson;Chauny;Tergnier;"
    "Clermont;Méru;Nogent-sur-Oise;Pont-Sainte-Maxence;Crépy-en-Valois;Albert;Doullens;Ham",
    ";",
)
BIG_CITIES = ("Lille", "Amiens", "Roubaix", "Tourcoing", "Arras", "Dunkerque", "Calais")

ROLES = _parts(
    "Boulanger;Boulangère;Comptable;Expert-comptable;Notaire;Avocate;Avocat;Architecte;Plombier;"
    "Électricien;Agent immobilier;Banquier;Conseillère bancaire;Assureur;Coach;Graphiste;"
    "Développeur;Photographe;Traiteur;Fleuriste;Pharmacien;Kinésithérapeute;Ostéopathe;"
    "Menuisier;Chef d’entreprise;Restaurateur;Consultant RH;Directrice commerciale;Gérant;"
    "Artisan couvreur;Paysagiste;Imprimeur;Journaliste;Chargée de mission CCI;Élu municipal;"
    "Dirigeant de PME;Commerçant;Caviste;Coiffeuse;Esthéticienne;Garagiste;Maçon;Peintre;"
    "Charcutier;Boucher;Fromager;Opticien;Dentiste;Médecin;Vétérinaire;Formateur;Traductrice;"
    "Webdesigner;Community manager;Chef de projet;Ingénieur;Logisticien;Transporteur",
    ";",
)

COMPANY_WORDS = _parts(
    "Atelier;Maison;Cabinet;Groupe;Studio;Agence;Boulangerie;Pharmacie;Garage;Imprimerie;"
    "Boucherie;Fromagerie;Comptoir;Bureau;Ferme",
    ";",
)
COMPANY_TAILS = _parts(
    "du Nord;des Flandres;de l’Opale;Picard;du Beffroi;des Weppes;du Hainaut;de la Lys;"
    "du Ternois;de l’Artois;des Monts;du Vimeu;Conseil;Services;Solutions;Élec;Habitat;"
    "Immobilier;Compta;Création;Numérique;Bâtiment",
    ";",
)

TAGS = _parts(
    "client;prescripteur;fournisseur;BNI;CCI;club d’affaires;golf;voile;ami;ancien collègue;"
    "Réseau Entreprendre;partenaire;investisseur;presse;mentor;association;mairie;banque;"
    "salon;à relancer;famille;voisin;Rotary;Lions;jeune dirigeant",
    ";",
)

HOBBIES = _parts(
    "voile;golf;course à pied;vélo;cuisine;œnologie;photographie;randonnée;pêche;théâtre;"
    "piano;jardinage;football;tennis;équitation;lecture;jazz;échecs;ski;plongée",
    ";",
)
PROJECTS = _parts(
    "nouvel entrepôt à {city};ouverture d’une boutique à {city};levée de fonds;"
    "recrutement d’un commercial;rachat de {company};déménagement à {city};"
    "site internet;export en Belgique;passage en SAS;nouvelle gamme bio",
    ";",
)
TOPICS = _parts(
    "la transmission d’entreprise;un local commercial;la fiscalité;le recrutement;"
    "la transition numérique;un partenariat;la formation;un salon professionnel;"
    "les aides régionales;une recommandation;le financement;l’export",
    ";",
)
NEEDS = _parts(
    "un expert-comptable;un local;un associé;des clients à {city};un avocat d’affaires;"
    "un banquier;un graphiste;un fournisseur local;un stagiaire",
    ";",
)
MONTHS = _parts(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
)
NOTE_TEMPLATES = (
    "Rencontré au petit-déjeuner {tag} de {city}, intéressé par {topic}.",
    "Déjeuner le {day} {month} : parle de {topic}, à relancer en {month2}.",
    "Présenté par {first} {last}, cherche {need}.",
    "Café à {city} ; très bon contact, connaît bien {first2} {last2} ({role}).",
    "Appel du {day} {month} : projet {word} en cours, rappeler après les vacances.",
    "Vu au salon de {city}, échange sur {topic} et {topic2}.",
    "Envoyé la plaquette le {day} {month}, pas de réponse, relancer par téléphone.",
    "Voir avec {first} pour le dossier {word} ; budget autour de {day} k€.",
)
LETTERS = "abcdefghijklmnopqrstuvwxyzéèàç"


class Generator:
    """Deterministic synthetic network: same seed, same contacts."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        rng = random.Random(seed + 1)
        generated = {a + b + c for a in SYL_A for b in SYL_B for c in SYL_C if rng.random() < 0.6}
        self.last_names = list(LAST_NAMES) + sorted(generated)

    def word(self) -> str:
        """A rare made-up word: real notes have a long tail of distinct words."""
        rng = self.rng
        return "".join(rng.choice(LETTERS) for _ in range(rng.randint(5, 10)))

    def last(self) -> str:
        rng = self.rng
        if rng.random() < 0.6:
            return rng.choice(LAST_NAMES)
        return rng.choice(self.last_names)

    def city(self) -> str:
        rng = self.rng
        return rng.choice(BIG_CITIES) if rng.random() < 0.4 else rng.choice(CITIES)

    def company(self, last: str) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return f"{last} & Fils" if rng.random() < 0.5 else f"SARL {last}"
        if r < 0.6:
            return f"{rng.choice(COMPANY_WORDS)} {last}"
        return f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_TAILS)}"

    def details(self, company: str) -> str:
        rng = self.rng
        items = []
        for kind in rng.sample(("passion", "projet", "enfants", "conjoint", "club"), 2):
            if kind == "passion":
                items.append(f"passion: {rng.choice(HOBBIES)}")
            elif kind == "projet":
                project = rng.choice(PROJECTS).format(city=self.city(), company=company)
                items.append(f"projet: {project}")
            elif kind == "enfants":
                items.append(f"enfants: {rng.randint(1, 4)}")
            elif kind == "conjoint":
                items.append(f"conjoint: {rng.choice(FIRST_NAMES)}")
            else:
                items.append(f"club: {rng.choice(TAGS)}")
        return "\n".join(items)

    def notes(self) -> str:
        rng = self.rng
        sentences = []
        for template in rng.sample(NOTE_TEMPLATES, rng.choice((2, 2, 3))):
            sentences.append(
                template.format(
                    tag=rng.choice(TAGS),
                    city=self.city(),
                    topic=rng.choice(TOPICS),
                    topic2=rng.choice(TOPICS),
                    day=rng.randint(1, 28),
                    month=rng.choice(MONTHS),
                    month2=rng.choice(MONTHS),
                    first=rng.choice(FIRST_NAMES),
                    last=self.last(),
                    first2=rng.choice(FIRST_NAMES),
                    last2=self.last(),
                    need=rng.choice(NEEDS).format(city=self.city()),
                    role=rng.choice(ROLES).lower(),
                    word=self.word(),
                )
            )
        return " ".join(sentences)

    def contact(self) -> dict[str, str]:
        rng = self.rng
        first = rng.choice(FIRST_NAMES)
        last = self.last()
        company = self.company(last) if rng.random() < 0.85 else ""
        return {
            "name": f"{first} {last}",
            "company": company,
            "role": rng.choice(ROLES),
            "city": self.city(),
            "tags": ", ".join(rng.sample(TAGS, rng.randint(1, 3))),
            "details": self.details(company or "la société"),
            "notes": self.notes(),
        }

    def docs(self, n: int) -> list[tuple[int, dict[str, str]]]:
        return [(i + 1, self.contact()) for i in range(n)]


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _timed(fn, *args, **kwargs) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    return (time.perf_counter() - t0) * 1000.0, result


def measure_one(size: int, repeats: int = 7, verbose: bool = False) -> dict[str, float]:
    """Build, query and time one index of ``size`` contacts (in this process)."""
    docs = Generator().docs(size)
    chars = sum(len(d["details"]) + len(d["notes"]) for _, d in docs) / size
    gc.collect()
    rss0 = rss_mib()
    t0 = time.perf_counter()
    index = SearchIndex.build(docs)
    build_s = time.perf_counter() - t0
    gc.collect()
    rss_delta = rss_mib() - rss0

    samples: list[float] = []
    per_query: dict[str, list[float]] = {}
    for query in QUERIES:
        index.search(query)  # warm-up
        times = [_timed(index.search, query)[0] for _ in range(repeats)]
        per_query[query] = times
        samples.extend(times)

    names = [d["name"] for _, d in docs]
    base_repeats = 1 if size >= 50_000 else 3
    baseline = [
        _timed(process.extract, query, names, scorer=fuzz.WRatio, limit=50)[0]
        for query in QUERIES
        for _ in range(base_repeats)
    ]

    extra = Generator(SEED + 7).docs(1000)
    t0 = time.perf_counter()
    for doc_id, fields in extra:
        index.add(size + doc_id, fields)
    add_us = (time.perf_counter() - t0) * 1e6 / len(extra)
    t0 = time.perf_counter()
    for doc_id, _ in extra:
        index.remove(size + doc_id)
    remove_us = (time.perf_counter() - t0) * 1e6 / len(extra)

    if verbose:
        print(f"\n{size} contacts, details+notes ≈ {chars:.0f} chars, {index!r}")
        for query, times in per_query.items():
            hits = index.search(query)
            top = f"{hits[0].field}: {hits[0].text[:40]!r}" if hits else "-"
            print(f"  {query!r:22} {statistics.median(times):7.2f} ms  {len(hits):3} hits  {top}")

    median = statistics.median(samples)
    base_median = statistics.median(baseline)
    return {
        "size": float(size),
        "build_s": build_s,
        "median_ms": median,
        "p95_ms": _percentile(samples, 0.95),
        "max_ms": max(samples),
        "rss_mib": rss_delta,
        "add_us": add_us,
        "remove_us": remove_us,
        "baseline_median_ms": base_median,
        "ratio": median / base_median,
    }


def measure(sizes: list[int], *, isolate: bool = True) -> list[dict[str, float]]:
    """One row per size; each size runs in a fresh interpreter unless ``isolate`` is false."""
    if not isolate:
        return [measure_one(size) for size in sizes]
    rows = []
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    return rows


def table(rows: list[dict[str, float]]) -> Iterator[str]:
    yield (
        f"{'size':>8} {'build s':>8} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} "
        f"{'RSS MiB':>8} {'add µs':>7} {'rm µs':>6} {'WRatio ms':>10} {'ratio':>7}"
    )
    for r in rows:
        yield (
            f"{int(r['size']):>8} {r['build_s']:>8.2f} {r['median_ms']:>10.2f} "
            f"{r['p95_ms']:>8.2f} {r['max_ms']:>8.2f} {r['rss_mib']:>8.1f} "
            f"{r['add_us']:>7.0f} {r['remove_us']:>6.0f} {r['baseline_median_ms']:>10.1f} "
            f"{r['ratio']:>7.3f}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", help="per-query times and top hit")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one)))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = [measure_one(size, verbose=True) for size in sizes] if args.verbose else measure(sizes)
    print(
        f"\n{len(QUERIES)} queries x 7 runs each; baseline = process.extract(query, names, "
        "scorer=fuzz.WRatio, limit=50); ratio = median / baseline median"
    )
    for line in table(rows):
        print(line)


if __name__ == "__main__":
    main()
