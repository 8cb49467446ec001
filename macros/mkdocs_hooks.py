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

from macros.brochures import BuiltBrochure, build_brochures
from macros.csp import write_headers
from macros.errors import DataErrors
from macros.links import check_links
from macros.pages import generated_pages
from macros.project import catalogue_for
from macros.render import date_fr
from macros.search_index import build_index
from macros.theme import couleurs_css
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
    return config


_updates: dict[Path, Updates] = {}
_brochures: dict[int, list[BuiltBrochure]] = {}


def brochures_for(catalogue: Catalogue, docs_dir: Path) -> list[BuiltBrochure]:
    """The brochures of this catalogue, laid out once per change of ``data/``."""
    key = id(catalogue)
    if key not in _brochures:
        _brochures.clear()
        _brochures[key] = build_brochures(catalogue, docs_dir / "assets" / "fonts")
    return _brochures[key]


def on_files(files: Files, config: Any) -> Files:
    root = _root(config)
    _updates[root] = Updates(root)
    catalogue = catalogue_for(root)
    for page in generated_pages(catalogue):
        files.append(File.generated(config, page.path, content=page.content))
    with timed("brochures"):
        built = brochures_for(catalogue, Path(config.docs_dir))
    config.extra["brochures"] = built
    for brochure in built:
        files.append(File.generated(config, f"brochures/{brochure.filename}", content=brochure.pdf))
    files.append(File.generated(config, "assets/couleurs.css", content=couleurs_css(config.extra)))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Date every page: from its data (``mis_a_jour``), else from its source file's history."""
    if not page.meta.get("mis_a_jour"):
        root = _root(config)
        source = page.meta.get("source") or page.file.abs_src_path
        if source:
            page.meta["mis_a_jour"] = _updates[root].of(root / source)
    return markdown


def on_env(env: Any, config: Any, files: Files) -> Any:
    env.filters["date_fr"] = lambda value: date_fr(date.fromisoformat(str(value)))
    return env


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    problems = check_links(site)
    if problems:
        raise PluginError("Liens internes cassés :\n" + "\n".join(problems))
    with timed("pagefind"):
        build_index(site)
    write_headers(site)
