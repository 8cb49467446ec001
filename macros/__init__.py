"""Parcours: the commune's educational project, from ``data/`` to a static site.

This package is also the mkdocs-macros module (``module_name: macros``); the
entry point below stays thin and the work lives in the modules it calls.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: expose the catalogue and the page macros."""
    from macros.site.docs_macros import register

    register(env)
