"""PDF brochures (Typst), from the same data as the site, fully offline.

``data/brochures.yml`` says which brochures to build. For each one,
:mod:`~macros.brochures.content` writes what it prints as plain data, and
:mod:`~macros.brochures.typeset` lays it out with Typst as a tagged PDF/UA-1
document, unless :mod:`~macros.brochures.cache` holds the PDF of exactly that
data already.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.brochures.cache import Cache
from macros.brochures.content import Charte, documents, with_codes
from macros.brochures.typeset import TypesetError, encode, key, typeset
from macros.site.processes import die_with_parent
from macros.site.timings import timed

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
    from macros.data.models import Brochure

__all__ = [
    "BrochureError",
    "BrochuresInBackground",
    "BuiltBrochure",
    "Charte",
    "build_brochure",
    "build_brochures",
]


class BrochureError(RuntimeError):
    """A brochure that cannot be published as asked (in French, for the editor)."""


@dataclass(frozen=True)
class BuiltBrochure:
    """A brochure as published: its file name, bytes and page count (as laid out)."""

    id: str
    titre: str
    type: str
    pdf: bytes
    pages: int
    reused: bool = False
    """Taken from the cache, not laid out again."""
    serie: str | None = None
    """The whole guide's title, for one of its volumes (a guide too long for one PDF)."""

    @property
    def filename(self) -> str:
        return f"{self.id}.pdf"

    @property
    def size(self) -> int:
        return len(self.pdf)


def build_brochure(
    c: Catalogue,
    brochure: Brochure,
    *,
    today: date | None = None,
    charte: Charte | None = None,
    cache: Cache | None = None,
    isolated: bool = False,
) -> list[BuiltBrochure]:
    """One brochure as tagged PDF/UA-1 documents (one, or a long guide's volumes),
    each from the cache when unchanged.

    ``isolated``: each PDF laid out in a forked process of its own. Typst keeps what it
    memoised for the life of the process (the Python binding cannot evict it): one guide
    after another, the memory added up (1.4 GB for the nine brochures of 1,000
    activities, against 0.8 GB for the guide alone). Only for a process without threads
    (the brochures' own child process).
    """
    cache = cache or Cache(None)
    built = []
    for volume in documents(c, brochure, today or date.today(), charte):
        digest = key(encode(volume.data))
        kept = cache.get(digest)
        if kept is not None:
            pdf, pages = kept
        else:
            encoded = encode(with_codes(volume.data))
            pdf, pages = _typeset_apart(encoded) if isolated else typeset(encoded)
            cache.put(digest, pdf, pages)
        built.append(BuiltBrochure(
            volume.id, volume.titre, brochure.type, pdf, pages,
            reused=kept is not None, serie=volume.serie,
        ))  # fmt: skip
    return built


def build_brochures(
    c: Catalogue,
    *,
    today: date | None = None,
    charte: Charte | None = None,
    cache_dir: Path | None = None,
    isolated: bool = False,
) -> list[BuiltBrochure]:
    """Every brochure of ``data/brochures.yml``, in order; the cache keeps only these."""
    cache = Cache(cache_dir)
    with timed("brochures"):
        built = [
            pdf
            for b in c.brochures
            for pdf in build_brochure(
                c, b, today=today, charte=charte, cache=cache, isolated=isolated
            )
        ]
    names: dict[str, str] = {}
    for b in built:
        if b.filename in names:
            raise BrochureError(
                f"Deux brochures auraient le même fichier « {b.filename} » : "
                f"« {names[b.filename]} » et « {b.titre} ».\n"
                "    → dans data/brochures.yml, changez l’id de l’une d’elles (un guide "
                "trop long pour un seul PDF est publié en volumes nommés id-tranche-d-age)."
            )
        names[b.filename] = b.titre
    cache.prune()
    return built


def _typeset_apart(encoded: str) -> tuple[bytes, int]:
    """:func:`typeset` in a forked process, which gives all its memory back when it ends.

    A plain ``os.fork`` (the brochures' child is a daemon: ``multiprocessing`` refuses it
    children); the forked process dies with its parent, as the parent does with the build.
    """
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the forked process: lay out, send, leave without cleanup
        os.close(readable)
        die_with_parent()
        try:
            result: tuple[bool, Any] = (True, typeset(encoded))
        except TypesetError as exc:
            result = (False, str(exc))
        except BaseException:
            result = (False, traceback.format_exc())
        with os.fdopen(writable, "wb") as out:
            out.write(pickle.dumps(result))
        os._exit(0)
    os.close(writable)
    with os.fdopen(readable, "rb") as channel:
        data = channel.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise RuntimeError(
            "La mise en page d'une brochure s'est arrêtée sans résultat "
            f"(code {os.waitstatus_to_exitcode(status)} ; mémoire insuffisante ?)."
        )
    ok, outcome = pickle.loads(data)
    if not ok:
        raise TypesetError(outcome)
    pdf, pages = outcome
    return pdf, pages


class BrochuresInBackground:
    """:func:`build_brochures` running in a child process while the caller goes on.

    The brochures are laid out on the second core while the engine renders the
    pages. The child comes from a fork server (a plain fork is unsafe once
    ``mkdocs serve`` runs its threads); the catalogue is sent to it, not read
    again from ``data/``. If the child dies (out of memory, killed),
    :meth:`result` says so instead of waiting forever.
    """

    def __init__(
        self,
        c: Catalogue,
        *,
        charte: Charte | None = None,
        cache_dir: Path | None = None,
        gentle: bool = False,
    ) -> None:
        """``gentle``: at a lower priority (the preview: the pages an editor waits for first)."""
        context = multiprocessing.get_context("forkserver")
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_build_and_send, args=(c, charte, cache_dir, gentle, sender), daemon=True
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


def _build_and_send(
    c: Catalogue, charte: Charte | None, cache_dir: Path | None, gentle: bool, sender: Any
) -> None:
    """In the child: the brochures, or the error's traceback (always picklable)."""
    die_with_parent()
    if gentle:
        os.nice(10)
    try:
        built = build_brochures(c, charte=charte, cache_dir=cache_dir, isolated=True)
        sender.send((True, built))
    except (TypesetError, BrochureError) as exc:  # in words for the editor, no traceback
        sender.send((False, str(exc)))
    except BaseException:  # reported to the parent, which fails the build
        sender.send((False, traceback.format_exc()))
    finally:
        sender.close()
