"""Render fragments and item pages from the catalogue with Jinja templates.

Markup lives in ``macros/render/templates``; this module only prepares plain data and
picks the template. Autoescape is on: every value from ``data/`` is escaped,
and Markdown descriptions are rendered with raw HTML disabled.
"""

from __future__ import annotations

import json
import re
from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from macros.data.catalogue import ACCES_LABELS, AGE_BANDS, TEMPS_LABELS, TYPES_RESSOURCE
from macros.data.kinds import absolute, file_path, qr_path, section, url
from macros.data.selection import jours
from macros.present.finder import SORTS, card_data
from macros.present.formatting import (
    date_fr,
    handicap_fr,
    heure_fr,
    periode_fr,
    public_fr,
    quand_court_fr,
    quand_fr,
    taille_fr,
    tarif_fr,
)
from macros.present.statut import build_day, statut, statut_data

if TYPE_CHECKING:
    from markdown_it.rules_core import StateCore


_SAFE_LINK = re.compile(r"^(?:https?://|mailto:|tel:|/(?!/)|#)", re.I)


def _safe_link(url: str) -> bool:
    """Links an editor may write in Markdown: web, e-mail, phone, or a page of the site."""
    return bool(_SAFE_LINK.match(url.strip()))


def _site_images_only(state: StateCore) -> None:
    """An image from another site (tracking, mixed content) is shown as its text only."""
    for block in state.tokens:
        for i, token in enumerate(block.children or []):
            if token.type == "image" and not _is_site_path(str(token.attrGet("src") or "")):
                text = Token("text", "", 0)
                text.content = token.content
                assert block.children is not None
                block.children[i] = text


def _is_site_path(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


@cache
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = _safe_link  # type: ignore[method-assign]
    md.core.ruler.push("site_images_only", _site_images_only)
    return md


def markdown(text: str, base: str = "") -> Markup:
    """Render editor Markdown safely: raw HTML is shown as text, never executed.

    Site paths (``/contacts/``) become relative to the page (``base``), so the
    site works wherever it is published.
    """
    html = _markdown().render(text)
    html = re.sub(r'(href|src)="/(?!/)', rf'\1="{base}', html)
    # Headings inside a description sit under the page's h2 sections.
    for level in (4, 3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    return Markup(html)


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_FORMATTED_FIELDS = frozenset({"url", "email", "telephone", "id", "annee_scolaire"})
"""Fields whose validated format holds no Markdown or HTML syntax: passed as written."""


class TexteMarkdown(Markup):
    """A data value to print inside a Markdown page of ``docs/``: shown as text, never markup.

    HTML is escaped and every Markdown punctuation character is backslash-escaped,
    so ``[x](javascript:…)``, ``*…*`` or ``<b>`` in a commune's name stay text.
    ``brut`` is the value as written, for fenced code blocks (escaped by Markdown itself).
    """

    brut: str

    def __new__(cls, value: str) -> TexteMarkdown:
        escaped = str(Markup.escape(_MARKDOWN_PUNCTUATION.sub(r"\\\1", value)))
        text = super().__new__(cls, escaped)
        text.brut = value
        return text


def texte_markdown(value: Any, key: str = "") -> Any:
    """``value`` (a model, a list, text) with every text leaf made a :class:`TexteMarkdown`."""
    if isinstance(value, str):
        return value if key in _FORMATTED_FIELDS else TexteMarkdown(value)
    if isinstance(value, list | tuple):
        return [texte_markdown(item, key) for item in value]
    if hasattr(value, "model_fields"):
        return SimpleNamespace(
            **{
                name: texte_markdown(getattr(value, name), name)
                for name in type(value).model_fields
            }
        )
    return value


def brut(value: Any) -> str:
    """The text as written, for a fenced code block of a Markdown page."""
    return str(getattr(value, "brut", value))


def href(link: str, base: str) -> str:
    """A link from data for a page at ``base``: site paths (``/contacts/``) become relative."""
    return base + link[1:] if link.startswith("/") else link


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">`` that no value can close."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def courriel(address: str) -> Markup:
    """An e-mail address that wraps after « @ » or before a dot, never inside a word."""
    local, _, domain = address.partition("@")

    def cut(part: str) -> Markup:
        return Markup("<wbr>.").join(escape(p) for p in part.split("."))

    return cut(local) + Markup("@<wbr>") + cut(domain)


def plan(adresse: str, commune: str) -> str:
    """The address on OpenStreetMap (an outbound link: the site loads nothing from it).

    An address without a postcode (« 12 rue Haute ») is looked for in the commune."""
    where = adresse if re.search(r"\b\d{5}\b", adresse) else f"{adresse}, {commune}"
    return "https://www.openstreetmap.org/search?query=" + quote(where, safe="")


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("macros.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        date_fr=date_fr,
        heure_fr=heure_fr,
        handicap_fr=handicap_fr,
        public_fr=public_fr,
        tarif_fr=tarif_fr,
        markdown=markdown,
        taille_fr=taille_fr,
        href=href,
        json_ld=json_ld,
        courriel=courriel,
    )
    env.globals.update(
        TEMPS_LABELS=TEMPS_LABELS,
        AGE_BANDS=AGE_BANDS,
        TYPES_RESSOURCE=TYPES_RESSOURCE,
        card_data=card_data,
        tris=SORTS,
        jours=jours,
        url=url,
        section=section,
        file_path=file_path,
        qr_path=qr_path,
        absolute=absolute,
        statut=statut,
        statut_data=statut_data,
        quand_fr=quand_fr,
        quand_court_fr=quand_court_fr,
        periode_fr=periode_fr,
        aujourdhui=build_day,
        ACCES_LABELS=ACCES_LABELS,
        plan=plan,
    )
    return env


def render(template: str, **context: Any) -> Markup:
    """Render a fragment; blank lines are dropped so Markdown keeps it as one HTML block."""
    html = environment().get_template(template).render(**context)
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))
