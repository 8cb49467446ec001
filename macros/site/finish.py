"""After the engine: the brochures, each page's final pass, the link check, Pagefind and the CSP.

The same steps for every engine; the build runs them on the folder the
engine wrote, the MkDocs preview after each of its rebuilds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from macros.site.csp import PolicyError, ThemeScripts, apply_policy
from macros.site.links import check_links
from macros.site.pagefind import SearchIndexError, build_index, index_soon
from macros.site.staging import SOURCES
from macros.site.theme import accessible_page
from macros.site.timings import timed

if TYPE_CHECKING:
    from collections.abc import Sequence

    from macros.brochures import BuiltBrochure

class FinishError(RuntimeError):
    """A step after the engine refused the site; the message is the French report."""


def finish(
    site: Path,
    folder: Path,
    theme_dirs: Sequence[Path],
    *,
    brochures: Sequence[BuiltBrochure] = (),
    whole_page_pass: bool = False,
    preview: bool = False,
) -> None:
    """Complete the site the engine built in ``site`` from the staged ``folder``."""
    for brochure in brochures:
        target = site / "brochures" / brochure.filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(brochure.pdf)
    if whole_page_pass:
        with timed("passe-pages"):
            for page in site.rglob("*.html"):
                text = page.read_text(encoding="utf-8")
                final = accessible_page(text)
                if final != text:
                    page.write_text(final, encoding="utf-8")
    with timed("liens"):
        problems = check_links(site)
    if problems:
        sources = _sources(folder)
        raise FinishError(
            "Liens internes cassés :\n" + "\n".join(_with_source(p, sources) for p in problems)
        )
    if not preview:
        with timed("pagefind"):
            try:
                build_index(site)
            except SearchIndexError as exc:
                raise FinishError(str(exc)) from None
    theme = ThemeScripts.from_templates(list(theme_dirs))
    try:
        # The preview's server injects its own reload script: no <meta> policy there.
        with timed("csp"):
            apply_policy(site, theme, meta=not preview)
    except PolicyError as exc:
        raise FinishError(str(exc)) from None
    if preview:  # the edited page reloads now; its search follows within a second
        index_soon(site)


def show_errors(site: Path, report: str) -> None:
    """The preview while ``data/`` is wrong: the home and the 404 page show the errors."""
    for name in ("index.html", "404.html"):
        (site / name).write_text(report + "\n", encoding="utf-8")


def _sources(folder: Path) -> dict[str, str]:
    try:
        loaded = json.loads((folder / SOURCES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _with_source(problem: str, sources: dict[str, str]) -> str:
    page = problem.split(" : ", 1)[0]
    source = sources.get(page)
    return f"{problem} (page construite depuis {source})" if source else problem
