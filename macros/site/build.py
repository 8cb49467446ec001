"""Build the whole site into a temporary directory, then swap it into place.

A failed build (bad data, a macro error, a warning in strict mode, a broken
link, Pagefind failing) leaves the previous ``site/`` exactly as it was.
The output folder is checked first: it can never be the project, one of its
source folders, or a folder that Parcours did not build (nothing is deleted
that Parcours did not create).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from macros.brochures import BrochuresInBackground
from macros.brochures.cache import FOLDER as CACHE
from macros.present.statut import build_day, past_year_warning
from macros.site.dates import SHALLOW_WARNING, is_shallow
from macros.site.engines import engine
from macros.site.finish import FinishError, finish
from macros.site.processes import die_with_parent, is_alive
from macros.site.report import REPORT_ENV, record_failure
from macros.site.staging import ConfigError, Staged, project_config, stage, write_brochures
from macros.site.theme import ThemeError, charte
from macros.data.project import catalogue_for
from macros.site.timings import timed

if TYPE_CHECKING:
    from macros.brochures import BuiltBrochure

STAMP = ".parcours-site"
"""Small file marking a folder as a site built by Parcours (so a later build may replace it)."""
_STAMP_TEXT = "Site construit par Parcours : la prochaine construction remplace ce dossier.\n"
_SOURCES = ("data", "docs", "macros", "overrides", ".git", "tests")
_TEMPORARY = re.compile(r"^\.site-(?:build|old|stage)-(\d+)-")


class BuildError(RuntimeError):
    """MkDocs (or a step it runs) failed; the message holds its output."""


class OutputRefused(BuildError):
    """The output folder would swallow something Parcours did not create."""


def check_output(root: Path, out: Path) -> None:
    """Refuse an output folder that is, holds or lies inside the project's sources."""
    root, out = root.resolve(), out.resolve()
    hint = "\n  → choisissez un dossier neuf ou vide, par exemple « --sortie site »."
    if out == root or root.is_relative_to(out):
        raise OutputRefused(
            f"Dossier de sortie refusé : « {out} » contient le projet lui-même ; "
            "la construction l'aurait effacé. Rien n'a été modifié." + hint
        )
    for name in _SOURCES:
        if out.is_relative_to(root / name):
            raise OutputRefused(
                f"Dossier de sortie refusé : « {out} » est dans le dossier {name}/ du projet. "
                "Rien n'a été modifié." + hint
            )
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise OutputRefused(
            f"Dossier de sortie refusé : « {out} » n'est pas un dossier. Rien n'a été modifié."
            + hint
        )
    if out.is_dir() and any(out.iterdir()) and not is_parcours_site(out):
        raise OutputRefused(
            f"Dossier de sortie refusé : « {out} » n'est pas vide et n'a pas été construit par "
            "Parcours ; son contenu serait effacé. Rien n'a été modifié." + hint
        )


def is_parcours_site(folder: Path) -> bool:
    """A folder built by Parcours: its stamp, or (before stamps) its Pagefind index and headers."""
    if (folder / STAMP).is_file():
        return True
    return (folder / "_headers").is_file() and (folder / "pagefind" / "pagefind.js").is_file()


