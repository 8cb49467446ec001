"""Rendered fragments against golden files, and escaping of hostile Markdown."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from conftest import FIXTURES, GOLDEN
from macros.data.loader import load_catalogue
from macros.data.models import Public, Tarif
from macros.present.formatting import date_fr, heure_fr, public_fr, tarif_fr
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
