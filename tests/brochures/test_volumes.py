"""A guide too long for one PDF is published as volumes: one per age band, cut where a band is long.

The sample's guide holds 92 entries (44 activities, each under every band it welcomes), so
these tests lower :data:`~macros.brochures.content.TOME_MAX` to make it « too long ».
"""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest
from pypdf import PdfReader

from conftest import sample_catalogue
from macros.brochures import BrochureError, build_brochure, build_brochures, content
from macros.brochures.content import bands, documents
from macros.render import render
from macros.site.docs_macros import _series

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
    from macros.data.models import Brochure

TODAY = date(2026, 3, 2)
C: Catalogue = sample_catalogue()
(GUIDE,) = [b for b in C.brochures if b.id == "guide-activites-2026-2027"]


def _entries(data: dict[str, Any]) -> list[str]:
    """The activities a volume prints, by title (plain spaces), in order (repeats included)."""
    return [_plain(a["titre"]) for p in data["parties"] for g in p["groupes"]
            for a in g["activites"]]  # fmt: skip


def _plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _whole(b: Brochure = GUIDE) -> dict[str, Any]:
    (one,) = documents(C, b, TODAY)
    return one.data


def test_a_guide_that_fits_stays_one_pdf_named_after_its_id() -> None:
    (one,) = documents(C, GUIDE, TODAY)
    assert (one.id, one.titre, one.serie) == (GUIDE.id, GUIDE.titre, None)
    assert one.data["volume"] is None
    assert len(_entries(one.data)) <= content.TOME_MAX


def test_a_long_guide_has_one_volume_per_age_band_each_a_whole_band(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    whole = _whole()
    monkeypatch.setattr(content, "TOME_MAX", 30)  # every band fits in 30 entries
    volumes = documents(C, GUIDE, TODAY)
    by_band = {p["titre"]: _entries({"parties": [p]}) for p in whole["parties"]}
    assert [v.data["parties"][0]["titre"] for v in volumes] == list(by_band)
    for volume, (band, titles) in zip(volumes, by_band.items(), strict=True):
        assert _entries(volume.data) == titles  # the whole band, in the same order
        assert volume.serie == GUIDE.titre
        assert volume.titre == f"{GUIDE.titre} – {band[:1].lower()}{band[1:]}"
        assert _plain(volume.data["titre"]) == volume.titre
        assert volume.data["volume"]["nombre"] == len(volumes)
        intro = _plain(volume.data["intro"])
        assert intro.startswith(f"Ce volume : {len(set(titles))} activit")
        assert f"en compte {whole['nombre']}, en {len(volumes)} volumes" in intro
    ids = [v.id for v in volumes]
    assert ids[:3] == [f"{GUIDE.id}-0-2-ans", f"{GUIDE.id}-3-5-ans", f"{GUIDE.id}-6-11-ans"]
    assert ids[-1] == f"{GUIDE.id}-parents"
    assert len(set(ids)) == len(ids)


def test_judo_is_in_every_volume_of_an_age_it_welcomes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content, "TOME_MAX", 30)
    judo = C.activites["judo-eveil-initiation"]
    welcomed = {label for _, label, members in bands(C.select(GUIDE.selection))
                if any(a is judo for _, a in members)}  # fmt: skip
    assert {"3 à 5 ans", "6 à 11 ans"} <= welcomed
    for volume in documents(C, GUIDE, TODAY):
        band = _plain(volume.data["volume"]["titre"])
        assert (judo.titre in _entries(volume.data)) == (band in welcomed), band


