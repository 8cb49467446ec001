"""The activity finder in Chromium: every filter, alone and combined, against the data."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import sample_catalogue
from macros.data.catalogue import ACCES_COURTS
from macros.data.selection import MOMENTS, PRIX, QUAND_LABELS
from macros.present.finder import FinderQuery, matches_query, parse_query

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from macros.data.catalogue import Catalogue

pytestmark = pytest.mark.browser

CATALOGUE: Catalogue = sample_catalogue()


def expected(query: FinderQuery) -> set[str]:
    return {s for s, a in CATALOGUE.activites.items() if matches_query(a, CATALOGUE, query)}


def shown(page: Page) -> set[str]:
    """Every card a user can reach: drawn, then "Afficher … de plus" until all are drawn."""
    more = page.locator("[data-finder-plus]")
    while more.is_visible():
        more.click()
    slugs: list[str] = page.eval_on_selector_all(
        "[data-finder-liste] > li:not([hidden])", "els => els.map(e => e.dataset.slug)"
    )
    return set(slugs)


def announced(page: Page, count: int) -> None:
    text = "Aucune activité" if count == 0 else f"{count} activité" + ("s" if count > 1 else "")
    page.wait_for_function(
        "t => document.getElementById('resultats').textContent.trim() === t", arg=text
    )


def visit(page: Page, site_url: str, params: dict[str, str]) -> None:
    page.goto(f"{site_url}/activites/?{urlencode(params)}")
    page.wait_for_selector("[data-finder]:not([hidden])")


def _query(params: dict[str, str]) -> FinderQuery:
    return parse_query(urlencode(params), CATALOGUE)


SINGLE = (
    [{"age": str(age)} for age in range(0, 26, 2)]
    + [{"categorie": c} for c in CATALOGUE.categories]
    + [{"quand": k} for k in QUAND_LABELS]
    + [{"moment": k} for k, *_ in MOMENTS]
    + [{"quartier": q} for q in CATALOGUE.quartiers]
    + [{"prix": k} for k, *_ in PRIX]
    + [{"acces": k} for k in ACCES_COURTS]
    + [{"fauteuil": "1"}, {"handicap": "1"}, {"adaptee": "1"}]
    + [{"q": "judo"}, {"q": "theatre"}, {"q": "Musique Coteaux"}, {"q": "éveil"}]
)
COMBINED = [
    {"age": age, "quand": quand, "quartier": quartier}
    for age, quand, quartier in itertools.product(
        ["4", "8", "14"], ["mercredi", "vacances"], list(CATALOGUE.quartiers)[:3]
    )
] + [
    {"age": "8", "handicap": "1", "prix": "gratuit"},
    {"age": "8", "quand": "mercredi", "moment": "apres-midi", "prix": "50", "fauteuil": "1"},
    {"categorie": "sport", "quand": "mercredi", "handicap": "1"},
    {"age": "17", "categorie": "orientation-emploi", "q": "stage"},
]


def test_the_sample_has_enough_variety_for_these_tests() -> None:
    assert all(expected(_query(p)) for p in SINGLE[:5])
    assert any(not expected(_query(p)) for p in COMBINED), "un cas vide doit être testé"
    assert any(len(expected(_query(p))) > 1 for p in COMBINED)


@pytest.mark.parametrize("params", SINGLE + COMBINED, ids=lambda p: urlencode(p))
def test_a_filtered_link_shows_exactly_the_matching_activities(
    page: Page, site_url: str, params: dict[str, str]
) -> None:
    visit(page, site_url, params)
    want = expected(_query(params))
    announced(page, len(want))
    assert shown(page) == want


def test_filtering_through_the_form_updates_the_url_and_back_steps_back(
    page: Page, site_url: str
) -> None:
    visit(page, site_url, {})
    announced(page, len(CATALOGUE.activites))
    page.fill("#f-age", "8")
    page.select_option("#f-quand", "mercredi")
    announced(page, len(expected(FinderQuery(age=8, quand="mercredi"))))
    assert "age=8" in page.url and "quand=mercredi" in page.url
    quartier = next(iter(CATALOGUE.quartiers))
    page.select_option("#f-quartier", quartier)
    want = expected(FinderQuery(age=8, quand="mercredi", quartier=quartier))
    announced(page, len(want))
    assert shown(page) == want
    assert f"quartier={quartier}" in page.url
    page.go_back()
    announced(page, len(expected(FinderQuery(age=8, quand="mercredi"))))
    assert page.input_value("#f-quartier") == ""
    page.go_forward()
    announced(page, len(want))
    assert page.input_value("#f-quartier") == quartier
    page.reload()
    announced(page, len(want))
    assert shown(page) == want


def test_the_whole_finder_works_with_the_keyboard_alone(page: Page, site_url: str) -> None:
    visit(page, site_url, {})
    page.focus("#f-age")
    page.keyboard.type("6")
    order = ["f-q", "f-quand", "f-moment", "f-quartier", "f-categorie", "f-prix", "f-acces",
             "f-ouvertes", "f-fauteuil", "f-handicap"]  # fmt: skip
    for ident in order:
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == ident
    page.keyboard.press("Space")  # handicap
    page.keyboard.press("Tab")  # adaptée
    page.keyboard.press("Tab")  # tri
    page.keyboard.press("Tab")
    want = expected(FinderQuery(age=6, handicap=True))
    assert page.evaluate("document.activeElement.textContent.trim()") == (
        f"Voir les {len(want)} activités"
    )
    page.keyboard.press("Enter")
    announced(page, len(want))
    assert page.evaluate("document.activeElement.id") == "resultats"  # on to the list
    assert shown(page) == want
    page.focus("[data-finder-voir]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Tout effacer"
    page.keyboard.press("Enter")
    announced(page, len(CATALOGUE.activites))


def test_each_option_shows_its_count(page: Page, site_url: str) -> None:
    visit(page, site_url, {"age": "8"})
    announced(page, len(expected(FinderQuery(age=8))))
    for ident, label in CATALOGUE.quartiers.items():
        text = page.locator(f'#f-quartier option[value="{ident}"]').inner_text()
        assert text == f"{label} ({len(expected(FinderQuery(age=8, quartier=ident)))})"
    for ident, label, _ in PRIX:
        text = page.locator(f'#f-prix option[value="{ident}"]').inner_text()
        assert text == f"{label} ({len(expected(FinderQuery(age=8, prix=ident)))})"
    for case, label in [("fauteuil", "Lieu accessible en fauteuil roulant"),
                        ("adaptee", "Activité adaptée (handisport…)")]:  # fmt: skip
        count = len(expected(FinderQuery(age=8, **{case: True})))  # type: ignore[arg-type]
        assert page.locator(f'label[for="f-{case}"]').inner_text() == f"{label} ({count})"


def test_an_empty_result_offers_to_relax_a_filter(page: Page, site_url: str) -> None:
    visit(page, site_url, {"age": "2", "categorie": "orientation-emploi"})
    announced(page, 0)
    assert page.locator("[data-finder-vide]").is_visible()
    button = page.get_by_role(
        "button", name="Retirer « Catégorie : Orientation et emploi »", exact=False
    )
    button.click()
    want = expected(FinderQuery(age=2))
    announced(page, len(want))
    assert shown(page) == want
    assert "categorie" not in page.url


def test_sorting_by_age_orders_the_list(page: Page, site_url: str) -> None:
    visit(page, site_url, {"tri": "age"})
    slugs: list[str] = page.eval_on_selector_all(
        "[data-finder-liste] > li", "els => els.map(e => e.dataset.slug)"
    )
    ages = [CATALOGUE.activites[s].public.age_min for s in slugs]
    known = [a for a in ages if a is not None]
    assert known == sorted(known)
    # Activities for parents have no age: the sample has some, and they come last.
    assert len(known) < len(ages), "l'échantillon doit compter des activités sans âge"
    assert ages[len(known) :] == [None] * (len(ages) - len(known))


@pytest.mark.parametrize(
    "params", [{"age": "8", "quand": "mercredi", "prix": "50", "fauteuil": "1"}, {"q": "zzzz"}]
)
def test_axe_reports_nothing_in_filtered_and_empty_states(
    page: Page, site_url: str, params: dict[str, str]
) -> None:
    visit(page, site_url, params)
    announced(page, len(expected(_query(params))))
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    assert result.response["violations"] == []


def test_long_lists_are_drawn_a_page_at_a_time_and_the_count_gives_the_total(
    page: Page, site_url: str
) -> None:
    visit(page, site_url, {})
    total = len(CATALOGUE.activites)
    announced(page, total)
    step = 12  # PAGE in finder.js
    assert total > step, "l'échantillon doit dépasser une page de résultats"
    drawn = page.eval_on_selector_all("[data-finder-liste] > li:not([hidden])", "els => els.length")
    assert drawn == step
    more = page.locator("[data-finder-plus]")
    assert (
        more.inner_text()
        == f"Afficher {min(step, total - step)} activités de plus ({total - step} restantes)"
    )
    more.click()
    assert page.evaluate("document.activeElement.closest('li').dataset.slug") is not None
    assert len(shown(page)) == total
