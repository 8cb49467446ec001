"""Before the engine: a staged docs folder and a plain-data config, the same for every engine.

The staged folder holds ``docs/`` as written (each page dated in its front
matter), the pages and files generated from ``data/``, and the commune's
colours; the config is ``mkdocs.yml`` with the commune's name and address and
only plain data in ``extra``. Files are rewritten only when their content
changes, so a preview server rebuilds only what changed.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import yaml

from macros.data.audit import load_audit
from macros.present.accessibilite import declaration
from macros.present.formatting import date_fr
from macros.render import render
from macros.site.dates import Updates
from macros.site.pages import generated_pages
from macros.site.theme import couleurs_css
from macros.site.timings import timed

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
    from macros.data.errors import DataError
    from macros.site.engines import Engine

CONFIG = "mkdocs.yml"
DOCS = "docs"
SOURCES = "sources.json"
"""In the staging folder: built page → the data file it comes from (for error messages)."""
BROCHURES = "brochures.json"
"""In the staging folder: the laid-out brochures (name, size, pages) for their page."""
_ERROR_PAGE = "---\nrender_macros: false\ntemplate: apercu-erreur.html\n---\n"


class ConfigError(ValueError):
    """``mkdocs.yml`` cannot be read."""


@dataclass
class Staged:
    """What the step before the engine wrote, and what the step after it needs."""

    folder: Path
    engine: Engine
    sources: dict[str, str] = field(default_factory=dict)
    """Built page (``activites/judo/index.html``) → the data file it comes from."""
    written: set[str] = field(default_factory=set)
    """Files of the staged docs folder (relative paths)."""
    changed: set[str] = field(default_factory=set)
    """Files rewritten by the last staging (relative paths)."""
    broken: bool = False

    @property
    def docs(self) -> Path:
        return self.folder / DOCS

    @property
    def config_file(self) -> Path:
        return self.folder / CONFIG


def project_config(root: Path) -> dict[str, Any]:
    """``mkdocs.yml`` of the project, as plain data."""
    path = root / CONFIG
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{CONFIG} illisible : {exc}") from None
    if not isinstance(config, dict):
        raise ConfigError(f"{CONFIG} : la configuration doit être un dictionnaire de clés.")
    return config


def stage(
    root: Path,
    staged: Staged,
    catalogue: Catalogue | None,
    site_dir: Path,
    *,
    errors: list[DataError] | None = None,
    preview: bool = False,
) -> Staged:
    """Write (or bring up to date) the staged folder for ``catalogue``.

    With ``errors`` (the preview while ``data/`` is wrong), every page of the
    navigation shows them instead and nothing is generated from data.
    """
    root = root.resolve()
    project = project_config(root)
    staged.changed = set()
    staged.broken = errors is not None
    wanted: dict[str, bytes] = {}
    with timed("etape"):
        docs = root / str(project.get("docs_dir", DOCS))
        updates = Updates(root)
        menu = _nav_sources(project.get("nav"))
        for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
            if not path.is_file():
                continue
            rel = path.relative_to(docs).as_posix()
            if path.name.startswith(".") or path.name.endswith(("~", ".swp")):
                continue  # an editor's temporary or backup file
            try:
                if rel.endswith(".md"):
                    if errors is not None:
                        wanted[rel] = _ERROR_PAGE.encode()
                    else:
                        text = path.read_text(encoding="utf-8")
                        dated = _dated(
                            text, _date_of(updates, root, path), home=rel == "index.md",
                            in_menu=menu is None or rel in menu,
                        )  # fmt: skip
                        wanted[rel] = dated.encode()
                else:
                    wanted[rel] = path.read_bytes()
            except FileNotFoundError:
                continue  # removed while being read (an editor saving): the next staging sees it
            except UnicodeDecodeError:
                raise ConfigError(
                    f"docs/{rel} : le fichier n'est pas en UTF-8.\n"
                    "  → enregistrez-le en UTF-8 (c'est le choix par défaut des éditeurs récents)."
                ) from None
            except yaml.YAMLError as exc:
                raise ConfigError(
                    f"docs/{rel} : l'en-tête de la page (entre les lignes ---) est illisible : "
                    f"{str(exc).splitlines()[0]}\n"
                    "  → écrivez une « clé: valeur » par ligne, et fermez l'en-tête par une "
                    "ligne --- seule."
                ) from None
        if catalogue is not None and errors is None:
            staged.sources = {}
            with timed("pages-generees"):
                for page in generated_pages(catalogue, staged.engine.link_base):
                    if page.path.endswith(".md"):
                        source = page.source or ""
                        dated = _dated(page.content, lambda s: updates.of(root / s) if s else "", html=True)
                        wanted[page.path] = dated.encode()
                        staged.sources[_built(page.path)] = source
                    else:
                        wanted[page.path] = page.content.encode()
        wanted["assets/couleurs.css"] = couleurs_css(project.get("extra") or {}).encode()
        _sync(staged, wanted)
        _write(staged.folder / SOURCES, json.dumps(staged.sources, ensure_ascii=False).encode())
        config = _config(project, root, staged, catalogue, site_dir, errors, preview)
        text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
        if _write(staged.config_file, text.encode()):
            staged.changed.add(CONFIG)
    return staged


def _date_of(updates: Updates, root: Path, path: Path) -> Callable[[str | None], str]:
    """The date of a docs page: of the file its front matter names (``source``), else its own."""

    def date_of(source: str | None) -> str:
        return updates.of(root / source if source else path)

    return date_of


def _built(source: str) -> str:
    """``activites/judo.md`` → ``activites/judo/index.html``."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return f"{stem}/index.html"


