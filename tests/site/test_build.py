"""Whole-site builds of a small fixture project (MkDocs + macros + Pagefind, for real)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import plain
from macros.cli import main


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _build(project: Path) -> int:
    return main(["--projet", str(project), "build"])


def test_a_fixture_project_builds_every_page(mini: Path) -> None:
    assert _build(mini) == 0
    site = mini / "site"
    judo = plain((site / "activites" / "judo" / "index.html").read_text(encoding="utf-8"))
    assert "<title>Judo pour les 6-11 ans – Ville d&#39;Exemple</title>" in judo
    assert '<html lang="fr"' in judo
    assert "<td>15 h 30</td>" in judo
    assert "Selon vos revenus (quotient familial) : de 30 € à 120 € (par an)" in judo
    finder = (site / "activites" / "index.html").read_text(encoding="utf-8")
    assert 'href="../activites/judo/"' in finder and 'href="../activites/eveil-musical/"' in finder
    pedt = (site / "pedt" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../pedt/complementarite/#reussite-offre-educative">' in pedt
    axe = plain((site / "pedt" / "complementarite" / "index.html").read_text(encoding="utf-8"))
    assert 'id="reussite-offre-educative"' in axe
    assert '<a href="../../activites/judo/">Judo pour les 6-11 ans</a>' in axe
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not list(mini.glob(".site-build-*"))


def test_no_request_leaves_for_another_origin(mini: Path) -> None:
    assert _build(mini) == 0
    pages = list((mini / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert 'src="http' not in html and "src='http" not in html, page


def test_bad_data_fails_with_the_french_report_and_builds_nothing(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    judo = mini / "data" / "activites" / "judo.yml"
    judo.write_text(
        judo.read_text(encoding="utf-8").replace('debut: "14:00"', "debut: 26:00"), encoding="utf-8"
    )
    assert _build(mini) == 1
    err = capsys.readouterr().err
    assert "data/activites/judo.yml:18: horaires[0].debut : heure invalide « 26:00 »" in err
    assert not (mini / "site").exists()


@pytest.mark.parametrize(
    ("page", "needle"),
    [
        ("{{ macro_qui_n_existe_pas() }}", "macro_qui_n_existe_pas"),
        ("{{ variable_inconnue }}", "variable_inconnue"),
        ("{{ commune.champ_inconnu }}", "champ_inconnu"),
    ],
)
def test_a_macro_error_or_undefined_variable_fails_the_build(
    mini: Path, capsys: pytest.CaptureFixture[str], page: str, needle: str
) -> None:
    (mini / "docs" / "casse.md").write_text(f"# Page cassée\n\n{page}\n", encoding="utf-8")
    assert _build(mini) == 1
    assert needle in capsys.readouterr().err
    assert not (mini / "site").exists()


def test_a_broken_internal_link_fails_the_build(
    mini: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = mini / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + '\n<a href="activites/nulle-part/">x</a>\n',
        encoding="utf-8",
    )
    assert _build(mini) == 1
    assert "activites/nulle-part/" in capsys.readouterr().err


def test_a_broken_anchor_fails_the_build(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = mini / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + '\n<a href="pedt/#objectif-absent">x</a>\n',
        encoding="utf-8",
    )
    assert _build(mini) == 1
    assert "#objectif-absent" in capsys.readouterr().err


def test_a_failed_build_leaves_the_previous_site_untouched(mini: Path) -> None:
    assert _build(mini) == 0
    before = _digest(mini / "site")
    (mini / "docs" / "casse.md").write_text("# Cassée\n\n{{ inconnue }}\n", encoding="utf-8")
    assert _build(mini) == 1
    assert _digest(mini / "site") == before
    assert not list(mini.glob(".site-build-*"))
    (mini / "docs" / "casse.md").unlink()
    judo = mini / "data" / "activites" / "judo.yml"
    judo.write_text(
        judo.read_text(encoding="utf-8").replace("Judo pour", "Judo ouvert pour"), encoding="utf-8"
    )
    assert _build(mini) == 0
    assert "Judo ouvert pour" in (mini / "site" / "activites" / "judo" / "index.html").read_text(
        encoding="utf-8"
    )


def test_check_reports_counts(mini_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--projet", str(mini_data), "check"]) == 0
    assert "Données valides : 2 activités" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('primaire: "#1f3f8f"', 'primaire: "bleu"'),
            "extra.couleurs.primaire doit être une couleur",
        ),
        (("theme:\n", "theme: [\n"), "mkdocs.yml illisible"),
    ],
)
def test_a_wrong_mkdocs_yml_fails_before_the_engine_in_french(
    mini: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], expected: str
) -> None:
    config = mini / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert change[0] in text
    config.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    assert _build(mini) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert not (mini / "site").exists()
    assert not list(mini.glob(".site-*"))  # no staging or build folder left behind


@pytest.mark.slow
def test_a_second_build_with_nothing_changed_lays_out_no_pdf(mini: Path) -> None:
    """The PDFs kept in .cache/brochures/ are published as they are; an edited activity lays
    out again only the brochures that print it."""
    import yaml

    from macros.site.build import build_site

    (mini / "data" / "brochures.yml").write_text(
        yaml.safe_dump({"brochures": [
            {"id": "guide", "titre": "Le guide", "type": "guide-activites"},
            {"id": "pedt", "titre": "Le PEDT en bref", "type": "pedt-en-bref"},
        ]}, allow_unicode=True),
        encoding="utf-8",
    )  # fmt: skip
    out = mini.parent / "publie"
    build_site(mini, out)
    cache = mini / ".cache" / "brochures"
    first = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    assert len(first) == 2
    published = {p.name: p.read_bytes() for p in (out / "brochures").glob("*.pdf")}
    build_site(mini, out)
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")} == first
    assert {p.name: p.read_bytes() for p in (out / "brochures").glob("*.pdf")} == published
    judo = mini / "data" / "activites" / "judo.yml"
    judo.write_text(judo.read_text("utf-8").replace("Judo pour les 6-11 ans", "Judo du jeudi"))
    build_site(mini, out)
    assert (out / "brochures" / "pedt.pdf").read_bytes() == published["pedt.pdf"]
    assert (out / "brochures" / "guide.pdf").read_bytes() != published["guide.pdf"]
    assert len(list(cache.glob("*.pdf"))) == 2  # the old guide's layout dropped
