"""Build the Pagefind search index of a built site (the binary ships in ``pagefind[bin]``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message holds its output."""


def build_index(site: Path) -> None:
    """Index ``site`` in French into ``site/pagefind/``."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--force-language",
            "fr",
            "--silent",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind a échoué :\n{result.stdout}{result.stderr}")
