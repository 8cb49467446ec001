"""Shared fixtures and helpers of every test folder, and the two tiers of the suite.

Tests mirror the stages of ``macros/`` (``data/``, ``present/``, ``render/``,
``site/``, ``brochures/``, ``export/``) plus ``browser/`` and ``bench/``.

``make test-unit`` runs ``pytest -m "not slow and not browser"``: pure
functions and small fixture data, in seconds. A test is taken out of it

* by the fixtures it asks for: ``sample_site``, ``site_url`` or ``mini`` (a
  project the engine builds) mark it ``slow``, ``browser`` or ``page`` mark it
  ``browser`` (see :func:`pytest_collection_modifyitems`);
* or by an explicit ``pytest.mark.slow`` / ``pytest.mark.browser``.

A test left in the unit tier that copies a buildable project (:func:`make_project`)
fails with the reason, so no whole-site build slips into the fast tier.
"""

from __future__ import annotations

import functools
import itertools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from macros.data.catalogue import Catalogue

pytest_plugins = ["pytester"]  # tests/test_tiers.py runs pytest on small test files

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"

# --- tiers -------------------------------------------------------------------------------------

SITE_FIXTURES = frozenset({"sample_site", "site_url", "mini"})
"""Fixtures that hand a test a site built by the engine, or a project to build."""
BROWSER_FIXTURES = frozenset({"browser", "page"})

_unit_test_running = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if names & SITE_FIXTURES:
            item.add_marker(pytest.mark.slow)


def is_unit(item: pytest.Item) -> bool:
    """Whether ``item`` belongs to the fast tier (``make test-unit``)."""
    return item.get_closest_marker("slow") is None and item.get_closest_marker("browser") is None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before any fixture of the test, module-scoped ones included, is set up.
    global _unit_test_running
    _unit_test_running = is_unit(item)


# --- projects ----------------------------------------------------------------------------------


def make_project(dest: Path, data: Path) -> Path:
    """A buildable project in ``dest``: the real theme and pages, the given ``data/``."""
    if _unit_test_running:
        pytest.fail(
            "make_project() prépare un site à construire : ce test n'est pas unitaire, "
            "marquez-le « @pytest.mark.slow » (ou demandez la fixture mini)."
        )
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(data, dest / "data")
    return dest


@functools.cache
def sample_catalogue() -> Catalogue:
    """The repository's sample ``data/``, loaded once per test process (frozen: safe to share)."""
    from macros.data.loader import load_catalogue

    return load_catalogue(ROOT)


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


DataPath = list[str | int]
"""Where a value sits in a YAML file: keys and list indexes, e.g. ``["lieu", "nom"]``."""


def edit_data(root: Path, name: str, path: DataPath, value: object) -> None:
    """Set the value at ``path`` of ``root/data/name`` (created as needed; index = len appends)."""
    file = root / "data" / name
    # libyaml's loader and emitter: the hostile corpus edits files some thousand times.
    data = yaml.load(file.read_text(encoding="utf-8"), yaml.CSafeLoader) if file.exists() else {}
    target: Any = data
    for key, nxt in itertools.pairwise(path):
        if isinstance(target, dict) and key not in target:
            target[key] = [] if isinstance(nxt, int) else {}
        target = target[key]
    if isinstance(target, list) and path[-1] == len(target):
        target.append(value)
    else:
        target[path[-1]] = value
    text = yaml.dump(
        data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=10_000
    )
    file.write_text(text, encoding="utf-8")


def dotted(path: DataPath) -> str:
    """A field as the loader's messages name it: ``referents[0].role``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


# --- the built sample site ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real sample project (``data/`` of the repository), built once per test session."""
    from macros.site.build import build_site

    project = make_project(tmp_path_factory.mktemp("echantillon") / "projet", ROOT / "data")
    return build_site(project)


def plain(text: str) -> str:
    """A built page's text with plain spaces: the site writes no-break spaces where French
    typography wants them (« 16 h 30 », « Pour qui ? »); tests compare words, not spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def built_page(site: Path, path: str) -> str:
    """The HTML of a built page, by its address (``/contacts/``)."""
    return (site / path.strip("/") / "index.html").read_text(encoding="utf-8")


def page_article(page: str) -> str:
    """A page's content, Material's ``<article>`` (breadcrumb and notice included; menu, footer
    aside): up to its last closing tag, cards being ``<article>`` elements of their own."""
    return page.split('<article class="md-content__inner', 1)[1].rsplit("</article>", 1)[0]


def site_pages(site: Path) -> list[str]:
    """URL paths of every HTML page of a built site (search index and redirections aside)."""
    paths = []
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).parent.as_posix()
        if rel.startswith("pagefind") or 'http-equiv="refresh"' in html.read_text(encoding="utf-8"):
            continue
        paths.append("/" if rel == "." else f"/{rel}/")
    return paths


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


# --- the browser -------------------------------------------------------------------------------

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
