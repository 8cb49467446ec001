"""The open data files of the site: where each is published, what it holds, what writes it.

The site's generated files (``macros.site.pages.data_files``) and the list of
the ``/donnees/`` page both read :data:`OPEN_DATA`: a new file is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from macros import export
from macros.export.schema import SCHEMAS, schema_texts

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue


@dataclass(frozen=True)
class OpenDataFile:
    """One published file: its path from the site root, its French description, its producer."""

    path: str
    description: str
    produce: Callable[[Catalogue], str]


@cache
def _schemas() -> dict[str, str]:
    return schema_texts()


def _schema(file_name: str) -> Callable[[Catalogue], str]:
    def produce(c: Catalogue) -> str:
        return _schemas()[file_name]

    return produce


SCHEMA_DESCRIPTION = "Schéma JSON des fichiers de données (data/)"

OPEN_DATA: tuple[OpenDataFile, ...] = (
    OpenDataFile(
        "donnees/activites.json",
        "Toutes les activités, tous leurs champs (JSON)",
        export.activites_json,
    ),
    OpenDataFile(
        "donnees/activites.csv",
        "Les activités pour un tableur : UTF-8, point-virgule (CSV)",
        export.activites_csv,
    ),
    OpenDataFile(
        "donnees/activites.ics",
        "Les séances de chaque activité, pour un agenda (iCalendar)",
        export.activites_ics,
    ),
    OpenDataFile(
        "donnees/inscriptions.ics",
        "Les dates d’ouverture et de clôture des inscriptions, pour un agenda (iCalendar)",
        export.inscriptions_ics,
    ),
    OpenDataFile(
        "donnees/ressources.json", "Les ressources pour les parents (JSON)", export.ressources_json
    ),
    OpenDataFile(
        "donnees/referents.json",
        "Les référents et services à contacter (JSON)",
        export.referents_json,
    ),
    *(
        OpenDataFile(f"donnees/schemas/{file}", SCHEMA_DESCRIPTION, _schema(file))
        for file in (f"{name}.schema.json" for name in SCHEMAS)
    ),
    OpenDataFile(
        "flux.xml", "Les dernières mises à jour, pour un lecteur de flux (Atom)", export.atom_feed
    ),
)
"""Every open data file, in the order of the ``/donnees/`` page."""
