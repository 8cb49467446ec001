"""MkDocs 1.6 + Material for MkDocs: the default engine.

MkDocs loads ``mkdocs_hooks.py`` from the staged config: the hooks escape
what Material prints unescaped, keep the generated pages' HTML bodies out of
Python-Markdown, and give each page its final pass; during ``serve`` they also
run the step after the engine on every rebuild.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HOOKS = Path(__file__).with_name("mkdocs_hooks.py")


class MkDocs:
    name = "mkdocs"
    whole_page_pass = False

    def link_base(self, source: str) -> str:
        """From the page's address (``a/b.md`` → ``/a/b/``): MkDocs leaves HTML links as written."""
        stem = source.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            stem = stem.removesuffix("index").rstrip("/")
        return "../" * (stem.count("/") + 1) if stem else ""

    def page_source(self, page: Any) -> str:
        return str(page.file.src_uri)

    def theme_dirs(self, custom_dir: Path | None) -> list[Path]:
        import material  # type: ignore[import-untyped]
        import mkdocs

        dirs = [custom_dir] if custom_dir else []
        return [*dirs, *(Path(str(m.__file__)).parent / "templates" for m in (material, mkdocs))]

    def adapt(self, config: dict[str, Any]) -> dict[str, Any]:
        return {**config, "hooks": [str(HOOKS)]}

    def output_dir(self, folder: Path, site_dir: Path) -> Path:
        return site_dir

    def build_command(self, config_file: Path, site_dir: Path) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "build", "--strict",
                "--config-file", str(config_file), "--site-dir", str(site_dir)]  # fmt: skip

    def serve_command(self, config_file: Path, address: str) -> list[str]:
        return [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", address,
                "--config-file", str(config_file)]  # fmt: skip
