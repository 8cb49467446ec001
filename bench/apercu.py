"""The preview after an edit: ``parcours serve`` on a project, one activity's title changed,
and the time until the page shows the new title (the brochures are not waited for)."""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float, process: subprocess.Popen[bytes]) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in _fetch(url):
            return time.perf_counter() - start
        if process.poll() is not None:
            raise RuntimeError(f"parcours serve s'est arrêté (code {process.returncode})")
        time.sleep(0.05)
    raise RuntimeError(f"« {text} » absent de {url} après {timeout} s")


def edit_to_visible(project: Path, parcours: Path, rounds: int = 3) -> dict[str, float]:
    """Median seconds from saving a new title to the page showing it, over ``rounds`` edits."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (project / "apercu.log").open("wb")  # why, if it stops
    process = subprocess.Popen(
        [str(parcours), "serve", "--adresse", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=log,
        env={**os.environ},
    )
    try:
        first = sorted((project / "data" / "activites").glob("*.yml"))[0]
        url = f"{base}/activites/{first.stem}/"
        started = time.perf_counter()
        _wait_for(url, "<h1", 600, process)
        figures = {"apercu_demarrage_s": time.perf_counter() - started}
        _wait_for(f"{base}/brochures/", ".pdf", 600, process)  # settled: the first layout delivered
        time.sleep(2)
        durations = []
        for n in range(rounds):
            text = first.read_text(encoding="utf-8")
            title = f"Titre modifié numéro {n + 1}"
            lines = [
                f'titre: "{title}"' if line.startswith("titre:") else line
                for line in text.splitlines()
            ]
            first.write_text("\n".join(lines) + "\n", encoding="utf-8")
            durations.append(_wait_for(url, title, 300, process))
            _wait_for(f"{base}/brochures/", ".pdf", 300, process)  # the brochures follow, unwaited
            time.sleep(2)
        figures["apercu_titre_s"] = statistics.median(durations)
        return figures
    finally:
        log.close()
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    print(edit_to_visible(Path(sys.argv[1]), Path(sys.executable).parent / "parcours"))
