"""A hostile corpus in every data file kind: refused with file:line, or published inert.

Two halves:

* values no editor means (control characters, bidi overrides, markup in a
  one-line field, dangerous or broken addresses, absurd dates, loops) are
  refused by ``check``, each with its file, line and a French message;
* values an editor may write (quotes, ampersands, Markdown or HTML syntax
  in text, spreadsheet formulas, ``javascript:`` written as text) are
  published, and every output shows them as text: the site is built twice,
  once with these values and once with plain ones, and each HTML page must
  hold exactly the same elements and attributes (parsed, not grepped) —
  so no value created any. Then each export is parsed back.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
import yaml

from conftest import FIXTURES, ROOT, make_project
from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue

pytestmark = pytest.mark.slow

Path_ = list[str | int]

# --- helpers ---------------------------------------------------------------------------


def _edit(root: Path, name: str, path: Path_, value: object) -> None:
    file = root / "data" / name
    data = yaml.safe_load(file.read_text(encoding="utf-8")) if file.exists() else {}
    target: Any = data
    for key, nxt in itertools.pairwise(path):
        if isinstance(target, dict) and key not in target:
            target[key] = [] if isinstance(nxt, int) else {}
        target = target[key]
    if isinstance(target, list) and path[-1] == len(target):
        target.append(value)
    else:
        target[path[-1]] = value
    file.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8"
    )


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


BROCHURE = {"id": "guide", "titre": "Guide", "type": "guide-activites", "selection": {}}
RESSOURCE = {
    "titre": "Ressource",
    "resume": "Résumé",
    "description": "Texte.",
    "theme": "ecrans",
    "public": {"parents": True},
    "type": "guide",
    "organisme": "Ville",
}
REDIRECTION = {"de": "/ancienne-adresse/", "vers": "/activites/judo/"}


def _project_data(tmp: Path) -> Path:
    """The small fixture's data with every file kind present (resource, brochures, redirections)."""
    root = tmp / "donnees"
    import shutil

    shutil.copytree(FIXTURES / "mini" / "data", root / "data")
    (root / "data" / "ressources").mkdir()
    (root / "data" / "ressources" / "piege.yml").write_text(
        yaml.safe_dump(RESSOURCE, allow_unicode=True), encoding="utf-8"
    )
    (root / "data" / "brochures.yml").write_text(
        yaml.safe_dump({"brochures": [BROCHURE]}, allow_unicode=True), encoding="utf-8"
    )
    (root / "data" / "redirections.yml").write_text(
        yaml.safe_dump({"redirections": [REDIRECTION]}, allow_unicode=True), encoding="utf-8"
    )
    shutil.copy(ROOT / "data" / "accessibilite.yml", root / "data" / "accessibilite.yml")
    return root


# --- 1. refused, with file:line -------------------------------------------------------------

# One field of each data file kind, where a text value goes.
TEXT_FIELDS: list[tuple[str, Path_]] = [
    ("commune.yml", ["nom"]),
    ("commune.yml", ["mairie", "adresse"]),
    ("pedt.yml", ["introduction"]),
    ("pedt.yml", ["axes", 0, "titre"]),
    ("activites/judo.yml", ["titre"]),
    ("activites/judo.yml", ["description"]),
    ("ressources/piege.yml", ["organisme"]),
    ("referents.yml", ["referents", 0, "role"]),
    ("brochures.yml", ["brochures", 0, "titre"]),
    ("accessibilite.yml", ["auditeur"]),
    ("accessibilite.yml", ["criteres", 0, "note"]),
]
INVISIBLE = {
    "nul": "\x00",
    "c0": "\x1b",
    "c1": "\x85",
    "cr": "\r",
    "bidi": "\u202e",
    "isolat": "\u2066",
    "largeur-nulle": "\u200b",
}


@pytest.mark.parametrize("char", list(INVISIBLE.values()), ids=list(INVISIBLE))
@pytest.mark.parametrize(
    ("name", "path"), TEXT_FIELDS, ids=[f"{n}:{_dotted(p)}" for n, p in TEXT_FIELDS]
)
def test_invisible_characters_are_refused_at_their_line(
    tmp_path: Path, name: str, path: Path_, char: str
) -> None:
    root = _project_data(tmp_path)
    _edit(root, name, path, f"PIEGE avant{char}après")
    text = (root / "data" / name).read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "PIEGE" in row)
    with pytest.raises(DataErrors) as caught:
        load_catalogue(root)
    messages = [str(e) for e in caught.value.errors]
    assert any(m.startswith(f"data/{name}:{line}: caractère interdit") for m in messages), messages


