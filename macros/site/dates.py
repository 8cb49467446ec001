"""When each source file last changed: its last git commit, else its modification time."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path


class Updates:
    """Dates of last change of a project's files, read from ``git log`` in one pass."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.dates: dict[Path, str] = {}
        try:
            result = subprocess.run(
                ["git", "log", "--format=@%cs", "--name-only", "--", "data", "docs"],
                cwd=self.root,
                capture_output=True,
                text=True,
                check=False,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError):
            return
        if result.returncode != 0:
            return
        top = self._toplevel()
        current = ""
        for line in result.stdout.splitlines():
            if line.startswith("@"):
                current = line[1:]
            elif line.strip() and top is not None:
                self.dates.setdefault((top / line).resolve(), current)

    def _toplevel(self) -> Path | None:
        result = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=self.root,
            capture_output=True,
            text=True,
            check=False,
        )
        return Path(result.stdout.strip()) if result.returncode == 0 else None

    def of(self, path: Path) -> str:
        """ISO date (``2025-11-03``) of the last change to ``path`` (today if it is gone)."""
        path = path.resolve()
        try:
            if path in self.dates and not self._modified_since_commit(path):
                return self.dates[path]
            return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date().isoformat()
        except OSError:  # a page's ``source`` that no longer exists: dated today
            return datetime.now(tz=UTC).date().isoformat()

    def _modified_since_commit(self, path: Path) -> bool:
        committed = self.dates[path]
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date().isoformat()
        return modified > committed
