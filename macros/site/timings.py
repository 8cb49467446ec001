"""Step timings for ``make bench``: written only when ``PARCOURS_MESURES`` names a file."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def timed(step: str) -> Iterator[None]:
    """Time a build step and append ``{"etape": …, "secondes": …, "fin": …}`` to
    ``$PARCOURS_MESURES``."""
    target = os.environ.get("PARCOURS_MESURES")
    start = time.perf_counter()
    yield
    if target:
        with open(target, "a", encoding="utf-8") as out:
            record = {
                "etape": step,
                "secondes": round(time.perf_counter() - start, 3),
                "fin": round(time.time(), 3),  # when: to line the preview's steps up
            }
            out.write(json.dumps(record) + "\n")
