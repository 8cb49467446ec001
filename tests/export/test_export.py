"""Open data, produced by ``macros.export`` from a loaded catalogue and parsed back.

Each file is read with its format's own library (``json``, ``csv``,
``icalendar``, ``xml.etree``, ``vobject``, ``zxingcpp``) and compared with
values typed here from the fixture's YAML, or with the sample's YAML files
read apart from the models. No site is built: ``site/test_open_data_pages.py``
checks that the built site publishes exactly these files.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

import icalendar
import pytest
import vobject
import yaml
import zxingcpp
from dateutil.rrule import rrulestr
from PIL import Image

from conftest import FIXTURES, ROOT, edit_data, sample_catalogue
from corpus import BREAKOUT, EVIL, FORMULA, MARKDOWN_EVIL, inert_data
from macros import export
from macros.data.loader import load_catalogue
from macros.export.qr import qr
from macros.export.registry import OPEN_DATA, OpenDataFile
from macros.export.vcard import vcard
from macros.present.statut import DAY_VARIABLE

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue

MINI: Catalogue = load_catalogue(FIXTURES / "mini")
SAMPLE: Catalogue = sample_catalogue()
SITE = "https://parcours.example.org/"  # commune.url of the fixture
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _raw(path: Path) -> dict[str, Any]:
    """A data file as PyYAML reads it, apart from Parcours' reader and models."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _weekly_dates(start: date, end: date, jour: str) -> list[date]:
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return [d for d in days if WEEKDAYS[d.weekday()] == jour]


def _csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "BOM UTF-8 attendu par les tableurs"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def _calendar(text: str) -> Any:
    return icalendar.Calendar.from_ical(text.encode("utf-8"))


# --- the registry ------------------------------------------------------------------------------


def test_the_open_data_files_keep_their_addresses() -> None:
    assert [f.path for f in OPEN_DATA] == [
        "donnees/activites.json",
        "donnees/activites.csv",
        "donnees/activites.ics",
        "donnees/inscriptions.ics",
        "donnees/ressources.json",
        "donnees/referents.json",
        "donnees/schemas/commune.schema.json",
        "donnees/schemas/pedt.schema.json",
        "donnees/schemas/activite.schema.json",
        "donnees/schemas/ressource.schema.json",
        "donnees/schemas/referents.schema.json",
        "donnees/schemas/brochures.schema.json",
        "donnees/schemas/redirections.schema.json",
        "donnees/schemas/lexique.schema.json",
        "donnees/schemas/accessibilite.schema.json",
        "flux.xml",
    ]
    csv_file = next(f for f in OPEN_DATA if f.path.endswith(".csv"))
    assert csv_file.description == "Les activités pour un tableur : UTF-8, point-virgule (CSV)"


@pytest.mark.parametrize("entry", OPEN_DATA, ids=[f.path for f in OPEN_DATA])
def test_every_open_data_file_parses_with_its_format_library(entry: OpenDataFile) -> None:
    text = entry.produce(SAMPLE)
    suffix = Path(entry.path).suffix
    if suffix == ".json":
        assert json.loads(text)
    elif suffix == ".csv":
        assert len(_csv_rows(text)) == len(SAMPLE.activites)
    elif suffix == ".ics":
        assert _calendar(text).walk("VEVENT")
    else:
        assert suffix == ".xml" and ET.fromstring(text).tag == "{http://www.w3.org/2005/Atom}feed"


# --- JSON --------------------------------------------------------------------------------------

