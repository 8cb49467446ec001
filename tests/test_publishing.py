"""Publishing by git: `parcours new`, the CI files, pre-commit and CONTRIBUTING.md's own example."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, make_project
from macros.cli import main
from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue
from macros.site.build import build_site

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _example() -> str:
    match = re.search(
        r"<!-- exemple-activite: debut -->\n```yaml\n(.*?)```\n<!-- exemple-activite: fin -->",
        CONTRIBUTING,
        re.S,
    )
    assert match
    return match.group(1)


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
        "Service": "sports", "Référent": "referent-inclusion", "Type de tarif": "payant",
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


def _steps(job: dict[str, Any]) -> str:
    return "\n".join(
        str(s.get("run", "")) if isinstance(s, dict) else str(s) for s in job.get("steps", [])
    )


def test_gitlab_ci_validates_tests_builds_and_publishes_main_only() -> None:
    ci = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    scripts = {
        name: "\n".join(job["script"])
        for name, job in ci.items()
        if isinstance(job, dict) and "script" in job
    }
    assert "make check" in scripts["valider"] and "make test" in scripts["tester"]
    assert "make site" in scripts["construire"]
    assert ci["construire"]["artifacts"]["paths"] == ["site"]
    assert ci["pages"]["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}]
    assert ci["pages"]["artifacts"]["paths"] == ["public"]


def test_github_workflow_runs_the_same_targets_and_deploys_main_only() -> None:
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8")
    )
    steps = _steps(workflow["jobs"]["valider"])
    for target in ("make check", "make test", "make site"):
        assert target in steps
    assert workflow["jobs"]["publier"]["if"] == "github.ref == 'refs/heads/main'"
    assert workflow["jobs"]["publier"]["needs"] == "valider"


def test_pre_commit_runs_the_data_check_and_the_linters() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert ".venv/bin/parcours check" in entries
    assert any("ruff check" in e for e in entries) and any("mypy" in e for e in entries)


def test_the_error_message_shown_in_contributing_is_the_real_one(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    broken = _example().replace('debut: "16:00"', 'debut: "25:00"')
    broken = broken.replace("referent: referent-handicap-sports", "referent: referent-sport")
    (tmp_path / "data" / "activites" / "tennis-de-table.yml").write_text(broken, encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_catalogue(tmp_path)
    shown = re.search(r"```\n(2 erreurs dans les données :.*?)```", CONTRIBUTING, re.S)
    assert shown
    assert caught.value.report().strip() == shown.group(1).strip()


@pytest.mark.slow
def test_contributing_example_builds_and_appears_in_the_finder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "projet", ROOT / "data")
    (project / "data" / "activites" / "tennis-de-table.yml").write_text(
        _example(), encoding="utf-8"
    )
    site = build_site(project)
    page = (site / "activites" / "tennis-de-table" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Tennis de table au gymnase des Coteaux</h1>" in page
    finder = (site / "activites" / "index.html").read_text(encoding="utf-8")
    assert 'data-slug="tennis-de-table"' in finder


def test_the_invisible_character_message_shown_in_contributing_is_the_real_one(
    tmp_path: Path,
) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    judo = tmp_path / "data" / "activites" / "judo-eveil-initiation.yml"
    text = judo.read_text(encoding="utf-8")
    assert text.splitlines()[1].startswith('titre: "')
    judo.write_text(text.replace('titre: "', 'titre: "\u200b', 1), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_catalogue(tmp_path)
    shown = re.search(r"```\n(1 erreur dans les données :\n.*?invisible.*?)```", CONTRIBUTING, re.S)
    assert shown
    assert caught.value.report().strip() == shown.group(1).strip()
