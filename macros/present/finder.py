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

from macros.data.catalogue import ACCES_COURTS, TEMPS_LABELS
from macros.data.fields import fold
from macros.data.selection import JOURS as JOURS  # the finder's days, imported from here
from macros.data.selection import (
    MOMENTS,
    PRIX,
    QUAND_LABELS,
    Criteria,
    jours,
    matches,
    moments,
    quand,
    search_text,
    under_ceiling,
)
from macros.present.statut import JOINABLE, build_day, prochaine_seance, statut

if TYPE_CHECKING:
    from datetime import date

    from macros.data.catalogue import Catalogue
    from macros.data.models import Activite

PARAMETERS = (
    "age", "q", "quand", "moment", "quartier", "categorie", "prix", "acces",
    "ouvertes", "fauteuil", "handicap", "adaptee", "tri",
)  # fmt: skip
"""URL parameters of ``/activites/`` and ``/integrer/`` (documented on ``/ecoles/``), in the
form's order."""

CASES = ("ouvertes", "fauteuil", "handicap", "adaptee")
"""The form's check boxes."""

FORMER = {"temps": "quand", "jour": "quand", "gratuit": "prix"}
"""Parameters of addresses written before « Quand ? » and the price ceiling, still read:
``jour=mercredi`` and ``temps=mercredi`` are ``quand=mercredi``, ``gratuit=1`` is
``prix=gratuit``, ``jour=samedi`` is ``quand=week-end``."""


