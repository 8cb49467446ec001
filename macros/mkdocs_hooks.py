"""MkDocs hooks: validate ``data/``, add the pages built from data, index, check links.

Listed under ``hooks:`` in ``mkdocs.yml``. Thin: each step calls a module that
knows nothing about MkDocs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros.brochures import BrochuresInBackground
from macros.csp import write_headers
from macros.errors import DataErrors
from macros.links import check_links
from macros.pages import generated_pages
from macros.project import catalogue_for
from macros.render import date_fr
from macros.search_index import build_index
from macros.theme import accessible_page, couleurs_css
from macros.timings import timed

if TYPE_CHECKING:
    from macros.catalogue import Catalogue
from macros.updates import Updates


def _root(config: Any) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: Any) -> Any:
    try:
        catalogue = catalogue_for(_root(config))
    except DataErrors as exc:
        raise PluginError(exc.report()) from None
    config.site_name = catalogue.commune.nom
    config.site_url = catalogue.commune.url
    config.extra["exemple"] = catalogue.exemple
    config.extra["commune"] = catalogue.commune
    config.extra["brochures"] = brochures_for(catalogue, Path(config.docs_dir))
    return config


_updates: dict[Path, Updates] = {}
_brochures: dict[int, BrochuresInBackground] = {}
_pdf_files: list[File] = []
_html_pages: set[str] = set()
"""Pages generated from data: their body is already HTML, kept out of Python-Markdown."""
_html_bodies: dict[str, str] = {}
BROCHURES_PAGE = "brochures.md"
"""The one page that shows the laid-out brochures (size, page count): read last."""


def brochures_for(catalogue: Catalogue, docs_dir: Path) -> BrochuresInBackground:
    """The brochures of this catalogue, laid out in the background once per change of ``data/``."""
    key = id(catalogue)
    if key not in _brochures:
        for stale in _brochures.values():  # data changed during `serve`: drop the old layout
            stale.cancel()
        _brochures.clear()
        _brochures[key] = BrochuresInBackground(catalogue, docs_dir / "assets" / "fonts")
    return _brochures[key]


def on_files(files: Files, config: Any) -> Files:
    root = _root(config)
    _updates[root] = Updates(root)
    catalogue = catalogue_for(root)
    _html_pages.clear()
    with timed("pages-generees"):
        for page in generated_pages(catalogue):
            files.append(File.generated(config, page.path, content=page.content))
            if page.path.endswith(".md"):
                _html_pages.add(page.path)
    # The PDFs are filled in by on_env, once laid out; their page is populated last,
    # so every other page is rendered while WeasyPrint works on the other core.
    _pdf_files.clear()
    for brochure in catalogue.brochures:
        pdf = File.generated(config, f"brochures/{brochure.id}.pdf", content=b"")
        _pdf_files.append(pdf)
        files.append(pdf)
    listing = files.get_file_from_path(BROCHURES_PAGE)
    if listing is not None:
        files.remove(listing)
        files.append(listing)
    files.append(File.generated(config, "assets/couleurs.css", content=couleurs_css(config.extra)))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Date every page: from its data (``mis_a_jour``), else from its source file's history.

    A page generated from data is already HTML (rendered from a template with
    autoescaping): its body skips Python-Markdown and comes back in on_page_content.
    """
    if not page.meta.get("mis_a_jour"):
        root = _root(config)
        source = page.meta.get("source") or page.file.abs_src_path
        if source:
            page.meta["mis_a_jour"] = _updates[root].of(root / source)
    if page.file.src_uri in _html_pages:
        _html_bodies[page.file.src_uri] = markdown.strip()
        return ""
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    return _html_bodies.pop(page.file.src_uri, html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return accessible_page(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return accessible_page(output_content)  # 404.html


def on_env(env: Any, config: Any, files: Files) -> Any:
    env.filters["date_fr"] = lambda value: date_fr(date.fromisoformat(str(value)))
    with timed("attente-brochures"):
        built = config.extra["brochures"].result()
    for file, brochure in zip(_pdf_files, built, strict=True):
        file.content_bytes = brochure.pdf
    return env


def on_build_error(error: Exception) -> None:
    """A failed build publishes nothing: stop laying out its brochures."""
    for pending in _brochures.values():
        pending.cancel()
    _brochures.clear()


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    with timed("liens"):
        problems = check_links(site)
    if problems:
        raise PluginError("Liens internes cassés :\n" + "\n".join(problems))
    with timed("pagefind"):
        build_index(site)
    write_headers(site)
