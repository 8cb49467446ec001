"""French typography for text printed from data: the spaces that must not break.

« 16 h 30 », « 45 € », « 8 ans », « Inscriptions : … » — a line that breaks
between a number and its unit, or before a colon, is a typesetting error in
French. The brochures pass every text through :func:`espaces_fr`.
"""

from __future__ import annotations

import re
from functools import lru_cache

NBSP = "\u00a0"
NNBSP = NBSP
"""Before « ; ! ? » the Imprimerie nationale asks for a narrow no-break space
(U+202F); Atkinson Hyperlegible has no glyph for it, so the plain no-break
space is used, as most French web and print typesetting does."""

_SPACE = r"[ \u00a0\u202f]"
_BEFORE_COLON = re.compile(rf"{_SPACE}+:")
_BEFORE_TIGHT = re.compile(rf"{_SPACE}+([;!?»])")
_AFTER_QUOTE = re.compile(rf"«{_SPACE}*")
_UNIT = re.compile(rf"(\d){_SPACE}+(€|h\b|min\b|ans?\b|%|mois\b|km\b|m\b)")
_HOUR_MINUTES = re.compile(rf"(\d{NBSP}h){_SPACE}+(\d\d)\b")
_THOUSANDS = re.compile(rf"(\d){_SPACE}(\d{{3}})\b")
_PHONE = re.compile(r"\b0\d( \d\d){4}\b")


@lru_cache(maxsize=1 << 16)
def espaces_fr(text: str) -> str:
    """``"14 h 30 : 45 € !"`` → the same with no-break spaces where French needs them.

    Phone numbers (``01 99 00 00 00``) keep their groups together as well. Remembered
    (the same role, place or price comes back on hundreds of brochure entries).
    """
    text = _PHONE.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    text = _BEFORE_COLON.sub(f"{NBSP}:", text)
    text = _BEFORE_TIGHT.sub(f"{NNBSP}\\1", text)
    text = _AFTER_QUOTE.sub(f"«{NNBSP}", text)
    text = _THOUSANDS.sub(f"\\1{NNBSP}\\2", text)
    text = _UNIT.sub(f"\\1{NBSP}\\2", text)
    return _HOUR_MINUTES.sub(f"\\1{NBSP}\\2", text)


_RAW_ELEMENT = re.compile(r"<(script|style|pre|code|textarea)\b.*?</\1\s*>", re.S | re.I)
"""Elements whose text is code or typed by the reader: left exactly as written."""
_NODE = re.compile(r">([^<]*[:;!?«»€0-9][^<]*)")
"""A text between two tags that holds a character a no-break space may go with: the
others (indentation, most words) are passed over by the regular expression engine."""


def _fix(node: re.Match[str]) -> str:
    return ">" + espaces_fr(node.group(1))


def _text_nodes(html: str) -> str:
    first = html.find("<")  # after a <code> or a <script>: text before the next tag
    head, rest = (html, "") if first == -1 else (html[:first], html[first:])
    return (espaces_fr(head) if head.strip() else head) + _NODE.sub(_fix, rest)


def espaces_html(html: str) -> str:
    """:func:`espaces_fr` on every text of a page: not in tags or attributes, not in
    scripts, styles, code or form fields. A space beside a tag counts (« le <a>119</a> : »)."""
    out, last = [], 0
    for element in _RAW_ELEMENT.finditer(html):
        out.append(_text_nodes(html[last : element.start()]))
        out.append(element.group(0))
        last = element.end()
    out.append(_text_nodes(html[last:]))
    return "".join(out)
