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
from macros.present.statut import JOINABLE, build_day, prochaine_seance, statut

if TYPE_CHECKING:
    from datetime import date

    from macros.data.catalogue import Catalogue
    from macros.data.models import Activite

PARAMETERS = (
    "age", "categorie", "temps", "jour", "quartier", "gratuit", "handicap", "ouvertes", "q", "tri",
)  # fmt: skip
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
    ouvertes: bool = False
    """Only what a family can join now: registration open, or no registration needed."""
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


def matches_query(
    act: Activite, c: Catalogue, query: FinderQuery, today: date | None = None
) -> bool:
    """The finder's rule: every filter set must match (the browser applies the same, on
    the reader's day; here on ``today``, the build day by default)."""
    if query.ouvertes and statut(act, today or build_day()).code not in JOINABLE:
        return False
    return matches(act, query.criteria(), c)


SORTS = {"": "Titre", "limite": "Date limite la plus proche", "prochaine": "Prochaine séance",
         "age": "Âge"}  # fmt: skip
"""The finder's orders (``tri``), as its form offers them."""


def sort_key(act: Activite, tri: str, today: date) -> tuple[str, str]:
    """Where ``act`` comes in the finder's order ``tri`` on ``today`` (finder.js: the same).

    ``limite``: registration open with a deadline, soonest deadline first; then what opens
    soon, soonest first; then what one can join without a deadline; then the rest.
    ``prochaine``: the next session first; what is over last. Ties by title.
    """
    title = fold(act.titre)
    if tri == "age":
        return (f"{99 if act.public.age_min is None else act.public.age_min:02d}", title)
    if tri == "prochaine":
        next_day = prochaine_seance(act, today)
        return (next_day.isoformat() if next_day else "9999", title)
    if tri == "limite":
        st = statut(act, today)
        ins = act.inscription
        if st.code == "ouvertes" and ins and ins.date_limite:
            return (f"0|{ins.date_limite.isoformat()}", title)
        if st.code == "bientot" and ins and ins.ouverture:
            return (f"1|{ins.ouverture.isoformat()}", title)
        return ("2|" if st.code in JOINABLE else "3|", title)
    return ("", title)


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
        ouvertes=params.get("ouvertes") == "1",
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
        "seances": " ".join(x.date.isoformat() for x in act.seances),
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
    today = build_day()
    counts: dict[str, dict[str, int]] = {
        "categorie": {}, "temps": {}, "jour": {}, "quartier": {},
        "cases": {"gratuit": 0, "handicap": 0, "ouvertes": 0},
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
        counts["cases"]["ouvertes"] += statut(act, today).code in JOINABLE
    return counts


def ouvertes(c: Catalogue, today: date) -> list[tuple[str, Activite]]:
    """What one can register for on ``today``, soonest deadline first (then by title)."""
    kept = [(s, a) for s, a in c.sorted_activites() if statut(a, today).code == "ouvertes"]
    return sorted(kept, key=lambda item: sort_key(item[1], "limite", today))
