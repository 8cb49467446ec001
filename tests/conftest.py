"""Shared fixtures: fixture projects copied into a temporary directory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(dest: Path, data: Path) -> Path:
    """A buildable project in ``dest``: the real theme and pages, the given ``data/``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data, dest / "data")
    return dest


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The small fixture project (two activities), ready to build."""
    return make_project(tmp_path / "projet", FIXTURES / "mini" / "data")


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A project root holding only a copy of the small fixture's ``data/``."""
    root = tmp_path / "donnees"
    shutil.copytree(FIXTURES / "mini" / "data", root / "data")
    return root
