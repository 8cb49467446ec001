"""`parcours new`: a valid, commented data file from answers or options, in French."""

from __future__ import annotations

from typing import TYPE_CHECKING

from macros.cli import main
from macros.data.loader import load_catalogue

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_new_activity_without_questions_writes_a_valid_commented_file(
    mini_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([
        "--projet", str(mini_data), "new", "activite", "--non-interactif",
        "--titre", "Tennis de table : découverte", "--resume", "Découvrir le ping-pong.",
        "--categorie", "sport", "--age-min", "8", "--age-max", "14", "--temps", "mercredi",
        "--jour", "mercredi", "--debut", "16:00", "--fin", "17:30", "--lieu-nom", "Gymnase",
        "--lieu-adresse", "1 rue du Stade", "--quartier", "centre-ville", "--service", "sports",
        "--referent", "referent-inclusion",
    ])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    path = mini_data / "data" / "activites" / "tennis-de-table-decouverte.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/activite.schema.json")
    assert 'debut: "16:00"' in text and "# Les heures toujours entre guillemets" in text
    act = load_catalogue(mini_data).activites["tennis-de-table-decouverte"]
    assert (act.titre, act.public.age_min, act.horaires[0].fin) == (
        "Tennis de table : découverte",
        8,
        "17:30",
    )


def test_new_activity_asks_its_questions_in_french(mini_data: Path) -> None:
    from macros.scaffold import new_activite

    answers = iter([
        "Atelier cirque", "Jongler et faire de l'équilibre.", "sport", "6", "10", "vacances",
        "", "", "", "Chapiteau", "Parc municipal", "le-port", "sports", "referent-inclusion",
        "payant", "40", "non",
    ])  # fmt: skip
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    path = new_activite(mini_data, {}, ask)
    assert asked[0] == "Titre de l'activité : "
    assert any(q.startswith("Quartier (centre-ville, les-coteaux") for q in asked)
    act = load_catalogue(mini_data).activites[path.stem]
    assert (act.tarif.type, str(act.tarif.montant), act.horaires) == ("payant", "40", [])


def test_a_wrong_answer_is_refused_in_french_and_leaves_no_file(
    mini_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([
        "--projet", str(mini_data), "new", "activite", "--non-interactif",
        "--titre", "Escalade", "--resume", "Grimper.", "--categorie", "escalade",
        "--lieu-nom", "Mur", "--lieu-adresse", "Rue", "--quartier", "centre-ville",
        "--service", "sports", "--referent", "referent-inclusion", "--age-min", "8",
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
