"""The engine is a choice: only the adapter knows it, and both engines build the same site."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from macros.cli import main
from macros.site.engines import NAMES, engine

sys.path.insert(0, str(ROOT / "bench"))
from moteurs import article_text, compare

ENGINES = ROOT / "macros" / "site" / "engines"
_ENGINE_MODULES = {"mkdocs", "material", "zensical", "mkdocs_macros"}


def _imported(path: Path) -> set[str]:
    """Top-level packages a module imports (at any depth of its code)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_engine_adapter_imports_mkdocs_or_zensical() -> None:
    offenders = {
        path.relative_to(ROOT).as_posix(): sorted(_imported(path) & _ENGINE_MODULES)
        for path in (ROOT / "macros").rglob("*.py")
        if not path.is_relative_to(ENGINES) and _imported(path) & _ENGINE_MODULES
    }
    assert offenders == {}
    # The check sees imports: the adapter itself does import the engines.
    assert _imported(ENGINES / "mkdocs_hooks.py") & _ENGINE_MODULES == {"mkdocs"}


@pytest.mark.parametrize(
    ("source", "mkdocs", "zensical"),
    [
        ("index.md", "", ""),
        ("inclusion.md", "../", ""),
        ("activites/index.md", "../", "../"),
        ("activites/judo.md", "../../", "../"),
        ("activites/age/6-11-ans.md", "../../../", "../../"),
    ],
)
def test_each_engine_says_where_a_page_s_links_start(
    source: str, mkdocs: str, zensical: str
) -> None:
    # MkDocs leaves the links of HTML as written: they start from the page's address.
    # Zensical rewrites them as if written in the source file: from its folder.
    assert engine("mkdocs").link_base(source) == mkdocs
    assert engine("zensical").link_base(source) == zensical


def test_article_text_is_what_a_reader_gets() -> None:
    html = (
        "<header>Menu</header><article><h1>Judo</h1><script>var x = 1</script>"
        "<p>Pour les <strong>6-11&nbsp;ans</strong>,\n  le mercredi.</p>"
        "<svg><title>icône</title></svg></article><footer>Pied</footer>"
    )
    assert article_text(html) == "JudoPour les 6-11\u00a0ans, le mercredi."


def test_compare_lists_the_pages_whose_text_differs(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for site, word in ((a, "mercredi"), (b, "samedi")):
        (site / "x").mkdir(parents=True)
        (site / "index.html").write_text("<article>Accueil</article>", encoding="utf-8")
        (site / "x" / "index.html").write_text(f"<article>Le {word}</article>", encoding="utf-8")
    (a / "seule.html").write_text("<article>MkDocs seulement</article>", encoding="utf-8")
    assert compare(a, b) == (["x/index.html"], ["seule.html"], [], 2)


@pytest.mark.slow
def test_zensical_builds_the_same_pages_as_mkdocs(mini: Path, tmp_path: Path) -> None:
    built = {}
    for moteur in NAMES:
        out = tmp_path / moteur
        assert main(["--projet", str(mini), "build", "--moteur", moteur, "--sortie", str(out)]) == 0
        built[moteur] = out
    differ, only_mkdocs, only_zensical, count = compare(built["mkdocs"], built["zensical"])
    assert count > 20
    assert (differ, only_mkdocs, only_zensical) == ([], [], [])
    # Both went through the whole pipeline: generated pages, search index, policy.
    for site in built.values():
        assert (site / "activites" / "judo" / "index.html").is_file()
        assert (site / "pagefind" / "pagefind.js").is_file()
        assert (site / "_headers").is_file()
    judo = (built["zensical"] / "activites" / "judo" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../contacts/' in judo  # links start from the page, not above the root
