"""The PDF brochures (Typst) of the sample site: content, selections, QR codes, tags, fonts."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pypdfium2
import pytest
import yaml
import zxingcpp
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from conftest import FIXTURES, sample_catalogue
from macros.brochures import build_brochures
from macros.brochures.content import age_range
from macros.data.catalogue import AGE_BANDS
from macros.data.loader import load_catalogue
from macros.export import page_url
from macros.present.formatting import taille_fr

if TYPE_CHECKING:
    from macros.data.catalogue import Catalogue
    from macros.data.models import Brochure

CATALOGUE: Catalogue = sample_catalogue()
BROCHURES = {b.id: b for b in CATALOGUE.brochures}


def _pdf(site: Path, ident: str) -> PdfReader:
    return PdfReader(site / "brochures" / f"{ident}.pdf")


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _flat(text: str) -> str:
    """Text without spaces (no-break ones included) or soft hyphens (Typst hyphenates)."""
    return re.sub(r"\s+", "", text.replace("’", "'").replace("\xad", ""))


def _plain(text: str | None) -> str:
    """No-break spaces (French typography in the PDF) as plain spaces."""
    return (text or "").replace("\xa0", " ").replace("\u202f", " ")


def _destinations(reader: PdfReader) -> set[str]:
    return {name.lstrip("/") for name in reader.named_destinations}


_QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCodeModel2)


def _qr_urls(path: Path) -> set[str]:
    found: set[str] = set()
    document = pypdfium2.PdfDocument(path)
    for index in range(len(document)):
        image = document[index].render(scale=3).to_pil()
        # Only (model 2) QR codes, the brochures' kind: at this scale a module is 5 or 6
        # pixels, and a corner of a code can read as a (false) Micro QR code.
        codes = zxingcpp.read_barcodes(image, formats=_QR_ONLY)
        found |= {result.text for result in codes}
    document.close()
    return found


def test_the_sample_defines_every_kind_of_brochure() -> None:
    kinds = {b.type for b in CATALOGUE.brochures}
    assert kinds == {"guide-activites", "plaquette-inclusion", "pedt-en-bref"}
    assert any(b.selection.temps or b.selection.quartiers for b in CATALOGUE.brochures)
    raw = yaml.safe_load((Path(__file__).parents[2] / "data" / "brochures.yml").read_text("utf-8"))
    assert any(b.get("pour_chaque") == "quartier" for b in raw["brochures"])


@pytest.mark.parametrize("ident", sorted(BROCHURES))
def test_each_brochure_is_a_tagged_french_pdf_with_title_and_embedded_fonts(
    sample_site: Path, ident: str
) -> None:
    reader = _pdf(sample_site, ident)
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "fr"
    assert reader.metadata is not None
    assert _plain(reader.metadata.title) == f"{BROCHURES[ident].titre} – {CATALOGUE.commune.nom}"
    assert reader.metadata.author == CATALOGUE.commune.nom
    assert reader.outline, "signets manquants"
    fonts = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in (resources.get("/Font") or {}).values():
            font: Any = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts, "aucune police dans le PDF"
    assert fonts <= {
        "AtkinsonHyperlegible-Regular",
        "AtkinsonHyperlegible-Bold",
        "AtkinsonHyperlegible-Italic",
        "AtkinsonHyperlegible-BoldItalic",
    }


GUIDES = sorted(i for i, b in BROCHURES.items() if b.type == "guide-activites")


@pytest.mark.parametrize("ident", GUIDES)
def test_a_guide_holds_exactly_its_selection_with_titles_and_contacts(
    sample_site: Path, ident: str
) -> None:
    brochure: Brochure = BROCHURES[ident]
    selected = dict(CATALOGUE.select(brochure.selection))
    reader = _pdf(sample_site, ident)
    assert {d for d in _destinations(reader) if d.startswith("act-")} == {
        f"act-{s}" for s in selected
    }
    text = _flat(_text(reader))
    for act in selected.values():
        assert _flat(act.titre) in text, act.titre
        ref = CATALOGUE.referents[act.contact]
        assert _flat(ref.role) in text and _flat(ref.telephone) in text
    for quartier in {CATALOGUE.nom_quartier(a.lieu.quartier) for a in selected.values()}:
        assert _flat(quartier) in text


@pytest.mark.parametrize(
    "ident", [i for i in GUIDES if BROCHURES[i].selection.temps or BROCHURES[i].selection.quartiers]
)
def test_each_qr_code_encodes_the_absolute_url_of_its_page(sample_site: Path, ident: str) -> None:
    selected = dict(CATALOGUE.select(BROCHURES[ident].selection))
    expected = {page_url(CATALOGUE, f"activites/{slug}/") for slug in selected}
    expected.add(page_url(CATALOGUE, "activites/"))
    assert _qr_urls(sample_site / "brochures" / f"{ident}.pdf") == expected


def test_the_inclusion_leaflet_has_the_missions_the_referents_and_the_activities(
    sample_site: Path,
) -> None:
    (ident,) = [i for i, b in BROCHURES.items() if b.type == "plaquette-inclusion"]
    assert BROCHURES[ident].format == "A5"
    assert len(_pdf(sample_site, ident).pages) <= 4  # one A4 sheet, folded
    text = _flat(_text(_pdf(sample_site, ident)))
    for mission in CATALOGUE.referents["referent-inclusion"].missions:
        assert _flat(mission) in text
    for act in CATALOGUE.activites.values():
        assert (_flat(act.titre) in text) == act.accessibilite.accueil_handicap, act.titre
    for ref in CATALOGUE.referents.values():
        if "handicap" in ref.role.lower():
            assert _flat(ref.role) in text and _flat(ref.telephone) in text


def test_the_pedt_summary_is_two_pages_a_parent_reads_not_the_list_of_objectives(
    sample_site: Path,
) -> None:
    (ident,) = [i for i, b in BROCHURES.items() if b.type == "pedt-en-bref"]
    reader = _pdf(sample_site, ident)
    assert len(reader.pages) == 2
    text = _flat(_text(reader))
    for axe in CATALOGUE.pedt.axes:
        assert _flat(axe.titre) in text
        assert axe.en_bref and _flat(axe.en_bref) in text
    operational = [t for a in CATALOGUE.pedt.axes for o in a.objectifs for v in o.volets
                   for t in v.operationnels]  # fmt: skip
    assert not [t for t in operational if _flat(t) in text], "la liste des objectifs du PEDT"
    assert _qr_urls(sample_site / "brochures" / f"{ident}.pdf") == {
        page_url(CATALOGUE, "pedt/"),
        page_url(CATALOGUE, "activites/"),
    }
    assert _flat("Qui contacter ?") in text


def test_the_brochures_page_shows_the_real_size_and_page_count(sample_site: Path) -> None:
    html = (sample_site / "brochures" / "index.html").read_text(encoding="utf-8")
    for ident in BROCHURES:
        path = sample_site / "brochures" / f"{ident}.pdf"
        pages = len(PdfReader(path).pages)
        label = f"PDF, {taille_fr(path.stat().st_size)}, {pages} page" + ("s" if pages > 1 else "")
        assert re.search(
            rf'href="\.\./brochures/{ident}\.pdf" download>[^<]+</a>\s*'
            rf'<span class="pc-meta">{label}</span>',
            html,
        )


def test_a_new_selection_needs_only_yaml(tmp_path: Path) -> None:
    data = tmp_path / "data"
    import shutil

    shutil.copytree(FIXTURES / "mini" / "data", data)
    (data / "brochures.yml").write_text(
        yaml.safe_dump(
            {"brochures": [{"id": "samedis", "titre": "Le samedi", "type": "guide-activites",
                            "format": "A5", "selection": {"temps": ["week-end"]}}]},
            allow_unicode=True,
        ),
        encoding="utf-8",
    )  # fmt: skip
    catalogue = load_catalogue(tmp_path)
    (built,) = build_brochures(catalogue)
    reader = PdfReader(__import__("io").BytesIO(built.pdf))
    assert {d for d in _destinations(reader) if d.startswith("act-")} == {"act-eveil-musical"}
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (148, 210)


@pytest.mark.slow  # starts the layout process
def test_a_failure_while_laying_out_brochures_fails_the_build_with_its_cause() -> None:
    from macros.brochures import BrochuresInBackground

    pending = BrochuresInBackground(None)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match=r"(?s)a échoué :\n.*AttributeError"):
        pending.result()


def test_a_brochure_process_that_dies_is_reported_instead_of_waited_for() -> None:
    from macros.brochures import BrochuresInBackground

    pending = BrochuresInBackground(CATALOGUE)
    pending.cancel()  # as the out-of-memory killer would
    with pytest.raises(RuntimeError, match="sans résultat"):
        pending.result()


# --- RGAA 13.3: the structure tree, link descriptions and page furniture ----------------------


def _struct_kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, list) else [kids]


def _walk_struct(element: Any, seen: set[int]) -> Iterator[Any]:
    """Every structure element under ``element``, in reading order (depth first)."""
    for kid in _struct_kids(element):
        if not isinstance(kid, IndirectObject):
            continue  # an MCID: page content, not an element
        obj: Any = kid.get_object()
        if obj.get("/Type") in ("/OBJR", "/MCR") or "/S" not in obj:
            continue
        seen.add(kid.idnum)
        yield obj
        yield from _walk_struct(obj, seen)


def _marks_content(element: Any) -> bool:
    for kid in _struct_kids(element):
        if not isinstance(kid, IndirectObject):
            return True  # an MCID
        if _marks_content(kid.get_object()):
            return True
    return False


@pytest.mark.parametrize("ident", sorted(BROCHURES))
def test_headings_start_at_h1_never_skip_a_level_and_are_never_empty(
    sample_site: Path, ident: str
) -> None:
    trailer: Any = _pdf(sample_site, ident).trailer
    root = trailer["/Root"]["/StructTreeRoot"]
    headings = [e for e in _walk_struct(root, set()) if re.fullmatch(r"/H[1-6]", str(e["/S"]))]
    levels = [int(str(h["/S"])[2]) for h in headings]
    assert levels and levels[0] == 1
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not jumps, (
        f"{len(jumps)} sauts de niveau de titre, par exemple H{jumps[0][0]}→H{jumps[0][1]}"
    )
    assert all(_marks_content(h) for h in headings), "titre vide"


@pytest.mark.parametrize("ident", sorted(BROCHURES))
def test_every_link_is_described_by_the_words_a_reader_sees(sample_site: Path, ident: str) -> None:
    """A link inside the brochure says where it goes in words (« Aller à l’activité Judo,
    page 4 », « « Sport » page 6 »); a link to the site is its printed address, so what a
    screen reader says for it (Typst: the address) is what a sighted reader sees."""
    reader = _pdf(sample_site, ident)
    text = _flat(_text(reader))
    internal, external = [], []
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annotation: Any = ref.get_object()
            if annotation["/Subtype"] != "/Link":
                continue
            contents = str(annotation.get("/Contents", ""))
            if "/A" in annotation:
                uri = str(annotation["/A"]["/URI"])
                assert contents == uri
                assert _flat(uri.split("://", 1)[1].rstrip("/")) in text, uri
                external.append(uri)
            else:
                assert re.fullmatch(
                    r"(Aller à (la section|l’activité) \S.*|\s*«\s\S.*\s») page \d+", contents
                ) or re.fullmatch(r"Aller à (la section|l’activité) \S.*, page \d+", contents), (
                    contents
                )
                internal.append(contents)
    assert external, "aucun lien vers le site"
    if BROCHURES[ident].type == "guide-activites":
        assert any(c.startswith("Aller à l’activité ") for c in internal)


MM = 72 / 25.4
MARGIN_TOP, MARGIN_BOTTOM = 18 * MM, 20 * MM  # brochure.css, @page margin


def _text_runs(path: Path) -> Iterator[tuple[int, str, list[str], int, bool]]:
    """Each text object of each page: page index, text, marked-content tags, MCID (-1: none)
    and whether it lies in the top or bottom page margin (running header, page number)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    def utf16(buffer: Any, size: int) -> str:
        return bytes(buffer.raw[:size]).decode("utf-16-le").rstrip("\0")

    def mark_name(mark: Any) -> str:
        length = ctypes.c_ulong()
        pdfium_c.FPDFPageObjMark_GetName(mark, None, 0, ctypes.byref(length))
        buffer = ctypes.create_string_buffer(length.value)
        pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        pdfium_c.FPDFPageObjMark_GetName(mark, pointer, length.value, ctypes.byref(length))
        return utf16(buffer, length.value)

    document = pypdfium2.PdfDocument(path)
    for index in range(len(document)):
        page = document[index]
        height = page.get_height()
        textpage = page.get_textpage()
        for obj in page.get_objects(max_depth=8):
            if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pointer = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
            pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, pointer, size)
            text = utf16(buffer, size)
            marks = [
                mark_name(pdfium_c.FPDFPageObj_GetMark(obj.raw, k))
                for k in range(pdfium_c.FPDFPageObj_CountMarks(obj.raw))
            ]
            _, bottom, _, top = obj.get_bounds()
            in_margin = bottom >= height - MARGIN_TOP or top <= MARGIN_BOTTOM
            yield index, text, marks, pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw), in_margin
    document.close()