_FRONT_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader when it is there: the same reading, a quarter of the time (399 pages at 300
activities)."""
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


TOC_MIN = 4
"""Sections (``## ``) a page of ``docs/`` needs before it shows a table of contents."""
_SECTION = re.compile(r"^## ", re.M)


def _nav_sources(nav: Any) -> set[str] | None:
    """The pages of ``docs/`` the menu lists (``None``: no ``nav``, the menu lists them all)."""
    if nav is None:
        return None
    found: set[str] = set()

    def walk(entries: Any) -> None:
        for entry in entries if isinstance(entries, list) else []:
            for target in entry.values() if isinstance(entry, dict) else [entry]:
                if isinstance(target, list):
                    walk(target)
                elif isinstance(target, str):
                    found.add(target)

    walk(nav)
    return found


def _dated(
    text: str,
    date_of: Callable[[str | None], str],
    *,
    home: bool = False,
    html: bool = False,
    in_menu: bool = True,
) -> str:
    """The page with its date of last change (and flags) added to its front matter.

    A date the page gives itself (``mis_a_jour``) wins; the French text is
    written next to it, so templates print it without a filter of their own.
    A page whose front matter is not YAML is refused (see :func:`page_error`).
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    meta: dict[str, Any] = {}
    front, body = "", text
    match = _FRONT.match(text)
    if match:
        front = (match.group(1) or "").rstrip("\n")
        loaded = yaml.load(front, Loader=_FRONT_LOADER) if front.strip() else {}  # noqa: S506
        if not isinstance(loaded, dict):
            raise yaml.YAMLError("l'en-tête doit être une liste de « clé: valeur »")
        meta = loaded
        body = text[match.end() :]
    own = meta.get("mis_a_jour")
    source = meta.get("source")
    items = meta.get("sources")
    # Only a generated page's own dates count: they come from checked data.
    owns = [str(d) for d in meta.get("dates_propres") or []] if html else []
    if own:
        iso = str(own)
    elif isinstance(items, list) and (items or owns):  # a list page: its newest item
        iso = max([date_of(str(s)) for s in items] + owns)
    else:
        iso = date_of(str(source) if source else None)
    extra: dict[str, Any] = {"mis_a_jour": iso, "mis_a_jour_texte": _date_text(iso)}
    if own:
        del extra["mis_a_jour"]
    if home:
        extra["accueil"] = True
    if html:
        extra["corps_html"] = True
    elif "hide" not in meta and (home or not in_menu or len(_SECTION.findall(body)) < TOC_MIN):
        # A short page's right-hand « Table des matières » only repeats it; a page the menu
        # leaves to the footer has no menu entry to hold the table's toggle (Material).
        extra["hide"] = ["toc"]
    lines = [front] if front else []
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def _date_text(iso: str) -> str:
    from datetime import date

    try:
        return date_fr(date.fromisoformat(iso))
    except ValueError:
        return iso


def _write(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file holds it already; True if written."""
    try:
        if path.read_bytes() == content:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def _sync(staged: Staged, wanted: dict[str, bytes]) -> None:
    for rel, content in wanted.items():
        if _write(staged.docs / rel, content):
            staged.changed.add(rel)
    for rel in staged.written - wanted.keys():  # only files this staging wrote before
        (staged.docs / rel).unlink(missing_ok=True)
        staged.changed.add(rel)
    staged.written = set(wanted)


def _config(
    project: dict[str, Any],
    root: Path,
    staged: Staged,
    catalogue: Catalogue | None,
    site_dir: Path,
    errors: list[DataError] | None,
    preview: bool,
) -> dict[str, Any]:
    """The project's config for the staged folder: plain data only."""
    config = {key: value for key, value in project.items() if key not in ("hooks", "watch")}
    config["docs_dir"] = DOCS  # relative to the staged config, as every engine reads it
    config["site_dir"] = (
        site_dir.relative_to(staged.folder).as_posix()
        if site_dir.is_relative_to(staged.folder)
        else str(site_dir)
    )
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / str(theme["custom_dir"])).resolve())
    config["theme"] = theme
    config["plugins"] = _plugins(config.get("plugins"))
    extra = dict(config.get("extra") or {})
    extra["parcours"] = {
        "projet": str(root),
        "etape": str(staged.folder),
        "moteur": staged.engine.name,
        "apercu": preview,
        "plan": site_map(project.get("nav") or []),
    }
    if errors is not None:
        extra["apercu_erreur"] = str(
            render("erreur_apercu.html", erreurs=errors, nombre=len(errors))
        )
    if catalogue is not None:
        config["site_name"] = catalogue.commune.nom
        config["site_url"] = catalogue.commune.url
        extra["exemple"] = catalogue.exemple
        extra["commune"] = catalogue.commune.model_dump(mode="json")
        audit = load_audit(root)
        extra["accessibilite"] = {"statut": declaration(audit).statut} if audit else None
    config["extra"] = extra
    return staged.engine.adapt(config)


