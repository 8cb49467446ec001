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
import selectors
import signal
import traceback
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.brochures.cache import Cache
from macros.brochures.content import Charte, documents, with_codes
from macros.brochures.typeset import TypesetError, encode, key, typeset
from macros.present.statut import build_day
from macros.site.processes import die_with_parent
from macros.site.timings import timed

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

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
    each from the cache when unchanged (see :func:`build_brochures` for ``isolated``)."""
    return _build(c, [brochure], today, charte, cache or Cache(None), isolated)


def build_brochures(
    c: Catalogue,
    *,
    today: date | None = None,
    charte: Charte | None = None,
    cache_dir: Path | None = None,
    isolated: bool = False,
) -> list[BuiltBrochure]:
    """Every brochure of ``data/brochures.yml``, in order; the cache keeps only these.

    ``isolated``: each PDF laid out in a forked process of its own, two at a time on a
    machine of two cores or more. Typst keeps what it memoised for the life of the
    process (the Python binding cannot evict it): one guide after another, the memory
    added up (1.4 GB for the nine brochures of 1,000 activities, against 0.8 GB for the
    guide alone); a forked process gives it all back when it ends. Only for a process
    without threads (the brochures' own child process).
    """
    cache = Cache(cache_dir)
    with timed("brochures"):
        built = _build(c, c.brochures, today, charte, cache, isolated)
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


def _build(
    c: Catalogue,
    brochures: list[Brochure],
    today: date | None,
    charte: Charte | None,
    cache: Cache,
    isolated: bool,
) -> list[BuiltBrochure]:
    """The PDFs of ``brochures``: the cached ones taken, the others laid out together."""
    day = today or build_day()
    planned = []  # (brochure, volume, cache key, cached PDF and pages or None)
    sizes = []
    for brochure in brochures:
        for volume in documents(c, brochure, day, charte):
            encoded = encode(volume.data)
            digest = key(encoded)
            planned.append((brochure, volume, digest, cache.get(digest)))
            sizes.append(len(encoded))
    # The longest first: two at a time, the short ones fill in at the end.
    missing = sorted((i for i, p in enumerate(planned) if p[3] is None), key=lambda i: -sizes[i])
    jobs = [partial(_job, planned[i][1].data) for i in missing]
    laid = _typeset_apart(jobs, _workers()) if isolated else [typeset(job()) for job in jobs]
    fresh = dict(zip(missing, laid, strict=True))
    built = []
    for i, (brochure, volume, digest, kept) in enumerate(planned):
        pdf, pages = kept if kept is not None else fresh[i]
        if kept is None:
            cache.put(digest, pdf, pages)
        built.append(BuiltBrochure(
            volume.id, volume.titre, brochure.type, pdf, pages,
            reused=kept is not None, serie=volume.serie,
        ))  # fmt: skip
    return built


def _job(data: dict[str, Any]) -> str:
    """What Typst reads for ``data``: its QR codes drawn (only now: they are not cached)."""
    return encode(with_codes(data))


def _workers() -> int:
    """How many PDFs are laid out at once: two where there are two cores (each forked
    process holds one PDF of at most ``TOME_MAX`` entries: 0.4 GB at most)."""
    return max(1, min(2, len(os.sched_getaffinity(0))))


def _typeset_apart(jobs: Sequence[Callable[[], str]], workers: int) -> list[tuple[bytes, int]]:
    """:func:`typeset` of each job in a forked process, ``workers`` at a time, in order.

    A forked process gives all its memory back when it ends. A plain ``os.fork`` (the
    brochures' child is a daemon: ``multiprocessing`` refuses it children), read
    without threads (:mod:`selectors`); each forked process dies with its parent, as the
    parent does with the build. The first failure stops the others. Each job's data is
    written only when its turn comes, by its own process.
    """
    results: dict[int, tuple[bytes, int]] = {}
    pending = list(enumerate(jobs))[::-1]
    running: dict[int, tuple[int, int, bytearray]] = {}  # pipe → (job, pid, bytes read)
    selector = selectors.DefaultSelector()
    try:
        while pending or running:
            while pending and len(running) < workers:
                index, job = pending.pop()
                readable, pid = _fork_typeset(job)
                running[readable] = (index, pid, bytearray())
                selector.register(readable, selectors.EVENT_READ)
            for ready, _ in selector.select():
                fd = int(ready.fd)
                chunk = os.read(fd, 1 << 20)
                if chunk:
                    running[fd][2].extend(chunk)
                    continue
                selector.unregister(fd)
                os.close(fd)
                index, pid, data = running.pop(fd)
                results[index] = _outcome(pid, bytes(data))
    finally:
        for fd, (_, pid, _) in running.items():  # a failure: the others are not needed
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
            os.close(fd)
        selector.close()
    return [results[i] for i in range(len(jobs))]


def _fork_typeset(job: Callable[[], str]) -> tuple[int, int]:
    """A forked process writing ``job``'s data and laying it out: (the pipe its result comes
    by, its pid). The data is written there, not here: the next process starts at once."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the forked process: lay out, send, leave without cleanup
        os.close(readable)
        die_with_parent()
        try:
            result: tuple[bool, Any] = (True, typeset(job()))
        except TypesetError as exc:
            result = (False, str(exc))
        except BaseException:
            result = (False, traceback.format_exc())
        with os.fdopen(writable, "wb") as out:
            out.write(pickle.dumps(result))
        os._exit(0)
    os.close(writable)
    return readable, pid


def _outcome(pid: int, data: bytes) -> tuple[bytes, int]:
    """What a forked process sent, once it ended; a clear error if it died silently."""
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
