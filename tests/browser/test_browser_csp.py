"""The site works under its strict Content-Security-Policy (the header of the deploy guide)."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def _policy(site: Path) -> str:
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    start = lines.index("/*")
    (line,) = [x for x in lines[start + 1 :] if x.strip().startswith("Content-Security-Policy:")][
        :1
    ]
    return line.split(":", 1)[1].strip()


@pytest.fixture(scope="module")
def strict_url(sample_site: Path) -> Iterator[str]:
    csp = _policy(sample_site)

    class Handler(SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", csp)
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(sample_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


WATCH = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


def test_the_policy_is_strict(sample_site: Path) -> None:
    csp = _policy(sample_site)
    assert "default-src 'self'" in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp.replace(
        "'wasm-unsafe-eval'", ""
    )


def test_pages_finder_and_search_run_under_the_policy(page: Page, strict_url: str) -> None:
    page.add_init_script(WATCH)
    # wait_for_selector, not wait_for_function: the policy rightly forbids eval().
    page.goto(strict_url + "/activites/?age=8")
    page.wait_for_selector("form[data-finder][data-resultats]", state="attached")
    assert page.evaluate("window.__csp") == []
    page.goto(strict_url + "/recherche/?q=judo")
    page.wait_for_selector("#pc-resultats > li")
    assert page.evaluate("window.__csp") == []
    page.goto(strict_url + "/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