def _plugins(plugins: Any) -> list[Any]:
    """The macros plugin loads Parcours as an installed module (the staged folder has none)."""
    result: list[Any] = []
    for plugin in plugins or []:
        if isinstance(plugin, dict) and "macros" in plugin:
            options = dict(plugin["macros"] or {})
            module = options.pop("module_name", "macros")
            options["modules"] = [*options.get("modules", []), module]
            result.append({"macros": options})
        else:
            result.append(plugin)
    return result


def remove(staged: Staged) -> None:
    """Remove the staged folder (it is Parcours's own)."""
    shutil.rmtree(staged.folder, ignore_errors=True)


def site_map(nav: list[Any]) -> list[dict[str, Any]]:
    """The site map's sections from the config's ``nav`` (plain data, the same for every engine)."""
    items: list[dict[str, Any]] = []
    for entry in nav:
        if not isinstance(entry, dict):
            items.append({"title": _url(str(entry)), "url": _url(str(entry)), "children": []})
            continue
        for title, target in entry.items():
            if isinstance(target, list):
                items.append({"title": title, "url": None, "children": site_map(target)})
            else:
                items.append({"title": title, "url": _url(str(target)), "children": []})
    return items


def _url(source: str) -> str:
    """``inclusion.md`` → ``inclusion/``, ``pedt/index.md`` → ``pedt/``, ``index.md`` → ``""``."""
    if "://" in source:
        return source
    return _built(source).removesuffix("index.html")


def write_brochures(folder: Path, brochures: list[Any] | None, error: str | None = None) -> None:
    """Tell the brochures' page what was laid out (or why nothing was), atomically."""
    if error is not None:
        data: dict[str, Any] = {"erreur": error}
    else:
        data = {
            "brochures": [
                {"filename": b.filename, "titre": b.titre, "size": b.size, "pages": b.pages,
                 "serie": b.serie}
                for b in brochures or []
            ]
        }
    partial = folder / f".{BROCHURES}.tmp"
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    partial.replace(folder / BROCHURES)


def wait_for_brochures(listing: Path, *, wait: bool) -> list[SimpleNamespace] | None:
    """The laid-out brochures; ``None`` in the preview while they are being laid out."""
    while not listing.exists():
        if not wait:
            return None
        time.sleep(0.05)
    data = json.loads(listing.read_text(encoding="utf-8"))
    if "erreur" in data:
        raise RuntimeError(str(data["erreur"]))
    return [SimpleNamespace(**b) for b in data["brochures"]]
