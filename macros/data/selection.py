"""One rule for « does this activity belong to this list », for every list of the site.

The finder's query (``macros.present.finder``; ``docs/assets/finder.js`` is the
browser's copy, tested against this rule), its pre-built lists by age,
quartier, category and moment, the brochures' ``selection`` (``brochures.yml``)
and the activity cards of ``docs/`` pages are all :class:`Criteria`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from macros.data.fields import fold

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
    from macros.data.models import Activite, Selection

JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

QUAND_LABELS = {
    "lundi": "Le lundi", "mardi": "Le mardi", "mercredi": "Le mercredi", "jeudi": "Le jeudi",
    "vendredi": "Le vendredi", "week-end": "Le week-end",
    "periscolaire": "Avant et après l’école", "vacances": "Pendant les vacances",
    "scolaire": "Pendant le temps scolaire",
}  # fmt: skip
"""The finder's one « Quand ? » question: a day of a school week, or a time of the year."""

MOMENTS = (
    ("matin", "Le matin", "00:00", "11:30"),
    ("midi", "Le midi", "11:30", "13:30"),
    ("apres-midi", "L’après-midi", "13:30", "18:00"),
    ("soir", "Le soir (après 18\u00a0h)", "18:00", "24:00"),
)
"""Times of day: a session belongs to every part of the day it overlaps."""

TOUTE_LA_VILLE = "toute-la-ville"
"""The quartier of a service found in every quartier (school canteens, after-school care):
every quartier's list, count and brochure keeps it."""

PRIX = (
    ("gratuit", "Gratuit", 0),
    ("50", "Moins de 50\u00a0€", 50),
    ("100", "Moins de 100\u00a0€", 100),
)
"""Price ceilings (« moins de » is strict); an activity counts at its lowest price."""


@dataclass(frozen=True)
class Criteria:
    """What a list keeps: an activity meeting every criterion set (none set: every activity).

    A set of values keeps an activity having any of them.
    """

    ages: tuple[int, int] | None = None
    """First and last age: the activity's ages must meet this range (no ages: they never do)."""
    categories: frozenset[str] = frozenset()
    quartiers: frozenset[str] = frozenset()
    temps: frozenset[str] = frozenset()
    jours: frozenset[str] = frozenset()
    gratuit: bool | None = None
    accueil_handicap: bool | None = None
    quand: frozenset[str] = frozenset()
    """Values of :data:`QUAND_LABELS`: the activity must meet at any of them."""
    moments: frozenset[str] = frozenset()
    """Times of day (:data:`MOMENTS`): a session must overlap any of them."""
    prix: str | None = None
    """A price ceiling of :data:`PRIX`."""
    acces: frozenset[str] = frozenset()
    fauteuil: bool | None = None
    adaptee: bool | None = None
    words: tuple[str, ...] = ()
    """Folded words, each to be found in the activity's :func:`search_text`."""

    @classmethod
    def from_selection(cls, selection: Selection) -> Criteria:
        """A brochure's ``selection`` (``brochures.yml``)."""
        return cls(
            ages=None if selection.age is None else (selection.age, selection.age),
            categories=frozenset(selection.categories),
            quartiers=frozenset(selection.quartiers),
            temps=frozenset(selection.temps),
            accueil_handicap=selection.accueil_handicap,
        )


def jours(act: Activite) -> list[str]:
    """The days of the week the activity meets, in week order."""
    return [j for j in JOURS if any(h.jour == j for h in act.horaires)]


def quand(act: Activite) -> list[str]:
    """When the activity meets, as the finder's « Quand ? » (:data:`QUAND_LABELS`), in order.

    A day counts when a session (weekly or dated) falls on it outside the holidays only: a
    holiday camp meeting Monday to Friday is « Pendant les vacances », not « Le mercredi ».
    Without any session, its times of the year say the day: mercredi, week-end.
    """
    found: set[str] = {t for t in act.temps if t in ("periscolaire", "vacances", "scolaire")}
    days = {h.jour for h in act.horaires} | {JOURS[x.date.weekday()] for x in act.seances}
    if set(act.temps) - {"vacances"}:
        found |= {"week-end" if day in ("samedi", "dimanche") else day for day in days}
    if not days:
        found |= set(act.temps) & {"mercredi", "week-end"}
    return [value for value in QUAND_LABELS if value in found]


def moments(act: Activite) -> list[str]:
    """Times of day (:data:`MOMENTS`) the activity's sessions overlap, in the day's order."""
    slots = [(h.debut, h.fin) for h in act.horaires] + [(x.debut, x.fin) for x in act.seances]
    return [
        ident
        for ident, _, start, end in MOMENTS
        if any(debut < end and fin > start for debut, fin in slots)
    ]


def prix_min(act: Activite) -> Decimal | None:
    """The lowest price a family may pay (0 when free; the lowest of a quotient-familial
    range); None when the data do not say."""
    if act.tarif.type == "gratuit":
        return Decimal(0)
    return None if act.tarif.montant is None else Decimal(act.tarif.montant)


def under_ceiling(act: Activite, ceiling: str) -> bool:
    """Whether the activity's lowest price meets a ceiling of :data:`PRIX`."""
    low = prix_min(act)
    if low is None:
        return False
    limit = next(limit for ident, _, limit in PRIX if ident == ceiling)
    return low == 0 if limit == 0 else low < limit


def search_text(act: Activite, c: Catalogue) -> str:
    """What the free-text criterion looks into, folded (lowercase, no accents)."""
    parts = [
        act.titre,
        act.resume,
        act.lieu.nom,
        c.categories[act.categorie],
        c.nom_quartier(act.lieu.quartier),
        *act.labels,
    ]
    return fold(" ".join(parts))


def matches(act: Activite, criteria: Criteria, c: Catalogue | None = None) -> bool:
    """The rule. ``c`` gives the labels free text is searched in (needed with ``words`` only)."""
    if criteria.ages is not None:
        first, last = criteria.ages
        low, high = act.public.age_min, act.public.age_max
        if low is None or high is None or low > last or high < first:
            return False
    if criteria.categories and act.categorie not in criteria.categories:
        return False
    if criteria.quartiers and act.lieu.quartier not in criteria.quartiers | {TOUTE_LA_VILLE}:
        return False
    if criteria.temps and criteria.temps.isdisjoint(act.temps):
        return False
    if criteria.jours and criteria.jours.isdisjoint(jours(act)):
        return False
    if criteria.gratuit is not None and (act.tarif.type == "gratuit") != criteria.gratuit:
        return False
    if (
        criteria.accueil_handicap is not None
        and act.accessibilite.accueil_handicap != criteria.accueil_handicap
    ):
        return False
    if criteria.quand and criteria.quand.isdisjoint(quand(act)):
        return False
    if criteria.moments and criteria.moments.isdisjoint(moments(act)):
        return False
    if criteria.prix is not None and not under_ceiling(act, criteria.prix):
        return False
    if criteria.acces and act.acces not in criteria.acces:
        return False
    if criteria.fauteuil is not None and act.accessibilite.acces_pmr != criteria.fauteuil:
        return False
    if criteria.adaptee is not None and act.accessibilite.activite_adaptee != criteria.adaptee:
        return False
    if criteria.words:
        if c is None:
            raise ValueError("free-text criteria need the catalogue's labels")
        text = search_text(act, c)
        return all(word in text for word in criteria.words)
    return True
