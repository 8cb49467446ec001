"""Laid-out PDFs kept between builds, by the hash of exactly what each one prints.

The key of a brochure (:func:`macros.brochures.typeset.key`) covers its data
(the JSON its template reads: texts, statuses on the build day, QR codes,
colours, logo), the templates, pictograms and fonts, and Typst's version. An
unchanged brochure is never laid out again; a changed activity lays out again
only the brochures that print it.

The folder (``.cache/brochures/`` in the project) is safe to delete: it only
makes the next build lay every brochure out. Parcours removes from it only
files it wrote itself (``<64 hex digits>-<pages>.pdf``), and only those no
brochure of the last complete round uses.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

FOLDER = Path(".cache") / "brochures"
"""Under the project's root."""

_NAME = re.compile(r"^(?P<key>[0-9a-f]{64})-(?P<pages>[1-9][0-9]{0,5})\.pdf$")
_PARTIAL = re.compile(r"^\.parcours-[^/]*\.tmp$")
_STALE = 600
"""Seconds after which a partial file is an interrupted write, not one under way."""


class Cache:
    """PDFs by key in ``folder``; ``None`` keeps nothing (every layout is new)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.reused = 0

    def get(self, key: str) -> tuple[bytes, int] | None:
        """The PDF and page count laid out for ``key`` before, if kept."""
        if self.folder is None:
            return None
        self.used.add(key)
        for path in self.folder.glob(f"{key}-*.pdf"):
            match = _NAME.match(path.name)
            if match:
                try:
                    pdf = path.read_bytes()
                except OSError:
                    return None
                self.reused += 1
                return pdf, int(match["pages"])
        return None

    def put(self, key: str, pdf: bytes, pages: int) -> None:
        """Keep a new layout (written aside then renamed: never a half-written PDF)."""
        if self.folder is None:
            return
        self.used.add(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, partial = tempfile.mkstemp(prefix=".parcours-", suffix=".tmp", dir=self.folder)
            with os.fdopen(handle, "wb") as out:
                out.write(pdf)
            os.replace(partial, self.folder / f"{key}-{pages}.pdf")
        except OSError:
            return  # a cache that cannot be written only costs the next build its time

    def prune(self) -> None:
        """Remove the layouts no brochure used this round (only files of this cache)."""
        if self.folder is None or not self.folder.is_dir():
            return
        now = time.time()
        for path in self.folder.iterdir():
            match = _NAME.match(path.name)
            if match and match["key"] not in self.used:
                path.unlink(missing_ok=True)
            elif _PARTIAL.match(path.name):
                try:
                    if now - path.stat().st_mtime > _STALE:
                        path.unlink(missing_ok=True)
                except OSError:
                    continue
