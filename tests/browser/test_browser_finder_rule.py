"""finder.js keeps exactly the activities the site's one selection rule keeps, for every parameter.

``docs/assets/finder.js`` is the only copy of :mod:`macros.data.selection`
outside Python. Each address below is opened in Chromium, on the finder and on
the embeddable list; the activities one can reach there must be those
:func:`macros.present.finder.parse_query` and the rule select in Python.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, quote, urlencode

import pytest

from conftest import ROOT
from macros.data.catalogue import ACCES_COURTS
from macros.data.loader import load_catalogue
from macros.data.selection import JOURS, MOMENTS, PRIX, QUAND_LABELS
from macros.present.finder import PARAMETERS, matches_query, parse_query

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

    from macros.data.catalogue import Catalogue

pytestmark = pytest.mark.browser

CATALOGUE: Catalogue = load_catalogue(ROOT)
EVERY = set(CATALOGUE.activites)
PAGES = ["/activites/", "/integrer/"]


def expected(query: str) -> set[str]:
    """What the Python rule keeps for an address's query string."""
    parsed = parse_query(query, CATALOGUE)
    return {s for s, a in CATALOGUE.activites.items() if matches_query(a, CATALOGUE, parsed)}


def _q(**params: str) -> str:
    return urlencode(params, quote_via=quote)


WORDS = (
    "judo", "JUDO", "Judo Éveil", "éveil", "EVEIL", "Théâtre", "THEATRE", "bébés",
    "bebes nageurs", "nageurs bebes", "  musique   coteaux  ", "chœur", "CHŒUR",
    "ﬁlles", "ｊｕｄｏ", "3d", "100 %", "d'ete", "zzzz", "   ", "stage\ns",
    "judo\u00a0eveil", "cm1",
)  # fmt: skip
"""Words typed in the finder: case, accents, ligatures, full-width letters, spaces, line break."""
TEMPS = ["scolaire", "periscolaire", "mercredi", "vacances", "week-end"]
QUARTIERS = list(CATALOGUE.quartiers)
CASES: dict[str, list[str]] = {
    # Every age, so every band edge (0, 2, 3, 5, 6, 11, 12, 15, 16, 25) and one past the last;
    # then what a number field refuses or the script ignores: the filter is off.
    "age": [_q(age=str(n)) for n in range(27)]
    + ["age=99", "age=08", "age=100", "age=-1", "age=8.5", "age=1e1", "age=abc", "age="]
    + ["age", "age=+8", "age=%208", "age=%EF%BC%98", "age=%D9%A8", "age=4&age=14"],
    "categorie": [_q(categorie=k) for k in CATALOGUE.categories]
    + ["categorie=Sport", "categorie=inconnue", "categorie=", "categorie=sport%20"],
    "quand": [_q(quand=k) for k in QUAND_LABELS] + ["quand=Mercredi", "quand=samedi", "quand="],
    "moment": [_q(moment=k) for k, *_ in MOMENTS] + ["moment=apres%20midi", "moment=nuit"],
    "quartier": [_q(quartier=q) for q in QUARTIERS] + ["quartier=Le-Port", "quartier=nulle-part"],
    "prix": [_q(prix=k) for k, *_ in PRIX] + ["prix=0", "prix=49", "prix=Gratuit"],
    "acces": [_q(acces=k) for k in ACCES_COURTS] + ["acces=libres", "acces=sur%20orientation"],
    "fauteuil": ["fauteuil=1", "fauteuil=0", "fauteuil=oui"],
    "handicap": ["handicap=1", "handicap=0", "handicap=oui"],
    "adaptee": ["adaptee=1", "adaptee=true"],
    "ouvertes": ["ouvertes=1", "ouvertes=0", "ouvertes=oui", "ouvertes=1&age=8"],
    "q": [_q(q=text) for text in WORDS] + ["q=judo+eveil", "q=%", "q=caf%C3", "q=a;b"],
    "tri": ["tri=age", "tri=prochaine", "tri=limite", "tri=inconnu", "tri=age&age=8"],
}
COMBINED = [
    _q(age=age, quand=quand, quartier=quartier)
    for age, quand, quartier in itertools.product(
        ["3", "11", "16"], ["mercredi", "vacances"], QUARTIERS[:2]
    )
] + [
    "age=8&handicap=1&prix=gratuit",
    "age=8&quand=mercredi&moment=apres-midi&prix=50&fauteuil=1",
    "categorie=sport&quand=mercredi&handicap=1&adaptee=1",
    "age=17&categorie=orientation-emploi&q=stage",
    "age=2&categorie=orientation-emploi",
    "age=abc&categorie=sport&quartier=nulle-part",
    "prix=gratuit&q=parents&acces=libre",
    "age=8&acces=inscription&ouvertes=1&moment=soir",
    "quand=week-end&moment=matin&q=Samedi",
    "AGE=8&Categorie=sport&foo=bar",
]
FORMER_CASES = (
    [_q(temps=t) for t in TEMPS] + ["temps=Mercredi", "temps=week%20end"]
    + [_q(jour=j) for j in JOURS] + ["jour=Lundi", "jour=lun", "jour=samedi&temps=vacances"]
    + ["gratuit=1", "gratuit=0", "gratuit=on", "gratuit=1&prix=100", "temps=vacances&quand=lundi"]
)  # fmt: skip
"""Addresses of the former finder (``temps``, ``jour``, ``gratuit``): still read."""
ALL_CASES = [case for cases in CASES.values() for case in cases] + COMBINED + FORMER_CASES


