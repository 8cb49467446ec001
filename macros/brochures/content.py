"""What each brochure says, as plain data for its Typst template.

Everything the PDF prints is decided here, in Python, from the catalogue: the
texts already in French typography, the activities grouped the way a parent
looks for them, the QR codes as addresses (drawn as SVG only for a layout).
The templates (``modeles/*.typ``) only lay it out. The data is passed to Typst
as JSON and printed as text, never read as Typst markup, so nothing an editor
writes in ``data/`` can change the layout. The same JSON, without the drawn
codes, is what the cache hashes (:mod:`macros.brochures.cache`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import segno

from macros.data.catalogue import AGE_BANDS, TEMPS_LABELS
from macros.data.kinds import absolute, section, url
from macros.data.models import AGE_MAX
from macros.data.selection import Criteria
from macros.export.qr import qr
from macros.present.formatting import date_fr, heure_fr, public_fr, tarif_fr
from macros.present.statut import statut
from macros.present.typographie import espaces_fr

if TYPE_CHECKING:
    from datetime import date

    from macros.data.catalogue import Catalogue
    from macros.data.models import Activite, Brochure, Referent

PARENTS = "Pour les parents"
BY_AGE_ABOVE = 12
"""A guide of more activities than this is filed by age band; a smaller one by category."""


@dataclass(frozen=True)
class Charte:
    """The commune's look on paper: its main colour and its logo (SVG text), from ``mkdocs.yml``."""

    couleur: str = "#1f3f8f"
    logo: str | None = None


def age_range(act: Activite) -> tuple[int, int] | None:
    """The ages an activity welcomes, or ``None`` for an activity for parents only."""
    low, high = act.public.age_min, act.public.age_max
    if low is None and high is None:
        return None if act.public.parents else (0, AGE_MAX)
    return (low or 0, AGE_MAX if high is None else high)


def bands(
    acts: list[tuple[str, Activite]], age: int | None = None
) -> list[tuple[str, list[tuple[str, Activite]]]]:
    """The activities by age band, **by overlap**: judo for 4-11 is under 3-5 and 6-11 ans.

    A parent looks under their child's age; an activity is found under every
    band it welcomes. With a selection's ``age``, only that age's band is kept
    (« Mercredis 6-11 ans » has no « 3 à 5 ans » part). Activities for parents
    come last, under « Pour les parents ». Empty bands are left out.
    """
    groups: list[tuple[str, list[tuple[str, Activite]]]] = []
    for _, label, first, last in AGE_BANDS:
        if age is not None and not first <= age <= last:
            continue
        members = []
        for slug, act in acts:
            ages = age_range(act)
            if ages is not None and ages[0] <= last and first <= ages[1]:
                members.append((slug, act))
        if members:
            groups.append((label.capitalize(), members))
    parents = [(s, a) for s, a in acts if a.public.parents]
    if parents and age is None:
        groups.append((PARENTS, parents))
    return groups


_DARK_RUN = re.compile(rb"\x01+")

QR_FORMAT = f"segno {segno.__version__}, niveau M, masque 4, marge 2, un trait par suite de modules"
"""How a QR code is drawn: in every brochure's data, so the cache key changes with it
(the SVGs themselves are added only to a layout, see :func:`with_codes`)."""


@lru_cache(maxsize=20_000)
def qr_svg(address: str) -> str:
    """A compact SVG of the address's QR code: one unit per module, quiet zone of 2, one
    stroke per run of dark modules in a row (segno's own writer: 2.5× slower)."""
    matrix = qr(address).matrix
    size = len(matrix) + 4
    path = "".join(
        f"M{run.start() + 2} {y + 2}.5h{run.end() - run.start()}"
        for y, row in enumerate(matrix)
        for run in _DARK_RUN.finditer(row)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}">'
        f'<path stroke="#000" d="{path}"/></svg>'
    )


def with_codes(data: Any) -> Any:
    """``data`` with the SVG of every QR code it prints (``{"adresse", "alt", …}``).

    Encoding a QR code is the most expensive part of a brochure's data (pure Python):
    it is done only for a brochure laid out again, never for one taken from the cache.
    """
    if isinstance(data, dict):
        filled = {k: with_codes(v) for k, v in data.items()}
        if "adresse" in data and "alt" in data:
            filled["svg"] = qr_svg(data["adresse"])
        return filled
    if isinstance(data, list):
        return [with_codes(v) for v in data]
    return data


