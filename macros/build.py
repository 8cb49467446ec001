"""Build the whole site into a temporary directory, then swap it into place.

A failed build (bad data, a macro error, a warning in strict mode, a broken
link, Pagefind failing) leaves the previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.project import catalogue_for
from macros.timings import timed


class BuildError(RuntimeError):
    """MkDocs (or a step it runs) failed; the message holds its output."""


def build_site(root: Path, out: Path | None = None) -> Path:
    """Validate ``root/data`` and build the site into ``out`` (default ``root/site``)."""
    root = root.resolve()
    catalogue_for(root)  # raises DataErrors before anything is written
    out = (out or root / "site").resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-build-", dir=out.parent))
    try:
        with timed("mkdocs"):
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict",
                 "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(tmp)],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )  # fmt: skip
        if result.returncode != 0:
            raise BuildError(_explain(result.stdout + result.stderr))
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def _swap(new: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = out.with_name(f".site-old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
    new.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _explain(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip() and not line.startswith("INFO")]
    return "La construction du site a échoué ; le site publié n'a pas été modifié.\n" + "\n".join(
        lines
    )
