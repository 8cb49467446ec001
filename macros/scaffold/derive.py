"""What ``parcours new`` reads from a model: its fields, as a tree of nodes.

Everything the scaffold asks, accepts and writes comes from here: the French
title (the question), the description (the comment written above the key),
whether a value is required, its default, its choices (``Literal`` and
``oui``/``non`` types, or the ids of another file for a
:class:`~macros.data.fields.Reference`), and how it is written in YAML.
Adding a field to a model adds it to the scaffold; nothing here names a field.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from macros.data.fields import TEXTE_MAX, Heure, Identifiant, Reference

Shape = Literal["value", "list", "block", "blocks"]
"""One value, a list of values, a nested mapping, or a list of mappings."""


@dataclass(frozen=True, eq=False)
class Node:
    """One field of a model, seen by the scaffold."""

    path: tuple[str, ...]
    info: FieldInfo = field(repr=False)
    shape: Shape
    kind: Any
    """The value's type (of each item, for lists): ``str``, ``int``, ``Decimal``,
    ``date``, ``bool``, a ``Literal`` or, for blocks, the model class."""
    choices: tuple[str, ...] = ()
    """Fixed choices: a ``Literal``'s values, or ``oui``/``non``."""
    reference: Reference | None = None
    plain: bool = False
    """Written without quotes: ids, choices, numbers, dates."""
    long: bool = False
    """Markdown text, written as a ``|`` block."""
    format: str = ""
    """How to type the value, shown with the question (``HH:MM``, ``AAAA-MM-JJ``)."""
    children: tuple[Node, ...] = ()
    repeated: str = ""
    """Inside a list of blocks, that list's title: one answer per item (``horaires[].debut``)."""

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def key(self) -> str:
        """``lieu.nom``: the field's path, the same for every item of a list."""
        return ".".join(self.path)

    @property
    def title(self) -> str:
        """The question: the field's French title, else its description, else its name."""
        return self.info.title or self.info.description or self.name.replace("_", " ")

    @property
    def required(self) -> bool:
        return self.info.is_required()

    @property
    def model(self) -> type[BaseModel]:
        assert self.shape in ("block", "blocks")
        model: type[BaseModel] = self.kind
        return model

    def default(self) -> Any:
        return None if self.required else self.info.get_default(call_default_factory=True)

    def leaves(self) -> list[Node]:
        """This node's values (itself, or its blocks' values, depth first)."""
        if self.shape in ("value", "list"):
            return [self]
        return [leaf for child in self.children for leaf in child.leaves()]


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any], bool]:
    """Strip ``Annotated`` and ``| None``: (type, every metadata, whether ``None`` is allowed)."""
    nullable = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            inner, *extra = get_args(annotation)
            annotation, metadata = inner, [*metadata, *extra]
        elif origin is Union or origin is types.UnionType:
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                raise TypeError(f"parcours new: union {annotation!r} is not supported")
            annotation, nullable = args[0], True
        else:
            flat = [*metadata]
            for item in metadata:  # ``Annotated[int, Field(ge=0)]`` keeps its own metadata
                if isinstance(item, FieldInfo):
                    flat.extend(item.metadata)
            return annotation, flat, nullable


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _is_a(metadata: list[Any], alias: Any) -> bool:
    """Whether a field's metadata holds the validators of a type of :mod:`macros.data.fields`."""
    validators = [m for m in get_args(alias)[1:] if hasattr(m, "func")]
    return bool(validators) and all(v in metadata for v in validators)


def _max_length(metadata: list[Any]) -> int | None:
    lengths = [m.max_length for m in metadata if getattr(m, "max_length", None) is not None]
    return min(lengths) if lengths else None


def _value(
    path: tuple[str, ...], info: FieldInfo, shape: Shape, kind: Any, meta: list[Any], repeated: str
) -> Node:
    reference = next((m for m in meta if isinstance(m, Reference)), None)
    if get_origin(kind) is Literal:
        choices = tuple(str(choice) for choice in get_args(kind))
        return Node(path, info, shape, kind, choices=choices, plain=True, repeated=repeated)
    if kind is bool:
        return Node(path, info, shape, kind, choices=("oui", "non"), plain=True, repeated=repeated)
    if kind in (int, Decimal):
        return Node(path, info, shape, kind, plain=True, repeated=repeated)
    if kind is date:
        return Node(path, info, shape, kind, plain=True, format="AAAA-MM-JJ", repeated=repeated)
    if kind is str:
        longest = _max_length(meta)
        return Node(
            path,
            info,
            shape,
            kind,
            repeated=repeated,
            reference=reference,
            plain=reference is not None or _is_a(meta, Identifiant),
            long=longest is not None and longest > TEXTE_MAX,
            format="HH:MM" if _is_a(meta, Heure) else "",
        )
    raise TypeError(f"parcours new: field {'.'.join(path)} has an unsupported type {kind!r}")


def _node(path: tuple[str, ...], info: FieldInfo, repeated: str) -> Node:
    annotation, meta, _ = _unwrap(info.annotation, list(info.metadata))
    if get_origin(annotation) is list:
        item, item_meta, _ = _unwrap(get_args(annotation)[0], [])
        if _is_model(item):
            title = info.title or path[-1]
            children = _children(item, path, repeated=repeated or title)
            return Node(path, info, "blocks", item, children=children, repeated=repeated)
        return _value(path, info, "list", item, item_meta, repeated)
    if _is_model(annotation):
        children = _children(annotation, path, repeated)
        return Node(path, info, "block", annotation, children=children, repeated=repeated)
    return _value(path, info, "value", annotation, meta, repeated)


def _children(model: type[BaseModel], prefix: tuple[str, ...], repeated: str) -> tuple[Node, ...]:
    fields = model.model_fields.items()
    return tuple(_node((*prefix, name), info, repeated) for name, info in fields)


@cache
def nodes(model: type[BaseModel]) -> tuple[Node, ...]:
    """The fields of ``model``, in their order, nested blocks included."""
    return _children(model, (), repeated="")


def leaves(model: type[BaseModel]) -> list[Node]:
    """Every value of ``model``, depth first: what can be asked or given as an option."""
    return [leaf for node in nodes(model) for leaf in node.leaves()]
