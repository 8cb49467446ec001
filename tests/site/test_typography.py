"""French typography on every built page (#17, part 5): spaces that never break.

Read with the standard library's HTML parser, not with the pass that writes the
spaces (``macros.present.typographie``): a line must not break before « : ; ! ? »,
after « or before », between a number and « € », « h » or « ans », in « 16 h 30 ».
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from conftest import site_pages
from macros.present.typographie import espaces_html

if TYPE_CHECKING:
    from pathlib import Path

CODE = {"script", "style", "pre", "code", "textarea"}
BREAKABLE = [
    (re.compile(r" [:;!?]"), "espace sécable avant « : ; ! ? »"),
    (re.compile(r"« "), "espace sécable après « « »"),
    (re.compile(r" »"), "espace sécable avant « » »"),
    (re.compile(r"\d €"), "espace sécable entre un montant et « € »"),
    (re.compile(r"\d h\b"), "espace sécable avant « h »"),
    (re.compile(r"\bh \d\d\b"), "espace sécable entre « h » et les minutes"),
    (re.compile(r"\d ans?\b"), "espace sécable avant « ans »"),
]


class _Text(HTMLParser):
    """The text a reader sees: code, scripts and styles left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.code = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CODE:
            self.code += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in CODE and self.code:
            self.code -= 1

    def handle_data(self, data: str) -> None:
        if not self.code:
            self.parts.append(data)


def _text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def test_no_line_breaks_where_french_typography_forbids_it_on_any_page(
    sample_site: Path,
) -> None:
    found: list[str] = []
    pages = [*site_pages(sample_site), "/404.html"]
    for path in pages:
        file = sample_site / path.strip("/") if path.endswith(".html") else sample_site / path.strip("/") / "index.html"
        text = _text(file.read_text(encoding="utf-8"))
        for pattern, what in BREAKABLE:
            for match in pattern.finditer(text):
                around = text[max(0, match.start() - 25) : match.end() + 15].replace("\n", " ")
                found.append(f"{path} : {what} : …{around}…")
    assert len(pages) > 100
    assert found == [], "\n".join(found[:30])


def test_the_pass_writes_no_break_spaces_in_text_only() -> None:
    html = (
        '<p title="a : b">Pour qui ? Le <a href="tel:119">119</a> : 16 h 30, 45 €, 8 ans.</p>'
        '<script>x = "a : b"</script><pre>c : d</pre><textarea>e : f</textarea><p>« oui »</p>'
    )
    assert espaces_html(html) == (
        '<p title="a : b">Pour qui\u00a0? Le <a href="tel:119">119</a>\u00a0: '
        "16\u00a0h\u00a030, 45\u00a0€, 8\u00a0ans.</p>"
        '<script>x = "a : b"</script><pre>c : d</pre><textarea>e : f</textarea>'
        "<p>«\u00a0oui\u00a0»</p>"
    )
