"""Check that every internal link and anchor of a built site leads somewhere."""

from __future__ import annotations

import html
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

_SKIPPED_PAGES = {"404.html"}  # its links are written for any depth, resolved by the server


_TAG = re.compile(r"<(a|link|area|img|script|iframe|source)\b([^>]*)>", re.I)
_ATTR = re.compile(r'\s(href|src)="([^"]*)"', re.I)
_ID = re.compile(r'\sid="([^"]*)"')
_NAME = re.compile(r'<a\b[^>]*\sname="([^"]*)"', re.I)


@dataclass
class _Page:
    ids: set[str]
    links: list[str]


def _read(text: str) -> _Page:
    """Ids and link targets of a page (regular expressions: the HTML is our own, well formed)."""
    links = []
    for match in _TAG.finditer(text):
        tag, attrs = match.group(1).lower(), match.group(2)
        for name, value in _ATTR.findall(attrs):
            name = name.lower()
            if (name == "href" and tag in {"a", "link", "area"}) or (
                name == "src" and tag in {"img", "script", "iframe", "source"}
            ):
                links.append(html.unescape(value))
    ids = {html.unescape(v) for v in _ID.findall(text)} | set(_NAME.findall(text))
    return _Page(ids, links)


def _parse(site: Path, rel: str, cache: dict[str, _Page]) -> _Page:
    if rel not in cache:
        cache[rel] = _read((site / rel).read_text(encoding="utf-8"))
    return cache[rel]


ABOVE_ROOT = "\0au-dessus"
"""What :func:`_target` returns for a link that climbs above the site's root folder."""


def _target(base: str, path: str, dirs: set[str]) -> str:
    """Site-relative path of the file a link ``path`` from folder ``base`` leads to.

    A link with more ``../`` than its page has folders would leave the site: a
    browser stops at the domain's root, so it may still work on one server and
    break once the site is published in a subfolder. It is reported.
    """
    joined = unquote(path) if path.startswith("/") else f"{base}/{unquote(path)}"
    parts: list[str] = []
    for part in joined.split("/"):
        if part in {"", "."}:
            continue
        if part == "..":
            if not parts:
                return ABOVE_ROOT
            parts.pop()
            continue
        parts.append(part)
    target = "/".join(parts)
    if path.endswith("/") or target in dirs:
        target = f"{target}/index.html" if target else "index.html"
    return target


def _tree(site: Path) -> tuple[set[str], set[str]]:
    """Every file and folder of the site, as site-relative POSIX paths, read once."""
    files: set[str] = set()
    dirs: set[str] = {""}
    for folder, subfolders, names in os.walk(site):
        rel = Path(folder).relative_to(site).as_posix()
        prefix = "" if rel == "." else f"{rel}/"
        dirs.update(prefix + name for name in subfolders)
        files.update(prefix + name for name in names)
    return files, dirs


def check_links(site: Path) -> list[str]:
    """Return one French line per broken internal link or anchor (empty when all is well)."""
    files, dirs = _tree(site)
    cache: dict[str, _Page] = {}
    resolved: dict[tuple[str, str], str] = {}
    problems: list[str] = []
    for rel in sorted(f for f in files if f.endswith(".html")):
        if rel in _SKIPPED_PAGES or rel.startswith("pagefind/"):
            continue
        base = posixpath.dirname(rel)
        for url in _parse(site, rel, cache).links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue
            if not parts.path:
                target = rel
            else:
                key = (base, parts.path)
                if key not in resolved:
                    resolved[key] = _target(base, parts.path, dirs)
                target = resolved[key]
            if target == ABOVE_ROOT:
                problems.append(
                    f"{rel} : lien vers « {url} » : remonte au-dessus de la racine du site "
                    "(un « ../ » de trop)"
                )
                continue
            if target not in files:
                problems.append(f"{rel} : lien vers « {url} » : page ou fichier introuvable")
                continue
            fragment = parts.fragment
            if (
                fragment
                and target.endswith(".html")
                and fragment not in _parse(site, target, cache).ids
            ):
                problems.append(
                    f"{rel} : lien vers « {url} » : ancre « #{parts.fragment} » introuvable"
                )
    return problems
