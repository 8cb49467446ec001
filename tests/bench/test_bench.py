"""`make bench` still runs: the generator and the benchmark on 20 activities (no timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from macros.data.loader import load_catalogue

pytestmark = pytest.mark.slow
sys.path.insert(0, str(ROOT / "bench"))


def test_the_generator_writes_valid_data_of_the_asked_size(tmp_path: Path) -> None:
    from generate import generate

    project = generate(tmp_path / "p", 120)
    catalogue = load_catalogue(project)
    assert len(catalogue.activites) == 120
    assert len(catalogue.ressources) == 12
    assert {a.categorie for a in catalogue.activites.values()} == set(catalogue.categories)
    assert {a.lieu.quartier for a in catalogue.activites.values()} == set(catalogue.quartiers)


def test_the_benchmark_runs_on_twenty_activities(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--tailles",
            "20",
            "--sortie",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads((tmp_path / "resultats.json").read_text(encoding="utf-8"))
    (row,) = data["mesures"]
    for key in (
        "build_s",
        "material_lean_s",
        "material_nav_s",
        "hugo_s",
        "recherche_ko",
        "lunr_ko",
        "filtre_ms",
    ):
        assert row[key] > 0, key
    assert "| Construction complète / full build (s) |" in (tmp_path / "resultats.md").read_text(
        encoding="utf-8"
    )


def test_lighthouse_scores_our_pages_and_stock_material(tmp_path: Path) -> None:
    """``make bench`` runs Lighthouse (npm, Debian's Chromium) on both sites, side by side."""
    from generate import generate

    project = generate(tmp_path / "p", 20)
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "lighthouse.py"),
            "--projet",
            str(project),
            "--sortie",
            str(tmp_path / "out"),
            "--pages",
            "/",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads((tmp_path / "out" / "lighthouse.json").read_text(encoding="utf-8"))
    for site in ("parcours", "material"):
        scores = data[site]["/"]
        assert set(scores) == {"performance", "accessibility", "best-practices", "seo"}
        assert all(0 < value <= 1 for value in scores.values()), (site, scores)
    assert "| Parcours `/` |" in (tmp_path / "out" / "lighthouse.md").read_text(encoding="utf-8")