@pytest.mark.parametrize("ident", sorted(BROCHURES))
def test_running_headers_and_page_numbers_are_artifacts_and_everything_else_is_tagged(
    sample_site: Path, ident: str
) -> None:
    path = sample_site / "brochures" / f"{ident}.pdf"
    reader = PdfReader(path)
    pages = len(reader.pages)
    furniture: dict[int, list[str]] = {}
    tagged: set[str] = set()
    decoration: list[tuple[int, str]] = []
    for index, text, marks, mcid, in_margin in _text_runs(path):
        if in_margin:
            assert marks == ["Artifact"] and mcid == -1, (index, text, marks)
            furniture.setdefault(index, []).append(text.strip())
        elif "Artifact" in marks:
            decoration.append((index, text.strip()))
        elif text.strip():
            assert mcid >= 0, (index, text, marks)
            tagged.add(text.strip())
    # Artifacts in the page body are decoration only: the dots of the table of contents, the
    # separator of a term and its description, the axis number in its disc (the heading says
    # « Axe 1 »), a table's header repeated on the next page (tagged where it first appears).
    for index, text in decoration:
        assert re.fullmatch(r"[\s.:\d]*", text) or text in tagged, (index, text)
    for index in range(1, pages):
        assert f"Page {index + 1} sur {pages}" in furniture[index]
        assert _flat(BROCHURES[ident].titre) in _flat(" ".join(furniture[index]))
    assert 0 not in furniture  # the cover has none
    # No content is mapped to an element outside the tree (WeasyPrint's NonStruct furniture).
    trailer: Any = reader.trailer
    root = trailer["/Root"]["/StructTreeRoot"]
    reachable: set[int] = set()
    list(_walk_struct(root, reachable))
    nums = root["/ParentTree"]["/Nums"]
    mapped = set()
    for value in list(nums)[1::2]:
        target = value.get_object()  # a page's array of elements, or one annotation's element
        for ref in target if isinstance(target, list) else [value]:
            mapped.add(ref.idnum)
    assert mapped <= reachable, f"{len(mapped - reachable)} éléments hors de l'arbre de structure"


