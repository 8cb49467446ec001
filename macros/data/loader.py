"""Load ``data/`` into a :class:`~macros.data.catalogue.Catalogue`, collecting every error.

Each file is read strictly (:mod:`macros.data.reader`), validated against its
model, then the cross-references between files are checked. Nothing stops at
the first mistake: all of them, from all files, end up in one report.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from macros.data.audit import audit_errors
from macros.data.catalogue import ACCES_COURTS, AGE_BANDS, TEMPS_LABELS, Catalogue
from macros.data.errors import DataError, DataErrors
from macros.data.fields import fold
from macros.data.kinds import docs_paths, generated_pages, path_of
from macros.data.messages import describe, field_path
from macros.data.models import (
    Activite,
    Brochure,
    Brochures,
    Commune,
    Lexique,
    Pedt,
    Redirections,
    Referents,
    Ressource,
)
from macros.data.reader import Document, read_yaml
from macros.data.selection import MOMENTS, PRIX, QUAND_LABELS, TOUTE_LA_VILLE, Criteria, matches

if TYPE_CHECKING:
    from macros.data.reader import Loc

M = TypeVar("M", bound=BaseModel)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class _Loaded:
    doc: Document
    item: Any


class _Collector:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.errors: list[DataError] = []
        self.invalid: list[Document] = []  # read, but refused by their model

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def load(self, path: Path, model: type[M]) -> _Loaded | None:
        doc, errors = read_yaml(path, self.display(path))
        self.errors.extend(errors)
        if doc is None:
            return None
        try:
            item = TypeAdapter(model).validate_python(doc.data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc: Loc = tuple(error["loc"])
                message, hint = describe(error, _allowed_fields(model, loc))
                self.add(doc, loc, message, hint)
            self.invalid.append(doc)
            return None
        return _Loaded(doc, item)

    def add(self, doc: Document, loc: Loc, message: str, hint: str = "") -> None:
        self.errors.append(DataError(doc.display, doc.line_of(loc), field_path(loc), message, hint))


def _allowed_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names allowed at the parent of ``loc``, for "did you mean" hints."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    for arg in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = getattr(arg, "__args__", ())
        for sub in inner:
            if isinstance(sub, type) and issubclass(sub, BaseModel):
                return sub
    return None


def load_catalogue(root: Path) -> Catalogue:
    """Load and check the project's ``data/``; raise :class:`DataErrors` listing every mistake."""
    data = root / "data"
    c = _Collector(root)
    if not data.is_dir():
        raise DataErrors(
            [
                DataError(
                    "data",
                    1,
                    "",
                    "dossier data/ introuvable",
                    "lancez la commande à la racine du projet.",
                )
            ]
        )

    def required(name: str, model: type[M]) -> _Loaded | None:
        path = data / name
        if not path.is_file():
            c.errors.append(DataError(f"data/{name}", 1, "", "fichier obligatoire manquant"))
            return None
        return c.load(path, model)

    commune = required("commune.yml", Commune)
    pedt = required("pedt.yml", Pedt)
    referents = required("referents.yml", Referents)
    brochures = (
        c.load(data / "brochures.yml", Brochures) if (data / "brochures.yml").is_file() else None
    )
    redirections = (
        c.load(data / "redirections.yml", Redirections)
        if (data / "redirections.yml").is_file()
        else None
    )
    lexique = c.load(data / "lexique.yml", Lexique) if (data / "lexique.yml").is_file() else None
    if lexique:
        _check_lexique(c, lexique)
    activites = _load_folder(c, data / "activites", Activite)
    ressources = _load_folder(c, data / "ressources", Ressource)

    to_build: list[Brochure] = []
    if commune and pedt and referents:
        _check_references(c, commune, pedt, referents, brochures, activites, ressources)
        docs_pages, docs_files = docs_paths(root / "docs")
        # Every file's address, even one refused above: no second error about a missing page.
        pages = docs_pages | generated_pages({
            "activite": _stems(data / "activites"), "ressource": _stems(data / "ressources"),
            "referent": {r.id for r in referents.item.referents},
            "axe": {a.id for a in pedt.item.axes},
            "age": {band for band, *_ in AGE_BANDS},
            "quartier": {q.id for q in commune.item.quartiers},
            "categorie": {k.id for k in commune.item.categories},
            "temps": set(TEMPS_LABELS),
            "quand": set(QUAND_LABELS), "moment": {m for m, *_ in MOMENTS},
            "prix": {p for p, *_ in PRIX}, "acces": set(ACCES_COURTS),
            "accessibilite": {"fauteuil", "handicap", "adaptee"},
        })  # fmt: skip
        redirected = {r.de for r in redirections.item.redirections} if redirections else set()
        if (root / "docs").is_dir():  # a data-only folder (tests, tools) has no pages to check
            _check_site_links(c, activites, ressources, pages | redirected, docs_files)
        if redirections:
            _check_redirections(c, redirections, pages)
        if brochures:
            quartiers = {q.id: q.nom for q in commune.item.quartiers}
            to_build = _check_selections(c, brochures, activites, quartiers)
    c.errors.extend(audit_errors(root)[1])  # data/accessibilite.yml (macros/data/audit.py)
    if c.errors:
        raise DataErrors(c.errors)
    assert commune and pedt and referents
    return Catalogue(
        commune=commune.item,
        pedt=pedt.item,
        referents={r.id: r for r in referents.item.referents},
        activites={slug: loaded.item for slug, loaded in activites.items()},
        ressources={slug: loaded.item for slug, loaded in ressources.items()},
        brochures=to_build,
        redirections=list(redirections.item.redirections) if redirections else [],
        lexique=list(lexique.item.termes) if lexique else [],
        besoins=list(referents.item.besoins),
    )


