"""Open data: the catalogue as JSON, CSV, iCalendar and Atom, with well-kept libraries.

Every function returns the file's content; nothing here knows about MkDocs.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

import icalendar

from macros.data.kinds import absolute, url
from macros.present.finder import JOURS
from macros.present.statut import build_day, dates_inscription, statut

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
    from macros.data.models import Activite

PARIS = ZoneInfo("Europe/Paris")
LICENCE = "Licence Ouverte 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
ATOM = "http://www.w3.org/2005/Atom"


def page_url(c: Catalogue, path: str) -> str:
    return absolute(c.commune.url, path)


def activite_record(c: Catalogue, slug: str, act: Activite) -> dict[str, Any]:
    record: dict[str, Any] = {"slug": slug, "url": page_url(c, url("activite", slug))}
    record.update(act.model_dump(mode="json"))
    record["categorie_libelle"] = c.categories[act.categorie]
    record["quartier_libelle"] = c.nom_quartier(act.lieu.quartier)
    record["service_libelle"] = c.services[act.service]
    day = build_day()
    status = statut(act, day)
    record["statut"] = {"code": status.code, "texte": status.texte, "au": day.isoformat()}
    return record


def _document(c: Catalogue, key: str, items: list[dict[str, Any]]) -> str:
    document = {
        "producteur": c.commune.nom,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "annee_scolaire": c.commune.annee_scolaire,
        "exemple": c.exemple,
        key: items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def activites_json(c: Catalogue) -> str:
    items = [activite_record(c, slug, act) for slug, act in c.sorted_activites()]
    return _document(c, "activites", items)


def ressources_json(c: Catalogue) -> str:
    items = [
        {"slug": slug, "url": page_url(c, url("ressource", slug)), **res.model_dump(mode="json")}
        for slug, res in c.sorted_ressources()
    ]
    return _document(c, "ressources", items)


def referents_json(c: Catalogue) -> str:
    items = [
        {"url": page_url(c, url("referent", ref.id)), **ref.model_dump(mode="json")}
        for ref in c.referents.values()
    ]
    return _document(c, "referents", items)


def _oui(value: bool) -> str:
    return "oui" if value else "non"


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _euros(value: Decimal | None) -> str | None:
    return None if value is None else str(value).replace(".", ",")


CsvColumn = Callable[[str, "Activite", "Catalogue"], object]
"""A column's value for one activity: ``(slug, activity, catalogue) → cell`` (None: empty)."""

CSV_COLUMNS: dict[str, CsvColumn] = {
    "slug": lambda slug, a, c: slug,
    "titre": lambda slug, a, c: a.titre,
    "resume": lambda slug, a, c: a.resume,
    "categorie": lambda slug, a, c: a.categorie,
    "age_min": lambda slug, a, c: a.public.age_min,
    "age_max": lambda slug, a, c: a.public.age_max,
    "parents": lambda slug, a, c: _oui(a.public.parents),
    "temps": lambda slug, a, c: ",".join(a.temps),
    "horaires": lambda slug, a, c: " | ".join(f"{h.jour} {h.debut}-{h.fin}" for h in a.horaires),
    "lieu": lambda slug, a, c: a.lieu.nom,
    "adresse": lambda slug, a, c: a.lieu.adresse,
    "quartier": lambda slug, a, c: a.lieu.quartier,
    "debut": lambda slug, a, c: a.periode.debut.isoformat(),
    "fin": lambda slug, a, c: a.periode.fin.isoformat(),
    "tarif": lambda slug, a, c: a.tarif.type,
    "montant": lambda slug, a, c: _euros(a.tarif.montant),
    "montant_max": lambda slug, a, c: _euros(a.tarif.montant_max),
    "seances": lambda slug, a, c: " | ".join(
        f"{x.date.isoformat()} {x.debut}-{x.fin}" for x in a.seances
    ),
    "acces": lambda slug, a, c: a.acces,
    "inscription": lambda slug, a, c: a.inscription.modalites,
    "inscription_url": lambda slug, a, c: a.inscription.url,
    "inscription_ouverture": lambda slug, a, c: _day(a.inscription.ouverture),
    "inscription_date_limite": lambda slug, a, c: _day(a.inscription.date_limite),
    "complet": lambda slug, a, c: _oui(a.inscription.complet),
    "statut": lambda slug, a, c: statut(a, build_day()).texte,
    "accueil_handicap": lambda slug, a, c: _oui(a.accessibilite.accueil_handicap),
    "activite_adaptee": lambda slug, a, c: _oui(a.accessibilite.activite_adaptee),
    "acces_pmr": lambda slug, a, c: _oui(a.accessibilite.acces_pmr),
    "service": lambda slug, a, c: a.service,
    "contact": lambda slug, a, c: a.contact,
    "referent_handicap": lambda slug, a, c: r.id if (r := c.referent_handicap(a)) else None,
    "objectifs": lambda slug, a, c: ",".join(a.objectifs),
    "url": lambda slug, a, c: page_url(c, url("activite", slug)),
}
"""The columns of ``activites.csv``, in order: header → what the cell holds, read from the
:class:`~macros.data.models.Activite` model; the cell is then made safe by :func:`csv_cell`."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe.

    OWASP's rule against CSV injection: ``=HYPERLINK(…)``, ``+…``, ``-…``, ``@…``
    would otherwise be run by Excel or LibreOffice when the file is opened.
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def activites_csv(c: Catalogue) -> str:
    """CSV for a French spreadsheet: UTF-8 with BOM, semicolons, one line per activity."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for slug, a in c.sorted_activites():
        writer.writerow({name: csv_cell(cell(slug, a, c)) for name, cell in CSV_COLUMNS.items()})
    return out.getvalue()


