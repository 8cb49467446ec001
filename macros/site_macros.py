"""The macros that Markdown pages in ``docs/`` call (mkdocs-macros adapter)."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.project import catalogue_for
from macros.render import render

if TYPE_CHECKING:
    from markupsafe import Markup

    from macros.catalogue import Catalogue


def _base(env: Any) -> str:
    """Relative path from the current page to the site root (``../`` …)."""
    url = env.page.url if env.page is not None else ""
    depth = url.rstrip("/").count("/") + 1 if url.strip("/") else 0
    return "../" * depth


def register(env: Any) -> None:
    root = Path(env.conf["config_file_path"]).parent
    catalogue: Catalogue = catalogue_for(root)
    env.variables["commune"] = catalogue.commune
    env.variables["catalogue"] = catalogue

    @env.macro  # type: ignore[untyped-decorator]
    def cartes_activites() -> Markup:
        """Every activity as a card, in title order."""
        return render(
            "cartes_activites.html",
            c=catalogue,
            activites=catalogue.sorted_activites(),
            base=_base(env),
        )

    @env.macro  # type: ignore[untyped-decorator]
    def pedt_axes() -> Markup:
        """The four PEDT axes with their objectives and the activities serving them."""
        return render("pedt.html", c=catalogue, pedt=catalogue.pedt, base=_base(env))

    @env.macro  # type: ignore[untyped-decorator]
    def avis_exemple() -> Markup:
        """Notice shown when the site is built from sample data."""
        return render("exemple.html", c=catalogue)

    @env.macro  # type: ignore[untyped-decorator]
    def lien(path: str) -> str:
        """Relative link from the current page to a site path such as ``activites/``."""
        return posixpath.join(_base(env), path.lstrip("/"))
