"""The validated data and the questions pages ask of it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from macros.data.kinds import label, url
from macros.data.selection import TOUTE_LA_VILLE, Criteria, matches

if TYPE_CHECKING:
    from macros.data.models import (
        Activite,
        Axe,
        Besoin,
        Brochure,
        Commune,
        Entree,
        Objectif,
        Pedt,
        Redirection,
        Referent,
        Ressource,
        Selection,
        Terme,
    )

AGE_BANDS: tuple[tuple[str, str, int, int], ...] = (
    ("0-2-ans", "0 à 2 ans", 0, 2),
    ("3-5-ans", "3 à 5 ans", 3, 5),
    ("6-11-ans", "6 à 11 ans", 6, 11),
    ("12-15-ans", "12 à 15 ans", 12, 15),
    ("16-25-ans", "16 à 25 ans", 16, 25),
)
"""Age bands of the finder's pre-built pages: (id, label, first age, last age)."""

TYPES_RESSOURCE = {
    "guide": "Guide",
    "site": "Site internet",
    "numero-utile": "Numéro utile",
    "atelier": "Atelier",
    "permanence": "Permanence",
}

ACCES_LABELS = {
    "libre": "Sans inscription : venez aux horaires",
    "inscription": "Sur inscription",
    "sur-orientation": "Sur proposition d’un professionnel (école, service social…)",
    "scolaire": "Avec la classe, pendant le temps scolaire : rien à faire pour les familles",
}
"""How a family joins an activity (its ``acces``), in plain words."""

ACCES_COURTS = {
    "libre": "Sans inscription",
    "inscription": "Sur inscription",
    "sur-orientation": "Sur proposition d’un professionnel",
    "scolaire": "Avec la classe",
}
"""« Comment y accéder ? », as the finder offers it (ACCES_LABELS says it in full)."""

TEMPS_LABELS = {
    "scolaire": "Temps scolaire",
    "periscolaire": "Périscolaire (avant et après l'école)",
    "mercredi": "Mercredi",
    "vacances": "Vacances scolaires",
    "week-end": "Week-end",
}


