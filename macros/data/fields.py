"""Field types shared by the models, each with its French error message.

Every value arrives as text from :mod:`macros.data.reader` (only ``true``,
``false`` and empty values are not), so these types decide what text means.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TIME = re.compile(r"^([01]?\d|2[0-3])\s*[:hH]\s*([0-5]\d)?$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 .\-()]+$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_MARKUP = re.compile(r"[<>]|\{\{|\{%|\{#")
_URL_UNSAFE = re.compile(r"[\s\"'<>`\\^{}|\x00-\x1f\x7f-\x9f]")
"""Characters no address may hold: they could leave an attribute or hide a second link."""
_SITE_PATH = re.compile(
    r"^/[A-Za-z0-9._~%!$&()*+,;=:@/-]*(?:[?#][A-Za-z0-9._~%!$&()*+,;=:@/?#-]*)?$"
)

TEXTE_MAX = 300
"""Longest one-line text (a name, a label, an address) unless the field says less."""
TEXTE_LONG_MAX = 20_000
"""Longest Markdown text (a description): about ten printed pages."""
ANNEE_MIN, ANNEE_MAX = 1900, 2100


def fold(text: str) -> str:
    """Lowercase without accents: ``Périscolaire`` → ``periscolaire``."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _error(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _plain_text(value: str) -> str:
    """One-line text shown in titles, cards and metadata: no markup at all."""
    if _MARKUP.search(value):
        raise _error(
            "balisage",
            "les caractères « < », « > », « {{ » et « {% » ne sont pas acceptés ici",
        )
    if "\n" in value.strip():
        raise _error("une_ligne", "ce texte doit tenir sur une seule ligne")
    return " ".join(value.split())


Texte = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXTE_MAX),
    AfterValidator(_plain_text),
]
"""One line of plain text (title, name, label)."""

TexteLong = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXTE_LONG_MAX)
]
"""Markdown text (a description); escaped when rendered, never trusted as HTML."""


def _identifiant(value: str) -> str:
    if not _SLUG.match(value):
        raise _error(
            "identifiant",
            f"identifiant invalide « {value} » : seulement des minuscules sans accent, "
            "des chiffres et des tirets (par exemple « centre-ville »)",
        )
    return value


Identifiant = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_identifiant)]


def _oui_non(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        folded = fold(value)
        if folded == "oui":
            return True
        if folded == "non":
            return False
    raise _error("oui_non", f"réponse attendue : oui ou non (trouvé « {value} »)")


Oui = Annotated[
    bool,
    BeforeValidator(_oui_non),
    WithJsonSchema({"enum": ["oui", "non", True, False], "description": "oui ou non"}),
]
"""A yes/no answer: ``oui``/``non`` (or ``true``/``false``); nothing else."""


def _heure(value: Any) -> str:
    match = _TIME.match(str(value).strip()) if isinstance(value, str) else None
    if not match:
        raise _error("heure", f'heure invalide « {value} » : écrivez-la sous la forme "HH:MM"')
    return f"{int(match.group(1)):02d}:{match.group(2) or '00'}"


Heure = Annotated[
    str,
    BeforeValidator(_heure),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01]?\d|2[0-3])\s*[:hH]\s*([0-5]\d)?$",
            "examples": ["14:00"],
            "description": 'Heure entre guillemets, "HH:MM".',
        }
    ),
]
"""A time of day, normalised to ``HH:MM`` (``9h``, ``9:00`` → ``09:00``)."""


def _date(value: Any) -> Any:
    if isinstance(value, str) and not re.match(r"^\d{4}-\d{2}-\d{2}$", value.strip()):
        raise _error("date", f"date invalide « {value} » : écrivez-la sous la forme AAAA-MM-JJ")
    if isinstance(value, str) and not ANNEE_MIN <= int(value.strip()[:4]) <= ANNEE_MAX:
        raise _error(
            "date",
            f"date invalide « {value} » : l'année doit être entre {ANNEE_MIN} et {ANNEE_MAX}",
        )
    return value


Date = Annotated[
    date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2025-09-10"]}),
]


