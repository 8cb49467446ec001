"""Where an activity stands on a given day, as a parent asks it: can I still join?

One rule for every place that says it (activity page, card, finder, brochures, open
data): over; no registration needed; with the class; on a professional's referral;
full; registration closed, not open yet, open until a date, or open.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from macros.present.formatting import JOURS_SEMAINE, date_fr

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
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
        if starts and act.periode.debut == act.periode.fin:  # a forum, an open day
            return Statut("libre", f"Sans inscription, le {date_fr(act.periode.debut)}")
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


def statut_data(act: Activite) -> dict[str, str]:
    """What ``docs/assets/statut.js`` needs to say the status on the reader's day
    (``data-*`` attributes; dates as AAAA-MM-JJ, empty when not given)."""
    ins = act.inscription
    return {
        "debut": act.periode.debut.isoformat(),
        "fin": act.periode.fin.isoformat(),
        "acces": act.acces,
        "ouverture": ins.ouverture.isoformat() if ins and ins.ouverture else "",
        "limite": ins.date_limite.isoformat() if ins and ins.date_limite else "",
        "complet": "1" if ins is not None and ins.complet else "0",
    }


def prochaine_seance(act: Activite, today: date) -> date | None:
    """The next day the activity meets, from ``today`` on: a weekly day of its period or
    one of its dated sessions; without either, the first day of its period still to come.
    None once it is over."""
    if act.periode.fin < today:
        return None
    start = max(act.periode.debut, today)
    days = {h.jour for h in act.horaires}
    candidates = [x.date for x in act.seances if x.date >= today]
    for shift in range(7):
        day = start + timedelta(days=shift)
        if day > act.periode.fin:
            break
        if JOURS_SEMAINE[day.weekday()] in days:
            candidates.append(day)
            break
    if not days and not act.seances:
        candidates.append(start)
    return min(candidates) if candidates else None


def past_year_warning(c: Catalogue, today: date) -> str | None:
    """A French warning (not an error) when the data are those of a school year already
    over on ``today`` (it ends on 31 August), or when every activity is over."""
    year = c.commune.annee_scolaire
    over = date(int(year.split("-")[1]), 8, 31) < today
    acts = list(c.activites.values())
    all_over = bool(acts) and all(a.periode.fin < today for a in acts)
    if not over and not all_over:
        return None
    what = (
        f"les données sont celles de l'année scolaire {year}, terminée le 31 août"
        if over
        else "toutes les activités sont terminées"
    )
    return (
        f"Attention : {what} ; le site dira « Terminée » partout.\n"
        "  → pour la nouvelle année, changez annee_scolaire dans data/commune.yml et les "
        "dates (periode, inscription) des activités. Le site est construit quand même."
    )


@dataclass(frozen=True)
class DateInscription:
    """One date of the registration agenda: an opening or a deadline."""

    jour: date
    nature: str
    """``ouverture`` or ``limite``."""
    slug: str
    act: Activite

    @property
    def texte(self) -> str:
        return "Ouverture des inscriptions" if self.nature == "ouverture" else "Date limite"


def dates_inscription(c: Catalogue, since: date | None = None) -> list[DateInscription]:
    """Every opening and deadline of registration (from ``since`` on), by date then title.
    Only activities one registers for; a full one has no date to keep."""
    found = []
    for slug, act in c.sorted_activites():
        ins = act.inscription
        if act.acces != "inscription" or ins is None or ins.complet:
            continue
        for nature, day in (("ouverture", ins.ouverture), ("limite", ins.date_limite)):
            if day is not None and (since is None or day >= since):
                found.append(DateInscription(day, nature, slug, act))
    return sorted(found, key=lambda d: (d.jour, d.nature != "ouverture"))
