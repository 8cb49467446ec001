"""« Mis à jour le … »: a file's last commit date, unless it was edited since, else its mtime."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from macros.site.dates import Updates

if TYPE_CHECKING:
    from pathlib import Path


def _touch(path: Path, day: str, text: str = "x\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    stamp = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def _commit(root: Path, day: str, *paths: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T12:00:00Z", "GIT_COMMITTER_DATE": f"{day}T12:00:00Z"}  # fmt: skip
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-C", str(root)]
    subprocess.run([*git, "add", *map(str, paths)], check=True, env=env)
    subprocess.run([*git, "commit", "-q", "-m", day], check=True, env=env)


def test_the_last_commit_gives_the_date_unless_the_file_changed_since(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    judo = _touch(tmp_path / "data" / "activites" / "judo.yml", "2025-01-10")
    page = _touch(tmp_path / "docs" / "index.md", "2025-01-10")
    _commit(tmp_path, "2025-03-04", judo, page)
    _touch(judo, "2025-02-01", "y\n")  # an older mtime (a fresh clone): the commit wins
    _commit(tmp_path, "2025-05-06", judo)
    _touch(page, "2025-09-30", "z\n")  # edited after its commit, not committed yet
    new = _touch(tmp_path / "data" / "activites" / "neuf.yml", "2025-10-02")  # never committed
    updates = Updates(tmp_path)
    assert updates.of(judo) == "2025-05-06"
    assert updates.of(page) == "2025-09-30"
    assert updates.of(new) == "2025-10-02"


def test_outside_a_git_repository_the_modification_time_gives_the_date(tmp_path: Path) -> None:
    judo = _touch(tmp_path / "data" / "activites" / "judo.yml", "2024-12-24")
    assert Updates(tmp_path).of(judo) == "2024-12-24"