JUDO_RECORD = {
    "slug": "judo",
    "url": SITE + "activites/judo/",
    "titre": "Judo pour les 6-11 ans",
    "resume": "Découvrir le judo en s'amusant, au dojo municipal.",
    "description": "Le judo apprend le respect et la maîtrise de soi.\n\n"
    "- Apporter une bouteille d'eau.",
    "categorie": "sport",
    "categorie_libelle": "Sport",
    "public": {"age_min": 6, "age_max": 11, "parents": False},
    "temps": ["mercredi"],
    "lieu": {"nom": "Dojo municipal", "adresse": "3 rue du Stade", "quartier": "centre-ville"},
    "quartier_libelle": "Centre-ville",
    "horaires": [{"jour": "mercredi", "debut": "14:00", "fin": "15:30"}],
    "periode": {"debut": "2025-09-10", "fin": "2026-06-24"},
    "tarif": {
        "type": "quotient-familial",
        "montant": "30",
        "montant_max": "120",
        "precisions": "par an",
    },
    "seances": [],
    "acces": "inscription",
    "inscription": {
        "modalites": "Sur le portail Famille.",
        "url": None,
        "ouverture": None,
        "date_limite": None,
        "complet": False,
    },
    "accessibilite": {
        "accueil_handicap": True,
        "activite_adaptee": False,
        "acces_pmr": True,
        "precisions": None,
    },
    "service": "sports",
    "service_libelle": "Service des Sports",
    "contact": "referent-inclusion",
    "referent_handicap": None,
    "objectifs": ["reussite-offre-educative", "acces-pour-tous"],
    "labels": [],
    "image": None,
    "mis_a_jour": None,
    "exemple": True,
    "statut": {
        "code": "ouvertes",
        "texte": "Inscriptions ouvertes, début le 10 septembre 2025",
        "au": "2025-09-01",
    },
}


@pytest.fixture(autouse=True)
def _read_on_1_september_2025(monkeypatch: pytest.MonkeyPatch) -> None:
    """The statuses in the open data are those of the build day: here, a fixed one."""
    monkeypatch.setenv(DAY_VARIABLE, "2025-09-01")


def test_the_activities_json_holds_every_field_as_written_in_the_yaml() -> None:
    document = json.loads(export.activites_json(MINI))
    assert {k: v for k, v in document.items() if k != "activites"} == {
        "producteur": "Ville d'Exemple",
        "licence": "Licence Ouverte 2.0 (Etalab)",
        "licence_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        "annee_scolaire": "2025-2026",
        "exemple": True,
    }
    assert [r["slug"] for r in document["activites"]] == ["eveil-musical", "judo"]  # by title
    judo = document["activites"][1]
    assert judo == JUDO_RECORD
    eveil = document["activites"][0]
    assert eveil["public"] == {"age_min": 0, "age_max": 3, "parents": True}
    assert eveil["tarif"] == {
        "type": "gratuit",
        "montant": None,
        "montant_max": None,
        "precisions": None,
    }
    assert eveil["inscription"]["url"] == "https://parcours.example.org/inscription"


def test_the_activities_json_has_every_sample_activity_as_its_yaml_says() -> None:
    files = sorted((ROOT / "data" / "activites").glob("*.yml"))
    records = {r["slug"]: r for r in json.loads(export.activites_json(SAMPLE))["activites"]}
    assert set(records) == {f.stem for f in files}
    for file in files:
        raw, record = _raw(file), records[file.stem]
        assert record["url"] == f"https://parcours.example.org/activites/{file.stem}/"
        for key in ("titre", "resume", "categorie", "temps", "service", "contact"):
            assert record[key] == raw[key], (file.name, key)
        assert record["lieu"]["quartier"] == raw["lieu"]["quartier"], file.name
        assert record["periode"] == {k: str(v) for k, v in raw["periode"].items()}, file.name
        assert record["horaires"] == raw.get("horaires", []), file.name


def test_the_resources_json_has_every_sample_resource() -> None:
    files = sorted((ROOT / "data" / "ressources").glob("*.yml"))
    document = json.loads(export.ressources_json(SAMPLE))
    records = {r["slug"]: r for r in document["ressources"]}
    assert set(records) == {f.stem for f in files}
    allo = records["allo-119-enfance-en-danger"]
    raw = _raw(ROOT / "data" / "ressources" / "allo-119-enfance-en-danger.yml")
    assert allo["url"] == "https://parcours.example.org/parentalite/allo-119-enfance-en-danger/"
    assert (allo["titre"], allo["telephone"], allo["theme"]) == (
        raw["titre"],
        str(raw["telephone"]),
        raw["theme"],
    )


