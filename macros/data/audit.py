"""The RGAA audit grid (``data/accessibilite.yml``) and the statement drawn from it.

The grid holds the 106 criteria of RGAA 4.1, each conforme (C), non conforme
(NC) or non applicable (NA), and the audit's context (sample, environment,
plans, contact). The déclaration d'accessibilité (``/accessibilite/``) is
rendered from it: a commune that forks Parcours updates the grid, never the
statement's prose. The rate follows the RGAA method: C / (C + NC), NA left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from macros.data.errors import DataError, DataErrors
from macros.data.fields import Date, Email, Lien, Telephone, Texte  # noqa: TC001 (pydantic reads them)
from macros.data.models import Model

FICHIER = "accessibilite.yml"

THEMES = {
    1: ("Images", 9),
    2: ("Cadres", 2),
    3: ("Couleurs", 3),
    4: ("Multimédia", 13),
    5: ("Tableaux", 8),
    6: ("Liens", 2),
    7: ("Scripts", 5),
    8: ("Éléments obligatoires", 10),
    9: ("Structuration de l'information", 4),
    10: ("Présentation de l'information", 14),
    11: ("Formulaires", 13),
    12: ("Navigation", 11),
    13: ("Consultation", 12),
}
"""RGAA 4.1 themes: number → (name, how many criteria)."""

NUMEROS = [f"{theme}.{n}" for theme, (_, count) in THEMES.items() for n in range(1, count + 1)]
"""The 106 criteria numbers of RGAA 4.1, in order."""


class Critere(Model):
    """One criterion of the grid."""

    numero: Annotated[str, Field(pattern=r"^\d{1,2}\.\d{1,2}$")] = Field(
        description="Numéro du critère RGAA 4.1, par exemple « 1.1 » (entre guillemets)."
    )
    titre: Texte = Field(description="Intitulé court du critère, en français.")
    statut: Literal["C", "NC", "NA"] = Field(
        description="C : conforme ; NC : non conforme ; NA : non applicable."
    )
    note: Texte = Field(
        description="Ce qui a été vérifié, et comment (test automatique, vérification manuelle)."
    )
    pages: list[Texte] = Field(
        default_factory=list, description="Pages de l'échantillon où le critère a été vérifié."
    )


class PageAuditee(Model):
    """A page of the audit's sample."""

    titre: Texte = Field(description="Nom de la page.")
    adresse: Texte = Field(description="Adresse de la page sur le site, par exemple /activites/.")


class Contact(Model):
    """Who answers about accessibility."""

    nom: Texte = Field(description="Service ou personne à contacter.")
    email: Email = Field(description="Adresse électronique.")
    telephone: Telephone = Field(description="Numéro de téléphone.")
    adresse: Texte = Field(description="Adresse postale.")


class Recours(Model):
    """The routes to the Défenseur des droits."""

    formulaire: Lien = Field(description="Formulaire en ligne du Défenseur des droits.")
    delegues: Lien = Field(description="Carte des délégués du Défenseur des droits.")
    courrier: Texte = Field(description="Adresse postale (gratuite, sans timbre).")


class Audit(Model):
    """``data/accessibilite.yml``: the RGAA audit grid and its context."""

    referentiel: Literal["RGAA 4.1"] = Field(description="Référentiel utilisé.")
    date: Date = Field(description="Date de l'audit (AAAA-MM-JJ).")
    auditeur: Texte = Field(description="Qui a réalisé l'audit.")
    echantillon: list[PageAuditee] = Field(min_length=1, description="Pages auditées.")
    environnement: list[Texte] = Field(
        min_length=1, description="Navigateurs, technologies d'assistance et outils utilisés."
    )
    non_teste: list[Texte] = Field(
        default_factory=list,
        description="Ce qui n'a pas été testé (par exemple un lecteur d'écran).",
    )
    technologies: list[Texte] = Field(min_length=1, description="Technologies du site.")
    derogations: list[Texte] = Field(
        default_factory=list,
        description="Dérogations pour charge disproportionnée (vide : aucune).",
    )
    non_soumis: list[Texte] = Field(
        default_factory=list, description="Contenus non soumis à l'obligation d'accessibilité."
    )
    schema_pluriannuel: Texte = Field(description="Le schéma pluriannuel de mise en accessibilité.")
    plan_annuel: list[Texte] = Field(min_length=1, description="Les actions de l'année.")
    contact: Contact
    recours: Recours
    criteres: list[Critere] = Field(description="Les 106 critères du RGAA 4.1.")


def audit_errors(root: Path) -> tuple[Audit | None, list[DataError]]:
    """Read and check ``data/accessibilite.yml`` (absent: ``None``, no error)."""
    from macros.data.loader import _Collector

    path = root / "data" / FICHIER
    if not path.is_file():
        return None, []
    c = _Collector(root)
    loaded = c.load(path, Audit)
    if loaded is None:
        return None, c.errors
    audit: Audit = loaded.item
    seen: set[str] = set()
    for i, critere in enumerate(audit.criteres):
        if critere.numero not in NUMEROS:
            c.add(loaded.doc, ("criteres", i, "numero"),
                  f"« {critere.numero} » n'est pas un critère du RGAA 4.1",
                  "les thèmes vont de 1 à 13, par exemple « 1.1 » ou « 13.12 ».")  # fmt: skip
        elif critere.numero in seen:
            c.add(loaded.doc, ("criteres", i, "numero"), f"critère « {critere.numero} » en double")
        seen.add(critere.numero)
    missing = [n for n in NUMEROS if n not in seen]
    if missing:
        absent = ", ".join(missing)
        c.add(loaded.doc, ("criteres",),
              f"{len(missing)} critère(s) du RGAA 4.1 absent(s) de la grille : {absent}",
              "la grille doit compter les 106 critères, chacun C, NC ou NA.")  # fmt: skip
    return (None if c.errors else audit), c.errors


def load_audit(root: Path) -> Audit | None:
    """The project's audit grid, ``None`` if it has none; :class:`DataErrors` if it is wrong."""
    audit, errors = audit_errors(root)
    if errors:
        raise DataErrors(errors)
    return audit
