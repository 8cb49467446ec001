"""The loader on a corpus of broken files: each gives its French message at the right line."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue

CORPUS = sorted((FIXTURES / "erreurs").glob("*.yml"))
_EXPECTED = re.compile(r"^# attendu: (\d+): (.+)$")


def _errors(root: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_catalogue(root)
    return [str(error) for error in caught.value.errors]


def test_the_sample_data_is_valid() -> None:
    catalogue = load_catalogue(ROOT)
    assert len(catalogue.activites) >= 30
    assert len(catalogue.ressources) >= 12


def test_the_corpus_covers_every_kind_of_mistake() -> None:
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("broken", CORPUS, ids=[p.stem for p in CORPUS])
def test_each_broken_file_gives_its_message_and_line(mini_data: Path, broken: Path) -> None:
    expected = _EXPECTED.match(broken.read_text(encoding="utf-8").splitlines()[0])
    assert expected, f"{broken.name} : première ligne « # attendu: LIGNE: message » manquante"
    line, message = int(expected.group(1)), expected.group(2)
    shutil.copy(broken, mini_data / "data" / "activites" / "cas.yml")
    errors = _errors(mini_data)
    wanted = f"data/activites/cas.yml:{line}: {message}"
    assert any(error.startswith(wanted) for error in errors), "\n".join(errors)


def test_every_error_of_every_file_is_reported_at_once(mini_data: Path) -> None:
    for broken in CORPUS:
        shutil.copy(broken, mini_data / "data" / "activites" / broken.name)
    errors = _errors(mini_data)
    files = {error.split(":", 1)[0] for error in errors}
    assert files == {f"data/activites/{p.name}" for p in CORPUS}


def test_errors_come_with_a_hint(mini_data: Path) -> None:
    shutil.copy(
        FIXTURES / "erreurs" / "heure-invalide.yml", mini_data / "data" / "activites" / "x.yml"
    )
    (error,) = _errors(mini_data)
    assert 'mettez l\'heure entre guillemets, par exemple debut: "16:30"' in error


def test_unquoted_times_and_dates_in_text_are_read_as_meant(mini_data: Path) -> None:
    judo = mini_data / "data" / "activites" / "judo.yml"
    text = judo.read_text(encoding="utf-8")
    text = text.replace('debut: "14:00"', "debut: 14:00").replace('fin: "15:30"', "fin: 15h30")
    text = text.replace(
        'resume: "Découvrir le judo en s\'amusant, au dojo municipal."', "resume: 2025-09-01"
    )
    text = text.replace('titre: "Judo pour les 6-11 ans"', "titre: no")
    judo.write_text(text, encoding="utf-8")
    act = load_catalogue(mini_data).activites["judo"]
    assert (act.horaires[0].debut, act.horaires[0].fin) == ("14:00", "15:30")
    assert act.resume == "2025-09-01"
    assert act.titre == "no"


def test_oui_and_non_are_yes_and_no(mini_data: Path) -> None:
    act = load_catalogue(mini_data).activites["eveil-musical"]
    assert act.public.parents is True
    assert act.accessibilite.accueil_handicap is False


def test_a_phone_number_keeps_its_leading_zero(mini_data: Path) -> None:
    path = mini_data / "data" / "referents.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"01 99 00 10 00"', "0199001000"), encoding="utf-8"
    )
    assert load_catalogue(mini_data).referents["referent-inclusion"].telephone == "01 99 00 10 00"


def test_a_file_name_that_is_no_address_is_refused(mini_data: Path) -> None:
    shutil.copy(
        mini_data / "data" / "activites" / "judo.yml",
        mini_data / "data" / "activites" / "Judo Club.yml",
    )
    (error,) = _errors(mini_data)
    assert error.startswith("data/activites/Judo Club.yml:1: nom de fichier invalide")


def test_a_yaml_extension_is_not_silently_ignored(mini_data: Path) -> None:
    shutil.copy(
        mini_data / "data" / "activites" / "judo.yml",
        mini_data / "data" / "activites" / "tennis.yaml",
    )
    (error,) = _errors(mini_data)
    assert "l'extension doit être .yml" in error


def test_a_non_utf8_file_is_refused_with_its_line(mini_data: Path) -> None:
    path = mini_data / "data" / "activites" / "latin.yml"
    path.write_bytes('titre: "Judo"\nresume: "Activité"\n'.encode("latin-1"))
    (error,) = _errors(mini_data)
    assert error.startswith("data/activites/latin.yml:2: le fichier n'est pas encodé en UTF-8")


def test_an_oversized_file_is_refused_quickly(mini_data: Path) -> None:
    path = mini_data / "data" / "activites" / "enorme.yml"
    path.write_text("titre: " + "x" * 2_000_000 + "\n", encoding="utf-8")
    (error,) = _errors(mini_data)
    assert "fichier trop gros" in error


def test_an_alias_bomb_is_refused_quickly(mini_data: Path) -> None:
    levels = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (mini_data / "data" / "activites" / "bombe.yml").write_text(
        "\n".join(levels) + "\n", encoding="utf-8"
    )
    start = time.perf_counter()
    (error,) = _errors(mini_data)
    assert time.perf_counter() - start < 5  # expanding it would take minutes and gigabytes
    assert error.startswith("data/activites/bombe.yml:2: les alias YAML")


def test_duplicate_referent_ids_are_refused(mini_data: Path) -> None:
    path = mini_data / "data" / "referents.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.split("referents:\n", 1)[1], encoding="utf-8")
    errors = _errors(mini_data)
    assert any(
        "referents[6].id : identifiant « referent-inclusion » déjà utilisé" in e for e in errors
    )


def test_the_quartier_of_every_quartier_is_reserved(mini_data: Path) -> None:
    path = mini_data / "data" / "commune.yml"
    text = path.read_text(encoding="utf-8").replace("id: les-coteaux", "id: toute-la-ville")
    path.write_text(text, encoding="utf-8")
    errors = _errors(mini_data)
    assert any(
        e.startswith("data/commune.yml:20: ")
        and "l'identifiant « toute-la-ville » est réservé" in e
        and "tous les quartiers" in e
        for e in errors
    ), "\n".join(errors)


def test_a_missing_required_file_is_named(mini_data: Path) -> None:
    (mini_data / "data" / "pedt.yml").unlink()
    errors = _errors(mini_data)
    assert errors == ["data/pedt.yml:1: fichier obligatoire manquant"]


def test_a_typo_in_a_field_name_gets_a_suggestion(mini_data: Path) -> None:
    shutil.copy(
        FIXTURES / "erreurs" / "champ-inconnu.yml", mini_data / "data" / "activites" / "x.yml"
    )
    errors = _errors(mini_data)
    assert any("vouliez-vous écrire « resume » ?" in e for e in errors)


# --- lexique.yml -------------------------------------------------------------------------------

LEXIQUE = """termes:
  - terme: "PAI"
    developpe: "projet d'accueil individualisé"
    definition: "Un document écrit pour un enfant malade."
  - terme: "Restauration scolaire"
    definition: "La cantine."
    synonymes: ["cantine", "repas"]
