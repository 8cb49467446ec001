"""The Content-Security-Policy the built site works under, with the hashes of its inline scripts.

Material for MkDocs writes a few small inline scripts (palette, scope); their
SHA-256 hashes let a strict policy allow exactly them. The policy is written
to ``_headers`` (Netlify, Cloudflare Pages format) and shown in the deploy guide.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_INLINE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_EXECUTABLE = re.compile(r'type="(?:text/javascript|module)"')


def inline_script_hashes(site: Path) -> list[str]:
    """``'sha256-…'`` of every distinct inline script that runs, in a stable order."""
    hashes: set[str] = set()
    for page in site.rglob("*.html"):
        for match in _INLINE.finditer(page.read_text(encoding="utf-8")):
            attrs, body = match.group("attrs"), match.group("body")
            if "src=" in attrs or not body.strip():
                continue
            if "type=" in attrs and not _EXECUTABLE.search(attrs):
                continue  # JSON-LD and configuration data are never executed
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(hashes)


def policy(site: Path, *, framable: bool = False) -> str:
    """The policy for the pages of ``site``; ``framable`` for the embeddable list."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *inline_script_hashes(site)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors *" if framable else "frame-ancestors 'self'",
    ])  # fmt: skip


def write_headers(site: Path) -> Path:
    """Write ``site/_headers``: security headers for every page, framing allowed on /integrer/."""
    common = [
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
    ]
    text = "\n".join([
        "/*", f"  Content-Security-Policy: {policy(site)}", *common, "",
        "/integrer/*",
        "  ! Content-Security-Policy",
        f"  Content-Security-Policy: {policy(site, framable=True)}",
        "",
        "/assets/*", "  Cache-Control: public, max-age=31536000, immutable", "",
        "/pagefind/*", "  Cache-Control: public, max-age=3600", "",
    ])  # fmt: skip
    path = site / "_headers"
    path.write_text(text + "\n", encoding="utf-8")
    return path
