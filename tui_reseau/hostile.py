"""Hostile text samples: what names, notes and imported fields may hold, to prove they stay inert.

Used by the tests (TUI, CLI, imports) and by ``reseau doctor --selftest``, so that anyone can
rerun the same matrix. Each sample must be stored exactly and shown literally and safely: no
markup interpreted, no escape sequence reaching the terminal, no action triggered, no layout
broken.
"""

from __future__ import annotations

HUGE_LENGTH = 100_000

HOSTILE_SAMPLES: dict[str, str] = {
    "balisage Rich": "[bold red]Gras[/bold red] [reverse]inversé[/]",
    "lien Rich": "[link=https://exemple.invalid/piege]cliquez[/link]",
    "action Textual": "[@click=app.quit]Quitter[/] [@click=screen.delete]Suppr[/]",
    "variable de style": "$accent [on $error]fond[/]",
    "couleur ANSI": "\x1b[31mrouge\x1b[0m \x1b[1mgras\x1b[22m",
    "effacement d'écran": "Avant\x1b[2J\x1b[HAprès",
    "OSC 52 presse-papiers": "Zorglub\x1b]52;c;cm0gLXJmIH4vKg==\x07",
    "titre de fenêtre": "\x1b]0;Mot de passe ?\x07Titre",
    "lien OSC 8": "\x1b]8;;https://exemple.invalid\x1b\\lien\x1b]8;;\x1b\\",
    "caractères de contrôle": "nul\x00 cloche\x07 retour\x08 tab\t ret\r fin\x7f c1\x9b",
    "retour à la ligne": "ligne 1\nligne 2\r\nligne 3",
    "inversion droite-gauche": "facture\u202efdp.exe",
    "isolats bidi": "\u2067arabe \u0645\u0631\u062d\u0628\u0627\u2069 \u200fmarque",
    "emoji": "Équipe 👩‍💻🚀 🇫🇷 👍🏽",
    "accents combinants": "Cafe\u0301 Noe\u0308l Zalgo: Z\u0351\u0300\u0344\u033ea\u0357\u0308l\u0351\u0300g\u033eo",
    "largeur double": "東京の会社 ｆｕｌｌｗｉｄｔｈ",
    "chaîne immense": "A" * HUGE_LENGTH,
    "mot immense à espaces": ("Dupont " * (HUGE_LENGTH // 7))[:HUGE_LENGTH],
    "guillemets et SQL": "O'Brien \"Le Boss\" '); DROP TABLE contact; --",
    "séparateurs CSV": 'a,b;c\t"d""e"',
}


def short_samples() -> dict[str, str]:
    """The samples that fit a name field (100 characters at most), cut if longer."""
    return {name: text[:100] for name, text in HOSTILE_SAMPLES.items()}
