"""The French report of what stopped a build, written by the engine's process for its caller."""

from __future__ import annotations

import os

REPORT_ENV = "PARCOURS_RAPPORT"
"""File where the engine's hooks write the French report of a failure, shown first."""


def record_failure(message: str) -> None:
    """Keep the French report of what stops the build, to show it first (see ``build_site``)."""
    report = os.environ.get(REPORT_ENV)
    if report:
        with open(report, "a", encoding="utf-8") as handle:
            handle.write(message.rstrip() + "\n")