"""


def test_the_glossary_is_read_in_the_order_written(mini_data: Path) -> None:
    (mini_data / "data" / "lexique.yml").write_text(LEXIQUE, encoding="utf-8")
    lexique = load_catalogue(mini_data).lexique
    assert [(t.terme, t.ancre, t.synonymes) for t in lexique] == [
        ("PAI", "pai", []),
        ("Restauration scolaire", "restauration-scolaire", ["cantine", "repas"]),
    ]


def test_a_title_naming_a_term_gets_the_glossary_s_other_words_for_the_search(
    mini_data: Path,
) -> None:
    (mini_data / "data" / "lexique.yml").write_text(LEXIQUE, encoding="utf-8")
    c = load_catalogue(mini_data)
    assert c.autres_mots("Restauration scolaire de l'école") == ["cantine", "repas"]
    assert c.autres_mots("Restauration scolaire", "Le repas de midi") == ["cantine"]
    assert c.autres_mots("Un PAI pour l'asthme") == ["projet d'accueil individualisé"]
    assert c.autres_mots("La cantine") == []  # a synonym alone names no term
    assert c.autres_mots("Un PAIN au chocolat") == []  # whole words only


def test_a_word_explained_twice_or_a_synonym_that_is_a_term_is_refused_at_its_line(
    mini_data: Path,
) -> None:
    text = LEXIQUE + '  - terme: "pai"\n    definition: "Encore."\n    synonymes: ["PAI "]\n'
    text = text.replace('["cantine", "repas"]', '["cantine", "Pai"]')
    (mini_data / "data" / "lexique.yml").write_text(text, encoding="utf-8")
    errors = _errors(mini_data)
    assert (
        "data/lexique.yml:8: termes[2].terme : « pai » est déjà expliqué (terme n° 1)\n"
        "    → réunissez les deux explications en une seule." in errors
    )
    assert any(
        e.startswith("data/lexique.yml:7: termes[1].synonymes[1] : « Pai » est") for e in errors
    )
    assert any(
        e.startswith("data/lexique.yml:10: termes[2].synonymes[0] : « PAI » est") for e in errors
    )


def test_a_term_without_a_definition_or_with_an_unknown_field_is_refused(mini_data: Path) -> None:
    text = 'termes:\n  - terme: "MDPH"\n    explication: "x"\n'
    (mini_data / "data" / "lexique.yml").write_text(text, encoding="utf-8")
    errors = "\n".join(_errors(mini_data))
    assert "data/lexique.yml:2: termes[0].definition" in errors
    assert "data/lexique.yml:3: termes[0].explication" in errors


# --- « Qui contacter pour… » and emergency numbers ------------------------------------------------


def test_a_need_names_known_contacts_and_its_own_id_once(mini_data: Path) -> None:
    path = mini_data / "data" / "referents.yml"
    besoins = (
        "besoins:\n"
        '  - id: un-handicap\n    titre: "Un handicap"\n    contacts: [referent-inclusion]\n'
        '  - id: un-handicap\n    titre: "Autre"\n    contacts: [referent-inclusoin]\n'
    )
    path.write_text(besoins + path.read_text(encoding="utf-8"), encoding="utf-8")
    errors = _errors(mini_data)
    assert any(
        e.startswith(
            "data/referents.yml:5: besoins[1].id : identifiant « un-handicap » déjà utilisé"
        )
        for e in errors
    )
    assert (
        "data/referents.yml:7: besoins[1].contacts[0] : contact « referent-inclusoin » inconnu "
        "(absent de referents.yml)\n    → vouliez-vous écrire « referent-inclusion » ?"
    ) in errors


def test_an_emergency_number_needs_a_telephone(mini_data: Path) -> None:
    folder = mini_data / "data" / "ressources"
    folder.mkdir(exist_ok=True)
    (folder / "urgence.yml").write_text(
        'titre: "Urgence"\nresume: "R"\ndescription: "D."\ntheme: ecrans\n'
        'public: {parents: oui}\ntype: numero-utile\norganisme: "O"\nurgence: oui\n',
        encoding="utf-8",
    )
    errors = "\n".join(_errors(mini_data))
    assert "data/ressources/urgence.yml" in errors
    assert "un numéro d'urgence (urgence: oui) demande un téléphone" in errors
