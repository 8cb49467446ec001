"""Shared fixtures: fixture projects copied into a temporary directory."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(dest: Path, data: Path) -> Path:
    """A buildable project in ``dest``: the real theme and pages, the given ``data/``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data, dest / "data")
    return dest


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The small fixture project (two activities), ready to build."""
    return make_project(tmp_path / "projet", FIXTURES / "mini" / "data")


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A project root holding only a copy of the small fixture's ``data/``."""
    root = tmp_path / "donnees"
    shutil.copytree(FIXTURES / "mini" / "data", root / "data")
    return root


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real sample project (``data/`` of the repository), built once per test session."""
    from macros.site.build import build_site

    project = make_project(tmp_path_factory.mktemp("echantillon") / "projet", ROOT / "data")
    return build_site(project)


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    """The built sample site served over HTTP on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(sample_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # Pages carry their Content-Security-Policy as <meta>: it would also block the
    # test's own probes (Playwright evaluates wait_for_function strings with eval).
    # The policy itself is exercised, without such probes, in test_browser_csp.py.
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    new_page = context.new_page()
    yield new_page
    context.close()
