"""When each source file last changed: its last git commit; a file changed since (or never
committed) is dated by its modification time, as the preview of an edit expects."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

SHALLOW_WARNING = (
    "Attention : l'historique git de ce clone est incomplet (clone superficiel). Les dates "
    "« Mis à jour le » des pages peuvent être fausses.\n"
    "  → en intégration continue, récupérez tout l'historique (GitHub : fetch-depth: 0 ; "
    "GitLab : GIT_DEPTH: 0), ou lancez git fetch --unshallow."
)


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def is_shallow(root: Path) -> bool:
    """Whether ``root`` is in a shallow git clone (its pages' dates would be wrong)."""
    return (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"


class Updates:
    """Dates of last change of a project's files, read from ``git log`` in one pass."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.dates: dict[Path, str] = {}
        self.changed: set[Path] = set()
        self.shallow = False
        self._known: dict[Path, str] = {}  # a list page asks for each of its items again
        top_text = _git(self.root, "rev-parse", "--show-toplevel")
        log = _git(self.root, "log", "--format=@%cs", "--name-only", "--", "data", "docs")
        if top_text is None or log is None:
            return
        top = Path(top_text.strip())
        self.shallow = is_shallow(self.root)
        current = ""
        for line in log.splitlines():
            if line.startswith("@"):
                current = line[1:]
            elif line.strip():
                self.dates.setdefault((top / line).resolve(), current)
        status = _git(self.root, "status", "--porcelain", "-z", "--untracked-files=all", "--",
                      "data", "docs")  # fmt: skip
        for entry in (status or "").split("\0"):
            if len(entry) > 3:
                self.changed.add((top / entry[3:]).resolve())

    def of(self, path: Path) -> str:
        """ISO date (``2025-11-03``) of the last change to ``path``: its last commit, unless
        it changed since; a folder, its newest file; today if it is gone."""
        known = self._known.get(path)
        if known is None:
            known = self._known[path] = self._of(path.resolve())
        return known

    def _of(self, path: Path) -> str:
        try:
            if path.is_dir():
                inside = [p for p in self.dates.keys() | self.changed if path in p.parents]
                return max((self.of(p) for p in inside if p.exists()), default=self._today())
            if path in self.dates and path not in self.changed:
                return self.dates[path]
            return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date().isoformat()
        except OSError:  # a page's ``source`` that no longer exists: dated today
            return self._today()

    @staticmethod
    def _today() -> str:
        return datetime.now(tz=UTC).date().isoformat()
