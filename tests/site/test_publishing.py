"""Publishing by git: the CI files, pre-commit and CONTRIBUTING.md's own example.

``parcours new`` (the files it writes for an editor) is in ``scaffold/test_scaffold.py``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, make_project
from macros.cli import main
from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue
from macros.site.build import build_site

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _example() -> str:
    match = re.search(
        r"<!-- exemple-activite: debut -->\n```yaml\n(.*?)```\n<!-- exemple-activite: fin -->",
        CONTRIBUTING,
        re.S,
    )
    assert match
    return match.group(1)


def _steps(job: dict[str, Any]) -> str:
    return "\n".join(
        str(s.get("run", "")) if isinstance(s, dict) else str(s) for s in job.get("steps", [])
    )


def test_gitlab_ci_validates_tests_builds_and_publishes_main_only() -> None:
    ci = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    scripts = {
        name: "\n".join(job["script"])
        for name, job in ci.items()
        if isinstance(job, dict) and "script" in job
    }
    assert "make check" in scripts["valider"] and "make test" in scripts["tester"]
    assert "make site" in scripts["construire"]
    assert ci["construire"]["artifacts"]["paths"] == ["site"]
    assert ci["pages"]["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}]
    assert ci["pages"]["artifacts"]["paths"] == ["public"]


def test_github_workflow_runs_the_same_targets_and_deploys_main_only() -> None:
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    )
    steps = _steps(workflow["jobs"]["valider"])
    for target in ("make check", "make test", "make site"):
        assert target in steps
    assert workflow["jobs"]["publier"]["if"] == "github.ref == 'refs/heads/main'"
    assert workflow["jobs"]["publier"]["needs"] == "valider"


def test_pre_commit_runs_the_data_check_and_the_linters() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert ".venv/bin/parcours check" in entries
    assert any("ruff check" in e for e in entries) and any("mypy" in e for e in entries)


def test_the_error_message_shown_in_contributing_is_the_real_one(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    broken = _example().replace('debut: "16:00"', 'debut: "25:00"')
    broken = broken.replace("contact: accueil-sports", "contact: accueil-sport")
    (tmp_path / "data" / "activites" / "tennis-de-table.yml").write_text(broken, encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_catalogue(tmp_path)
    shown = re.search(r"```\n(2 erreurs dans les données :.*?)```", CONTRIBUTING, re.S)
    assert shown
    assert caught.value.report().strip() == shown.group(1).strip()


@pytest.mark.slow
def test_contributing_example_builds_and_appears_in_the_finder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "projet", ROOT / "data")
    (project / "data" / "activites" / "tennis-de-table.yml").write_text(
        _example(), encoding="utf-8"
    )
    site = build_site(project)
    page = (site / "activites" / "tennis-de-table" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Tennis de table au gymnase des Coteaux</h1>" in page
    finder = (site / "activites" / "index.html").read_text(encoding="utf-8")
    assert 'data-slug="tennis-de-table"' in finder


def test_the_invisible_character_message_shown_in_contributing_is_the_real_one(
    tmp_path: Path,
) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    judo = tmp_path / "data" / "activites" / "judo-eveil-initiation.yml"
    text = judo.read_text(encoding="utf-8")
    assert text.splitlines()[1].startswith('titre: "')
    judo.write_text(text.replace('titre: "', 'titre: "\u200b', 1), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_catalogue(tmp_path)
    shown = re.search(r"```\n(1 erreur dans les données :\n.*?invisible.*?)```", CONTRIBUTING, re.S)
    assert shown
    assert caught.value.report().strip() == shown.group(1).strip()
