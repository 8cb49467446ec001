"""The finder's rule in Python (the reference finder.js is tested against), on the fixture.

The expected activities are read off the two fixture files by hand: judo
(6-11 ans, mercredi après-midi, centre-ville, quotient familial from 30 €, accueil
handicap, accessible en fauteuil) and éveil musical (0-3 ans et parents, samedi
matin, le port, gratuit).
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
        (FinderQuery(quand="week-end"), {"eveil-musical"}),
        (FinderQuery(quand="mercredi"), {"judo"}),
        (FinderQuery(quand="lundi"), set()),
        (FinderQuery(moment="apres-midi"), {"judo"}),
        (FinderQuery(moment="matin"), {"eveil-musical"}),
        (FinderQuery(moment="soir"), set()),
        (FinderQuery(prix="gratuit"), {"eveil-musical"}),
        (FinderQuery(prix="50"), {"eveil-musical", "judo"}),  # judo: from 30 €
        (FinderQuery(acces="inscription"), {"judo", "eveil-musical"}),
        (FinderQuery(acces="libre"), set()),
        (FinderQuery(fauteuil=True), {"judo"}),
        (FinderQuery(adaptee=True), set()),
        (FinderQuery(quartier="le-port"), {"eveil-musical"}),
        (FinderQuery(handicap=True), {"judo"}),
        (FinderQuery(q="DOJO"), {"judo"}),  # case
        (FinderQuery(q="eveil"), {"eveil-musical"}),  # accents: « Éveil »
        (FinderQuery(q="sport centre"), {"judo"}),  # category and quartier labels
        (FinderQuery(q="judo conservatoire"), set()),  # every word must match
        (FinderQuery(age=8, prix="gratuit"), set()),
        (FinderQuery(age=8, quand="mercredi", handicap=True), {"judo"}),
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
        "quand": {"mercredi": 1, "week-end": 1},
        "moment": {"apres-midi": 1, "matin": 1},
        "categorie": {"sport": 1, "arts-culture": 1},
        "quartier": {"centre-ville": 1, "le-port": 1},
        "prix": {"gratuit": 1, "50": 2, "100": 2},
        "acces": {"inscription": 2},
        # the fixture's year is over: nothing to join
        "cases": {"ouvertes": 0, "fauteuil": 1, "handicap": 1, "adaptee": 0},
    }


def test_each_option_count_is_what_choosing_that_option_would_show() -> None:
    """Two ways to the same figure: the counts drawn on the page and the filter itself."""
    counts = option_counts(SAMPLE)
    for name in ("quand", "moment", "categorie", "quartier", "prix", "acces"):
        for value, count in counts[name].items():
            query = FinderQuery(**{name: value})  # type: ignore[arg-type]
            shown = [a for a in SAMPLE.activites.values() if matches_query(a, SAMPLE, query)]
            assert len(shown) == count, (name, value)
    for case in ("ouvertes", "fauteuil", "handicap", "adaptee"):
        query = FinderQuery(**{case: True})  # type: ignore[arg-type]
        shown = [a for a in SAMPLE.activites.values() if matches_query(a, SAMPLE, query)]
        assert len(shown) == counts["cases"][case], case


FINDER_BUDGET = 7 * 1024
"""Bytes of finder.js, gzipped, that every visit of /activites/ downloads (4.2 KB when set;
6.0 KB with the facets, chips and « Filtrer » disclosure of #16)."""


def test_the_finder_script_stays_small() -> None:
    script = (ROOT / "docs" / "assets" / "finder.js").read_bytes()
    size = len(gzip.compress(script))
    assert size <= FINDER_BUDGET, (
        f"finder.js pèse {size} octets compressés, au-delà des {FINDER_BUDGET} prévus : "
        "allégez-le, ou relevez le budget en le justifiant (make bench mesure /activites/)."
    )