def _load_folder(c: _Collector, folder: Path, model: type[M]) -> dict[str, _Loaded]:
    loaded: dict[str, _Loaded] = {}
    if not folder.is_dir():
        return loaded
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix != ".yml":
            c.errors.append(
                DataError(
                    c.display(path),
                    1,
                    "",
                    "fichier ignoré : l'extension doit être .yml",
                    f"renommez-le en {path.stem}.yml.",
                )
            )
            continue
        if not _SLUG.match(path.stem):
            c.errors.append(
                DataError(
                    c.display(path),
                    1,
                    "",
                    f"nom de fichier invalide « {path.name} » : il devient l'adresse de la page",
                    "minuscules sans accent, chiffres et tirets, par exemple judo-debutants.yml.",
                )
            )
            continue
        item = c.load(path, model)
        if item is not None:
            loaded[path.stem] = item
    return loaded


def _check_references(
    c: _Collector,
    commune: _Loaded,
    pedt: _Loaded,
    referents: _Loaded,
    brochures: _Loaded | None,
    activites: dict[str, _Loaded],
    ressources: dict[str, _Loaded],
) -> None:
    com: Commune = commune.item
    quartiers = {q.id for q in com.quartiers}
    services = {s.id for s in com.services}
    categories = {k.id for k in com.categories}
    themes = {t.id for t in com.themes}
    for key in ("quartiers", "services", "categories", "themes"):
        _unique_ids(c, commune.doc, key, [e.id for e in getattr(com, key)])
    for i, q in enumerate(com.quartiers):
        if q.id == TOUTE_LA_VILLE:
            c.add(
                commune.doc,
                ("quartiers", i, "id"),
                f"l'identifiant « {TOUTE_LA_VILLE} » est réservé",
                "il désigne un service présent dans tous les quartiers : "
                "choisissez un autre identifiant.",
            )

    objectives = {o.id for axe in pedt.item.axes for o in axe.objectifs}
    _unique_ids(c, pedt.doc, "axes", [axe.id for axe in pedt.item.axes])
    seen: set[str] = set()
    for a, axe in enumerate(pedt.item.axes):
        for o, objectif in enumerate(axe.objectifs):
            if objectif.id in seen:
                c.add(
                    pedt.doc,
                    ("axes", a, "objectifs", o, "id"),
                    f"identifiant « {objectif.id} » déjà utilisé",
                )
            seen.add(objectif.id)

    refs = referents.item.referents
    _unique_ids(c, referents.doc, "referents", [r.id for r in refs])
    for i, ref in enumerate(refs):
        _known(
            c,
            referents.doc,
            ("referents", i, "service"),
            ref.service,
            services,
            "service",
            "commune.yml",
        )
    referent_ids = {r.id for r in refs}
    besoins = referents.item.besoins
    _unique_ids(c, referents.doc, "besoins", [b.id for b in besoins])
    for i, besoin in enumerate(besoins):
        for j, ident in enumerate(besoin.contacts):
            _known(
                c, referents.doc, ("besoins", i, "contacts", j), ident, referent_ids,
                "contact", "referents.yml",
            )  # fmt: skip

    # References are checked on the raw data, so that a file refused by its model
    # still gets them checked: every mistake is reported at once.
    activity_docs = [loaded.doc for loaded in activites.values()]
    activity_docs += [d for d in c.invalid if d.display.startswith("data/activites/")]
    for doc in activity_docs:
        raw: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
        lieu = raw.get("lieu")
        objectifs = raw.get("objectifs")
        checks: list[tuple[Loc, Any, set[str], str, str]] = [
            (("categorie",), raw.get("categorie"), categories, "catégorie", "commune.yml"),
            (("lieu", "quartier"), lieu.get("quartier") if isinstance(lieu, dict) else None,
             quartiers | {TOUTE_LA_VILLE}, "quartier", "commune.yml"),
            (("service",), raw.get("service"), services, "service", "commune.yml"),
            (("contact",), raw.get("contact"), referent_ids, "contact", "referents.yml"),
            (("referent_handicap",), raw.get("referent_handicap"), referent_ids,
             "référent handicap", "referents.yml"),
        ]  # fmt: skip
        if isinstance(objectifs, list):
            checks += [
                (("objectifs", i), o, objectives, "objectif du PEDT", "pedt.yml")
                for i, o in enumerate(objectifs)
            ]
        for loc, value, known, what, where in checks:
            if isinstance(value, str):
                _known(c, doc, loc, value.strip(), known, what, where)
    for loaded in ressources.values():
        _known(c, loaded.doc, ("theme",), loaded.item.theme, themes, "thème", "commune.yml")

    if brochures:
        _unique_ids(c, brochures.doc, "brochures", [b.id for b in brochures.item.brochures])
        for i, brochure in enumerate(brochures.item.brochures):
            sel = brochure.selection
            for j, cat in enumerate(sel.categories):
                _known(
                    c,
                    brochures.doc,
                    ("brochures", i, "selection", "categories", j),
                    cat,
                    categories,
                    "catégorie",
                    "commune.yml",
                )
            for j, q in enumerate(sel.quartiers):
                _known(
                    c,
                    brochures.doc,
                    ("brochures", i, "selection", "quartiers", j),
                    q,
                    quartiers,
                    "quartier",
                    "commune.yml",
                )