@dataclass(frozen=True)
class FinderQuery:
    age: int | None = None
    q: str = ""
    quand: str = ""
    moment: str = ""
    categorie: str = ""
    quartier: str = ""
    prix: str = ""
    acces: str = ""
    fauteuil: bool = False
    handicap: bool = False
    adaptee: bool = False
    ouvertes: bool = False
    """Only what a family can join now: registration open, or no registration needed."""

    def criteria(self) -> Criteria:
        """The finder's filters as the site's one selection rule: an unset filter keeps all."""
        return Criteria(
            ages=None if self.age is None else (self.age, self.age),
            categories=frozenset([self.categorie] if self.categorie else []),
            quartiers=frozenset([self.quartier] if self.quartier else []),
            quand=frozenset([self.quand] if self.quand else []),
            moments=frozenset([self.moment] if self.moment else []),
            prix=self.prix or None,
            acces=frozenset([self.acces] if self.acces else []),
            fauteuil=True if self.fauteuil else None,
            accueil_handicap=True if self.handicap else None,
            adaptee=True if self.adaptee else None,
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


SORTS = {"": "Ce que vous pouvez rejoindre d’abord", "limite": "Date limite la plus proche",
         "prochaine": "Prochaine séance", "age": "Âge", "titre": "Titre, de A à Z"}  # fmt: skip
"""The finder's orders (``tri``), as its form offers them."""

RANKS = {"ouvertes": 0, "libre": 0, "bientot": 1, "complet": 2, "closes": 2, "scolaire": 3,
         "orientation": 3, "terminee": 4}  # fmt: skip
"""The default order: what a family can join now, then what opens soon, then what is full
or closed, then what the school or a professional proposes, then what is over."""


def sort_key(act: Activite, tri: str, today: date) -> tuple[str, str]:
    """Where ``act`` comes in the finder's order ``tri`` on ``today`` (finder.js: the same).

    ``limite``: registration open with a deadline, soonest deadline first; then what opens
    soon, soonest first; then what one can join without a deadline; then the rest.
    ``prochaine``: the next session first; what is over last. ``titre``: by title only.
    By default, :data:`RANKS`. Ties by title.
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
    if tri == "titre":
        return ("", title)
    return (str(RANKS[statut(act, today).code]), title)


_AGE = re.compile(r"[0-9]{1,2}")


def _former(params: dict[str, str]) -> dict[str, str]:
    """Parameters of :data:`FORMER` as today's (finder.js: the same), when today's is absent."""
    if "quand" not in params:
        jour = params.get("jour", "")
        temps = params.get("temps", "")
        if jour in JOURS:
            params["quand"] = "week-end" if jour in ("samedi", "dimanche") else jour
        elif temps in TEMPS_LABELS:
            params["quand"] = temps
    if "prix" not in params and params.get("gratuit") == "1":
        params["prix"] = "gratuit"
    return params


def parse_query(query: str, c: Catalogue) -> FinderQuery:
    """The filters an address (``age=8&quand=mercredi``) sets, as finder.js reads them.

    The script puts each parameter into the form, which keeps what it can hold
    (a number for the age, an offered choice for a select, ``1`` for a check
    box, a line of text for the words), then reads the form back.
    """
    params: dict[str, str] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        params.setdefault(name, value)
    params = _former(params)
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
        q=words,
        quand=choice("quand"),
        moment=choice("moment"),
        quartier=choice("quartier"),
        categorie=choice("categorie"),
        prix=choice("prix"),
        acces=choice("acces"),
        **{name: params.get(name) == "1" for name in CASES},
    )


def card_data(slug: str, act: Activite, c: Catalogue) -> dict[str, str]:
    """``data-*`` attributes of an activity card, read by the finder's script."""
    pub = act.public
    acc = act.accessibilite
    return {
        "slug": slug,
        "age-min": "" if pub.age_min is None else str(pub.age_min),
        "age-max": "" if pub.age_max is None else str(pub.age_max),
        "categorie": act.categorie,
        "quand": " ".join(quand(act)),
        "moment": " ".join(moments(act)),
        "jours": " ".join(jours(act)),
        "quartier": " ".join(c.quartiers_de(act.lieu.quartier)),
        "prix": " ".join(ident for ident, _, _ in PRIX if under_ceiling(act, ident)),
        "acces": act.acces,
        "fauteuil": "1" if acc.acces_pmr else "0",
        "handicap": "1" if acc.accueil_handicap else "0",
        "adaptee": "1" if acc.activite_adaptee else "0",
        "texte": search_text(act, c),
        "titre": fold(act.titre),
        "debut": act.periode.debut.isoformat(),
        "fin": act.periode.fin.isoformat(),
        "seances": " ".join(x.date.isoformat() for x in act.seances),
    }


def form_options(c: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """Choices of each select of the finder's form: (value, label), in the form's order."""
    return {
        "quand": list(QUAND_LABELS.items()),
        "moment": [(ident, label) for ident, label, _, _ in MOMENTS],
        "categorie": list(c.categories.items()),
        "quartier": list(c.quartiers.items()),
        "prix": [(ident, label) for ident, label, _ in PRIX],
        "acces": list(ACCES_COURTS.items()),
    }


def values(act: Activite, name: str, c: Catalogue) -> list[str]:
    """The options of select ``name`` that keep ``act`` (card_data: the same, for finder.js)."""
    if name == "quand":
        return quand(act)
    if name == "moment":
        return moments(act)
    if name == "prix":
        return [ident for ident, _, _ in PRIX if under_ceiling(act, ident)]
    if name == "quartier":
        return c.quartiers_de(act.lieu.quartier)
    return [act.categorie if name == "categorie" else act.acces]


def case(act: Activite, name: str, today: date) -> bool:
    """Whether check box ``name`` keeps ``act``."""
    acc = act.accessibilite
    if name == "ouvertes":
        return statut(act, today).code in JOINABLE
    return {"fauteuil": acc.acces_pmr, "handicap": acc.accueil_handicap,
            "adaptee": acc.activite_adaptee}[name]  # fmt: skip


def option_counts(c: Catalogue) -> dict[str, dict[str, int]]:
    """How many activities each choice of the form keeps when nothing else is chosen.

    The page is drawn with them, as finder.js writes them: its first update
    changes no label, so nothing moves under the reader's eyes.
    """
    today = build_day()
    names = list(form_options(c))
    counts: dict[str, dict[str, int]] = {name: {} for name in names}
    counts["cases"] = dict.fromkeys(CASES, 0)
    for act in c.activites.values():
        for name in names:
            for value in values(act, name, c):
                counts[name][value] = counts[name].get(value, 0) + 1
        for name in CASES:
            counts["cases"][name] += case(act, name, today)
    return counts


def ouvertes(c: Catalogue, today: date) -> list[tuple[str, Activite]]:
    """What one can register for on ``today``, soonest deadline first (then by title)."""
    kept = [(s, a) for s, a in c.sorted_activites() if statut(a, today).code == "ouvertes"]
    return sorted(kept, key=lambda item: sort_key(item[1], "limite", today))


def default_order(c: Catalogue) -> list[tuple[str, Activite]]:
    """The finder's cards as finder.js first orders them on the build day (no jump on load)."""
    today = build_day()
    return sorted(c.sorted_activites(), key=lambda item: sort_key(item[1], "", today))
