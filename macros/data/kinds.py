"""The kinds of page built from data, their addresses, and the addresses known before the build.

One registry for the whole site: each kind of page (an activity, a resource, a
contact, a PEDT axis, the finder's pre-built lists) with its address pattern,
its search type (the ``type`` of its front matter, Pagefind's filter on the
search page), its template, its breadcrumb and its source in ``data/``. The
generated pages, the templates, the exports, the search page and the link
checks of the loader all ask here; nothing else writes ``activites/…/``.

Addresses are site paths without the leading slash (``activites/judo/``), the
form templates join to ``base``; :func:`absolute` prefixes the commune's URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path


class Label(NamedTuple):
    """French name of a search type, as the search page writes it."""

    singular: str
    plural: str


TYPES: dict[str, Label] = {
    "activité": Label("Activité", "Activités"),
    "ressource": Label("Ressource", "Ressources"),
    "contact": Label("Contact", "Contacts"),
    "page": Label("Page", "Pages"),
}
"""Search types, in the order of the search page's filter; ``page`` is every page of ``docs/``."""

Crumb = tuple[str, str]
"""A breadcrumb step: (label, path from the site root)."""

HOME: Crumb = ("Accueil", "")
FINDER: Crumb = ("Trouver une activité", "activites/")


@dataclass(frozen=True)
class Kind:
    """A kind of page built from data, one page per identifier."""

    path: str
    """Address pattern, ``{}`` standing for the identifier: ``activites/{}/``."""
    type: str
    """Search type (a key of :data:`TYPES`)."""
    template: str
    """Template of the page's body (``macros/render/templates/``)."""
    crumbs: tuple[Crumb, ...]
    """Breadcrumb, the page itself excluded; its last step is the kind's list page."""
    source: str
    """The data the page is built from, ``{}`` standing for the identifier."""
    searchable: bool = True
    """False for pages repeating others (the finder's lists): kept out of the search index."""


KINDS: dict[str, Kind] = {
    "activite": Kind(
        "activites/{}/", "activité", "activite.html", (HOME, FINDER), "data/activites/{}.yml"
    ),
    "ressource": Kind(
        "parentalite/{}/", "ressource", "ressource.html",
        (HOME, ("Être parent", "parentalite/")), "data/ressources/{}.yml",
    ),
    # A référent of data/referents.yml; readers know the page as a « contact ».
    "referent": Kind(
        "contacts/{}/", "contact", "referent.html", (HOME, ("Contacts", "contacts/")),
        "data/referents.yml",
    ),
    "axe": Kind("pedt/{}/", "page", "axe.html", (HOME, ("Le PEDT", "pedt/")), "data/pedt.yml"),
    # The finder's pre-built lists, one per choice of a filter: links that work without JavaScript.
    "age": Kind(
        "activites/age/{}/", "page", "facette.html", (HOME, FINDER), "data/activites",
        searchable=False,
    ),
    "quartier": Kind(
        "activites/quartier/{}/", "page", "facette.html", (HOME, FINDER), "data/activites",
        searchable=False,
    ),
    "categorie": Kind(
        "activites/categorie/{}/", "page", "facette.html", (HOME, FINDER), "data/activites",
        searchable=False,
    ),
    "temps": Kind(
        "activites/temps/{}/", "page", "facette.html", (HOME, FINDER), "data/activites",
        searchable=False,
    ),
    "quand": Kind(
        "activites/quand/{}/", "page", "facette.html", (HOME, FINDER), "data/activites",
        searchable=False,
    ),
    "moment": Kind(
        "activites/moment/{}/", "page", "facette.html", (HOME, FINDER), "data/activites",
        searchable=False,
    ),
    "prix": Kind(
        "activites/prix/{}/", "page", "facette.html", (HOME, FINDER), "data/activites",
        searchable=False,
    ),
    "acces": Kind(
        "activites/acces/{}/", "page", "facette.html", (HOME, FINDER), "data/activites",
        searchable=False,
    ),
    "accessibilite": Kind(
        "activites/accessibilite/{}/", "page", "facette.html", (HOME, FINDER), "data/activites",
        searchable=False,
    ),
}  # fmt: skip

ANCHORS: dict[str, str] = {
    "service": "contacts/#service-{}",
    "theme": "parentalite/#theme-{}",
}
"""Places on pages of ``docs/`` that list data (the directory, the parents' page)."""


def url(kind: str, ident: str) -> str:
    """Site path of an item's page (``url("activite", "judo")`` → ``activites/judo/``) or anchor."""
    pattern = KINDS[kind].path if kind in KINDS else ANCHORS[kind]
    return pattern.format(ident)


def section(kind: str) -> str:
    """Site path of the page listing a kind's items: ``section("activite")`` → ``activites/``."""
    return KINDS[kind].crumbs[-1][1]


def file_path(kind: str, ident: str, extension: str) -> str:
    """A file beside an item's page: ``("activite", "judo", "ics")`` → ``activites/judo.ics``."""
    return url(kind, ident).rstrip("/") + "." + extension


def qr_path(kind: str, ident: str) -> str:
    """The QR code of an item's page, for posters: ``activites/judo/qr.svg``."""
    return url(kind, ident) + "qr.svg"


def absolute(site: str, path: str) -> str:
    """A site path as a full address, under the commune's URL ``site``."""
    return site.rstrip("/") + "/" + path.lstrip("/")


def label(kind: str) -> Label:
    """French name of a kind's items, as search results and feeds show it."""
    return TYPES[KINDS[kind].type]


def docs_paths(docs: Path) -> tuple[set[str], set[str]]:
    """Pages (``/inclusion/``) and other files (``/images/judo.jpg``) written from ``docs/``."""
    pages: set[str] = set()
    files: set[str] = set()
    if not docs.is_dir():
        return pages, files
    for path in docs.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(docs).as_posix()
        if rel.endswith(".md"):
            stem = rel.removesuffix(".md")
            stem = stem.removesuffix("index").rstrip("/") if stem.endswith("index") else stem
            pages.add(f"/{stem}/" if stem else "/")
        else:
            files.add(f"/{rel}")
    return pages, files


def generated_pages(idents: Mapping[str, Iterable[str]]) -> set[str]:
    """Pages built from data (see ``macros.site.pages``), given every kind's identifiers."""
    if set(idents) != set(KINDS):
        raise ValueError(f"identifiants attendus pour : {', '.join(sorted(KINDS))}")
    return {"/" + url(kind, ident) for kind, values in idents.items() for ident in values}


def path_of(link: str) -> str:
    """``/contacts/?x=1#a`` → ``/contacts/``."""
    return link.split("#", 1)[0].split("?", 1)[0] or "/"
