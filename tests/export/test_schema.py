"""The committed JSON Schemas match the models, and describe the data files."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from macros.export.schema import schema_texts


@pytest.mark.parametrize("name", sorted(schema_texts()))
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = (ROOT / "data" / "schema" / name).read_text(encoding="utf-8")
    assert committed == schema_texts()[name], "schéma périmé : lancez « make schema »"


def test_schemas_speak_french_to_editors() -> None:
    activite = json.loads(schema_texts()["activite.schema.json"])
    horaire = activite["$defs"]["Horaire"]["properties"]["debut"]
    assert "guillemets" in horaire["description"]
    assert activite["$defs"]["Accessibilite"]["properties"]["accueil_handicap"]["enum"][:2] == [
        "oui",
        "non",
    ]


def test_vscode_maps_every_data_file_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    assert set(mapped) == {f"data/schema/{name}" for name in schema_texts()}
    for schema in mapped:
        assert (ROOT / schema).is_file()


@pytest.mark.parametrize("name", ["activite", "ressource"])
def test_every_field_an_editor_writes_is_described_in_french(name: str) -> None:
    schema = json.loads(schema_texts()[f"{name}.schema.json"])
    missing = [key for key, prop in schema["properties"].items() if not prop.get("description")]
    assert missing == []


def test_every_contact_field_is_described_in_french() -> None:
    schema = json.loads(schema_texts()["referents.schema.json"])
    referent = schema["$defs"]["Referent"]["properties"]
    assert [key for key, prop in referent.items() if not prop.get("description")] == []
