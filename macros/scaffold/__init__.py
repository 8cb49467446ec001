"""``parcours new``: write a new, commented, valid data file from a few answers.

Nothing here lists a model's fields. The questions, the options, the checks
and the commented YAML all come from the model (:mod:`.derive`): adding a
field to :class:`~macros.data.models.Activite` adds its question, its option
``--<name>`` and its commented line. What each genre adds by hand is below in
:data:`KINDS`: where the file goes, which answer names it, a few suggested
answers (the school year's dates, « gratuit »…) and the older option names.

Answers come from command-line options or from questions asked in French
(:mod:`.answers`); the file is written (:mod:`.writer`), then the whole
``data/`` is checked. A file that does not pass is removed, so nothing broken
is left.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from macros.data.errors import DataErrors
from macros.data.fields import Heure, fold
from macros.data.kinds import url
from macros.data.loader import load_catalogue
from macros.data.models import Activite, Referent, Ressource
from macros.scaffold import options as _options
from macros.scaffold import writer
from macros.scaffold.answers import Answer, Ask, ScaffoldError, Session, Suggestion, validate
from macros.scaffold.derive import nodes

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import BaseModel

    from macros.data.catalogue import Catalogue

__all__ = [
    "KINDS",
    "Ask",
    "Kind",
    "ScaffoldError",
    "new",
    "new_activite",
    "new_referent",
    "new_ressource",
    "slugify",
]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """``Judo : éveil (4-11 ans)`` → ``judo-eveil-4-11-ans``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60].strip("-")


@dataclass(frozen=True)
class Entries:
    """Where a genre kept in one list file goes: ``data/referents.yml``, key ``referents``."""

    file: str
    ids: str
    """The :class:`~macros.data.catalogue.Catalogue` mapping of the ids already taken."""
    id_field: str
    """The field that names an entry; not asked, derived like a file name."""


@dataclass(frozen=True)
class Kind:
    """One genre of ``parcours new``: its model and what the model cannot say."""

    genre: str
    model: type[BaseModel]
    help: str
    name_from: str
    """The field whose answer names the new item (its file name or id)."""
    folder: str | None = None
    """``data/<folder>/<slug>.yml``; ``None`` for an entry of :attr:`entries`."""
    entries: Entries | None = None
    suggestions: Mapping[str, Suggestion] = field(default_factory=dict)
    """Proposed answers by field path, used when nothing is given (see module doc)."""
    aliases: Mapping[str, str] = field(default_factory=dict)
    """Extra option names, by field path: kept from before the options were derived."""

    @property
    def alias_pairs(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(self.aliases.items()))


def _later(session: Session, key: str, minutes: int) -> str | None:
    """The hour ``minutes`` after the answer to ``key`` (``16:00`` → ``17:30``), if any."""
    try:
        start = TypeAdapter(Heure).validate_python(session.answer(key))
    except ValidationError:
        return None
    total = int(start[:2]) * 60 + int(start[3:]) + minutes
    return f"{total // 60:02d}:{total % 60:02d}" if total < 24 * 60 else None


def _school_year(session: Session, part: int, day: str) -> str:
    years = session.catalogue.commune.annee_scolaire.split("-")
    return f"{years[part]}-{day}"


_COMMON: dict[str, Suggestion] = {
    "description": lambda s: s.answer("resume"),
    "public.age_max": lambda s: s.answer("public.age_min"),
    "mis_a_jour": lambda s: date.today().isoformat(),
}

_KINDS = (
    Kind(
        "activite",
        Activite,
        help="une fiche d'activité dans data/activites/",
        name_from="titre",
        folder="activites",
        suggestions={
            **_COMMON,
            "public.parents": lambda s: "non" if s.answer("public.age_min") else "oui",
            "temps": "mercredi",
            # The next session at the same time as the previous one; 1 h 30 long.
            "horaires.debut": lambda s: s.answer("horaires.debut") or "14:00",
            "horaires.fin": lambda s: _later(s, "horaires.debut", 90),
            "periode.debut": lambda s: _school_year(s, 0, "09-01"),
            "periode.fin": lambda s: _school_year(s, 1, "07-03"),
            "tarif.type": "gratuit",
            "inscription.modalites": "Sur le portail Famille ou au guichet unique.",
            "accessibilite.accueil_handicap": "oui",
        },
        # ``debut`` and ``fin`` are in ``horaires`` and in ``periode``; ``tarif`` is a block.
        # ``--referent``: the contact's option before it was called ``contact``.
        aliases={
            "debut": "horaires.debut",
            "fin": "horaires.fin",
            "tarif": "tarif.type",
            "referent": "contact",
        },
    ),
    Kind(
        "ressource",
        Ressource,
        help="une fiche de ressource pour les parents dans data/ressources/",
        name_from="titre",
        folder="ressources",
        suggestions={**_COMMON, "public.parents": "oui", "type": "guide"},
    ),
    Kind(
        "referent",
        Referent,
        help="un contact ajouté à data/referents.yml",
        name_from="role",
        entries=Entries("referents.yml", ids="referents", id_field="id"),
    ),
)
KINDS: dict[str, Kind] = {kind.genre: kind for kind in _KINDS}


