"""The activity finder: its filters, as data for the page and as the reference for tests.

The browser filters with ``docs/assets/finder.js``; :func:`matches_query` is
the same rule in Python, used to compute the expected results in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from macros.data.catalogue import TEMPS_LABELS
from macros.data.fields import fold

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
    from macros.data.models import Activite

JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
PARAMETERS = ("age", "categorie", "temps", "jour", "quartier", "gratuit", "handicap", "q", "tri")
"""URL parameters of ``/activites/`` (documented on ``/ecoles/``)."""


@dataclass(frozen=True)
class FinderQuery:
    age: int | None = None
    categorie: str = ""
    temps: str = ""
    jour: str = ""
    quartier: str = ""
    gratuit: bool = False
    handicap: bool = False
    q: str = ""


def search_text(act: Activite, c: Catalogue) -> str:
    """What the free-text filter looks into, folded (lowercase, no accents)."""
    parts = [
        act.titre,
        act.resume,
        act.lieu.nom,
        c.categories[act.categorie],
        c.quartiers[act.lieu.quartier],
        *act.labels,
    ]
    return fold(" ".join(parts))


def jours(act: Activite) -> list[str]:
    return [j for j in JOURS if any(h.jour == j for h in act.horaires)]


def matches_query(act: Activite, c: Catalogue, query: FinderQuery) -> bool:
    """The finder's rule: every filter set must match (the browser applies the same)."""
    pub = act.public
    if query.age is not None and not (
        pub.age_min is not None
        and pub.age_max is not None
        and pub.age_min <= query.age <= pub.age_max
    ):
        return False
    if query.categorie and act.categorie != query.categorie:
        return False
    if query.temps and query.temps not in act.temps:
        return False
    if query.jour and query.jour not in jours(act):
        return False
    if query.quartier and act.lieu.quartier != query.quartier:
        return False
    if query.gratuit and act.tarif.type != "gratuit":
        return False
    if query.handicap and not act.accessibilite.accueil_handicap:
        return False
    words = fold(query.q).split()
    text = search_text(act, c)
    return all(word in text for word in words)


def card_data(slug: str, act: Activite, c: Catalogue) -> dict[str, str]:
    """``data-*`` attributes of an activity card, read by the finder's script."""
    pub = act.public
    return {
        "slug": slug,
        "age-min": "" if pub.age_min is None else str(pub.age_min),
        "age-max": "" if pub.age_max is None else str(pub.age_max),
        "categorie": act.categorie,
        "temps": " ".join(act.temps),
        "jours": " ".join(jours(act)),
        "quartier": act.lieu.quartier,
        "gratuit": "1" if act.tarif.type == "gratuit" else "0",
        "handicap": "1" if act.accessibilite.accueil_handicap else "0",
        "texte": search_text(act, c),
        "titre": fold(act.titre),
        "debut": act.periode.debut.isoformat(),
        "fin": act.periode.fin.isoformat(),
    }


def form_options(c: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """Choices of each select of the finder's form: (value, label)."""
    return {
        "categorie": list(c.categories.items()),
        "temps": list(TEMPS_LABELS.items()),
        "jour": [(j, j.capitalize()) for j in JOURS],
        "quartier": list(c.quartiers.items()),
    }


def option_counts(c: Catalogue) -> dict[str, dict[str, int]]:
    """How many activities each choice of the form keeps when nothing else is chosen.

    The page is drawn with them, as finder.js writes them: its first update
    changes no label, so nothing moves under the reader's eyes.
    """
    counts: dict[str, dict[str, int]] = {
        "categorie": {}, "temps": {}, "jour": {}, "quartier": {},
        "cases": {"gratuit": 0, "handicap": 0},
    }  # fmt: skip
    for act in c.activites.values():
        chosen: dict[str, list[str]] = {
            "categorie": [act.categorie],
            "temps": list(act.temps),
            "jour": list(jours(act)),
            "quartier": [act.lieu.quartier],
        }
        for name, values in chosen.items():
            for value in values:
                counts[name][value] = counts[name].get(value, 0) + 1
        counts["cases"]["gratuit"] += act.tarif.type == "gratuit"
        counts["cases"]["handicap"] += bool(act.accessibilite.accueil_handicap)
    return counts
