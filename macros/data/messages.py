"""French wording of pydantic's validation errors, with a hint for each."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from macros.data.reader import Loc


def field_path(loc: Loc) -> str:
    """``('horaires', 0, 'debut')`` → ``horaires[0].debut``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


def _shown(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "(vide)"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def describe(error: ErrorDetails, allowed: list[str] | None = None) -> tuple[str, str]:
    """Return the French message and hint for one pydantic error."""
    kind = error["type"]
    value = error.get("input")
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    name = str(error["loc"][-1]) if error["loc"] else ""
    if kind == "missing":
        return "champ obligatoire manquant", f"ajoutez une ligne « {name}: … »."
    if kind == "extra_forbidden":
        if name in RENAMED and name not in (allowed or []):
            return f"champ « {name} » renommé", RENAMED[name]
        close = difflib.get_close_matches(name, allowed or [], n=1)
        hint = (
            f"vouliez-vous écrire « {close[0]} » ?"
            if close
            else ("champs possibles : " + ", ".join(allowed) + "." if allowed else "")
        )
        return f"champ inconnu « {name} »", hint
    if kind in {"string_type", "str_type"}:
        if isinstance(value, bool):
            return (
                f"texte attendu, mais « {_shown(value)} » est lu comme oui/non",
                "mettez le texte entre guillemets.",
            )
        return "texte attendu", "écrivez le texte après les deux-points."
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return (
            f"nombre entier attendu (trouvé « {_shown(value)} »)",
            "écrivez seulement le nombre, par exemple 8.",
        )
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", " ou ")
        return (
            f"valeur « {_shown(value)} » inconnue",
            f"choisissez parmi : {expected}.",
        )
    if kind == "list_type":
        return "liste attendue", "écrivez chaque élément sur sa ligne, précédé de « - »."
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return (
            "bloc attendu",
            "écrivez les champs sur les lignes suivantes, indentés de deux espaces.",
        )
    if kind in {"greater_than_equal", "greater_than"}:
        return f"valeur trop petite ({_shown(value)}) : au moins {ctx.get('ge', ctx.get('gt'))}", ""
    if kind in {"less_than_equal", "less_than"}:
        return f"valeur trop grande ({_shown(value)}) : au plus {ctx.get('le', ctx.get('lt'))}", ""
    if kind == "too_long" and isinstance(value, str):
        kind = "string_too_long"
    if kind == "too_long":
        return f"trop d'éléments : au plus {ctx.get('max_length')}", ""
    if kind == "too_short":
        return f"il faut au moins {ctx.get('min_length', 1)} élément(s)", ""
    if kind == "string_too_short":
        return "ce champ ne doit pas être vide", ""
    if kind == "string_too_long":
        return (
            f"texte trop long ({len(str(value))} caractères, au plus {ctx.get('max_length')})",
            "raccourcissez ; le détail va dans description."
            if int(ctx.get("max_length") or 0) <= 240
            else "raccourcissez ce texte.",
        )
    if kind == "string_pattern_mismatch":
        return (
            f"format inattendu « {_shown(value)} »",
            "suivez l'exemple du modèle, par exemple 2025-2026.",
        )
    if kind in _OWN_KINDS:  # our own validators' messages are French already
        return error["msg"], _OWN_HINTS.get(kind, "")
    if kind.startswith("date") or kind.startswith("datetime"):
        return (
            f"date invalide « {_shown(value)} »",
            "écrivez-la sous la forme AAAA-MM-JJ, par exemple 2025-09-10.",
        )
    if kind.startswith("decimal"):
        return f"montant invalide « {_shown(value)} »", "deux décimales au plus, par exemple 12.50."
    if kind == "bool_type" or kind == "bool_parsing":
        return f"réponse attendue : oui ou non (trouvé « {_shown(value)} »)", ""
    if kind == "frozen_instance":  # pragma: no cover - models are never mutated
        return "valeur non modifiable", ""
    # Custom errors raised by our own validators are already French.
    if kind in _OWN_KINDS:
        return error["msg"], _OWN_HINTS.get(kind, "")
    return f"valeur invalide « {_shown(value)} »", ""


_OWN_HINTS = {
    "heure": 'mettez l\'heure entre guillemets, par exemple debut: "16:30".',
    "date": "par exemple 2025-09-10 pour le 10 septembre 2025.",
    "oui_non": "écrivez oui ou non.",
    "lien": "par exemple https://www.service-public.fr/ ou mailto:contact@example.org.",
    "telephone": 'mettez le numéro entre guillemets : "01 99 00 12 34".',
    "identifiant": "exemple : centre-ville, arts-plastiques.",
    "balisage": "écrivez du texte simple ; la mise en forme va dans description.",
    "public": "par exemple age_min: 6 et age_max: 11.",
    "horaire": 'par exemple debut: "14:00" et fin: "15:30".',
    "periode": "par exemple debut: 2025-09-10 et fin: 2026-06-24.",
    "tarif": "par exemple type: payant et montant: 45.",
    "chemin": "commencez et finissez par « / » : /activites/judo/.",
    "chemin_image": "placez l'image dans docs/images/ et écrivez src: /images/nom.jpg.",
    "controle": "retapez le texte à la main : il contient un caractère invisible.",
    "inscription": "les inscriptions ouvrent (ouverture) avant de fermer (date_limite), "
    "et avant la fin de l'activité.",
    "seance": "corrigez la date de la séance, ou la période de l'activité.",
    "urgence": 'ajoutez le numéro à appeler, par exemple telephone: "119".',
}
RENAMED = {
    "referent": "« referent » s'appelle maintenant « contact » : qui répond aux questions des "
    "familles (l'accueil du service, l'équipe de l'activité). Le référent handicap, s'il "
    "n'est pas celui du service, va dans « referent_handicap ».",
}
"""Fields that changed name: the hint says what to write instead."""
_OWN_KINDS = {*_OWN_HINTS, "email", "montant", "une_ligne"}
