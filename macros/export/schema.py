"""JSON Schemas of the data files, generated from the models.

Editors (VS Code with the YAML extension) use them to autocomplete and
underline mistakes as they type. ``python -m macros.export.schema`` rewrites
``data/schema/``; a test fails when the committed files are out of date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from macros.data.audit import Audit
from macros.data.models import (
    Activite,
    Brochures,
    Commune,
    Lexique,
    Pedt,
    Redirections,
    Referents,
    Ressource,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

SCHEMAS: dict[str, type[BaseModel]] = {
    "commune": Commune,
    "pedt": Pedt,
    "activite": Activite,
    "ressource": Ressource,
    "referents": Referents,
    "brochures": Brochures,
    "redirections": Redirections,
    "lexique": Lexique,
    "accessibilite": Audit,
}


def schema_texts() -> dict[str, str]:
    """File name → JSON text of each schema."""
    out = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema(mode="validation")
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        out[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_schemas(Path("data/schema")):
        print(f"écrit : {path}")
