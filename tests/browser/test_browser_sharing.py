"""Stable links in Chromium: redirects, the embeddable list, copy link and QR codes."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pytest
import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

from conftest import plain, sample_catalogue
from macros.export import page_url
from macros.present.finder import matches_query, parse_query

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, Page

    from macros.data.catalogue import Catalogue

pytestmark = pytest.mark.browser
CATALOGUE: Catalogue = sample_catalogue()


def test_an_old_address_lands_on_the_new_page(page: Page, site_url: str) -> None:
    redirection = CATALOGUE.redirections[0]
    page.goto(site_url + redirection.de)
    page.wait_for_url(site_url + redirection.vers)
    slug = redirection.vers.strip("/").split("/")[-1]
    assert plain(page.locator("h1").inner_text()) == CATALOGUE.activites[slug].titre


@pytest.mark.parametrize(
    "params",
    [{"age": "8", "quand": "mercredi"}, {"quartier": "le-port", "prix": "gratuit"}, {"q": "zzzz"}],
)
def test_the_embed_filters_like_the_finder_and_passes_axe(
    page: Page, site_url: str, params: dict[str, str]
) -> None:
    page.goto(f"{site_url}/integrer/?{urlencode(params)}")
    query = parse_query(urlencode(params), CATALOGUE)
    want = {s for s, a in CATALOGUE.activites.items() if matches_query(a, CATALOGUE, query)}
    page.wait_for_function(
        "document.querySelector('[data-finder]').dataset.resultats !== undefined"
    )
    shown = page.eval_on_selector_all(
        "[data-finder-liste] > li:not([hidden])", "els => els.map(e => e.dataset.slug)"
    )
    assert set(shown) == want
    assert page.locator(".md-header").count() == 0 and page.locator(".md-footer").count() == 0
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
    assert (
        Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}}).response["violations"]
        == []
    )


def test_copy_link_puts_the_page_address_in_the_clipboard(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    slug = next(iter(CATALOGUE.activites))
    page.goto(f"{site_url}/activites/{slug}/")
    page.get_by_role("button", name="Copier le lien").click()
    page.wait_for_function(
        "document.querySelector('[data-partage-statut]').textContent === 'Lien copié.'"
    )
    assert page.evaluate("navigator.clipboard.readText()") == page_url(
        CATALOGUE, f"activites/{slug}/"
    )
    context.close()


def test_the_poster_qr_code_encodes_the_page_address(
    page: Page, site_url: str, tmp_path: Path
) -> None:
    slug = next(iter(CATALOGUE.activites))
    page.set_viewport_size({"width": 600, "height": 600})
    page.goto(f"{site_url}/activites/{slug}/qr.svg")
    shot = tmp_path / "qr.png"
    page.screenshot(path=str(shot))
    (result,) = zxingcpp.read_barcodes(Image.open(shot))
    assert result.text == page_url(CATALOGUE, f"activites/{slug}/")
