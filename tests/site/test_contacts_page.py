"""/contacts/ by need, emergency numbers to tap, addresses on a map, labels said once (#17, part 3)."""

from __future__ import annotations

import html as htmlib
import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from conftest import ROOT, built_page, page_article, plain, site_pages
from macros.data.loader import load_catalogue
from macros.render import courriel, plan

if TYPE_CHECKING:
    from pathlib import Path

CATALOGUE = load_catalogue(ROOT)


def test_contacts_opens_with_the_emergencies_then_whom_to_call_for_each_need(
    sample_site: Path,
) -> None:
    body = page_article(built_page(sample_site, "/contacts/"))
    headings = [htmlib.unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", body)]
    assert headings[:2] == ["Qui contacter pour…", "Tous les contacts, par service"]
    assert body.index("pc-urgences") < body.index('id="qui-contacter-pour"')
    besoins = body.split('id="qui-contacter-pour"', 1)[1].split("Tous les contacts", 1)[0]
    assert len(CATALOGUE.besoins) >= 5
    positions = []
    for besoin in CATALOGUE.besoins:
        item = besoins.split(f'<li id="{besoin.id}">', 1)[1].split('<li id="', 1)[0]
        assert f"<h3>{besoin.titre}</h3>" in plain(htmlib.unescape(item))
        for ident in besoin.contacts:
            ref = CATALOGUE.referents[ident]
            assert f'href="tel:{ref.telephone.replace(" ", "")}"' in item, (besoin.id, ident)
            assert f'href="../contacts/{ident}/"' in item
        positions.append(besoins.index(f'<li id="{besoin.id}">'))
    assert positions == sorted(positions), "in the order of referents.yml"


def test_the_needs_the_issue_names_have_someone_to_call() -> None:
    titles = " ".join(b.titre for b in CATALOGUE.besoins).casefold()
    for need in ("inscrire mon enfant", "handicap", "difficulté à l'école", "16-25 ans"):
        assert need in titles, need


def test_an_emergency_number_is_a_link_to_call_wherever_a_page_says_it(sample_site: Path) -> None:
    numbers = [r.telephone or "" for _, r in CATALOGUE.urgences()]
    assert sorted(numbers) == ["119", "3018"]
    for path in site_pages(sample_site):
        page = built_page(sample_site, path)
        if "<article" not in page:
            continue
        text = re.sub(r"<[^>]+>", " ", page_article(page))
        for number in numbers:
            if re.search(rf"(?<![\d ]){number}(?![\d])", text):
                assert f'href="tel:{number}"' in page, (path, number)
    for path in ("/contacts/", "/parentalite/"):
        box = page_article(built_page(sample_site, path)).split('class="admonition danger pc-urgences"', 1)[1]
        box = box.split("</div>", 1)[0]
        assert "En cas d'urgence" in htmlib.unescape(box)
        for number in numbers:
            assert f'<a class="pc-appel" href="tel:{number}">Appeler le {number}</a>' in box


def test_a_contact_card_says_each_label_once(sample_site: Path) -> None:
    for path in ["/contacts/", *(f"/contacts/{ident}/" for ident in CATALOGUE.referents)]:
        text = htmlib.unescape(re.sub(r"<[^>]+>", "", page_article(built_page(sample_site, path))))
        repeated = re.findall(r"^\s*([^\n–]{3,}?) – \1\s*$", text, flags=re.M)
        assert repeated == [], path
    rge = built_page(sample_site, "/contacts/referent-handicap-rge/")
    assert "Service RGE – " not in htmlib.unescape(rge)


def test_an_email_address_wraps_after_the_at_sign_or_before_a_dot_only() -> None:
    assert str(courriel("referent.inclusion@example.org")) == (
        "referent<wbr>.inclusion@<wbr>example<wbr>.org"
    )
    assert str(courriel('a"b@x<y>.fr')) == "a&#34;b@<wbr>x&lt;y&gt;<wbr>.fr"


def test_addresses_open_on_a_map_by_a_plain_outbound_link(sample_site: Path) -> None:
    ref = CATALOGUE.referents["referent-inclusion"]
    page = built_page(sample_site, "/contacts/referent-inclusion/")
    link = re.search(r'<a href="(https://www\.openstreetmap\.org/search\?[^"]+)" rel="external">', page)
    assert link is not None
    query = parse_qs(urlsplit(htmlib.unescape(link[1])).query)["query"]
    assert query == [ref.adresse]  # the address already names the commune
    assert plan("2 rue Haute", "Ville d'Exemple").endswith("2%20rue%20Haute%2C%20Ville%20d%27Exemple")
    activity = built_page(sample_site, "/activites/judo-eveil-initiation/")
    assert "Voir sur un plan (OpenStreetMap)" in activity
    # A link only: no page loads anything from OpenStreetMap.
    for path in site_pages(sample_site):
        page = built_page(sample_site, path)
        assert not re.search(r'(src|srcset|data)="https://[^"]*openstreetmap', page), path
