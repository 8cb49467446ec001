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

from macros.site.processes import die_with_parent, is_alive
from macros.data.project import catalogue_for
from macros.site.timings import timed

STAMP = ".parcours-site"
"""Small file marking a folder as a site built by Parcours (so a later build may replace it)."""
_STAMP_TEXT = "Site construit par Parcours : la prochaine construction remplace ce dossier.\n"
_SOURCES = ("data", "docs", "macros", "overrides", ".git", "tests")
_TEMPORARY = re.compile(r"^\.site-(?:build|old)-(\d+)-")
REPORT_ENV = "PARCOURS_RAPPORT"
"""File where the engine's hooks write the French report of a failure, shown first."""


def record_failure(message: str) -> None:
    """Keep the French report of what stops the build, to show it first (see ``build_site``)."""
    report = os.environ.get(REPORT_ENV)
    if report:
        with open(report, "a", encoding="utf-8") as handle:
            handle.write(message.rstrip() + "\n")


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


def build_site(root: Path, out: Path | None = None) -> Path:
    """Validate ``root/data`` and build the site into ``out`` (default ``root/site``)."""
    root = root.resolve()
    out = (out or root / "site").resolve()
    check_output(root, out)
    catalogue_for(root)  # raises DataErrors before anything is written
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(out.parent)
        tmp = Path(tempfile.mkdtemp(prefix=f".site-build-{os.getpid()}-", dir=out.parent))
    except OSError as exc:
        raise BuildError(
            f"Impossible d'écrire dans « {out.parent} » ({exc.strerror or exc}). "
            "Le site publié n'a pas changé.\n"
            "  → vérifiez que le dossier existe et que vous avez le droit d'y écrire."
        ) from None
    handle, name = tempfile.mkstemp(prefix="parcours-rapport-", suffix=".txt")
    os.close(handle)
    report = Path(name)
    try:
        with timed("mkdocs"):
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict",
                 "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(tmp)],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1", REPORT_ENV: str(report)},
                preexec_fn=die_with_parent,
            )  # fmt: skip
        if result.returncode != 0:
            first = report.read_text(encoding="utf-8")
            raise BuildError(_explain(first, result.stdout + result.stderr))
        (tmp / STAMP).write_text(_STAMP_TEXT, encoding="utf-8")
        _swap(tmp, out)
    except OSError as exc:
        raise BuildError(
            f"Écriture du site impossible ({exc.strerror or exc} : {exc.filename or out}). "
            "Le site publié n'a pas changé."
        ) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        report.unlink(missing_ok=True)
    return out


def _swap(new: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".site-old-{os.getpid()}-", dir=out.parent))
        old.rmdir()
        out.rename(old)
    new.rename(out)
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