def test_the_cases_cover_every_parameter_of_the_finder() -> None:
    assert set(CASES) == set(PARAMETERS)
    for name, cases in CASES.items():
        assert all(name in dict(parse_qsl(case, keep_blank_values=True)) for case in cases), name


def test_the_cases_can_tell_a_wrong_rule_from_the_right_one() -> None:
    """Each filter narrows the list for some value and is ignored for another."""
    for name in set(PARAMETERS) - {"tri"}:
        results = [expected(case) for case in CASES[name]]
        assert any(r and r < EVERY for r in results), name
        assert any(r == EVERY for r in results), name
    activities = CATALOGUE.activites.values()
    assert any(a.public.age_min is None for a in activities), "une activité sans âge"
    for last, first in [(2, 3), (5, 6), (11, 12), (15, 16)]:  # the bands' edges differ
        assert expected(f"age={last}") != expected(f"age={first}")
    assert not expected("age=26") and not expected("age=2&categorie=orientation-emploi")


@pytest.fixture(scope="module")
def finder_page(browser: Browser) -> Iterator[Page]:
    """One tab for every address (a new context per case would triple the time)."""
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    yield context.new_page()
    context.close()


SHOWN = """() => {
  const more = document.querySelector("[data-finder-plus]");
  while (more && !more.hidden) more.click();
  const form = document.querySelector("[data-finder]");
  const slugs = Array.from(document.querySelectorAll("[data-finder-liste] > li:not([hidden])"),
                           (li) => li.dataset.slug);
  return {slugs, count: Number(form.dataset.resultats)};
}"""


@pytest.mark.parametrize("path", PAGES)
def test_both_pages_carry_the_finders_parameters(
    finder_page: Page, site_url: str, path: str
) -> None:
    finder_page.goto(site_url + path)
    names = finder_page.eval_on_selector_all(
        "[data-finder] [name]", "els => els.map((el) => el.name)"
    )
    assert sorted(names) == sorted(PARAMETERS)  # each once, the form in reading order


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("query", ALL_CASES)
def test_the_page_shows_what_the_rule_selects(
    finder_page: Page, site_url: str, path: str, query: str
) -> None:
    finder_page.goto(f"{site_url}{path}?{query}")
    finder_page.wait_for_function("document.documentElement.classList.contains('pc-finder-pret')")
    shown = finder_page.evaluate(SHOWN)
    want = expected(query)
    assert set(shown["slugs"]) == want
    assert shown["count"] == len(want)
