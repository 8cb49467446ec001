"""The registry of page kinds: the addresses the build writes are those the loader checks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import ROOT
from macros.data import kinds
from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue
from macros.site.pages import generated_pages

if TYPE_CHECKING:
    from playwright.sync_api import Page

CATALOGUE = load_catalogue(ROOT)
TEMPLATES = ROOT / "macros" / "render" / "templates"


def built_addresses() -> set[str]:
    """Every page ``macros.site.pages`` builds from the sample data, as a site path."""
    return {
        "/" + page.path.removesuffix(".md") + "/"
        for page in generated_pages(CATALOGUE)
        if page.path.endswith(".md")
    }


def _sample_with_redirections(tmp_path: Path, targets: list[str]) -> Path:
    root = tmp_path / "projet"
    shutil.copytree(ROOT / "data", root / "data")
    lines = ["redirections:"]
    for i, target in enumerate(sorted(targets)):
        lines += [f"  - de: /ancienne-adresse-{i}/", f"    vers: {target}"]
    (root / "data" / "redirections.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_every_page_built_from_data_is_an_address_the_loader_accepts(tmp_path: Path) -> None:
    pages = built_addresses()
    prefixes = {re.sub(r"[^/]+/$", "", p) for p in pages}
    assert prefixes == {
        "/activites/", "/parentalite/", "/contacts/", "/pedt/", "/activites/age/",
        "/activites/quartier/", "/activites/categorie/", "/activites/temps/",
        "/activites/quand/", "/activites/moment/", "/activites/prix/", "/activites/acces/",
        "/activites/accessibilite/",
    }  # fmt: skip
    load_catalogue(_sample_with_redirections(tmp_path, list(pages)))  # raises if one is unknown


def test_an_address_no_kind_builds_is_refused(tmp_path: Path) -> None:
    wrong = ["/activites/age/26-30-ans/", "/activites/inconnue/", "/contacts/personne/"]
    with pytest.raises(DataErrors) as raised:
        load_catalogue(_sample_with_redirections(tmp_path, wrong))
    for target in wrong:
        assert f"« {target} » ne mène à aucune page du site" in str(raised.value)


def test_the_loader_must_name_the_identifiers_of_every_kind() -> None:
    with pytest.raises(ValueError, match="identifiants attendus"):
        kinds.generated_pages({"activite": ["judo"]})


def test_addresses_of_items_and_of_the_files_beside_them() -> None:
    assert kinds.url("activite", "judo") == "activites/judo/"
    assert kinds.url("axe", "reussite") == "pedt/reussite/"
    assert kinds.url("temps", "week-end") == "activites/temps/week-end/"
    assert kinds.url("service", "jeunesse") == "contacts/#service-jeunesse"
    assert kinds.section("activite") == "activites/" == kinds.section("age")
    assert kinds.file_path("referent", "rpe", "vcf") == "contacts/rpe.vcf"
    assert kinds.qr_path("ressource", "sommeil") == "parentalite/sommeil/qr.svg"
    assert kinds.absolute("https://ville.example.org/", "activites/judo/") == (
        "https://ville.example.org/activites/judo/"
    )
    assert kinds.absolute("https://example.org/enfance", "/contacts/") == (
        "https://example.org/enfance/contacts/"
    )


@pytest.mark.parametrize("name", sorted(kinds.KINDS))
def test_each_kind_has_a_search_type_a_template_and_a_list_page(name: str) -> None:
    kind = kinds.KINDS[name]
    assert kind.type in kinds.TYPES
    assert (TEMPLATES / kind.template).is_file()
    assert kind.crumbs[0] == ("Accueil", "")
    docs = ROOT / "docs" / kinds.section(name).rstrip("/")
    assert docs.with_suffix(".md").is_file() or (docs / "index.md").is_file()
    assert kind.source.split("{", 1)[0].rstrip("/").startswith("data/")


def test_the_latest_updates_point_at_built_pages() -> None:
    latest = CATALOGUE.latest(1000)
    assert {kind for _, kind, _, _ in latest} == {"Activité", "Ressource"}
    assert {"/" + path for path, *_ in latest} <= built_addresses()
    for path, kind, title, _ in latest:
        prefix = "activites/" if kind == "Activité" else "parentalite/"
        assert path.startswith(prefix), (path, kind)
        items = CATALOGUE.activites if kind == "Activité" else CATALOGUE.ressources
        assert items[path.split("/")[1]].titre == title


# --- the search page's filter, from the same registry ------------------------------------


def _types_written(site: Path) -> set[str]:
    found: set[str] = set()
    for page in site.rglob("index.html"):
        found |= set(re.findall(r'data-pagefind-filter="type:([^"]+)"', page.read_text("utf-8")))
    return found


@pytest.mark.slow
def test_the_search_page_offers_exactly_the_types_pages_carry(sample_site: Path) -> None:
    html = (sample_site / "recherche" / "index.html").read_text(encoding="utf-8")
    offered = re.findall(r'<input type="radio" name="type" value="([^"]*)"', html)
    assert offered[0] == ""  # « Tout »
    assert set(offered[1:]) == _types_written(sample_site) == {
        "activité", "ressource", "contact", "page",
    }  # fmt: skip
    assert 'data-singular="Activité"> <span data-label="Activités">Activités</span>' in html


@pytest.mark.browser
def test_results_are_named_with_the_labels_of_the_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "/recherche/?q=judo&type=activit%C3%A9")
    page.wait_for_function(
        "document.getElementById('pc-recherche-statut').textContent.includes('pour')"
    )
    status = page.locator("#pc-recherche-statut").inner_text()
    assert re.fullmatch(r"\d+ résultats? pour « judo » \(activités\)\.", status), status
    page.wait_for_selector("#pc-resultats > li")
    facts = page.locator("#pc-resultats .pc-meta").all_inner_texts()
    assert facts and all(f.startswith("Activité") for f in facts), facts
    page.check('input[name="type"][value="contact"]')
    page.wait_for_function(
        "document.getElementById('pc-recherche-statut').textContent.includes('(contacts)')"
    )
    counts = page.locator(".pc-recherche-types span").all_inner_texts()
    assert counts[0] == "Tout" and counts[1].startswith("Activités (")
