"""Zensical (0.0.x), the successor of Material for MkDocs by its authors.

It reads the staged ``mkdocs.yml``, renders the ``macros`` natively and applies
``custom_dir``, but loads no hooks or plugins: every step of Parcours happens
before or after it. It rewrites relative links of a page's HTML as if written
in the page's source file, so links start from the source file's folder.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


class Zensical:
    name = "zensical"
    whole_page_pass = True

    def link_base(self, source: str) -> str:
        """From the source file's folder (``a/b.md`` → ``a/``)."""
        return "../" * source.count("/")

    def page_source(self, page: Any) -> str:
        return str(page.path).replace("\\", "/").lstrip("/")

    def theme_dirs(self, custom_dir: Path | None) -> list[Path]:
        import zensical

        dirs = [custom_dir] if custom_dir else []
        return [*dirs, Path(zensical.__file__).parent / "templates"]

    def adapt(self, config: dict[str, Any]) -> dict[str, Any]:
        return config

    def output_dir(self, folder: Path, site_dir: Path) -> Path:
        return folder / "site"  # Zensical refuses an output folder outside the project

    def build_command(self, config_file: Path, site_dir: Path) -> list[str]:
        # Zensical takes its output folder from the config (written for this build).
        return [sys.executable, "-m", "zensical", "build", "--clean", "--config-file",
                str(config_file)]  # fmt: skip

    def serve_command(self, config_file: Path, address: str) -> list[str]:
        return [sys.executable, "-m", "zensical", "serve", "--config-file", str(config_file),
                "--dev-addr", address]  # fmt: skip