@dataclass(frozen=True)
class Catalogue:
    """Everything in ``data/``, validated and cross-checked."""

    commune: Commune
    pedt: Pedt
    referents: dict[str, Referent]
    activites: dict[str, Activite]
    ressources: dict[str, Ressource]
    brochures: list[Brochure] = field(default_factory=list)
    redirections: list[Redirection] = field(default_factory=list)
    lexique: list[Terme] = field(default_factory=list)
    besoins: list[Besoin] = field(default_factory=list)

    # --- labels -------------------------------------------------------------
    @cached_property
    def quartiers(self) -> dict[str, str]:
        return {q.id: q.nom for q in self.commune.quartiers}

    def nom_quartier(self, ident: str) -> str:
        """A quartier's name; « tous les quartiers » for a service found in every quartier."""
        return "tous les quartiers" if ident == TOUTE_LA_VILLE else self.quartiers[ident]

    def lieu_court(self, act: Activite) -> str:
        """Where, in a card: the place and its quartier, the quartier's name said once
        (« Gymnase du Bois-Fleuri », not « Gymnase du Bois-Fleuri (Bois-Fleuri) »)."""
        from macros.data.fields import fold

        nom, quartier = act.lieu.nom, self.nom_quartier(act.lieu.quartier)
        core = re.sub(r"^(les |le |la |l')", "", fold(quartier))  # « Les Coteaux » → coteaux
        if re.search(rf"\b{re.escape(core)}\b", fold(nom)):
            return nom
        return f"{nom}, {quartier}" if nom.endswith(")") else f"{nom} ({quartier})"

    def quartiers_de(self, ident: str) -> list[str]:
        """The quartiers a place serves: its own, or every one for « toute-la-ville »."""
        return list(self.quartiers) if ident == TOUTE_LA_VILLE else [ident]

    @cached_property
    def services(self) -> dict[str, str]:
        return {s.id: s.nom for s in self.commune.services}

    @cached_property
    def categories(self) -> dict[str, str]:
        return {k.id: k.nom for k in self.commune.categories}

    def categorie(self, ident: str) -> Entree:
        return next(k for k in self.commune.categories if k.id == ident)

    @cached_property
    def themes(self) -> dict[str, str]:
        return {t.id: t.nom for t in self.commune.themes}

    @property
    def exemple(self) -> bool:
        """True when any published data is sample data."""
        return (
            self.commune.exemple
            or any(a.exemple for a in self.activites.values())
            or any(r.exemple for r in self.ressources.values())
            or any(r.exemple for r in self.referents.values())
        )

    # --- PEDT -------------------------------------------------------------------
    @cached_property
    def objectifs(self) -> dict[str, tuple[Axe, Objectif]]:
        return {o.id: (axe, o) for axe in self.pedt.axes for o in axe.objectifs}

    @cached_property
    def _by_objectif(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {oid: [] for oid in self.objectifs}
        for slug, act in self.sorted_activites():
            for oid in act.objectifs:
                index[oid].append(slug)
        return index

    def activites_for_objectif(self, objectif_id: str) -> list[tuple[str, Activite]]:
        return [(slug, self.activites[slug]) for slug in self._by_objectif.get(objectif_id, [])]

    # --- activities -------------------------------------------------------------
    def sorted_activites(self) -> list[tuple[str, Activite]]:
        """Activities by title, in French collation order (accents ignored)."""
        return list(self._sorted_activites)

    @cached_property
    def _sorted_activites(self) -> tuple[tuple[str, Activite], ...]:
        from macros.data.fields import fold

        return tuple(
            sorted(self.activites.items(), key=lambda item: (fold(item[1].titre), item[0]))
        )

    def select(self, selection: Criteria | Selection) -> list[tuple[str, Activite]]:
        """Activities meeting the criteria (or a brochure's selection), by title."""
        criteria = (
            selection if isinstance(selection, Criteria) else Criteria.from_selection(selection)
        )
        return [(s, a) for s, a in self.sorted_activites() if matches(a, criteria, self)]

    def activites_for_referent(self, referent_id: str) -> list[tuple[str, Activite]]:
        """Activities this contact answers for, or prepares the welcome of a disabled child in."""
        return [
            (s, a)
            for s, a in self.sorted_activites()
            if a.contact == referent_id
            or ((r := self.referent_handicap(a)) is not None and r.id == referent_id)
        ]

    def referent_handicap(self, act: Activite) -> Referent | None:
        """Who prepares a disabled child's welcome in ``act``: the one named, else (for an
        activity that welcomes them) the référent handicap (or inclusion) of its service."""
        if act.referent_handicap:
            return self.referents[act.referent_handicap]
        if not act.accessibilite.accueil_handicap:
            return None
        return self._handicap_by_service.get(act.service)

    @cached_property
    def _handicap_by_service(self) -> dict[str, Referent]:
        found: dict[str, Referent] = {}
        for r in self.referents.values():
            role = r.role.lower()
            if "handicap" in role or "inclusi" in role:  # « accueil inclusif », « inclusion »
                found.setdefault(r.service, r)
        return found

    def latest(self, count: int) -> list[tuple[str, str, str, date]]:
        """The ``count`` latest updated activities and resources: (path, kind, title, date)."""
        items = [
            (url("activite", s), label("activite").singular, a.titre, a.mis_a_jour)
            for s, a in self.activites.items()
            if a.mis_a_jour
        ] + [
            (url("ressource", s), label("ressource").singular, r.titre, r.mis_a_jour)
            for s, r in self.ressources.items()
            if r.mis_a_jour
        ]
        return sorted(items, key=lambda item: (item[3], item[0]), reverse=True)[:count]

    # --- contacts and resources ----------------------------------------------
    def referents_for_service(self, service_id: str) -> list[Referent]:
        return [r for r in self.referents.values() if r.service == service_id]

    def sorted_ressources(self) -> list[tuple[str, Ressource]]:
        from macros.data.fields import fold

        return sorted(self.ressources.items(), key=lambda item: (fold(item[1].titre), item[0]))

    def ressources_for_theme(self, theme_id: str) -> list[tuple[str, Ressource]]:
        return [(s, r) for s, r in self.sorted_ressources() if r.theme == theme_id]

    def urgences(self) -> list[tuple[str, Ressource]]:
        """The emergency numbers (``urgence: oui``), in the order of their titles."""
        return [(s, r) for s, r in self.sorted_ressources() if r.urgence]

    @cached_property
    def _mots(self) -> list[tuple[re.Pattern[str], list[str]]]:
        from macros.data.fields import fold

        out = []
        for terme in self.lexique:
            names = [terme.terme, *([terme.developpe] if terme.developpe else [])]
            alternatives = "|".join(re.escape(fold(w)) for w in names)
            out.append(
                (re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), [*names, *terme.synonymes])
            )
        return out

    def autres_mots(self, *texts: str) -> list[str]:
        """The glossary's other words for a term ``texts`` name (« cantine » for a title on
        the « restauration scolaire »): the words a parent may type in the search. Give a
        page's title, what it is about: a page that only mentions the term does not get them."""
        from macros.data.fields import fold

        text = fold(" ".join(texts))
        found: list[str] = []
        for pattern, words in self._mots:
            if pattern.search(text):
                found += [w for w in words if w not in found and fold(w) not in text]
        return found
