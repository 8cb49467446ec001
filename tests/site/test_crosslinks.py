"""Cross-links of the built sample site, each kind checked against the data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import sample_catalogue, site_pages
from macros.data.catalogue import AGE_BANDS, TEMPS_LABELS
from macros.present.finder import form_options, matches_query, parse_query

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return sample_catalogue()


def links(site: Path, path: str) -> set[str]:
    """Every internal link of the page's main content, as site paths with their anchor."""
    html = (site / path.strip("/") / "index.html").read_text(encoding="utf-8")
    body = html.split('class="md-content"', 1)[1].split('class="pc-maj"', 1)[0]
    out = set()
    for href in re.findall(r'href="([^"]+)"', body):
        url = urlsplit(urljoin("http://site" + path, href))
        if url.netloc == "site":
            out.add(url.path + (f"#{url.fragment}" if url.fragment else ""))
    return out


def test_activity_links_to_its_objectives_referent_service_and_quartier(
    sample_site: Path, catalogue: Catalogue
) -> None:
    for slug, act in catalogue.activites.items():
        found = links(sample_site, f"/activites/{slug}/")
        for oid in act.objectifs:
            axe, _ = catalogue.objectifs[oid]
            assert f"/pedt/{axe.id}/#{oid}" in found, (slug, oid)
        assert f"/contacts/{act.contact}/" in found, slug
        handicap = catalogue.referent_handicap(act)
        if handicap is not None:  # named in the accessibility block
            assert f"/contacts/{handicap.id}/" in found, slug
        assert f"/contacts/#service-{act.service}" in found, slug
        if act.lieu.quartier in catalogue.quartiers:  # « toute-la-ville » has no page of its own
            assert f"/activites/quartier/{act.lieu.quartier}/" in found, slug
        else:
            assert not any(p.startswith("/activites/quartier/") for p in found), slug
        assert f"/activites/categorie/{act.categorie}/" in found, slug


def test_each_objective_lists_exactly_the_activities_serving_it(
    sample_site: Path, catalogue: Catalogue
) -> None:
    for axe in catalogue.pedt.axes:
        html = (sample_site / "pedt" / axe.id / "index.html").read_text(encoding="utf-8")
        for objectif in axe.objectifs:
            section = html.split(f'id="{objectif.id}-activites"', 1)[1].split("</ul>", 1)[0]
            listed = set(re.findall(r'href="\.\./\.\./activites/([a-z0-9-]+)/"', section))
            expected = {s for s, a in catalogue.activites.items() if objectif.id in a.objectifs}
            assert listed == expected, objectif.id


def test_each_contact_page_lists_the_activities_it_follows(
    sample_site: Path, catalogue: Catalogue
) -> None:
    for ident in catalogue.referents:
        found = links(sample_site, f"/contacts/{ident}/")
        listed = {p.split("/")[2] for p in found if re.fullmatch(r"/activites/[a-z0-9-]+/", p)}
        expected = {
            s
            for s, a in catalogue.activites.items()
            if a.contact == ident or getattr(catalogue.referent_handicap(a), "id", None) == ident
        }
        assert listed == expected, ident
        assert (sample_site / "contacts" / f"{ident}.vcf").is_file()


def test_every_service_anchor_exists_on_the_directory(
    sample_site: Path, catalogue: Catalogue
) -> None:
    html = (sample_site / "contacts" / "index.html").read_text(encoding="utf-8")
    for act in catalogue.activites.values():
        assert f'id="service-{act.service}"' in html


def _listed(site: Path, path: str) -> set[str]:
    found = links(site, path)
    return {p.split("/")[2] for p in found if re.fullmatch(r"/activites/[a-z0-9-]+/", p)}


def test_facet_pages_list_the_right_activities(sample_site: Path, catalogue: Catalogue) -> None:
    acts = catalogue.activites
    for ident in catalogue.quartiers:
        want = {s for s, a in acts.items() if a.lieu.quartier in {ident, "toute-la-ville"}}
        assert _listed(sample_site, f"/activites/quartier/{ident}/") == want, ident
    for ident in catalogue.categories:
        want = {s for s, a in acts.items() if a.categorie == ident}
        assert _listed(sample_site, f"/activites/categorie/{ident}/") == want, ident
    for ident in TEMPS_LABELS:
        want = {s for s, a in acts.items() if ident in a.temps}
        assert _listed(sample_site, f"/activites/temps/{ident}/") == want, ident
    for band, _, first, last in AGE_BANDS:
        want = {
            s
            for s, a in acts.items()
            if a.public.age_min is not None
            and a.public.age_max is not None
            and a.public.age_min <= last
            and a.public.age_max >= first
        }
        assert want, band
        assert _listed(sample_site, f"/activites/age/{band}/") == want, band


def test_breadcrumbs_lead_back_to_the_section(sample_site: Path, catalogue: Catalogue) -> None:
    slug = next(iter(catalogue.activites))
    html = (sample_site / "activites" / slug / "index.html").read_text(encoding="utf-8")
    crumb = html.split('aria-label="Fil d’Ariane"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="([^"]+)"', crumb) == ["../..", "../"]
    assert 'aria-current="page">' + catalogue.activites[slug].titre.replace("'", "&#39;") in crumb


def test_every_page_says_when_it_was_updated(sample_site: Path) -> None:
    for path in site_pages(sample_site):
        html = (sample_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        assert re.search(r'Mis à jour le <time datetime="\d{4}-\d{2}-\d{2}">', html), path


def test_each_choice_of_the_finder_has_its_page_without_javascript(
    sample_site: Path, catalogue: Catalogue
) -> None:
    """A facet page lists what the finder shows for the same choice (one rule for both),
    and the finder links to it: the same answers with JavaScript off."""
    finder = (sample_site / "activites" / "index.html").read_text(encoding="utf-8")
    pages = [(kind, value, f"{kind}={value}") for kind in ("quand", "moment", "prix", "acces")
             for value, _ in form_options(catalogue)[kind]]  # fmt: skip
    pages += [("accessibilite", case, f"{case}=1") for case in ("fauteuil", "handicap", "adaptee")]
    assert len(pages) == 23
    for kind, value, query in pages:
        parsed = parse_query(query, catalogue)
        want = {s for s, a in catalogue.activites.items() if matches_query(a, catalogue, parsed)}
        assert _listed(sample_site, f"/activites/{kind}/{value}/") == want, query
        assert f'href="../activites/{kind}/{value}/"' in finder, query


def test_a_facet_page_offers_the_finder_with_its_choice_made(
    sample_site: Path, catalogue: Catalogue
) -> None:
    """« Affiner cette liste » opens the finder on the same list (its parameter read by
    finder.js and by parse_query), for the quartiers, the « Quand ? » and wheelchair access."""
    pages = [("quartier", q, f"quartier={q}") for q in catalogue.quartiers]
    pages += [("quand", "mercredi", "quand=mercredi"), ("accessibilite", "fauteuil", "fauteuil=1")]
    for kind, ident, query in pages:
        html = (sample_site / "activites" / kind / ident / "index.html").read_text("utf-8")
        (href,) = re.findall(r'href="([^"]+)">Affiner cette liste', html)
        url = urlsplit(urljoin(f"http://site/activites/{kind}/{ident}/", href))
        assert (url.path, url.query) == ("/activites/", query), (kind, ident)
        params = parse_query(url.query, catalogue)
        facet = {"quartier": params.quartier, "quand": params.quand}.get(kind, params.fauteuil)
        assert facet in (ident, True), (kind, ident, params)
