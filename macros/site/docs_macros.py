"""The macros that Markdown pages in ``docs/`` call (mkdocs-macros adapter)."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from macros.data.audit import load_audit
from macros.present.accessibilite import declaration, typo_fr
from macros.site.report import record_failure
from macros.data.errors import DataErrors
from macros.data.kinds import TYPES
from macros.present.finder import default_order, form_options, option_counts, ouvertes
from macros.present.statut import build_day, dates_inscription
from macros.data.models import Selection
from macros.export.registry import OPEN_DATA
from macros.data.project import catalogue_for
from macros.render import brut, render, texte_markdown
from macros.site.engines import engine
from macros.site.staging import BROCHURES, wait_for_brochures
from macros.site.timings import timed

if TYPE_CHECKING:
    from markupsafe import Markup

    from macros.data.catalogue import Catalogue


def _parcours(env: Any) -> dict[str, Any]:
    """What the staged config tells the macros (see ``macros.site.staging``)."""
    parcours: dict[str, Any] = (env.conf.get("extra") or {}).get("parcours") or {}
    return parcours


def _base(env: Any) -> str:
    """Relative path from the current page's links to the site root (``../`` …)."""
    if env.page is None:
        return ""
    adapter = engine(_parcours(env).get("moteur", "mkdocs"))
    return adapter.link_base(adapter.page_source(env.page))


