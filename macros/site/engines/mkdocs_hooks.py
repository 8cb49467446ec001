"""MkDocs hooks: validate ``data/``, add the pages built from data, index, check links.

Listed under ``hooks:`` in ``mkdocs.yml``. Thin: each step calls a module that
knows nothing about MkDocs.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros.data.audit import declaration, load_audit
from macros.brochures import BrochuresInBackground
from macros.site.build import record_failure
from macros.site.csp import PolicyError, ThemeScripts, apply_policy
from macros.data.errors import DataErrors
from macros.site.links import check_links
from macros.site.pages import generated_pages
from macros.data.project import catalogue_for
from macros.render import date_fr, render
from macros.site.pagefind import build_index
from macros.site.theme import accessible_page, couleurs_css
from macros.site.timings import timed

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
from macros.site.dates import Updates

_broken: dict[str, Any] = {}
"""In the preview, while ``data/`` holds errors: their report (pages are not built)."""
_command: dict[str, str] = {}
"""The MkDocs command running these hooks (``build`` or ``serve``)."""


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def _fail(message: str) -> PluginError:
    """The error that stops the build, its French report kept for the top of the output."""
    record_failure(message)
    return PluginError(message)


def _root(config: Any) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: Any) -> Any:
    try:
        catalogue = catalogue_for(_root(config))
    except DataErrors as exc:
        if _command.get("name") != "serve":
            raise _fail(exc.report()) from None
        # The preview keeps running: the terminal gets the French report, and every
        # page of the browser an error page that reloads once the data is fixed.
        if _broken.get("report") != exc.report():
            print(exc.report(), file=sys.stderr, flush=True)
        _broken["report"] = exc.report()
        _broken["errors"] = exc.errors
        config.theme.static_templates.discard("404.html")
        config.extra["brochures"] = None
        config.extra["apercu_erreur"] = str(
            render("erreur_apercu.html", erreurs=exc.errors, nombre=len(exc.errors))
        )
        return config
    _broken.clear()
    config.theme.static_templates.add("404.html")
    # Material prints the site name, page titles and descriptions without escaping
    # them (even inside attributes): what Parcours hands it is escaped already.
    config.site_name = escape(catalogue.commune.nom)
    config.site_url = catalogue.commune.url  # validated: https://, no quote, space or control
    config.extra["exemple"] = catalogue.exemple
    config.extra["commune"] = catalogue.commune
    audit = load_audit(_root(config))  # checked with the catalogue: no error left here
    config.extra["accessibilite"] = declaration(audit) if audit else None
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


_ERROR_PAGE = "---\nrender_macros: false\ntemplate: apercu-erreur.html\n---\n"


def on_files(files: Files, config: Any) -> Files:
    if _broken:
        # Every page of the navigation stays, showing the errors (see apercu-erreur.html).
        for doc in list(files.documentation_pages()):
            files.remove(doc)
            files.append(File.generated(config, doc.src_uri, content=_ERROR_PAGE))
        return files
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
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = escape(page.meta[key])
    if not page.meta.get("mis_a_jour"):
        root = _root(config)
        source = page.meta.get("source") or page.file.abs_src_path
        if source:
            page.meta["mis_a_jour"] = _updates[root].of(root / source)
    if page.meta.get("source"):
        _sources[page.file.dest_uri] = str(page.meta["source"])
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
    if _broken:
        return env
    with timed("attente-brochures"):
        try:
            built = config.extra["brochures"].result()
        except RuntimeError as exc:
            raise _fail(str(exc)) from None
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
    if _broken:
        page = render(
            "erreur_apercu.html", erreurs=_broken["errors"], nombre=len(_broken["errors"])
        )
        for name in ("index.html", "404.html"):
            (site / name).write_text(str(page) + "\n", encoding="utf-8")
        return
    with timed("liens"):
        problems = check_links(site)
    if problems:
        raise _fail("Liens internes cassés :\n" + "\n".join(_with_source(p) for p in problems))
    with timed("pagefind"):
        build_index(site)
    theme = ThemeScripts.from_templates([Path(folder) for folder in config.theme.dirs])
    try:
        # The preview's server injects its own reload script: no <meta> policy there.
        with timed("csp"):
            apply_policy(site, theme, meta=_command.get("name") != "serve")
    except PolicyError as exc:
        raise _fail(str(exc)) from None


_sources: dict[str, str] = {}
"""Built page (``activites/judo/index.html``) → the data file it comes from."""


def _with_source(problem: str) -> str:
    page = problem.split(" : ", 1)[0]
    source = _sources.get(page)
    return f"{problem} (page construite depuis {source})" if source else problem
