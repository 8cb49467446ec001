"""Realistic synthetic data for ``make bench``: N activities, valid by construction.

The commune, the PEDT and the référents are the sample's; activities, resources
and extra contacts are generated from them with a fixed seed, so a size always
gives the same project.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPS = ["scolaire", "periscolaire", "mercredi", "vacances", "week-end"]
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
NOMS = [
    "Judo",
    "Natation",
    "Théâtre",
    "Chorale",
    "Robotique",
    "Jardinage",
    "Danse",
    "Échecs",
    "Escalade",
    "Lecture",
    "Cirque",
    "Arts plastiques",
    "Football",
    "Codage",
    "Photographie",
    "Musique",
    "Basket",
    "Cuisine",
    "Ludothèque",
    "Aide aux devoirs",
]
SUJETS = [
    "Les enfants",
    "Les jeunes",
    "Chaque participant",
    "Le groupe",
    "Les familles",
    "Les animateurs",
]
VERBES = [
    "découvrent",
    "pratiquent",
    "explorent",
    "préparent",
    "construisent",
    "partagent",
    "inventent",
]
OBJETS = [
    "des jeux coopératifs", "un spectacle de fin d'année", "des ateliers d'expression",
    "les règles du jeu", "un projet collectif", "des techniques nouvelles", "un carnet de bord",
    "des sorties au parc", "des défis en équipe", "une exposition", "des recettes de saison",
    "des maquettes", "un journal", "des parcours d'orientation", "des chansons",
]  # fmt: skip
COMPLEMENTS = [
    "à leur rythme", "avec des intervenants diplômés", "en petits groupes",
    "tout au long de l'année",
    "pendant les vacances", "dans le respect de chacun", "avec le soutien des parents",
    "en lien avec les écoles du quartier", "grâce au matériel prêté par la ville",
]  # fmt: skip


def _sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUJETS)} {rng.choice(VERBES)} {rng.choice(OBJETS)} {rng.choice(COMPLEMENTS)}."
    )


def _text(rng: random.Random, count: int) -> str:
    return " ".join(_sentence(rng) for _ in range(count))


LIEUX = [
    "Gymnase",
    "Médiathèque",
    "Centre de loisirs",
    "Conservatoire",
    "Maison de quartier",
    "Parc",
]


def _dump(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def generate(dest: Path, count: int, seed: int = 2025) -> Path:
    """A buildable project in ``dest`` with ``count`` activities; returns ``dest``."""
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, dest / name)
    for folder in ("docs", "overrides", "macros"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    data = dest / "data"
    data.mkdir()
    for name in ("commune.yml", "pedt.yml"):
        shutil.copy(ROOT / "data" / name, data / name)
    commune = yaml.safe_load((data / "commune.yml").read_text(encoding="utf-8"))
    pedt = yaml.safe_load((data / "pedt.yml").read_text(encoding="utf-8"))
    referents = yaml.safe_load((ROOT / "data" / "referents.yml").read_text(encoding="utf-8"))
    services = [s["id"] for s in commune["services"]]
    for i in range(max(1, count // 50)):
        referents["referents"].append(
            {
                "id": f"contact-{i}",
                "role": f"Animateur référent n° {i + 1}",
                "service": rng.choice(services),
                "structure": "Service Enfance",
                "email": f"contact-{i}@example.org",
                "telephone": f"01 99 {10 + i // 10000 % 90:02d} {i // 100 % 100:02d} {i % 100:02d}",
                "adresse": "1 place de la Mairie, 92999 Exemple",
                "horaires": "Du lundi au vendredi",
                "missions": ["Accueillir les familles"],
                "exemple": True,
            }
        )
    _dump(data / "referents.yml", referents)
    _dump(
        data / "brochures.yml",
        {
            # The sample's set: the whole guide, the leaflet, the summary, a guide for one
            # age and moment, one guide per quartier (the rule).
            "brochures": [
                {
                    "id": "guide-activites",
                    "titre": "Guide des activités",
                    "type": "guide-activites",
                },
                {
                    "id": "plaquette-inclusion",
                    "titre": "Plaquette du référent inclusion",
                    "type": "plaquette-inclusion",
                    "format": "A5",
                },
                {"id": "pedt-en-bref", "titre": "Le PEDT en bref", "type": "pedt-en-bref"},
                {
                    "id": "mercredis-6-11-ans",
                    "titre": "Mercredis 6-11 ans",
                    "type": "guide-activites",
                    "selection": {"temps": ["mercredi"], "age": 8},
                },
                {
                    "id": "quartier",
                    "titre": "Les activités de votre quartier",
                    "type": "guide-activites",
                    "format": "A5",
                    "pour_chaque": "quartier",
                },
            ]
        },
    )
    categories = [c["id"] for c in commune["categories"]]
    quartiers = [q["id"] for q in commune["quartiers"]]
    referent_ids = [r["id"] for r in referents["referents"]]
    objectifs = [o["id"] for axe in pedt["axes"] for o in axe["objectifs"]]
    themes = [t["id"] for t in commune["themes"]]
    for i in range(count):
        nom = NOMS[i % len(NOMS)]
        age_min = rng.randint(0, 20)
        start = date(2025, 9, 1) + timedelta(days=rng.randint(0, 60))
        heure = rng.randint(9, 17)
        _dump(
            data / "activites" / f"activite-{i:05d}.yml",
            {
                "titre": f"{nom} n° {i + 1} – {rng.choice(LIEUX).lower()}",
                "resume": f"Une séance de {nom.lower()} pour découvrir et progresser.",
                "description": f"{_text(rng, 3)}\n\n{_text(rng, 3)}\n\n"
                "- Apporter une bouteille d'eau.\n- Tenue adaptée.\n",
                "categorie": categories[i % len(categories)],
                "public": {"age_min": age_min, "age_max": min(25, age_min + rng.randint(1, 6))},
                "temps": sorted(set(rng.sample(TEMPS, rng.randint(1, 2))), key=TEMPS.index),
                "lieu": {
                    "nom": f"{rng.choice(LIEUX)} {i % 37 + 1}",
                    "adresse": f"{i % 90 + 1} rue de la Paix",
                    "quartier": quartiers[i % len(quartiers)],
                },
                "horaires": [
                    {
                        "jour": rng.choice(JOURS),
                        "debut": f"{heure:02d}:00",
                        "fin": f"{heure + 1:02d}:30",
                    }
                ],
                "periode": {
                    "debut": start.isoformat(),
                    "fin": (start + timedelta(days=200)).isoformat(),
                },
                "tarif": rng.choice(
                    [
                        {"type": "gratuit"},
                        {"type": "payant", "montant": rng.randint(5, 150)},
                        {"type": "quotient-familial", "montant": 10, "montant_max": 200},
                    ]
                ),
                "inscription": {"modalites": "Sur le portail Famille."},
                "accessibilite": {
                    "accueil_handicap": rng.random() < 0.6,
                    "acces_pmr": rng.random() < 0.7,
                },
                "service": rng.choice(services),
                "contact": rng.choice(referent_ids),
                "objectifs": rng.sample(objectifs, 2),
                "mis_a_jour": (date(2025, 9, 1) + timedelta(days=i % 80)).isoformat(),
                "exemple": True,
            },
        )
    for i in range(max(12, count // 10)):
        _dump(
            data / "ressources" / f"ressource-{i:05d}.yml",
            {
                "titre": f"Ressource pour les parents n° {i + 1}",
                "resume": "Un guide pratique pour accompagner son enfant au quotidien.",
                "description": "Conseils, numéros utiles et ateliers près de chez vous.",
                "theme": themes[i % len(themes)],
                "public": {"parents": True},
                "type": "guide",
                "organisme": "Ville d'Exemple",
                "exemple": True,
            },
        )
    return dest


if __name__ == "__main__":
    import sys

    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    print(generate(Path(sys.argv[2] if len(sys.argv) > 2 else f"/tmp/parcours-bench-{size}"), size))
