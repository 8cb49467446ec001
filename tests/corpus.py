"""The hostile corpus shared by the data, export and site tests.

Values an editor may write (quotes, ampersands, Markdown or HTML syntax in
text, spreadsheet formulas, ``javascript:`` written as text) must be published
as text in every output: :data:`INERT` lists them with a plain twin, field by
field, in every data file kind that :func:`project_data` provides.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import yaml

from conftest import FIXTURES, ROOT, DataPath, edit_data

if TYPE_CHECKING:
    from pathlib import Path

BROCHURE = {"id": "guide", "titre": "Guide", "type": "guide-activites", "selection": {}}
RESSOURCE = {
    "titre": "Ressource",
    "resume": "Résumé",
    "description": "Texte.",
    "theme": "ecrans",
    "public": {"parents": True},
    "type": "guide",
    "organisme": "Ville",
}
REDIRECTION = {"de": "/ancienne-adresse/", "vers": "/activites/judo/"}
BESOINS = """besoins:
  - id: un-handicap
    titre: "Un handicap"
    texte: "Une phrase."
    contacts: [referent-inclusion]
"""
LEXIQUE = {
    "termes": [
        {
            "terme": "PAI",
            "developpe": "projet d'accueil individualisé",
            "definition": "Un document écrit pour un enfant malade.",
            "synonymes": ["allergie"],
        }
    ]
}


def project_data(tmp: Path, *, grid: bool = True) -> Path:
    """The small fixture's data with every file kind present (resource, brochures, redirections,
    glossary, « Qui contacter pour… »).

    ``grid``: with the RGAA audit grid (``accessibilite.yml``, two thirds of the loading time).
    """
    root = tmp / "donnees"
    shutil.copytree(FIXTURES / "mini" / "data", root / "data")
    (root / "data" / "ressources").mkdir()
    (root / "data" / "ressources" / "piege.yml").write_text(
        yaml.safe_dump(RESSOURCE, allow_unicode=True), encoding="utf-8"
    )
    (root / "data" / "brochures.yml").write_text(
        yaml.safe_dump({"brochures": [BROCHURE]}, allow_unicode=True), encoding="utf-8"
    )
    (root / "data" / "redirections.yml").write_text(
        yaml.safe_dump({"redirections": [REDIRECTION]}, allow_unicode=True), encoding="utf-8"
    )
    referents = root / "data" / "referents.yml"
    referents.write_text(BESOINS + referents.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "data" / "lexique.yml").write_text(
        yaml.safe_dump(LEXIQUE, allow_unicode=True), encoding="utf-8"
    )
    if grid:
        shutil.copy(ROOT / "data" / "accessibilite.yml", root / "data" / "accessibilite.yml")
    return root


EVIL = 'Ville "X" & Cie [clic](javascript:alert(1)) *gras* ![i](https://evil.example/i.png)'
BREAKOUT = '0;url=https://evil.example/" http-equiv="refresh'
MARKDOWN_EVIL = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [a](javascript:alert(1)) "
    "[b](JAVASCRIPT:alert(1)) [c](data:text/html,x) ![t](https://evil.example/t.png) "
    "<javascript:alert(1)> &lt;b&gt; </p><p>"
)
FORMULA = '=HYPERLINK("https://evil.example","clic")'

INERT: list[tuple[str, DataPath, str, str]] = [
    # file, field, hostile value, plain twin
    ("commune.yml", ["nom"], EVIL, "Ville Neutre"),
    ("commune.yml", ["mairie", "adresse"], BREAKOUT, "Adresse neutre"),
    ("commune.yml", ["mairie", "horaires"], "@SOMME(1+1) *x*", "Horaires neutres"),
    ("commune.yml", ["quartiers", 0, "nom"], '"Centre" [x](javascript:y)', "Centre"),
    ("commune.yml", ["categories", 0, "description"], BREAKOUT, "Description neutre"),
    ("pedt.yml", ["introduction"], MARKDOWN_EVIL, "Introduction neutre."),
    ("pedt.yml", ["axes", 0, "titre"], 'Axe "un" ' + BREAKOUT, "Axe neutre"),
    ("pedt.yml", ["axes", 0, "objectifs", 0, "titre"], EVIL, "Objectif neutre"),
    ("activites/judo.yml", ["titre"], 'Judo "club" & co', "Judo neutre"),
    ("activites/judo.yml", ["resume"], FORMULA + " " + BREAKOUT, "Résumé neutre"),
    ("activites/judo.yml", ["description"], MARKDOWN_EVIL, "Description neutre."),
    ("activites/judo.yml", ["lieu", "nom"], "-2+3 [x](javascript:y)", "Lieu neutre"),
    ("activites/judo.yml", ["inscription", "modalites"], "+33 " + EVIL, "Modalités neutres"),
    ("activites/judo.yml", ["tarif", "precisions"], "&amp; &lt;i&gt;", "précisions"),
    ("ressources/piege.yml", ["titre"], 'Ressource "x" *y*', "Ressource neutre"),
    ("ressources/piege.yml", ["resume"], BREAKOUT, "Résumé neutre"),
    ("ressources/piege.yml", ["description"], MARKDOWN_EVIL, "Description neutre."),
    ("ressources/piege.yml", ["organisme"], EVIL, "Organisme"),
    ("referents.yml", ["referents", 0, "role"], 'Référent "inclusion" ' + BREAKOUT, "Référent"),
    ("referents.yml", ["referents", 0, "structure"], "=1+1", "Structure"),
    ("referents.yml", ["referents", 0, "missions", 0], EVIL, "Mission"),
    ("brochures.yml", ["brochures", 0, "titre"], 'Guide "x" ' + EVIL, "Guide neutre"),
    ("referents.yml", ["besoins", 0, "titre"], EVIL, "Un handicap"),
    ("referents.yml", ["besoins", 0, "texte"], BREAKOUT, "Une phrase."),
    ("lexique.yml", ["termes", 0, "terme"], 'PAI "x" & Cie *y*', "PAI"),
    ("lexique.yml", ["termes", 0, "definition"], EVIL, "Définition neutre."),
    ("lexique.yml", ["termes", 0, "synonymes", 0], BREAKOUT, "allergie"),
    ("accessibilite.yml", ["auditeur"], EVIL, "Auditeur"),
    ("accessibilite.yml", ["contact", "nom"], BREAKOUT, "Service"),
]


def inert_data(tmp: Path, hostile: bool) -> Path:
    """A project root whose ``data/`` holds every :data:`INERT` value, or its plain twin."""
    root = project_data(tmp / ("hostile" if hostile else "neutre"))
    for name, path, evil, plain in INERT:
        edit_data(root, name, path, evil if hostile else plain)
    return root
