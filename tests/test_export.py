"""Open data parsed back with its own library and compared with data/."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

import icalendar
import pytest
from dateutil.rrule import rrulestr

from conftest import ROOT
from macros.data.loader import load_catalogue
from macros.export import page_url
from macros.present.finder import JOURS

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue

pytestmark = pytest.mark.slow
CATALOGUE: Catalogue = load_catalogue(ROOT)


def _weekly_dates(start: date, end: date, jour: str) -> list[date]:
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return [d for d in days if JOURS[d.weekday()] == jour]


def test_activities_json_has_every_activity_with_every_field(sample_site: Path) -> None:
    document = json.loads((sample_site / "donnees" / "activites.json").read_text(encoding="utf-8"))
    assert document["licence"].startswith("Licence Ouverte 2.0")
    records = {r["slug"]: r for r in document["activites"]}
    assert set(records) == set(CATALOGUE.activites)
    for slug, act in CATALOGUE.activites.items():
        record = records[slug]
        assert {k: record[k] for k in act.model_dump(mode="json")} == act.model_dump(mode="json")
        assert record["url"] == page_url(CATALOGUE, f"activites/{slug}/")


def test_resources_and_referents_json(sample_site: Path) -> None:
    res = json.loads((sample_site / "donnees" / "ressources.json").read_text(encoding="utf-8"))
    assert {r["slug"] for r in res["ressources"]} == set(CATALOGUE.ressources)
    refs = json.loads((sample_site / "donnees" / "referents.json").read_text(encoding="utf-8"))
    assert {r["id"]: r["telephone"] for r in refs["referents"]} == {
        i: r.telephone for i, r in CATALOGUE.referents.items()
    }


def test_csv_opens_in_a_french_spreadsheet_and_matches_the_data(sample_site: Path) -> None:
    raw = (sample_site / "donnees" / "activites.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "BOM UTF-8 attendu par les tableurs"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert {r["slug"] for r in rows} == set(CATALOGUE.activites)
    for row in rows:
        act = CATALOGUE.activites[row["slug"]]
        assert row["titre"] == act.titre
        assert row["age_min"] == ("" if act.public.age_min is None else str(act.public.age_min))
        assert row["temps"].split(",") == list(act.temps)
        assert row["horaires"] == " | ".join(f"{h.jour} {h.debut}-{h.fin}" for h in act.horaires)
        assert row["accueil_handicap"] == ("oui" if act.accessibilite.accueil_handicap else "non")


def _calendar(path: Path) -> Any:
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_the_calendar_holds_every_weekly_session_over_its_period(sample_site: Path) -> None:
    cal = _calendar(sample_site / "donnees" / "activites.ics")
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    for slug, act in CATALOGUE.activites.items():
        for index, h in enumerate(act.horaires):
            expected = _weekly_dates(act.periode.debut, act.periode.fin, h.jour)
            uid = next(u for u in events if u.startswith(f"{slug}-{index}@"))
            event = events[uid]
            start = event.decoded("DTSTART")
            assert (
                start.strftime("%H:%M") == h.debut
                and event.decoded("DTEND").strftime("%H:%M") == h.fin
            )
            assert str(start.tzinfo) == "Europe/Paris"
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
            assert [d.date() for d in rule] == expected, (slug, h.jour)
            assert str(event["URL"]) == page_url(CATALOGUE, f"activites/{slug}/")
        if not act.horaires:
            assert any(u.startswith(f"{slug}@") for u in events)
    for event in events.values():
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert prop in event


def test_each_activity_has_its_own_calendar_file(sample_site: Path) -> None:
    for slug, act in CATALOGUE.activites.items():
        cal = _calendar(sample_site / "activites" / f"{slug}.ics")
        summaries = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
        assert summaries == {act.titre}


def _json_ld(html: str) -> dict[str, Any]:
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data: dict[str, Any] = json.loads(script)
    return data


def test_activity_pages_carry_schema_org_events(sample_site: Path) -> None:
    for slug, act in CATALOGUE.activites.items():
        data = _json_ld(
            (sample_site / "activites" / slug / "index.html").read_text(encoding="utf-8")
        )
        assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
        assert data["name"] == act.titre
        assert data["startDate"] == act.periode.debut.isoformat()
        assert data["location"]["@type"] == "Place" and data["location"]["name"] == act.lieu.nom
        assert data["audience"]["suggestedMinAge"] == act.public.age_min
        assert data["offers"]["priceCurrency"] == "EUR"
        assert float(data["offers"]["price"]) == float(act.tarif.montant or 0)
        assert data["isAccessibleForFree"] == (act.tarif.type == "gratuit")


def test_contact_pages_carry_schema_org_contact_points(sample_site: Path) -> None:
    for ident, ref in CATALOGUE.referents.items():
        data = _json_ld(
            (sample_site / "contacts" / ident / "index.html").read_text(encoding="utf-8")
        )
        assert data["@type"] == "ContactPoint"
        assert (data["telephone"], data["email"]) == (ref.telephone, ref.email)


def test_the_atom_feed_lists_the_latest_updates(sample_site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring((sample_site / "flux.xml").read_bytes())
    entries = feed.findall("a:entry", ns)
    latest = CATALOGUE.latest(50)
    assert [e.findtext("a:id", namespaces=ns) for e in entries] == [
        page_url(CATALOGUE, p) for p, *_ in latest
    ]
    updated = [e.findtext("a:updated", namespaces=ns) or "" for e in entries]
    assert updated == sorted(updated, reverse=True)


def test_open_data_page_lists_every_file_with_its_size(sample_site: Path) -> None:
    html = (sample_site / "donnees" / "index.html").read_text(encoding="utf-8")
    for name in (
        "activites.json",
        "activites.csv",
        "activites.ics",
        "ressources.json",
        "referents.json",
    ):
        assert f'href="../donnees/{name}" download>{name}</a>' in html
    assert "Licence Ouverte 2.0" in html
    assert 'href="../donnees/schemas/activite.schema.json"' in html


def test_a_redirection_page_points_to_the_new_address(sample_site: Path) -> None:
    assert CATALOGUE.redirections
    for redirection in CATALOGUE.redirections:
        html = (sample_site / redirection.de.strip("/") / "index.html").read_text(encoding="utf-8")
        target = "../" * (redirection.de.strip("/").count("/") + 1) + redirection.vers.lstrip("/")
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in html
        assert (sample_site / redirection.vers.strip("/") / "index.html").is_file()
