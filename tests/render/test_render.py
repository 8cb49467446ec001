"""Rendered fragments against golden files, and escaping of hostile Markdown."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from conftest import FIXTURES, GOLDEN, sample_catalogue
from macros.data.loader import load_catalogue
from macros.data.models import Periode, Public, Tarif
from macros.present.formatting import (
    date_fr,
    heure_fr,
    periode_fr,
    public_fr,
    quand_court_fr,
    tarif_fr,
)
from macros.render import json_ld, markdown, render


def _golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    assert path.read_text(encoding="utf-8") == actual + "\n", f"voir {path}"


def test_activity_cards_match_the_golden_file() -> None:
    catalogue = load_catalogue(FIXTURES / "mini")
    html = render(
        "cartes_activites.html", c=catalogue, activites=catalogue.sorted_activites(), base="../"
    )
    _golden("cartes_activites.html", str(html))


@pytest.mark.parametrize(
    ("value", "expected"),
    [(date(2025, 9, 1), "1er septembre 2025"), (date(2026, 2, 14), "14 février 2026")],
)
def test_dates_in_french(value: date, expected: str) -> None:
    assert date_fr(value) == expected


@pytest.mark.parametrize(
    ("debut", "fin", "expected"),
    [
        (date(2027, 2, 15), date(2027, 2, 19), "Du 15 au 19 février 2027"),
        (date(2027, 2, 22), date(2027, 3, 5), "Du 22 février au 5 mars 2027"),
        (date(2026, 9, 1), date(2027, 7, 2), "Du 1er septembre 2026 au 2 juillet 2027"),
        (date(2027, 1, 30), date(2027, 1, 30), "Le 30 janvier 2027"),
    ],
)
def test_periods_in_french(debut: date, fin: date, expected: str) -> None:
    assert periode_fr(Periode(debut=debut, fin=fin)) == expected


def test_a_card_says_the_dates_of_a_holiday_camp_not_of_a_school_year() -> None:
    c = sample_catalogue()
    told = {slug: quand_court_fr(a)[0] for slug, a in c.activites.items() if a.horaires}
    short = {s for s, a in c.activites.items() if (a.periode.fin - a.periode.debut).days < 120}
    assert {s for s, line in told.items() if line.startswith(("Du ", "Le "))} == short & set(told)
    assert told.keys() - short, "a school-year activity shows its hours first"
    assert told.keys() & short, "the sample has a holiday camp"


def test_times_in_french() -> None:
    assert (heure_fr("14:00"), heure_fr("09:30")) == ("14 h", "9 h 30")


def test_audience_and_prices_in_french() -> None:
    assert public_fr(Public(age_min=0, age_max=3, parents=True)) == "Jusqu'à 3 ans et parents"
    assert public_fr(Public(age_min=6, age_max=11)) == "6 à 11 ans"
    paid = Tarif(type="payant", montant=Decimal("12.5"))
    assert tarif_fr(paid) == "12,50 €"
    assert tarif_fr(Tarif(type="gratuit")) == "Gratuit"


def test_markdown_never_lets_html_through() -> None:
    html = str(
        markdown(
            "<script>alert(1)</script>\n\n"
            '<img src=x onerror="alert(1)">\n\n[x](javascript:alert(1))'
        )
    )
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_json_ld_cannot_be_closed_by_a_value() -> None:
    text = str(json_ld({"name": "</script><script>alert(1)</script>"}))
    assert "</script>" not in text and "<" not in text
