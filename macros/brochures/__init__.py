"""PDF brochures (WeasyPrint), from the same data as the site, fully offline.

``data/brochures.yml`` says which brochures to build; each is an HTML
document rendered from a template, then laid out by WeasyPrint as a tagged
PDF (PDF/UA-1) with the site's self-hosted fonts embedded.
"""

from __future__ import annotations

import multiprocessing
import traceback
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.data.catalogue import AGE_BANDS, Catalogue
from macros.data.kinds import absolute
from macros.data.selection import Criteria
from macros.export.qr import qr_data_uri
from macros.render import render
from macros.site.processes import die_with_parent
from macros.site.timings import timed

if TYPE_CHECKING:
    from macros.data.models import Activite, Brochure

TEMPLATES = {
    "guide-activites": "brochures/guide.html",
    "plaquette-inclusion": "brochures/plaquette.html",
    "pedt-en-bref": "brochures/pedt.html",
}


@dataclass(frozen=True)
class BuiltBrochure:
    """A brochure as published: its file name, bytes and page count (as laid out)."""

    id: str
    titre: str
    type: str
    pdf: bytes
    pages: int

    @property
    def filename(self) -> str:
        return f"{self.id}.pdf"

    @property
    def size(self) -> int:
        return len(self.pdf)


def age_groups(acts: list[tuple[str, Activite]]) -> list[tuple[str, list[tuple[str, Activite]]]]:
    """Activities grouped by the age band their youngest age falls in; parents last."""
    groups: list[tuple[str, list[tuple[str, Activite]]]] = []
    for _, label, first, last in AGE_BANDS:
        members = [
            (s, a)
            for s, a in acts
            if a.public.age_min is not None and first <= a.public.age_min <= last
        ]
        if members:
            groups.append((label.capitalize(), members))
    parents = [(s, a) for s, a in acts if a.public.age_min is None]
    if parents:
        groups.append(("Pour les parents", parents))
    return groups


def brochure_html(c: Catalogue, brochure: Brochure) -> str:
    """The HTML document WeasyPrint lays out for ``brochure``."""
    acts = c.select(brochure.selection)
    context: dict[str, Any] = {
        "c": c,
        "b": brochure,
        "activites": acts,
        "qr": qr_data_uri,
        "adresse": lambda path: absolute(c.commune.url, path),
        "age_groups": age_groups,
    }
    if brochure.type == "guide-activites":
        by_category = [(ident, label, [(s, a) for s, a in acts if a.categorie == ident])
                       for ident, label in c.categories.items()]  # fmt: skip
        context["categories"] = [entry for entry in by_category if entry[2]]
        referent_ids = {a.referent for _, a in acts} | {"referent-inclusion"}
        context["contacts"] = [r for r in c.referents.values() if r.id in referent_ids]
    elif brochure.type == "plaquette-inclusion":
        context["inclusion"] = c.referents.get("referent-inclusion")
        context["accueil"] = c.select(Criteria(accueil_handicap=True))
        context["handicap"] = [r for r in c.referents.values() if "handicap" in r.role.lower()]
    return str(render(TEMPLATES[brochure.type], **context))


@cache
def _css_text() -> str:
    return (
        Path(__file__).parent.parent / "render" / "templates" / "brochures" / "brochure.css"
    ).read_text(encoding="utf-8")


def build_brochure(c: Catalogue, brochure: Brochure, fonts: Path) -> BuiltBrochure:
    """Lay out one brochure as a tagged PDF/UA-1 document."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from macros.brochures import pages as pdf_pages
    from macros.brochures import tags as pdf_tags

    pdf_pages.install()
    pdf_tags.install()
    html = brochure_html(c, brochure)
    config = FontConfiguration()
    base = f"{fonts.resolve().as_uri()}/"
    stylesheet = CSS(string=_css_text(), base_url=base, font_config=config)
    options = {"pdf_variant": "pdf/ua-1", "pdf_tags": True, "custom_metadata": True}
    document = HTML(string=html, base_url=base).render(
        stylesheets=[stylesheet], font_config=config, **options
    )
    pdf = document.write_pdf(**options)
    return BuiltBrochure(brochure.id, brochure.titre, brochure.type, pdf, len(document.pages))


def build_brochures(c: Catalogue, fonts: Path) -> list[BuiltBrochure]:
    """Every brochure of ``data/brochures.yml``, in order."""
    with timed("brochures"):
        return [build_brochure(c, brochure, fonts) for brochure in c.brochures]


class BrochuresInBackground:
    """:func:`build_brochures` running in a child process while the caller goes on.

    WeasyPrint takes most of a large build: laid out on the second core, the
    brochures cost little more than the pages' own rendering. The child comes
    from a fork server (a plain fork is unsafe once ``mkdocs serve`` runs its
    threads); the catalogue is sent to it, not read again from ``data/``. If
    the child dies (out of memory, killed), :meth:`result` says so instead of
    waiting forever.
    """

    def __init__(self, c: Catalogue, fonts: Path) -> None:
        context = multiprocessing.get_context("forkserver")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_build_and_send, args=(c, fonts, sender), daemon=True
        )
        self._process.start()
        sender.close()  # the child holds the only writing end: its death ends the pipe
        self._built: list[BuiltBrochure] | None = None

    def result(self) -> list[BuiltBrochure]:
        """The brochures, once laid out; a clear error if the child failed or died."""
        if self._built is None:
            try:
                ok, outcome = self._receiver.recv()
            except EOFError:
                raise RuntimeError(
                    "La mise en page des brochures s'est arrêtée sans résultat "
                    f"(code {self._process.exitcode} ; mémoire insuffisante ?)."
                ) from None
            self._process.join()
            if not ok:
                raise RuntimeError(f"La mise en page des brochures a échoué :\n{outcome}")
            self._built = outcome
        return self._built

    def cancel(self) -> None:
        """Stop the child at once (the build failed: nothing will be published)."""
        if self._process.is_alive():
            self._process.terminate()


def _build_and_send(c: Catalogue, fonts: Path, sender: Any) -> None:
    """In the child: the brochures, or the error's traceback (always picklable)."""
    die_with_parent()
    try:
        sender.send((True, build_brochures(c, fonts)))
    except BaseException:  # reported to the parent, which fails the build
        sender.send((False, traceback.format_exc()))
    finally:
        sender.close()
