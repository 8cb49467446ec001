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
from pathlib import Path
from typing import TYPE_CHECKING, Any

import watchfiles

from macros.brochures import BrochuresInBackground
from macros.data.errors import DataErrors
from macros.data.project import catalogue_for
from macros.site.engines import engine
from macros.site.processes import die_with_parent
from macros.site.staging import BROCHURES, ConfigError, Staged, remove, stage, write_brochures
from macros.site.theme import ThemeError

if TYPE_CHECKING:
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
        self.report = ""
        self.brochures: BrochuresInBackground | None = None
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
            stage(self.root, self.staged, None, self.site_dir, errors=exc.errors, preview=True)
            return
        if self.report:
            print("Données corrigées : l'aperçu reprend.", file=sys.stderr, flush=True)
        self.report = ""
        stage(self.root, self.staged, catalogue, self.site_dir, preview=True)
        if catalogue is not self.catalogue:
            self.catalogue = catalogue
            self._lay_out(catalogue)

    def _cancel_brochures(self) -> None:
        if self.brochures is not None:
            self.brochures.cancel()
            self.brochures = None
        (self.staged.folder / BROCHURES).unlink(missing_ok=True)

    def _lay_out(self, catalogue: Catalogue) -> None:
        """Lay the brochures out in the background; their page is rebuilt once they are ready."""
        self._cancel_brochures()
        pending = BrochuresInBackground(catalogue, self.root / "docs" / "assets" / "fonts")
        self.brochures = pending

        def deliver() -> None:
            try:
                built = pending.result()
            except RuntimeError as exc:
                if self.brochures is pending:  # told in the terminal; the page stays « en cours »
                    print(str(exc), file=sys.stderr, flush=True)
                return
            if self.brochures is not pending:
                return  # data changed meanwhile: a newer layout is on its way
            for brochure in built:
                target = self.staged.docs / "brochures" / brochure.filename
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(brochure.pdf)
            write_brochures(self.staged.folder, built)
            page = self.staged.docs / "brochures.md"
            if page.exists():
                page.touch()  # the engine's server rebuilds the brochures' page

        threading.Thread(target=deliver, daemon=True).start()

    def start_server(self) -> None:
        command = self.adapter.serve_command(self.staged.config_file, self.address)
        self.server = subprocess.Popen(
            command,
            cwd=self.staged.folder,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            preexec_fn=die_with_parent,
        )

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
