"""Pages print cleanly: no navigation, the address of every outside link shown after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_print_hides_navigation_and_shows_link_addresses(page: Page, site_url: str) -> None:
    page.goto(site_url + "/accessibilite/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".pc-fil"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none"
    link = page.locator('.md-content a[href^="https://formulaire.defenseurdesdroits.fr"]')
    after = link.evaluate("e => getComputedStyle(e, '::after').content")
    assert "https://formulaire.defenseurdesdroits.fr/" in after


def test_screen_shows_navigation(page: Page, site_url: str) -> None:
    page.goto(site_url + "/accessibilite/")
    page.emulate_media(media="screen")
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") != "none"
