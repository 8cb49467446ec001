"""``data/pedt.yml`` is a faithful transcription of the PEDT table.

The source document (``data/sources/pedt-001.txt``, a copy of the commune's
table exported as text) is parsed here; every fragment of it must appear in
``pedt.yml`` and every text of ``pedt.yml`` must come from it, in the same
column, row and order. Texts are compared after :func:`normalise` and after the
few typo corrections listed in :data:`CORRECTIONS`.

In the source, each table cell starts with a tab: a table row is three cells
(general objective, operational objectives, expected effects); the general
objective cell is empty when the row continues the previous objective.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from conftest import ROOT

SOURCE = ROOT / "data" / "sources" / "pedt-001.txt"
PEDT = ROOT / "data" / "pedt.yml"

HEADERS = ("OBJECTIFS GENERAUX", "OBJECTIFS OPERATIONNELS", "EFFETS ATTENDUS")
ARTEFACTS = ("[bookmark: _GoBack]",)
BULLET = "·"

CORRECTIONS: dict[str, str] = {
    # Obvious typos of the source, fixed in pedt.yml (applied to the source text).
    # Missing accents on capitals (Education, Emergence, Elaborer, Equilibrer) and
    # « reconnaitre » need no entry: normalise() removes accents.
    "les jeuness en situation": "les jeunes en situation",
    "De projets entre les tranches d’âge.": "Des projets entre les tranches d’âge.",
    "qualité de vie à l’école\n": "qualité de vie à l’école)\n",
    "des partenaires et des familles,": "des partenaires et des familles",
}

EXPECTED_VOLETS: dict[str, dict[str, int]] = {
    "complementarite": {"reussite-offre-educative": 3, "continuite-educative": 3},
    "inclusion": {"coordination-handicap": 1, "acces-pour-tous": 1},
    "familles-parentalite": {"soutien-parentalite": 3, "communication-familles": 4},
    "public-acteur": {"vivre-ensemble": 2, "autonomie-jeunes": 4},
}

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def normalise(text: str) -> str:
    """Compare texts, not typography: spaces, apostrophes, case, accents, final period."""
    text = " ".join(text.split()).translate(_APOSTROPHES).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.removesuffix(".").strip()


# --- the source table --------------------------------------------------------------


@dataclass
class Row:
    general: list[str]
    operationnels: list[str]
    effets: list[str]


@dataclass
class Table:
    titre: str
    rows: list[Row] = field(default_factory=list)


def _is_axis_title(line: str) -> bool:
    return not line.startswith("\t") and line.strip() == line.strip().upper() != ""


def _items(cell: list[str]) -> list[str]:
    items = []
    for line in cell:
        text = line.strip().removeprefix(BULLET).strip()
        if text:
            assert BULLET not in text, f"deux puces sur une ligne : {line!r}"
            items.append(text)
    return items


def source_text() -> str:
    text = SOURCE.read_text(encoding="utf-8")
    for wrong, right in CORRECTIONS.items():
        assert text.count(wrong) == 1, f"correction introuvable dans la source : {wrong!r}"
        text = text.replace(wrong, right)
    return text


def parse_source() -> list[Table]:
    tables: list[Table] = []
    cells: list[list[list[str]]] = []  # per table, cells of lines
    for line in source_text().splitlines():
        if line.strip() in ARTEFACTS:
            continue
        if _is_axis_title(line):
            tables.append(Table(titre=line.strip()))
            cells.append([])
        elif line.startswith("\t"):
            assert tables, f"cellule avant le premier axe : {line!r}"
            assert "\t" not in line[1:], f"tabulation inattendue : {line!r}"
            cells[-1].append([line[1:]])
        elif line.strip():
            assert cells and cells[-1], f"texte hors cellule : {line!r}"
            cells[-1][-1].append(line)
    for table, table_cells in zip(tables, cells, strict=True):
        assert len(table_cells) % 3 == 0, f"{table.titre} : cellules incomplètes"
        header, *body = [table_cells[i : i + 3] for i in range(0, len(table_cells), 3)]
        assert tuple(" ".join(_items(c)) for c in header) == HEADERS
        for general, operationnels, effets in body:
            table.rows.append(Row(_items(general), _items(operationnels), _items(effets)))
    return tables


def source_fragments() -> list[str]:
    """Every text of the table but headers and axis titles."""
    return [
        text
        for table in parse_source()
        for row in table.rows
        for text in [*row.general, *row.operationnels, *row.effets]
    ]


# --- pedt.yml ----------------------------------------------------------------------


def load_pedt() -> dict[str, Any]:
    data = yaml.safe_load(PEDT.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def yaml_items() -> list[str]:
    """Every objective title and list item of pedt.yml."""
    return [
        text
        for axe in load_pedt()["axes"]
        for objectif in axe["objectifs"]
        for text in [
            objectif["titre"],
            *(item for volet in objectif["volets"] for item in volet["operationnels"]),
            *(item for volet in objectif["volets"] for item in volet["effets"]),
        ]
    ]


# --- tests -------------------------------------------------------------------------


def test_source_is_parsed() -> None:
    tables = parse_source()
    assert len(tables) == 4
    for table in tables:
        assert table.rows, table.titre
        assert table.rows[0].general, f"{table.titre} : la première ligne n'a pas d'objectif"
        for row in table.rows:
            assert len(row.general) <= 1
            assert row.operationnels and row.effets
    # 111 bullet points, 8 general objectives, 5 lines without a bullet.
    assert SOURCE.read_text(encoding="utf-8").count(BULLET) == 111
    assert len(source_fragments()) == 124


def test_structure() -> None:
    axes = load_pedt()["axes"]
    found = {
        axe["id"]: {objectif["id"]: len(objectif["volets"]) for objectif in axe["objectifs"]}
        for axe in axes
    }
    assert found == EXPECTED_VOLETS
    assert [axe["id"] for axe in axes] == list(EXPECTED_VOLETS)
    assert sum(len(objectifs) for objectifs in found.values()) == 8


def test_every_source_fragment_is_in_pedt() -> None:
    known = {normalise(text) for text in yaml_items()}
    missing = [text for text in source_fragments() if normalise(text) not in known]
    assert not missing, "absent de pedt.yml :\n" + "\n".join(missing)


def test_every_pedt_text_comes_from_the_source() -> None:
    known = {normalise(text) for text in source_fragments()}
    invented = [text for text in yaml_items() if normalise(text) not in known]
    assert not invented, "absent du PEDT source :\n" + "\n".join(invented)


def test_same_columns_rows_and_order() -> None:
    tables = parse_source()
    axes = load_pedt()["axes"]
    assert len(axes) == len(tables)
    for axe, table in zip(axes, tables, strict=True):
        assert normalise(axe["titre"]) == normalise(table.titre)
        expected: list[tuple[str, list[list[str]], list[list[str]]]] = []
        for row in table.rows:
            if row.general:
                expected.append((normalise(row.general[0]), [], []))
            expected[-1][1].append([normalise(t) for t in row.operationnels])
            expected[-1][2].append([normalise(t) for t in row.effets])
        found = [
            (
                normalise(objectif["titre"]),
                [[normalise(t) for t in volet["operationnels"]] for volet in objectif["volets"]],
                [[normalise(t) for t in volet["effets"]] for volet in objectif["volets"]],
            )
            for objectif in axe["objectifs"]
        ]
        assert found == expected, axe["id"]


def test_plain_one_line_texts() -> None:
    markup = re.compile(r"[<>]|\{\{|\{%")
    for text in yaml_items():
        assert text == " ".join(text.split()), f"espaces ou saut de ligne : {text!r}"
        assert not markup.search(text), text
        assert "bookmark" not in text, text
