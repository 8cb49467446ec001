"""Valid HTML on every page (RGAA 8.2): the Nu Html Checker reports no error.

``vnu.jar`` comes from npm (``vnu-jar``, pinned in ``package-lock.json``,
installed by ``make test``) and runs with the machine's Java.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.slow


def test_every_page_is_valid_html(sample_site: Path) -> None:
    java = shutil.which("java")
    assert java, "Java manque : le Nu Html Checker en a besoin (paquet Debian default-jre-headless)"
    assert VNU.is_file(), "vnu.jar manque : lancez « make test » (il installe les outils npm)"
    pages = sorted(str(p) for p in sample_site.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) > 100
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [
        f"{m.get('url', '?').split(sample_site.name + '/', 1)[-1]}:{m.get('lastLine', '?')}: "
        f"{m['message']}"
        for m in report["messages"]
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors[:50])
    assert result.returncode == 0
