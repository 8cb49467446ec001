"""The Content-Security-Policy step on small built pages: theme scripts hashed, others refused.

A whole build with an unknown inline script is in ``site/test_failures.py``;
the policy in a browser in ``browser/test_browser_csp.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conftest import ROOT
from macros.site.csp import PolicyError, ThemeScripts, apply_policy

if TYPE_CHECKING:
    from pathlib import Path

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


