"""Build the Pagefind search index of a built site (the binary ships in ``pagefind[bin]``).

The build indexes before it publishes. The preview indexes in the background
after each rebuild (:func:`index_soon`), so the edited page reloads without
waiting for the search; the next rebuild waits for that index first
(:func:`wait_for_index`), since it empties the folder being indexed.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message holds its output."""


_pending: list[threading.Thread] = []
"""The preview's index being built, if any (one at a time)."""


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


def _index_and_report(site: Path) -> None:
    try:
        build_index(site)
    except (SearchIndexError, OSError) as exc:  # the preview goes on; the terminal says why
        print(f"Recherche de l'aperçu non mise à jour : {exc}", file=sys.stderr, flush=True)


def index_soon(site: Path) -> None:
    """Start indexing ``site`` in a thread (the preview); a failure is printed, not raised."""
    wait_for_index()
    thread = threading.Thread(target=_index_and_report, args=(site,), daemon=True)
    _pending.append(thread)
    thread.start()


def wait_for_index() -> None:
    """Return once the index :func:`index_soon` started, if any, is written."""
    while _pending:
        _pending.pop().join()
