"""Every failure is a French message, no traceback; nothing deleted that Parcours did not make."""

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
from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue
from macros.site.build import STAMP, OutputRefused, build_site, check_output, remove_stale
from macros.site.csp import PolicyError, ThemeScripts, apply_policy

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


# --- data files that are not plain files ------------------------------------------------------


def test_a_fifo_a_device_and_a_link_out_of_data_are_refused(
    mini_data: Path, tmp_path: Path
) -> None:
    activites = mini_data / "data" / "activites"
    os.mkfifo(activites / "tube.yml")
    (activites / "zero.yml").symlink_to("/dev/zero")
    outside = tmp_path / "dehors.yml"
    outside.write_text("titre: x\n", encoding="utf-8")
    (activites / "dehors.yml").symlink_to(outside)
    start = time.monotonic()
    with pytest.raises(DataErrors) as caught:
        load_catalogue(mini_data)
    assert time.monotonic() - start < 10  # no hang on the pipe
    errors = {e.file: e.message for e in caught.value.errors}
    assert "ce n'est pas un fichier ordinaire" in errors["data/activites/tube.yml"]
    assert "hors de data/" in errors["data/activites/zero.yml"]
    assert "hors de data/" in errors["data/activites/dehors.yml"]


@pytest.mark.parametrize("depth", [30, 1_000, 50_000])
def test_deep_nesting_is_refused_without_crashing(mini_data: Path, depth: int) -> None:
    file = mini_data / "data" / "activites" / "profond.yml"
    file.write_text("titre: x\nlabels: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_catalogue(mini_data)
    (error,) = [e for e in caught.value.errors if e.file == "data/activites/profond.yml"]
    assert error.line == 2 and "imbrication trop profonde" in error.message


def test_deep_block_nesting_is_refused_too(mini_data: Path) -> None:
    file = mini_data / "data" / "activites" / "profond.yml"
    file.write_text("titre: x\nlabels:\n" + "".join("  " * i + "-\n" for i in range(40)))
    with pytest.raises(DataErrors) as caught:
        load_catalogue(mini_data)
    assert any("imbrication trop profonde" in e.message for e in caught.value.errors)


# --- the policy -------------------------------------------------------------------------------

THEME = ThemeScripts.from_templates([ROOT / "overrides"])


def _page(tmp_path: Path, body: str) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<!doctype html><html><head><meta charset="utf-8"></head><body>{body}</body></html>',
        encoding="utf-8",
    )
    return site


def test_the_theme_scripts_are_allowed_and_put_in_a_meta_policy(tmp_path: Path) -> None:
    script = '<script>document.documentElement.classList.add("pc-js")</script>'
    site = _page(tmp_path, script + '<script type="application/ld+json">{"a": 1}</script>')
    (hashed,) = apply_policy(site, THEME)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert html.startswith(
        '<!doctype html><html><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src'
    )
    assert hashed in html and "frame-ancestors" not in html.split("<body>")[0]
    assert f"script-src 'self' 'wasm-unsafe-eval' {hashed};" in (site / "_headers").read_text()


@pytest.mark.parametrize(
    "script",
    [
        "<script>alert(1)</script>",
        '<script type="text/javascript">alert(1)</script>',
        '<script type="module">import("x")</script>',
        '<script>document.documentElement.classList.add("pc-js");alert(1)</script>',
    ],
)
def test_an_unknown_inline_script_fails(tmp_path: Path, script: str) -> None:
    site = _page(tmp_path, script)
    with pytest.raises(PolicyError, match="Script inconnu dans les pages construites") as caught:
        apply_policy(site, THEME)
    assert "index.html" in str(caught.value)
    assert not (site / "_headers").exists()


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
