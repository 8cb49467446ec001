"""Where an activity stands on a given day, as a parent asks it: can I still join?

One rule for every place that says it (activity page, card, finder, brochures, open
data): over; no registration needed; with the class; on a professional's referral;
full; registration closed, not open yet, open until a date, or open.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from macros.present.formatting import date_fr

if TYPE_CHECKING:
    from macros.data.models import Activite

DAY_VARIABLE = "PARCOURS_DATE"
"""Set to a day (``2027-01-11``), the site and brochures are built as read on that day."""


def build_day() -> date:
    """The day the statuses are computed for: today, or :data:`DAY_VARIABLE` when set."""
    given = os.environ.get(DAY_VARIABLE, "").strip()
    if given:
        try:
            return date.fromisoformat(given)
        except ValueError:
            raise SystemExit(
                f"{DAY_VARIABLE}={given!r} n'est pas une date : écrivez-la AAAA-MM-JJ, "
                "par exemple 2027-01-11."
            ) from None
    return date.today()


@dataclass(frozen=True)
class Statut:
    code: str
    """One of :data:`CODES`."""
    texte: str


CODES = {
    "terminee": "Terminée",
    "libre": "Sans inscription",
    "scolaire": "Avec la classe",
    "orientation": "Sur proposition d’un professionnel",
    "complet": "Complet",
    "closes": "Inscriptions closes",
    "bientot": "Inscriptions bientôt ouvertes",
    "ouvertes": "Inscriptions ouvertes",
}
"""Every status, with its words when no date goes with it."""

JOINABLE = ("libre", "ouvertes")
"""The statuses of an activity a family can join now, by itself."""


def statut(act: Activite, today: date) -> Statut:
    """The activity's status on ``today``, as a parent reads it."""
    if act.periode.fin < today:
        return Statut("terminee", CODES["terminee"])
    starts = act.periode.debut > today
    if act.acces == "libre":
        if starts:
            return Statut("libre", f"Sans inscription, à partir du {date_fr(act.periode.debut)}")
        return Statut("libre", CODES["libre"])
    if act.acces == "scolaire":
        return Statut("scolaire", CODES["scolaire"])
    if act.acces == "sur-orientation":
        return Statut("orientation", CODES["orientation"])
    ins = act.inscription
    if ins is not None and ins.complet:
        return Statut("complet", CODES["complet"])
    limit = ins.date_limite if ins else None
    opening = ins.ouverture if ins else None
    if limit is not None and limit < today:
        return Statut("closes", CODES["closes"])
    if opening is not None and opening > today:
        return Statut("bientot", f"Inscriptions à partir du {date_fr(opening)}")
    if limit is not None:
        return Statut("ouvertes", f"Inscriptions ouvertes jusqu’au {date_fr(limit)}")
    if starts:
        return Statut("ouvertes", f"Inscriptions ouvertes, début le {date_fr(act.periode.debut)}")
    return Statut("ouvertes", CODES["ouvertes"])
