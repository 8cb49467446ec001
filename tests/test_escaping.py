"""Hostile values from data/ never reach a page raw: escaped, or refused with a message."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import vobject
import yaml

from macros.cli import main
from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue

PAYLOADS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "</script><script>alert(1)</script>",
]
MARKDOWN = "\n\n".join([*PAYLOADS, "[piège](javascript:alert(1))", "{% raw %}x{% endraw %}"])

ONE_LINE_FIELDS: list[tuple[str, list[str | int]]] = [
    ("activites/judo.yml", ["titre"]),
    ("activites/judo.yml", ["resume"]),
    ("activites/judo.yml", ["lieu", "nom"]),
    ("activites/judo.yml", ["lieu", "adresse"]),
    ("activites/judo.yml", ["inscription", "modalites"]),
    ("activites/judo.yml", ["tarif", "precisions"]),
    ("referents.yml", ["referents", 0, "role"]),
    ("referents.yml", ["referents", 0, "structure"]),
    ("referents.yml", ["referents", 0, "horaires"]),
    ("referents.yml", ["referents", 0, "missions", 0]),
    ("commune.yml", ["nom"]),
    ("commune.yml", ["quartiers", 0, "nom"]),
]


def _edit(root: Path, name: str, path: list[str | int], value: object) -> None:
    file = root / "data" / name
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _dotted(path: list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(
    ("name", "path"), ONE_LINE_FIELDS, ids=[f"{n}:{_dotted(p)}" for n, p in ONE_LINE_FIELDS]
)
def test_markup_in_a_one_line_field_is_refused_with_the_field_named(
    mini_data: Path, name: str, path: list[str | int], payload: str
) -> None:
    _edit(mini_data, name, path, payload)
    with pytest.raises(DataErrors) as caught:
        load_catalogue(mini_data)
    messages = [str(e) for e in caught.value.errors]
    assert any(
        f"data/{name}:" in m and f"{_dotted(path)} : les caractères « < », « > »" in m
        for m in messages
    ), messages


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import FIXTURES, make_project

    project = make_project(
        tmp_path_factory.mktemp("hostile") / "projet", FIXTURES / "mini" / "data"
    )
    _edit(project, "activites/judo.yml", ["description"], MARKDOWN)
    _edit(project, "activites/judo.yml", ["titre"], 'Judo "club" & co l’été')
    _edit(project, "activites/judo.yml", ["accessibilite", "precisions"], "Rampe & ascenseur")
    _edit(project, "referents.yml", ["referents", 0, "role"], 'Référent "inclusion"; bureau, 2')
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