class _Writer:
    """The parts every brochure shares, for one catalogue, day and look."""

    def __init__(self, c: Catalogue, today: date, charte: Charte) -> None:
        self.c = c
        self.today = today
        self.charte = charte

    def address(self, path: str) -> str:
        return absolute(self.c.commune.url, path)

    def qr(self, path: str, what: str) -> dict[str, str]:
        address = self.address(path)
        return {
            "adresse": address,
            "texte": address.split("://", 1)[-1].rstrip("/"),
            "alt": f"Code QR vers {what} : {address}",
        }

    def contact(self, ref: Referent) -> dict[str, str]:
        return {
            "role": espaces_fr(ref.role),
            "structure": espaces_fr(ref.structure),
            "telephone": espaces_fr(ref.telephone),
            "email": ref.email,
            "adresse": espaces_fr(ref.adresse),
            "horaires": espaces_fr(ref.horaires),
        }

    def common(self, b: Brochure) -> dict[str, Any]:
        commune, mairie = self.c.commune, self.c.commune.mairie
        return {
            "type": b.type,
            "titre": espaces_fr(b.titre),
            "commune": espaces_fr(commune.nom),
            "annee": commune.annee_scolaire,
            "format": b.format,
            "exemple": bool(commune.exemple),
            "couleur": self.charte.couleur,
            "logo": self.charte.logo,
            "mairie": {
                "nom": espaces_fr(mairie.nom),
                "adresse": espaces_fr(mairie.adresse),
                "telephone": espaces_fr(mairie.telephone),
                "email": mairie.email,
                "horaires": espaces_fr(mairie.horaires),
            },
        }

    def activity(self, slug: str, act: Activite, anchor: bool) -> dict[str, Any]:
        c = self.c
        ref = c.referents[act.referent]
        status = statut(act, self.today)
        horaires = [
            espaces_fr(f"{h.jour.capitalize()} {heure_fr(h.debut)} – {heure_fr(h.fin)}")
            for h in act.horaires
        ]
        acc = act.accessibilite
        return {
            "id": f"act-{slug}" if anchor else None,
            "titre": espaces_fr(act.titre),
            "resume": espaces_fr(act.resume),
            "public": espaces_fr(public_fr(act.public)),
            "categorie": c.categories[act.categorie],
            "temps": [{"id": t, "texte": TEMPS_LABELS[t]} for t in act.temps],
            "horaires": horaires,
            "periode": espaces_fr(f"Du {date_fr(act.periode.debut)} au {date_fr(act.periode.fin)}"),
            "lieu": espaces_fr(f"{act.lieu.nom}, {act.lieu.adresse}"),
            "quartier": c.quartiers[act.lieu.quartier],
            "tarif": {"type": act.tarif.type, "texte": espaces_fr(tarif_fr(act.tarif))},
            "inscription": espaces_fr(act.inscription.modalites),
            "date_limite": (
                espaces_fr(date_fr(act.inscription.date_limite))
                if act.inscription.date_limite
                else None
            ),
            "statut": {"code": status.code, "texte": espaces_fr(status.texte)},
            "accessibilite": [
                {"id": ident, "texte": text}
                for ident, on, text in (
                    (
                        "accueil-handicap",
                        acc.accueil_handicap,
                        "Enfants en situation de handicap accueillis",
                    ),
                    ("activite-adaptee", acc.activite_adaptee, "Activité adaptée"),
                    ("acces-pmr", acc.acces_pmr, "Lieu accessible en fauteuil roulant"),
                )
                if on
            ],
            "contact": {"role": espaces_fr(ref.role), "telephone": espaces_fr(ref.telephone)},
            "qr": self.qr(url("activite", slug), f"la page de l’activité {act.titre}"),
        }

    def activities(
        self, members: Iterable[tuple[str, Activite]], anchored: set[str]
    ) -> list[dict[str, Any]]:
        """Entries; the first entry of each activity carries its anchor (``act-<slug>``)."""
        entries = []
        for slug, act in members:
            entries.append(self.activity(slug, act, anchor=slug not in anchored))
            anchored.add(slug)
        return entries


