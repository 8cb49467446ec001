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
    one_day = _act(acces="libre", periode={"debut": "2027-01-30", "fin": "2027-01-30"})
    assert statut(one_day, date(2026, 12, 2)).texte == "Sans inscription, le 30 janvier 2027"
    assert statut(one_day, date(2027, 1, 30)).texte == "Sans inscription"
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


# --- the next session and the finder's orders --------------------------------------------


def test_the_next_session_is_the_next_weekly_day_of_the_period() -> None:
    from macros.present.statut import prochaine_seance

    judo = _act(horaires=[{"jour": "mercredi", "debut": "14:00", "fin": "15:30"}])
    assert prochaine_seance(judo, date(2026, 12, 1)) == date(2026, 12, 2)  # a Tuesday
    assert prochaine_seance(judo, date(2026, 12, 2)) == date(2026, 12, 2)  # that Wednesday
    assert prochaine_seance(judo, date(2026, 8, 1)) == date(2026, 9, 16)  # not begun yet
    assert prochaine_seance(judo, date(2027, 6, 24)) is None  # over
    assert prochaine_seance(judo, date(2027, 6, 20)) == date(2027, 6, 23)  # last Wednesday


def test_a_dated_session_comes_before_a_later_weekly_day() -> None:
    from macros.present.statut import prochaine_seance

    forum = _act(
        horaires=[{"jour": "samedi", "debut": "10:00", "fin": "12:00"}],
        seances=[{"date": "2026-12-03", "debut": "18:00", "fin": "20:00"}],
    )
    assert prochaine_seance(forum, date(2026, 12, 1)) == date(2026, 12, 3)
    assert prochaine_seance(forum, date(2026, 12, 4)) == date(2026, 12, 5)
    dated_only = _act(seances=[{"date": "2027-01-30", "debut": "09:30", "fin": "17:00"}])
    assert prochaine_seance(dated_only, date(2026, 12, 1)) == date(2027, 1, 30)
    assert prochaine_seance(dated_only, date(2027, 1, 31)) is None
    neither = _act()
    assert prochaine_seance(neither, date(2026, 12, 1)) == date(2026, 12, 1)


def test_the_deadline_order_puts_the_soonest_open_deadline_first() -> None:
    from macros.present.finder import sort_key

    day = date(2026, 12, 1)
    soon = _act(titre="B", inscription={"date_limite": "2026-12-05"})
    later = _act(titre="A", inscription={"date_limite": "2027-01-10"})
    opening = _act(titre="C", inscription={"ouverture": "2026-12-10"})
    no_deadline = _act(titre="D")
    free = _act(titre="E", acces="libre")
    closed = _act(titre="F", inscription={"date_limite": "2026-11-30"})
    full = _act(titre="G", inscription={"complet": True})
    acts = [full, closed, free, no_deadline, opening, later, soon]
    ordered = sorted(acts, key=lambda a: sort_key(a, "limite", day))
    assert [a.titre for a in ordered] == ["B", "A", "C", "D", "E", "F", "G"]
    assert sorted(a.titre for a in acts) == [
        a.titre for a in sorted(acts, key=lambda a: sort_key(a, "titre", day))
    ]
    # By default: what one can join now (A, B, D, E), what opens soon (C), full or closed.
    by_default = [a.titre for a in sorted(acts, key=lambda a: sort_key(a, "", day))]
    assert by_default == ["A", "B", "D", "E", "C", "F", "G"]
    over = _act(titre="0", periode={"debut": "2026-09-01", "fin": "2026-11-30"})
    school = _act(titre="1", acces="scolaire")
    assert [a.titre for a in sorted([over, school, full], key=lambda a: sort_key(a, "", day))] == [
        "G",
        "1",
        "0",
    ]


def test_the_open_filter_keeps_what_a_family_can_join_on_the_day() -> None:
    from macros.present.finder import FinderQuery, matches_query

    sample = load_catalogue(ROOT)
    query = FinderQuery(ouvertes=True)
    for day in (date(2026, 9, 1), date(2026, 12, 1), date(2027, 3, 1), date(2027, 8, 1)):
        kept = {s for s, a in sample.activites.items() if matches_query(a, sample, query, day)}
        assert kept == {s for s, a in sample.activites.items() if statut(a, day).code in JOINABLE}
    # The sample has a realistic mix: on a December day, some open, some not.
    december = {
        s for s, a in sample.activites.items()
        if matches_query(a, sample, query, date(2026, 12, 1))
    }  # fmt: skip
    assert 0 < len(december) < len(sample.activites)


def test_data_of_a_past_school_year_get_a_french_warning() -> None:
    from macros.present.statut import past_year_warning

    sample = load_catalogue(ROOT)  # 2026-2027
    assert past_year_warning(sample, date(2026, 12, 1)) is None
    assert past_year_warning(sample, date(2027, 6, 1)) is None
    assert "toutes les activités sont terminées" in (
        past_year_warning(sample, date(2027, 8, 31)) or ""
    )
    warning = past_year_warning(sample, date(2027, 9, 1))
    assert warning is not None
    assert "année scolaire 2026-2027, terminée" in warning and "annee_scolaire" in warning


def test_the_status_data_say_what_the_script_needs() -> None:
    from macros.present.statut import statut_data

    act = _act(inscription={"ouverture": "2026-11-02", "date_limite": "2026-12-12"})
    assert statut_data(act) == {
        "debut": "2026-09-16", "fin": "2027-06-23", "acces": "inscription",
        "ouverture": "2026-11-02", "limite": "2026-12-12", "complet": "0",
    }  # fmt: skip
