"""Site engines: the only code that knows MkDocs or Zensical.

Everything else happens before the engine (``macros.site.staging``: a docs
folder and a plain-data config) or after it (``macros.site.finish``). An engine
says how it is called, how a page's links reach the site root, and what it
adds to the staged config.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


class Engine(Protocol):
    name: str
    """As typed after ``--moteur``."""
    whole_page_pass: bool
    """True when the pages' final pass (:func:`macros.site.theme.accessible_page`) is
    left to the step after the engine (the engine has no hook to run it)."""

    def link_base(self, source: str) -> str:
        """Relative path to the site root for links written in the page made from ``source``."""

    def page_source(self, page: Any) -> str:
        """The source file (``activites/index.md``) of the page a macro is rendering."""

    def theme_dirs(self, custom_dir: Path | None) -> list[Path]:
        """Template folders of the theme (for the CSP's list of the theme's inline scripts)."""

    def adapt(self, config: dict[str, Any]) -> dict[str, Any]:
        """The staged config, with what this engine needs in addition."""

    def output_dir(self, folder: Path, site_dir: Path) -> Path:
        """Where the engine writes the site it builds from the staged ``folder``."""

    def build_command(self, config_file: Path, site_dir: Path) -> list[str]:
        """Build the staged folder into ``site_dir``."""

    def serve_command(self, config_file: Path, address: str) -> list[str]:
        """Serve the staged folder, rebuilding when it changes."""


def engine(name: str) -> Engine:
    """The engine called ``name`` (``mkdocs`` or ``zensical``)."""
    from macros.site.engines.mkdocs import MkDocs
    from macros.site.engines.zensical import Zensical

    engines: dict[str, Engine] = {"mkdocs": MkDocs(), "zensical": Zensical()}
    return engines[name]


NAMES = ("mkdocs", "zensical")
