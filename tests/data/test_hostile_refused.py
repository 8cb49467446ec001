"""Values no editor means are refused by ``check``, each with its file, line and a French message.

Control characters, bidi overrides, markup in a one-line field, dangerous or
broken addresses, absurd dates, redirection loops — in every data file kind.
What an editor may mean (quotes, Markdown, formulas) is published inert
instead: see ``site/test_hostile.py`` and ``export/test_export.py``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from conftest import DataPath, dotted, edit_data
from corpus import project_data
from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue

if TYPE_CHECKING:
    from pathlib import Path

# --- 1. refused, with file:line -------------------------------------------------------------

# One field of each data file kind, where a text value goes.
TEXT_FIELDS: list[tuple[str, DataPath]] = [
    ("commune.yml", ["nom"]),
    ("commune.yml", ["mairie", "adresse"]),
    ("pedt.yml", ["introduction"]),
    ("pedt.yml", ["axes", 0, "titre"]),
    ("activites/judo.yml", ["titre"]),
    ("activites/judo.yml", ["description"]),
    ("ressources/piege.yml", ["organisme"]),
    ("referents.yml", ["referents", 0, "role"]),
    ("referents.yml", ["besoins", 0, "titre"]),
    ("brochures.yml", ["brochures", 0, "titre"]),
    ("lexique.yml", ["termes", 0, "definition"]),
    ("accessibilite.yml", ["auditeur"]),
    ("accessibilite.yml", ["criteres", 0, "note"]),
]
INVISIBLE = {
    "nul": "\x00",
    "c0": "\x1b",
    "c1": "\x85",
    "cr": "\r",
    "bidi": "\u202e",
    "isolat": "\u2066",
    "largeur-nulle": "\u200b",
}


@pytest.mark.parametrize("char", list(INVISIBLE.values()), ids=list(INVISIBLE))
@pytest.mark.parametrize(
    ("name", "path"), TEXT_FIELDS, ids=[f"{n}:{dotted(p)}" for n, p in TEXT_FIELDS]
)
def test_invisible_characters_are_refused_at_their_line(
    tmp_path: Path, name: str, path: DataPath, char: str
) -> None:
    root = project_data(tmp_path, grid=name == "accessibilite.yml")
    edit_data(root, name, path, f"PIEGE avant{char}après")
    text = (root / "data" / name).read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "PIEGE" in row)
    with pytest.raises(DataErrors) as caught:
        load_catalogue(root)
    messages = [str(e) for e in caught.value.errors]
    assert any(m.startswith(f"data/{name}:{line}: caractère interdit") for m in messages), messages


ONE_LINE: list[tuple[str, DataPath]] = [(n, p) for n, p in TEXT_FIELDS if p[-1] != "description"]
ONE_LINE = [(n, p) for n, p in ONE_LINE if p[-1] != "introduction"]
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% if 1 %}"]


@pytest.mark.parametrize("payload", MARKUP)
@pytest.mark.parametrize(("name", "path"), ONE_LINE, ids=[f"{n}:{dotted(p)}" for n, p in ONE_LINE])
def test_markup_in_one_line_fields_is_refused(
    tmp_path: Path, name: str, path: DataPath, payload: str
) -> None:
    root = project_data(tmp_path, grid=name == "accessibilite.yml")
    edit_data(root, name, path, payload)
    with pytest.raises(DataErrors) as caught:
        load_catalogue(root)
    assert any(
        e.file == f"data/{name}" and e.field == dotted(path) and "« < », « > »" in e.message
        for e in caught.value.errors
    ), [str(e) for e in caught.value.errors]


REFUSED: list[tuple[str, DataPath, object, str]] = [
    # addresses: https (mailto:, tel:, site paths for links), nothing that leaves an attribute
    ("commune.yml", ["url"], 'https://x.example.org/" onmouseover="alert(1)', "lien invalide"),
    ("commune.yml", ["url"], "https://x.example.org/\r\nX: y", "caractère interdit"),
    ("commune.yml", ["url"], "http://x.example.org/", "lien refusé"),
    ("commune.yml", ["url"], "/relative/", "commençant par https://"),
    ("commune.yml", ["url"], "JavaScript:alert(1)//", "lien refusé"),
    ("commune.yml", ["url"], "https://x.example.org/a?b=1#c", "sans « ? », « # »"),
    ("commune.yml", ["url"], "https://a:b@x.example.org/", "sans « ? », « # »"),
    ("commune.yml", ["url"], "https://x.example.org/(a)/", "sans « ? », « # »"),
    ("activites/judo.yml", ["inscription", "url"], "https://a.org/" + "x" * 2000, "au plus 2000"),
    ("commune.yml", ["mairie", "email"], 'a"b@example.org', "adresse e-mail invalide"),
    ("commune.yml", ["mairie", "email"], "a@b.org](javascript:alert(1)", "adresse e-mail invalide"),
    ("activites/judo.yml", ["inscription", "url"], "javascript:alert(1)", "lien refusé"),
    ("activites/judo.yml", ["inscription", "url"], "data:text/html,x", "lien refusé"),
    ("activites/judo.yml", ["inscription", "url"], "https://a.org/ x", "lien invalide"),
    ("activites/judo.yml", ["inscription", "url"], "/pas-de-page/", "aucune page du site"),
    ("activites/judo.yml", ["image"], {"src": "https://evil.example/i.png", "alt": "x"}, "image"),
    ("activites/judo.yml", ["image"], {"src": "/images/absente.png", "alt": "x"}, "introuvable"),
    ("ressources/piege.yml", ["lien"], "vbscript:msgbox(1)", "lien refusé"),
    ("ressources/piege.yml", ["lien"], "//evil.example/", "lien invalide"),
    ("referents.yml", ["referents", 0, "email"], "x@y.org<script>", "adresse e-mail invalide"),
    # absurd dates and sizes
    ("activites/judo.yml", ["periode", "fin"], "9999-12-31", "l'année doit être entre 1900"),
    ("activites/judo.yml", ["periode", "debut"], "0001-01-01", "l'année doit être entre 1900"),
    ("activites/judo.yml", ["titre"], "T" * 91, "au plus 90"),
    ("activites/judo.yml", ["resume"], "R" * 241, "au plus 240"),
    ("referents.yml", ["referents", 0, "role"], "R" * 301, "au plus 300"),
    ("pedt.yml", ["introduction"], "I" * 20_001, "au plus 20000"),
    # redirections: none to itself, in a loop, nowhere, or from a page that exists
    ("redirections.yml", ["redirections", 0], {"de": "/a/", "vers": "/a/"}, "vers elle-même"),
    ("redirections.yml", ["redirections", 0], {"de": "/x/", "vers": "/rien/"}, "aucune page"),
    ("redirections.yml", ["redirections", 0], {"de": "/inclusion/", "vers": "/x/"}, "qui existe"),
    ("redirections.yml", ["redirections", 0], {"de": '/a"/', "vers": "/b/"}, "adresse invalide"),
    # a brochure whose selection matches nothing is not published as an empty PDF
    ("brochures.yml", ["brochures", 0, "selection"], {"age": 25}, "ne retient aucune activité"),
    # a rule: only for guides, known values only, never empty in every quartier
    ("brochures.yml", ["brochures", 0, "pour_chaque"], "categorie", "quartier"),
    ("brochures.yml", ["brochures", 0, "pour_chaque"], "quartier ", "quartier"),
    ("brochures.yml", ["brochures", 0], {"id": "q", "titre": "Q", "type": "pedt-en-bref",
                                         "pour_chaque": "quartier"}, "que pour un guide"),
    ("brochures.yml", ["brochures", 0], {"id": "q", "titre": "Q", "type": "guide-activites",
                                         "pour_chaque": "quartier", "selection": {"age": 25}},
     "dans aucun quartier"),
    ("brochures.yml", ["brochures", 0, "format"], "A3", "A4"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "path", "value", "message"),
    REFUSED,
    ids=[f"{n}:{dotted(p)}:{i}" for i, (n, p, _v, _m) in enumerate(REFUSED)],
)
def test_each_hostile_value_is_refused_with_its_file_and_a_french_message(
    tmp_path: Path, name: str, path: DataPath, value: object, message: str
) -> None:
    root = project_data(tmp_path, grid=name == "accessibilite.yml")
    (root / "docs").mkdir()  # site links are checked against the pages of docs/
    (root / "docs" / "inclusion.md").write_text("# Inclusion\n", encoding="utf-8")
    edit_data(root, name, path, value)
    with pytest.raises(DataErrors) as caught:
        load_catalogue(root)
    errors = [str(e) for e in caught.value.errors]
    assert all(re.match(r"^data/[\w/.-]+\.yml:\d+: ", e) for e in errors), errors
    assert any(e.startswith(f"data/{name}:") and message in e for e in errors), errors


def test_a_brochure_named_like_one_a_rule_makes_is_refused_at_its_line(tmp_path: Path) -> None:
    root = project_data(tmp_path, grid=False)
    rule = {"id": "quartier", "titre": "Q", "type": "guide-activites", "pour_chaque": "quartier"}
    edit_data(root, "brochures.yml", ["brochures", 0], rule)
    quartier = load_catalogue(root).brochures[0].id  # quartier-<the first with activities>
    twin = {"id": quartier, "titre": "Doublon", "type": "guide-activites"}
    edit_data(root, "brochures.yml", ["brochures", 1], twin)
    with pytest.raises(DataErrors) as caught:
        load_catalogue(root)
    (error,) = [str(e) for e in caught.value.errors]
    assert error.startswith("data/brochures.yml:") and "déjà produite" in error, error


def test_a_redirection_loop_names_the_whole_loop(tmp_path: Path) -> None:
    root = project_data(tmp_path, grid=False)
    edit_data(root, "redirections.yml", ["redirections", 0], {"de": "/a/", "vers": "/b/"})
    edit_data(root, "redirections.yml", ["redirections", 1], {"de": "/b/", "vers": "/a/"})
    with pytest.raises(DataErrors) as caught:
        load_catalogue(root)
    assert any("redirections en boucle : /a/ → /b/ → /a/" in str(e) for e in caught.value.errors)


# --- markup in the one-line fields of the small fixture ------------------------------------

FIXTURE_PAYLOADS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "</script><script>alert(1)</script>",
]
FIXTURE_ONE_LINE: list[tuple[str, list[str | int]]] = [
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


@pytest.mark.parametrize("payload", FIXTURE_PAYLOADS)
@pytest.mark.parametrize(
    ("name", "path"), FIXTURE_ONE_LINE, ids=[f"{n}:{dotted(p)}" for n, p in FIXTURE_ONE_LINE]
)
def test_markup_in_a_one_line_field_is_refused_with_the_field_named(
    mini_data: Path, name: str, path: list[str | int], payload: str
) -> None:
    edit_data(mini_data, name, path, payload)
    with pytest.raises(DataErrors) as caught:
        load_catalogue(mini_data)
    messages = [str(e) for e in caught.value.errors]
    assert any(
        f"data/{name}:" in m and f"{dotted(path)} : les caractères « < », « > »" in m
        for m in messages
    ), messages