def test_a_band_too_long_is_cut_in_equal_runs_a_category_carried_over_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    whole = _whole()
    monkeypatch.setattr(content, "TOME_MAX", 10)
    six_eleven = next(p for p in whole["parties"] if p["titre"] == "6 à 11 ans")
    expected = _entries({"parties": [six_eleven]})
    parts = [v for v in documents(C, GUIDE, TODAY) if v.id.startswith(f"{GUIDE.id}-6-11-ans")]
    count = -(-len(expected) // 10)
    assert [v.id for v in parts] == [f"{GUIDE.id}-6-11-ans-{i}" for i in range(1, count + 1)]
    assert [_plain(v.data["volume"]["titre"]) for v in parts] == [
        f"6 à 11 ans ({i} sur {count})" for i in range(1, count + 1)
    ]
    cut = [_entries(v.data) for v in parts]
    assert [t for run in cut for t in run] == expected  # nothing lost, nothing twice, in order
    assert max(map(len, cut)) - min(map(len, cut)) <= 1  # equal runs
    for before, after in itertools.pairwise(parts):
        last = before.data["parties"][0]["groupes"][-1]["titre"]
        first = after.data["parties"][0]["groupes"][0]["titre"]
        if first.removesuffix(" (suite)") == last.removesuffix(" (suite)"):
            assert first.endswith(" (suite)")
        else:
            assert not first.endswith(" (suite)")


def test_each_volume_has_its_own_contacts_index_and_anchors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(content, "TOME_MAX", 30)
    for volume in documents(C, GUIDE, TODAY):
        entries = [a for p in volume.data["parties"] for g in p["groupes"] for a in g["activites"]]
        anchors = {a["id"] for a in entries if a["id"]}
        assert len(anchors) == len({a["titre"] for a in entries})  # each activity once
        indexed = {x["id"] for q in volume.data["quartiers"] for x in q["activites"]}
        assert indexed == anchors  # the index sends to this volume's own entries
        phones = {a["contact"]["telephone"] for a in entries}
        assert phones <= {r["telephone"] for r in volume.data["contacts"]}


def test_volumes_are_laid_out_as_pdfs_saying_which_volume_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(content, "TOME_MAX", 30)
    built = build_brochure(C, GUIDE, today=TODAY)
    assert [b.filename for b in built] == [f"{v.id}.pdf" for v in documents(C, GUIDE, TODAY)]
    parents = built[-1]
    path = tmp_path / parents.filename
    path.write_bytes(parents.pdf)
    reader = PdfReader(path)
    assert reader.metadata is not None
    assert reader.metadata.title == f"{GUIDE.titre} – pour les parents – {C.commune.nom}"
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    assert "Ce volume" in " ".join(text.split()).replace("\xa0", " ")
    assert len(reader.pages) == parents.pages


def test_two_pdfs_with_the_same_name_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content, "TOME_MAX", 30)
    clash = GUIDE.model_copy(update={"id": "guide", "titre": "Autre guide"})
    extra = clash.model_copy(update={"id": "guide-parents", "type": "pedt-en-bref"})
    c = dataclasses.replace(C, brochures=[clash, extra])
    with pytest.raises(BrochureError, match=r"« guide-parents\.pdf »"):
        build_brochures(c, today=TODAY)


def test_the_brochures_page_lists_a_guides_volumes_together_under_its_title() -> None:
    def pdf(ident: str, titre: str, serie: str | None = None) -> SimpleNamespace:
        return SimpleNamespace(
            filename=f"{ident}.pdf", titre=titre, size=1000, pages=3, serie=serie
        )

    built = [
        pdf("guide-0-2-ans", "Guide – 0 à 2 ans", "Guide"),
        pdf("guide-3-5-ans", "Guide – 3 à 5 ans", "Guide"),
        pdf("pedt", "Le PEDT en bref"),
    ]
    html = str(render("brochures.html", brochures=_series(built), en_cours=False,
                      erreur=None, c=C, base="../"))  # fmt: skip
    assert html.count("<li>") == 4  # the guide's item, its two volumes, the PEDT
    assert "Guide, en 2\xa0volumes\xa0:" in html or "Guide, en 2&nbsp;volumes&nbsp;:" in html
    assert html.index("guide-0-2-ans.pdf") < html.index("guide-3-5-ans.pdf") < html.index("</ul>")
    assert html.index("</ul>") < html.index("pedt.pdf")
