"""Strict YAML reading for editor-written files.

PyYAML follows YAML 1.1, which silently misreads common editor input
(``16:30`` becomes 990, ``non`` stays text while ``no`` becomes False, dates
become ``datetime.date``). This reader composes the node tree and converts it
itself, with fixed, predictable rules:

* every plain scalar is text, except ``true``/``false`` (booleans) and
  ``~``/``null``/empty (nothing); pydantic then converts text to numbers,
  dates or times only where the model asks for them, so nothing is guessed;
* duplicate keys, anchors/aliases, explicit tags (``!!python/...``),
  non-UTF-8 bytes and oversized files are refused with a French message;
* the line of every value is recorded, keyed by its path, so that any later
  error can be reported as ``file:line``.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from macros.data.errors import DataError

MAX_BYTES = 512 * 1024
"""Largest data file accepted (an activity is about 2 KB)."""
MAX_DEPTH = 20
"""Deepest nesting of blocks and lists accepted (an activity uses 3)."""

_FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
"""Control characters (C0 but the line break, C1), zero-width and bidirectional
controls: invisible in an editor, they can hide text, reorder it (« Trojan
source ») or break the CSV, iCalendar and HTML written from the data."""

Loc = tuple[str | int, ...]

_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUES = {"true", "True", "TRUE"}
_FALSES = {"false", "False", "FALSE"}


class _NoResolver(yaml.resolver.BaseResolver):
    """Resolve nothing implicitly: plain scalars keep the ``str`` tag."""


class _PyComposer(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _NoResolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _NoResolver.__init__(self)


_CParser: Any = getattr(getattr(yaml, "cyaml", None), "CParser", None)
_Composer: Any = _PyComposer
if _CParser is not None:  # libyaml: the same nodes, about five times faster

    class _CComposer(_CParser, _NoResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _NoResolver.__init__(self)

    _Composer = _CComposer


@dataclass
class Document:
    """A YAML file read strictly: its data and the line of every value."""

    path: Path
    display: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int:
        """Line of ``loc``, or of its closest parent that exists in the file."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