def test_the_pdfua_machine_check_finds_nothing_in_any_brochure(sample_site: Path) -> None:
    """PyPI ``pdfua`` on every PDF: no finding, and no rule skipped but UA-14-001.

    pdfua 0.1.3's empty-heading rule (UA-14-001) crashes on every heading whose
    ``/K`` is an array (WeasyPrint's always are): it calls ``getattr(value,
    "is_integer", False)`` and pikepdf 10 raises ``ValueError``, not
    ``AttributeError``, for an unknown attribute of an array. That rule is the
    one that was skipped before; it never checked heading levels, which pdfua
    does not check at all. Non-empty headings and their levels are checked by
    ``test_headings_start_at_h1_never_skip_a_level_and_are_never_empty``.
    """
    from pdfua import validate

    for ident in BROCHURES:
        report = validate(str(sample_site / "brochures" / f"{ident}.pdf"))
        assert not report.findings, [(f.rule_id, f.message) for f in report.findings]
        skipped = {o.rule_id: o.skipped_reason for o in report.skipped}
        assert set(skipped) <= {"UA-14-001"}, skipped
        assert all("is_integer" in str(reason) for reason in skipped.values()), skipped


# --- how a parent finds an activity: by the age of their child --------------------------------


def _outline(reader: PdfReader) -> list[tuple[str, list[Any]]]:
    """Top-level bookmarks with their children (pypdf gives a flat list, children after)."""
    tree: list[tuple[str, list[Any]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            tree[-1] = (tree[-1][0], item)
        else:
            tree.append((_plain(item.title), []))
    return tree


def _titles(children: list[Any]) -> set[str]:
    found: set[str] = set()
    for item in children:
        if isinstance(item, list):
            found |= _titles(item)
        else:
            found.add(_plain(item.title))
    return found


def test_the_guide_files_each_activity_under_every_age_band_it_welcomes(sample_site: Path) -> None:
    (ident,) = [i for i, b in BROCHURES.items() if b.type == "guide-activites"
                and not b.selection.model_dump(exclude_defaults=True)]  # fmt: skip
    tree = dict(_outline(_pdf(sample_site, ident)))
    for _, label, first, last in AGE_BANDS:
        expected = {
            a.titre for a in CATALOGUE.activites.values()
            if (a.public.age_min is not None or a.public.age_max is not None)
            and (a.public.age_min or 0) <= last and first <= (a.public.age_max or 99)
        }  # fmt: skip
        assert _titles(tree.get(label.capitalize(), [])) - set(CATALOGUE.categories.values()) == (
            expected
        ), label
    judo = next(a.titre for a in CATALOGUE.activites.values() if a.titre.startswith("Judo"))
    assert (age_range(CATALOGUE.activites["judo-eveil-initiation"])) == (4, 11)
    for age in (4, 6, 9, 11):  # wherever the parent of a child of that age looks
        band = next(label for _, label, low, high in AGE_BANDS if low <= age <= high)
        assert judo in _titles(tree[band.capitalize()]), (age, band)
    assert judo not in _titles(tree["12 à 15 ans"])
    parents = {a.titre for a in CATALOGUE.activites.values() if a.public.parents}
    assert _titles(tree["Pour les parents"]) - set(CATALOGUE.categories.values()) == parents


@pytest.mark.parametrize(
    "ident",
    [
        i
        for i in GUIDES
        if BROCHURES[i].selection.age is not None
        or len(CATALOGUE.select(BROCHURES[i].selection)) <= 12
    ],
)
def test_a_guide_for_one_age_or_a_few_activities_is_filed_by_category(
    sample_site: Path, ident: str
) -> None:
    tree = _outline(_pdf(sample_site, ident))
    bands = {label.capitalize() for _, label, _first, _last in AGE_BANDS}
    assert not {title for title, _ in tree} & (bands | {"Pour les parents"})
    assert {title for title, _ in tree} <= set(CATALOGUE.categories.values()) | {
        "Qui contacter ?",
        "Index par quartier",
    }
    reader = _pdf(sample_site, ident)
    count = len(CATALOGUE.select(BROCHURES[ident].selection))
    # the cover, then at least two entries a page on average, then the contacts (a full A5
    # page since each activity names its service desk) and the index
    assert len(reader.pages) <= 3 + -(-count // 2), f"{len(reader.pages)} pages, {count} fiches"


def test_every_quartier_with_activities_has_its_brochure_by_one_rule(sample_site: Path) -> None:
    raw = yaml.safe_load((Path(__file__).parents[2] / "data" / "brochures.yml").read_text("utf-8"))
    (rule,) = [b for b in raw["brochures"] if b.get("pour_chaque") == "quartier"]
    page = (sample_site / "brochures" / "index.html").read_text(encoding="utf-8")
    for quartier in CATALOGUE.commune.quartiers:
        here = {
            s
            for s, a in CATALOGUE.activites.items()
            if a.lieu.quartier in {quartier.id, "toute-la-ville"}
        }
        path = sample_site / "brochures" / f"{rule['id']}-{quartier.id}.pdf"
        assert path.exists() == bool(here), quartier.id
        if here:
            reader = PdfReader(path)
            assert {d for d in _destinations(reader) if d.startswith("act-")} == {
                f"act-{s}" for s in here
            }
            assert reader.metadata is not None
            assert _plain(reader.metadata.title).startswith(f"{rule['titre']} – {quartier.nom}")
            assert f"{rule['id']}-{quartier.id}.pdf" in page
            width = float(reader.pages[0].mediabox.width) / 72 * 25.4
            assert round(width) == (148 if rule["format"] == "A5" else 210)


@pytest.mark.parametrize("ident", GUIDES)
def test_the_text_comes_out_in_reading_order(sample_site: Path, ident: str) -> None:
    """pypdf's text, page by page: the activities in the order of the bookmarks, and in each
    entry its title, ages, summary, then « Quand », « Où », « Combien », « Inscription »,
    « Contact » — what a screen reader or a copy-paste gets."""
    reader = _pdf(sample_site, ident)
    text = " ".join(_plain(" ".join(page.extract_text() or "" for page in reader.pages)).split())
    titles = [t for t in _flat_outline(reader.outline) if t not in CATALOGUE.categories.values()]
    acts = {" ".join(a.titre.split()): a for a in CATALOGUE.activites.values()}
    position = 0  # the cover and the table of contents (bands, categories) name no activity
    for title in [t for t in titles if t in acts]:
        start = text.index(title, position)
        labels = [text.index(label, start) for label in
                  ("Quand :", "Où :", "Combien :", "Inscription :", "Contact :")]  # fmt: skip
        assert labels == sorted(labels), title
        summary = " ".join(_plain(acts[title].resume).split())[:30]
        assert start < text.index(summary, start) < labels[0], title
        position = start + len(title)


def _flat_outline(items: list[Any]) -> list[str]:
    out: list[str] = []
    for item in items:
        out += _flat_outline(item) if isinstance(item, list) else [_plain(item.title)]
    return out


@pytest.mark.parametrize("ident", sorted(BROCHURES))
def test_every_figure_has_a_french_text_alternative(sample_site: Path, ident: str) -> None:
    """QR codes and the logo are figures with their words; pictograms are decoration beside
    their words (artifacts, no figure)."""
    trailer: Any = _pdf(sample_site, ident).trailer
    figures = [e for e in _walk_struct(trailer["/Root"]["/StructTreeRoot"], set())
               if str(e["/S"]) == "/Figure"]  # fmt: skip
    alts = [str(f.get("/Alt", "")) for f in figures]
    assert alts and all(re.fullmatch(r"(Code QR vers .+ : https://\S+|Logo de .+)", a)
                        for a in alts), alts  # fmt: skip
    assert any(a.startswith("Logo de ") for a in alts)


def test_typst_markup_in_the_data_is_printed_as_text(tmp_path: Path) -> None:
    """A title or a summary written like Typst code (a function call, emphasis, a label, a
    reference, maths, a raw block) is printed as written: data never becomes markup."""
    import io
    import shutil

    shutil.copytree(FIXTURES / "mini" / "data", tmp_path / "data")
    evil_title = '#eval("1+1") *gras* _x_ @act-y $x^2$ = titre'
    evil_summary = '`code` #read("/etc/passwd") ]#[ \\ #pagebreak() // fin'
    judo = tmp_path / "data" / "activites" / "judo.yml"
    data = yaml.safe_load(judo.read_text(encoding="utf-8"))
    data["titre"], data["resume"] = evil_title, evil_summary
    judo.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "data" / "brochures.yml").write_text(
        yaml.safe_dump(
            {"brochures": [{"id": "g", "titre": "#strong[G]", "type": "guide-activites"}]}
        ),
        encoding="utf-8",
    )
    (built,) = build_brochures(load_catalogue(tmp_path))
    reader = PdfReader(io.BytesIO(built.pdf))
    text = _plain(" ".join(page.extract_text() or "" for page in reader.pages))
    flat = _flat(text)
    for value in (evil_title, evil_summary, "#strong[G]"):
        assert _flat(value) in flat, value
    assert "passwd" not in flat.replace(_flat(evil_summary), "")
