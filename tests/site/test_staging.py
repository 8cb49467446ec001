"""Before the engine: the staged folder and its plain-data config (no engine run here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from macros.data.project import catalogue_for
from macros.site.engines import engine
from macros.site.links import check_links
from macros.site.staging import ConfigError, Staged, _dated, _nav_sources, site_map, stage


def _front(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    loaded = yaml.safe_load(text[4 : text.index("\n---", 3)])
    assert isinstance(loaded, dict)
    return loaded


def test_a_page_is_dated_in_its_front_matter_in_french() -> None:
    dated = _dated("---\ntitle: Inclusion\n---\n# Inclusion\n", lambda source: "2025-09-01")
    assert _front(dated) == {
        "title": "Inclusion",
        "mis_a_jour": "2025-09-01",
        "mis_a_jour_texte": "1er septembre 2025",
        "hide": ["toc"],  # no section: nothing for a table of contents
    }
    assert dated.endswith("---\n# Inclusion\n")


def test_a_page_s_own_date_wins_and_its_source_file_dates_it() -> None:
    asked: list[str | None] = []

    def date_of(source: str | None) -> str:
        asked.append(source)
        return "2024-01-15"

    own = _dated("---\nmis_a_jour: 2023-03-04\n---\nTexte\n", date_of)
    assert _front(own)["mis_a_jour_texte"] == "4 mars 2023" and asked == []
    sourced = _dated('---\nsource: "data/pedt.yml"\n---\n', date_of, html=True)
    assert asked == ["data/pedt.yml"]
    assert _front(sourced)["mis_a_jour"] == "2024-01-15"
    assert _front(sourced)["corps_html"] is True


def test_a_page_without_front_matter_gets_one_and_the_home_page_is_flagged() -> None:
    dated = _dated("# Accueil\n", lambda source: "2025-12-25", home=True)
    assert _front(dated) == {
        "mis_a_jour": "2025-12-25",
        "mis_a_jour_texte": "25 décembre 2025",
        "accueil": True,
        "hide": ["toc"],
    }
    assert dated.endswith("---\n# Accueil\n")


def test_a_page_shows_a_table_of_contents_from_four_sections_unless_it_says_otherwise() -> None:
    def hide(text: str) -> object:
        return _front(_dated(text, lambda source: "2025-09-01")).get("hide")

    sections = "".join(f"## Partie {i}\n\nTexte.\n\n" for i in range(4))
    assert hide("# Titre\n\n" + sections) is None
    assert hide("# Titre\n\n" + sections.split("## Partie 3")[0]) == ["toc"]
    assert hide("---\nhide: [navigation]\n---\n# Titre\n") == ["navigation"]
    outside = _dated("# Titre\n\n" + sections, lambda source: "2025-09-01", in_menu=False)
    assert _front(outside)["hide"] == ["toc"]
    assert _nav_sources([{"A": "a.md"}, {"B": [{"C": "b/c.md"}, "d.md"]}]) == {"a.md", "b/c.md", "d.md"}
    assert _nav_sources(None) is None
    assert _front(_dated("Texte", lambda source: "2025-09-01", html=True)).get("hide") is None


def test_the_site_map_comes_from_the_config_s_nav() -> None:
    nav = [
        {"Accueil": "index.md"},
        {"Le PEDT": [{"Présentation": "pedt/index.md"}, {"Axe 1": "pedt/axe-1.md"}]},
        {"Contacts": "contacts.md"},
    ]
    assert site_map(nav) == [
        {"title": "Accueil", "url": "", "children": []},
        {
            "title": "Le PEDT",
            "url": None,
            "children": [
                {"title": "Présentation", "url": "pedt/", "children": []},
                {"title": "Axe 1", "url": "pedt/axe-1/", "children": []},
            ],
        },
        {"title": "Contacts", "url": "contacts/", "children": []},
    ]


def test_staging_writes_docs_generated_pages_and_a_plain_data_config(
    mini: Path, tmp_path: Path
) -> None:
    staged = stage(mini, Staged(tmp_path / "etape", engine("mkdocs")), catalogue_for(mini),
                   tmp_path / "site")  # fmt: skip
    config = yaml.safe_load(staged.config_file.read_text(encoding="utf-8"))  # plain data only
    assert config["docs_dir"] == "docs" and config["site_dir"] == str(tmp_path / "site")
    assert config["site_name"] == catalogue_for(mini).commune.nom
    assert config["extra"]["parcours"]["projet"] == str(mini.resolve())
    assert "hooks" in config  # MkDocs's adapter adds its own
    judo = (staged.docs / "activites" / "judo.md").read_text(encoding="utf-8")
    assert _front(judo)["source"] == "data/activites/judo.yml"
    assert staged.sources["activites/judo/index.html"] == "data/activites/judo.yml"
    assert (staged.docs / "inclusion.md").is_file()
    assert (staged.docs / "assets" / "couleurs.css").is_file()
    assert "inclusion.md" in staged.changed


def test_staging_again_rewrites_only_what_changed_and_removes_only_its_own_files(
    mini: Path, tmp_path: Path
) -> None:
    staged = Staged(tmp_path / "etape", engine("zensical"))
    stage(mini, staged, catalogue_for(mini), tmp_path / "etape" / "site")
    assert "hooks" not in yaml.safe_load(staged.config_file.read_text(encoding="utf-8"))
    mine = staged.docs / "notes-de-l-editeur.txt"  # a file the staging did not write
    mine.write_text("à garder", encoding="utf-8")
    page = mini / "docs" / "inclusion.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    (mini / "docs" / "mentions-legales.md").unlink()
    stage(mini, staged, catalogue_for(mini), tmp_path / "etape" / "site")
    assert staged.changed == {"inclusion.md", "mentions-legales.md"}
    assert not (staged.docs / "mentions-legales.md").exists()
    assert mine.read_text(encoding="utf-8") == "à garder"


def test_a_link_that_climbs_above_the_site_root_is_reported(tmp_path: Path) -> None:
    (tmp_path / "recherche").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "recherche.js").write_text("", encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="assets/recherche.js">ok</a>', encoding="utf-8")
    (tmp_path / "recherche" / "index.html").write_text(
        '<script src="../assets/recherche.js"></script><script src="../../assets/recherche.js">'
        "</script>",
        encoding="utf-8",
    )
    assert check_links(tmp_path) == [
        "recherche/index.html : lien vers « ../../assets/recherche.js » : remonte au-dessus de "
        "la racine du site (un « ../ » de trop)"
    ]


def test_a_page_saved_with_windows_line_endings_or_a_bom_keeps_its_front_matter() -> None:
    dated = _dated("\ufeff---\r\ntitle: Inclusion\r\n---\r\n# Inclusion\r\n", lambda s: "2025-09-01")
    assert _front(dated)["title"] == "Inclusion"
    assert dated.endswith("---\n# Inclusion\n")
    ruled = _dated("---\ntitle: A\n---\nCorps\n\n----\n", lambda s: "2025-09-01")
    assert _front(ruled)["title"] == "A" and ruled.endswith("---\nCorps\n\n----\n")


def test_a_page_whose_front_matter_is_not_yaml_stops_the_staging_in_french(
    mini: Path, tmp_path: Path
) -> None:
    (mini / "docs" / "casse.md").write_text(
        "---\ntitle: [Inclusion\n---\nSuite\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        stage(mini, Staged(tmp_path / "etape", engine("mkdocs")), catalogue_for(mini),
              tmp_path / "site")  # fmt: skip
    assert str(caught.value).startswith("docs/casse.md : l'en-tête de la page")
    assert "fermez l'en-tête par une ligne --- seule" in str(caught.value)


def test_a_page_naming_a_source_that_no_longer_exists_is_dated_today(
    mini: Path, tmp_path: Path
) -> None:
    (mini / "docs" / "ancienne.md").write_text(
        "---\nsource: data/renomme.yml\n---\nTexte\n", encoding="utf-8"
    )
    staged = stage(mini, Staged(tmp_path / "etape", engine("mkdocs")), catalogue_for(mini),
                   tmp_path / "site")  # fmt: skip
    page = (staged.docs / "ancienne.md").read_text(encoding="utf-8")
    assert _front(page)["mis_a_jour"] == date.today().isoformat()