def first_day(start: date, jour: str) -> date:
    """The first ``jour`` (``mercredi``…) on or after ``start``."""
    return start + timedelta(days=(JOURS.index(jour) - start.weekday()) % 7)


def _host(c: Catalogue) -> str:
    """The site's host name, which makes calendar event ids unique."""
    return c.commune.url.split("//", 1)[-1].strip("/").split("/")[0]


def _events(c: Catalogue, slug: str, a: Activite) -> list[icalendar.Event]:
    host = _host(c)
    common = {
        "summary": a.titre,
        "description": f"{a.resume}\n{page_url(c, url('activite', slug))}",
        "location": f"{a.lieu.nom}, {a.lieu.adresse}",
        "url": page_url(c, url("activite", slug)),
    }
    events = []
    if not a.horaires and not a.seances:
        event = icalendar.Event()
        event.add("uid", f"{slug}@{host}")
        event.add("dtstart", a.periode.debut)
        event.add("dtend", a.periode.fin + timedelta(days=1))
        for key, value in common.items():
            event.add(key, value)
        events.append(event)
    for index, h in enumerate(a.horaires):
        day = first_day(a.periode.debut, h.jour)
        if day > a.periode.fin:
            continue
        event = icalendar.Event()
        event.add("uid", f"{slug}-{index}@{host}")
        event.add("dtstart", datetime.combine(day, time.fromisoformat(h.debut), PARIS))
        event.add("dtend", datetime.combine(day, time.fromisoformat(h.fin), PARIS))
        until = datetime.combine(a.periode.fin, time(23, 59, 59), PARIS).astimezone(UTC)
        event.add("rrule", {"freq": "weekly", "until": until})
        for key, value in common.items():
            event.add(key, value)
        events.append(event)
    for index, x in enumerate(a.seances):
        event = icalendar.Event()
        event.add("uid", f"{slug}-seance-{index}@{host}")
        event.add("dtstart", datetime.combine(x.date, time.fromisoformat(x.debut), PARIS))
        event.add("dtend", datetime.combine(x.date, time.fromisoformat(x.fin), PARIS))
        for key, value in common.items():
            event.add(key, value)
        events.append(event)
    for event in events:
        event.add("dtstamp", datetime.combine(a.mis_a_jour or a.periode.debut, time(0, 0), UTC))
    return events


@cache
def _paris_timezone() -> Any:
    """The VTIMEZONE of Europe/Paris, computed once (icalendar takes long to build it)."""
    probe = icalendar.Calendar()
    event = icalendar.Event()
    event.add("dtstart", datetime(2025, 9, 1, 12, 0, tzinfo=PARIS))
    probe.add_component(event)
    probe.add_missing_timezones()
    (timezone,) = probe.walk("VTIMEZONE")
    return timezone


def _calendar(c: Catalogue, name: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Parcours//Activités//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    return cal


def activites_ics(c: Catalogue) -> str:
    cal = _calendar(c, f"Activités – {c.commune.nom}")
    for slug, act in c.sorted_activites():
        for event in _events(c, slug, act):
            cal.add_component(event)
    cal.add_missing_timezones()
    text: str = cal.to_ical().decode("utf-8")
    return text


@cache
def _paris_timezone_text() -> str:
    text: str = _paris_timezone().to_ical().decode("utf-8")
    return text


def activite_ics(c: Catalogue, slug: str) -> str:
    """One activity's calendar; the Europe/Paris VTIMEZONE is serialised once for all."""
    act = c.activites[slug]
    cal = _calendar(c, act.titre)
    for event in _events(c, slug, act):
        cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    if act.horaires or act.seances:
        head, sep, rest = text.partition("BEGIN:VEVENT\r\n")
        text = head + _paris_timezone_text() + sep + rest
    return text


def inscriptions_ics(c: Catalogue) -> str:
    """The registration agenda for a calendar: one all-day event per opening and deadline."""
    host = _host(c)
    cal = _calendar(c, f"Inscriptions – {c.commune.nom}")
    for d in dates_inscription(c):
        address = page_url(c, url("activite", d.slug))
        event = icalendar.Event()
        event.add("uid", f"{d.slug}-inscription-{d.nature}@{host}")
        event.add("summary", f"{d.texte} : {d.act.titre}")
        event.add("dtstart", d.jour)
        event.add("dtend", d.jour + timedelta(days=1))
        modalites = d.act.inscription.modalites if d.act.inscription else ""
        event.add("description", f"{modalites}\n{address}")
        event.add("url", address)
        event.add(
            "dtstamp", datetime.combine(d.act.mis_a_jour or d.act.periode.debut, time(0, 0), UTC)
        )
        cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    return text


def atom_feed(c: Catalogue, count: int = 50) -> str:
    """Atom feed of the latest updated activities and resources."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "fr"})
    latest = c.latest(count)
    updated = max((d for *_, d in latest), default=date(2000, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"Activités et ressources – {c.commune.nom}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = page_url(c, "flux.xml")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{updated.isoformat()}T00:00:00Z"
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": page_url(c, "flux.xml")})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": page_url(c, "")})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = c.commune.nom
    ET.SubElement(feed, f"{{{ATOM}}}rights").text = LICENCE
    summaries = {url("activite", s): a.resume for s, a in c.activites.items()}
    summaries |= {url("ressource", s): r.resume for s, r in c.ressources.items()}
    for path, kind, titre, when in latest:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{kind} : {titre}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = page_url(c, path)
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": page_url(c, path)})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{when.isoformat()}T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summaries[path]
    text: str = ET.tostring(feed, encoding="unicode", xml_declaration=True)
    return text + "\n"