class _Refused(Exception):
    def __init__(self, line: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


def read_yaml(path: Path, display: str) -> tuple[Document | None, list[DataError]]:
    """Read ``path``; return the document, or ``None`` and the errors found."""

    def fail(line: int, message: str, hint: str = "") -> tuple[None, list[DataError]]:
        return None, [DataError(display, line, "", message, hint)]

    raw, refused = _read_regular_file(path)
    if raw is None:
        return fail(1, *refused)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(
            line,
            "le fichier n'est pas encodé en UTF-8 (caractère illisible)",
            "enregistrez le fichier en UTF-8 dans votre éditeur.",
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    raw_problems = _invisible_in_text(text)
    if raw_problems:
        return None, [
            DataError(display, line, "", message, hint) for line, message, hint in raw_problems
        ]
    too_deep = _too_deep(text)
    if too_deep:
        return fail(
            too_deep,
            f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux de blocs ou de listes)",
            "une fiche a au plus trois ou quatre niveaux ; vérifiez les « - » et les crochets.",
        )
    try:
        loader = _Composer(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return fail(line, _syntax_message(exc), _syntax_hint(exc))
    except yaml.YAMLError as exc:
        return fail(1, f"YAML illisible : {exc}")
    doc = Document(path, display, None)
    if root is None:
        doc.data = {}
        return doc, []
    converter = _Converter(doc.lines)
    try:
        doc.data = converter.convert(root, ())
    except _Refused as exc:
        return fail(exc.line, exc.message, exc.hint)
    if converter.problems:
        return None, [DataError(display, p.line, "", p.message, p.hint) for p in converter.problems]
    return doc, []


def _read_regular_file(path: Path) -> tuple[bytes | None, tuple[str, str]]:
    """The bytes of ``path`` if it is a regular file of ``data/`` no larger than MAX_BYTES.

    A symbolic link is followed only to a regular file inside the same ``data/``
    folder; devices, pipes and sockets are never opened for reading (they could
    block the build or feed it endless bytes).
    """
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            target = path.resolve()
            data = next((p for p in path.absolute().parents if p.name == "data"), path.parent)
            if not target.is_relative_to(data.resolve()):
                return None, (
                    "lien symbolique vers un fichier hors de data/ refusé",
                    "copiez le fichier dans data/ au lieu d'y faire un lien.",
                )
            info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, (
                "ce n'est pas un fichier ordinaire (périphérique, tube ou dossier)",
                "un fichier de données est un simple fichier texte .yml.",
            )
        if info.st_size > MAX_BYTES:
            return None, (
                f"fichier trop gros ({info.st_size // 1024} Ko, au plus {MAX_BYTES // 1024} Ko)",
                "un fichier de données décrit une seule fiche ; découpez-le.",
            )
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the check
                return None, ("ce n'est pas un fichier ordinaire", "")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                raw = handle.read(MAX_BYTES + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        return None, (f"fichier illisible ({exc.strerror or exc})", "")
    if len(raw) > MAX_BYTES:
        return None, (f"fichier trop gros (plus de {MAX_BYTES // 1024} Ko)", "")
    return raw, ("", "")


_HINT_INVISIBLE = (
    "retapez ce texte à la main : il contient un caractère invisible "
    "(souvent venu d'un copier-coller)."
)
_HINT_TAB = "remplacez la tabulation par des espaces."


def _invisible_in_text(text: str) -> list[tuple[int, str, str]]:
    """Invisible characters typed in the file itself (YAML would read some as line breaks)."""
    problems = []
    lines_seen: set[int] = set()
    for match in _FORBIDDEN.finditer(text):
        char, at = match.group(), match.start()
        if char == "\t" or (char == "\r" and text.startswith("\n", at + 1)):
            continue  # tabs: YAML's own message; CR LF: a Windows line end
        number = text.count("\n", 0, at) + 1
        if number not in lines_seen:
            lines_seen.add(number)
            name = _french_name(char) + f" (U+{ord(char):04X})"
            problems.append((number, f"caractère interdit : {name}", _HINT_INVISIBLE))
    return problems


def _too_deep(text: str) -> int:
    """Line where nesting passes MAX_DEPTH, or 0.

    Read from the event stream, which needs no recursion: composing a tree of
    thousands of levels would exhaust Python's stack (or libyaml's C stack).
    """
    # Each level needs more indentation, a flow bracket or a "- " / "key:" on its line:
    # most files are proved shallow without parsing them twice.
    bound = text.count("[") + text.count("{") + 2  # + a key on the deepest line
    bound += max(map(len, _INDENT.findall(text)), default=0)
    bound += max((m.count("-") for m in _DASHES.findall(text)), default=0)
    if bound <= MAX_DEPTH:
        return 0
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_EventLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return int(event.start_mark.line) + 1 if event.start_mark else 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return 0  # the composer reports the syntax error itself
    return 0


_INDENT = re.compile(r"^ *", re.M)
_DASHES = re.compile(r"^(?:[ ]*-(?=[ \n]))+", re.M)
_EventLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def forbidden_character(value: str) -> tuple[int, str] | None:
    """Index and French name of the first invisible or control character of ``value``."""
    match = _FORBIDDEN.search(value)
    if match is None:
        return None
    char = match.group()
    return match.start(), f"{_french_name(char)} (U+{ord(char):04X})"


_NAMES = {
    "\x00": "caractère nul",
    "\t": "tabulation",
    "\r": "retour chariot",
    "\u200b": "espace invisible",
    "\u200c": "antiliant invisible",
    "\u200d": "liant invisible",
    "\u2028": "séparateur de ligne",
    "\u2029": "séparateur de paragraphe",
    "\u2060": "gluon de mots invisible",
    "\ufeff": "espace insécable invisible (indicateur d'ordre des octets)",
}


def _french_name(char: str) -> str:
    if char in _NAMES:
        return _NAMES[char]
    code = ord(char)
    if 0x200E <= code <= 0x200F or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "contrôle invisible du sens d'écriture"
    return "caractère de contrôle invisible"


class _Converter:
    def __init__(self, lines: dict[Loc, int]) -> None:
        self.lines = lines
        self.seen: set[int] = set()
        self.problems: list[_Refused] = []

    def check_text(self, node: ScalarNode) -> None:
        found = forbidden_character(node.value)
        if found is None:
            return
        index, name = found
        line = node.start_mark.line + 1 + node.value[:index].count("\n")
        if node.style in {"|", ">"}:
            line += 1
        hint = _HINT_TAB if name.startswith("tabulation") else _HINT_INVISIBLE
        self.problems.append(_Refused(line, f"caractère interdit : {name}", hint))

    def convert(self, node: Node, loc: Loc) -> Any:
        line = node.start_mark.line + 1
        if id(node) in self.seen:
            raise _Refused(
                self.lines.get(loc, self.lines.get(loc[:-1], line)),
                "les alias YAML (« & » et « * ») ne sont pas acceptés",
                "recopiez la valeur au lieu d'y faire référence.",
            )
        self.seen.add(id(node))
        self.lines.setdefault(loc, line)
        if isinstance(node, ScalarNode):
            if node.tag != _STR_TAG:
                raise _Refused(
                    line,
                    f"balise YAML « {node.tag} » refusée",
                    "retirez la balise commençant par « ! » ; écrivez la valeur simplement.",
                )
            if node.style == '"':  # only escapes ("\0", "\u202e"…) hide what the file shows
                self.check_text(node)
            return _scalar(node)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                raise _Refused(line, f"balise YAML « {node.tag} » refusée")
            return [self.convert(item, (*loc, i)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != _MAP_TAG:
                raise _Refused(line, f"balise YAML « {node.tag} » refusée")
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, ScalarNode) or key_node.tag != _STR_TAG:
                    raise _Refused(
                        key_line, "clé invalide", "une clé est un simple mot, comme « titre »."
                    )
                key = key_node.value
                if key_node.style == '"':
                    self.check_text(key_node)
                if key == "<<":
                    raise _Refused(key_line, "la fusion YAML « << » n'est pas acceptée")
                if key in result:
                    first = self.lines.get((*loc, key), key_line)
                    raise _Refused(
                        key_line,
                        f"la clé « {key} » est écrite deux fois (déjà à la ligne {first})",
                        "gardez une seule fois chaque clé ; la seconde écraserait la première.",
                    )
                self.lines[(*loc, key)] = key_line
                result[key] = self.convert(value_node, (*loc, key))
                self.lines[(*loc, key)] = key_line
            return result
        raise _Refused(line, "élément YAML inattendu")  # pragma: no cover


def _scalar(node: ScalarNode) -> Any:
    value: str = node.value
    if node.style:  # quoted or block scalar: always text (plain is None, or "" with libyaml)
        return value
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    return value


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if "found duplicate anchor" in problem or "found undefined alias" in problem:
        return "alias YAML non défini ou en double (« & », « * »)"
    if "mapping values are not allowed" in problem:
        return "deux-points « : » inattendu dans une valeur"
    if "found character '\\t'" in problem or "tab character" in problem:
        return "tabulation trouvée : YAML n'accepte que des espaces pour l'indentation"
    if "could not find expected ':'" in problem:
        return "il manque le deux-points « : » après une clé"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "indentation incohérente ou liste mal formée"
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return "guillemet non refermé"
    if "expected a single document" in problem:
        return "le fichier contient plusieurs documents YAML (« --- »)"
    return f"syntaxe YAML invalide ({problem or exc})"


def _syntax_hint(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    if "mapping values are not allowed" in problem:
        return 'mettez la valeur entre guillemets, par exemple titre: "Judo : initiation".'
    if "\\t" in problem or "tab character" in problem:
        return "remplacez les tabulations par des espaces."
    if "expected a single document" in problem:
        return "un fichier = une fiche ; retirez la ligne « --- » du milieu."
    return "vérifiez l'indentation (des espaces, deux par niveau) et les guillemets."
