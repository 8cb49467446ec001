"""What parents type, and the page they should find first (#17, part 6).

Pagefind in Chromium, on the built sample: the words of a family (« cantine »,
« centre de loisirs », « garderie », « dys ») find the service the commune
names otherwise, through the synonyms of ``data/lexique.yml``; an activity's
name finds the activity before the contacts and lists that mention it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from conftest import sample_catalogue

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SEARCH = """async (q) => {
  const pf = await import('/pagefind/pagefind.js');
  const s = await pf.search(q);
  const d = await Promise.all(s.results.slice(0, 5).map(r => r.data()));
  return d.map(x => ({url: x.url, excerpt: x.excerpt}));
}"""

QUERIES = [
    # query, where a parent expects to land, within the first N results
    ("judo", "/activites/judo-eveil-initiation/", 1),
    ("cantine", "/activites/restauration-scolaire/", 1),
    ("garderie", "/activites/accueil-periscolaire-matin-soir/", 2),
    ("centre de loisirs", "/activites/accueil-loisirs-mercredi/", 3),
    ("centre aéré", "/activites/accueil-loisirs-mercredi/", 3),
    ("dys", "/inclusion/", 3),
    ("aide aux devoirs", "/activites/clas-aide-aux-devoirs/", 2),
    ("MDPH", "/lexique/", 3),
    ("crèche", "/activites/creches-municipales/", 1),
    ("handicap", "/inclusion/", 4),  # after the national portal and two référents handicap
]


def _top(page: Page, site_url: str, query: str) -> list[dict[str, Any]]:
    if not page.url.startswith(site_url):
        page.goto(site_url + "/")
    found: list[dict[str, Any]] = page.evaluate(SEARCH, query)
    return found


def test_the_sample_has_the_pages_the_queries_expect() -> None:
    catalogue = sample_catalogue()
    for _, url, _ in QUERIES:
        if url.startswith("/activites/"):
            assert url.split("/")[2] in catalogue.activites, url


@pytest.mark.parametrize(("query", "expected", "within"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_a_parent_s_words_find_the_right_page_first(
    page: Page, site_url: str, query: str, expected: str, within: int
) -> None:
    top = [r["url"] for r in _top(page, site_url, query)]
    assert expected in top[:within], top


def test_an_activity_s_name_finds_no_contact_before_it(page: Page, site_url: str) -> None:
    top = [r["url"] for r in _top(page, site_url, "judo")]
    assert not any(url.startswith("/contacts/") for url in top[:2]), top


def test_handicap_no_longer_lists_the_referents_first(page: Page, site_url: str) -> None:
    top = [r["url"] for r in _top(page, site_url, "handicap")]
    assert sum(url.startswith("/contacts/") for url in top[:4]) <= 2, top
