"""/inscriptions/: what one can register for now and the coming dates; linked from every page."""

from __future__ import annotations

import html as htmlib
import re
from urllib.parse import urljoin
from typing import TYPE_CHECKING

import pytest

from conftest import ROOT, plain, site_pages
from macros.data.loader import load_catalogue
from macros.present.finder import ouvertes
from macros.present.statut import build_day, dates_inscription

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

CATALOGUE = load_catalogue(ROOT)


def _text(page: Path) -> str:
    return plain(htmlib.unescape(page.read_text(encoding="utf-8")))


def test_the_agenda_lists_each_coming_date_and_what_is_open_now(sample_site: Path) -> None:
    today = build_day()
    page = _text(sample_site / "inscriptions" / "index.html")
    now, coming = page.split('id="prochaines-dates"', 1)
    open_now = ouvertes(CATALOGUE, today)
    assert open_now, "the sample has registrations open today"
    for slug, _act in open_now:
        assert f'data-slug="{slug}"' in now, slug
    days = re.findall(r'data-agenda-jour="([0-9-]{10})"', coming)
    want = dates_inscription(CATALOGUE, since=today)
    assert days == sorted({d.jour.isoformat() for d in want})
    for d in want:
        section = coming.split(f'data-agenda-jour="{d.jour.isoformat()}"', 1)[1]
        section = section.split("</section>", 1)[0]
        assert f"{d.texte} : " in section and d.act.titre in section
    assert 'href="../donnees/inscriptions.ics"' in coming


def test_every_page_links_the_agenda_and_the_news_feed(sample_site: Path) -> None:
    for path in site_pages(sample_site):
        text = (sample_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
        if path == "/integrer/":
            continue  # the header- and footer-less list other sites embed
        footer = text.split('class="md-footer pc-pied"', 1)[1].split("</footer>", 1)[0]
        targets = {urljoin(path, href) for href in re.findall(r'href="([^"]+)"', footer)}
        assert {"/inscriptions/", "/donnees/inscriptions.ics", "/flux.xml"} <= targets, path


def test_the_home_page_shows_what_is_open_now(sample_site: Path) -> None:
    page = _text(sample_site / "index.html")
    block = page.split('id="inscriptions-ouvertes-en-ce-moment"', 1)[1].split("<h2", 1)[0]
    shown = re.findall(r'href="activites/([^/"]+)/"', block)
    assert shown == [slug for slug, _ in ouvertes(CATALOGUE, build_day())[:5]]
    assert 'href="inscriptions/"' in block
