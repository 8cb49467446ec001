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
from macros.data.catalogue import ACCES_COURTS, AGE_BANDS, TEMPS_LABELS
from macros.data.kinds import KINDS, file_path, qr_path, url
from macros.data.selection import MOMENTS, PRIX, QUAND_LABELS, Criteria
from macros.export.qr import qr_svg
from macros.export.registry import OPEN_DATA
from macros.render import render
from macros.export.vcard import vcard

if TYPE_CHECKING:
    from markupsafe import Markup

    from macros.data.catalogue import Catalogue
    from macros.data.models import Activite


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
    kind: str,
    ident: str,
    title: str,
    description: str,
    *,
    updated: str | None = None,
    items: list[tuple[str, str | None]] | None = None,
    **context: Any,
) -> GeneratedPage:
    """The page of one item of a kind (see ``macros.data.kinds``)."""
    k = KINDS[kind]
    path = file_path(kind, ident, "md")
    base = link_base(path)
    body = render(k.template, base=base, **context)
    meta: dict[str, Any] = {
        "title": title,
        "description": description,
        "render_macros": False,
        "fil": [[label, link] for label, link in k.crumbs],
        "type": k.type,
        "source": k.source.format(ident),
    }
    if updated:
        meta["mis_a_jour"] = updated
    if items:  # a list: dated by its newest item (an item's own date, else its file's)
        meta["sources"] = [source for source, own in items if not own]
        meta["dates_propres"] = sorted({own for _, own in items if own})
    if not k.searchable:
        meta["recherche"] = False
    # JSON is valid YAML: values from data cannot break out of the front matter.
    front = "\n".join(
        f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()
    )
    return GeneratedPage(path, f"---\n{front}\n---\n\n{body}\n", meta["source"])


def generated_pages(c: Catalogue, link_base: LinkBase = _page_base) -> Iterator[GeneratedPage]:
    """Every page and file built from ``data/``."""
    for slug, act in c.activites.items():
        yield _page(
            link_base, "activite", slug, act.titre, act.resume,
            updated=str(act.mis_a_jour) if act.mis_a_jour else None, c=c, slug=slug, a=act,
        )  # fmt: skip
    for slug, res in c.ressources.items():
        yield _page(
            link_base, "ressource", slug, res.titre, res.resume,
            updated=str(res.mis_a_jour) if res.mis_a_jour else None, c=c, slug=slug, r=res,
        )  # fmt: skip
    for ident, ref in c.referents.items():
        yield _page(link_base, "referent", ident, ref.role, f"{ref.role} – {ref.structure}", c=c, r=ref)
        yield GeneratedPage(file_path("referent", ident, "vcf"), vcard(ref, c))
    for number, axe in enumerate(c.pedt.axes, start=1):
        yield _page(
            link_base, "axe", axe.id, f"Axe {number} : {axe.titre}", f"PEDT, axe {number} : {axe.titre}",
            c=c, axe=axe, numero=number,
        )  # fmt: skip
    yield from _facets(c, link_base)
    yield from item_files(c)
    yield from data_files(c)


def data_files(c: Catalogue) -> list[GeneratedPage]:
    """The open data files listed on ``/donnees/``, in the order shown (see ``OPEN_DATA``)."""
    return [GeneratedPage(f.path, f.produce(c)) for f in OPEN_DATA]


def item_files(c: Catalogue) -> Iterator[GeneratedPage]:
    """Per item: QR codes for posters, an iCalendar file per activity, redirections."""
    for slug in c.activites:
        yield GeneratedPage(file_path("activite", slug, "ics"), export.activite_ics(c, slug))
    posters = (
        [("activite", slug, act.titre) for slug, act in c.activites.items()]
        + [("ressource", slug, res.titre) for slug, res in c.ressources.items()]
        + [("referent", ident, ref.role) for ident, ref in c.referents.items()]
    )
    for kind, ident, title in posters:
        address = export.page_url(c, url(kind, ident))
        yield GeneratedPage(qr_path(kind, ident), qr_svg(address, f"Code QR : {title}"))
    for redirection in c.redirections:
        depth = redirection.de.strip("/").count("/") + 1
        target = "../" * depth + redirection.vers.lstrip("/")
        html = render(
            "redirection.html", c=c, cible=target, absolue=export.page_url(c, redirection.vers)
        )
        yield GeneratedPage(redirection.de.lstrip("/") + "index.html", str(html) + "\n")


