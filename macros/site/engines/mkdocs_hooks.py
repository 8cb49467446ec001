"""MkDocs hooks of the staged config (see ``macros.site.engines.mkdocs``).

They do only what MkDocs needs beyond the staged folder: escape what Material
prints unescaped, keep the HTML bodies of generated pages out of
Python-Markdown, lay the brochures' page out last, give each page its final
pass, and during ``serve`` run the step after the engine on every rebuild.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape
from mkdocs.exceptions import PluginError

from macros.site.finish import FinishError, finish, show_errors
from macros.site.pagefind import wait_for_index
from macros.site.report import record_failure
from macros.site.theme import accessible_page

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_command: dict[str, str] = {}
"""The MkDocs command running these hooks (``build`` or ``serve``)."""
_html_bodies: dict[str, str] = {}
"""Bodies of generated pages (already HTML), set aside while Python-Markdown runs."""
BROCHURES_PAGE = "brochures.md"
"""The one page that waits for the laid-out brochures: rendered last."""


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def on_pre_build(config: MkDocsConfig) -> None:
    # The preview's last index is still being written into the folder MkDocs empties next.
    wait_for_index()


def _fail(message: str) -> PluginError:
    """The error that stops the build, its French report kept for the top of the output."""
    record_failure(message)
    return PluginError(message)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Material prints the site name without escaping it (even in attributes).
    config.site_name = escape(config.site_name)
    if config.extra.get("apercu_erreur"):
        config.theme.static_templates.discard("404.html")
    else:
        config.theme.static_templates.add("404.html")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Every other page is rendered while the brochures are laid out on the other core.
    listing = files.get_file_from_path(BROCHURES_PAGE)
    if listing is not None:
        files.remove(listing)
        files.append(listing)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Titles and descriptions escaped; an HTML body set aside until on_page_content."""
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    if page.meta.get("corps_html"):
        _html_bodies[page.file.src_uri] = markdown.strip()
        return ""
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _html_bodies.pop(page.file.src_uri, html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return accessible_page(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return accessible_page(output_content)  # 404.html


def on_post_build(config: MkDocsConfig) -> None:
    """In the preview only: the build runs these steps itself, once the engine is done."""
    if _command.get("name") != "serve":
        return
    site = Path(config.site_dir)
    report = config.extra.get("apercu_erreur")
    if report:
        show_errors(site, str(report))
        return
    folder = Path(config.extra["parcours"]["etape"])
    try:
        finish(site, folder, [Path(d) for d in config.theme.dirs], preview=True)
    except FinishError as exc:
        raise _fail(str(exc)) from None
