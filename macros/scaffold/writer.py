"""The YAML text of a validated item, walked field by field, commented from the model.

Each key is written in the model's order with its description above it as a
French comment (for a list of blocks, on its first item only); nested models
are mappings, lists of ids are written ``[a, b]``, lists of texts one ``- "…"``
a line, Markdown as a ``|`` block, hours and texts between double quotes,
dates ``AAAA-MM-JJ``, yes/no ``oui``/``non``. An empty optional value is
written as an empty key, so that the editor sees every field there is.
"""

from __future__ import annotations

import json
import re
import textwrap
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from macros.data.fields import fold

if TYPE_CHECKING:
    from pydantic import BaseModel

    from macros.scaffold.derive import Node

WIDTH = 88
"""Longest comment line, indentation included."""
_PLAIN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_READ_AS_NOT_TEXT = {"true", "false", "null"}
"""Plain words :mod:`macros.data.reader` does not read as text."""
KEPT_TOGETHER = re.compile(r"« | »| (?=[:;!?])")
"""The spaces French typography keeps with their word: inside « », before : ; ! ?"""


def document(item: BaseModel, nodes: tuple[Node, ...], header: list[str]) -> str:
    """A whole file: the header comment, then each field after a blank line."""
    lines = list(header)
    for node in nodes:
        lines.append("")
        lines += _field(item, node, 0, comments=True)
    return "\n".join(lines) + "\n"


def entry(item: BaseModel, nodes: tuple[Node, ...], indent: int, header: str) -> str:
    """One item of a list (``  - id: …``), to append to a file such as ``referents.yml``."""
    lines = [" " * indent + header, *_item(item, nodes, indent, comments=True)]
    return "\n".join(lines) + "\n"


def _fields(item: BaseModel, nodes: tuple[Node, ...], indent: int, comments: bool) -> list[str]:
    return [line for node in nodes for line in _field(item, node, indent, comments)]


def _item(item: BaseModel, nodes: tuple[Node, ...], indent: int, comments: bool) -> list[str]:
    """A mapping as a list item: its first key after ``- ``, that key's comment above the dash."""
    lines = _fields(item, nodes, indent + 2, comments)
    first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
    pad = " " * indent
    above = [pad + line.lstrip() for line in lines[:first]]
    return [*above, pad + "- " + lines[first][indent + 2 :], *lines[first + 1 :]]


def _field(item: BaseModel, node: Node, indent: int, comments: bool) -> list[str]:
    value = getattr(item, node.name)
    pad = " " * indent
    out = _comment(node, value, indent) if comments else []
    key = f"{pad}{node.name}:"
    if node.shape == "block":
        out.append(key)
        if value is not None:
            out += _fields(value, node.children, indent + 2, comments)
    elif node.shape == "blocks":
        if not value:
            return [*out, f"{key} []"]
        out.append(key)
        for position, sub in enumerate(value):
            out += _item(sub, node.children, indent + 2, comments and position == 0)
    elif node.shape == "list":
        if not value:
            return [*out, f"{key} []"]
        if node.plain:
            return [*out, f"{key} [{', '.join(_scalar(node, v) for v in value)}]"]
        out += [key, *(f"{pad}  - {_scalar(node, v)}" for v in value)]
    elif node.long and value is not None:
        out.append(f"{key} |")
        out += [f"{pad}  {line}" if line.strip() else "" for line in str(value).splitlines()]
    else:
        text = _scalar(node, value)
        out.append(f"{key} {text}" if text else key)
    return out


def _scalar(node: Node, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if node.plain and _PLAIN.match(text) and text not in _READ_AS_NOT_TEXT:
        return text
    return json.dumps(text, ensure_ascii=False)


def _comment(node: Node, value: Any, indent: int) -> list[str]:
    text = node.info.description or node.info.title or ""
    if not text:
        return []
    if node.choices and node.kind is not bool and not all(c in text for c in node.choices):
        text += f" Au choix : {', '.join(node.choices)}."
    if (value is None or value == []) and not node.required and "facultati" not in fold(text):
        text = "Facultatif. " + text
    return comment(text, indent)


def comment(text: str, indent: int) -> list[str]:
    """``text`` as ``# …`` lines at ``indent``, at most :data:`WIDTH` characters wide."""
    # French punctuation stays with its word: no line starts with « : » or « » ».
    kept = KEPT_TOGETHER.sub(lambda m: m.group().replace(" ", "\u00a0"), text)
    pad = " " * indent + "# "
    lines = textwrap.wrap(
        kept,
        width=max(WIDTH - indent, 40),
        initial_indent=pad,
        subsequent_indent=pad,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace("\u00a0", " ") for line in lines]
