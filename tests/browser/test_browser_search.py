"""Search with Pagefind in Chromium, on the real index of the built sample site."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import plain, sample_catalogue

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from macros.data.catalogue import Catalogue

pytestmark = pytest.mark.browser

CATALOGUE: Catalogue = sample_catalogue()
SEARCH = """async ([q, type]) => {
  const pf = await import('/pagefind/pagefind.js');
  await pf.filters();
  const s = await pf.search(q, type ? {filters: {type}} : {});
  const d = await Promise.all(s.results.map(r => r.data()));
  return d.map(x => ({url: x.url, type: x.filters.type[0], content: x.content}));
}"""


def api(page: Page, site_url: str, query: str, kind: str = "") -> list[dict[str, Any]]:
    if not page.url.startswith(site_url):
        page.goto(site_url + "/")
    found: list[dict[str, Any]] = page.evaluate(SEARCH, [query, kind])
    return found


def urls(results: list[dict[str, Any]]) -> list[str]:
    return [r["url"] for r in results]


def test_each_activity_title_finds_its_page(page: Page, site_url: str) -> None:
    missing = []
    for slug, act in CATALOGUE.activites.items():
        if f"/activites/{slug}/" not in urls(api(page, site_url, act.titre))[:5]:
            missing.append(act.titre)
    assert missing == []


def test_each_referent_role_finds_its_contact_page(page: Page, site_url: str) -> None:
    missing = []
    for ident, ref in CATALOGUE.referents.items():
        if f"/contacts/{ident}/" not in urls(api(page, site_url, ref.role, "contact")):
            missing.append(ref.role)
    assert missing == []


def test_accents_are_optional(page: Page, site_url: str) -> None:
    harassment = {
        f"/parentalite/{s}/" for s, r in CATALOGUE.ressources.items() if r.theme == "harcelement"
    }
    assert harassment
    assert harassment <= set(urls(api(page, site_url, "harcelement")))
    assert set(urls(api(page, site_url, "harcelement"))) == set(
        urls(api(page, site_url, "harcèlement"))
    )


def test_plurals_are_forgiven(page: Page, site_url: str) -> None:
    sport = {f"/activites/{s}/" for s, a in CATALOGUE.activites.items() if a.categorie == "sport"}
    assert sport <= set(urls(api(page, site_url, "activites sportives", "activité")))


@pytest.mark.parametrize("kind", ["activité", "ressource", "contact", "page"])
def test_the_type_filter_keeps_only_that_type(page: Page, site_url: str, kind: str) -> None:
    results = api(page, site_url, "inclusion", kind)
    assert results
    assert {r["type"] for r in results} == {kind}


def test_the_index_holds_no_navigation_footer_or_notice(page: Page, site_url: str) -> None:
    chrome = (
        "Site de démonstration",
        "Aller au contenu",
        "Accessibilité : partiellement conforme",  # the footer, status from data/accessibilite.yml
        "Mis à jour le",
    )
    results = api(page, site_url, "activité") + api(page, site_url, "référent")
    assert len(results) > 20
    for result in results:
        for text in chrome:
            assert text not in plain(result["content"]), (result["url"], text)


def test_lists_of_activities_stay_out_of_the_index(page: Page, site_url: str) -> None:
    found = urls(api(page, site_url, "judo"))
    assert not any(
        u.startswith(("/activites/quartier/", "/activites/age/", "/plan-du-site/")) for u in found
    )


def _status(page: Page) -> str:
    page.wait_for_function(
        "document.getElementById('pc-recherche-statut').textContent.includes('pour')"
    )
    return page.locator("#pc-recherche-statut").inner_text()


def test_the_query_lives_in_the_url_and_results_are_announced(page: Page, site_url: str) -> None:
    page.goto(site_url + "/recherche/?q=" + quote("référent inclusion") + "&type=contact")
    status = _status(page)
    page.wait_for_selector("#pc-resultats > li")  # cards are drawn just after the count
    count = page.locator("#pc-resultats > li").count()
    assert count > 0
    assert status.startswith(f"{len(api_count(page))} résultat")
    assert page.locator('input[name="type"][value="contact"]').is_checked()
    assert page.locator("#pc-recherche-statut").get_attribute("aria-live") == "polite"


def api_count(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(SEARCH, ["référent inclusion", "contact"])
    return found


def test_search_works_with_the_keyboard_alone(page: Page, site_url: str) -> None:
    page.goto(site_url + "/activites/")
    page.keyboard.press("Tab")  # skip link
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "pc-entete-q":
            break
    assert page.evaluate("document.activeElement.id") == "pc-entete-q"
    page.keyboard.type("judo")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=judo")
    _status(page)
    page.focus('input[name="type"][value=""]')
    page.keyboard.press("ArrowRight")  # Activités
    page.wait_for_url("**type=*")
    page.wait_for_function(
        "document.querySelectorAll('#pc-resultats > li').length > 0 && "
        "document.getElementById('pc-recherche-statut').textContent.includes('activités')"
    )
    first = page.locator("#pc-resultats > li a").first
    first.focus()
    href = first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")
    assert page.locator("h1").inner_text().lower().count("judo") == 1
    page.go_back()
    _status(page)
    assert page.locator('input[name="type"][value="activité"]').is_checked()


def test_nothing_of_the_index_loads_before_searching(page: Page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "/")
    page.goto(site_url + "/recherche/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "/pagefind/" in u]
    page.fill("#pc-q", "judo")
    _status(page)
    assert [u for u in requested if "/pagefind/" in u]


def test_axe_reports_nothing_on_the_results(page: Page, site_url: str) -> None:
    page.goto(site_url + "/recherche/?q=harcelement")
    _status(page)
    page.wait_for_selector("#pc-resultats > li")
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    assert result.response["violations"] == []


def test_without_javascript_the_search_page_explains_itself(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/recherche/")
    text = page.locator(".md-content").inner_text()
    assert "La recherche a besoin de JavaScript" in text
    assert page.get_by_role("link", name="plan du site", exact=True).is_visible()
    context.close()
