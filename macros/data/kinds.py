"""The addresses the site will have, known before it is built (to check data's links)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from macros.data.catalogue import AGE_BANDS, TEMPS_LABELS

if TYPE_CHECKING:
    from pathlib import Path


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


def generated_pages(
    activites: set[str],
    ressources: set[str],
    referents: set[str],
    axes: set[str],
    quartiers: set[str],
    categories: set[str],
) -> set[str]:
    """Pages built from data, by kind (see ``macros.site.pages``)."""
    pages = {f"/activites/{s}/" for s in activites} | {f"/parentalite/{s}/" for s in ressources}
    pages |= {f"/contacts/{i}/" for i in referents} | {f"/pedt/{a}/" for a in axes}
    pages |= {f"/activites/age/{band}/" for band, *_ in AGE_BANDS}
    pages |= {f"/activites/quartier/{q}/" for q in quartiers}
    pages |= {f"/activites/categorie/{k}/" for k in categories}
    pages |= {f"/activites/temps/{t}/" for t in TEMPS_LABELS}
    return pages


def path_of(link: str) -> str:
    """``/contacts/?x=1#a`` → ``/contacts/``."""
    return link.split("#", 1)[0].split("?", 1)[0] or "/"
