"""`parcours new` derives its questions, options and commented YAML from the models."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import pytest
from pydantic import Field

from macros.cli import main
from macros.data import loader
from macros.data.fields import Oui, Texte  # noqa: TC001 (pydantic reads annotations at runtime)
from macros.data.loader import load_catalogue
from macros.data.models import Activite, Lieu, Referent, Ressource
from macros.scaffold import KINDS, ScaffoldError, new, new_activite, new_referent
from macros.scaffold.derive import leaves, nodes
from macros.scaffold.options import options

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import BaseModel

    from macros.scaffold.derive import Node


class LieuAvecTransports(Lieu):
    transports: Texte | None = Field(
        None,
        title="Transports en commun",
        description="Lignes de bus ou de tram qui s'arrêtent près du lieu.",
    )


class ActiviteEtendue(Activite):
    """An activity with three more fields, as a developer would add them to the model."""

    lieu: LieuAvecTransports = Field(title="Lieu", description="Nom, adresse et quartier du lieu.")
    covoiturage: Oui = Field(
        False, title="Covoiturage", description="oui si les familles organisent un covoiturage."
    )
    niveau: Literal["debutant", "confirme"] = Field(
        "debutant", title="Niveau", description="Le niveau demandé aux enfants."
    )


@pytest.fixture
def extended(monkeypatch: pytest.MonkeyPatch) -> None:
    """The activity model replaced by :class:`ActiviteEtendue`, for the loader and the scaffold."""
    monkeypatch.setattr(loader, "Activite", ActiviteEtendue)
    monkeypatch.setitem(
        KINDS, "activite", dataclasses.replace(KINDS["activite"], model=ActiviteEtendue)
    )


MINIMAL = [
    "--titre", "Tennis de table", "--resume", "Découvrir le ping-pong.", "--categorie", "sport",
    "--age-min", "8", "--age-max", "14", "--lieu-nom", "Gymnase",
    "--lieu-adresse", "1 rue du Stade", "--quartier", "centre-ville", "--service", "sports",
    "--contact", "referent-inclusion",
]  # fmt: skip


def _options(argv: list[str]) -> dict[str, str]:
    """``["--lieu-nom", "Gymnase"]`` → ``{"lieu_nom": "Gymnase"}``, for calls from Python."""
    return {
        flag[2:].replace("-", "_"): value for flag, value in zip(argv[::2], argv[1::2], strict=True)
    }


def _asker(answers: dict[str, str], asked: list[str]) -> Callable[[str], str]:
    """Answers by the start of the question (its last line); Entrée for the others."""

    def ask(prompt: str) -> str:
        asked.append(prompt)
        question = prompt.split("\n")[-1]
        return next((a for q, a in answers.items() if question.startswith(q)), "")

    return ask


def test_a_field_added_to_the_model_gets_its_option_and_commented_line(
    mini_data: Path, extended: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([
        "--projet", str(mini_data), "new", "activite", "--non-interactif", *MINIMAL,
        "--covoiturage", "oui", "--niveau", "confirme", "--transports", "Bus 12",
    ])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    text = (mini_data / "data" / "activites" / "tennis-de-table.yml").read_text(encoding="utf-8")
    assert "\n# oui si les familles organisent un covoiturage.\ncovoiturage: oui\n" in text
    assert (
        "# Le niveau demandé aux enfants. Au choix : debutant, confirme.\nniveau: confirme" in text
    )
    assert (
        "  quartier: centre-ville\n  # Lignes de bus ou de tram qui s'arrêtent près du lieu.\n"
        '  transports: "Bus 12"\n' in text
    )
    act = load_catalogue(mini_data).activites["tennis-de-table"]
    assert isinstance(act, ActiviteEtendue)
    assert (act.covoiturage, act.niveau, act.lieu.transports) == (True, "confirme", "Bus 12")


def test_a_field_added_to_the_model_is_asked_in_its_place(mini_data: Path, extended: None) -> None:
    asked: list[str] = []
    answers = {
        "Titre": "Cirque", "Résumé": "Jongler.", "Catégorie": "sport", "Âge minimum": "6",
        "Nom du lieu": "Chapiteau", "Adresse du lieu": "Parc", "Quartier": "le-port",
        "Transports en commun": "Tram B", "Service": "sports", "Contact": "referent-inclusion",
        "Covoiturage": "oui",
    }  # fmt: skip
    path = new_activite(mini_data, {}, _asker(answers, asked))
    questions = [q.split(" (")[0].split(" [")[0] for q in asked]
    assert questions[questions.index("Quartier") + 1] == "Transports en commun"
    assert "Covoiturage (oui, non) [non] : " in asked
    assert "Niveau (debutant, confirme) [debutant] : " in asked
    act = load_catalogue(mini_data).activites[path.stem]
    assert isinstance(act, ActiviteEtendue)
    assert (act.covoiturage, act.niveau, act.lieu.transports) == (True, "debutant", "Tram B")


@pytest.mark.parametrize("model", [Activite, Ressource, Referent])
def test_every_question_has_a_french_title_and_every_line_a_comment(
    model: type[BaseModel],
) -> None:
    def walk(items: tuple[Node, ...]) -> list[Node]:
        return [n for node in items for n in (node, *walk(node.children))]

    missing = [n.key for n in walk(nodes(model)) if not n.info.title or not n.info.description]
    assert missing == []


OLD_OPTIONS = {
    "activite": "titre resume description categorie age_min age_max temps jour debut fin "
    "lieu_nom lieu_adresse quartier service referent tarif montant accueil_handicap",
    "ressource": "titre resume description theme type organisme lien telephone age_min age_max",
    "referent": "role service structure email telephone adresse horaires missions id",
}
"""The options ``parcours new`` had when they were typed by hand (``NEW_OPTIONS``)."""


@pytest.mark.parametrize("genre", sorted(OLD_OPTIONS))
def test_the_older_option_names_still_work(genre: str) -> None:
    kind = KINDS[genre]
    names = {name for option in options(kind.model, kind.alias_pairs) for name in option.names}
    assert set(OLD_OPTIONS[genre].split()) - names == set()


def test_the_few_aliases_name_fields_the_derivation_cannot_name_alone() -> None:
    kind = KINDS["activite"]
    assert kind.aliases == {
        "debut": "horaires.debut", "fin": "horaires.fin", "tarif": "tarif.type",
        "referent": "contact",
    }  # fmt: skip
    names = [leaf.name for leaf in leaves(Activite)]
    assert names.count("debut") == names.count("fin") == 3  # horaires, seances and periode
    assert "tarif" not in names  # a block, not a value
    assert KINDS["ressource"].aliases == KINDS["referent"].aliases == {}


@pytest.mark.parametrize("genre", sorted(KINDS))
def test_suggested_answers_name_fields_of_the_model(genre: str) -> None:
    kind = KINDS[genre]
    assert set(kind.suggestions) - {leaf.key for leaf in leaves(kind.model)} == set()


def test_every_reference_offers_the_ids_of_its_list(mini_data: Path) -> None:
    catalogue = load_catalogue(mini_data)
    for model in (Activite, Ressource, Referent):
        for leaf in leaves(model):
            if leaf.reference:
                assert len(getattr(catalogue, leaf.reference.liste)) > 0, leaf.key


def test_the_written_file_reads_back_as_every_answer(mini_data: Path) -> None:
    given = {
        "titre": "Cirque « Les Étoiles » : #1", "resume": 'Jongler, "voltiger" : tout.',
        "description": "Premier paragraphe.\n\n- un point : « oui »\n- # pas un commentaire",
        "categorie": "sport", "parents": "oui", "temps": "Mercredi, vacances",
        "lieu_nom": "Chapiteau", "lieu_adresse": "Parc", "quartier": "le-port",
        "jour": ["mercredi", "samedi"], "debut": ["9h", "10:00"], "fin": ["10h30", "11:30"],
        "periode_debut": "2025-09-10", "periode_fin": "2026-06-24",
        "tarif": "quotient-familial", "montant": "12,50", "montant_max": "120",
        "tarif_precisions": "par an", "modalites": "Au guichet.",
        "url": "https://www.example.org/inscription", "date_limite": "2025-09-01",
        "accueil_handicap": "oui", "acces_pmr": "oui", "objectifs": ["reussite-offre-educative"],
        "labels": "Label A; Label, avec virgule", "src": "/images/cirque.jpg",
        "alt": "Un enfant jongle.", "service": "sports", "contact": "referent-inclusion",
        "mis_a_jour": "2025-09-15", "exemple": True,
    }  # fmt: skip
    path = new_activite(mini_data, given)
    text = path.read_text(encoding="utf-8")
    assert 'debut: "09:00"' in text and 'fin: "11:30"' in text  # hours between quotes
    assert re.search(r"^  debut: 2025-09-10$", text, re.M)  # dates as they are
    assert "temps: [mercredi, vacances]" in text and "montant: 12.50" in text
    act = load_catalogue(mini_data).activites[path.stem]
    assert act.titre == "Cirque « Les Étoiles » : #1" and act.resume == given["resume"]
    assert act.description == given["description"]
    assert [(h.jour, h.debut, h.fin) for h in act.horaires] == [
        ("mercredi", "09:00", "10:30"),
        ("samedi", "10:00", "11:30"),
    ]
    assert act.labels == ["Label A", "Label, avec virgule"]
    assert (act.public.age_min, act.public.parents, act.exemple) == (None, True, True)
    assert act.image is not None and act.image.alt == "Un enfant jongle."
    assert str(act.tarif.montant) == "12.50" and str(act.inscription.date_limite) == "2025-09-01"


def test_an_empty_optional_field_is_written_empty_and_says_so(mini_data: Path) -> None:
    path = new_activite(mini_data, _options(MINIMAL))
    text = path.read_text(encoding="utf-8")
    assert "  # Facultatif. Dernier jour pour s'inscrire, AAAA-MM-JJ.\n  date_limite:\n" in text
    assert "# Facultatif. Labels obtenus, en texte.\nlabels: []\n" in text
    assert "# Image facultative ; son texte alt est obligatoire.\nimage:\n" in text


def test_a_wrong_answer_is_explained_by_the_model_and_asked_again(mini_data: Path) -> None:
    asked: list[str] = []
    answers = iter(["25:00", "16:00"])
    ages = iter(["10", "6", "10", "12"])
    script = {
        "Titre": "Cirque", "Résumé": "Jongler.", "Catégorie": "sport", "Nom du lieu": "Chapiteau",
        "Adresse du lieu": "Parc", "Quartier": "le-port", "Jour de la séance (": "mercredi",
        "Service": "sports", "Contact": "referent-inclusion",
    }  # fmt: skip

    def ask(prompt: str) -> str:
        asked.append(prompt)
        question = prompt.split("\n")[-1]
        if question.startswith("Heure de début"):
            return next(answers, "")
        if question.startswith("Âge"):
            return next(ages)
        return next((a for q, a in script.items() if question.startswith(q)), "")

    path = new_activite(mini_data, {}, ask)
    notices = [q.split("\n")[0] for q in asked if "\n" in q]
    assert notices == [
        "  → public : age_min (10) est plus grand que age_max (6)",
        '  → heure de début : heure invalide « 25:00 » : écrivez-la sous la forme "HH:MM"',
    ]
    assert "Heure de fin (HH:MM) [17:30] : " in asked  # 1 h 30 after the start
    act = load_catalogue(mini_data).activites[path.stem]
    assert (act.public.age_min, act.public.age_max, act.horaires[0].fin) == (10, 12, "17:30")


def test_a_wrong_option_stops_with_a_french_message(mini_data: Path) -> None:
    with pytest.raises(ScaffoldError, match=r"heure de fin : heure invalide « 25:00 »"):
        new_activite(mini_data, {**_options(MINIMAL), "jour": "lundi", "fin": "25:00"})
    with pytest.raises(ScaffoldError, match=r"il manque : catégorie \(option --categorie\)"):
        new_activite(mini_data, {"titre": "Cirque", "resume": "Jongler."})
    with pytest.raises(ScaffoldError, match="option inconnue : --couleur"):
        new_activite(mini_data, {"couleur": "bleu"})
    assert not list((mini_data / "data" / "activites").glob("[ct]*"))


def test_the_name_comes_from_the_title_and_a_taken_one_is_asked_again(mini_data: Path) -> None:
    with pytest.raises(ScaffoldError, match=r"^data/activites/judo.yml existe déjà : changez"):
        new_activite(mini_data, {"titre": "Judo"})
    titles = iter(["Judo", "Judo du mercredi"])
    asked: list[str] = []
    answers = {
        "Résumé": "Le judo.", "Catégorie": "sport", "Âge minimum": "8", "Nom du lieu": "Dojo",
        "Adresse du lieu": "Rue", "Quartier": "le-port", "Service": "sports",
        "Contact": "referent-inclusion",
    }  # fmt: skip
    rest = _asker(answers, asked)

    def ask(prompt: str) -> str:
        if prompt.split("\n")[-1].startswith("Titre"):
            asked.append(prompt)
            return next(titles)
        return rest(prompt)

    path = new(mini_data, "activite", {}, ask)
    assert path.name == "judo-du-mercredi.yml"
    assert asked[1] == (
        "  → data/activites/judo.yml existe déjà : changez « Titre de l'activité », "
        "ou donnez --slug\nTitre de l'activité : "
    )


def test_a_contact_s_id_comes_from_its_role_and_must_be_new(mini_data: Path) -> None:
    contact = {
        "role": "Référent inclusion", "service": "culture", "structure": "Culture",
        "email": "culture@example.org", "telephone": "01 99 00 50 50", "adresse": "Médiathèque",
        "horaires": "Mardi",
    }  # fmt: skip
    with pytest.raises(ScaffoldError, match="l'identifiant « referent-inclusion » existe déjà"):
        new_referent(mini_data, contact)
    new_referent(mini_data, {**contact, "id": "referent-culture"})
    text = (mini_data / "data" / "referents.yml").read_text(encoding="utf-8")
    assert "  # Ajouté par « parcours new referent ».\n" in text
    assert "  - id: referent-culture\n    # Le rôle, pas le nom d'une personne.\n" in text
    assert load_catalogue(mini_data).referents["referent-culture"].missions == []


def test_repeated_options_give_several_sessions_and_older_placement_works(
    mini_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([
        "--projet", str(mini_data), "new", "--non-interactif", "activite", *MINIMAL,
        "--jour", "mercredi", "--debut", "14:00", "--jour", "samedi", "--debut", "10:00",
        "--temps", "mercredi", "--temps", "week-end",
    ])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    act = load_catalogue(mini_data).activites["tennis-de-table"]
    assert [(h.jour, h.debut, h.fin) for h in act.horaires] == [
        ("mercredi", "14:00", "15:30"),
        ("samedi", "10:00", "11:30"),
    ]
    assert act.temps == ["mercredi", "week-end"]


def test_each_genre_has_its_own_options_in_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["new", "ressource", "--help"])
    out = capsys.readouterr().out
    assert "--organisme TEXTE" in out and "--lieu-nom" not in out
    assert "guide, site, numero-utile, atelier ou permanence." in out


def test_a_file_the_whole_data_refuses_is_removed(mini_data: Path) -> None:
    (mini_data / "docs").mkdir()  # with pages, images must exist: checked with the whole data/
    given = {**_options(MINIMAL), "src": "/images/absente.jpg", "alt": "Une image."}
    with pytest.raises(ScaffoldError, match=r"(?s)pas été gardée.*image introuvable"):
        new_activite(mini_data, given)
    assert not (mini_data / "data" / "activites" / "tennis-de-table.yml").exists()


# --- the command, end to end (from tests/site/test_publishing.py) ---------------------------


def test_new_activity_without_questions_writes_a_valid_commented_file(
    mini_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([
        "--projet", str(mini_data), "new", "activite", "--non-interactif",
        "--titre", "Tennis de table : découverte", "--resume", "Découvrir le ping-pong.",
        "--categorie", "sport", "--age-min", "8", "--age-max", "14", "--temps", "mercredi",
        "--jour", "mercredi", "--debut", "16:00", "--fin", "17:30", "--lieu-nom", "Gymnase",
        "--lieu-adresse", "1 rue du Stade", "--quartier", "centre-ville", "--service", "sports",
        "--contact", "referent-inclusion",
    ])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    path = mini_data / "data" / "activites" / "tennis-de-table-decouverte.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/activite.schema.json")
    assert 'debut: "16:00"' in text and "Les heures toujours entre guillemets" in text
    act = load_catalogue(mini_data).activites["tennis-de-table-decouverte"]
    assert (act.titre, act.public.age_min, act.horaires[0].fin) == (
        "Tennis de table : découverte",
        8,
        "17:30",
    )


def test_new_activity_asks_its_questions_in_french(mini_data: Path) -> None:
    from macros.scaffold import new_activite

    # Answers by question; the other questions are left empty (Entrée).
    answers = {
        "Titre de l'activité": "Atelier cirque", "Résumé": "Jongler et faire de l'équilibre.",
        "Catégorie": "sport", "Âge minimum": "6", "Âge maximum": "10", "Moments": "vacances",
        "Nom du lieu": "Chapiteau", "Adresse du lieu": "Parc municipal", "Quartier": "le-port",
        "Service": "sports", "Contact": "referent-inclusion", "Type de tarif": "payant",
        "Montant en euros": "40", "Accueil des enfants": "non",
    }  # fmt: skip
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next((a for q, a in answers.items() if prompt.startswith(q)), "")

    path = new_activite(mini_data, {}, ask)
    assert asked[0] == "Titre de l'activité : "
    assert any(q.startswith("Quartier (centre-ville, les-coteaux") for q in asked)
    act = load_catalogue(mini_data).activites[path.stem]
    assert (act.tarif.type, str(act.tarif.montant), act.horaires) == ("payant", "40", [])
    assert act.accessibilite.accueil_handicap is False


def test_a_wrong_answer_is_refused_in_french_and_leaves_no_file(
    mini_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([
        "--projet", str(mini_data), "new", "activite", "--non-interactif",
        "--titre", "Escalade", "--resume", "Grimper.", "--categorie", "escalade",
        "--lieu-nom", "Mur", "--lieu-adresse", "Rue", "--quartier", "centre-ville",
        "--service", "sports", "--contact", "referent-inclusion", "--age-min", "8",
    ])  # fmt: skip
    assert code == 1
    assert (
        "« escalade » n'est pas possible pour catégorie : choisissez parmi sport"
        in capsys.readouterr().err
    )
    assert not (mini_data / "data" / "activites" / "escalade.yml").exists()


def test_new_resource_and_referent_pass_the_check(mini_data: Path) -> None:
    assert main([
        "--projet", str(mini_data), "new", "ressource", "--non-interactif",
        "--titre", "Bien dormir", "--resume", "Le sommeil des enfants.", "--theme", "sommeil",
        "--type", "guide", "--organisme", "Santé publique France",
        "--lien", "https://www.1000-premiers-jours.fr/",
    ]) == 0  # fmt: skip
    assert main([
        "--projet", str(mini_data), "new", "referent", "--non-interactif",
        "--role", "Référent handicap du service Culture", "--service", "culture",
        "--structure", "Service Culture", "--email", "culture@example.org",
        "--telephone", "01 99 00 50 50", "--adresse", "Médiathèque", "--horaires", "Mardi",
        "--missions", "Conseiller les familles; Former les animateurs",
    ]) == 0  # fmt: skip
    catalogue = load_catalogue(mini_data)
    assert "bien-dormir" in catalogue.ressources
    assert catalogue.referents["referent-handicap-du-service-culture"].missions == [
        "Conseiller les familles",
        "Former les animateurs",
    ]
