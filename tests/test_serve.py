"""`parcours serve`: the live preview shows the site and rebuilds when data/ changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_for(url: str, text: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = str(response.read().decode("utf-8"))
                if text in last:
                    return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"« {text} » absent de {url} après {timeout} s")


def test_serve_shows_the_site_and_reloads_on_data_changes(mini: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "macros",
            "--projet",
            str(mini),
            "serve",
            "--adresse",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(mini)},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base + "/activites/judo/", "<h1>Judo pour les 6-11 ans</h1>", 120)
        judo = mini / "data" / "activites" / "judo.yml"
        judo.write_text(
            judo.read_text(encoding="utf-8").replace("Judo pour les 6-11 ans", "Judo du mercredi"),
            encoding="utf-8",
        )
        _wait_for(base + "/activites/judo/", "<h1>Judo du mercredi</h1>", 120)
    finally:
        process.terminate()
        process.wait(timeout=30)
    # Stopping `parcours serve` stops the server itself: no orphan left listening.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
