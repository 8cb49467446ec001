"""``parcours new``: write a new, commented, valid data file from a few answers.

Answers come from command-line options or from questions asked in French;
the file is written from a YAML template, then the whole ``data/`` is
checked. A file that does not pass is removed, so nothing broken is left.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from macros.data.errors import DataErrors
from macros.data.fields import fold
from macros.data.kinds import url
from macros.data.loader import load_catalogue

Ask = Callable[[str], str]


class ScaffoldError(ValueError):
    """A missing or wrong answer; the message is French and says what to give."""


@cache
def _yaml_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("macros.scaffold", "templates"),
        autoescape=False,  # YAML, not HTML: values are quoted by the ``q`` filter
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["q"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return env


def slugify(text: str) -> str:
    """``Judo : éveil (4-11 ans)`` → ``judo-eveil-4-11-ans``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60].strip("-")


@dataclass
class Question:
    key: str
    prompt: str
    default: str = ""
    choices: list[str] = field(default_factory=list)
    required: bool = True


def _answer(question: Question, given: dict[str, Any], ask: Ask | None) -> str:
    value = given.get(question.key)
    if value not in (None, ""):
        text = str(value)
    elif ask is not None:
        hint = f" ({', '.join(question.choices)})" if question.choices else ""
        default = f" [{question.default}]" if question.default else ""
        text = ask(f"{question.prompt}{hint}{default} : ").strip() or question.default
    else:
        text = question.default
    if question.required and not text:
        raise ScaffoldError(
            f"il manque : {question.prompt.lower()} (option --{question.key.replace('_', '-')})"
        )
    if question.choices and text and text not in question.choices:
        raise ScaffoldError(
            f"« {text} » n'est pas possible pour {question.prompt.lower()} : "
            f"choisissez parmi {', '.join(question.choices)}"
        )
    return text


def _new_path(root: Path, folder: str, slug: str) -> Path:
    path = root / "data" / folder / f"{slug}.yml"
    if path.exists():
        raise ScaffoldError(
            f"{path.relative_to(root)} existe déjà : choisissez un autre titre ou --slug"
        )
    return path


def _write_checked(root: Path, path: Path, template: str, context: dict[str, Any]) -> Path:
    """Write the file from its template, then check ``data/``; a refused file is removed."""
    text = _yaml_environment().get_template(template).render(**context)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        load_catalogue(root)
    except DataErrors as exc:
        if any(e.file.endswith(path.name) for e in exc.errors):
            path.unlink()
            raise ScaffoldError(
                "la fiche n'est pas valide, elle n'a pas été gardée :\n" + exc.report()
            ) from None
    return path


def new_activite(root: Path, given: dict[str, Any], ask: Ask | None = None) -> Path:
    """Write ``data/activites/<slug>.yml`` and check it; return its path."""
    catalogue = load_catalogue(root)
    questions = [
        Question("titre", "Titre de l'activité"),
        Question("resume", "Résumé en une phrase"),
        Question("categorie", "Catégorie", choices=list(catalogue.categories)),
        Question("age_min", "Âge minimum (vide pour les parents)", required=False),
        Question("age_max", "Âge maximum", required=False),
        Question("temps", "Moments, séparés par des virgules", "mercredi"),
        Question("jour", "Jour de la séance (vide s'il n'y en a pas)", required=False),
        Question("debut", "Heure de début, HH:MM", "14:00"),
        Question("fin", "Heure de fin, HH:MM", "15:30"),
        Question("lieu_nom", "Nom du lieu"),
        Question("lieu_adresse", "Adresse du lieu"),
        Question("quartier", "Quartier", choices=list(catalogue.quartiers)),
        Question("service", "Service", choices=list(catalogue.services)),
        Question("referent", "Référent", choices=list(catalogue.referents)),
        Question("tarif", "Tarif", "gratuit", ["gratuit", "quotient-familial", "payant"]),
        Question("montant", "Montant en euros (payant ou quotient familial)", required=False),
        Question(
            "accueil_handicap",
            "Accueil des enfants en situation de handicap",
            "oui",
            ["oui", "non"],
        ),
    ]
    answers = {q.key: _answer(q, given, ask) for q in questions}
    slug = given.get("slug") or slugify(answers["titre"])
    path = root / "data" / "activites" / f"{slug}.yml"
    if path.exists():
        raise ScaffoldError(
            f"{path.relative_to(root)} existe déjà : choisissez un autre titre ou --slug"
        )
    age_min = answers["age_min"] or None
    year = catalogue.commune.annee_scolaire.split("-")
    context = {
        **answers,
        "slug": slug,
        "adresse": "/" + url("activite", slug),
        "description": given.get("description") or answers["resume"],
        "age_min": age_min,
        "age_max": answers["age_max"] or age_min,
        "parents": age_min is None,
        "temps": [t.strip() for t in answers["temps"].split(",") if t.strip()],
        "horaires": [(answers["jour"], answers["debut"], answers["fin"])]
        if answers["jour"]
        else [],
        "debut": f"{year[0]}-09-01",
        "fin": f"{year[1]}-07-03",
        "montant": answers["montant"] or None,
        "modalites": given.get("modalites") or "Sur le portail Famille ou au guichet unique.",
        "accueil_handicap": answers["accueil_handicap"] == "oui",
        "acces_pmr": False,
        "objectifs": given.get("objectifs") or [],
        "aujourdhui": date.today().isoformat(),
        "exemple": bool(given.get("exemple")),
    }
    return _write_checked(root, path, "nouvelle_activite.yml", context)


