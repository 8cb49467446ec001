"""The preview's search index is written after the page reloads, never while MkDocs empties it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from macros.site import pagefind
from macros.site.finish import finish

ROOT = Path(__file__).resolve().parents[2]


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="fr"><head><title>Accueil</title></head>'
        "<body><main>Bonjour</main></body></html>",
        encoding="utf-8",
    )
    return site


def test_the_preview_finishes_without_waiting_for_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, started, indexed = threading.Event(), threading.Event(), []

    def slow_index(site: Path) -> None:
        started.set()
        release.wait(10)
        indexed.append(site)

    monkeypatch.setattr(pagefind, "build_index", slow_index)
    site = _site(tmp_path)
    finish(site, tmp_path, [ROOT / "overrides"], preview=True)
    assert started.wait(5), "the index is started by the preview's finish"
    assert indexed == []  # finish returned while the index was still being built
    waiter = threading.Thread(target=pagefind.wait_for_index)
    waiter.start()
    waiter.join(0.3)
    assert waiter.is_alive(), "the next rebuild waits for the index"
    release.set()
    waiter.join(5)
    assert not waiter.is_alive()
    assert indexed == [site]


def test_the_build_waits_for_its_index_and_fails_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(site: Path) -> None:
        raise pagefind.SearchIndexError("Pagefind a échoué :\nboom")

    monkeypatch.setattr("macros.site.finish.build_index", broken)
    with pytest.raises(RuntimeError, match="Pagefind a échoué"):
        finish(_site(tmp_path), tmp_path, [ROOT / "overrides"])


def test_a_failed_preview_index_is_reported_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(site: Path) -> None:
        raise pagefind.SearchIndexError("Pagefind a échoué :\nboom")

    monkeypatch.setattr(pagefind, "build_index", broken)
    pagefind.index_soon(_site(tmp_path))
    pagefind.wait_for_index()
    assert "Recherche de l'aperçu non mise à jour : Pagefind a échoué" in capsys.readouterr().err


def test_the_preview_index_is_real(tmp_path: Path) -> None:
    site = _site(tmp_path)
    pagefind.index_soon(site)
    pagefind.wait_for_index()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