def test_the_referents_json_holds_every_contact_of_the_fixture() -> None:
    document = json.loads(export.referents_json(MINI))
    phones = {r["id"]: r["telephone"] for r in document["referents"]}
    assert phones == {
        "referent-inclusion": "01 99 00 10 00",
        "coordination-pre": "01 99 00 20 00",
        "referent-sante-accueil-inclusif": "01 99 00 20 00",
        "bij": "01 99 00 20 00",
        "ccas": "01 99 00 20 00",
        "guichet-unique": "01 99 00 11 00",
    }
    first = document["referents"][0]
    assert first["url"] == SITE + "contacts/referent-inclusion/"
    assert (first["role"], first["email"], first["missions"]) == (
        "Référent inclusion",
        "inclusion@example.org",
        ["Informer les familles"],
    )


# --- CSV ---------------------------------------------------------------------------------------

CSV_HEADER = [
    "slug", "titre", "resume", "categorie", "age_min", "age_max", "parents", "temps",
    "horaires", "lieu", "adresse", "quartier", "debut", "fin", "tarif", "montant",
    "montant_max", "seances", "acces", "inscription", "inscription_url",
    "inscription_ouverture", "inscription_date_limite", "complet", "statut", "accueil_handicap",
    "activite_adaptee", "acces_pmr", "service", "contact", "referent_handicap", "objectifs", "url",
]  # fmt: skip


def test_the_csv_opens_in_a_french_spreadsheet_with_one_line_per_activity() -> None:
    text = export.activites_csv(MINI)
    lines = text.removeprefix("\ufeff").split("\r\n")
    assert lines[0] == ";".join(CSV_HEADER)
    assert lines[-1] == "" and len(lines) == 4  # header, two activities, final line end
    rows = _csv_rows(text)
    assert list(rows[0]) == CSV_HEADER
    assert rows[1] == {
        "slug": "judo",
        "titre": "Judo pour les 6-11 ans",
        "resume": "Découvrir le judo en s'amusant, au dojo municipal.",
        "categorie": "sport",
        "age_min": "6",
        "age_max": "11",
        "parents": "non",
        "temps": "mercredi",
        "horaires": "mercredi 14:00-15:30",
        "lieu": "Dojo municipal",
        "adresse": "3 rue du Stade",
        "quartier": "centre-ville",
        "debut": "2025-09-10",
        "fin": "2026-06-24",
        "tarif": "quotient-familial",
        "montant": "30",
        "montant_max": "120",
        "seances": "",
        "acces": "inscription",
        "inscription": "Sur le portail Famille.",
        "inscription_url": "",
        "inscription_ouverture": "",
        "inscription_date_limite": "",
        "complet": "non",
        "statut": "Inscriptions ouvertes, début le 10 septembre 2025",
        "accueil_handicap": "oui",
        "activite_adaptee": "non",
        "acces_pmr": "oui",
        "service": "sports",
        "contact": "referent-inclusion",
        "referent_handicap": "",
        "objectifs": "reussite-offre-educative,acces-pour-tous",
        "url": SITE + "activites/judo/",
    }
    eveil = rows[0]
    assert (eveil["slug"], eveil["parents"], eveil["montant"], eveil["objectifs"]) == (
        "eveil-musical",
        "oui",
        "",
        "",
    )
    assert eveil["horaires"] == "samedi 10:00-10:45"


def test_the_csv_writes_amounts_with_a_decimal_comma_and_several_sessions(
    mini_data: Path,
) -> None:
    edit_data(mini_data, "activites/judo.yml", ["tarif"], {"type": "payant", "montant": 12.5})
    edit_data(
        mini_data,
        "activites/judo.yml",
        ["horaires", 1],
        {"jour": "samedi", "debut": "09:00", "fin": "10:00"},
    )
    edit_data(mini_data, "activites/judo.yml", ["temps"], ["mercredi", "week-end"])
    rows = _csv_rows(export.activites_csv(load_catalogue(mini_data)))
    (judo,) = [r for r in rows if r["slug"] == "judo"]
    assert (judo["tarif"], judo["montant"], judo["montant_max"]) == ("payant", "12,5", "")
    assert judo["horaires"] == "mercredi 14:00-15:30 | samedi 09:00-10:00"
    assert judo["temps"] == "mercredi,week-end"