def _stems(folder: Path) -> set[str]:
    return {p.stem for p in folder.glob("*.yml")} if folder.is_dir() else set()


def _check_lexique(c: _Collector, loaded: _Loaded) -> None:
    """Each word is explained once: no term twice, no synonym that is another term."""
    seen: dict[str, int] = {}
    for i, terme in enumerate(loaded.item.termes):
        folded = terme.ancre  # two spellings of one word would share an anchor of /lexique/
        if folded in seen:
            c.add(
                loaded.doc,
                ("termes", i, "terme"),
                f"« {terme.terme} » est déjà expliqué (terme n° {seen[folded] + 1})",
                "réunissez les deux explications en une seule.",
            )
        seen.setdefault(folded, i)
    words = {fold(terme.terme) for terme in loaded.item.termes}
    for i, terme in enumerate(loaded.item.termes):
        for j, synonyme in enumerate(terme.synonymes):
            if fold(synonyme) in words:
                c.add(
                    loaded.doc,
                    ("termes", i, "synonymes", j),
                    f"« {synonyme} » est lui-même un terme du lexique",
                    "retirez-le des synonymes : la recherche le trouve déjà.",
                )


def _check_redirections(c: _Collector, loaded: _Loaded, pages: set[str]) -> None:
    """A redirection leaves an address that no longer exists, for one that does, in one step."""
    targets = {r.de: r.vers for r in loaded.item.redirections}
    seen: set[str] = set()
    for i, redirection in enumerate(loaded.item.redirections):
        de, vers = redirection.de, redirection.vers
        if de in pages:
            c.add(
                loaded.doc,
                ("redirections", i, "de"),
                f"« {de} » est l'adresse d'une page qui existe",
                "une redirection part d'une adresse qui n'existe plus.",
            )
        if de in seen:
            c.add(loaded.doc, ("redirections", i, "de"), f"« {de} » est redirigée deux fois")
        seen.add(de)
        if vers == de:
            c.add(
                loaded.doc,
                ("redirections", i, "vers"),
                f"« {de} » est redirigée vers elle-même",
                "la page se rechargerait sans fin ; indiquez la nouvelle adresse.",
            )
            continue
        chain, current = [de], vers
        while current in targets and current not in chain:
            chain.append(current)
            current = targets[current]
        if current in chain:
            c.add(
                loaded.doc,
                ("redirections", i, "vers"),
                "redirections en boucle : " + " → ".join([*chain, current]),
                "chaque ancienne adresse doit mener à une page qui existe.",
            )
        elif current not in pages:
            c.add(
                loaded.doc,
                ("redirections", i, "vers"),
                f"« {vers} » ne mène à aucune page du site",
                "indiquez l'adresse d'une page qui existe, par exemple /activites/judo/.",
            )


