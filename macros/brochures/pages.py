"""Make WeasyPrint's tagged PDFs linear in their page count.

pydyf (WeasyPrint's PDF writer, pinned at 0.13.0) rebuilds the tuple of every
page reference each time ``PDF.page_references`` is read, and WeasyPrint reads
it once per tagged element and per link destination: the cost grows with
pages × elements, about 25 million string formats for a 360-page guide and
well over 600 million for an 1,800-page one (``bench/README.md``). This keeps
the tuple until a page is added; what it returns is unchanged.
"""

from __future__ import annotations

from typing import Any

import pydyf

PYDYF_PAGE_REFERENCES = pydyf.PDF.page_references
"""pydyf's own property, kept to check the twin against it (``tests/brochures/``)."""


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]  # [number, 0, "R", number, 0, "R", …], only ever extended
    cached = pdf.__dict__.get("_parcours_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_parcours_page_references"] = cached
    references: tuple[bytes, ...] = cached[1]
    return references


PAGE_REFERENCES = property(_page_references)


def install() -> None:
    """Replace ``pydyf.PDF.page_references`` by its cached twin (idempotent)."""
    pydyf.PDF.page_references = PAGE_REFERENCES
