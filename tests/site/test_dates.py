"""« Mis à jour le … »: a file's last commit date, unless it was edited since, else its mtime."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest

from macros.site.build import build_site
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


def test_in_a_fresh_clone_every_file_has_its_commit_date_not_the_clone_day(
    tmp_path: Path,
) -> None:
    """A clone writes every file today: a newer modification time is no edit (CI, #17)."""
    origin, clone = tmp_path / "origin", tmp_path / "clone"
    subprocess.run(["git", "init", "-q", str(origin)], check=True)
    judo = _touch(origin / "data" / "activites" / "judo.yml", "2025-01-10")
    page = _touch(origin / "docs" / "index.md", "2025-01-10")
    _commit(origin, "2025-03-04", judo, page)
    _touch(judo, "2025-04-01", "y\n")
    _commit(origin, "2025-05-06", judo)
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    updates = Updates(clone)
    assert not updates.shallow
    assert updates.of(clone / "data" / "activites" / "judo.yml") == "2025-05-06"
    assert updates.of(clone / "docs" / "index.md") == "2025-03-04"
    # A list of activities: the newest of them.
    assert updates.of(clone / "data" / "activites") == "2025-05-06"


def test_a_shallow_clone_is_known_so_the_build_can_warn(tmp_path: Path) -> None:
    origin, clone = tmp_path / "origin", tmp_path / "clone"
    subprocess.run(["git", "init", "-q", str(origin)], check=True)
    for day in ("2025-03-04", "2025-05-06"):
        _commit(origin, day, _touch(origin / "docs" / f"{day}.md", day))
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True
    )
    assert Updates(clone).shallow
    assert not Updates(origin).shallow


def _maj(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    found = re.search(r'Mis à jour le <time datetime="(\d{4}-\d{2}-\d{2})">', html)
    assert found, page
    return found.group(1)


def test_a_fresh_clone_dates_each_page_by_its_sources_last_commit(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """« Mis à jour le » in CI: an activity's page by its file, a facet page by its newest
    activity, a page of docs/ by itself; never the day of the clone (#17, part 4)."""
    subprocess.run(["git", "init", "-q", str(mini)], check=True)
    _commit(mini, "2025-03-04", mini)
    judo = mini / "data" / "activites" / "judo.yml"
    judo.write_text(judo.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _commit(mini, "2025-05-06", judo)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(mini), str(clone)], check=True)
    site = build_site(clone)
    assert "historique git de ce clone est incomplet" not in capsys.readouterr().err
    assert _maj(site, "activites/judo") == "2025-05-06"
    assert _maj(site, "activites/eveil-musical") == "2025-03-04"
    assert _maj(site, "activites/quartier/centre-ville") == "2025-05-06"  # judo is there
    assert _maj(site, "activites/quartier/le-port") == "2025-03-04"  # only the other one
    assert _maj(site, "activites") == "2025-05-06"
    assert _maj(site, "contacts") == "2025-03-04"


def test_a_shallow_clone_builds_with_a_french_warning(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subprocess.run(["git", "init", "-q", str(mini)], check=True)
    _commit(mini, "2025-03-04", mini)
    (mini / "docs" / "autre.md").write_text("# Autre\n", encoding="utf-8")
    _commit(mini, "2025-05-06", mini / "docs" / "autre.md")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{mini}", str(clone)], check=True
    )
    build_site(clone)
    err = capsys.readouterr().err
    assert "historique git de ce clone est incomplet" in err and "fetch-depth: 0" in err
