"""``parcours`` command line: check, build, serve — on the project in the current directory."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue
from macros.present.statut import build_day, past_year_warning
from macros.scaffold import KINDS, ScaffoldError
from macros.scaffold import new as new_fiche
from macros.scaffold.options import add_arguments as add_new_arguments
from macros.scaffold.options import given_from
from macros.site.build import BuildError, build_site
from macros.site.engines import NAMES


def _check(root: Path) -> int:
    start = time.perf_counter()
    try:
        catalogue = load_catalogue(root)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - start
    warning = past_year_warning(catalogue, build_day())
    if warning:
        print(warning, file=sys.stderr)
    print(
        f"Données valides : {len(catalogue.activites)} activités, {len(catalogue.ressources)} "
        f"ressources, {len(catalogue.referents)} contacts ({elapsed:.2f} s)."
    )
    return 0


def _build(root: Path, out: Path | None, moteur: str) -> int:
    try:
        site = build_site(root, out, moteur)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Site construit dans {site}")
    return 0


def _serve(root: Path, address: str, moteur: str) -> int:
    """Preview; with bad data it still starts, showing the errors in the terminal and the tab."""
    from macros.site.serve import serve

    return serve(root, address, moteur)


INTERRUPTED = "Construction interrompue ; le site publié n'a pas changé."


def main(argv: list[str] | None = None) -> int:
    """The command line; Ctrl+C ends it with a French sentence, never a traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print(f"\n{INTERRUPTED}", file=sys.stderr)
        return 130


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="parcours",
        description="Parcours : valider les données et construire le site de la commune.",
    )
    parser.add_argument(
        "--projet", type=Path, default=None,
        help="dossier du projet (par défaut : le dossier courant)",
    )  # fmt: skip
    sub = parser.add_subparsers(dest="commande", required=True, metavar="commande")
    sub.add_parser("check", help="valider les fichiers de data/")
    build = sub.add_parser("build", help="valider puis construire le site dans site/")
    build.add_argument("--sortie", type=Path, default=None, help="dossier de sortie (site/)")
    build.add_argument(
        "--moteur", choices=NAMES, default="mkdocs",
        help="moteur du site : mkdocs (par défaut) ou zensical (essai)",
    )  # fmt: skip
    serve = sub.add_parser("serve", help="aperçu local qui se recharge à chaque modification")
    serve.add_argument("--adresse", default="127.0.0.1:8000", help="adresse d'écoute")
    serve.add_argument("--moteur", choices=NAMES, default="mkdocs", help="moteur du site")
    new = sub.add_parser(
        "new",
        help="créer une fiche (activite, ressource, referent) en répondant à des questions",
        description="Crée une fiche valide et commentée. Sans option, pose les questions ; "
        "avec --non-interactif, prend les réponses des options. "
        "« parcours new activite --help » liste les options d'une activité.",
    )
    add_new_arguments(new, KINDS)  # one option per field of the model, derived
    args = parser.parse_args(argv)
    root = (args.projet or Path(os.getcwd())).resolve()
    if args.commande == "check":
        return _check(root)
    if args.commande == "build":
        return _build(root, args.sortie, args.moteur)
    if args.commande == "new":
        return _new(root, args)
    return _serve(root, args.adresse, args.moteur)


NEW_INTRO = (
    "Répondez aux questions. Entrée garde la réponse proposée entre crochets, "
    "ou laisse vide une réponse facultative."
)


def _new(root: Path, args: argparse.Namespace) -> int:
    given = given_from(KINDS[args.genre], args)
    ask = None if args.non_interactif else input
    if ask is not None:
        print(NEW_INTRO)
    try:
        path = new_fiche(root, args.genre, given, ask)
    except (ScaffoldError, DataErrors) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nAbandon : aucune fiche n'a été écrite.", file=sys.stderr)
        return 1
    print(f"Fiche écrite et validée : {path.relative_to(root)}")
    print("Relisez-la, complétez la description, puis regardez le résultat avec « make serve ».")
    return 0
