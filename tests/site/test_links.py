"""The link check of a built site, on a handful of hand-written pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from macros.site.links import check_links

if TYPE_CHECKING:
    from pathlib import Path


def _site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return root


def test_links_and_anchors_that_lead_somewhere_pass(tmp_path: Path) -> None:
    site = _site(tmp_path, {
        "index.html": (
            '<a href="activites/">a</a> <a href="activites/judo/#horaires">b</a>'
            ' <a href="#haut" id="haut">c</a> <a href="?q=judo">d</a>'
            ' <a href="donnees/activites.csv">e</a> <a href="caf%C3%A9/">f</a>'
            ' <a href="activites/judo/?a=1&amp;b=2">g</a> <a href="/activites/">h</a>'
            ' <img src="assets/logo.svg" alt=""> <link rel="stylesheet" href="assets/a.css">'
            ' <a href="https://example.org/absent/">i</a> <a href="mailto:x@example.org">j</a>'
            ' <a href="tel:+33199000000">k</a> <script src="//cdn.example.org/x.js"></script>'
        ),
        "activites/index.html": '<a href="../">accueil</a> <a href="judo/">judo</a>',
        "activites/judo/index.html": '<h2 id="horaires">Horaires</h2> <a href="../../#haut">x</a>',
        "café/index.html": "<p>accent</p>",
        "donnees/activites.csv": "slug\n",
        "assets/logo.svg": "<svg></svg>",
        "assets/a.css": "",
    })  # fmt: skip
    assert check_links(site) == []


def test_each_broken_link_or_anchor_is_named_with_its_page(tmp_path: Path) -> None:
    site = _site(tmp_path, {
        "index.html": (
            '<a href="nulle-part/">a</a> <a href="pedt/#absent">b</a>'
            ' <script src="assets/absent.js"></script> <a href="#ici">c</a>'
        ),
        "pedt/index.html": '<h2 id="axes">Axes</h2> <img src="../images/absente.png" alt="">',
        "404.html": '<a href="nulle-part/">ignorée : liens écrits pour toutes les profondeurs</a>',
        "pagefind/index.html": '<a href="absent/">index de recherche : ignoré</a>',
    })  # fmt: skip
    assert check_links(site) == [
        "index.html : lien vers « nulle-part/ » : page ou fichier introuvable",
        "index.html : lien vers « pedt/#absent » : ancre « #absent » introuvable",
        "index.html : lien vers « assets/absent.js » : page ou fichier introuvable",
        "index.html : lien vers « #ici » : ancre « #ici » introuvable",
        "pedt/index.html : lien vers « ../images/absente.png » : page ou fichier introuvable",
    ]


def test_a_folder_link_without_its_slash_reaches_its_index(tmp_path: Path) -> None:
    site = _site(tmp_path, {
        "index.html": '<a href="activites">a</a> <a href="activites#liste">b</a>',
        "activites/index.html": '<ul id="liste"></ul>',
    })  # fmt: skip
    assert check_links(site) == []
