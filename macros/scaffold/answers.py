"""The answers to a model's fields: from options, or asked in French, each checked at once.

A :class:`Session` walks the nodes of :mod:`macros.scaffold.derive` in the
model's order. A value comes from the options if given (a wrong one stops
everything: there is nobody to ask), else from a question (a wrong answer is
explained and asked again), else from its suggestion or default. Each answer
is validated by the field's own type as soon as it is given, and each block by
its model once complete, so that the French message comes from the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from macros.data.fields import fold
from macros.data.messages import describe, field_path

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
    from macros.scaffold.derive import Node

Ask = Callable[[str], str]
Answer = str | list[str]
Suggestion = str | Callable[["Session"], str | None]
"""A proposed answer: a text, or computed from the catalogue and the answers so far."""
Hook = Callable[[Answer], str | None]
"""Called with a field's accepted answer; returns a French refusal, or ``None``."""


class ScaffoldError(ValueError):
    """A missing or wrong answer; the message is French and says what to give."""


def lower_first(text: str) -> str:
    """``Catégorie`` → ``catégorie``, but ``PEDT`` stays ``PEDT``."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


@cache
def _adapter(node: Node) -> TypeAdapter[Any]:
    return TypeAdapter(node.info.rebuild_annotation())


def _first_error(exc: ValidationError) -> str:
    message, _ = describe(exc.errors(include_url=False)[0])
    return message


class Session:
    """Collects the answers for one model; :meth:`collect` returns them as plain data."""

    def __init__(
        self,
        catalogue: Catalogue,
        given: Mapping[str, Answer],
        ask: Ask | None,
        *,
        option: Callable[[Node], str],
        suggestions: Mapping[str, Suggestion] | None = None,
        hooks: Mapping[str, Hook] | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> None:
        self.catalogue = catalogue
        self.given = given
        self.ask = ask
        self.option = option
        self.suggestions = suggestions or {}
        self.hooks = hooks or {}
        self.skip = skip
        self.answers: dict[str, Answer] = {}
        self._previous: dict[tuple[str, int | None], str] = {}
        self._asked: set[tuple[str, int | None]] = set()
        self._notice = ""

    def answer(self, key: str) -> str:
        """The latest answer to ``key`` (``public.age_min``) as text, or ``""``."""
        value = self.answers.get(key, "")
        return ", ".join(value) if isinstance(value, list) else value

    def collect(self, nodes: tuple[Node, ...]) -> dict[str, Any]:
        data = self._fields(nodes, None, gate=False)
        assert data is not None
        return data

    # --- blocks --------------------------------------------------------------------

    def _fields(
        self, nodes: tuple[Node, ...], index: int | None, gate: bool
    ) -> dict[str, Any] | None:
        """The answers for one mapping; ``None`` when ``gate`` and its first value is left empty."""
        data: dict[str, Any] = {}
        for position, node in enumerate(nodes):
            first = position == 0
            if node.key in self.skip:
                continue
            if node.shape == "block":
                block = self._block(node, index)
                if block is not None:
                    data[node.name] = block
            elif node.shape == "blocks":
                items = self._items(node)
                if items or node.required:
                    data[node.name] = items
            else:
                numbered = first and bool(index)
                value = self._leaf(node, index, optional=gate and first, numbered=numbered)
                if value is None and gate and first:
                    return None
                if value is not None:
                    data[node.name] = value
        return data

    def _block(self, node: Node, index: int | None) -> dict[str, Any] | None:
        """A nested mapping; an optional one is left out unless given, or its first answer is."""
        if node.required or any(self._given(leaf, index) is not None for leaf in node.leaves()):
            return self._validated(node, index, gate=False)
        return None if self.ask is None else self._validated(node, index, gate=True)

    def _items(self, node: Node) -> list[dict[str, Any]]:
        """A list of mappings: as many as the options give, then as many as answered."""
        given = max((self._count(leaf) for leaf in node.leaves()), default=0)
        items: list[dict[str, Any]] = []
        while True:
            index = len(items)
            if index >= given and self.ask is None:
                return items
            gate = index >= given and (index > 0 or not node.required)
            item = self._validated(node, index, gate)
            if item is None:
                return items
            items.append(item)

    def _validated(self, node: Node, index: int | None, gate: bool) -> dict[str, Any] | None:
        """One mapping, checked by its model once complete; its questions asked again if refused."""
        while True:
            data = self._fields(node.children, index, gate)
            if data is None:
                return None
            try:
                node.model.model_validate(data)
            except ValidationError as exc:
                error = f"{lower_first(node.title)} : {_first_error(exc)}"
                if not any((leaf.key, index) in self._asked for leaf in node.leaves()):
                    raise ScaffoldError(error) from None
                self._notice = error  # the same questions again, the previous answers proposed
                gate = False
                continue
            return data

    # --- values --------------------------------------------------------------------

    def _leaf(self, node: Node, index: int | None, optional: bool, numbered: bool) -> Answer | None:
        raw = self._given(node, index)
        while True:
            if raw is not None:
                text: Answer = raw
            else:
                default = self._default(node, index)
                if self.ask is None:
                    text = default
                else:
                    self._asked.add((node.key, index))
                    shown = index if numbered else None
                    prompt = self._prompt(node, shown, default, optional or not node.required)
                    text = self.ask(prompt).strip() or default
            value = self._parse(node, text)
            error = self._check(node, value, optional, asked=raw is None and self.ask is not None)
            if error is None and value is not None and node.key in self.hooks:
                error = self.hooks[node.key](value)
            if error is None:
                if value is not None:
                    self.answers[node.key] = value
                    if isinstance(text, str):
                        self._previous[(node.key, index)] = text
                return value
            if raw is not None or self.ask is None:
                raise ScaffoldError(error)
            self._notice = error

    def _given(self, node: Node, index: int | None) -> Answer | None:
        value = self.given.get(node.key)
        if node.repeated:  # one answer per item of the list of blocks
            values = value if isinstance(value, list) else [value]
            value = values[index] if index is not None and index < len(values) else None
        if value is None or value == "" or value == []:
            return None
        return value

    def _count(self, node: Node) -> int:
        value = self.given.get(node.key)
        if isinstance(value, list):
            return len(value)
        return 0 if value in (None, "") else 1

    def _default(self, node: Node, index: int | None) -> str:
        previous = self._previous.get((node.key, index))
        if previous:
            return previous
        suggestion = self.suggestions.get(node.key)
        proposed = suggestion(self) if callable(suggestion) else suggestion
        if proposed:
            return proposed
        default = node.default()
        if isinstance(default, bool):
            return "oui" if default else "non"
        if default is None or default == []:
            return ""
        return ", ".join(map(str, default)) if isinstance(default, list) else str(default)

    def _choices(self, node: Node) -> list[str]:
        if node.reference is not None:
            known = list(getattr(self.catalogue, node.reference.liste))
            return known + list(node.reference.autres)
        return list(node.choices)

    def _separator(self, node: Node) -> str:
        return "virgules" if node.plain else "points-virgules"

    def _prompt(self, node: Node, index: int | None, default: str, optional: bool) -> str:
        parts = []
        if choices := self._choices(node):
            parts.append(", ".join(choices))
        if node.format:
            parts.append(node.format)
        if node.shape == "list":
            parts.append(f"plusieurs réponses séparées par des {self._separator(node)}")
        if optional and not default:
            parts.append("facultatif")
        label = node.title + (f" n° {index + 1}" if index else "")
        hint = f" ({' ; '.join(parts)})" if parts else ""
        notice, self._notice = self._notice, ""
        shown = f" [{default}]" if default else ""
        return (f"  → {notice}\n" if notice else "") + f"{label}{hint}{shown} : "

    def _parse(self, node: Node, text: Answer) -> Answer | None:
        if node.shape == "list":
            pattern = r"[;,]" if node.plain else r";"
            texts = text if isinstance(text, list) else [text]
            items = [item.strip() for t in texts for item in re.split(pattern, t)]
            return [item for item in items if item] or None
        if isinstance(text, list):
            text = text[-1] if text else ""
        return text.strip() or None

    def _check(self, node: Node, value: Answer | None, optional: bool, asked: bool) -> str | None:
        title = lower_first(node.title)
        if value is None:
            if not node.required or optional:
                return None
            if asked:
                return "une réponse est obligatoire ici"
            return f"il manque : {title} (option --{self.option(node)})"
        choices = self._choices(node)
        for item in value if isinstance(value, list) else [value]:
            folded = item if node.reference else fold(item).replace(" ", "-")
            if choices and folded not in choices:
                return (
                    f"« {item} » n'est pas possible pour {title} : "
                    f"choisissez parmi {', '.join(choices)}"
                )
        try:
            _adapter(node).validate_python(value)
        except ValidationError as exc:
            return f"{title} : {_first_error(exc)}"
        return None


def validate(model: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """The model built from the answers, or a French report of what it refuses."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = []
        for error in exc.errors(include_url=False):
            message, _ = describe(error)
            where = field_path(tuple(error["loc"]))
            lines.append(f"{where} : {message}" if where else message)
        raise ScaffoldError("\n".join(lines)) from None
