"""Hostile values from data/ never reach a page raw: a small built site shows them as text.

Markup in one-line fields is refused instead: see ``data/test_hostile_refused.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import vobject
import yaml

from conftest import FIXTURES, edit_data, make_project
from macros.cli import main

pytestmark = pytest.mark.slow

PAYLOADS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "</script><script>alert(1)</script>",
]
MARKDOWN = "\n\n".join([*PAYLOADS, "[piège](javascript:alert(1))", "{% raw %}x{% endraw %}"])

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(
        tmp_path_factory.mktemp("hostile") / "projet", FIXTURES / "mini" / "data"
    )
    edit_data(project, "activites/judo.yml", ["description"], MARKDOWN)
    edit_data(project, "activites/judo.yml", ["titre"], 'Judo "club" & co l’été')
    edit_data(project, "activites/judo.yml", ["accessibilite", "precisions"], "Rampe & ascenseur")
    edit_data(project, "referents.yml", ["referents", 0, "role"], 'Référent "inclusion"; bureau, 2')
    (project / "data" / "ressources").mkdir(exist_ok=True)
    (project / "data" / "ressources" / "piege.yml").write_text(
        yaml.safe_dump(
            {
                "titre": "Ressource & co",
                "resume": "Résumé",
                "description": MARKDOWN,
                "theme": "ecrans",
                "public": {"parents": True},
                "type": "guide",
                "organisme": "Ville",
                "lien": "https://www.example.org/?a=1&b=2",
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    assert main(["--projet", str(project), "build"]) == 0
    return project / "site"


@pytest.mark.parametrize("page", ["activites/judo", "parentalite/piege"])
def test_markdown_payloads_are_shown_as_text(hostile_site: Path, page: str) -> None:
    html = (hostile_site / page / "index.html").read_text(encoding="utf-8")
    content = html.split("data-pagefind-body", 1)[1].split("</article>", 1)[0]
    assert "<script>alert" not in content and "<img src=x" not in content
    assert (
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in content
        or "&lt;script&gt;alert('x')" in content
    )
    assert "&lt;img src=x onerror=alert(1)&gt;" in content
    assert "{{ 7*7 }}" in content and "49" not in content
    assert "{% raw %}x{% endraw %}" in content
    assert "javascript:" not in content.lower().replace("[piège](javascript:alert(1))", "")


def test_quotes_and_ampersands_are_escaped_everywhere(hostile_site: Path) -> None:
    html = (hostile_site / "activites" / "judo" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Judo &#34;club&#34; &amp; co l’été</h1>" in html
    assert (
        "<title>Judo &#34;club&#34; &amp; co l’été – " in html
        or "<title>Judo &quot;club&quot; &amp; co" in html
    )
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    assert json.loads(scripts[0])["name"] == 'Judo "club" & co l’été'


def test_json_ld_of_a_contact_parses(hostile_site: Path) -> None:
    html = (hostile_site / "contacts" / "referent-inclusion" / "index.html").read_text(
        encoding="utf-8"
    )
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert json.loads(script)["contactType"] == 'Référent "inclusion"; bureau, 2'


def test_vcard_values_are_escaped(hostile_site: Path) -> None:
    text = (hostile_site / "contacts" / "referent-inclusion.vcf").read_text(encoding="utf-8")
    card = vobject.readOne(text)
    assert card.title.value == 'Référent "inclusion"; bureau, 2'
    assert card.tel.value == "01 99 00 10 00"


def test_a_link_with_markup_characters_stays_an_attribute(hostile_site: Path) -> None:
    html = (hostile_site / "parentalite" / "piege" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.example.org/?a=1&amp;b=2"' in html