def _montant(value: Any) -> Any:
    if isinstance(value, str):
        cleaned = value.replace("€", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            return Decimal(cleaned)
        except InvalidOperation:
            raise _error(
                "montant", f"montant invalide « {value} » : écrivez un nombre, par exemple 12.50"
            ) from None
    return value


Montant = Annotated[
    Decimal,
    BeforeValidator(_montant),
    Field(ge=0, max_digits=8, decimal_places=2),
    WithJsonSchema({"type": ["number", "string"], "examples": [12.5], "description": "En euros."}),
]


LIEN_MAX = 2000
"""Longest address accepted (browsers and QR codes handle this much)."""


def _lien(value: str) -> str:
    value = value.strip()
    if len(value) > LIEN_MAX:
        raise _error("lien", f"adresse trop longue ({len(value)} caractères, au plus {LIEN_MAX})")
    match = _SCHEME.match(value)
    if match and match.group(1).lower() not in {"https", "mailto", "tel"}:
        raise _error(
            "lien",
            f"lien refusé « {value} » : seuls les liens https://, mailto:, tel: "
            "ou les adresses du site commençant par « / » sont acceptés",
        )
    if _URL_UNSAFE.search(value):
        raise _error(
            "lien",
            f"lien invalide « {value} » : une adresse ne contient ni espace, ni guillemet, "
            "ni « < », « > », ni caractère de contrôle",
        )
    if match:
        scheme = match.group(1).lower()
        if scheme == "https" and not re.match(r"^https://[^\s/]+\.[^\s/]+", value, re.I):
            raise _error("lien", f"adresse web incomplète « {value} »")
        return value
    if value.startswith("/") and not value.startswith("//") and _SITE_PATH.match(value):
        return value
    raise _error(
        "lien",
        f"lien invalide « {value} » : écrivez l'adresse complète (https://…) "
        "ou une adresse du site commençant par « / »",
    )


Lien = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_lien)]


_ADRESSE_WEB = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d{1,5})?(?:/[A-Za-z0-9._~%-]*)*$", re.I)


def _adresse_web(value: str) -> str:
    value = _lien(value)
    if not value.lower().startswith("https://"):
        raise _error(
            "lien",
            f"adresse invalide « {value} » : écrivez l'adresse complète du site, "
            "commençant par https://",
        )
    if not _ADRESSE_WEB.match(value):
        raise _error(
            "lien",
            f"adresse invalide « {value} » : l'adresse du site est un nom de domaine, "
            "suivi au besoin d'un dossier (https://www.ville.fr/parcours/), sans « ? », « # », "
            "« @ » ni caractère spécial",
        )
    return value


AdresseWeb = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_adresse_web)
]
"""An absolute ``https://`` address (the site's own address)."""


def _chemin_image(value: str) -> str:
    value = _lien(value)
    if not value.startswith("/"):
        raise _error(
            "chemin_image",
            f"image refusée « {value} » : une image vient du site lui-même "
            "(fichier de docs/, par exemple /images/judo.jpg), jamais d'un autre site",
        )
    if not re.fullmatch(
        r"/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*"
        r"\.(?:jpe?g|png|webp|gif|svg|avif)",
        value,
        re.I,
    ):
        raise _error(
            "chemin_image",
            f"image refusée « {value} » : chemin d'un fichier image de docs/, "
            "par exemple /images/judo.jpg",
        )
    return value


CheminImage = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_chemin_image)
]
"""An image of the site itself (a file under ``docs/``), never another origin's."""


def _email(value: str) -> str:
    value = value.strip()
    if not _EMAIL.match(value):
        raise _error("email", f"adresse e-mail invalide « {value} »")
    return value


Email = Annotated[str, AfterValidator(_email)]


def _telephone(value: Any) -> str:
    if not isinstance(value, str) or not _PHONE_CHARS.match(value.strip()):
        raise _error(
            "telephone", f'numéro de téléphone invalide « {value} » (exemple : "01 99 00 12 34")'
        )
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("+33"):
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits.startswith("0"):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    if 3 <= len(digits) <= 6:  # national short numbers: 119, 3018, 3919…
        return digits
    raise _error(
        "telephone",
        f'numéro de téléphone invalide « {value} » : 10 chiffres ("01 99 00 12 34") '
        "ou un numéro court (3018)",
    )


Telephone = Annotated[
    str,
    BeforeValidator(_telephone),
    WithJsonSchema(
        {
            "type": "string",
            "examples": ["01 99 00 12 34"],
            "description": "Numéro entre guillemets.",
        }
    ),
]


def folded_choice(value: Any) -> Any:
    """Accept ``Périscolaire`` or ``Week-end`` for the ids ``periscolaire``, ``week-end``."""
    return fold(value).replace(" ", "-") if isinstance(value, str) else value


@dataclass(frozen=True)
class Reference:
    """Marks an identifier that must name an entry of another file's list.

    ``liste`` is the :class:`~macros.data.catalogue.Catalogue` attribute holding
    the known ids (``categories``, ``quartiers``, ``services``, ``themes``,
    ``referents``, ``objectifs``); ``fichier`` is the file an editor looks in.
    Pydantic ignores it; ``parcours new`` offers the ids as choices.
    """

    liste: str
    fichier: str
    autres: tuple[str, ...] = ()
    """Reserved ids also accepted (``toute-la-ville`` for a place's quartier)."""
