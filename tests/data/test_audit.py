"""The RGAA audit grid (data/accessibilite.yml) and the déclaration drawn from it."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, plain
from macros.data.audit import NUMEROS, load_audit
from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue
from macros.present.accessibilite import Declaration, declaration

GRID = ROOT / "data" / "accessibilite.yml"
RAW = yaml.safe_load(GRID.read_text(encoding="utf-8"))  # read apart from the model, on purpose


def _counts() -> dict[str, int]:
    return {s: sum(1 for k in RAW["criteres"] if k["statut"] == s) for s in ("C", "NC", "NA")}


def _expected_rate() -> int:
    n = _counts()
    return round(100 * n["C"] / (n["C"] + n["NC"]))


def _text(html: str) -> str:
    """Visible text; non-breaking spaces kept (French typography is checked)."""
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def test_the_grid_holds_exactly_the_106_criteria_of_rgaa_4_1() -> None:
    numbers = [str(k["numero"]) for k in RAW["criteres"]]
    assert len(NUMEROS) == 106 and len(set(NUMEROS)) == 106
    assert numbers == NUMEROS  # each once, in the order of the référentiel
    assert {"1.1", "4.13", "10.14", "11.13", "12.11", "13.12"} <= set(numbers)
    assert "1.10" not in numbers and "14.1" not in numbers
    assert all(k["statut"] in {"C", "NC", "NA"} and k["note"] for k in RAW["criteres"])


def test_the_statement_shows_the_rate_computed_from_the_grid(sample_site: Path) -> None:
    html = (sample_site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    shown = re.search(r'id="taux-conformite">(\d+)(?:&nbsp;|\u00a0)%<', html)
    assert shown, "taux de conformité absent de la déclaration"
    assert int(shown.group(1)) == _expected_rate()
    n = _counts()
    text = _text(html)
    assert f"Critères conformes : {n['C']}".replace(" :", "\u00a0:") in text
    assert f"Critères non conformes : {n['NC']}".replace(" :", "\u00a0:") in text
    assert f"Critères non applicables : {n['NA']}".replace(" :", "\u00a0:") in text


def test_the_status_matches_the_rate_on_the_statement_and_in_every_footer(
    sample_site: Path,
) -> None:
    rate, n = _expected_rate(), _counts()
    status = (
        "totalement conforme"
        if n["NC"] == 0
        else ("partiellement conforme" if rate >= 50 else "non conforme")
    )
    html = (sample_site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    assert f'id="statut-conformite">{status}<' in html
    for page in [sample_site / "index.html", sample_site / "activites" / "index.html"]:
        assert f"Accessibilité : {status}</a>" in plain(page.read_text(encoding="utf-8"))


def test_every_non_conformity_of_the_grid_is_listed_in_the_statement(sample_site: Path) -> None:
    html = (sample_site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li data-critere="([\d.]+)"', html)
    failing = [str(k["numero"]) for k in RAW["criteres"] if k["statut"] == "NC"]
    assert listed == failing
    text = _text(html)
    for k in RAW["criteres"]:
        if k["statut"] == "NC":
            assert f"Critère {k['numero']}" in text


def test_the_statement_has_every_section_the_law_asks_for(sample_site: Path) -> None:
    text = _text((sample_site / "accessibilite" / "index.html").read_text(encoding="utf-8"))
    for heading in (
        "État de conformité", "Résultats des tests", "Non-conformités",
        "Dérogations pour charge disproportionnée", "Contenus non soumis",
        "Environnement de test", "Pages du site ayant fait l’objet de la vérification",
        "Schéma pluriannuel", "Plan d’action de l’année", "Retour d’information et contact",
        "Voies de recours", "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07",
    ):  # fmt: skip
        assert heading in text, heading
    for page in RAW["echantillon"]:
        assert page["adresse"] in text
    assert "Aucune." in text  # no exemption claimed
    assert "Aucun lecteur d’écran" in text or "Aucun lecteur d'écran" in text
    assert "lien d’évitement" not in text.lower() and "focus toujours visible" not in text


@pytest.mark.parametrize(
    ("c", "nc", "rate", "status"),
    [
        (10, 0, 100, "totalement conforme"),
        (199, 1, 99, "partiellement conforme"),  # never 100 % while a criterion fails
        (46, 13, 78, "partiellement conforme"),  # issue 19's first audit
        (1, 1, 50, "partiellement conforme"),
        (49, 51, 49, "non conforme"),
    ],
)
def test_the_status_follows_the_rate(c: int, nc: int, rate: int, status: str) -> None:
    audit = load_audit(ROOT)
    assert audit is not None
    d = Declaration(audit, c, nc, 3)
    assert (d.taux, d.statut) == (rate, status)


def test_the_sample_declaration_counts_the_grid() -> None:
    audit = load_audit(ROOT)
    assert audit is not None
    d = declaration(audit)
    n = _counts()
    assert (d.conformes, d.non_conformes, d.non_applicables) == (n["C"], n["NC"], n["NA"])
    assert d.taux == _expected_rate()


def _broken(mini_data: Path, old: str, new: str, nth: int = 1) -> tuple[list[str], int]:
    """The grid with the ``nth`` line holding ``old`` changed: its errors and that line."""
    lines = GRID.read_text(encoding="utf-8").splitlines()
    found = [i for i, line in enumerate(lines) if old in line]
    index = found[nth - 1]
    lines[index] = lines[index].replace(old, new)
    (mini_data / "data" / "accessibilite.yml").write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(DataErrors) as caught:
        load_catalogue(mini_data)
    return [str(e) for e in caught.value.errors], index + 1


def test_an_unknown_status_is_refused_with_file_and_line(mini_data: Path) -> None:
    errors, line = _broken(mini_data, "    statut: C", "    statut: conforme")
    assert any(
        e.startswith(f"data/accessibilite.yml:{line}: criteres[0].statut : ") for e in errors
    )


def test_a_missing_field_is_refused_with_file_and_line(mini_data: Path) -> None:
    errors, line = _broken(mini_data, "    titre:", "    intitule:")
    prefix = f"data/accessibilite.yml:{line - 1}: criteres[0].titre : champ obligatoire manquant"
    assert any(e.startswith(prefix) for e in errors), errors
    assert any(e.startswith(f"data/accessibilite.yml:{line}: criteres[0].intitule") for e in errors)


def test_a_criterion_outside_rgaa_or_left_out_is_refused(mini_data: Path) -> None:
    errors, line = _broken(mini_data, 'numero: "13.12"', 'numero: "13.13"')
    assert any(e.startswith(f"data/accessibilite.yml:{line}: criteres[105].numero : « 13.13 »")
               for e in errors), errors  # fmt: skip
    assert any("1 critère(s) du RGAA 4.1 absent(s) de la grille : 13.12" in e for e in errors)


def test_a_project_without_a_grid_says_it_is_not_audited(mini_data: Path) -> None:
    assert load_audit(mini_data) is None
    shutil.copy(GRID, mini_data / "data" / "accessibilite.yml")
    assert load_audit(mini_data) is not None
