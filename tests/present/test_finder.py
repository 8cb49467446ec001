"""The finder's rule in Python (the reference finder.js is tested against), on the fixture.

The expected activities are read off the two fixture files by hand: judo
(6-11 ans, mercredi, centre-ville, quotient familial, accueil handicap) and
éveil musical (0-3 ans et parents, samedi, le port, gratuit).
"""

from __future__ import annotations

import gzip
from urllib.parse import urlencode

import pytest

from conftest import FIXTURES, ROOT, sample_catalogue
from macros.data.loader import load_catalogue
from macros.present.finder import FinderQuery, matches_query, option_counts

MINI = load_catalogue(FIXTURES / "mini")
SAMPLE = sample_catalogue()


def _found(query: FinderQuery) -> set[str]:
    return {s for s, a in MINI.activites.items() if matches_query(a, MINI, query)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (FinderQuery(), {"judo", "eveil-musical"}),
        (FinderQuery(age=6), {"judo"}),
        (FinderQuery(age=11), {"judo"}),
        (FinderQuery(age=12), set()),
        (FinderQuery(age=0), {"eveil-musical"}),
        (FinderQuery(categorie="sport"), {"judo"}),
        (FinderQuery(temps="week-end"), {"eveil-musical"}),
        (FinderQuery(jour="mercredi"), {"judo"}),
        (FinderQuery(jour="lundi"), set()),
        (FinderQuery(quartier="le-port"), {"eveil-musical"}),
        (FinderQuery(gratuit=True), {"eveil-musical"}),
        (FinderQuery(handicap=True), {"judo"}),
        (FinderQuery(q="DOJO"), {"judo"}),  # case
        (FinderQuery(q="eveil"), {"eveil-musical"}),  # accents: « Éveil »
        (FinderQuery(q="sport centre"), {"judo"}),  # category and quartier labels
        (FinderQuery(q="judo conservatoire"), set()),  # every word must match
        (FinderQuery(age=8, gratuit=True), set()),
        (FinderQuery(age=8, jour="mercredi", handicap=True), {"judo"}),
    ],
    ids=lambda v: (
        ",".join(sorted(v)) or "aucune"
        if isinstance(v, set)
        else urlencode({k: x for k, x in vars(v).items() if x != getattr(FinderQuery(), k)})
    ),
)
def test_each_filter_keeps_the_activities_that_match_it(
    query: FinderQuery, expected: set[str]
) -> None:
    assert _found(query) == expected


def test_the_option_counts_are_those_of_the_fixture() -> None:
    assert option_counts(MINI) == {
        "categorie": {"sport": 1, "arts-culture": 1},
        "temps": {"mercredi": 1, "week-end": 1},
        "jour": {"mercredi": 1, "samedi": 1},
        "quartier": {"centre-ville": 1, "le-port": 1},
        "cases": {"gratuit": 1, "handicap": 1, "ouvertes": 0},  # the fixture's year is over
    }


def test_each_option_count_is_what_choosing_that_option_would_show() -> None:
    """Two ways to the same figure: the counts drawn on the page and the filter itself."""
    counts = option_counts(SAMPLE)
    for name in ("categorie", "temps", "jour", "quartier"):
        for value, count in counts[name].items():
            query = FinderQuery(**{name: value})  # type: ignore[arg-type]
            shown = [a for a in SAMPLE.activites.values() if matches_query(a, SAMPLE, query)]
            assert len(shown) == count, (name, value)
    for case in ("gratuit", "handicap", "ouvertes"):
        query = FinderQuery(**{case: True})  # type: ignore[arg-type]
        shown = [a for a in SAMPLE.activites.values() if matches_query(a, SAMPLE, query)]
        assert len(shown) == counts["cases"][case], case


FINDER_BUDGET = 6 * 1024
"""Bytes of finder.js, gzipped, that every visit of /activites/ downloads (4.2 KB when set)."""


def test_the_finder_script_stays_small() -> None:
    script = (ROOT / "docs" / "assets" / "finder.js").read_bytes()
    size = len(gzip.compress(script))
    assert size <= FINDER_BUDGET, (
        f"finder.js pèse {size} octets compressés, au-delà des {FINDER_BUDGET} prévus : "
        "allégez-le, ou relevez le budget en le justifiant (make bench mesure /activites/)."
    )
