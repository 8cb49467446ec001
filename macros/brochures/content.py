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

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from typing import TYPE_CHECKING, Any, cast

import zxingcpp

from macros.data.catalogue import ACCES_LABELS, AGE_BANDS, TEMPS_LABELS
from macros.data.kinds import absolute, section, url
from macros.data.models import AGE_MAX
from macros.data.selection import TOUTE_LA_VILLE, Criteria
from macros.present.formatting import date_fr, periode_fr, public_fr, quand_fr, tarif_fr
from macros.present.statut import statut
from macros.present.typographie import espaces_fr

if TYPE_CHECKING:
    from datetime import date

    from macros.data.catalogue import Catalogue
    from macros.data.models import Activite, Brochure, Referent

PARENTS = "pour les parents"
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
) -> list[tuple[str, str, list[tuple[str, Activite]]]]:
    """The activities by age band, **by overlap**: judo for 4-11 is under 3-5 and 6-11 ans.

    A parent looks under their child's age; an activity is found under every
    band it welcomes. With a selection's ``age``, only that age's band is kept
    (« Mercredis 6-11 ans » has no « 3 à 5 ans » part). Activities for parents
    come last, under « Pour les parents ». Empty bands are left out. Each band as
    (id, label, activities).
    """
    groups: list[tuple[str, str, list[tuple[str, Activite]]]] = []
    for ident, label, first, last in AGE_BANDS:
        if age is not None and not first <= age <= last:
            continue
        members = []
        for slug, act in acts:
            ages = age_range(act)
            if ages is not None and ages[0] <= last and first <= ages[1]:
                members.append((slug, act))
        if members:
            groups.append((ident, label, members))
    parents = [(s, a) for s, a in acts if a.public.parents]
    if parents and age is None:
        groups.append(("parents", PARENTS, parents))
    return groups


_QR = zxingcpp.BarcodeFormat.QRCode

QR_FORMAT = (
    f"zxing-cpp {version('zxing-cpp')}, niveau M, marge de 4 modules, "
    "image en gris 8 bits, 1 pixel par module, agrandie sans lissage"
)
"""How a QR code is drawn: in every brochure's data, so the cache key changes with it
(the pixels themselves are added only to a layout, see :func:`with_codes`)."""


@lru_cache(maxsize=20_000)
def qr_pixels(address: str) -> dict[str, Any]:
    """The address's QR code as a grey image, one pixel a module (0 dark, 255 light).

    Level M, the standard quiet zone of 4 modules; encoded by zxing-cpp (C++: 0.8 ms
    a code, against 2.2 ms for segno's encoding alone, pure Python: 11 s of the
    5,000-activity guide). Typst enlarges the image without smoothing (sharp modules,
    printed at any size); measured on the 6-11 volume of the 1,000-activity guide, a
    raw image is laid out 12 % faster than the same code as SVG (1.13 s against 1.29 s,
    best of 5 fresh processes). The posters keep segno's SVG (:mod:`macros.export.qr`).
    ``{"largeur", "hauteur", "gris": [0 or 255, …]}``, row by row.
    """
    code = zxingcpp.create_barcode(address, _QR, ec_level="M")
    # A buffer of shape (rows, columns); zxing-cpp's type stub does not declare it.
    image = memoryview(cast("Any", code.to_image(scale=1, add_quiet_zones=True)))
    height, width = cast("tuple[int, int]", image.shape)
    return {"largeur": width, "hauteur": height, "gris": list(image.tobytes())}