ONE_LINE: list[tuple[str, Path_]] = [(n, p) for n, p in TEXT_FIELDS if p[-1] != "description"]
ONE_LINE = [(n, p) for n, p in ONE_LINE if p[-1] != "introduction"]
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% if 1 %}"]


@pytest.mark.parametrize("payload", MARKUP)
@pytest.mark.parametrize(("name", "path"), ONE_LINE, ids=[f"{n}:{_dotted(p)}" for n, p in ONE_LINE])
def test_markup_in_one_line_fields_is_refused(
    tmp_path: Path, name: str, path: Path_, payload: str
) -> None:
    root = _project_data(tmp_path)
    _edit(root, name, path, payload)
    with pytest.raises(DataErrors) as caught:
        load_catalogue(root)
    assert any(
        e.file == f"data/{name}" and e.field == _dotted(path) and "« < », « > »" in e.message
        for e in caught.value.errors
    ), [str(e) for e in caught.value.errors]


REFUSED: list[tuple[str, Path_, object, str]] = [
    # addresses: https (mailto:, tel:, site paths for links), nothing that leaves an attribute
    ("commune.yml", ["url"], 'https://x.example.org/" onmouseover="alert(1)', "lien invalide"),
    ("commune.yml", ["url"], "https://x.example.org/\r\nX: y", "caractère interdit"),
    ("commune.yml", ["url"], "http://x.example.org/", "lien refusé"),
    ("commune.yml", ["url"], "/relative/", "commençant par https://"),
    ("commune.yml", ["url"], "JavaScript:alert(1)//", "lien refusé"),
    ("commune.yml", ["url"], "https://x.example.org/a?b=1#c", "sans « ? », « # »"),
    ("commune.yml", ["url"], "https://a:b@x.example.org/", "sans « ? », « # »"),
    ("commune.yml", ["url"], "https://x.example.org/(a)/", "sans « ? », « # »"),
    ("activites/judo.yml", ["inscription", "url"], "https://a.org/" + "x" * 2000, "au plus 2000"),
    ("commune.yml", ["mairie", "email"], 'a"b@example.org', "adresse e-mail invalide"),
    ("commune.yml", ["mairie", "email"], "a@b.org](javascript:alert(1)", "adresse e-mail invalide"),
    ("activites/judo.yml", ["inscription", "url"], "javascript:alert(1)", "lien refusé"),
    ("activites/judo.yml", ["inscription", "url"], "data:text/html,x", "lien refusé"),
    ("activites/judo.yml", ["inscription", "url"], "https://a.org/ x", "lien invalide"),
    ("activites/judo.yml", ["inscription", "url"], "/pas-de-page/", "aucune page du site"),
    ("activites/judo.yml", ["image"], {"src": "https://evil.example/i.png", "alt": "x"}, "image"),
    ("activites/judo.yml", ["image"], {"src": "/images/absente.png", "alt": "x"}, "introuvable"),
    ("ressources/piege.yml", ["lien"], "vbscript:msgbox(1)", "lien refusé"),
    ("ressources/piege.yml", ["lien"], "//evil.example/", "lien invalide"),
    ("referents.yml", ["referents", 0, "email"], "x@y.org<script>", "adresse e-mail invalide"),
    # absurd dates and sizes
    ("activites/judo.yml", ["periode", "fin"], "9999-12-31", "l'année doit être entre 1900"),
    ("activites/judo.yml", ["periode", "debut"], "0001-01-01", "l'année doit être entre 1900"),
    ("activites/judo.yml", ["titre"], "T" * 91, "au plus 90"),
    ("activites/judo.yml", ["resume"], "R" * 241, "au plus 240"),
    ("referents.yml", ["referents", 0, "role"], "R" * 301, "au plus 300"),
    ("pedt.yml", ["introduction"], "I" * 20_001, "au plus 20000"),
    # redirections: none to itself, in a loop, nowhere, or from a page that exists
    ("redirections.yml", ["redirections", 0], {"de": "/a/", "vers": "/a/"}, "vers elle-même"),
    ("redirections.yml", ["redirections", 0], {"de": "/x/", "vers": "/rien/"}, "aucune page"),
    ("redirections.yml", ["redirections", 0], {"de": "/inclusion/", "vers": "/x/"}, "qui existe"),
    ("redirections.yml", ["redirections", 0], {"de": '/a"/', "vers": "/b/"}, "adresse invalide"),
    # a brochure whose selection matches nothing is not published as an empty PDF
    ("brochures.yml", ["brochures", 0, "selection"], {"age": 25}, "ne retient aucune activité"),
]


