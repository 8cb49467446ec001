"""Seed 003 (the PRE and the référent inclusion) is published word for word, on the PEDT pages."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import pytest

from conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.slow

# Lines of the commune's web page that are its navigation, not its content.
CHROME = {"r", "Suivez-", "nous !", "Rythmes scolaires", "Fermer", "Imprimer"}


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("\u00a0", " ").replace("•", " ")
    return " ".join(text.split()).casefold()


def _page_text(site: Path, page: str) -> str:
    raw = (site / page / "index.html").read_text(encoding="utf-8")
    body = raw.split("data-pagefind-body", 1)[1]
    return _normal(html.unescape(re.sub(r"<[^>]+>", " ", body)).replace(" :", " :"))


def test_every_sentence_of_seed_003_is_on_the_site(sample_site: Path) -> None:
    seed = (ROOT / "data" / "sources" / "pre-inclusion-003.txt").read_text(encoding="utf-8")
    # In full on the page of what the educational project says; the family pages
    # (/reussite-educative/, /inclusion/) explain it in plain words and link to it.
    published = _page_text(sample_site, "pedt/reussite-educative-et-inclusion")
    published = published.replace(" ,", ",").replace(" .", ".")
    missing = []
    for line in seed.splitlines():
        line = line.strip().lstrip("•").strip()
        if not line or line in CHROME or line == "Réussite éducative et inclusion":
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            if _normal(sentence) not in published:
                missing.append(sentence)
    assert missing == []
