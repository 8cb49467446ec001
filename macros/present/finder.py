"""The activity finder: its filters, as data for the page, and its URL read as the browser reads it.

The browser filters with ``docs/assets/finder.js``; :func:`matches_query` is
the same rule in Python (:mod:`macros.data.selection`), and :func:`parse_query`
reads an address's parameters as the finder's form takes them: tests compare
the two on every parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from macros.data.catalogue import TEMPS_LABELS
from macros.data.fields import fold
from macros.data.selection import JOURS as JOURS  # the finder's days, imported from here
from macros.data.selection import Criteria, jours, matches, search_text

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
    from macros.data.models import Activite

PARAMETERS = ("age", "categorie", "temps", "jour", "quartier", "gratuit", "handicap", "q", "tri")
"""URL parameters of ``/activites/`` and ``/integrer/`` (documented on ``/ecoles/``)."""


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

    def criteria(self) -> Criteria:
        """The finder's filters as the site's one selection rule: an unset filter keeps all."""
        return Criteria(
            ages=None if self.age is None else (self.age, self.age),
            categories=frozenset([self.categorie] if self.categorie else []),
            temps=frozenset([self.temps] if self.temps else []),
            jours=frozenset([self.jour] if self.jour else []),
            quartiers=frozenset([self.quartier] if self.quartier else []),
            gratuit=True if self.gratuit else None,
            accueil_handicap=True if self.handicap else None,
            words=tuple(fold(self.q).split()),
        )


def matches_query(act: Activite, c: Catalogue, query: FinderQuery) -> bool:
    """The finder's rule: every filter set must match (the browser applies the same)."""
    return matches(act, query.criteria(), c)


_AGE = re.compile(r"[0-9]{1,2}")


def parse_query(query: str, c: Catalogue) -> FinderQuery:
    """The filters an address (``age=8&temps=mercredi``) sets, as finder.js reads them.

    The script puts each parameter into the form, which keeps what it can hold
    (a number for the age, an offered choice for a select, ``1`` for a check
    box, a line of text for the words), then reads the form back.
    """
    params: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        params.setdefault(name, value)
    options = {name: dict(choices) for name, choices in form_options(c).items()}

    def choice(name: str) -> str:
        value = params.get(name, "")
        return value if value in options[name] else ""

    # A number field holds a number or nothing; the script then takes 1 or 2 digits only.
    age = params.get("age", "")
    # A search field drops line breaks; the script trims what is left.
    words = params.get("q", "").replace("\r", "").replace("\n", "").strip()
    return FinderQuery(
        age=int(age) if _AGE.fullmatch(age) else None,
        categorie=choice("categorie"),
        temps=choice("temps"),
        jour=choice("jour"),
        quartier=choice("quartier"),
        gratuit=params.get("gratuit") == "1",
        handicap=params.get("handicap") == "1",
        q=words,
    )


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
