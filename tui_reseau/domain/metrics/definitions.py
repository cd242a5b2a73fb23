"""The definitions of the metrics, in French, as the screen's help shows them.

Kept in step with the module docstrings of each family (``growth``, ``conversion``,
``recommendations``, ``roi``, ``discipline``) — they state the same rules. One paragraph per
line: the screen wraps them to its width.
"""

from __future__ import annotations

__all__ = ["DEFINITIONS", "DEFINITION_SECTIONS"]

DEFINITION_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Période",
        (
            "Des mois entiers jusqu'à aujourd'hui : « 3 derniers mois » = le mois en cours et "
            "les deux précédents (le 26/11 : du 01/09 au 26/11) ; 6 et 12 mois de même ; "
            "« cette année » = depuis le 1er janvier. Ce qui est prévu après aujourd'hui n'est "
            "pas compté.",
        ),
    ),
    (
        "1 · Nouveaux qualifiés",
        (
            "Un contact compte dans le mois de sa date de qualification (« qualifié depuis "
            "le… »), si elle tombe dans la période. Un contact qui n'est plus qualifié n'est "
            "plus compté.",
        ),
    ),
    (
        "2 · Conversion",
        (
            "Cohorte : les contacts rencontrés dans la période (date de rencontre, sinon date "
            "de saisie).",
            "Converti : au moins une opportunité, à n'importe quelle étape, ouverte avant la "
            "fin de la période. Gagné : au moins une opportunité « gagnée ».",
            "Taux = convertis ÷ cohorte et gagnés ÷ cohorte ; « — » quand la cohorte est vide. "
            "Par cercle, par pôle, et par canal de la première rencontre.",
        ),
    ),
    (
        "3 · Recommandations reçues",
        (
            "Celles reçues dans la période, par prescripteur (les 10 premiers), par cercle du "
            "prescripteur et par canal. À côté : les opportunités qui en sont nées et les "
            "euros gagnés.",
        ),
    ),
    (
        "4 · Temps investi",
        (
            "Événement tenu dans la période : ses heures (trajet compris), les contacts "
            "rencontrés, dont qualifiés, les opportunités nées de l'événement et les euros "
            "gagnés.",
            "Communauté : heures des implications de la période + heures de ses événements ; "
            "contacts = ses membres (rencontrés grâce à elle) rencontrés dans la période ; "
            "opportunités nées de ses événements et opportunités de ces membres (une fois "
            "chacune).",
            "Par heure : chaque chiffre divisé par les heures (« — » pour 0 h). Classement : "
            "euros gagnés par heure, puis contacts par heure. Concentrez-vous sur les canaux "
            "qui rapportent le plus.",
        ),
    ),
    (
        "5 · Relances",
        (
            "Relances prévues dans la période. Échues : faites, ou prévues avant aujourd'hui. "
            "À l'heure : faites au plus tard le jour prévu (un report ne déplace pas ce jour). "
            "Taux à l'heure = à l'heure ÷ échues.",
            "En retard : pas faites et attendues avant aujourd'hui (date de report s'il y en a "
            "une), comme dans l'agenda. Délai médian : entre le jour prévu et le jour où la "
            "relance a été faite, 0 pour celles faites à temps.",
        ),
    ),
    (
        "Lire et vérifier",
        (
            "Les barres d'un groupe sont à l'échelle de la plus grande du groupe : lisez le "
            "chiffre à côté.",
            "Entrée sur une ligne : la liste des fiches qu'elle compte (Entrée sur une personne "
            "ouvre sa fiche).",
        ),
    ),
)
"""(title, paragraphs) of the help, in order."""

DEFINITIONS = "\n\n".join(
    title + "\n" + "\n".join(paragraphs) for title, paragraphs in DEFINITION_SECTIONS
)
"""The whole help as plain text: a title line, then one line per paragraph."""