FACETS: list[tuple[str, str, str, Criteria]] = [
    *(("quand", k, f"Activités {v[0].lower()}{v[1:]}", Criteria(quand=frozenset([k])))
      for k, v in QUAND_LABELS.items()),
    *(("moment", k, f"Activités {v[0].lower()}{v[1:]}", Criteria(moments=frozenset([k])))
      for k, v, _, _ in MOMENTS),
    *(("prix", k, "Activités gratuites" if k == "gratuit" else f"Activités à {v[0].lower()}{v[1:]}",
       Criteria(prix=k)) for k, v, _ in PRIX),
    *(("acces", k, f"Activités : {v[0].lower()}{v[1:]}", Criteria(acces=frozenset([k])))
      for k, v in ACCES_COURTS.items()),
    ("accessibilite", "fauteuil", "Activités dans un lieu accessible en fauteuil roulant",
     Criteria(fauteuil=True)),
    ("accessibilite", "handicap", "Activités accueillant les enfants en situation de handicap",
     Criteria(accueil_handicap=True)),
    ("accessibilite", "adaptee", "Activités adaptées (handisport…)", Criteria(adaptee=True)),
]  # fmt: skip
"""Pre-built lists of the finder's other choices: (kind, ident, title, what the list keeps)."""


class _Cards:
    """Each activity's card rendered once for all the lists of a build: the facet pages
    list the same activities again and again (12,000 cards for 1,000 activities)."""

    def __init__(self, c: Catalogue) -> None:
        self.c = c
        self.done: dict[tuple[str, str], Markup] = {}

    def __call__(self, slug: str, act: Activite, base: str) -> Markup:
        key = (slug, base)
        if key not in self.done:
            self.done[key] = render("_carte_activite.html", slug=slug, a=act, c=self.c, base=base)
        return self.done[key]


def _facets(c: Catalogue, link_base: LinkBase) -> Iterator[GeneratedPage]:
    """Pre-built filtered lists of the finder: stable links that work without JavaScript."""
    cards = _Cards(c)
    for band, label, first, last in AGE_BANDS:
        acts = c.select(Criteria(ages=(first, last)))
        yield _facet(link_base, "age", band, f"Activités pour les {label}", c, acts, cards)
    for ident, label in c.quartiers.items():
        acts = c.select(Criteria(quartiers=frozenset([ident])))
        yield _facet(link_base, "quartier", ident, f"Activités du quartier {label}", c, acts, cards)
    for ident, label in c.categories.items():
        acts = c.select(Criteria(categories=frozenset([ident])))
        yield _facet(link_base, "categorie", ident, f"Activités : {label}", c, acts, cards)
    for ident, label in TEMPS_LABELS.items():
        acts = c.select(Criteria(temps=frozenset([ident])))
        yield _facet(link_base, "temps", ident, f"Activités : {label.lower()}", c, acts, cards)
    # The finder's own choices (macros.present.finder.FACETS): each, a page.
    for kind, ident, title, criteria in FACETS:
        yield _facet(link_base, kind, ident, title, c, c.select(criteria), cards)


REFINE = frozenset({"quartier", "categorie", "quand", "moment", "prix", "acces"})
"""Facets that are one of the finder's parameters, of the same name (accessibility: each
choice is a check box of its own)."""


def _refine(kind: str, ident: str) -> str:
    """The finder's address with this list's choice already made (none for the wider ones)."""
    if kind in REFINE:
        return f"?{kind}={ident}"
    return f"?{ident}=1" if kind == "accessibilite" else ""


def _facet(link_base: LinkBase, kind: str, ident: str, title: str, c: Catalogue, acts: list[Any],
           cards: _Cards) -> GeneratedPage:
    # Lists repeat the activities' own pages: they stay out of the search index (see KINDS).
    items = [(KINDS["activite"].source.format(slug), str(a.mis_a_jour) if a.mis_a_jour else None)
             for slug, a in acts]  # fmt: skip
    return _page(link_base, kind, ident, title, title, c=c, titre=title, activites=acts,
                 affiner=_refine(kind, ident), items=items, cartes=cards)
