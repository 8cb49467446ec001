"""``make bench``: how Parcours scales, side by side with its references, measured in one run.

Usage: ``python bench/run.py [--tailles 100 1000 5000] [--sortie bench/results]``.
Prints a table (French and English labels) and writes it to the output folder
as Markdown and JSON. Nothing here asserts a time: figures are reported.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from apercu import edit_to_visible
from generate import generate
from references import hugo_project, material_project
from serveur import Served

PY = sys.executable
BIN = Path(PY).parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NAV_MAX = int(os.environ.get("BENCH_NAV_MAX", "1000"))
"""Above this size the every-page-in-the-navigation reference is skipped (it grows as N²)."""


class Progress:
    def __init__(self, total: int) -> None:
        self.total, self.done, self.start = total, 0, time.perf_counter()

    def step(self, label: str) -> None:
        self.done += 1
        width = 30
        filled = int(width * self.done / self.total)
        elapsed = time.perf_counter() - self.start
        bar = "█" * filled + "·" * (width - filled)
        print(
            f"\r[{bar}] {self.done}/{self.total} {elapsed:6.0f} s  {label[:50]:<50}",
            end="",
            flush=True,
        )
        if self.done == self.total:
            print()


def _pss(pid: int) -> int:
    """Proportional set size of a process: its own pages, plus its share of the pages
    it shares (a forked child shares its parent's until either writes them)."""
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def _tree_memory(root: Any) -> tuple[int, int]:
    """Resident memory of a process and all its children, added up: (RSS, PSS).

    The RSS sum counts a page shared by a parent and its forked child twice (the
    brochures' processes are forks): it overstates; the PSS sum is what the tree
    really holds in memory.
    """
    import psutil

    rss = pss = 0
    with contextlib.suppress(psutil.Error):
        for member in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error, OSError):
                rss += member.memory_info().rss
                pss += _pss(member.pid)
    return rss, pss


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall time and peak memory of one run: the resident memory of the command
    and all its children added up (the brochures are laid out in a second
    process alongside MkDocs), sampled every 50 ms, as RSS and as PSS."""
    import psutil

    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=errors,
            text=True,
        )
        root = psutil.Process(process.pid)
        peak = peak_pss = 0
        while process.poll() is None:
            rss, pss = _tree_memory(root)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} a échoué :\n{errors.read()[-3000:]}")
    mib = 1024 * 1024
    return {"secondes": seconds, "memoire_mo": peak / mib, "pss_mo": peak_pss / mib}


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _transfer(page: Any, url: str) -> int:
    """Bytes a browser downloads for ``url``, everything included, each response gzipped."""
    bodies: list[bytes] = []

    def keep(response: Any) -> None:
        try:
            if response.ok:
                bodies.append(response.body())
        except Exception:
            pass

    page.on("response", keep)
    page.goto(url, wait_until="networkidle")
    return sum(len(gzip.compress(b, 6)) for b in bodies)


def browser_figures(site: Path, lunr_site: Path | None, query: str) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    served = Served(site)
    figures: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name, path in (("accueil_ko", "/"), ("activites_ko", "/activites/")):
                context = browser.new_context(bypass_csp=True)  # probes use eval
                page = context.new_page()
                figures[name] = _transfer(page, served.url + path) / 1024
                context.close()
            context = browser.new_context(bypass_csp=True)  # probes use eval
            page = context.new_page()
            page.goto(served.url + "/recherche/")
            page.wait_for_load_state("networkidle")
            fetched: list[int] = []

            def count(response: Any) -> None:
                try:
                    if "/pagefind/" in response.url and response.ok:
                        body = response.body()  # index chunks are already compressed
                        fetched.append(min(len(body), len(gzip.compress(body, 6))))
                except Exception:
                    pass

            page.on("response", count)
            page.fill("#pc-q", query)
            page.wait_for_function(
                "document.querySelectorAll('#pc-resultats > li').length > 0", timeout=60000
            )
            page.wait_for_load_state("networkidle")
            figures["recherche_ko"] = sum(fetched) / 1024
            context.close()
            context = browser.new_context(bypass_csp=True)  # probes use eval
            page = context.new_page()
            page.goto(served.url + "/activites/")
            page.wait_for_function(
                "document.querySelector('[data-finder]').dataset.duree !== undefined"
            )
            durations = page.evaluate(
                """async () => {
                  const select = document.getElementById('f-quartier');
                  const values = Array.from(select.options).map(o => o.value);
                  const out = [];
                  for (let i = 0; i < 12; i++) {
                    const t = performance.now();
                    select.value = values[i % values.length];
                    select.dispatchEvent(new Event('change', {bubbles: true}));
                    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
                    out.push(performance.now() - t);
                  }
                  return out;
                }"""
            )
            figures["filtre_ms"] = statistics.median(durations)
            context.close()
            browser.close()
    finally:
        served.close()
    if lunr_site is not None:
        figures.update(lunr_figures(lunr_site))
    return figures


def lunr_figures(site: Path) -> dict[str, float]:
    """What stock Material's lunr search makes a browser download (gzip), and its raw index.

    Material loads its search worker, lunr's French stemmer and the whole index
    as soon as a page opens: all of it is there before the first query, so it
    is counted without typing one.
    """
    from playwright.sync_api import sync_playwright

    served = Served(site)
    fetched: set[str] = set()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(bypass_csp=True)  # probes use eval

            def count(response: Any) -> None:
                path = urlsplit(response.url).path
                if ("search" in path or "/lunr/" in path) and response.ok:
                    fetched.add(path)

            page.on("response", count)
            page.goto(served.url + "/", wait_until="networkidle")
            # The worker fetches the index and lunr's French files: wait for both.
            for _ in range(1200):
                if {"/search/search_index.json"} <= fetched and any(
                    path.endswith("lunr.fr.min.js") for path in fetched
                ):
                    break
                page.wait_for_timeout(100)
            else:
                raise RuntimeError(f"la recherche de Material n'a pas tout chargé : {fetched}")
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        served.close()
    # Sizes from the files themselves (a 30 MB index is too big to read back
    # through the browser), each gzipped as the server sends it.
    downloaded = sum(len(gzip.compress((site / p.lstrip("/")).read_bytes(), 6)) for p in fetched)
    index = site / "search" / "search_index.json"
    return {
        "lunr_ko": downloaded / 1024,
        "lunr_brut_ko": index.stat().st_size / 1024,
    }


def material_reference(
    project: Path, work: Path, size: int, row: dict[str, Any], *, full_nav: bool
) -> Path:
    """Build stock Material on the same pages; record its time and mean page weight."""
    kind = "nav" if full_nav else "lean"
    reference = material_project(project, work / f"material-{kind}-{size}", full_nav=full_nav)
    row[f"material_{kind}_s"] = measure([PY, "-m", "mkdocs", "build", "-q"], reference)["secondes"]
    pages = list((reference / "site" / "activites").rglob("index.html"))
    row[f"material_{kind}_ko_page"] = (
        statistics.mean(p.stat().st_size for p in pages) / 1024 if pages else 0
    )
    return reference


def run_size(size: int, work: Path, progress: Progress) -> dict[str, Any]:
    row: dict[str, Any] = {"taille": size}
    project = generate(work / f"parcours-{size}", size)
    progress.step(f"{size} : données générées")
    row["check_s"] = measure([str(BIN / "parcours"), "check"], project)["secondes"]
    progress.step(f"{size} : validation")
    timings = work / f"mesures-{size}.jsonl"
    timings.unlink(missing_ok=True)
    built = measure([str(BIN / "parcours"), "build"], project, {"PARCOURS_MESURES": str(timings)})
    steps: dict[str, float] = {}
    for line in timings.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        steps[record["etape"]] = steps.get(record["etape"], 0) + record["secondes"]
    row["build_s"] = built["secondes"]
    row["memoire_mo"] = built["memoire_mo"]
    row["pss_mo"] = built["pss_mo"]
    row["brochures_s"] = steps.get("brochures", 0.0)  # in its own process, alongside MkDocs
    row["pagefind_s"] = steps.get("pagefind", 0.0)
    row["pages_generees_s"] = steps.get("pages-generees", 0.0)
    row["liens_s"] = steps.get("liens", 0.0)
    row["csp_s"] = steps.get("csp", 0.0)
    row["attente_brochures_s"] = steps.get("attente-brochures", 0.0)
    row["etape_s"] = steps.get("etape", 0.0)  # before the engine: staged folder and config
    # The MkDocs step's own work: the mkdocs process, less the time it spent
    # waiting for the brochures laid out on the other core.
    row["mkdocs_s"] = steps["mkdocs"] - row["attente_brochures_s"]
    site = project / "site"
    row["site_mo"] = folder_size(site) / 1024 / 1024
    progress.step(f"{size} : construction complète")
    # The same build again, nothing changed: every PDF must come from the cache.
    cache = project / ".cache" / "brochures"
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    again = measure([str(BIN / "parcours"), "build"], project)
    after = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    row["build_chaud_s"] = again["secondes"]
    row["memoire_chaud_mo"] = again["memoire_mo"]
    row["pss_chaud_mo"] = again["pss_mo"]
    row["brochures_nombre"] = len(list((site / "brochures").glob("*.pdf")))
    row["brochures_reprises"] = sum(1 for n, t in after.items() if before.get(n) == t)
    progress.step(f"{size} : construction sans changement")
    # The whole guide laid out alone, no cache: Typst's time, the PDF, the memory.
    out = work / f"guide-{size}.json"
    alone = measure([PY, str(Path(__file__).parent / "brochure.py"), str(project),
                     "guide-activites", str(out)], project)  # fmt: skip
    guide = json.loads(out.read_text(encoding="utf-8"))
    row["guide_s"] = guide["secondes"]
    row["guide_pages"] = guide["pages"]
    row["guide_mo"] = guide["octets"] / 1024 / 1024
    row["guide_memoire_mo"] = alone["memoire_mo"]
    row["guide_pss_mo"] = alone["pss_mo"]
    row["guide_volumes"] = guide["volumes"]
    progress.step(f"{size} : guide seul")
    if size <= NAV_MAX:  # the same site with the other engine
        out = work / f"zensical-{size}"
        command = [str(BIN / "parcours"), "build", "--moteur", "zensical", "--sortie", str(out)]
        row["zensical_s"] = measure(command, project)["secondes"]
        progress.step(f"{size} : construction avec Zensical")

    lean = material_reference(project, work, size, row, full_nav=False)
    row["pages"] = sum(1 for _ in (lean / "site").rglob("index.html"))
    progress.step(f"{size} : Material, pages hors navigation")
    if size <= NAV_MAX:
        material_reference(project, work, size, row, full_nav=True)
    progress.step(f"{size} : Material, toutes les pages dans la navigation")
    hugo = hugo_project(project, work / f"hugo-{size}")
    row["hugo_s"] = measure([str(BIN / "hugo"), "--quiet", "--destination", "public"], hugo)[
        "secondes"
    ]
    progress.step(f"{size} : Hugo")
    query = "natation"
    row.update(browser_figures(site, lean / "site", query))
    if row.get("lunr_ko"):
        row["recherche_part"] = row["recherche_ko"] / row["lunr_ko"]
    progress.step(f"{size} : mesures dans Chromium")
    row["mkdocs_sur_material"] = row["mkdocs_s"] / row["material_lean_s"]
    row["build_sur_material"] = row["build_s"] / row["material_lean_s"]
    row["build_sur_hugo"] = row["build_s"] / row["hugo_s"]
    return row


COLUMNS = [
    ("taille", "Activités / activities", "{:.0f}"),
    ("pages", "Pages HTML (les deux sites) / HTML pages (both sites)", "{:.0f}"),
    ("check_s", "Validation / check (s)", "{:.2f}"),
    ("build_s", "Construction complète / full build (s)", "{:.1f}"),
    ("memoire_mo", "Mémoire max, RSS additionnés / peak memory, RSS sum (Mo)", "{:.0f}"),
    ("pss_mo", "Mémoire max, PSS additionnés / peak memory, PSS sum (Mo)", "{:.0f}"),
    ("etape_s", "Avant le moteur / staging (s)", "{:.1f}"),
    ("pages_generees_s", "  dont pages générées / generated pages (s)", "{:.1f}"),
    ("build_chaud_s", "Construction sans changement / unchanged rebuild (s)", "{:.1f}"),
    ("memoire_chaud_mo", "  mémoire max, RSS / peak memory, RSS (Mo)", "{:.0f}"),
    ("pss_chaud_mo", "  mémoire max, PSS / peak memory, PSS (Mo)", "{:.0f}"),
    ("brochures_nombre", "Brochures construites / brochures built", "{:.0f}"),
    ("brochures_reprises", "  reprises du cache au 2e passage / reused when unchanged", "{:.0f}"),
    ("build_sur_material", "Construction ÷ Material lean (cible ≤ 2)", "{:.2f}"),
    ("mkdocs_s", "Étape MkDocs / MkDocs step (s)", "{:.1f}"),
    ("liens_s", "Après : vérification des liens / link check (s)", "{:.1f}"),
    ("csp_s", "Après : scripts et politique CSP / inline scripts and CSP (s)", "{:.1f}"),
    ("material_lean_s", "Material, hors nav / lean ref. (s)", "{:.1f}"),
    ("mkdocs_sur_material", "MkDocs ÷ Material lean (cible ≤ 1,3)", "{:.2f}"),
    ("material_nav_s", "Material, tout dans la nav / default (s)", "{:.1f}"),
    ("material_nav_ko_page", "Material défaut, Ko par page", "{:.0f}"),
    ("material_lean_ko_page", "Material hors nav, Ko par page", "{:.0f}"),
    ("zensical_s", "Construction complète avec Zensical / full build, Zensical (s)", "{:.1f}"),
    ("hugo_s", "Hugo (s)", "{:.2f}"),
    ("build_sur_hugo", "Parcours ÷ Hugo", "{:.0f}"),
    ("pagefind_s", "Pagefind (s)", "{:.1f}"),
    ("brochures_s", "Brochures, processus parallèle / in parallel (s)", "{:.1f}"),
    ("attente_brochures_s", "Attente des brochures / waiting for them (s)", "{:.1f}"),
    ("guide_s", "Guide complet mis en page seul / full guide layout (s)", "{:.2f}"),
    ("guide_volumes", "  volumes (PDF) du guide / guide volumes (PDFs)", "{:.0f}"),
    ("guide_pages", "  pages du guide / guide pages", "{:.0f}"),
    ("guide_mo", "  taille du guide / guide size (Mo)", "{:.1f}"),
    ("guide_memoire_mo", "  mémoire max, RSS / peak memory, RSS (Mo)", "{:.0f}"),
    ("guide_pss_mo", "  mémoire max, PSS / peak memory, PSS (Mo)", "{:.0f}"),
    ("site_mo", "Taille du site / site size (Mo)", "{:.1f}"),
    ("accueil_ko", "Accueil transféré / home transfer (Ko gzip)", "{:.0f}"),
    ("activites_ko", "/activites/ transféré (Ko gzip)", "{:.0f}"),
    ("recherche_ko", "1re recherche / first query (Ko)", "{:.0f}"),
    ("lunr_ko", "Recherche lunr de Material, téléchargée (Ko gzip)", "{:.0f}"),
    ("lunr_brut_ko", "Index lunr brut / raw (Ko)", "{:.0f}"),
    ("recherche_part", "Recherche ÷ lunr (cible ≤ 0,25 / 0,10)", "{:.3f}"),
    ("filtre_ms", "Filtre du chercheur / filter change (ms)", "{:.1f}"),
]


def table(rows: list[dict[str, Any]]) -> str:
    head = "| mesure / measure | " + " | ".join(str(r["taille"]) for r in rows) + " |"
    lines = [head, "|---|" + "---:|" * len(rows)]
    for key, label, fmt in COLUMNS[1:]:
        cells = [fmt.format(r[key]).replace(".", ",") if key in r else "–" for r in rows]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def growth(rows: list[dict[str, Any]]) -> str:
    by_size = {r["taille"]: r for r in rows}
    if 1000 not in by_size or 5000 not in by_size:
        return ""
    a, b = by_size[1000], by_size[5000]
    parts = [
        f"- {key} : × {b[key] / a[key]:.1f} pour × 5 activités"
        for key in (
            "build_s",
            "mkdocs_s",
            "brochures_s",
            "guide_s",
            "pagefind_s",
            "memoire_mo",
            "pss_mo",
            "check_s",
            "material_lean_s",
            "hugo_s",
            "recherche_ko",
            "lunr_ko",
        )
        if a.get(key)
    ]
    return "Croissance de 1 000 à 5 000 activités (linéaire = × 5) :\n" + "\n".join(parts)


def preview_figures(size: int, work: Path, progress: Progress) -> str:
    """``parcours serve`` at ``size`` activities: a title edited, then shown; next to stock
    Material building as many plain pages, in the same run."""
    project = generate(work / f"apercu-{size}", size)
    row: dict[str, Any] = {}
    measure([str(BIN / "parcours"), "build"], project)  # the plain pages for the reference
    material_reference(project, work, size, row, full_nav=False)
    progress.step(f"aperçu {size} : Material")
    figures = edit_to_visible(project, BIN / "parcours")
    progress.step(f"aperçu {size} : titre modifié")
    ratio = figures["apercu_titre_s"] / row["material_lean_s"]
    return (
        f"Aperçu (`parcours serve`) à {size} activités / preview at {size} activities :\n"
        f"- démarrage, première page servie / start to first page : "
        f"{figures['apercu_demarrage_s']:.1f} s\n"
        f"- titre modifié → visible dans la page / edited title visible : "
        f"{figures['apercu_titre_s']:.1f} s (médiane de 3)\n"
        f"- Material, les mêmes pages en Markdown simple / stock Material, as many plain pages : "
        f"{row['material_lean_s']:.1f} s\n"
        f"- rapport / ratio : {ratio:.2f} (cible ≤ 1,5)".replace(".", ",")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tailles", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--sortie", type=Path, default=Path(__file__).resolve().parent / "results")
    parser.add_argument(
        "--apercu", type=int, default=300, help="activités pour l'aperçu (0 : sans)"
    )
    args = parser.parse_args(argv)
    progress = Progress(
        sum(10 if size <= NAV_MAX else 9 for size in args.tailles) + (2 if args.apercu else 0)
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="parcours-bench-") as tmp:
        for size in args.tailles:
            rows.append(run_size(size, Path(tmp), progress))
        preview = preview_figures(args.apercu, Path(tmp), progress) if args.apercu else ""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}"
    report = "\n\n".join(
        filter(
            None,
            [
                f"# Parcours — banc d'essai / benchmark\n\n{stamp} — {machine}",
                table(rows),
                growth(rows),
                preview,
                f"Référence « tout dans la navigation » : jusqu'à {NAV_MAX} pages (coût en N²).",
            ],
        )
    )
    print(report)
    args.sortie.mkdir(parents=True, exist_ok=True)
    (args.sortie / "resultats.md").write_text(report + "\n", encoding="utf-8")
    (args.sortie / "resultats.json").write_text(
        json.dumps(
            {"date": stamp, "machine": machine, "mesures": rows, "apercu": preview},
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
