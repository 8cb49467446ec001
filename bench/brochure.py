"""One brochure laid out alone, no cache: ``python bench/brochure.py PROJET ID SORTIE.json``.

Writes what the layout took (content written + Typst), the PDFs' pages and
size (a guide longer than ``TOME_MAX`` entries is several volumes, laid out one
after the other in processes of their own, as the build does); the caller
measures the peak memory of the process and its children (:func:`run.measure`).
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
    built = build_brochure(catalogue, brochure, isolated=True)
    seconds = time.perf_counter() - start
    figures = {
        "secondes": seconds,
        "pages": sum(b.pages for b in built),
        "octets": sum(b.size for b in built),
        "volumes": len(built),
    }
    out.write_text(json.dumps(figures), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])))
