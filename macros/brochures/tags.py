"""Two repairs to WeasyPrint's PDF tagging (RGAA 13.3, PDF/UA-1), pinned at 70.0.

- **Page furniture as artifacts.** WeasyPrint marks the text of ``@page``
  margin boxes (running headers, « Page 3 sur 27 ») as tagged content and maps
  it to ``NonStruct`` elements left outside the structure tree (its comment:
  an ``Artifact`` *structure element* is only allowed in PDF 2.0). PDF 1.7 has
  the right tool, an ``/Artifact`` marked-content sequence in the page stream,
  outside the tree: each margin box is drawn inside one, typed
  ``/Pagination`` (header or footer), with nothing tagged within it.
- **Readable link descriptions.** A link annotation's ``/Contents`` (what a
  screen reader announces for the link) is WeasyPrint's target, an internal
  id such as ``cat-sport``. It becomes the link's ``title`` attribute, set by
  the templates (« Aller à la section Sport »), or else the link's own text.
- Both happen while the PDF is written, not by rewriting it afterwards: the
  page streams and the structure tree stay exactly as WeasyPrint builds them.

The tests in ``tests/brochures/test_brochures.py`` walk the structure tree and the page
streams of every brochure; a WeasyPrint upgrade that changes these internals
fails them instead of silently publishing untagged furniture.
"""

from __future__ import annotations

from typing import Any

import pydyf
from weasyprint import draw
from weasyprint import pdf as weasy_pdf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

_DRAW_STACKING_CONTEXT = draw.draw_stacking_context
_BUILD_BOX_TREE = tags._build_box_tree
_ADD_LINKS = weasy_pdf.add_links


def _draw_stacking_context(stream: Any, stacking_context: Any) -> None:
    """Draw a margin box as one pagination artifact, with no tagged content inside."""
    box = stacking_context.box
    if not isinstance(box, boxes.MarginBox) or stream._tags is None:
        _DRAW_STACKING_CONTEXT(stream, stacking_context)
        return
    properties = pydyf.Dictionary({"Type": "/Pagination"})
    if box.at_keyword.startswith("@top"):
        properties["Subtype"] = "/Header"
    elif box.at_keyword.startswith("@bottom"):
        properties["Subtype"] = "/Footer"  # left and right boxes: pagination, no subtype
    tagged = stream._tags
    stream.begin_marked_content("Artifact", properties)
    stream._tags = None  # nothing inside an artifact may carry an MCID
    try:
        _DRAW_STACKING_CONTEXT(stream, stacking_context)
    finally:
        stream._tags = tagged
        stream.end_marked_content()


def _build_box_tree(box: Any, *args: Any) -> Any:
    """WeasyPrint's tree builder, leaving margin boxes (artifacts now) out."""
    if isinstance(box, boxes.MarginBox):
        return iter(())
    return _BUILD_BOX_TREE(box, *args)


def link_description(box: Any) -> str:
    """What a link is announced as: its ``title`` attribute, else its text."""
    element = box.element
    title = " ".join((element.get("title") or "").split())
    return title or " ".join("".join(element.itertext()).split())


def _add_links(links_and_anchors: Any, *args: Any) -> None:
    """WeasyPrint's link annotations, described by their title or text."""
    _ADD_LINKS(links_and_anchors, *args)
    tagged = args[-1]
    if tagged is None:
        return
    links, _ = links_and_anchors
    for _, _, _, box in links:
        annotation = box.link_annotation
        if annotation is not None and box.element is not None:
            description = link_description(box)
            if description:
                annotation["Contents"] = pydyf.String(description)


def install() -> None:
    """Put both repairs in place (idempotent)."""
    draw.draw_stacking_context = _draw_stacking_context
    tags._build_box_tree = _build_box_tree
    weasy_pdf.add_links = _add_links
