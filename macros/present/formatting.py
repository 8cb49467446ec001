"""French wording of dates, hours, ages, sizes and prices, as families read them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date
    from decimal import Decimal

    from macros.data.models import Accessibilite, Activite, Periode, Public, Tarif

MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


JOURS_SEMAINE = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def date_fr(value: date, *, jour: bool = False) -> str:
    """``2025-09-01`` → ``1er septembre 2025`` (``jour``: ``lundi 1er septembre 2025``)."""
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {MOIS[value.month - 1]} {value.year}"
    return f"{JOURS_SEMAINE[value.weekday()]} {text}" if jour else text


def heure_fr(value: str) -> str:
    """``14:00`` → ``14 h``, ``09:30`` → ``9 h 30``."""
    hours, minutes = value.split(":")
    return f"{int(hours)} h" + ("" if minutes == "00" else f" {minutes}")


def public_fr(public: Public) -> str:
    parts = []
    if public.age_min is not None and public.age_max is not None:
        if public.age_min == public.age_max:
            parts.append(f"{public.age_min} ans")
        elif public.age_min == 0:
            parts.append(f"jusqu'à {public.age_max} ans")
        else:
            parts.append(f"{public.age_min} à {public.age_max} ans")
    if public.parents:
        parts.append("parents")
    return " et ".join(parts).capitalize() if parts else ""


def taille_fr(size: int) -> str:
    """``245760`` → ``240 Ko``; ``3 500 000`` → ``3,3 Mo``."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} Ko"
    return f"{size / 1024 / 1024:.1f} Mo".replace(".", ",")


def euros(value: Decimal) -> str:
    text = f"{value:.2f}".replace(".", ",")
    return (text[:-3] if text.endswith(",00") else text) + " €"


def tarif_fr(tarif: Tarif) -> str:
    if tarif.type == "gratuit":
        text = "Gratuit"
    elif tarif.type == "quotient-familial":
        text = "Selon vos revenus (quotient familial)"
        if tarif.montant is not None and tarif.montant_max is not None:
            text += f" : de {euros(tarif.montant)} à {euros(tarif.montant_max)}"
        elif tarif.montant is not None:
            text += f" : à partir de {euros(tarif.montant)}"
    else:
        text = euros(tarif.montant) if tarif.montant is not None else "Payant"
    if tarif.precisions:
        text += f" ({tarif.precisions})"
    return text


def hebdomadaires_fr(act: Activite) -> list[str]:
    """The weekly sessions, days sharing the same hours on one line, in the week's order:
    « Lundi, mardi, jeudi et vendredi 7 h 30 – 8 h 20 » (a long list is a tall entry)."""
    by_hours: dict[tuple[str, str], list[str]] = {}
    for h in act.horaires:
        days = by_hours.setdefault((h.debut, h.fin), [])
        if h.jour not in days:
            days.append(h.jour)
    lines = []
    for (debut, fin), days in by_hours.items():
        named = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " et " + days[-1]
        lines.append(f"{named.capitalize()} {heure_fr(debut)} – {heure_fr(fin)}")
    return lines


def handicap_fr(acc: Accessibilite) -> str:
    """A card's short line after « Handicap » (one line on a phone): « Enfant accueilli, accès
    en fauteuil, activité adaptée », what of it is true (empty when none is)."""
    said = [
        text
        for true, text in (
            (acc.accueil_handicap, "enfant accueilli"),
            (acc.acces_pmr, "accès en fauteuil"),
            (acc.activite_adaptee, "activité adaptée"),
        )
        if true
    ]
    return ", ".join(said).capitalize()


def periode_fr(periode: Periode) -> str:
    """« Du 15 au 19 février 2027 », « Du 22 février au 5 mars 2027 », « Du 2 septembre 2026
    au 2 juillet 2027 », or « Le 30 janvier 2027 » for a single day."""
    debut, fin = periode.debut, periode.fin
    if debut == fin:
        return f"Le {date_fr(debut)}"
    start = date_fr(debut)
    if debut.year == fin.year:
        start = start.rsplit(" ", 1)[0]
        if debut.month == fin.month:
            start = start.rsplit(" ", 1)[0]
    return f"Du {start} au {date_fr(fin)}"


COURTE = 120
"""Days: a shorter period (a holiday camp, a term's course) is said on the cards; a longer
one is the school year, which the site's title already says."""


def quand_court_fr(act: Activite) -> list[str]:
    """A card's « Quand » lines: :func:`quand_fr`, after the period when it is short and not
    already told by dated sessions."""
    lines = quand_fr(act)
    days = (act.periode.fin - act.periode.debut).days
    if days < COURTE and (act.horaires or not act.seances):
        lines.insert(0, periode_fr(act.periode))
    return lines


def quand_fr(act: Activite) -> list[str]:
    """When it meets, a line each: the weekly hours (:func:`hebdomadaires_fr`), then each
    dated session « Samedi 30 janvier 2027, 9 h 30 – 17 h »."""
    return hebdomadaires_fr(act) + [
        f"{date_fr(x.date, jour=True).capitalize()}, {heure_fr(x.debut)} – {heure_fr(x.fin)}"
        for x in act.seances
    ]
