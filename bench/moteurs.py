"""Build the sample with MkDocs and with Zensical, and compare what each page says.

Run by ``make moteurs`` (and by CI, without failing it while Zensical is 0.x):
every page's article text — the words a reader gets, whitespace folded — is
compared between the two builds; the pages that differ, and the pages only one
engine wrote, are listed in ``bench/results/moteurs.md``.

    python bench/moteurs.py [--mkdocs DIR --zensical DIR]  # compare two built sites
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "moteurs.md"
_SKIPPED = {"script", "style", "svg", "template"}


class _Article(HTMLParser):
    """The text inside ``<article>``, without scripts, styles or icons."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skipped = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        elif tag in _SKIPPED and self.depth:
            self.skipped += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
        elif tag in _SKIPPED and self.skipped:
            self.skipped -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipped:
            self.parts.append(data)


def article_text(html: str) -> str:
    """What a page's article says, whitespace folded."""
    parser = _Article()
    parser.feed(html)
    return re.sub(r"[ \t\r\n]+", " ", "".join(parser.parts)).strip(" ")  # keeps no-break spaces


def compare(first: Path, second: Path) -> tuple[list[str], list[str], list[str], int]:
    """Pages whose text differs, pages only in ``first``, only in ``second``, pages compared."""
    pages_a = {p.relative_to(first).as_posix() for p in first.rglob("*.html")}
    pages_b = {p.relative_to(second).as_posix() for p in second.rglob("*.html")}
    common = sorted(pages_a & pages_b)
    differ = [
        page
        for page in common
        if article_text((first / page).read_text(encoding="utf-8"))
        != article_text((second / page).read_text(encoding="utf-8"))
    ]
    return differ, sorted(pages_a - pages_b), sorted(pages_b - pages_a), len(common)


def _build(moteur: str, out: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "macros", "build", "--moteur", moteur, "--sortie", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return "" if result.returncode == 0 else result.stdout + result.stderr


def report(first: Path, second: Path) -> str:
    differ, only_a, only_b, count = compare(first, second)
    lines = [
        "# MkDocs et Zensical : le texte des pages",
        "",
        f"{count} pages construites par les deux moteurs ; **{count - len(differ)} disent "
        f"exactement la même chose**, {len(differ)} diffèrent.",
        "",
    ]
    for page in differ[:20]:
        a = article_text((first / page).read_text(encoding="utf-8")).split(" ")
        b = article_text((second / page).read_text(encoding="utf-8")).split(" ")
        changes = [
            f"« {' '.join(a[i1:i2])} » → « {' '.join(b[j1:j2])} »"
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b).get_opcodes()
            if tag != "equal"
        ]
        lines.append(f"- `{page}` : " + " ; ".join(changes[:3]))
    for title, pages in (("Seulement MkDocs", only_a), ("Seulement Zensical", only_b)):
        if pages:
            lines += ["", f"{title} : " + ", ".join(f"`{p}`" for p in pages)]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mkdocs", type=Path)
    parser.add_argument("--zensical", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        first = args.mkdocs or Path(tmp) / "mkdocs"
        second = args.zensical or Path(tmp) / "zensical"
        for moteur, out, given in (
            ("mkdocs", first, args.mkdocs),
            ("zensical", second, args.zensical),
        ):
            if given is None:
                failure = _build(moteur, out)
                if failure:
                    text = (
                        f"# MkDocs et Zensical\n\nLa construction avec {moteur} a échoué :"
                        f"\n\n```\n{failure}\n```\n"
                    )
                    RESULTS.write_text(text, encoding="utf-8")
                    print(text)
                    return 1
        text = report(first, second)
        differ, only_a, only_b, _ = compare(first, second)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 1 if differ or only_a or only_b else 0


if __name__ == "__main__":
    sys.exit(main())
