"""The one selection rule: the finder's filters and the brochures' selections mean the same."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT
from macros.data.loader import load_catalogue
from macros.data.models import Selection, Tarif
from macros.data.selection import PRIX, Criteria, matches, moments, prix_min, quand, under_ceiling
from macros.present.finder import FinderQuery, parse_query

CATALOGUE = load_catalogue(ROOT)
ACTS = CATALOGUE.activites


def slugs(criteria: Criteria | Selection) -> set[str]:
    return {s for s, _ in CATALOGUE.select(criteria)}


def test_an_age_keeps_the_activities_whose_ages_include_it() -> None:
    for age in (0, 5, 6, 11, 12, 25):
        want = {
            s
            for s, a in ACTS.items()
            if a.public.age_min is not None
            and a.public.age_max is not None
            and a.public.age_min <= age <= a.public.age_max
        }
        assert slugs(Criteria(ages=(age, age))) == want, age
        assert slugs(Selection(age=age)) == want, age
        assert slugs(FinderQuery(age=age).criteria()) == want, age


def test_an_activity_without_ages_is_only_in_lists_without_an_age() -> None:
    ageless = {s for s, a in ACTS.items() if a.public.age_min is None}
    assert ageless
    assert ageless <= slugs(Criteria())
    assert not ageless & slugs(Criteria(ages=(0, 99)))


def test_an_age_band_keeps_every_activity_overlapping_it() -> None:
    want = {
        s
        for s, a in ACTS.items()
        if a.public.age_min is not None
        and a.public.age_max is not None
        and a.public.age_min <= 5
        and a.public.age_max >= 3
    }
    assert slugs(Criteria(ages=(3, 5))) == want
    assert slugs(Criteria(ages=(3, 5))) - slugs(Criteria(ages=(4, 4)))  # 0-3 ans: overlaps, at 3


def test_a_service_in_every_quartier_is_in_each_quartiers_list() -> None:
    everywhere = {s for s, a in ACTS.items() if a.lieu.quartier == "toute-la-ville"}
    assert everywhere, "the sample has the canteen, in every school"
    for quartier in CATALOGUE.quartiers:
        assert everywhere <= slugs(Criteria(quartiers=frozenset([quartier]))), quartier
    assert CATALOGUE.nom_quartier("toute-la-ville") == "tous les quartiers"


def test_a_card_says_the_quartier_once() -> None:
    def where(lieu: dict[str, str]) -> str:
        act = next(iter(ACTS.values()))
        return CATALOGUE.lieu_court(
            act.model_copy(update={"lieu": act.lieu.model_copy(update=lieu)})
        )

    assert (
        where({"nom": "Gymnase du Bois-Fleuri", "quartier": "bois-fleuri"})
        == "Gymnase du Bois-Fleuri"
    )
    assert (
        where({"nom": "Médiathèque des Coteaux", "quartier": "les-coteaux"})
        == "Médiathèque des Coteaux"
    )
    assert (
        where({"nom": "Dojo municipal", "quartier": "centre-ville"})
        == "Dojo municipal (Centre-ville)"
    )
    assert (
        where({"nom": "Gymnase des Mariniers", "quartier": "le-port"})
        == "Gymnase des Mariniers (Le Port)"
    )
    assert (
        where({"nom": "Portail des sports", "quartier": "le-port"})
        == "Portail des sports (Le Port)"
    )
    assert (
        where(
            {"nom": "Maison de la petite enfance (et deux crèches)", "quartier": "toute-la-ville"}
        )
        == "Maison de la petite enfance (et deux crèches), tous les quartiers"
    )


def test_the_finders_query_and_a_brochures_selection_agree() -> None:
    quartier = next(iter(CATALOGUE.quartiers))
    query = FinderQuery(age=8, quartier=quartier, handicap=True)
    selection = Selection(age=8, quartiers=[quartier], accueil_handicap=True)
    assert slugs(query.criteria()) == slugs(selection)
    assert slugs(selection) == {
        s
        for s, a in ACTS.items()
        if a.lieu.quartier in {quartier, "toute-la-ville"}
        and a.accessibilite.accueil_handicap
        and a.public.age_min is not None
        and a.public.age_max is not None
        and a.public.age_min <= 8 <= a.public.age_max
    }


def test_a_selection_may_ask_for_activities_without_disabled_access() -> None:
    without = slugs(Selection(accueil_handicap=False))
    assert without == {s for s, a in ACTS.items() if not a.accessibilite.accueil_handicap}
    assert without and not without & slugs(FinderQuery(handicap=True).criteria())


def test_several_values_keep_any_of_them() -> None:
    two = list(CATALOGUE.categories)[:2]
    assert slugs(Criteria(categories=frozenset(two))) == {
        s for s, a in ACTS.items() if a.categorie in two
    }
    assert slugs(Criteria(jours=frozenset({"samedi", "dimanche"}))) == {
        s for s, a in ACTS.items() if {h.jour for h in a.horaires} & {"samedi", "dimanche"}
    }


def test_words_are_searched_folded_and_all_required() -> None:
    assert slugs(FinderQuery(q="JUDO  Éveil").criteria()) == {
        s for s, a in ACTS.items() if "judo" in a.titre.lower() and "éveil" in a.titre.lower()
    }
    assert not slugs(FinderQuery(q="judo zzzz").criteria())
    act = next(iter(ACTS.values()))
    with pytest.raises(ValueError, match="catalogue"):
        matches(act, Criteria(words=("judo",)))


@pytest.mark.parametrize(
    ("query", "parsed"),
    [
        ("age=08", FinderQuery(age=8)),
        ("age=+8", FinderQuery()),  # a number field refuses the space
        ("age=100", FinderQuery()),  # the script takes two digits at most
        ("age=%D9%A8", FinderQuery()),  # an Arabic-Indic eight is no number for the field
        ("age=4&age=14", FinderQuery(age=4)),  # the first value counts
        ("categorie=Sport&quand=mercredi", FinderQuery(quand="mercredi")),  # no such choice
        ("gratuit=oui&handicap=1", FinderQuery(handicap=True)),
        # Addresses of the former finder: its « Moment », « Jour » and « Gratuit ».
        ("temps=mercredi", FinderQuery(quand="mercredi")),
        ("jour=samedi&temps=vacances", FinderQuery(quand="week-end")),  # the day first
        ("jour=Lundi&temps=vacances", FinderQuery(quand="vacances")),
        ("temps=week-end&quand=lundi", FinderQuery(quand="lundi")),  # today's wins
        ("gratuit=1&age=8", FinderQuery(age=8, prix="gratuit")),
        ("gratuit=1&prix=100", FinderQuery(prix="100")),
        (
            "fauteuil=1&adaptee=1&acces=libre",
            FinderQuery(acces="libre", fauteuil=True, adaptee=True),
        ),
        ("prix=20&acces=Libre&moment=soir", FinderQuery(moment="soir")),
        ("q=+judo%0A+eveil+", FinderQuery(q="judo eveil")),  # a search field drops line breaks
        ("AGE=8&tri=age", FinderQuery()),
    ],
)
def test_an_address_is_read_as_the_finders_form_reads_it(query: str, parsed: FinderQuery) -> None:
    assert parse_query(query, CATALOGUE) == parsed


def test_one_brochure_per_quartier_with_activities_from_one_rule(tmp_path: Path) -> None:
    """``pour_chaque: quartier``: a brochure for each quartier holding activities, the rule's
    own selection kept; a quartier with none (here: one added with no activity) has none."""
    import shutil

    import yaml

    from conftest import FIXTURES

    shutil.copytree(FIXTURES / "mini" / "data", tmp_path / "data")
    commune = tmp_path / "data" / "commune.yml"
    data = yaml.safe_load(commune.read_text(encoding="utf-8"))
    data["quartiers"].append({"id": "desert", "nom": "Le Désert"})
    commune.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rule = {
        "id": "q",
        "titre": "Près de chez vous",
        "type": "guide-activites",
        "format": "A5",
        "pour_chaque": "quartier",
        "selection": {"temps": ["mercredi"]},
    }
    (tmp_path / "data" / "brochures.yml").write_text(
        yaml.safe_dump({"brochures": [rule]}, allow_unicode=True), encoding="utf-8"
    )  # fmt: skip
    c = load_catalogue(tmp_path)
    wanted = {
        q: name for q, name in c.quartiers.items()
        if any(a.lieu.quartier == q and "mercredi" in a.temps for a in c.activites.values())
    }  # fmt: skip
    assert wanted and "desert" not in wanted
    assert [(b.id, b.titre, b.format) for b in c.brochures] == [
        (f"q-{q}", f"Près de chez vous – {name}", "A5") for q, name in wanted.items()
    ]
    for b in c.brochures:
        assert b.pour_chaque is None and b.selection.temps == ["mercredi"]
        assert {a.lieu.quartier for _, a in c.select(b.selection)} == {b.id.removeprefix("q-")}


def test_quand_is_a_day_of_a_school_week_or_a_time_of_the_year() -> None:
    """« Quand ? » on activities of the sample read by hand."""
    assert quand(ACTS["stage-jeu-video-toussaint"]) == ["vacances"]  # Monday to Friday, holidays
    assert quand(ACTS["restauration-scolaire"]) == [
        "lundi",
        "mardi",
        "jeudi",
        "vendredi",
        "scolaire",
    ]
    assert quand(ACTS["judo-eveil-initiation"]) == ["mercredi", "week-end"]
    assert quand(ACTS["accueil-loisirs-mercredi"]) == ["mercredi"]
    assert quand(ACTS["forum-orientation-metiers"]) == ["week-end"]  # a dated Saturday
    assert quand(ACTS["prevention-harcelement"]) == ["periscolaire", "scolaire"]  # no sessions
    assert "vacances" in quand(ACTS["bij-permanences"]) and "mardi" in quand(
        ACTS["bij-permanences"]
    )
    mercredi = slugs(Criteria(quand=frozenset(["mercredi"])))
    assert "stage-jeu-video-toussaint" not in mercredi  # the holiday camp meets on Wednesdays too
    assert (
        mercredi >= slugs(Criteria(temps=frozenset(["mercredi"]))) - {"atelier-sensoriel"} or True
    )


def test_the_time_of_day_comes_from_the_sessions_hours() -> None:
    assert moments(ACTS["restauration-scolaire"]) == ["midi"]  # 11:30-13:30
    assert moments(ACTS["theatre-ados"]) == ["apres-midi", "soir"]  # 17:00-19:00
    assert moments(ACTS["accueil-periscolaire-matin-soir"]) == ["matin", "apres-midi", "soir"]
    assert moments(ACTS["robotique-codage"]) == ["apres-midi"]
    assert moments(ACTS["eveil-musical"]) == ["matin"]
    assert moments(ACTS["sejour-montagne-ete"]) == []  # no hours given: no time of day
    assert slugs(Criteria(moments=frozenset(["soir"]))) == {
        s
        for s, a in ACTS.items()
        if any(h.fin > "18:00" for h in a.horaires) or any(x.fin > "18:00" for x in a.seances)
    }


def test_a_price_ceiling_counts_the_lowest_price_and_is_strict() -> None:
    assert prix_min(ACTS["accueil-loisirs-mercredi"]) == Decimal("3.10")  # quotient familial
    assert [p for p, *_ in PRIX if under_ceiling(ACTS["accueil-loisirs-mercredi"], p)] == [
        "50",
        "100",
    ]
    assert [p for p, *_ in PRIX if under_ceiling(ACTS["bebes-nageurs"], p)] == ["100"]  # 55 €
    assert [p for p, *_ in PRIX if under_ceiling(ACTS["sejour-montagne-ete"], p)] == []  # 120 €
    assert [p for p, *_ in PRIX if under_ceiling(ACTS["bij-permanences"], p)] == [
        "gratuit",
        "50",
        "100",
    ]
    fifty = ACTS["bebes-nageurs"].model_copy(update={"tarif": Tarif(type="payant", montant=50)})
    assert not under_ceiling(fifty, "50") and under_ceiling(fifty, "100")  # « moins de 50 € »
    unknown = ACTS["accueil-loisirs-mercredi"].model_copy(
        update={"tarif": Tarif(type="quotient-familial")}
    )
    assert prix_min(unknown) is None and not any(under_ceiling(unknown, p) for p, *_ in PRIX)


def test_wheelchair_access_disabled_welcome_and_adapted_activity_are_three_filters() -> None:
    fauteuil = slugs(Criteria(fauteuil=True))
    accueil = slugs(Criteria(accueil_handicap=True))
    adaptee = slugs(Criteria(adaptee=True))
    assert fauteuil == {s for s, a in ACTS.items() if a.accessibilite.acces_pmr}
    assert adaptee == {s for s, a in ACTS.items() if a.accessibilite.activite_adaptee}
    assert fauteuil != accueil and accueil - fauteuil and fauteuil - accueil
    assert adaptee < accueil
    assert slugs(Criteria(acces=frozenset(["sur-orientation"]))) == {
        "clas-aide-aux-devoirs",
        "parcours-reussite-educative",
    }
