"""Check that every internal link and anchor of a built site leads somewhere."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
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


def _parse(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        cache[path] = _read(path.read_text(encoding="utf-8"))
    return cache[path]


def _target(site: Path, page: Path, url: str) -> Path:
    base = PurePosixPath(page.relative_to(site).as_posix()).parent
    joined = PurePosixPath(unquote(url)) if url.startswith("/") else base / unquote(url)
    parts: list[str] = []
    for part in joined.parts:
        if part in {"", ".", "/"}:
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    target = site.joinpath(*parts)
    if url.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_links(site: Path) -> list[str]:
    """Return one French line per broken internal link or anchor (empty when all is well)."""
    cache: dict[Path, _Page] = {}
    problems: list[str] = []
    for page_path in sorted(site.rglob("*.html")):
        rel = page_path.relative_to(site).as_posix()
        if rel in _SKIPPED_PAGES or rel.startswith("pagefind/"):
            continue
        page = _parse(page_path, cache)
        for url in page.links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                continue
            target = page_path if not parts.path else _target(site, page_path, parts.path)
            if not target.is_file():
                problems.append(f"{rel} : lien vers « {url} » : page ou fichier introuvable")
                continue
            fragment = parts.fragment
            if fragment and target.suffix == ".html" and fragment not in _parse(target, cache).ids:
                problems.append(
                    f"{rel} : lien vers « {url} » : ancre « #{parts.fragment} » introuvable"
                )
    return problems
