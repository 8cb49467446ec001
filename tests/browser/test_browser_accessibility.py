"""Every page of the built sample site in Chromium: axe in both palettes, no foreign request."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import site_pages

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHUNKS = 4


def _violations(result: Any) -> list[str]:
    return [
        f"{v['id']} ({len(v['nodes'])}) : {v['nodes'][0]['target']} – {v['help']}"
        for v in result.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_page_has_no_axe_violation_and_no_foreign_request(
    browser: Browser, sample_site: Path, site_url: str, scheme: str, chunk: int
) -> None:
    pages = site_pages(sample_site)
    assert len(pages) > 50
    axe = Axe()
    context = browser.new_context(
        color_scheme="dark" if scheme == "dark" else "light", locale="fr-FR"
    )
    page = context.new_page()
    foreign: list[str] = []

    def record(request: Request) -> None:
        if not request.url.startswith(site_url) and not request.url.startswith("data:"):
            foreign.append(request.url)

    page.on("request", record)
    problems: dict[str, list[str]] = {}
    try:
        for path in pages[chunk::CHUNKS]:
            page.goto(site_url + path, wait_until="load")
            expected = "slate" if scheme == "dark" and path != "/integrer/" else "default"
            # The embeddable list has no palette switch: it stays light inside other sites.
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected
            assert page.locator("h1").count() == 1, path
            found = _violations(
                axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            )
            if found:
                problems[path] = found
    finally:
        context.close()
    assert problems == {}
    assert foreign == []


def test_page_titles_are_unique(sample_site: Path) -> None:
    titles: dict[str, str] = {}
    for path in site_pages(sample_site):
        html = (sample_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        assert title not in titles, f"{path} et {titles.get(title)} : même titre « {title} »"
        titles[title] = path


def test_the_skip_link_comes_first_and_focus_is_visible(browser: Browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "/activites/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.md-content') !== null")
    page.close()


def test_the_accessibility_statement_is_linked_from_every_page(sample_site: Path) -> None:
    for path in site_pages(sample_site):
        html = (sample_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<a href="[^"]*"[^>]*>Accessibilité\u00a0: [a-z ]*conforme</a>', html), (
            path
        )
        assert re.search(r'<a href="[^"]*"[^>]*>Plan du site</a>', html), path