def new(root: Path, genre: str, given: Mapping[str, Any], ask: Ask | None = None) -> Path:
    """Write a new item of ``genre`` from ``given`` answers and ``ask``; return its file.

    ``given`` is keyed by field path (``lieu.nom``) or by any option name
    (``lieu_nom``, ``quartier``), plus ``slug`` for a file's name. Without
    ``ask``, what is missing takes its suggestion or default, or stops with a
    :class:`ScaffoldError` naming the option to give.
    """
    kind = KINDS[genre]
    catalogue = load_catalogue(root)
    values = dict(given)
    slug = str(values.pop("slug", None) or "")
    answers = _options.given(kind.model, kind.alias_pairs, values)
    naming = _Naming(root, kind, catalogue, slug, answers)

    def option(node: Any) -> str:
        return _options.option_name(kind.model, kind.alias_pairs, node)

    session = Session(
        catalogue,
        answers,
        ask,
        option=option,
        suggestions=kind.suggestions,
        hooks={kind.name_from: naming.check},
        skip=frozenset({kind.entries.id_field} if kind.entries else ()),
    )
    data = session.collect(nodes(kind.model))
    if kind.entries:
        data[kind.entries.id_field] = naming.name
    item = validate(kind.model, data)
    if kind.entries:
        return _append_checked(root, kind, kind.entries, item)
    return _write_checked(root, kind, naming.path, item)


def new_activite(root: Path, given: Mapping[str, Any], ask: Ask | None = None) -> Path:
    """Write ``data/activites/<slug>.yml`` and check it; return its path."""
    return new(root, "activite", given, ask)


def new_ressource(root: Path, given: Mapping[str, Any], ask: Ask | None = None) -> Path:
    """Write ``data/ressources/<slug>.yml`` and check it; return its path."""
    return new(root, "ressource", given, ask)


def new_referent(root: Path, given: Mapping[str, Any], ask: Ask | None = None) -> Path:
    """Append a contact to ``data/referents.yml`` and check it; return the file's path."""
    return new(root, "referent", given, ask)


class _Naming:
    """The new item's name: a file name, or an id; given, or derived from an answer."""

    def __init__(
        self, root: Path, kind: Kind, catalogue: Catalogue, slug: str, answers: dict[str, Answer]
    ) -> None:
        self.root, self.kind, self.catalogue = root, kind, catalogue
        self.name = ""
        if kind.entries:
            given = answers.get(kind.entries.id_field)
            self.given = given if isinstance(given, str) else ""
            where = f"l'option --{kind.entries.id_field.replace('_', '-')}"
        else:
            self.given = slug
            where = "--slug"
        if self.given:
            if not _SLUG.match(self.given):
                raise ScaffoldError(
                    f"« {self.given} » ne peut pas servir de nom ({where}) : "
                    "des minuscules sans accent, des chiffres et des tirets"
                )
            if error := self._taken(self.given, f"choisissez-en un autre avec {where}"):
                raise ScaffoldError(error)
            self.name = self.given

    @property
    def path(self) -> Path:
        return self.root / "data" / str(self.kind.folder) / f"{self.name}.yml"

    def check(self, answer: Answer) -> str | None:
        """The hook on :attr:`Kind.name_from`: derive the name, refuse one already taken."""
        if self.given:
            return None
        option = f"--{self.kind.entries.id_field}" if self.kind.entries else "--slug"
        name = slugify(answer if isinstance(answer, str) else " ".join(answer))
        if not name:
            return "écrivez au moins une lettre ou un chiffre : le nom du fichier en vient"
        question = next(n.title for n in nodes(self.kind.model) if n.key == self.kind.name_from)
        error = self._taken(name, f"changez « {question} », ou donnez {option}")
        if error is None:
            self.name = name
        return error

    def _taken(self, name: str, remedy: str) -> str | None:
        if self.kind.entries:
            if name in getattr(self.catalogue, self.kind.entries.ids):
                return (
                    f"l'identifiant « {name} » existe déjà dans "
                    f"data/{self.kind.entries.file} : {remedy}"
                )
            return None
        path = self.root / "data" / str(self.kind.folder) / f"{name}.yml"
        if path.exists():
            return f"{path.relative_to(self.root).as_posix()} existe déjà : {remedy}"
        return None


def _header(kind: Kind, slug: str) -> list[str]:
    page = "/" + url(kind.genre, slug)  # the registry of page kinds (macros/data/kinds.py)
    return [
        f"# yaml-language-server: $schema=../schema/{kind.genre}.schema.json",
        *writer.comment(
            f"Fiche créée par « parcours new {kind.genre} ». Le nom du fichier est l'adresse de "
            f"la page : {page}. Relisez chaque champ, puis lancez « make check ».",
            0,
        ),
    ]


def _write_checked(root: Path, kind: Kind, path: Path, item: BaseModel) -> Path:
    """Write the file, then check ``data/``; a refused file is removed."""
    text = writer.document(item, nodes(kind.model), _header(kind, path.stem))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    shown = path.relative_to(root).as_posix()
    try:
        load_catalogue(root)
    except DataErrors as exc:
        if any(e.file == shown for e in exc.errors):
            path.unlink()
            raise ScaffoldError(
                "la fiche n'est pas valide, elle n'a pas été gardée :\n" + exc.report()
            ) from None
    return path


def _append_checked(root: Path, kind: Kind, entries: Entries, item: BaseModel) -> Path:
    """Append the entry to its list file, then check ``data/``; a refusal restores the file."""
    path = root / "data" / entries.file
    before = path.read_text(encoding="utf-8")
    dash = re.search(r"^( *)- ", before, re.M)
    header = f"# Ajouté par « parcours new {kind.genre} »."
    addition = writer.entry(item, nodes(kind.model), len(dash.group(1)) if dash else 2, header)
    path.write_text(before.rstrip("\n") + "\n\n" + addition, encoding="utf-8")
    try:
        load_catalogue(root)
    except DataErrors as exc:
        path.write_text(before, encoding="utf-8")
        raise ScaffoldError(
            "le contact n'est pas valide, rien n'a été changé :\n" + exc.report()
        ) from None
    return path