def _check_site_links(
    c: _Collector,
    activites: dict[str, _Loaded],
    ressources: dict[str, _Loaded],
    pages: set[str],
    files: set[str],
) -> None:
    """Links from data to a page of the site, and images, must lead somewhere."""
    known = pages | files
    for loaded in activites.values():
        act = loaded.item
        url = act.inscription.url
        if url and url.startswith("/") and path_of(url) not in known:
            c.add(
                loaded.doc,
                ("inscription", "url"),
                f"« {url} » : aucune page du site à cette adresse",
                "vérifiez l'adresse, par exemple /contacts/ ; ou écrivez l'adresse complète https://….",
            )
        if act.image and act.image.src not in files:
            c.add(
                loaded.doc,
                ("image", "src"),
                f"image introuvable « {act.image.src} »",
                f"placez le fichier dans docs{act.image.src}.",
            )
    for loaded in ressources.values():
        lien = loaded.item.lien
        if lien and lien.startswith("/") and path_of(lien) not in known:
            c.add(
                loaded.doc,
                ("lien",),
                f"« {lien} » : aucune page du site à cette adresse",
                "vérifiez l'adresse, par exemple /inclusion/ ; ou écrivez l'adresse complète https://….",
            )


def _check_selections(
    c: _Collector, brochures: _Loaded, activites: dict[str, _Loaded], quartiers: dict[str, str]
) -> list[Brochure]:
    """The brochures to lay out, rules expanded (one per quartier); an empty guide refused."""
    acts = [loaded.item for loaded in activites.values()]
    expanded: list[tuple[int, Brochure]] = []
    for i, brochure in enumerate(brochures.item.brochures):
        if brochure.pour_chaque and brochure.type != "guide-activites":
            c.add(
                brochures.doc,
                ("brochures", i, "pour_chaque"),
                "« pour_chaque » ne vaut que pour un guide des activités "
                f"(type: guide-activites), pas pour « {brochure.type} »",
                "retirez « pour_chaque » de cette brochure.",
            )
            continue
        if brochure.type != "guide-activites":
            expanded.append((i, brochure))
            continue
        for candidate in (
            _one_per_quartier(brochure, quartiers) if brochure.pour_chaque else [brochure]
        ):
            if any(matches(act, Criteria.from_selection(candidate.selection)) for act in acts):
                expanded.append((i, candidate))
        if not any(j == i for j, _ in expanded):
            where = " dans aucun quartier" if brochure.pour_chaque else ""
            c.add(
                brochures.doc,
                ("brochures", i, "selection"),
                f"la sélection de la brochure « {brochure.id} » ne retient aucune activité{where}",
                "élargissez la sélection (catégories, quartiers, moments, âge) "
                "ou retirez la brochure.",
            )
    seen: dict[str, int] = {}
    for i, brochure in expanded:
        if brochure.id in seen and seen[brochure.id] != i:
            c.add(
                brochures.doc,
                ("brochures", i, "id"),
                f"la brochure « {brochure.id} » est déjà produite par la brochure n° "
                f"{seen[brochure.id] + 1} de la liste",
                "donnez-lui un autre id.",
            )
        seen.setdefault(brochure.id, i)
    return [b for _, b in expanded]


def _one_per_quartier(brochure: Brochure, quartiers: dict[str, str]) -> list[Brochure]:
    """``pour_chaque: quartier``: the brochure for each quartier its selection allows."""
    allowed = brochure.selection.quartiers or list(quartiers)
    return [
        brochure.model_copy(
            update={
                "id": f"{brochure.id}-{qid}",
                "titre": f"{brochure.titre} – {name}",
                "pour_chaque": None,
                "selection": brochure.selection.model_copy(update={"quartiers": [qid]}),
            }
        )
        for qid, name in quartiers.items()
        if qid in allowed
    ]


def _unique_ids(c: _Collector, doc: Document, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            c.add(
                doc,
                (key, i, "id"),
                f"identifiant « {ident} » déjà utilisé",
                "chaque identifiant doit être unique.",
            )
        seen.add(ident)


def _known(
    c: _Collector, doc: Document, loc: Loc, value: str, known: set[str], what: str, where: str
) -> None:
    if value in known:
        return
    close = difflib.get_close_matches(value, sorted(known), n=1)
    hint = (
        f"vouliez-vous écrire « {close[0]} » ?"
        if close
        else f"valeurs possibles : {', '.join(sorted(known))}."
    )
    c.add(doc, loc, f"{what} « {value} » inconnu (absent de {where})", hint)
