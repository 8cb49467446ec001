"""The options of ``parcours new <genre>``, derived from the model's fields.

Each field answers to its path, ``--lieu-nom`` or ``--periode-debut`` (a
top-level field: its name, ``--titre``). A nested field whose name is unique
in its model also answers to that name alone: ``--age-min``, ``--quartier``,
``--jour``. Names borne by two fields (``debut`` in ``horaires`` and in
``periode``) have no short form; the few older option names among them live
in each genre's ``aliases`` (:mod:`macros.scaffold`), checked by the tests.
Fields of a repeated block (``horaires``) and lists take their option once per
value: ``--jour mercredi --debut 14:00 --jour samedi --debut 10:00``.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from macros.scaffold.answers import ScaffoldError, lower_first
from macros.scaffold.derive import Node, leaves
from macros.scaffold.writer import KEPT_TOGETHER

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pydantic import BaseModel

    from macros.scaffold import Kind
    from macros.scaffold.answers import Answer

RESERVED = frozenset({"slug", "non_interactif", "help", "h"})
"""Option names the command line keeps for itself."""


@dataclass(frozen=True)
class Option:
    """The names one field answers to on the command line (``_`` spelt ``-``)."""

    node: Node
    names: tuple[str, ...]
    """Python spellings; the first is the one error messages show."""

    @property
    def flags(self) -> list[str]:
        return ["--" + name.replace("_", "-") for name in self.names]

    @property
    def repeated(self) -> bool:
        return self.node.shape == "list" or bool(self.node.repeated)


@cache
def options(
    model: type[BaseModel], aliases: tuple[tuple[str, str], ...] = ()
) -> tuple[Option, ...]:
    """Every option of ``model``; ``aliases`` are extra ``(name, field path)`` pairs."""
    values = leaves(model)
    full = {"_".join(leaf.path): leaf for leaf in values}
    counts = Counter(leaf.name for leaf in values)
    keys = {leaf.key for leaf in values}
    alias_names = {name for name, _ in aliases}
    for name, key in aliases:
        if key not in keys:
            raise ValueError(f"alias --{name}: {model.__name__} has no field {key}")
        if name in full or name in RESERVED or counts[name] == 1:
            raise ValueError(f"alias --{name} is already derived or reserved")
    taken = set(full) | RESERVED | alias_names
    out = []
    for leaf in values:
        names = [name for name, key in aliases if key == leaf.key]
        if len(leaf.path) > 1 and counts[leaf.name] == 1 and leaf.name not in taken:
            names.append(leaf.name)
        names.append("_".join(leaf.path))
        out.append(Option(leaf, tuple(names)))
    return tuple(out)


def option_name(model: type[BaseModel], aliases: tuple[tuple[str, str], ...], node: Node) -> str:
    """``--age-min``'s spelling for messages: ``age-min``."""
    option = next(o for o in options(model, aliases) if o.node.key == node.key)
    return option.flags[0][2:]


def given(
    model: type[BaseModel], aliases: tuple[tuple[str, str], ...], values: Mapping[str, Any]
) -> dict[str, Answer]:
    """The answers in ``values``, keyed by field path, whatever name each was given under.

    ``values`` comes from the command line (keyed by field path) or from Python
    callers, who may use any option name (``age_min``, ``lieu_nom``). A name
    that is no option is refused, so that a typing mistake is not ignored.
    """
    known: dict[str, str] = {}
    for option in options(model, aliases):
        known[option.node.key] = option.node.key
        for name in option.names:
            known[name] = option.node.key
    out: dict[str, Answer] = {}
    for name, value in values.items():
        if value is None or value == "" or value == []:
            continue
        if name not in known:
            raise ScaffoldError(f"option inconnue : --{name.replace('_', '-')}")
        out[known[name]] = [_text(v) for v in value] if isinstance(value, list) else _text(value)
    return out


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def _metavar(node: Node) -> str:
    if node.choices:
        return "|".join(node.choices) if len(node.choices) <= 3 else "CHOIX"
    if node.reference is not None or (node.plain and node.kind is str):
        return "IDENTIFIANT"
    if node.format:
        return node.format
    if node.kind in (int, Decimal):
        return "NOMBRE"
    return "DATE" if node.kind is date else "TEXTE"


def _help(node: Node) -> str:
    text = node.info.description or node.title
    if node.shape == "list":
        separator = "virgules" if node.plain else "points-virgules"
        text += f" Plusieurs réponses : séparées par des {separator}, ou l'option répétée."
    elif node.repeated:
        text += f" Répétez l'option pour chaque élément de « {lower_first(node.repeated)} »."
    # argparse wraps at spaces: French punctuation keeps its word (no-break space).
    return KEPT_TOGETHER.sub(lambda m: m.group().replace(" ", "\u00a0"), text).replace("%", "%%")


def add_arguments(parser: argparse.ArgumentParser, kinds: Mapping[str, Kind]) -> None:
    """One sub-command per genre (``parcours new activite``), with its derived options."""
    parser.add_argument("--non-interactif", action="store_true", help="ne pose pas de question")
    sub = parser.add_subparsers(dest="genre", required=True, metavar="genre")
    for name, kind in kinds.items():
        genre = sub.add_parser(
            name,
            help=kind.help,
            description=f"Crée {kind.help}. Sans option, pose les questions ; "
            "avec --non-interactif, prend les réponses des options.",
            allow_abbrev=False,
        )
        genre.add_argument(
            "--non-interactif",
            action="store_true",
            default=argparse.SUPPRESS,  # keeps the value given before the genre
            help="ne pose pas de question : les réponses viennent des options",
        )
        if kind.folder is not None:
            genre.add_argument(
                "--slug",
                metavar="NOM",
                help="nom du fichier, sans .yml (par défaut : tiré du titre)",
            )
        for option in options(kind.model, kind.alias_pairs):
            genre.add_argument(
                *option.flags,
                dest=option.node.key,
                action="append" if option.repeated else "store",
                metavar=_metavar(option.node),
                help=_help(option.node),
            )


def given_from(kind: Kind, namespace: argparse.Namespace) -> dict[str, Any]:
    """The options given to ``parcours new <genre>``, keyed by field path (and ``slug``)."""
    values = {
        option.node.key: getattr(namespace, option.node.key, None)
        for option in options(kind.model, kind.alias_pairs)
    }
    return {**values, "slug": getattr(namespace, "slug", None)}