def remove_stale(parent: Path) -> list[Path]:
    """Remove the temporary folders of earlier builds that were killed (their process is gone)."""
    removed = []
    for entry in parent.glob(".site-*"):
        match = _TEMPORARY.match(entry.name)
        if match and entry.is_dir() and not entry.is_symlink() and not is_alive(int(match[1])):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def build_site(root: Path, out: Path | None = None, moteur: str = "mkdocs") -> Path:
    """Validate ``root/data`` and build the site into ``out`` (default ``root/site``).

    Before the engine, the staged folder; the engine; after it, the brochures,
    the checks and the search index; then the new site takes the old one's place.
    """
    root = root.resolve()
    out = (out or root / "site").resolve()
    check_output(root, out)
    catalogue = catalogue_for(root)  # raises DataErrors before anything is written
    warning = past_year_warning(catalogue, build_day())
    if warning:
        print(warning, file=sys.stderr, flush=True)
    if is_shallow(root):
        print(SHALLOW_WARNING, file=sys.stderr, flush=True)
    adapter = engine(moteur)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(out.parent)
        tmp = Path(tempfile.mkdtemp(prefix=f".site-build-{os.getpid()}-", dir=out.parent))
        folder = Path(tempfile.mkdtemp(prefix=f".site-stage-{os.getpid()}-", dir=out.parent))
    except OSError as exc:
        raise BuildError(
            f"Impossible d'écrire dans « {out.parent} » ({exc.strerror or exc}). "
            "Le site publié n'a pas changé.\n"
            "  → vérifiez que le dossier existe et que vous avez le droit d'y écrire."
        ) from None
    handle, name = tempfile.mkdtemp(prefix="parcours-rapport-"), "rapport.txt"
    report = Path(handle) / name
    report.touch()
    pending: BrochuresInBackground | None = None
    process: subprocess.Popen[str] | None = None
    try:
        # The brochures are laid out on the other core while the engine renders the pages.
        if catalogue.brochures:
            pending = BrochuresInBackground(
                catalogue, charte=charte(root, project_config(root)), cache_dir=root / CACHE
            )
        output = adapter.output_dir(folder, tmp)
        staged = stage(root, Staged(folder, adapter), catalogue, output)
        with timed(adapter.name):
            process = subprocess.Popen(
                adapter.build_command(staged.config_file, tmp),
                cwd=folder,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", REPORT_ENV: str(report)},
                preexec_fn=die_with_parent,
            )
            built = _brochures(pending, folder)
            log, _ = process.communicate()
        if process.returncode != 0 or (adapter.name == "zensical" and _zensical_failed(log)):
            raise BuildError(_explain(report.read_text(encoding="utf-8"), log))
        if isinstance(built, str):
            raise BuildError(_explain(built, ""))
        if output != tmp:
            tmp.rmdir()
            output.rename(tmp)
        theme = project_config(root).get("theme") or {}
        custom = root / str(theme["custom_dir"]) if theme.get("custom_dir") else None
        finish(tmp, folder, adapter.theme_dirs(custom), brochures=built,
               whole_page_pass=adapter.whole_page_pass)  # fmt: skip
        (tmp / STAMP).write_text(_STAMP_TEXT, encoding="utf-8")
        _swap(tmp, out)
    except (FinishError, ConfigError, ThemeError) as exc:
        raise BuildError(_explain(str(exc), "")) from None
    except OSError as exc:
        raise BuildError(
            f"Écriture du site impossible ({exc.strerror or exc} : {exc.filename or out}). "
            "Le site publié n'a pas changé."
        ) from None
    finally:
        if process is not None and process.poll() is None:  # stopped early: the engine too
            process.kill()
            process.wait()
        if pending is not None:
            pending.cancel()
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(handle, ignore_errors=True)
    return out


def _brochures(pending: BrochuresInBackground | None, folder: Path) -> list[BuiltBrochure] | str:
    """The laid-out brochures (told to their page as soon as known), or the error's report."""
    if pending is None:
        write_brochures(folder, [])
        return []
    try:
        built = pending.result()
    except Exception as exc:  # any failure reaches the page waiting for them, then the report
        message = str(exc) if isinstance(exc, RuntimeError) else f"Brochures : {exc!r}"
        write_brochures(folder, None, message)
        return message
    write_brochures(folder, built)
    return built


def _zensical_failed(output: str) -> bool:
    """Zensical 0.0.x may report an error and still exit 0."""
    return "Error" in output and "Traceback" in output


def _swap(new: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".site-old-{os.getpid()}-", dir=out.parent))
        old.rmdir()
        out.rename(old)
    try:
        new.rename(out)
    except OSError:
        if old is not None:  # the published site goes back in place: nothing changed
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


_NOISE = re.compile(
    r"^(INFO|DEBUG)\b|^\s*-\s|^Aborted with \d+ warnings|^Traceback|^\s+File \"|^\s{4}"
)


def _explain(report: str, output: str) -> str:
    """The French report first, then what MkDocs said that is not noise."""
    lines = [line for line in output.splitlines() if line.strip() and not _NOISE.match(line)]
    if report:
        lines = [line for line in lines if line.strip() not in report]
    head = "La construction du site a échoué ; le site publié n'a pas été modifié.\n"
    return head + (report.rstrip() + "\n" if report else "") + "\n".join(lines[:40])
