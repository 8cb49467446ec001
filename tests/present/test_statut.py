"""Can I still join? The status of an activity before, inside and after each window."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, edit_data
from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue
from macros.data.models import Activite
from macros.present.statut import DAY_VARIABLE, JOINABLE, build_day, statut


def _act(**changes: Any) -> Activite:
    base: dict[str, Any] = {
        "titre": "Judo",
        "resume": "Judo au dojo.",
        "description": "Judo.",
        "categorie": "sport",
        "public": {"age_min": 6, "age_max": 11},
        "temps": ["mercredi"],
        "lieu": {"nom": "Dojo", "adresse": "1 rue", "quartier": "centre-ville"},
        "periode": {"debut": "2026-09-16", "fin": "2027-06-23"},
        "tarif": {"type": "gratuit"},
        "inscription": {"modalites": "Sur le portail Famille"},
        "accessibilite": {"accueil_handicap": True},
        "service": "sports",
        "contact": "accueil-sports",
    }
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return Activite.model_validate(base)


WINDOW = {"inscription": {"ouverture": "2026-09-01", "date_limite": "2026-10-02"}}


@pytest.mark.parametrize(
    ("day", "code", "texte"),
    [
        ("2026-08-31", "bientot", "Inscriptions à partir du 1er septembre 2026"),
        ("2026-09-01", "ouvertes", "Inscriptions ouvertes jusqu’au 2 octobre 2026"),
        ("2026-10-02", "ouvertes", "Inscriptions ouvertes jusqu’au 2 octobre 2026"),
        ("2026-10-03", "closes", "Inscriptions closes"),
        ("2027-06-23", "closes", "Inscriptions closes"),
        ("2027-06-24", "terminee", "Terminée"),
    ],
)
def test_a_registration_window_before_inside_and_after(day: str, code: str, texte: str) -> None:
    found = statut(_act(**WINDOW), date.fromisoformat(day))
    assert (found.code, found.texte) == (code, texte)


def test_full_wins_over_an_open_window_but_not_over_the_end() -> None:
    full = _act(inscription={**WINDOW["inscription"], "complet": True})
    assert statut(full, date(2026, 9, 10)).code == "complet"
    assert statut(full, date(2027, 7, 1)).code == "terminee"


@pytest.mark.parametrize(
    ("acces", "code", "texte"),
    [
        ("libre", "libre", "Sans inscription"),
        ("scolaire", "scolaire", "Avec la classe"),
        ("sur-orientation", "orientation", "Sur proposition d’un professionnel"),
    ],
)
def test_the_way_in_decides_when_no_registration_is_asked(
    acces: str, code: str, texte: str
) -> None:
    act = _act(acces=acces, **WINDOW)  # a deadline is not the family's business here
    assert (statut(act, date(2026, 11, 1)).code, statut(act, date(2026, 11, 1)).texte) == (
        code,
        texte,
    )
    assert statut(act, date(2027, 7, 1)).code == "terminee"


def test_without_dates_registration_is_open_and_says_when_it_starts() -> None:
    act = _act()
    assert statut(act, date(2026, 9, 1)).texte == (
        "Inscriptions ouvertes, début le 16 septembre 2026"
    )
    assert statut(act, date(2026, 12, 2)).texte == "Inscriptions ouvertes"
    assert statut(_act(acces="libre"), date(2026, 9, 1)).texte == (
        "Sans inscription, à partir du 16 septembre 2026"
    )
    assert {"libre", "ouvertes"} == set(JOINABLE)


def test_the_build_day_can_be_set_and_a_wrong_one_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(DAY_VARIABLE, "2027-01-11")
    assert build_day() == date(2027, 1, 11)
    monkeypatch.setenv(DAY_VARIABLE, "11/01/2027")
    with pytest.raises(SystemExit, match="AAAA-MM-JJ"):
        build_day()
    monkeypatch.delenv(DAY_VARIABLE)
    assert build_day() == date.today()


def test_the_sample_has_every_kind_of_status_on_a_december_day() -> None:
    c = load_catalogue(ROOT)
    codes = {statut(a, date(2026, 12, 2)).code for a in c.activites.values()}
    assert codes >= {"ouvertes", "bientot", "closes", "complet", "libre", "terminee",
                     "scolaire", "orientation"}  # fmt: skip
    assert c.commune.annee_scolaire == "2026-2027"


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["inscription", "ouverture"], "2026-10-10",
         "la date limite (02/10/2026) précède l'ouverture (10/10/2026)"),
        (["inscription", "date_limite"], "2027-08-01",
         "inscription.date_limite (01/08/2027) vient après la fin de l'activité"),
        (["seances"], [{"date": "2027-09-01", "debut": "10:00", "fin": "12:00"}],
         "la séance du 01/09/2027 est hors de la période"),
        (["acces"], "sur-inscription", "valeur « sur-inscription » inconnue"),
        (["seances"], [{"date": "2027-01-30", "debut": "12:00", "fin": "10:00"}],
         "la fin (10:00) doit venir après le début (12:00)"),
    ],
)  # fmt: skip
def test_impossible_dates_and_ways_in_are_refused_in_french(
    tmp_path: Path, path: list[str | int], value: object, message: str
) -> None:
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    name = "activites/judo-eveil-initiation.yml"
    edit_data(tmp_path, name, ["inscription", "date_limite"], "2026-10-02")
    edit_data(tmp_path, name, ["periode", "fin"], "2027-06-26")
    edit_data(tmp_path, name, path, value)
    with pytest.raises(DataErrors) as caught:
        load_catalogue(tmp_path)
    report = caught.value.report()
    assert f"data/{name}:" in report and message in report, report


def test_families_ask_a_service_desk_and_the_handicap_referent_is_named_apart() -> None:
    c = load_catalogue(ROOT)
    for slug, act in c.activites.items():
        contact = c.referents[act.contact]
        assert "handicap" not in contact.role.lower(), slug  # an ordinary question's answerer
        if act.accessibilite.accueil_handicap:
            assert c.referent_handicap(act) is not None, slug
    judo = c.activites["judo-eveil-initiation"]
    assert (judo.contact, c.referent_handicap(judo).id) == (  # type: ignore[union-attr]
        "accueil-sports",
        "referent-handicap-sports",
    )
