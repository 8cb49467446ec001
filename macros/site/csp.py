"""The Content-Security-Policy of the built site: only the theme's own inline scripts may run.

The theme (Material's templates and ``overrides/``) writes a few small inline
scripts (palette, scope, ``pc-js``). Their text is read from the templates, so
the policy allows exactly them, whatever the data: an inline script found in a
page that no template writes — however it got there — fails the build instead
of being whitelisted.

The policy goes two ways: ``_headers`` (Netlify, Cloudflare Pages format) and a
``<meta http-equiv="Content-Security-Policy">`` at the top of every page, for
hosts that ignore ``_headers`` (GitHub Pages). A ``<meta>`` policy cannot carry
``frame-ancestors`` (nor ``report-uri`` or ``sandbox``): framing rules need
the header, see DEPLOIEMENT.md.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_TEMPLATE_SCRIPT = re.compile(r"<script>(?P<body>.*?)</script>", re.S)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
_DATA_TYPES = frozenset({"application/ld+json", "application/json"})
"""Script types browsers never run: JSON-LD and Material's configuration."""
_META_AFTER = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)

EXPRESSION_PATTERN = r"[A-Za-z0-9._~%/-]*"
"""What a ``{{ … }}`` inside a theme script may print: Material's base URL — relative
(``../..``), or on the 404 page the path of the site's address (``/parcours/``), whose
characters ``commune.url`` restricts to these: nothing that could leave the string."""


class PolicyError(RuntimeError):
    """The built pages hold an inline script that no theme template writes."""


@dataclass
class ThemeScripts:
    """The inline scripts the templates write, as exact patterns."""

    patterns: list[re.Pattern[str]] = field(default_factory=list)

    @classmethod
    def from_templates(cls, template_dirs: list[Path]) -> ThemeScripts:
        """Every ``<script>`` body of every ``*.html`` template, ``{{ … }}`` as a base URL."""
        seen: set[str] = set()
        patterns = []
        for folder in template_dirs:
            for template in sorted(folder.rglob("*.html")):
                text = template.read_text(encoding="utf-8")
                for match in _TEMPLATE_SCRIPT.finditer(text):
                    body = match.group("body")
                    if not body.strip() or "{%" in body or body in seen:
                        continue
                    seen.add(body)
                    parts = _EXPRESSION.split(body)
                    patterns.append(
                        re.compile(EXPRESSION_PATTERN.join(re.escape(part) for part in parts))
                    )
        return cls(patterns)

    def allows(self, body: str) -> bool:
        return any(pattern.fullmatch(body) for pattern in self.patterns)


def _digest(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def page_scripts(html: str) -> list[tuple[str, bool]]:
    """``(body, runs)`` for each inline script of a page (``runs``: not JSON data)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs, body = match.group("attrs"), match.group("body")
        if re.search(r"\ssrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        runs = not (kind and kind.group(1).lower() in _DATA_TYPES)
        found.append((body, runs))
    return found


def policy(hashes: list[str], *, framable: bool = False, meta: bool = False) -> str:
    """The policy allowing ``hashes``; ``framable`` for the embeddable list.

    ``meta``: the form for a ``<meta>`` element, which browsers read without
    ``frame-ancestors`` (they ignore it there and warn in the console).
    """
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(set(hashes))])
    directives = [
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    if not meta:
        directives.append("frame-ancestors *" if framable else "frame-ancestors 'self'")
    return "; ".join(directives)


def apply_policy(site: Path, theme: ThemeScripts, *, meta: bool = True) -> list[str]:
    """Check every page's inline scripts, add the ``<meta>`` policy, write ``_headers``.

    Returns the hashes allowed. Raises :class:`PolicyError`, naming each page and
    script, when a page holds an inline script that the theme does not write.
    """
    unknown: list[str] = []
    every_hash: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] == "pagefind":
            continue
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(site).as_posix()
        hashes = []
        for body, runs in page_scripts(html):
            if not runs:
                if "</" in body or "<!--" in body:
                    unknown.append(f"{name} : données JSON mal fermées")
                continue
            if not theme.allows(body):
                shown = " ".join(body.split())[:80]
                unknown.append(f"{name} : « {shown} »")
                continue
            hashes.append(_digest(body))
        every_hash.update(hashes)
        if meta:
            tag = (
                '<meta http-equiv="Content-Security-Policy" content="'
                + policy(hashes, meta=True).replace('"', "&quot;")
                + '">'
            )
            found = _META_AFTER.search(html)
            at = found.end() if found else html.find(">", html.lower().find("<head")) + 1
            page.write_text(html[:at] + tag + html[at:], encoding="utf-8")
    if unknown:
        raise PolicyError(
            "Script inconnu dans les pages construites : aucun modèle du thème ne l'écrit, "
            "il ne sera pas autorisé à s'exécuter. Rien n'a été publié.\n"
            + "\n".join(f"  {line}" for line in unknown)
            + "\n  → un script ne vient jamais des données ; s'il vient d'un modèle, écrivez-le "
            "dans overrides/ ou dans un fichier de docs/assets/."
        )
    write_headers(site, sorted(every_hash))
    return sorted(every_hash)


def write_headers(site: Path, hashes: list[str]) -> Path:
    """Write ``site/_headers``: security headers for every page, framing allowed on /integrer/."""
    common = [
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
    ]
    text = "\n".join([
        "/*", f"  Content-Security-Policy: {policy(hashes)}", *common, "",
        "/integrer/*",
        "  ! Content-Security-Policy",
        f"  Content-Security-Policy: {policy(hashes, framable=True)}",
        "",
        "/assets/*", "  Cache-Control: public, max-age=31536000, immutable", "",
        "/pagefind/*", "  Cache-Control: public, max-age=3600", "",
    ])  # fmt: skip
    path = site / "_headers"
    path.write_text(text + "\n", encoding="utf-8")
    return path
