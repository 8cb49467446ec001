"""The finder on a phone and on a laptop: results first, filters behind « Filtrer », chips,
one history entry per committed change (#16, part 5). Positions are measured in Chromium."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import sample_catalogue
from macros.present.finder import matches_query, parse_query

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from playwright.sync_api import Browser, BrowserContext, FloatRect, Page, ViewportSize

    from macros.data.catalogue import Catalogue

pytestmark = pytest.mark.browser

CATALOGUE: Catalogue = sample_catalogue()
PHONE: ViewportSize = {"width": 390, "height": 844}
LAPTOP: ViewportSize = {"width": 1366, "height": 900}
READY = "document.documentElement.classList.contains('pc-finder-pret')"
PARENT = {"age": "8", "quand": "mercredi", "prix": "50"}
"""« My 8-year-old, on Wednesday, under 50 € »."""


def expected(params: dict[str, str]) -> int:
    query = parse_query(urlencode(params), CATALOGUE)
    return sum(matches_query(a, CATALOGUE, query) for a in CATALOGUE.activites.values())


@pytest.fixture
def open_at(browser: Browser, site_url: str) -> Iterator[Callable[..., Page]]:
    """Opens the finder at a screen size, with an address's filters, in a colour scheme."""
    contexts: list[BrowserContext] = []

    def _open(
        viewport: ViewportSize,
        params: dict[str, str] | None = None,
        scheme: Literal["light", "dark"] = "light",
    ) -> Page:
        context = browser.new_context(
            locale="fr-FR", bypass_csp=True, viewport=viewport, color_scheme=scheme
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{site_url}/activites/?{urlencode(params or {})}")
        page.wait_for_function(READY)
        return page

    yield _open
    for context in contexts:
        context.close()


def box(page: Page, selector: str) -> FloatRect:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


FIRST = "[data-finder-liste] > li:not([hidden])"


@pytest.mark.parametrize("params", [{}, PARENT], ids=["tout", "parent"])
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390x844", "1366x900"])
def test_the_count_and_the_whole_first_result_are_on_the_first_screen(
    open_at: Callable[..., Page], viewport: ViewportSize, params: dict[str, str]
) -> None:
    page = open_at(viewport, params)
    assert page.evaluate("window.scrollY") == 0
    count = box(page, "#resultats")
    first = box(page, FIRST)
    assert count["y"] + count["height"] <= viewport["height"]
    assert first["y"] + first["height"] <= viewport["height"], first
    # The count is announced a quarter of a second after the filters apply (finder.js).
    expect(page.locator("#resultats")).to_have_text(f"{expected(params)} activités")


def test_cards_are_compact_on_a_phone(open_at: Callable[..., Page]) -> None:
    page = open_at(PHONE)
    heights = sorted(
        page.eval_on_selector_all(FIRST, "els => els.map(e => e.getBoundingClientRect().height)")
    )
    assert len(heights) == 12
    # title, status, for whom, when, where, price, disabled welcome: about 20 px a line
    assert heights[len(heights) // 2] <= 250, heights
    text = page.locator(FIRST).first.inner_text()
    for label in ("Pour qui", "Quand", "Où", "Prix"):
        assert label in text


def test_on_a_phone_the_filters_wait_behind_a_button_that_counts_them(
    open_at: Callable[..., Page],
) -> None:
    page = open_at(PHONE, PARENT)
    button = page.locator("[data-finder-ouvrir]")
    assert button.inner_text() == "Filtrer — 3 filtres actifs"
    assert button.get_attribute("aria-expanded") == "false"
    assert page.locator("#filtres").is_hidden()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "f-age"
    show = page.locator("[data-finder-voir]")
    assert show.inner_text() == f"Voir les {expected(PARENT)} activités"
    # Down in the filters, « Voir les N activités » stays on the screen.
    page.locator("#f-adaptee").scroll_into_view_if_needed()
    page.locator("#f-quartier").scroll_into_view_if_needed()
    seen = box(page, "[data-finder-voir]")
    assert seen["y"] >= 0 and seen["y"] + seen["height"] <= PHONE["height"]
    page.select_option("#f-moment", "apres-midi")
    both = {**PARENT, "moment": "apres-midi"}
    page.wait_for_function(
        "t => document.querySelector('[data-finder-voir]').textContent === t",
        arg=f"Voir les {expected(both)} activités",
    )
    show.click()
    assert page.locator("#filtres").is_hidden()
    assert button.get_attribute("aria-expanded") == "false"
    assert button.inner_text() == "Filtrer — 4 filtres actifs"
    assert page.evaluate("document.activeElement.id") == "resultats"
    result = box(page, FIRST)
    assert result["y"] + result["height"] <= PHONE["height"]


def test_escape_folds_the_filters_back_onto_their_button(open_at: Callable[..., Page]) -> None:
    page = open_at({"width": 320, "height": 640})
    page.focus("[data-finder-ouvrir]")
    page.keyboard.press("Enter")
    assert page.locator("#filtres").is_visible()
    page.keyboard.press("Tab")  # mots-clés
    page.keyboard.press("Escape")
    assert page.locator("#filtres").is_hidden()
    assert page.evaluate("document.activeElement.hasAttribute('data-finder-ouvrir')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # no sideways scroll


def test_on_a_laptop_the_filters_sit_beside_the_list(open_at: Callable[..., Page]) -> None:
    page = open_at({"width": 1024, "height": 768})
    assert page.locator("[data-finder-ouvrir]").is_hidden()
    form, results = box(page, "#filtres"), box(page, "#resultats")
    assert form["x"] + form["width"] <= results["x"]
    assert abs(form["y"] - results["y"]) < 40


def test_each_active_filter_is_a_chip_that_removes_it(open_at: Callable[..., Page]) -> None:
    page = open_at(PHONE, PARENT)
    chips = page.locator("[data-finder-puces] button")
    names = [" ".join((chips.nth(i).text_content() or "").split()) for i in range(chips.count())]
    assert names == [
        "Retirer le filtre 8 ans ×", "Retirer le filtre Le mercredi ×",
        "Retirer le filtre Moins de 50 € ×", "Filtres : Tout effacer ×",
    ]  # fmt: skip
    assert chips.first.is_visible() and box(page, "[data-finder-puces]")["y"] < PHONE["height"]
    page.get_by_role("button", name="Retirer le filtre Le mercredi").click()
    without = {"age": "8", "prix": "50"}
    page.wait_for_function(
        "t => document.getElementById('resultats').textContent === t",
        arg=f"{expected(without)} activités",
    )
    assert "quand" not in page.url and "age=8" in page.url
    # The focus stays among the chips: on the one that took the removed one's place.
    assert page.evaluate("document.activeElement.textContent").startswith("Retirer le filtre")
    page.get_by_role("button", name="Filtres : Tout effacer").click()
    page.wait_for_function(
        "t => document.getElementById('resultats').textContent === t",
        arg=f"{len(CATALOGUE.activites)} activités",
    )
    assert page.locator("[data-finder-puces]").is_hidden()
    assert page.locator("[data-finder-ouvrir]").inner_text() == "Filtrer"
    assert page.evaluate("location.search") == ""


def test_adjusting_a_control_makes_one_history_entry(open_at: Callable[..., Page]) -> None:
    page = open_at(LAPTOP)
    start = page.evaluate("history.length")
    page.focus("#f-quand")
    for _ in range(5):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("history.length") == start + 1  # five presses, one entry
    value = page.input_value("#f-quand")
    assert f"quand={value}" in page.url
    page.keyboard.press("Tab")  # moment: a new control, a new entry
    page.keyboard.press("ArrowDown")
    assert page.evaluate("history.length") == start + 2
    page.focus("#f-q")
    page.keyboard.type("atelier")
    assert page.evaluate("history.length") == start + 3  # seven letters, one entry
    page.focus("#f-fauteuil")
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    assert page.evaluate("history.length") == start + 5  # a check box commits each time
    page.go_back()
    assert page.is_checked("#f-fauteuil")
    page.go_back()
    assert not page.is_checked("#f-fauteuil") and page.input_value("#f-q") == "atelier"
    page.go_back()
    assert page.input_value("#f-q") == "" and page.input_value("#f-moment") != ""
    page.go_back()
    assert page.input_value("#f-moment") == "" and page.input_value("#f-quand") == value
    page.go_back()
    assert page.input_value("#f-quand") == "" and page.evaluate("location.search") == ""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["fermé", "ouvert", "vide"])
def test_axe_reports_nothing_on_a_phone(
    open_at: Callable[..., Page], state: str, scheme: Literal["light", "dark"]
) -> None:
    params = {"q": "zzzz", "age": "8"} if state == "vide" else PARENT
    page = open_at(PHONE, params, scheme)
    want = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == want
    if state == "ouvert":
        page.click("[data-finder-ouvrir]")
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    assert result.response["violations"] == []


SMALL: ViewportSize = {"width": 320, "height": 640}


def test_at_320px_each_field_reached_by_tab_is_clear_of_the_sticky_bar(
    open_at: Callable[..., Page],
) -> None:
    page = open_at(SMALL)
    page.locator("[data-finder-ouvrir]").click()
    seen = 0
    for step in range(40):
        if step:
            page.keyboard.press("Tab")
        here = page.evaluate(
            """() => { const el = document.activeElement;
                 if (!el.closest('form[data-finder]') || el.closest('.pc-filtres__actions'))
                   return null;
                 const bar = document.querySelector('.pc-filtres__actions').getBoundingClientRect();
                 const r = el.getBoundingClientRect();
                 return [el.id, r.top, r.bottom, bar.top, innerHeight]; }"""
        )
        if here is None:
            if seen:
                break
            continue
        ident, top, bottom, bar_top, height = here
        seen += 1
        assert top >= 0 and bottom <= min(bar_top, height), (ident, bottom, bar_top)
    assert seen >= 10, "Tab went through the filters"


def test_at_320px_the_count_never_breaks_inside_a_word(open_at: Callable[..., Page]) -> None:
    page = open_at(SMALL, PARENT)
    assert "3 filtres actifs" in page.locator("[data-finder-ouvrir]").inner_text()
    count = page.locator("#resultats")
    lines = count.evaluate(
        "el => Math.round(el.getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(el).lineHeight))"
    )
    assert lines == 1, count.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL["width"]
