"""``parcours serve``: the staged folder kept up to date, served by the engine's own server.

Parcours watches ``data/``, ``docs/``, ``mkdocs.yml`` and its own code itself
(watchfiles), re-stages what changed — only files whose content changed are
rewritten — and the engine's server, which watches the staged folder and the
theme, rebuilds and reloads the tab. With errors in ``data/``, the preview
keeps running: the terminal gets the French report once, every page the
error page, until the files are fixed. The brochures are laid out in the
background; their page says so and fills in when they are ready.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

import watchfiles

from macros.brochures import BrochuresInBackground
from macros.brochures.cache import FOLDER as CACHE
from macros.brochures.typeset import inputs_signature
from macros.data.errors import DataErrors
from macros.data.project import catalogue_for
from macros.present.statut import build_day, past_year_warning
from macros.site.engines import engine
from macros.site.processes import die_with_parent
from macros.site.staging import (
    BROCHURES,
    ConfigError,
    Staged,
    project_config,
    remove,
    stage,
    write_brochures,
)
from macros.site.theme import ThemeError, charte

if TYPE_CHECKING:
    from macros.brochures import BuiltBrochure, Charte
    from macros.data.catalogue import Catalogue

_WATCHED = ("data", "docs", "macros", "overrides", "mkdocs.yml")


class Preview:
    """One preview: its staged folder, the engine's server, the brochures being laid out."""

    def __init__(self, root: Path, address: str, moteur: str) -> None:
        self.root = root
        self.address = address
        self.adapter = engine(moteur)
        folder = Path(tempfile.mkdtemp(prefix="parcours-apercu-"))
        self.staged = Staged(folder, self.adapter)
        self.site_dir = folder / "site"
        self.catalogue: Catalogue | None = None
        self.charte: Charte | None = None
        self.templates: tuple[tuple[str, int], ...] = ()
        self.report = ""
        self.brochures: BrochuresInBackground | None = None
        self._lock = threading.Lock()
        self.serving = threading.Event()
        """Set once the engine's server answers: it watches the staged folder from then on."""
        self._delivered: set[str] = set()
        """File names of the PDFs this preview put in the staged folder."""
        self.server: subprocess.Popen[bytes] | None = None

    def restage(self) -> None:
        """Bring the staged folder up to date with the project (errors shown, not raised)."""
        try:
            catalogue = catalogue_for(self.root)
        except DataErrors as exc:
            if exc.report() != self.report:  # once per new report, not on every rebuild
                print(exc.report(), file=sys.stderr, flush=True)
            self.report = exc.report()
            self._cancel_brochures()
            self.catalogue = None  # once fixed, the brochures are laid out again
            stage(self.root, self.staged, None, self.site_dir, errors=exc.errors, preview=True)
            return
        if self.report:
            print("Données corrigées : l'aperçu reprend.", file=sys.stderr, flush=True)
        if self.catalogue is None:  # once, not on every edit
            warning = past_year_warning(catalogue, build_day())
            if warning:
                print(warning, file=sys.stderr, flush=True)
        self.report = ""
        stage(self.root, self.staged, catalogue, self.site_dir, preview=True)
        look = charte(self.root, project_config(self.root))  # checked by the staging
        templates = inputs_signature()
        changed = catalogue is not self.catalogue  # a new catalogue: the data changed
        if changed or look != self.charte or templates != self.templates:
            self.catalogue, self.charte, self.templates = catalogue, look, templates
            self._lay_out(catalogue, look)

    def _cancel_brochures(self) -> None:
        with self._lock:
            if self.brochures is not None:
                self.brochures.cancel()
                self.brochures = None
            (self.staged.folder / BROCHURES).unlink(missing_ok=True)

    def _lay_out(self, catalogue: Catalogue, look: Charte) -> None:
        """Lay the brochures out in the background; their page is rebuilt once they are ready.

        The pages never wait for them: meanwhile the brochures' page says they
        are being laid out. Unchanged brochures come from the cache at once.
        """
        self._cancel_brochures()
        with self._lock:
            pending = BrochuresInBackground(
                catalogue, charte=look, cache_dir=self.root / CACHE, gentle=True
            )
            self.brochures = pending
        threading.Thread(target=self._deliver, args=(pending,), daemon=True).start()

    def _deliver(self, pending: BrochuresInBackground) -> None:
        """Once laid out: the PDFs into the staged folder, their page rebuilt (this layout only)."""
        try:
            built: list[BuiltBrochure] | None = pending.result()
            error = None
        except RuntimeError as exc:
            built, error = None, str(exc)
        # Nothing is added to the staged folder during the server's first build: it lists the
        # files first and renders the brochures' page last, so PDFs written meanwhile would be
        # linked but missing (its link check stops it), and it watches only once it serves.
        self.serving.wait(600)
        with self._lock:  # a newer layout may not start while this one is delivered
            if self.brochures is not pending:
                return  # data changed meanwhile: a newer layout is on its way
            folder = self.staged.docs / "brochures"
            if built is None:
                print(error, file=sys.stderr, flush=True)
                write_brochures(self.staged.folder, None, error)
            else:
                folder.mkdir(parents=True, exist_ok=True)
                names = {b.filename for b in built}
                for stale in self._delivered - names:  # a brochure taken out of brochures.yml
                    (folder / stale).unlink(missing_ok=True)
                for brochure in built:
                    target = folder / brochure.filename
                    if not target.exists() or target.read_bytes() != brochure.pdf:
                        target.write_bytes(brochure.pdf)
                self._delivered = names
                write_brochures(self.staged.folder, built)
            page = self.staged.docs / "brochures.md"
            if page.exists():
                page.touch()  # the engine's server rebuilds the brochures' page

    def start_server(self) -> None:
        command = self.adapter.serve_command(self.staged.config_file, self.address)
        self.server = subprocess.Popen(
            command,
            cwd=self.staged.folder,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            preexec_fn=die_with_parent,
        )
        threading.Thread(target=self._wait_until_serving, args=(self.server,), daemon=True).start()

    def _wait_until_serving(self, server: subprocess.Popen[bytes]) -> None:
        """Set :attr:`serving` once the engine's server answers (its first build is done)."""
        while server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://{self.address}/", timeout=5):
                    break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                time.sleep(0.2)
        self.serving.set()

    def stop(self) -> None:
        self._cancel_brochures()
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.server.kill()
        remove(self.staged)