@pytest.mark.parametrize(
    ("name", "path", "value", "message"),
    REFUSED,
    ids=[f"{n}:{_dotted(p)}:{i}" for i, (n, p, _v, _m) in enumerate(REFUSED)],
)
def test_each_hostile_value_is_refused_with_its_file_and_a_french_message(
    tmp_path: Path, name: str, path: Path_, value: object, message: str
) -> None:
    root = _project_data(tmp_path)
    (root / "docs").mkdir()  # site links are checked against the pages of docs/
    (root / "docs" / "inclusion.md").write_text("# Inclusion\n", encoding="utf-8")
    _edit(root, name, path, value)
    with pytest.raises(DataErrors) as caught:
        load_catalogue(root)
    errors = [str(e) for e in caught.value.errors]
    assert all(re.match(r"^data/[\w/.-]+\.yml:\d+: ", e) for e in errors), errors
    assert any(e.startswith(f"data/{name}:") and message in e for e in errors), errors


def test_a_redirection_loop_names_the_whole_loop(tmp_path: Path) -> None:
    root = _project_data(tmp_path)
    _edit(root, "redirections.yml", ["redirections", 0], {"de": "/a/", "vers": "/b/"})
    _edit(root, "redirections.yml", ["redirections", 1], {"de": "/b/", "vers": "/a/"})
    with pytest.raises(DataErrors) as caught:
        load_catalogue(root)
    assert any("redirections en boucle : /a/ → /b/ → /a/" in str(e) for e in caught.value.errors)


# --- 2. published inert: same elements and attributes as with plain values ---------------------

EVIL = 'Ville "X" & Cie [clic](javascript:alert(1)) *gras* ![i](https://evil.example/i.png)'
BREAKOUT = '0;url=https://evil.example/" http-equiv="refresh'
MARKDOWN_EVIL = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [a](javascript:alert(1)) "
    "[b](JAVASCRIPT:alert(1)) [c](data:text/html,x) ![t](https://evil.example/t.png) "
    "<javascript:alert(1)> &lt;b&gt; </p><p>"
)
FORMULA = '=HYPERLINK("https://evil.example","clic")'

INERT: list[tuple[str, Path_, str, str]] = [
    # file, field, hostile value, plain twin
    ("commune.yml", ["nom"], EVIL, "Ville Neutre"),
    ("commune.yml", ["mairie", "adresse"], BREAKOUT, "Adresse neutre"),
    ("commune.yml", ["mairie", "horaires"], "@SOMME(1+1) *x*", "Horaires neutres"),
    ("commune.yml", ["quartiers", 0, "nom"], '"Centre" [x](javascript:y)', "Centre"),
    ("commune.yml", ["categories", 0, "description"], BREAKOUT, "Description neutre"),
    ("pedt.yml", ["introduction"], MARKDOWN_EVIL, "Introduction neutre."),
    ("pedt.yml", ["axes", 0, "titre"], 'Axe "un" ' + BREAKOUT, "Axe neutre"),
    ("pedt.yml", ["axes", 0, "objectifs", 0, "titre"], EVIL, "Objectif neutre"),
    ("activites/judo.yml", ["titre"], 'Judo "club" & co', "Judo neutre"),
    ("activites/judo.yml", ["resume"], FORMULA + " " + BREAKOUT, "Résumé neutre"),
    ("activites/judo.yml", ["description"], MARKDOWN_EVIL, "Description neutre."),
    ("activites/judo.yml", ["lieu", "nom"], "-2+3 [x](javascript:y)", "Lieu neutre"),
    ("activites/judo.yml", ["inscription", "modalites"], "+33 " + EVIL, "Modalités neutres"),
    ("activites/judo.yml", ["tarif", "precisions"], "&amp; &lt;i&gt;", "précisions"),
    ("ressources/piege.yml", ["titre"], 'Ressource "x" *y*', "Ressource neutre"),
    ("ressources/piege.yml", ["resume"], BREAKOUT, "Résumé neutre"),
    ("ressources/piege.yml", ["description"], MARKDOWN_EVIL, "Description neutre."),
    ("ressources/piege.yml", ["organisme"], EVIL, "Organisme"),
    ("referents.yml", ["referents", 0, "role"], 'Référent "inclusion" ' + BREAKOUT, "Référent"),
    ("referents.yml", ["referents", 0, "structure"], "=1+1", "Structure"),
    ("referents.yml", ["referents", 0, "missions", 0], EVIL, "Mission"),
    ("brochures.yml", ["brochures", 0, "titre"], 'Guide "x" ' + EVIL, "Guide neutre"),
    ("accessibilite.yml", ["auditeur"], EVIL, "Auditeur"),
    ("accessibilite.yml", ["contact", "nom"], BREAKOUT, "Service"),
]


