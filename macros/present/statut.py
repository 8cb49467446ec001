"""Where an activity stands on a given day: over, registration closed or open, starting soon."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from macros.present.formatting import date_fr

if TYPE_CHECKING:
    from datetime import date

    from macros.data.models import Activite


@dataclass(frozen=True)
class Statut:
    code: str
    """``terminee``, ``closes``, ``ouvertes``, ``a-venir`` or ``en-cours``."""
    texte: str


def statut(act: Activite, today: date) -> Statut:
    """The activity's status on ``today``, as a parent reads it."""
    if act.periode.fin < today:
        return Statut("terminee", "Terminée")
    limit = act.inscription.date_limite
    if limit is not None and limit < today:
        return Statut("closes", "Inscriptions closes")
    if limit is not None:
        return Statut("ouvertes", f"Inscriptions ouvertes jusqu’au {date_fr(limit)}")
    if act.periode.debut > today:
        return Statut("a-venir", f"Commence le {date_fr(act.periode.debut)}")
    return Statut("en-cours", "En cours")
