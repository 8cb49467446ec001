"""One rule for « does this activity belong to this list », for every list of the site.

The finder's query (``macros.present.finder``; ``docs/assets/finder.js`` is the
browser's copy, tested against this rule), its pre-built lists by age,
quartier, category and moment, the brochures' ``selection`` (``brochures.yml``)
and the activity cards of ``docs/`` pages are all :class:`Criteria`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from macros.data.fields import fold

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
    from macros.data.models import Activite, Selection

JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


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


def search_text(act: Activite, c: Catalogue) -> str:
    """What the free-text criterion looks into, folded (lowercase, no accents)."""
    parts = [
        act.titre,
        act.resume,
        act.lieu.nom,
        c.categories[act.categorie],
        c.quartiers[act.lieu.quartier],
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
    if criteria.quartiers and act.lieu.quartier not in criteria.quartiers:
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
    if criteria.words:
        if c is None:
            raise ValueError("free-text criteria need the catalogue's labels")
        text = search_text(act, c)
        return all(word in text for word in criteria.words)
    return True
