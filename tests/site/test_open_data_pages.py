"""The built sample site publishes the exports: the files, the /donnees/ list, JSON-LD, redirections.

What each export holds is checked without a build in ``export/test_export.py``.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pytest
import vobject
from markupsafe import escape

from conftest import plain, sample_catalogue
from macros import export
from macros.export.registry import OPEN_DATA
from macros.present.formatting import taille_fr

if TYPE_CHECKING:
    from pathlib import Path

    from macros.data.catalogue import Catalogue

pytestmark = pytest.mark.slow
CATALOGUE: Catalogue = sample_catalogue()


def test_the_site_publishes_each_open_data_file_as_its_producer_writes_it(
    sample_site: Path,
) -> None:
    for entry in OPEN_DATA:
        published = (sample_site / entry.path).read_bytes()
        assert published == entry.produce(CATALOGUE).encode("utf-8"), entry.path
    for slug in CATALOGUE.activites:
        ics = (sample_site / "activites" / f"{slug}.ics").read_bytes()
        assert ics == export.activite_ics(CATALOGUE, slug).encode("utf-8"), slug


def test_the_open_data_page_lists_every_file_with_its_description_and_real_size(
    sample_site: Path,
) -> None:
    html = plain((sample_site / "donnees" / "index.html").read_text(encoding="utf-8"))
    rows = re.findall(
        r'<th scope="row"><a href="\.\./([^"]+)" download>([^<]+)</a></th>\s*'
        r"<td>([^<]*)</td>\s*<td>([^<]*)</td>",
        html,
    )
    assert rows == [
        (
            entry.path,
            entry.path.rsplit("/", 1)[-1],
            str(escape(entry.description)),
            taille_fr((sample_site / entry.path).stat().st_size),
        )
        for entry in OPEN_DATA
    ]
    assert "Licence Ouverte 2.0" in html
    assert 'href="../donnees/schemas/activite.schema.json"' in html


def _json_ld(html: str) -> dict[str, Any]:
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data: dict[str, Any] = json.loads(script)
    return data


def test_activity_pages_carry_schema_org_events(sample_site: Path) -> None:
    for slug, act in CATALOGUE.activites.items():
        data = _json_ld(
            (sample_site / "activites" / slug / "index.html").read_text(encoding="utf-8")
        )
        assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
        assert data["name"] == act.titre
        assert data["startDate"] == act.periode.debut.isoformat()
        assert data["location"]["@type"] == "Place" and data["location"]["name"] == act.lieu.nom
        assert data["audience"]["suggestedMinAge"] == act.public.age_min
        assert data["offers"]["priceCurrency"] == "EUR"
        assert float(data["offers"]["price"]) == float(act.tarif.montant or 0)
        assert data["isAccessibleForFree"] == (act.tarif.type == "gratuit")


def test_contact_pages_carry_schema_org_contact_points_and_a_card(sample_site: Path) -> None:
    for ident, ref in CATALOGUE.referents.items():
        data = _json_ld(
            (sample_site / "contacts" / ident / "index.html").read_text(encoding="utf-8")
        )
        assert data["@type"] == "ContactPoint"
        assert (data["telephone"], data["email"]) == (ref.telephone, ref.email)
        card = vobject.readOne((sample_site / "contacts" / f"{ident}.vcf").read_text("utf-8"))
        assert (card.tel.value, card.email.value) == (ref.telephone, ref.email)


def test_a_redirection_page_points_to_the_new_address(sample_site: Path) -> None:
    assert CATALOGUE.redirections
    for redirection in CATALOGUE.redirections:
        html = (sample_site / redirection.de.strip("/") / "index.html").read_text(encoding="utf-8")
        target = "../" * (redirection.de.strip("/").count("/") + 1) + redirection.vers.lstrip("/")
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in html
        assert (sample_site / redirection.vers.strip("/") / "index.html").is_file()
