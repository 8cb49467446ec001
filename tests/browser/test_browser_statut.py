"""A page built one day says the truth the day it is read: statut.js against the Python rule.

The browser's clock is frozen on days before, inside and after every registration
window of the sample (and around its periods). On each day, every card of
/activites/ must say what :func:`macros.present.statut.statut` says for that day;
the finder's « Inscriptions ouvertes » filter and its two date orders must be those
of :mod:`macros.present.finder`. Without JavaScript, the build day's status stays.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from conftest import ROOT
from macros.data.loader import load_catalogue
from macros.present.finder import FinderQuery, matches_query, sort_key
from macros.present.statut import build_day, dates_inscription, statut

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

CATALOGUE = load_catalogue(ROOT)


def _window_days() -> list[date]:
    """The day before, of and after each opening, deadline, start and end of the sample."""
    edges: set[date] = set()
    for act in CATALOGUE.activites.values():
        ins = act.inscription
        for day in (ins.ouverture if ins else None, ins.date_limite if ins else None):
            if day is not None:
                edges.add(day)
        edges.update((act.periode.debut, act.periode.fin))
    days = {edge + timedelta(days=shift) for edge in edges for shift in (-1, 0, 1)}
    return sorted(days)


DAYS = _window_days()


def test_the_days_cover_every_status_of_the_rule() -> None:
    seen = {statut(a, d).code for d in DAYS for a in CATALOGUE.activites.values()}
    assert {"terminee", "libre", "complet", "closes", "bientot", "ouvertes"} <= seen


@pytest.fixture(scope="module")
def frozen(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", bypass_csp=True)
    yield context.new_page()
    context.close()


def _open_on(page: Page, url: str, day: date) -> None:
    page.clock.set_fixed_time(datetime(day.year, day.month, day.day, 12, 0))
    page.goto(url)
    page.wait_for_function("document.documentElement.classList.contains('pc-finder-pret')")


CARDS = """() => Array.from(document.querySelectorAll("[data-finder-liste] > li"), (li) => {
  const st = li.querySelector("[data-statut]");
  return [li.dataset.slug, st.dataset.statut, st.querySelector("[data-statut-texte]").textContent];
})"""


def test_every_card_says_the_status_of_the_day_it_is_read(frozen: Page, site_url: str) -> None:
    wrong = []
    for day in DAYS:
        _open_on(frozen, site_url + "/activites/", day)
        for slug, code, text in frozen.evaluate(CARDS):
            want = statut(CATALOGUE.activites[slug], day)
            if (code, text) != (want.code, want.texte):
                wrong.append((day.isoformat(), slug, code, text, want.texte))
    assert not wrong, wrong[:5]


def test_the_activity_page_offers_to_register_only_while_it_is_open(
    frozen: Page, site_url: str
) -> None:
    slug, act = next(
        (s, a) for s, a in CATALOGUE.activites.items()
        if a.inscription and a.inscription.url and a.inscription.date_limite
        and a.inscription.ouverture
    )  # fmt: skip
    ins = act.inscription
    assert ins is not None and ins.ouverture is not None and ins.date_limite is not None
    for day, shown in (
        (ins.ouverture - timedelta(days=1), False),
        (ins.ouverture, True),
        (ins.date_limite, True),
        (ins.date_limite + timedelta(days=1), False),
    ):
        frozen.clock.set_fixed_time(datetime(day.year, day.month, day.day, 12, 0))
        frozen.goto(f"{site_url}/activites/{slug}/")
        frozen.wait_for_function("window.ParcoursStatut !== undefined")
        status = frozen.locator("main [data-statut]")
        assert status.locator("[data-statut-texte]").inner_text() == statut(act, day).texte
        assert frozen.get_by_role("link", name="s’inscrire").is_visible() is shown, day


def test_the_open_filter_keeps_what_one_can_join_on_the_day(frozen: Page, site_url: str) -> None:
    query = FinderQuery(ouvertes=True)
    for day in DAYS[::3]:
        _open_on(frozen, site_url + "/activites/?ouvertes=1", day)
        shown = frozen.evaluate(
            """() => { const m = document.querySelector("[data-finder-plus]");
                       while (m && !m.hidden) m.click();
                       return Array.from(document.querySelectorAll(
                         "[data-finder-liste] > li:not([hidden])"), (li) => li.dataset.slug); }"""
        )
        want = {
            s for s, a in CATALOGUE.activites.items() if matches_query(a, CATALOGUE, query, day)
        }
        assert set(shown) == want, day


@pytest.mark.parametrize("tri", ["limite", "prochaine", "", "titre"])
def test_the_date_orders_sort_as_the_python_rule(frozen: Page, site_url: str, tri: str) -> None:
    orders = set()
    for day in DAYS[::4]:
        _open_on(frozen, f"{site_url}/activites/?tri={tri}", day)
        order = frozen.evaluate(
            "() => Array.from(document.querySelectorAll('[data-finder-liste] > li'),"
            " (li) => li.dataset.slug)"
        )
        acts = CATALOGUE.activites
        assert order == sorted(acts, key=lambda s: sort_key(acts[s], tri, day)), day
        orders.add(tuple(order))
    if tri == "titre":
        assert len(orders) == 1, "by title, the order is the same every day"
    else:
        assert len(orders) > 1, "the order changes with the day"


def test_without_javascript_the_build_days_status_stays(browser: Browser, site_url: str) -> None:
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "/activites/")
        cards = page.eval_on_selector_all(
            "[data-finder-liste] > li",
            "lis => lis.map((li) => [li.dataset.slug,"
            " li.querySelector('[data-statut-texte]').textContent])",
        )
    finally:
        context.close()
    day = build_day()
    assert cards and all(text == statut(CATALOGUE.activites[s], day).texte for s, text in cards)


def test_the_agenda_hides_the_dates_already_past(frozen: Page, site_url: str) -> None:
    days = sorted({d.jour for d in dates_inscription(CATALOGUE, since=build_day())})
    assert len(days) >= 2
    later = days[1] + timedelta(days=1)  # read after the first two dates
    frozen.clock.set_fixed_time(datetime(later.year, later.month, later.day, 12, 0))
    frozen.goto(site_url + "/inscriptions/")
    frozen.wait_for_function("window.ParcoursStatut !== undefined")
    for day in days:
        section = frozen.locator(f'[data-agenda-jour="{day.isoformat()}"]')
        assert section.is_visible() is (day >= later), day
