"""The commune's colours (``extra.couleurs`` in ``mkdocs.yml``) as CSS custom properties."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from macros.brochures.content import Charte
from macros.brochures.typeset import logo_problem
from macros.present.typographie import espaces_html

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_VARIABLES = {
    "primaire": [
        "--md-primary-fg-color",
        "--md-primary-fg-color--dark",
        "--md-primary-fg-color--light",
    ],
    "lien_clair": ["--pc-lien-clair"],
    "lien_sombre": ["--pc-lien-sombre"],
    "focus": ["--pc-focus"],
    "alerte": ["--pc-alerte"],
}


class ThemeError(ValueError):
    """A colour of ``mkdocs.yml`` is missing or not written ``#rrggbb``."""


def couleurs_css(extra: dict[str, Any]) -> str:
    couleurs = extra.get("couleurs") or {}
    lines = [":root {"]
    for key, variables in _VARIABLES.items():
        value = str(couleurs.get(key, ""))
        if not _HEX.match(value):
            raise ThemeError(
                f"mkdocs.yml : extra.couleurs.{key} doit être une couleur « #rrggbb » "
                f"(trouvé « {value} »)"
            )
        lines += [f"  {variable}: {value};" for variable in variables]
    lines += [
        "  --md-primary-bg-color: #ffffff;",
        "  --md-primary-bg-color--light: #ffffffb3;",
        "}",
    ]
    return "\n".join(lines) + "\n"


_MATERIAL_TOGGLES = ('id="__drawer" autocomplete="off"', 'id="__search" autocomplete="off"')


def valid_toggles(html: str) -> str:
    """Drop ``autocomplete`` from Material's two checkbox toggles (drawer, search).

    Material writes them outside any template block; HTML allows the attribute
    on text-like inputs only, so the Nu Html Checker reports two errors on
    every page (RGAA 8.2). Without it, Firefox may restore an open drawer when
    going back: harmless.
    """
    for toggle in _MATERIAL_TOGGLES:
        html = html.replace(toggle, toggle.removesuffix(' autocomplete="off"'))
    return html


_MAIN_OPEN = '<main class="md-main" data-md-component="main">'
_MAIN_AS_DIV = '<div class="md-main" data-md-component="main">'
# A literal start: a pattern opening on « \s* » tried every space of every page (1 s for
# 1,200 pages); the indentation the link leaves is harmless.
_PREV_NEXT = re.compile(r'<link rel="(?:prev|next)" href="[^"]*">')


def accessible_page(html: str) -> str:
    """Fix what Material writes outside any template block, in one page.

    - its checkbox toggles lose ``autocomplete`` (see ``valid_toggles``);
    - ``<link rel=prev|next>`` go: Material's keyboard handler follows them on
      the single keys ``n . p ,`` (RGAA 12.10, WCAG 2.1.4 forbid such shortcuts);
    - its ``<main>`` wraps the sidebars too, so a skip link to it would land
      before the navigation: it becomes a ``<div>``, and ``overrides/main.html``
      makes the content itself ``<main id="contenu">`` (the skip link's target);
    - French typography: no-break spaces before « : ; ! ? » and inside « 16 h 30 »,
      « 45 € », « 8 ans », « 01 99 00 00 00 » (:func:`~macros.present.typographie.espaces_html`).
    """
    html = espaces_html(_PREV_NEXT.sub("", valid_toggles(html)))
    if _MAIN_OPEN in html:
        head, _, tail = html.replace(_MAIN_OPEN, _MAIN_AS_DIV, 1).rpartition("</main>")
        html = head + "</div>" + tail
    return html


def charte(root: Path, project: dict[str, Any]) -> Charte:
    """The brochures' look from ``mkdocs.yml``: the primary colour and the logo (an SVG of ``docs/``).

    A logo that is not an SVG file of ``docs/`` is left off the brochures (Typst
    prints SVG sharp at any size; a photo logo would need its own rules).
    """
    couleur = str(((project.get("extra") or {}).get("couleurs") or {}).get("primaire", ""))
    if not _HEX.match(couleur):
        raise ThemeError(
            f"mkdocs.yml : extra.couleurs.primaire doit être une couleur « #rrggbb » "
            f"(trouvé « {couleur} »)"
        )
    logo = None
    name = (project.get("theme") or {}).get("logo")
    if isinstance(name, str) and name.lower().endswith(".svg"):
        docs = (root / "docs").resolve()
        path = (docs / name).resolve()
        if path.is_relative_to(docs) and path.is_file():
            try:
                logo = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                logo = ""
            problem = logo_problem(logo) if logo else "fichier illisible"
            if problem:
                raise ThemeError(
                    f"mkdocs.yml : theme.logo « {name} » : ce SVG ne peut pas être imprimé "
                    f"dans les brochures ({problem}).\n"
                    "  → enregistrez le logo en SVG valide (avec viewBox ou width et height), "
                    "ou remettez l'ancien fichier."
                )
    return Charte(couleur=couleur, logo=logo)
