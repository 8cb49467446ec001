"""MkDocs hooks: validate ``data/``, add the per-item pages, index with Pagefind, check links.

Listed under ``hooks:`` in ``mkdocs.yml``. Thin: each step calls a module that
knows nothing about MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros.errors import DataErrors
from macros.links import check_links
from macros.project import catalogue_for
from macros.render import activite_page
from macros.search_index import build_index


def _root(config: Any) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: Any) -> Any:
    try:
        catalogue = catalogue_for(_root(config))
    except DataErrors as exc:
        raise PluginError(exc.report()) from None
    config.site_name = catalogue.commune.nom
    config.site_url = catalogue.commune.url
    return config


def on_files(files: Files, config: Any) -> Files:
    catalogue = catalogue_for(_root(config))
    for slug in catalogue.activites:
        files.append(
            File.generated(
                config, f"activites/{slug}.md", content=activite_page(catalogue, slug, "../../")
            )
        )
    return files


def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    problems = check_links(site)
    if problems:
        raise PluginError("Liens internes cassés :\n" + "\n".join(problems))
    build_index(site)