def test_the_csv_has_every_sample_activity_as_its_yaml_says() -> None:
    files = sorted((ROOT / "data" / "activites").glob("*.yml"))
    rows = {r["slug"]: r for r in _csv_rows(export.activites_csv(SAMPLE))}
    assert set(rows) == {f.stem for f in files}
    for file in files:
        raw, row = _raw(file), rows[file.stem]
        assert row["titre"] == raw["titre"], file.name
        assert row["temps"].split(",") == raw["temps"], file.name
        public = raw["public"]
        assert row["age_min"] == str(public.get("age_min", "")), file.name
        assert row["horaires"] == " | ".join(
            f"{h['jour']} {h['debut']}-{h['fin']}" for h in raw.get("horaires", [])
        )
        welcome = raw["accessibilite"]["accueil_handicap"]
        assert row["accueil_handicap"] == welcome, file.name  # written oui / non in the YAML


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("https://x.example","clic")', '\'=HYPERLINK("https://x.example","clic")'),
        ("+33 1 99 00", "'+33 1 99 00"),
        ("-2+3", "'-2+3"),
        ("@SOMME(A1)", "'@SOMME(A1)"),
        ("\tcaché", "'\tcaché"),
        ("\rcaché", "'\rcaché"),
        ("a=b", "a=b"),
        ("Judo - éveil", "Judo - éveil"),
        (None, ""),
        (12, "12"),
    ],
)
def test_a_cell_that_starts_like_a_formula_is_shown_as_text(value: object, cell: str) -> None:
    assert export.csv_cell(value) == cell


# --- iCalendar ---------------------------------------------------------------------------------


def test_the_calendar_repeats_each_session_weekly_over_the_period() -> None:
    cal = _calendar(export.activites_ics(MINI))
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"judo-0@parcours.example.org", "eveil-musical-0@parcours.example.org"}
    judo = events["judo-0@parcours.example.org"]
    start = judo.decoded("DTSTART")
    assert start.isoformat() == "2025-09-10T14:00:00+02:00" and str(start.tzinfo) == "Europe/Paris"
    assert judo.decoded("DTEND").isoformat() == "2025-09-10T15:30:00+02:00"
    assert str(judo["SUMMARY"]) == "Judo pour les 6-11 ans"
    assert str(judo["LOCATION"]) == "Dojo municipal, 3 rue du Stade"
    assert str(judo["URL"]) == SITE + "activites/judo/"
    assert str(judo["DESCRIPTION"]) == (
        "Découvrir le judo en s'amusant, au dojo municipal.\n" + SITE + "activites/judo/"
    )
    sessions = [d.date() for d in rrulestr(judo["RRULE"].to_ical().decode(), dtstart=start)]
    assert sessions[0] == date(2025, 9, 10) and sessions[-1] == date(2026, 6, 24)
    assert len(sessions) == 42 and all(d.weekday() == 2 for d in sessions)  # 42 Wednesdays
    eveil = events["eveil-musical-0@parcours.example.org"]
    assert eveil.decoded("DTSTART").isoformat() == "2025-09-13T10:00:00+02:00"  # a Saturday


def test_an_activity_without_sessions_is_one_event_over_its_whole_period(
    mini_data: Path,
) -> None:
    judo = _raw(mini_data / "data" / "activites" / "judo.yml")
    del judo["horaires"]
    (mini_data / "data" / "activites" / "judo.yml").write_text(
        yaml.safe_dump(judo, allow_unicode=True), encoding="utf-8"
    )
    cal = _calendar(export.activite_ics(load_catalogue(mini_data), "judo"))
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == "judo@parcours.example.org"
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        date(2025, 9, 10),
        date(2026, 6, 25),
    )
    assert "RRULE" not in event and not cal.walk("VTIMEZONE")