def serve(root: Path, address: str, moteur: str = "mkdocs") -> int:
    """Run the preview until Ctrl+C (or a stop signal); returns the exit code."""
    preview = Preview(root, address, moteur)
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    try:
        preview.restage()
        print(f"Aperçu sur http://{address}/ (Ctrl+C pour arrêter)", flush=True)
        preview.start_server()
        watched = [root / name for name in _WATCHED if (root / name).exists()]
        for changes in watchfiles.watch(*watched, stop_event=stop, rust_timeout=500,
                                        yield_on_timeout=True):  # fmt: skip
            if preview.server is not None and preview.server.poll() is not None:
                print("Le serveur d'aperçu s'est arrêté.", file=sys.stderr, flush=True)
                return 1
            if not changes:
                continue
            paths = {Path(path) for _, path in changes}
            if any(p.is_relative_to(root / "macros") and p.suffix == ".py" for p in paths):
                # Parcours's own code changed: the preview starts again with it.
                preview.stop()
                os.execv(sys.executable, [sys.executable, "-m", "macros", *sys.argv[1:]])
            try:
                preview.restage()
            except (ConfigError, ThemeError) as exc:  # the preview waits for the fix
                print(str(exc), file=sys.stderr, flush=True)
            except FileNotFoundError:
                continue  # a file removed while read (an editor saving): the next change re-stages
    except KeyboardInterrupt:
        pass
    except (ConfigError, ThemeError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        preview.stop()
    return 0