def guide(w: _Writer, b: Brochure) -> dict[str, Any]:
    """A guide: its selection by age band (overlap), then category; contacts; index by quartier."""
    c = w.c
    acts = c.select(b.selection)
    anchored: set[str] = set()
    parts: list[dict[str, Any]] = []
    # A few activities are scanned at a glance by category, each with its ages; beyond, a
    # parent first turns to the pages of their child's age.
    single = b.selection.age is not None or len(acts) <= BY_AGE_ABOVE
    for label, members in bands(acts, b.selection.age) if not single else [("", acts)]:
        groups: list[dict[str, Any]] = []
        for ident, name in c.categories.items():
            in_category = [(s, a) for s, a in members if a.categorie == ident]
            if in_category:
                entries = w.activities(in_category, anchored)
                groups.append({"titre": name, "activites": entries})
        parts.append({"titre": label, "groupes": groups})
    referent_ids = {a.referent for _, a in acts}
    contacts = [w.contact(r) for r in c.referents.values() if r.id in referent_ids]
    quartiers = []
    for qid, name in c.quartiers.items():
        here = [(s, a) for s, a in acts if a.lieu.quartier == qid]
        if here:
            quartiers.append({
                "titre": name,
                "activites": [{"id": f"act-{s}", "titre": espaces_fr(a.titre)} for s, a in here],
            })  # fmt: skip
    if single:  # filed by category: each category is a part of its own, with no band above
        parts = [{"titre": g["titre"], "groupes": [{"titre": None, "activites": g["activites"]}]}
                 for p in parts for g in p["groupes"]]  # fmt: skip
    return {
        **w.common(b),
        "nombre": len(acts),
        "intro": espaces_fr(
            f"{len(acts)} activité{'s' if len(acts) > 1 else ''} pour les enfants, "
            "les jeunes et leurs parents. Chaque fiche dit pour qui, quand, où, combien "
            "et jusqu’à quand s’inscrire ; son code QR ouvre la page de l’activité, "
            "toujours à jour."
        ),
        "par_age": not single,
        "parties": parts,
        "contacts": contacts,
        "quartiers": quartiers,
        "qr": w.qr(section("activite"), "la page Trouver une activité"),
    }


def plaquette(w: _Writer, b: Brochure) -> dict[str, Any]:
    """The inclusion leaflet: who the référent is, what they do, where children are welcome."""
    c = w.c
    inclusion = c.referents.get("referent-inclusion")
    accueil = c.select(Criteria(accueil_handicap=True))
    handicap = [r for r in c.referents.values() if "handicap" in r.role.lower()]
    return {
        **w.common(b),
        "inclusion": w.contact(inclusion) if inclusion else None,
        "missions": [espaces_fr(m) for m in inclusion.missions] if inclusion else [],
        "annee_referent": c.commune.annee_scolaire,
        "activites": [
            {
                "titre": espaces_fr(a.titre),
                "public": espaces_fr(public_fr(a.public)),
                "quartier": c.quartiers[a.lieu.quartier],
                "adaptee": a.accessibilite.activite_adaptee,
                "pmr": a.accessibilite.acces_pmr,
            }
            for _, a in accueil
        ],
        "referents": [w.contact(r) for r in handicap],
        "qr": w.qr("inclusion/", "la page Inclusion et handicap"),
        "qr_activites": w.qr(
            section("activite") + "?handicap=1",
            "les activités qui accueillent les enfants en situation de handicap",
        ),
    }


def pedt(w: _Writer, b: Brochure) -> dict[str, Any]:
    """« Le PEDT en bref »: what it is and changes for a child, in two pages."""
    c = w.c
    axes = []
    for number, axe in enumerate(c.pedt.axes, 1):
        served = {s for o in axe.objectifs for s, _ in c.activites_for_objectif(o.id)}
        axes.append({
            "numero": number,
            "titre": espaces_fr(axe.titre),
            "en_bref": espaces_fr(axe.en_bref) if axe.en_bref else None,
            "chiffres": espaces_fr(
                f"{_compte(len(axe.objectifs), 'objectif général', 'objectifs généraux')} ; "
                f"{_compte(len(served), 'activité y contribue', 'activités y contribuent')}."
            ),
        })  # fmt: skip
    inclusion = c.referents.get("referent-inclusion")
    return {
        **w.common(b),
        "axes": axes,
        "inclusion": w.contact(inclusion) if inclusion else None,
        "qr": w.qr(section("axe"), "la page du projet éducatif"),
        "qr_activites": w.qr(section("activite"), "la page Trouver une activité"),
    }


def _compte(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


BUILDERS = {"guide-activites": guide, "plaquette-inclusion": plaquette, "pedt-en-bref": pedt}


def document(
    c: Catalogue, b: Brochure, today: date, charte: Charte | None = None
) -> dict[str, Any]:
    """Everything ``b`` prints on ``today``, for its template, QR codes as addresses."""
    data = BUILDERS[b.type](_Writer(c, today, charte or Charte()), b)
    data["qr_format"] = QR_FORMAT
    return data