def test_the_sample_calendar_holds_every_weekly_session_over_its_period() -> None:
    cal = _calendar(export.activites_ics(SAMPLE))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    for slug, act in SAMPLE.activites.items():
        for index, h in enumerate(act.horaires):
            expected = _weekly_dates(act.periode.debut, act.periode.fin, h.jour)
            uid = next(u for u in events if u.startswith(f"{slug}-{index}@"))
            event = events[uid]
            start = event.decoded("DTSTART")
            assert (start.strftime("%H:%M"), event.decoded("DTEND").strftime("%H:%M")) == (
                h.debut,
                h.fin,
            )
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
            assert [d.date() for d in rule] == expected, (slug, h.jour)
        for index, x in enumerate(act.seances):  # a dated session: one event, that day
            event = events[f"{slug}-seance-{index}@parcours.example.org"]
            assert event.decoded("DTSTART").isoformat() == f"{x.date}T{x.debut}:00+01:00"
            assert event.decoded("DTEND").strftime("%H:%M") == x.fin
            assert "RRULE" not in event
        if not act.horaires and not act.seances:
            assert any(u.startswith(f"{slug}@") for u in events)
    assert any(a.seances for a in SAMPLE.activites.values())
    for event in events.values():
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert prop in event


def test_each_activity_has_its_own_calendar() -> None:
    for slug, act in SAMPLE.activites.items():
        cal = _calendar(export.activite_ics(SAMPLE, slug))
        assert {str(e["SUMMARY"]) for e in cal.walk("VEVENT")} == {act.titre}
        assert len(cal.walk("VTIMEZONE")) == (1 if act.horaires or act.seances else 0), slug


# --- Atom --------------------------------------------------------------------------------------

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def test_the_feed_lists_the_latest_updates_first(mini_data: Path) -> None:
    edit_data(mini_data, "activites/judo.yml", ["mis_a_jour"], "2026-01-15")
    edit_data(mini_data, "activites/eveil-musical.yml", ["mis_a_jour"], "2025-12-01")
    feed = ET.fromstring(export.atom_feed(load_catalogue(mini_data)))
    assert feed.findtext("a:title", namespaces=ATOM) == "Activités et ressources – Ville d'Exemple"
    assert feed.findtext("a:updated", namespaces=ATOM) == "2026-01-15T00:00:00Z"
    entries = [
        (
            e.findtext("a:title", namespaces=ATOM),
            e.findtext("a:id", namespaces=ATOM),
            e.findtext("a:updated", namespaces=ATOM),
            e.findtext("a:summary", namespaces=ATOM),
        )
        for e in feed.findall("a:entry", ATOM)
    ]
    assert entries == [
        (
            "Activité : Judo pour les 6-11 ans",
            SITE + "activites/judo/",
            "2026-01-15T00:00:00Z",
            "Découvrir le judo en s'amusant, au dojo municipal.",
        ),
        (
            "Activité : Éveil musical",
            SITE + "activites/eveil-musical/",
            "2025-12-01T00:00:00Z",
            "Chanter et jouer avec les sons, avec un parent.",
        ),
    ]


def test_the_sample_feed_is_in_date_order() -> None:
    feed = ET.fromstring(export.atom_feed(SAMPLE))
    updated = [
        e.findtext("a:updated", namespaces=ATOM) or "" for e in feed.findall("a:entry", ATOM)
    ]
    assert len(updated) > 10
    assert updated == sorted(updated, reverse=True)


# --- vCard and QR code -------------------------------------------------------------------------


def test_a_contact_card_reads_back_in_an_address_book() -> None:
    card = vobject.readOne(vcard(MINI.referents["referent-inclusion"], MINI))
    assert card.fn.value == "Référent inclusion – Ville d'Exemple"
    assert card.tel.value == "01 99 00 10 00"
    assert card.email.value == "inclusion@example.org"
    assert card.org.value == ["Caisse des écoles", "Caisse des écoles"]
    assert card.url.value == SITE + "contacts/referent-inclusion/"
    assert card.note.value == "Horaires : Lundi et jeudi, 9 h – 12 h"


