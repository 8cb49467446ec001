"""Pages for families answer Pour qui ? … Qui appeler ? in plain French (#17, part 1).

The order of the answers is read from the built page's headings; the length of
sentences from the page's own Markdown (what its editor wrote, not the contact
cards); acronyms from the built text a parent reads, against ``data/lexique.yml``.
"""

from __future__ import annotations

import html as htmlib
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import pytest

from conftest import ROOT, plain
from macros.data.loader import load_catalogue
from macros.data.selection import Criteria

if TYPE_CHECKING:
    from pathlib import Path

CATALOGUE = load_catalogue(ROOT)

FAMILY = {
    "inclusion": "inclusion.md",
    "reussite-educative": "reussite-educative.md",
    "jeunes": "jeunes.md",
    "parentalite": "parentalite.md",
    "inscriptions": "inscriptions.md",
    "ce-que-change-le-pedt": "ce-que-change-le-pedt.md",
}
ANSWERS = [
    {"Pour qui ?"},
    {"Ce qu'on vous propose", "Ce qu'on te propose"},  # « te » on the page for the 16-25
    {"Comment faire ?"},
    {"Combien ça coûte ?"},
    {"Qui appeler ?"},
]
SENTENCE_MAX = 25
"""Words in a sentence of a family page, at most (plain-language guides say 15 to 20 on average)."""


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Article(HTMLParser):
    """The headings, text and links of a page's article (breadcrumb, menu and footer aside).

    ``text`` is what the page's editor wrote under its title: the title, the breadcrumb
    and the lists built from data (``data-pagefind-ignore``: activities, resources,
    dates) are left out of it; ``cards`` counts the activities' cards.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # open elements inside <article>, and « ignored »
        self.headings: list[tuple[int, str]] = []
        self.heading: list[str] | None = None
        self.text: list[str] = []
        self.links: list[str] = []
        self.cards = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if not self.stack and tag != "article":
            return
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        if tag == "li" and "data-slug" in attributes:  # an activity's card
            self.cards += 1
        if tag in VOID:
            return
        # The title and the breadcrumb name the page; the text under them explains it.
        ignored = (
            "data-pagefind-ignore" in attributes
            or tag in {"h1", "nav"}
            or bool(self.stack and self.stack[-1][1])
        )
        self.stack.append((tag, ignored))
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = []

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or tag in VOID:
            return
        while self.stack:  # an element left open (« <p> » before a list) closes with its parent
            if self.stack.pop()[0] == tag:
                break
        if self.heading is not None and re.fullmatch(r"h[1-6]", tag):
            self.headings.append((int(tag[1]), " ".join("".join(self.heading).split())))
            self.heading = None
        if tag in {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "td", "th"}:
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        if self.stack and not self.stack[-1][1]:
            self.text.append(data)
            if self.heading is not None:
                self.heading.append(data)


def _article(site: Path, page: str) -> _Article:
    parser = _Article()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return parser


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ").split())


def prose(markdown: str) -> list[str]:
    """The sentences an editor wrote in a page of ``docs/``: macros, links and marks aside."""
    if markdown.startswith("---\n"):
        markdown = markdown.split("\n---\n", 1)[1]
    markdown = re.sub(r"\{\{.*?\}\}", " ", markdown, flags=re.S)
    markdown = re.sub(r'^!!! \w+ "([^"]*)"', r"\1.", markdown, flags=re.M)
    markdown = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    markdown = re.sub(r"^[ \t]*(#+|[-*]|\d+\.)[ \t]+", "", markdown, flags=re.M)
    markdown = markdown.replace("**", "")
    sentences = []
    for block in re.split(r"\n\s*\n", markdown):
        block = _normal(block)
        if block:
            sentences += re.split(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ý«0-9])", block)
    return sentences


def test_prose_splits_sentences_and_drops_macros_and_links() -> None:
    text = '---\ntitle: T\n---\n# Titre\n\nUne phrase. [Un lien](a.md) ici !\n\n{{ x("y") }}\n'
    assert prose(text) == ["Titre", "Une phrase.", "Un lien ici !"]


@pytest.mark.parametrize("page", list(FAMILY))
def test_a_family_page_answers_in_the_order_a_parent_asks(sample_site: Path, page: str) -> None:
    article = _article(sample_site, page)
    sections = [text for level, text in article.headings if level == 2]
    assert len(sections) >= len(ANSWERS), sections
    for wanted, found in zip(ANSWERS, sections, strict=False):
        assert _normal(found) in wanted, sections
    # Nothing jumps a level (h2 → h4), and the page has one h1, first.
    levels = [level for level, _ in article.headings]
    assert levels[0] == 1 and levels.count(1) == 1, article.headings
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), article.headings


@pytest.mark.parametrize("page", list(FAMILY.values()))
def test_a_family_page_is_written_in_short_sentences(page: str) -> None:
    sentences = prose((ROOT / "docs" / page).read_text(encoding="utf-8"))
    too_long = [s for s in sentences if len(s.split()) > SENTENCE_MAX]
    assert too_long == []
    assert sum(len(s.split()) for s in sentences) / len(sentences) <= 15


@pytest.mark.parametrize("page", list(FAMILY.values()))
def test_every_acronym_of_a_family_page_is_in_the_glossary(page: str) -> None:
    known = {t.terme for t in CATALOGUE.lexique} | {
        s for t in CATALOGUE.lexique for s in t.synonymes
    }
    text = " ".join(prose((ROOT / "docs" / page).read_text(encoding="utf-8")))
    words = set(re.findall(r"\b[A-Z]{2,}\b", text))
    assert words - known == set()


@pytest.mark.parametrize("page", list(FAMILY))
def test_an_acronym_is_spelled_out_where_a_parent_first_reads_it(
    sample_site: Path, page: str
) -> None:
    text = _normal(htmlib.unescape("".join(_article(sample_site, page).text)))
    missing = []
    for terme in CATALOGUE.lexique:
        if not terme.developpe:
            continue
        first = re.search(rf"\b{re.escape(terme.terme)}\b", text)
        if first is None:
            continue
        # Before the acronym, or right after it: « la MDPH (maison départementale…) ».
        near = text[: first.end() + 20 + len(terme.developpe)].casefold()
        if _normal(terme.developpe).casefold() not in near:
            missing.append(terme.terme)
    assert missing == []


@pytest.mark.parametrize("page", list(FAMILY))
def test_a_family_page_links_to_what_the_educational_project_says(
    sample_site: Path, page: str
) -> None:
    links = [urljoin(f"/{page}/", href) for href in _article(sample_site, page).links]
    assert any(link.startswith("/pedt/") for link in links), links


@pytest.mark.parametrize("page", [p for p in FAMILY if p != "inscriptions"])
def test_a_family_page_shows_a_few_activities_not_a_long_list(
    sample_site: Path, page: str
) -> None:
    # /inscriptions/ is the agenda: what is open today is its answer.
    assert _article(sample_site, page).cards <= 6


def test_the_inclusion_page_leads_to_every_activity_that_welcomes_a_disabled_child(
    sample_site: Path,
) -> None:
    article = _article(sample_site, "inclusion")
    text = _normal(htmlib.unescape("".join(article.text)))
    total = len(CATALOGUE.select(Criteria(accueil_handicap=True)))
    assert total > 3, "the sample has more than the few shown"
    assert f"Voir les {total} activités dans « Trouver une activité »" in text
    assert "../activites/?handicap=1" in article.links
    assert article.cards == 3


def test_a_family_page_opens_with_a_number_to_call(sample_site: Path) -> None:
    page = (sample_site / "inclusion" / "index.html").read_text(encoding="utf-8")
    opening = page.split("<h2", 1)[0]
    ref = CATALOGUE.referents["referent-inclusion"]
    assert f'href="tel:{ref.telephone.replace(" ", "")}"' in opening


def test_the_glossary_explains_every_term_with_its_anchor(sample_site: Path) -> None:
    page = plain(htmlib.unescape((sample_site / "lexique" / "index.html").read_text(encoding="utf-8")))
    assert len(CATALOGUE.lexique) >= 15
    for terme in CATALOGUE.lexique:
        entry = page.split(f'<dt id="{terme.ancre}">', 1)[1].split("</dd>", 1)[0]
        assert entry.startswith(terme.terme)
        assert terme.definition in entry
        for synonyme in terme.synonymes:
            assert synonyme in entry


def test_the_glossary_explains_the_words_the_issue_names() -> None:
    words = {t.terme for t in CATALOGUE.lexique} | {s for t in CATALOGUE.lexique for s in t.synonymes}
    assert {"MDPH", "AESH", "PPS", "PAI", "PRE", "CLAS", "ALSH", "Quotient familial", "QF"} <= words
    alsh = next(t for t in CATALOGUE.lexique if "ALSH" in t.synonymes)
    assert "ALSH, accueil de loisirs sans hébergement" in alsh.definition


def test_an_activity_page_holds_a_parent_s_words_for_the_search_only(sample_site: Path) -> None:
    page = plain((sample_site / "activites" / "restauration-scolaire" / "index.html").read_text(encoding="utf-8"))
    hidden = re.search(r"<p hidden>Autres mots : ([^<]+)</p>", page)
    assert hidden and "repas" in hidden[1].split(", ")
    judo = (sample_site / "activites" / "judo-eveil-initiation" / "index.html").read_text(encoding="utf-8")
    assert "Autres mots" not in judo
