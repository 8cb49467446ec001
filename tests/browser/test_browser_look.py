"""The practical tables read at the size of the text, and the menu's groups open on a phone
(#17, part 2), measured in Chromium."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_an_activity_s_hours_table_is_at_the_size_of_the_text(page: Page, site_url: str) -> None:
    page.goto(site_url + "/activites/judo-eveil-initiation/")
    sizes = page.evaluate(
        "() => [getComputedStyle(document.querySelector('article table td')).fontSize,"
        " getComputedStyle(document.querySelector('.md-content .md-typeset')).fontSize]"
    )
    assert sizes[0] == sizes[1], sizes


def test_the_menu_s_groups_show_their_links_on_a_phone(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "/inclusion/")
    page.locator("[data-pc-menu]").click()
    page.wait_for_timeout(400)
    for group, link in [
        ("Pour les familles", "Trouver une activité"),
        ("Le projet éducatif", "Le PEDT, axe par axe"),
        ("Écoles et partenaires", "Données ouvertes"),
    ]:
        title = page.locator(".pc-rubrique__titre", has_text=group)
        assert title.is_visible(), group
        assert page.locator(".pc-rubrique__liens a", has_text=link).first.is_visible(), link


def test_texts_the_finder_writes_keep_their_no_break_spaces(page: Page, site_url: str) -> None:
    page.goto(site_url + "/activites/?age=8")
    page.wait_for_function("document.documentElement.classList.contains('pc-finder-pret')")
    chip = page.locator("[data-finder-puces] button").first.text_content() or ""
    assert "8\u00a0ans" in chip, repr(chip)
