"""Every failure is a French message, no traceback; nothing deleted that Parcours did not make.

Files of data/ that cannot be read are in ``data/test_reader_limits.py``, the
inline-script policy on small pages in ``site/test_csp.py``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from macros.cli import main
from macros.site.build import STAMP, OutputRefused, build_site, check_output, remove_stale

# --- the output folder ------------------------------------------------------------------------


def _canary(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    canary = folder / "canari.txt"
    canary.write_text("à garder", encoding="utf-8")
    return canary


@pytest.mark.parametrize(
    ("sortie", "message"),
    [
        (".", "contient le projet lui-même"),
        ("..", "contient le projet lui-même"),
        ("data", "est dans le dossier data/"),
        ("docs/site", "est dans le dossier docs/"),
        ("macros", "est dans le dossier macros/"),
        ("overrides/x", "est dans le dossier overrides/"),
        ("mes-notes", "n'est pas vide et n'a pas été construit par Parcours"),
    ],
)
def test_an_output_that_would_swallow_files_is_refused(
    mini: Path, capsys: pytest.CaptureFixture[str], sortie: str, message: str
) -> None:
    canaries = [_canary(mini / "mes-notes"), _canary(mini / "data" / "notes")]
    before = sorted(p.relative_to(mini) for p in mini.rglob("*"))
    assert main(["--projet", str(mini), "build", "--sortie", str(mini / sortie)]) == 1
    err = capsys.readouterr().err
    assert "Dossier de sortie refusé" in err and message in err and "Traceback" not in err
    assert sorted(p.relative_to(mini) for p in mini.rglob("*")) == before
    assert all(c.read_text(encoding="utf-8") == "à garder" for c in canaries)


def test_a_file_as_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "projet").mkdir()
    target = tmp_path / "fichier"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(OutputRefused, match="n'est pas un dossier"):
        check_output(tmp_path / "projet", target)


@pytest.mark.slow
def test_a_previous_build_is_replaced_and_stamped(mini: Path) -> None:
    out = mini.parent / "publie"
    build_site(mini, out)
    assert (out / STAMP).is_file()
    (out / "ancien.html").write_text("ancien", encoding="utf-8")
    build_site(mini, out)  # our own build: replaced whole
    assert not (out / "ancien.html").exists() and (out / "index.html").is_file()


def test_stale_folders_of_dead_builds_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".site-build-{dead.pid}-abc"
    live = tmp_path / f".site-build-{os.getpid()}-def"
    foreign = tmp_path / ".site-quelquechose"
    for folder in (stale, live, foreign):
        _canary(folder)
    assert remove_stale(tmp_path) == [stale]
    assert not stale.exists() and live.exists() and foreign.exists()


def test_an_unwritable_output_is_a_french_message(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if os.geteuid() == 0:
        # root writes anywhere: use a path under a file instead of a read-only folder
        blocker = tmp_path / "bloque"
        blocker.write_text("x", encoding="utf-8")
        out = blocker / "site"
    else:  # pragma: no cover - CI runs as root
        locked = tmp_path / "verrou"
        locked.mkdir(mode=0o500)
        out = locked / "site"
    assert main(["--projet", str(mini), "build", "--sortie", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Impossible d'écrire dans" in err and "Traceback" not in err


# --- processes --------------------------------------------------------------------------------

CHILD = """
import subprocess, sys, time
from macros.site.processes import die_with_parent
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                         preexec_fn=die_with_parent)
print(child.pid, flush=True)
time.sleep(60)
"""


def test_a_killed_build_leaves_no_child_running() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    parent.kill()  # as `kill -9` would: no chance to clean up
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    pytest.fail("le processus enfant a survécu à son parent")


@pytest.mark.slow
def test_ctrl_c_during_a_build_is_a_french_sentence(mini: Path) -> None:
    before = sorted(p.name for p in mini.iterdir())
    process = subprocess.Popen(
        [sys.executable, "-m", "macros", "--projet", str(mini), "build"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(mini)},
    )
    deadline = time.monotonic() + 60
    while not list(mini.glob(".site-build-*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until MkDocs works
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Construction interrompue ; le site publié n'a pas changé." in err
    assert "Traceback" not in err
    assert sorted(p.name for p in mini.iterdir()) == before  # no site/, no temporary folder


@pytest.mark.slow
def test_an_inline_script_in_a_page_fails_the_whole_build(mini: Path) -> None:
    page = mini / "docs" / "mentions-legales.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n")
    with pytest.raises(Exception, match="Script inconnu") as caught:
        build_site(mini)
    text = str(caught.value)
    assert text.index("Script inconnu") < 200  # the reason comes first, not after MkDocs' lists
    assert "mentions-legales/index.html : « alert(1) »" in text
    assert not (mini / "site").exists()


@pytest.mark.slow
def test_a_site_published_in_a_subfolder_builds(mini: Path) -> None:
    """Material writes the address's path into a theme script of the 404 page: still allowed."""
    commune = mini / "data" / "commune.yml"
    text = commune.read_text(encoding="utf-8")
    commune.write_text(
        text.replace(
            'url: "https://parcours.example.org/"', 'url: "https://x.example.org/parcours/"'
        ),
        encoding="utf-8",
    )
    site = build_site(mini)
    assert 'new URL("/parcours/",location)' in (site / "404.html").read_text(encoding="utf-8")
    judo = (site / "activites" / "judo" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://x.example.org/parcours/activites/judo/">' in judo


def _with_a_guide(project: Path) -> None:
    (project / "data" / "brochures.yml").write_text(
        'brochures:\n  - {id: guide, titre: "Le guide", type: guide-activites}\n', encoding="utf-8"
    )


@pytest.mark.slow
def test_a_brochure_that_fails_fails_the_build_and_the_published_site_stays(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``make site`` publishes nothing without its brochures (the failure is simulated: the
    layout process reports one, as it does when Typst refuses a document)."""
    from macros.site import build

    _with_a_guide(mini)
    out = mini.parent / "publie"
    build_site(mini, out)
    assert (out / "brochures" / "guide.pdf").is_file()

    class Failing:
        def __init__(self, *args: object, **kwargs: object) -> None: ...

        def result(self) -> list[object]:
            raise RuntimeError("La mise en page des brochures a échoué :\nTypst : exemple")

        def cancel(self) -> None: ...

    monkeypatch.setattr(build, "BrochuresInBackground", Failing)
    (mini / "docs" / "mentions-legales.md").write_text("# Nouvelles mentions\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match="La mise en page des brochures a échoué"):
        build_site(mini, out)
    assert (out / "brochures" / "guide.pdf").is_file()  # the previous site, untouched
    assert "Nouvelles mentions" not in (out / "mentions-legales" / "index.html").read_text("utf-8")


@pytest.mark.slow
def test_a_logo_the_brochures_cannot_print_is_a_french_message_before_anything_is_built(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_a_guide(mini)
    (mini / "docs" / "assets" / "logo.svg").write_text("<html>pas un logo</html>", "utf-8")
    before = sorted(p.name for p in mini.iterdir())
    assert main(["--projet", str(mini), "build"]) == 1
    err = capsys.readouterr().err
    assert "theme.logo « assets/logo.svg »" in err and "SVG valide" in err, err
    assert "Traceback" not in err
    assert sorted(p.name for p in mini.iterdir()) == before
