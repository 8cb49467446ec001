"""Values an editor may write are published inert: no page gains an element or attribute.

Quotes, ampersands, Markdown or HTML syntax in text, spreadsheet formulas,
``javascript:`` written as text (the :data:`corpus.INERT` values): the site is
built twice, once with these values and once with their plain twins, and each
HTML page must hold exactly the same elements and attributes (parsed, not
grepped) — so no value created any. The search index, the PDF and the
published files are checked too; what each export says is checked, without a
build, in ``export/test_export.py``; values no editor means are refused, see
``data/test_hostile_refused.py``.
"""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import urlsplit
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import vobject

from conftest import make_project, plain
from corpus import BREAKOUT, EVIL, FORMULA, inert_data
from macros import export
from macros.data.loader import load_catalogue
from macros.export.registry import OPEN_DATA
from macros.export.vcard import vcard

pytestmark = pytest.mark.slow


def _build(tmp: Path, hostile: bool) -> Path:
    from macros.site.build import build_site

    data = inert_data(tmp, hostile)
    project = make_project(tmp / ("projet-h" if hostile else "projet-n"), data / "data")
    return build_site(project)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("corpus")
    return _build(tmp, hostile=True), _build(tmp, hostile=False)


class _Shape(HTMLParser):
    """Every element of a page with its attribute names (and where a link or image leads)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: Counter[str] = Counter()
        self.urls: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape[tag + "[" + ",".join(sorted(name for name, _ in attrs)) + "]"] += 1
        for name, value in attrs:
            if name in {"href", "src", "action"} and value:
                self.urls.append(value)
            if name == "http-equiv":
                self.shape[f"http-equiv={value}"] += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _shape(page: Path) -> _Shape:
    parser = _Shape()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_no_value_creates_an_element_or_attribute_on_any_page(sites: tuple[Path, Path]) -> None:
    hostile, plain = sites
    pages = sorted(p.relative_to(hostile) for p in hostile.rglob("*.html"))
    assert pages == sorted(p.relative_to(plain) for p in plain.rglob("*.html"))
    assert len(pages) > 40
    different = {}
    for rel in pages:
        a, b = _shape(hostile / rel).shape, _shape(plain / rel).shape
        if a != b:
            different[str(rel)] = (a - b) + (b - a)
    assert not different, different


def test_no_dangerous_address_and_the_values_are_shown_as_written(
    sites: tuple[Path, Path],
) -> None:
    hostile, _ = sites
    for page in hostile.rglob("*.html"):
        parsed = _shape(page)
        for url in parsed.urls:
            assert not re.match(r"\s*(javascript|data|vbscript):", url, re.I), (page, url)
            parts = urlsplit(url)
            if parts.netloc == "www.openstreetmap.org":  # « Voir sur un plan »: the address,
                assert parts.path == "/search" and "/" not in parts.query  # quoted, as a query
                continue
            assert "evil.example" not in url, (page, url)
    judo = _shape(hostile / "activites" / "judo" / "index.html")
    # The site's no-break spaces (« *gras* ! ») are French typography, not a change of value.
    text = plain(" ".join(judo.text))
    assert 'Judo "club" & co' in text
    assert "<script>alert(1)</script>" in text and "[a](javascript:alert(1))" in text
    home = plain(" ".join(_shape(hostile / "index.html").text))
    assert EVIL in home  # the commune's name, as written, even in a Markdown page
    pedt = plain(" ".join(_shape(hostile / "pedt" / "index.html").text))
    assert "<img src=x onerror=alert(1)>" in pedt


def test_meta_description_and_titles_keep_quotes_inside_their_attribute(
    sites: tuple[Path, Path],
) -> None:
    hostile, _ = sites
    judo = (hostile / "activites" / "judo" / "index.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)">', judo)
    assert description and BREAKOUT.replace('"', "&#34;") in description.group(1)
    assert 'http-equiv="refresh' not in judo


def test_the_published_files_are_the_exports_and_the_json_ld_parses_back(
    sites: tuple[Path, Path],
) -> None:
    """What the exports say is parsed back in export/test_export.py: here, that it is published."""
    hostile, _ = sites
    catalogue = load_catalogue(hostile.parent)
    for entry in OPEN_DATA:
        assert (hostile / entry.path).read_bytes() == entry.produce(catalogue).encode(), entry.path
    judo_ics = (hostile / "activites" / "judo.ics").read_bytes()
    assert judo_ics == export.activite_ics(catalogue, "judo").encode()
    card = (hostile / "contacts" / "referent-inclusion.vcf").read_bytes()
    assert card == vcard(catalogue.referents["referent-inclusion"], catalogue).encode()
    assert vobject.readOne(card.decode()).title.value == 'Référent "inclusion" ' + BREAKOUT
    page = (hostile / "activites" / "judo" / "index.html").read_text(encoding="utf-8")
    (ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(ld)["description"] == FORMULA + " " + BREAKOUT


def test_the_search_index_holds_the_values_as_text(sites: tuple[Path, Path]) -> None:
    hostile, _ = sites
    fragments = []
    for fragment in (hostile / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        fragments.append(json.loads(raw[raw.index(b"{") :]))
    judo = next(f for f in fragments if f["url"].rstrip("/").endswith("activites/judo"))
    assert judo["meta"]["title"] == 'Judo "club" & co'
    assert "<script>alert(1)</script>" in judo["content"]  # text: the results page shows text


def test_the_pdf_shows_the_values_as_text(sites: tuple[Path, Path]) -> None:
    from pypdf import PdfReader

    hostile, _ = sites
    reader = PdfReader(hostile / "brochures" / "guide.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Judo" in text and '"club"' in text
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            uri = str(action.get_object().get("/URI", "")) if action else ""
            assert not uri.lower().startswith(("javascript:", "data:")), uri
            assert "evil.example" not in uri
