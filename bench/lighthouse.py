"""Lighthouse (npm, run with Debian's Chromium) on the key pages, next to stock Material.

Usage: ``python bench/lighthouse.py [--projet .] [--sortie bench/results] [--pages / …]``.
Builds the project's site, and stock Material with the same pages
(``references.material_project``), serves both gzipped on the loopback and
runs Lighthouse's mobile emulation on each page. Scores are reported, never
asserted (QUALITY.md: performance ≥ 0.95, accessibility 1, best practices 1,
SEO ≥ 0.9).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from references import material_project
from serveur import Served

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE.parent / "node_modules" / ".bin" / "lighthouse"
PY = sys.executable
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)
PAGES = ["/", "/activites/", "/recherche/", "/contacts/", "/pedt/"]


def lighthouse(url: str) -> dict[str, float]:
    """Lighthouse's four category scores (0–1) for ``url``, mobile emulation."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as profile:
        result = subprocess.run(
            [
                str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}",
            ],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            timeout=300,
        )  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse a échoué sur {url} :\n{result.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(result.stdout)
    return {name: float(report["categories"][name]["score"] or 0) for name in CATEGORIES}


def item_page(site: Path) -> str:
    """The first activity page of a built site, as a path."""
    first = sorted(p for p in (site / "activites").iterdir() if (p / "index.html").is_file())
    candidates = [p for p in first if p.name not in {"age", "quartier", "categorie", "temps"}]
    return f"/activites/{candidates[0].name}/"


def scores(site: Path, pages: list[str]) -> dict[str, dict[str, float]]:
    served = Served(site)
    try:
        return {page: lighthouse(served.url + page) for page in pages}
    finally:
        served.close()


def table(ours: dict[str, dict[str, float]], material: dict[str, dict[str, float]]) -> str:
    lines = [
        "| page | performance | accessibilité | bonnes pratiques | SEO |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, results in (("Parcours", ours), ("Material d'origine", material)):
        for page, s in results.items():
            cells = " | ".join(f"{s[c]:.2f}".replace(".", ",") for c in CATEGORIES)
            lines.append(f"| {label} `{page}` | {cells} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projet", type=Path, default=HERE.parent)
    parser.add_argument("--sortie", type=Path, default=HERE / "results")
    parser.add_argument("--pages", nargs="+", default=None)
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        parser.error("Lighthouse manque : lancez « make bench » (il installe les outils npm)")
    project = args.projet.resolve()
    subprocess.run([str(Path(PY).parent / "parcours"), "build"], cwd=project, check=True)
    site = project / "site"
    pages = args.pages or [*PAGES, item_page(site)]
    with tempfile.TemporaryDirectory(prefix="parcours-lighthouse-") as tmp:
        reference = material_project(project, Path(tmp) / "material", full_nav=False)
        subprocess.run(
            [PY, "-m", "mkdocs", "build", "-q"],
            cwd=reference,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        material_pages = [p for p in pages if (reference / "site" / p.strip("/")).exists()]
        ours = scores(site, pages)
        material = scores(reference / "site", material_pages)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = (
        f"# Lighthouse (mobile) — Parcours et Material d'origine\n\n{stamp}\n\n"
        f"{table(ours, material)}\n\n"
        "Cibles (QUALITY.md) : performance ≥ 0,95, accessibilité 1, bonnes pratiques 1, "
        "SEO ≥ 0,9. Les deux sites sont servis compressés (gzip) sur la boucle locale."
    )
    print(report)
    args.sortie.mkdir(parents=True, exist_ok=True)
    (args.sortie / "lighthouse.md").write_text(report + "\n", encoding="utf-8")
    (args.sortie / "lighthouse.json").write_text(
        json.dumps({"date": stamp, "parcours": ours, "material": material}, indent=2) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
