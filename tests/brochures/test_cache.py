"""The PDF cache: an unchanged brochure is reused; a changed activity re-lays only its brochures."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING

from conftest import sample_catalogue
from macros.brochures import build_brochure, build_brochures, content
from macros.brochures.cache import Cache
from macros.data.selection import Criteria, matches

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

    from macros.data.catalogue import Catalogue

TODAY = date(2026, 3, 2)


def _listing(c: Catalogue, slug: str) -> set[str]:
    """The brochures that print ``slug``: guides selecting it, the leaflet if it welcomes."""
    act = c.activites[slug]
    found = {b.id for b in c.brochures if b.type == "guide-activites"
             and matches(act, Criteria.from_selection(b.selection))}  # fmt: skip
    if act.accessibilite.accueil_handicap:
        found |= {b.id for b in c.brochures if b.type == "plaquette-inclusion"}
    return found


def test_a_second_round_reuses_every_pdf_byte_for_byte(tmp_path: Path) -> None:
    c = sample_catalogue()
    first = build_brochures(c, today=TODAY, cache_dir=tmp_path)
    assert not any(b.reused for b in first)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == len(c.brochures)
    second = build_brochures(c, today=TODAY, cache_dir=tmp_path)
    assert all(b.reused for b in second)
    assert [b.pdf for b in second] == [b.pdf for b in first]
    assert [b.pages for b in second] == [b.pages for b in first]
    assert sorted(p.name for p in tmp_path.iterdir()) == files


def test_a_changed_activity_lays_out_again_only_the_brochures_that_print_it(
    tmp_path: Path,
) -> None:
    c = sample_catalogue()
    before = {b.id: b for b in build_brochures(c, today=TODAY, cache_dir=tmp_path)}
    judo = c.activites["judo-eveil-initiation"]
    changed = judo.model_copy(update={"titre": "Judo du samedi"})
    edited = dataclasses.replace(c, activites={**c.activites, "judo-eveil-initiation": changed})
    listing = _listing(c, "judo-eveil-initiation")
    assert "pedt-en-bref" not in listing and len(listing) < len(c.brochures)
    after = {b.id: b for b in build_brochures(edited, today=TODAY, cache_dir=tmp_path)}
    assert {i for i, b in after.items() if not b.reused} == listing
    for ident in set(before) - listing:
        assert after[ident].pdf == before[ident].pdf
    # the layouts of the old judo are dropped: one file per brochure in use
    assert len(list(tmp_path.iterdir())) == len(c.brochures)


def test_a_new_day_that_changes_a_status_lays_out_again(tmp_path: Path) -> None:
    c = sample_catalogue()
    act = next(a for a in c.activites.values() if a.inscription.date_limite)
    assert act.inscription.date_limite is not None
    deadline = act.inscription.date_limite
    before = build_brochures(c, today=deadline, cache_dir=tmp_path)
    after = build_brochures(c, today=date.fromordinal(deadline.toordinal() + 1), cache_dir=tmp_path)
    changed = {b.id for b in after if not b.reused}
    assert "guide-activites-2026-2027" in changed  # « ouvertes jusqu'au » → « closes »
    assert {b.id for b in before} == {b.id for b in after}


def test_the_cache_removes_only_its_own_files(tmp_path: Path) -> None:
    mine = tmp_path / ("0" * 64 + "-3.pdf")
    mine.write_bytes(b"%PDF")
    kept = [tmp_path / "notes.pdf", tmp_path / ("a" * 63 + "-1.pdf"), tmp_path / "README"]
    for path in kept:
        path.write_text("à garder", encoding="utf-8")
    Cache(tmp_path).prune()
    assert not mine.exists()
    assert all(path.exists() for path in kept)


def test_a_deleted_or_unwritable_cache_only_costs_a_layout(tmp_path: Path) -> None:
    c = sample_catalogue()
    blocked = tmp_path / "fichier"
    blocked.write_text("pas un dossier", encoding="utf-8")
    built = build_brochures(c, today=TODAY, cache_dir=blocked / "brochures")
    assert len(built) == len(c.brochures) and not any(b.reused for b in built)


def test_brochures_laid_out_each_in_its_own_process_are_the_same_pdfs() -> None:
    """The brochures' child lays each PDF out in a forked process of its own (memory given
    back after each one): the PDFs are those of an in-process layout. (Forking is only safe
    in that child, which never runs Typst itself: not in this test process.)"""
    from macros.brochures import BrochuresInBackground

    c = sample_catalogue()
    apart = BrochuresInBackground(c).result()
    here = build_brochures(c)
    assert [(b.id, b.pages, b.size) for b in apart] == [(b.id, b.pages, b.size) for b in here]


def test_qr_codes_are_drawn_only_for_a_brochure_laid_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = sample_catalogue()
    build_brochures(c, today=TODAY, cache_dir=tmp_path)
    drawn: list[str] = []
    real = content.qr_pixels.__wrapped__

    def counting(address: str) -> dict[str, object]:
        drawn.append(address)
        return real(address)

    monkeypatch.setattr(content, "qr_pixels", counting)
    assert all(b.reused for b in build_brochures(c, today=TODAY, cache_dir=tmp_path))
    assert drawn == []
    (guide,) = [b for b in c.brochures if b.id == "guide-activites-2026-2027"]
    (rebuilt,) = build_brochure(c, guide, today=TODAY, cache=Cache(tmp_path / "vide"))
    assert not rebuilt.reused
    assert f"{c.commune.url.rstrip('/')}/activites/judo-eveil-initiation/" in drawn


def test_the_way_qr_codes_are_drawn_is_part_of_the_cache_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = sample_catalogue()
    build_brochures(c, today=TODAY, cache_dir=tmp_path)
    monkeypatch.setattr(content, "QR_FORMAT", content.QR_FORMAT + ", autre dessin")
    assert not any(b.reused for b in build_brochures(c, today=TODAY, cache_dir=tmp_path))