def new_ressource(root: Path, given: dict[str, Any], ask: Ask | None = None) -> Path:
    """Write ``data/ressources/<slug>.yml`` and check it; return its path."""
    catalogue = load_catalogue(root)
    questions = [
        Question("titre", "Titre de la ressource"),
        Question("resume", "Résumé en une phrase"),
        Question("theme", "Thème", choices=list(catalogue.themes)),
        Question(
            "type", "Type", "guide", ["guide", "site", "numero-utile", "atelier", "permanence"]
        ),
        Question("organisme", "Organisme qui la propose"),
        Question("lien", "Lien (https://… ou /page/)", required=False),
        Question("telephone", "Téléphone", required=False),
        Question("age_min", "Âge minimum des enfants concernés (vide : tous)", required=False),
        Question("age_max", "Âge maximum", required=False),
    ]
    answers = {q.key: _answer(q, given, ask) for q in questions}
    slug = given.get("slug") or slugify(answers["titre"])
    path = root / "data" / "ressources" / f"{slug}.yml"
    if path.exists():
        raise ScaffoldError(
            f"{path.relative_to(root)} existe déjà : choisissez un autre titre ou --slug"
        )
    context = {
        **answers,
        "slug": slug,
        "adresse": "/" + url("ressource", slug),
        "description": given.get("description") or answers["resume"],
        "age_min": answers["age_min"] or None,
        "age_max": answers["age_max"] or answers["age_min"] or None,
        "parents": True,
        "aujourdhui": date.today().isoformat(),
        "exemple": bool(given.get("exemple")),
    }
    return _write_checked(root, path, "nouvelle_ressource.yml", context)


def new_referent(root: Path, given: dict[str, Any], ask: Ask | None = None) -> Path:
    """Append a contact to ``data/referents.yml`` and check it; return the file's path."""
    catalogue = load_catalogue(root)
    questions = [
        Question("role", "Rôle (par exemple : Référent handicap du service Culture)"),
        Question("service", "Service", choices=list(catalogue.services)),
        Question("structure", "Structure"),
        Question("email", "Courriel"),
        Question("telephone", "Téléphone"),
        Question("adresse", "Adresse"),
        Question("horaires", "Horaires d'accueil"),
        Question("missions", "Missions, séparées par des points-virgules", required=False),
    ]
    answers = {q.key: _answer(q, given, ask) for q in questions}
    ident = given.get("id") or slugify(answers["role"])
    if ident in catalogue.referents:
        raise ScaffoldError(
            f"l'identifiant « {ident} » existe déjà dans data/referents.yml : donnez --id"
        )
    path = root / "data" / "referents.yml"
    context = {
        **answers,
        "id": ident,
        "missions": [m.strip() for m in answers["missions"].split(";") if m.strip()],
        "exemple": bool(given.get("exemple")),
    }
    before = path.read_text(encoding="utf-8")
    addition = _yaml_environment().get_template("nouveau_referent.yml").render(**context)
    path.write_text(before.rstrip("\n") + "\n" + addition, encoding="utf-8")
    try:
        load_catalogue(root)
    except DataErrors as exc:
        path.write_text(before, encoding="utf-8")
        raise ScaffoldError(
            "le contact n'est pas valide, rien n'a été changé :\n" + exc.report()
        ) from None
    return path


KINDS = {"activite": new_activite, "ressource": new_ressource, "referent": new_referent}
