"""``parcours`` command line: check, build, serve — on the project in the current directory."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from macros.build import BuildError, build_site
from macros.errors import DataErrors
from macros.loader import load_catalogue


def _check(root: Path) -> int:
    start = time.perf_counter()
    try:
        catalogue = load_catalogue(root)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - start
    print(
        f"Données valides : {len(catalogue.activites)} activités, {len(catalogue.ressources)} "
        f"ressources, {len(catalogue.referents)} contacts ({elapsed:.2f} s)."
    )
    return 0


def _build(root: Path, out: Path | None) -> int:
    try:
        site = build_site(root, out)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Site construit dans {site}")
    return 0


def _serve(root: Path, address: str) -> int:
    if _check(root):
        return 1
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", address,
               "--config-file", str(root / "mkdocs.yml")]  # fmt: skip
    print(f"Aperçu sur http://{address}/ (Ctrl+C pour arrêter)")
    try:
        return subprocess.call(command, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    except KeyboardInterrupt:
        return 0


def main(argv: list[str] | None = None) -> int:
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
    serve = sub.add_parser("serve", help="aperçu local qui se recharge à chaque modification")
    serve.add_argument("--adresse", default="127.0.0.1:8000", help="adresse d'écoute")
    args = parser.parse_args(argv)
    root = (args.projet or Path(os.getcwd())).resolve()
    if args.commande == "check":
        return _check(root)
    if args.commande == "build":
        return _build(root, args.sortie)
    return _serve(root, args.adresse)
