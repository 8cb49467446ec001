"""A public-service site, not a documentation site (#17, parts 2 and 5).

The home page leads with a family's tasks and two forms (the child's age, the
search); the menu is grouped for families / the educational project / schools;
the site's own pages are in the footer; short pages have no right-hand table of
contents; the embed says its data are fictitious.
"""

from __future__ import annotations

import html as htmlib
import re
from typing import TYPE_CHECKING

import yaml

from conftest import ROOT, built_page, page_article

if TYPE_CHECKING:
    from pathlib import Path


def test_the_home_page_opens_with_the_child_s_age_the_search_and_the_tasks(
    sample_site: Path,
) -> None:
    article = page_article(built_page(sample_site, "/"))
    before_tasks = article.split("Que cherchez-vous", 1)[0]
    age = re.search(r'<form class="pc-accueil-age" action="([^"]+)" method="get">', before_tasks)
    assert age and age[1] == "activites/"
    assert 'name="age" type="number"' in before_tasks
    search = re.search(r'<form class="pc-accueil-recherche" role="search" action="([^"]+)"', before_tasks)
    assert search and search[1] == "recherche/"
    tasks = re.findall(r'<li><a href="([^"]+)">([^<]+)<span>', article)
    assert [href for href, _ in tasks][:4] == [
        "activites/", "inscriptions/", "inclusion/", "contacts/",
    ]  # fmt: skip
    # Paperwork is one click away, not on the home page.
    assert "ecoles/" not in [href for href, _ in tasks]
    assert "pc-axes" not in article


def test_the_menu_is_grouped_for_families_the_project_and_schools() -> None:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    groups = [next(iter(entry)) for entry in nav]
    assert groups == ["Accueil", "Pour les familles", "Le projet éducatif", "Écoles et partenaires"]
    pages = [next(iter(item.values())) for entry in nav[1:] for item in next(iter(entry.values()))]
    for footer_page in ("recherche.md", "plan-du-site.md", "accessibilite.md", "mentions-legales.md"):
        assert footer_page not in pages


def test_the_footer_has_the_site_s_own_pages_and_the_town_hall_s_hours(
    sample_site: Path,
) -> None:
    page = htmlib.unescape(built_page(sample_site, "/inclusion/"))
    footer = page.split('<footer class="md-footer pc-pied">', 1)[1]
    for label in ("Accessibilité", "Plan du site", "Mentions légales", "Données ouvertes", "Rechercher"):
        assert f">{label}" in footer, label
    assert "Du lundi au vendredi, 8\u00a0h\u00a030 – 17\u00a0h\u00a030" in footer
    # The site map still lists the pages the menu leaves to the footer.
    plan = page_article(built_page(sample_site, "/plan-du-site/"))
    for path in ("recherche/", "accessibilite/", "mentions-legales/", "lexique/"):
        assert f'href="../{path}"' in plan, path


def test_a_short_page_has_no_right_hand_table_of_contents(sample_site: Path) -> None:
    def hidden(path: str) -> bool:
        sidebar = re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*>', built_page(sample_site, path))
        assert sidebar, path
        return " hidden" in sidebar[0]

    assert hidden("/lexique/")  # one list, no sections
    assert hidden("/")
    assert not hidden("/inclusion/")  # seven sections: worth a summary


def test_the_embed_says_its_data_are_fictitious(sample_site: Path) -> None:
    page = htmlib.unescape(built_page(sample_site, "/integrer/"))
    assert "Données fictives" in page.split('<div class="pc-integre">', 1)[0]