def register(env: Any) -> None:
    projet = _parcours(env).get("projet")
    if not projet:
        raise ValueError("configuration non préparée : construisez avec « parcours build ».")
    root = Path(projet)
    try:
        catalogue: Catalogue = catalogue_for(root)
    except DataErrors:
        return  # reported by the engine's hooks (the build stops, the preview shows the errors)
    # Pages of docs/ are Markdown with raw HTML: data reaches them only as text
    # (see TexteMarkdown), and identifiers, whose format is checked, as written.
    env.variables["commune"] = texte_markdown(catalogue.commune)
    env.variables["identifiants"] = {
        "categories": list(catalogue.categories),
        "quartiers": list(catalogue.quartiers),
    }
    env.filters["brut"] = brut

    @env.macro  # type: ignore[untyped-decorator]
    def agenda_inscriptions(niveau: int = 2) -> Markup:
        """/inscriptions/: what is open now, then each coming opening and deadline."""
        today = build_day()
        return render(
            "agenda.html", c=catalogue, ouvertes=ouvertes(catalogue, today),
            dates=dates_inscription(catalogue, since=today), niveau=niveau, base=_base(env),
        )  # fmt: skip

    @env.macro  # type: ignore[untyped-decorator]
    def inscriptions_ouvertes(nombre: int = 5) -> Markup:
        """The home page's « Inscriptions ouvertes en ce moment », soonest deadline first."""
        return render(
            "ouvertes_accueil.html", c=catalogue, ouvertes=ouvertes(catalogue, build_day()),
            nombre=nombre, base=_base(env),
        )  # fmt: skip

    @env.macro  # type: ignore[untyped-decorator]
    def pedt_introduction() -> Markup:
        """The introduction of ``pedt.yml``, rendered as safe Markdown (may be empty)."""
        return render("pedt_introduction.html", pedt=catalogue.pedt, base=_base(env))

    @env.macro  # type: ignore[untyped-decorator]
    def apercu_activites(
        categorie: str | None = None,
        accueil_handicap: bool | None = None,
        age: int | None = None,
        nombre: int = 3,
    ) -> Markup:
        """A few activities of a selection, those a family can join first, and a link to
        the finder showing all of them (a family page never embeds a long list)."""
        if categorie and categorie not in catalogue.categories:
            raise ValueError(f"catégorie inconnue : {categorie}")
        selection = Selection(
            categories=[categorie] if categorie else [],
            age=age,
            accueil_handicap=accueil_handicap,
        )
        kept = {slug for slug, _ in catalogue.select(selection)}
        acts = [item for item in default_order(catalogue) if item[0] in kept]
        query = "&".join(
            part
            for part in (
                f"categorie={categorie}" if categorie else None,
                f"age={age}" if age is not None else None,
                "handicap=1" if accueil_handicap else None,
            )
            if part
        )
        return render(
            "apercu_activites.html",
            c=catalogue,
            activites=acts[:nombre],
            total=len(acts),
            query=query,
            base=_base(env),
        )

    @env.macro  # type: ignore[untyped-decorator]
    def chercheur() -> Markup:
        """The finder: filter form, result count and every activity."""
        return render(
            "finder.html",
            c=catalogue,
            activites=default_order(catalogue),
            options=form_options(catalogue),
            comptes=option_counts(catalogue),
            base=_base(env),
        )

    @env.macro  # type: ignore[untyped-decorator]
    def facettes() -> Markup:
        """Links to the pre-built lists, one per choice of the finder."""
        return render(
            "facettes.html", c=catalogue, options=form_options(catalogue), base=_base(env)
        )

    @env.macro  # type: ignore[untyped-decorator]
    def pedt_axes(axe: str | None = None, niveau: int = 0) -> Markup:
        """The PEDT summary, or one axis in full (its objectives, tables and activities)."""
        chosen = None
        if axe is not None:
            chosen = next((a for a in catalogue.pedt.axes if a.id == axe), None)
            if chosen is None:
                raise ValueError(f"axe du PEDT inconnu : {axe}")
        level = niveau or (3 if chosen else 2)
        return render(
            "pedt.html", c=catalogue, pedt=catalogue.pedt, axe=chosen, level=level, base=_base(env)
        )

    @env.macro  # type: ignore[untyped-decorator]
    def appeler(ident: str) -> Markup:
        """One contact's number, tap to call, for the opening of a family page."""
        if ident not in catalogue.referents:
            raise ValueError(f"contact inconnu : {ident}")
        return render("_appeler.html", r=catalogue.referents[ident])

    @env.macro  # type: ignore[untyped-decorator]
    def pedt_en_bref() -> Markup:
        """What each axis changes for a child, in plain words, linking to the axis."""
        return render("pedt_en_bref.html", pedt=catalogue.pedt, base=_base(env))

    @env.macro  # type: ignore[untyped-decorator]
    def contacts(ids: list[str]) -> Markup:
        """Contact cards of the given ids."""
        unknown = [i for i in ids if i not in catalogue.referents]
        if unknown:
            raise ValueError(f"contacts inconnus : {', '.join(unknown)}")
        refs = [catalogue.referents[i] for i in ids]
        return render("referents.html", c=catalogue, referents=refs, base=_base(env))

    @env.macro  # type: ignore[untyped-decorator]
    def annuaire(niveau: int = 2) -> Markup:
        """Every contact, grouped by service (headings of level ``niveau``)."""
        return render("annuaire.html", c=catalogue, niveau=niveau, base=_base(env))

    @env.macro  # type: ignore[untyped-decorator]
    def qui_contacter(niveau: int = 2) -> Markup:
        """« Qui contacter pour… »: each need of a family and whom to call (referents.yml)."""
        return render("besoins.html", c=catalogue, niveau=niveau, base=_base(env))

    @env.macro  # type: ignore[untyped-decorator]
    def urgences() -> Markup:
        """The emergency numbers, tap to call, in an alert box."""
        return render("urgences.html", c=catalogue, base=_base(env))

    @env.macro  # type: ignore[untyped-decorator]
    def ressources(niveau: int = 2) -> Markup:
        """Every parenting resource, grouped by theme (headings of level ``niveau``)."""
        return render("ressources.html", c=catalogue, niveau=niveau, base=_base(env))

    @env.macro  # type: ignore[untyped-decorator]
    def lexique() -> Markup:
        """The glossary (data/lexique.yml), in alphabetical order."""
        return render("lexique.html", c=catalogue, base=_base(env))

    @env.macro  # type: ignore[untyped-decorator]
    def plan_du_site() -> Markup:
        """The site map: the navigation, then every page built from data."""
        nav = _parcours(env).get("plan") or []
        return render("plan.html", c=catalogue, nav=nav, base=_base(env))

    @env.macro  # type: ignore[untyped-decorator]
    def dernieres_activites(nombre: int = 5) -> Markup:
        """The most recently updated activities and resources."""
        return render("dernieres.html", items=catalogue.latest(nombre), base=_base(env))

    @env.macro  # type: ignore[untyped-decorator]
    def liste_brochures() -> Markup:
        """Every PDF brochure with its real size and page count, once laid out."""
        parcours = _parcours(env)
        listing = Path(parcours["etape"]) / BROCHURES
        preview = bool(parcours.get("apercu"))
        erreur = None
        with timed("attente-brochures"):
            try:
                built = wait_for_brochures(listing, wait=not preview)
            except RuntimeError as exc:
                if not preview:  # the build fails: nothing is published without its brochures
                    record_failure(str(exc))
                    raise
                built, erreur = [], str(exc)  # the preview shows why, and goes on
        return render(
            "brochures.html", brochures=_series(built or []), en_cours=built is None,
            erreur=erreur,
            c=catalogue, base=_base(env),
        )  # fmt: skip

    @env.macro  # type: ignore[untyped-decorator]
    def fichiers_donnees() -> Markup:
        """The open data files, each with its size and the date of the data."""
        # Written by the staging already: their sizes are read, not produced again.
        staged = Path(_parcours(env)["etape"]) / "docs"
        files = [(f.path, f.description, (staged / f.path).stat().st_size) for f in OPEN_DATA]
        latest = catalogue.latest(1)
        return render(
            "donnees.html", fichiers=files, date=latest[0][3] if latest else None, base=_base(env)
        )

    @env.macro  # type: ignore[untyped-decorator]
    def integration() -> Markup:
        """The compact, header-less list of activities for an iframe (filtered by the URL)."""
        return render(
            "integrer.html", c=catalogue, activites=default_order(catalogue),
            options=form_options(catalogue), comptes=option_counts(catalogue), base=_base(env),
        )  # fmt: skip

    @env.macro  # type: ignore[untyped-decorator]
    def types_recherche() -> Markup:
        """The search page's choice of result type, one per search type of the site's pages."""
        return render("types_recherche.html", types=TYPES)

    @env.macro  # type: ignore[untyped-decorator]
    def declaration_accessibilite() -> Markup:
        """The déclaration d'accessibilité, drawn from the RGAA grid ``data/accessibilite.yml``."""
        audit = load_audit(root)
        return render(
            "accessibilite.html", c=catalogue, d=declaration(audit) if audit else None, t=typo_fr
        )

    @env.macro  # type: ignore[untyped-decorator]
    def lien(path: str) -> str:
        """Relative link from the current page to a site path such as ``activites/``."""
        return posixpath.join(_base(env), path.lstrip("/"))


def _series(built: list[Any]) -> list[tuple[str | None, list[Any]]]:
    """The brochures in order, a long guide's volumes together under its title."""
    series: list[tuple[str | None, list[Any]]] = []
    for b in built:
        serie = getattr(b, "serie", None)
        if serie is not None and series and series[-1][0] == serie:
            series[-1][1].append(b)
        else:
            series.append((serie, [b]))
    return series
