"""The pages generated from data: one per activity, resource, contact, PEDT axis and facet.

Each page is Markdown source (front matter + an HTML body rendered from a
template) that the site engine adds to the pages of ``docs/``. Nothing here
knows about MkDocs: a successor engine takes the same list.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from macros import export
from macros.data.catalogue import AGE_BANDS, TEMPS_LABELS
from macros.export.qr import qr_svg
from macros.render import render
from macros.export.schema import schema_texts
from macros.export.vcard import vcard

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue

Crumbs = list[tuple[str, str]]
"""Breadcrumb: (label, path from the site root) pairs, the current page excluded."""

ACCUEIL: tuple[str, str] = ("Accueil", "")
ACTIVITES: tuple[str, str] = ("Trouver une activité", "activites/")


@dataclass(frozen=True)
class GeneratedPage:
    """A file of the site produced from data: ``path`` is relative to the docs folder."""

    path: str
    content: str
    source: str | None = None
    """The data file a page is made from (for error messages)."""


LinkBase = Callable[[str], str]
"""The engine's rule: relative path to the site root for links in the page made from a source."""


def _page_base(path: str) -> str:
    """Relative path from the page built from ``path`` (``a/b.md`` → ``/a/b/``) to the root."""
    depth = path.removesuffix(".md").removesuffix("/index").count("/") + 1
    return "../" * depth


def _page(
    link_base: LinkBase,
    path: str,
    title: str,
    description: str,
    crumbs: Crumbs,
    template: str,
    *,
    kind: str = "page",
    updated: str | None = None,
    source: str,
    searchable: bool = True,
    **context: Any,
) -> GeneratedPage:
    base = link_base(path)
    body = render(template, base=base, **context)
    meta: dict[str, Any] = {
        "title": title,
        "description": description,
        "render_macros": False,
        "fil": [[label, url] for label, url in crumbs],
        "type": kind,
        "source": source,
    }
    if updated:
        meta["mis_a_jour"] = updated
    if not searchable:
        meta["recherche"] = False
    # JSON is valid YAML: values from data cannot break out of the front matter.
    front = "\n".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()
    )
    return GeneratedPage(path, f"---\n{front}\n---\n\n{body}\n", source)


def generated_pages(c: Catalogue, link_base: LinkBase = _page_base) -> Iterator[GeneratedPage]:
    """Every page and file built from ``data/``."""
    for slug, act in c.activites.items():
        yield _page(
            link_base, f"activites/{slug}.md", act.titre, act.resume, [ACCUEIL, ACTIVITES], "activite.html",
            kind="activité", updated=str(act.mis_a_jour) if act.mis_a_jour else None,
            source=f"data/activites/{slug}.yml", c=c, slug=slug, a=act,
        )  # fmt: skip
    for slug, res in c.ressources.items():
        yield _page(
            link_base, f"parentalite/{slug}.md", res.titre, res.resume,
            [ACCUEIL, ("Être parent", "parentalite/")], "ressource.html",
            kind="ressource", updated=str(res.mis_a_jour) if res.mis_a_jour else None,
            source=f"data/ressources/{slug}.yml", c=c, slug=slug, r=res,
        )  # fmt: skip
    for ident, ref in c.referents.items():
        yield _page(
            link_base, f"contacts/{ident}.md", ref.role, f"{ref.role} – {ref.structure}",
            [ACCUEIL, ("Contacts", "contacts/")], "contact.html",
            kind="contact", source="data/referents.yml", c=c, r=ref,
        )  # fmt: skip
        yield GeneratedPage(f"contacts/{ident}.vcf", vcard(ref, c))
    for number, axe in enumerate(c.pedt.axes, start=1):
        yield _page(
            link_base, f"pedt/{axe.id}.md", f"Axe {number} : {axe.titre}", f"PEDT, axe {number} : {axe.titre}",
            [ACCUEIL, ("Le PEDT", "pedt/")], "axe.html", source="data/pedt.yml",
            c=c, axe=axe, numero=number,
        )  # fmt: skip
    yield from _facets(c, link_base)
    yield from item_files(c)
    yield from data_files(c)


