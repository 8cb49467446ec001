"""The built sample site in a real browser: pages load, nothing leaves the site's origin."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page, Request

pytestmark = pytest.mark.browser

PAGES = ["/", "/activites/", "/pedt/"]


@pytest.mark.parametrize("path", PAGES)
def test_key_pages_load_in_french_with_one_h1_and_no_foreign_request(
    page: Page, site_url: str, path: str
) -> None:
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    page.on("request", record)
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.ok
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").count() == 1
    foreign = [
        url for url in requests if not url.startswith(site_url) and not url.startswith("data:")
    ]
    assert foreign == []


def test_an_activity_page_is_reached_from_the_finder(page: Page, site_url: str) -> None:
    page.goto(site_url + "/activites/")
    first = page.locator(".pc-carte h3 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    assert page.title() == f"{title} – Ville d'Exemple"