def with_codes(data: Any) -> Any:
    """``data`` with the image of every QR code it prints (``{"adresse", "alt", …}``).

    Encoding a QR code is the most expensive part of a brochure's data (pure Python):
    it is done only for a brochure laid out again, never for one taken from the cache.
    """
    if isinstance(data, dict):
        filled = {k: with_codes(v) for k, v in data.items()}
        if "adresse" in data and "alt" in data:
            filled["image"] = qr_pixels(data["adresse"])
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
        self._entries: dict[str, dict[str, Any]] = {}

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
        """One entry; written once per activity, which comes back under each of its bands."""
        entry = self._entries.get(slug)
        if entry is None:
            entry = self._entries[slug] = self._entry(slug, act)
        return {**entry, "id": f"act-{slug}" if anchor else None}

    def _entry(self, slug: str, act: Activite) -> dict[str, Any]:
        c = self.c
        ref = c.referents[act.contact]
        status = statut(act, self.today)
        horaires = [espaces_fr(line) for line in quand_fr(act)]
        ins = act.inscription
        acc = act.accessibilite
        return {
            "titre": espaces_fr(act.titre),
            "resume": espaces_fr(act.resume),
            "public": espaces_fr(public_fr(act.public)),
            "categorie": c.categories[act.categorie],
            "temps": [{"id": t, "texte": TEMPS_LABELS[t]} for t in act.temps],
            "horaires": horaires,
            "periode": espaces_fr(periode_fr(act.periode)),
            "lieu": espaces_fr(f"{act.lieu.nom}, {act.lieu.adresse}"),
            "quartier": c.nom_quartier(act.lieu.quartier),
            "tarif": {"type": act.tarif.type, "texte": espaces_fr(tarif_fr(act.tarif))},
            "inscription": espaces_fr(ins.modalites if ins else ACCES_LABELS[act.acces]),
            "ouverture": (espaces_fr(date_fr(ins.ouverture)) if ins and ins.ouverture else None),
            "date_limite": (
                espaces_fr(date_fr(ins.date_limite)) if ins and ins.date_limite else None
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


Plan = list[tuple[str, str, list[tuple[str, list[tuple[str, "Activite"]]]]]]
"""A guide's outline before it is written: (part id, part title, [(category, activities)])."""

TOME_MAX = 1_000
"""The most entries one PDF holds: a longer guide is published as volumes (« tomes »).

One volume per age band, cut in consecutive parts where a band holds more. Typst
keeps a whole document in memory while it lays it out (≈ 0.3 MB an entry): one PDF
for 5,000 activities (8,100 entries, 2,100 pages) took 2.6 GB. Volumes are laid out
one after the other, each in a process of its own, so the memory stays that of one
volume whatever the catalogue (530 MB at 5,000, PSS). And a parent prints the volume
of their child's age, not a 400-page guide. The cost: an activity under three bands
is laid out three times from scratch (1,000 activities: 10 s in five volumes, 8.7 s
as one PDF).
"""


@dataclass(frozen=True)
class Volume:
    """One PDF of a brochure: the whole brochure, or one volume of a long guide."""

    id: str
    titre: str
    data: dict[str, Any]
    serie: str | None = None
    """The whole guide's title, for a volume of it (``None``: the brochure is one PDF)."""


def _plan(c: Catalogue, acts: list[tuple[str, Activite]], b: Brochure, single: bool) -> Plan:
    parts = bands(acts, b.selection.age) if not single else [("", "", acts)]
    plan: Plan = []
    for ident, label, members in parts:
        groups = []
        for cat, name in c.categories.items():
            in_category = [(s, a) for s, a in members if a.categorie == cat]
            if in_category:
                groups.append((name, in_category))
        plan.append((ident, label, groups))
    return plan


def _tomes(plan: Plan) -> list[tuple[str, str, Plan]]:
    """The plan as volumes of at most :data:`TOME_MAX` entries: (id suffix, title, plan).

    One volume for a plan that fits (no suffix); else one per part, a part too long
    cut into equal runs of entries (« 6 à 11 ans (1 sur 3) »), a category carried over
    to the next run titled « (suite) ».
    """
    if sum(len(m) for _, _, groups in plan for _, m in groups) <= TOME_MAX:
        return [("", "", plan)]
    tomes = []
    for ident, label, groups in plan:
        flat = [(name, m) for name, members in groups for m in members]
        count = -(-len(flat) // TOME_MAX)
        for i in range(count):
            start = i * len(flat) // count
            run = flat[start : (i + 1) * len(flat) // count]
            regrouped: list[tuple[str, list[tuple[str, Activite]]]] = []
            for name, member in run:
                if regrouped and regrouped[-1][0] == name:
                    regrouped[-1][1].append(member)
                else:
                    regrouped.append((name, [member]))
            if i > 0 and flat[start - 1][0] == run[0][0]:
                regrouped[0] = (f"{run[0][0]} (suite)", regrouped[0][1])
            suffix = "-".join(x for x in (ident, str(i + 1) if count > 1 else "") if x)
            if count == 1:
                title = label
            else:
                title = f"{label} ({i + 1} sur {count})" if label else f"partie {i + 1} sur {count}"
            tomes.append((suffix, title, [(ident, label, regrouped)]))
    return tomes


def guide(w: _Writer, b: Brochure) -> list[Volume]:
    """A guide: its selection by age band (overlap), then category; contacts; index by quartier.

    As one PDF, or as volumes when it holds more than :data:`TOME_MAX` entries.
    """
    c = w.c
    acts = c.select(b.selection)
    # A few activities are scanned at a glance by category, each with its ages; beyond, a
    # parent first turns to the pages of their child's age.
    single = b.selection.age is not None or len(acts) <= BY_AGE_ABOVE
    tomes = _tomes(_plan(c, acts, b, single))
    volumes = []
    for suffix, label, plan in tomes:
        seen: dict[str, Activite] = {}
        for _, _, groups in plan:
            for _, members in groups:
                seen.update(members)
        here = list(seen.items())
        data = _guide_data(w, b, here, plan, single)
        if not suffix:
            volumes.append(Volume(b.id, b.titre, data))
            continue
        titre = f"{b.titre} – {label}"
        data["titre"] = espaces_fr(titre)
        data["volume"] = {
            "titre": espaces_fr(label),
            "nombre": len(tomes),
            "total": len(acts),
            "volumes": [espaces_fr(t) for _, t, _ in tomes],
        }
        data["intro"] = espaces_fr(
            f"Ce volume : {_compte(len(here), 'activité', 'activités')}"
            f"{_pour(plan[0][1]) if not single else ''}. Le guide complet en compte "
            f"{len(acts)}, en {len(tomes)} volumes, tous sur la page Brochures du site. "
            "Chaque fiche dit pour qui, quand, où, combien et jusqu’à quand s’inscrire ; "
            "son code QR ouvre la page de l’activité, toujours à jour."
        )
        volumes.append(Volume(f"{b.id}-{suffix}", titre, data, serie=b.titre))
    return volumes


def _guide_data(
    w: _Writer, b: Brochure, acts: list[tuple[str, Activite]], plan: Plan, single: bool
) -> dict[str, Any]:
    c = w.c
    anchored: set[str] = set()
    parts: list[dict[str, Any]] = []
    for _, label, groups in plan:
        entries = [{"titre": name, "activites": w.activities(members, anchored)}
                   for name, members in groups]  # fmt: skip
        if single:  # filed by category: each category is a part of its own, no band above
            parts += [{"titre": g["titre"], "groupes": [{**g, "titre": None}]} for g in entries]
        else:
            parts.append({"titre": label[:1].upper() + label[1:], "groupes": entries})
    referent_ids = {a.contact for _, a in acts}
    contacts = [w.contact(r) for r in c.referents.values() if r.id in referent_ids]
    quartiers = []
    for qid, name in [*c.quartiers.items(), (TOUTE_LA_VILLE, "Dans toute la ville")]:
        here = [(s, a) for s, a in acts if a.lieu.quartier == qid]
        if here:
            quartiers.append({
                "titre": name,
                "activites": [{"id": f"act-{s}", "titre": espaces_fr(a.titre)} for s, a in here],
            })  # fmt: skip
    return {
        **w.common(b),
        "nombre": len(acts),
        "intro": espaces_fr(
            f"{len(acts)} activité{'s' if len(acts) > 1 else ''} pour les enfants, "
            "les jeunes et leurs parents. Chaque fiche dit pour qui, quand, où, combien "
            "et jusqu’à quand s’inscrire ; son code QR ouvre la page de l’activité, "
            "toujours à jour."
        ),
        "volume": None,
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
                "quartier": c.nom_quartier(a.lieu.quartier),
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


def _pour(band: str) -> str:
    """« 6 à 11 ans » as « pour les 6 à 11 ans »; « pour les parents » as it is."""
    return f" {band}" if band == PARENTS else f" pour les {band}"


def _compte(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def documents(c: Catalogue, b: Brochure, today: date, charte: Charte | None = None) -> list[Volume]:
    """Everything ``b`` prints on ``today``, for its template, QR codes as addresses.

    One PDF, or for a long guide its volumes (:data:`TOME_MAX`).
    """
    w = _Writer(c, today, charte or Charte())
    if b.type == "guide-activites":
        volumes = guide(w, b)
    else:
        volumes = [Volume(b.id, b.titre, plaquette(w, b) if b.type == "plaquette-inclusion"
                          else pedt(w, b))]  # fmt: skip
    for v in volumes:
        v.data["qr_format"] = QR_FORMAT
    return volumes