def data_files(c: Catalogue) -> list[GeneratedPage]:
    """The open data files listed on ``/donnees/``, in the order shown."""
    files = [
        GeneratedPage("donnees/activites.json", export.activites_json(c)),
        GeneratedPage("donnees/activites.csv", export.activites_csv(c)),
        GeneratedPage("donnees/activites.ics", export.activites_ics(c)),
        GeneratedPage("donnees/ressources.json", export.ressources_json(c)),
        GeneratedPage("donnees/referents.json", export.referents_json(c)),
    ]
    files += [
        GeneratedPage(f"donnees/schemas/{name}", text) for name, text in schema_texts().items()
    ]
    files.append(GeneratedPage("flux.xml", export.atom_feed(c)))
    return files


def item_files(c: Catalogue) -> Iterator[GeneratedPage]:
    """Per item: QR codes for posters, an iCalendar file per activity, redirections."""
    for slug, act in c.activites.items():
        url = export.page_url(c, f"activites/{slug}/")
        yield GeneratedPage(f"activites/{slug}/qr.svg", qr_svg(url, f"Code QR : {act.titre}"))
        yield GeneratedPage(f"activites/{slug}.ics", export.activite_ics(c, slug))
    for slug, res in c.ressources.items():
        url = export.page_url(c, f"parentalite/{slug}/")
        yield GeneratedPage(f"parentalite/{slug}/qr.svg", qr_svg(url, f"Code QR : {res.titre}"))
    for ident, ref in c.referents.items():
        url = export.page_url(c, f"contacts/{ident}/")
        yield GeneratedPage(f"contacts/{ident}/qr.svg", qr_svg(url, f"Code QR : {ref.role}"))
    for redirection in c.redirections:
        depth = redirection.de.strip("/").count("/") + 1
        target = "../" * depth + redirection.vers.lstrip("/")
        html = render(
            "redirection.html", c=c, cible=target, absolue=export.page_url(c, redirection.vers)
        )
        yield GeneratedPage(redirection.de.lstrip("/") + "index.html", str(html) + "\n")


def _facets(c: Catalogue, link_base: LinkBase) -> Iterator[GeneratedPage]:
    """Pre-built filtered lists of the finder: stable links that work without JavaScript."""
    crumbs = [ACCUEIL, ACTIVITES]
    for band, label, first, last in AGE_BANDS:
        acts = [
            (s, a)
            for s, a in c.sorted_activites()
            if _overlaps(a.public.age_min, a.public.age_max, first, last)
        ]
        yield _facet(link_base, f"activites/age/{band}.md", f"Activités pour les {label}", crumbs, c, acts)
    for ident, label in c.quartiers.items():
        acts = [(s, a) for s, a in c.sorted_activites() if a.lieu.quartier == ident]
        yield _facet(
            link_base, f"activites/quartier/{ident}.md", f"Activités du quartier {label}", crumbs, c, acts
        )
    for ident, label in c.categories.items():
        acts = [(s, a) for s, a in c.sorted_activites() if a.categorie == ident]
        yield _facet(link_base, f"activites/categorie/{ident}.md", f"Activités : {label}", crumbs, c, acts)
    for ident, label in TEMPS_LABELS.items():
        acts = [(s, a) for s, a in c.sorted_activites() if ident in a.temps]
        yield _facet(link_base, f"activites/temps/{ident}.md", f"Activités : {label.lower()}", crumbs, c, acts)


def _overlaps(age_min: int | None, age_max: int | None, first: int, last: int) -> bool:
    return age_min is not None and age_max is not None and age_min <= last and age_max >= first


def _facet(link_base: LinkBase, path: str, title: str, crumbs: Crumbs, c: Catalogue, acts: list[Any]) -> GeneratedPage:
    # Lists repeat the activities' own pages: they stay out of the search index.
    return _page(
        link_base, path, title, title, crumbs, "facette.html", searchable=False,
        source="data/activites", c=c, titre=title, activites=acts,
    )  # fmt: skip
