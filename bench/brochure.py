"""One brochure laid out alone, no cache: ``python bench/brochure.py PROJET ID SORTIE.json``.

Writes what the layout took (content written + Typst), the PDF's pages and
size; the caller measures the process's peak memory (:func:`run.measure`).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(project: Path, ident: str, out: Path) -> int:
    sys.path.insert(0, str(project))
    from macros.brochures import build_brochure
    from macros.data.loader import load_catalogue

    catalogue = load_catalogue(project)
    (brochure,) = [b for b in catalogue.brochures if b.id == ident]
    start = time.perf_counter()
    built = build_brochure(catalogue, brochure)
    seconds = time.perf_counter() - start
    out.write_text(
        json.dumps({"secondes": seconds, "pages": built.pages, "octets": built.size}),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])))
