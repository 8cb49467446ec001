"""The catalogue of a project directory, loaded once per change of ``data/``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from macros.data.loader import load_catalogue

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue

_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], Catalogue]] = {}


def _signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    files = sorted((root / "data").rglob("*"))
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())


def catalogue_for(root: Path) -> Catalogue:
    """Load ``root/data`` (raising ``DataErrors``), reusing the last load while nothing changed."""
    root = root.resolve()
    signature = _signature(root)
    cached = _cache.get(root)
    if cached and cached[0] == signature:
        return cached[1]
    catalogue = load_catalogue(root)
    _cache[root] = (signature, catalogue)
    return catalogue
