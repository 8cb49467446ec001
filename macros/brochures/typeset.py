"""Lay a brochure out with Typst (PyPI ``typst``), as a tagged PDF/UA-1 document.

The templates (``modeles/``), the pictograms (``pictos/``, Material Design
Icons) and the fonts (``polices/``, Atkinson Hyperlegible TTF, OFL) are in this
package; Typst reads nothing else: no system font, no package, no network.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import typst

HERE = Path(__file__).parent
MAIN = HERE / "modeles" / "brochure.typ"
FONTS = HERE / "polices"
INPUTS = ("modeles", "pictos", "polices")
"""The folders a layout reads: with the data, all that can change a PDF."""


@cache
def _compiler() -> typst.Compiler:
    """One compiler per process: fonts are read once, layouts are memoised by Typst."""
    return typst.Compiler(MAIN, root=HERE, font_paths=[FONTS], ignore_system_fonts=True)


@cache
def files_digest() -> str:
    """A digest of every template, pictogram and font, and of Typst's version."""
    version = getattr(typst, "__version__", "?")
    digest = hashlib.sha256(f"typst {version}\n".encode())
    for folder in INPUTS:
        for path in sorted((HERE / folder).rglob("*")):
            if path.is_file():
                digest.update(f"{path.relative_to(HERE)}\n".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def inputs_signature() -> tuple[tuple[str, int], ...]:
    """Name and modification time of every template, pictogram and font (cheap, uncached):
    the preview lays the brochures out again when one of them is edited."""
    return tuple(
        (str(path.relative_to(HERE)), path.stat().st_mtime_ns)
        for folder in INPUTS
        for path in sorted((HERE / folder).rglob("*"))
        if path.is_file()
    )


def encode(data: dict[str, Any]) -> str:
    """The JSON Typst reads: stable (sorted keys), so equal data give an equal hash."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def key(encoded: str) -> str:
    """The cache key of one layout: its data and everything the templates read."""
    return hashlib.sha256(f"{files_digest()}\n{encoded}".encode()).hexdigest()


class TypesetError(RuntimeError):
    """Typst refused the document (a template defect, never the editor's data)."""


_LOGO_PROBE = b'#image(bytes(sys.inputs.logo), format: "svg", alt: "logo")'


def logo_problem(svg: str) -> str | None:
    """Why Typst cannot print this SVG logo (its message), or ``None`` if it can."""
    try:
        typst.compile(_LOGO_PROBE, sys_inputs={"logo": svg}, ignore_system_fonts=True)
    except typst.TypstError as exc:
        return exc.message
    return None


def typeset(encoded: str) -> tuple[bytes, int]:
    """The PDF of ``encoded`` data and its page count."""
    compiler = _compiler()
    inputs = {"donnees": encoded}
    try:
        pdf, warned = compiler.compile_with_warnings(
            format="pdf", sys_inputs=inputs, pdf_standards=["ua-1"]
        )
        pages = compiler.query("<pages>", field="value", one=True)
    except typst.TypstError as exc:
        raise TypesetError(f"Typst : {exc.message}\n" + "\n".join(exc.hints)) from None
    if warned:  # a missing font or glyph, a layout that did not converge: not published
        raise TypesetError("Typst : " + "\n".join(w.message for w in warned))
    assert isinstance(pdf, bytes)
    return pdf, int(json.loads(pages) if isinstance(pages, str) else pages)