def test_the_qr_code_of_a_page_encodes_its_address() -> None:
    matrix = qr(SITE + "activites/judo/").matrix
    size = len(matrix) + 8  # a quiet zone of 4 modules
    image = Image.new("L", (size, size), 255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.putpixel((x + 4, y + 4), 0)
    image = image.resize((size * 8, size * 8), Image.Resampling.NEAREST)
    (result,) = zxingcpp.read_barcodes(image)
    assert result.text == SITE + "activites/judo/"


# --- hostile values ----------------------------------------------------------------------------


def test_hostile_values_parse_back_as_written_and_no_cell_is_a_formula(tmp_path: Path) -> None:
    c = load_catalogue(inert_data(tmp_path, hostile=True))
    rows = _csv_rows(export.activites_csv(c))
    judo = next(r for r in rows if r["slug"] == "judo")
    assert judo["resume"] == "'" + FORMULA + " " + BREAKOUT  # not a formula in a spreadsheet
    assert judo["lieu"] == "'-2+3 [x](javascript:y)"
    assert judo["inscription"].startswith("'+33 ")
    for row in rows:
        for cell in row.values():
            assert not cell or cell[0] not in "=+-@\t\r", row
    data = json.loads(export.activites_json(c))
    record = next(a for a in data["activites"] if a["slug"] == "judo")
    assert record["titre"] == 'Judo "club" & co'
    assert record["description"] == MARKDOWN_EVIL.strip()
    every = export.activites_json(c) + export.referents_json(c)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", every)
    calendar = _calendar(export.activite_ics(c, "judo"))
    (event, *_) = list(calendar.walk("VEVENT"))
    assert str(event["SUMMARY"]) == 'Judo "club" & co'
    feed = ET.fromstring(export.atom_feed(c))
    titles = [t.text for t in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert titles[0] == f"Activités et ressources – {EVIL}"
    card = vobject.readOne(vcard(c.referents["referent-inclusion"], c))
    assert card.title.value == 'Référent "inclusion" ' + BREAKOUT
    assert card.org.value[0] == "=1+1"


def test_the_timestamps_of_events_are_their_update_dates(mini_data: Path) -> None:
    edit_data(mini_data, "activites/judo.yml", ["mis_a_jour"], "2026-01-15")
    c = load_catalogue(mini_data)
    (judo,) = _calendar(export.activite_ics(c, "judo")).walk("VEVENT")
    assert judo.decoded("DTSTAMP") == datetime(2026, 1, 15, tzinfo=UTC)
    (eveil,) = _calendar(export.activite_ics(c, "eveil-musical")).walk("VEVENT")
    assert eveil.decoded("DTSTAMP") == datetime(2025, 9, 13, tzinfo=UTC)  # no update: first day


def test_the_registration_calendar_holds_every_opening_and_deadline() -> None:
    from macros.present.statut import dates_inscription

    c = sample_catalogue()
    cal = icalendar.Calendar.from_ical(export.inscriptions_ics(c))
    events = list(cal.walk("VEVENT"))
    got = sorted((e.decoded("dtstart"), str(e["summary"]), str(e["url"])) for e in events)
    want = []
    for slug, act in c.activites.items():
        ins = act.inscription
        if act.acces != "inscription" or ins is None or ins.complet:
            continue
        address = export.page_url(c, f"/activites/{slug}/")
        if ins.ouverture:
            want.append((ins.ouverture, f"Ouverture des inscriptions : {act.titre}", address))
        if ins.date_limite:
            want.append((ins.date_limite, f"Date limite : {act.titre}", address))
    assert got == sorted(want) and len(want) >= 5
    for e in events:  # whole days, one day long, a stable id
        start, end = e.decoded("dtstart"), e.decoded("dtend")
        assert type(start) is date and end - start == timedelta(days=1)
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert [d.jour for d in dates_inscription(c)] == sorted(d.jour for d in dates_inscription(c))
    full = [s for s, a in c.activites.items() if a.inscription and a.inscription.complet]
    assert full and not any(d.slug in full for d in dates_inscription(c))
