"""Check that every internal link and anchor of a built site leads somewhere."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

_SKIPPED_PAGES = {"404.html"}  # its links are written for any depth, resolved by the server


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in {"id", "name"} and (name == "id" or tag == "a"):
                self.ids.add(value)
            if (name == "href" and tag in {"a", "link", "area"}) or (
                name == "src" and tag in {"img", "script", "iframe", "source"}
            ):
                self.links.append(value)


def _parse(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        cache[path] = page
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