def _build(tmp: Path, hostile: bool) -> Path:
    from macros.site.build import build_site

    data = _project_data(tmp / ("hostile" if hostile else "neutre"))
    for name, path, evil, plain in INERT:
        _edit(data, name, path, evil if hostile else plain)
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
            assert "evil.example" not in url, (page, url)
    judo = _shape(hostile / "activites" / "judo" / "index.html")
    text = " ".join(judo.text)
    assert 'Judo "club" & co' in text
    assert "<script>alert(1)</script>" in text and "[a](javascript:alert(1))" in text
    home = " ".join(_shape(hostile / "index.html").text)
    assert EVIL in home  # the commune's name, as written, even in a Markdown page
    pedt = " ".join(_shape(hostile / "pedt" / "index.html").text)
    assert "<img src=x onerror=alert(1)>" in pedt


def test_meta_description_and_titles_keep_quotes_inside_their_attribute(
    sites: tuple[Path, Path],
) -> None:
    hostile, _ = sites
    judo = (hostile / "activites" / "judo" / "index.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)">', judo)
    assert description and BREAKOUT.replace('"', "&#34;") in description.group(1)
    assert 'http-equiv="refresh' not in judo


def test_exports_parse_back_to_the_values_as_written(sites: tuple[Path, Path]) -> None:
    hostile, _ = sites
    rows = list(
        csv.DictReader(
            io.StringIO((hostile / "donnees" / "activites.csv").read_text("utf-8-sig")),
            delimiter=";",
        )
    )
    judo = next(r for r in rows if r["slug"] == "judo")
    assert judo["resume"] == "'" + FORMULA + " " + BREAKOUT  # not a formula in a spreadsheet
    assert judo["lieu"] == "'-2+3 [x](javascript:y)"
    assert judo["inscription"].startswith("'+33 ")
    for row in rows:
        for cell in row.values():
            assert not cell or cell[0] not in "=+-@\t\r", row
    data = json.loads((hostile / "donnees" / "activites.json").read_text("utf-8"))
    record = next(a for a in data["activites"] if a["slug"] == "judo")
    assert record["titre"] == 'Judo "club" & co'
    assert record["description"] == MARKDOWN_EVIL.strip()
    every = (hostile / "donnees" / "activites.json").read_text("utf-8")
    every += (hostile / "donnees" / "referents.json").read_text("utf-8")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", every)
    calendar = icalendar.Calendar.from_ical((hostile / "activites" / "judo.ics").read_bytes())
    (event, *_) = [e for e in calendar.walk("VEVENT")]
    assert str(event["SUMMARY"]) == 'Judo "club" & co'
    feed = ET.fromstring((hostile / "flux.xml").read_bytes())
    titles = [t.text for t in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert titles[0] == f"Activités et ressources – {EVIL}"
    card = vobject.readOne((hostile / "contacts" / "referent-inclusion.vcf").read_text("utf-8"))
    assert card.title.value == 'Référent "inclusion" ' + BREAKOUT
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
