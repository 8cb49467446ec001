"""The déclaration d'accessibilité, computed from the RGAA grid (``data/accessibilite.yml``).

The rate follows the RGAA method: C / (C + NC), NA left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from macros.data.audit import THEMES

if TYPE_CHECKING:
    from datetime import date

    from macros.data.audit import Audit, Critere


@dataclass(frozen=True)
class Declaration:
    """What the statement says, computed from the grid."""

    audit: Audit
    conformes: int
    non_conformes: int
    non_applicables: int

    @property
    def taux(self) -> int:
        """Conformance rate in whole percent: C / (C + NC), NA excluded (RGAA method).

        Rounded to the nearest percent, but never up to 100 % while a criterion fails.
        """
        applicable = self.conformes + self.non_conformes
        if not applicable:
            return 100
        rate = (200 * self.conformes + applicable) // (2 * applicable)  # half up, exact
        return min(rate, 99) if self.non_conformes else rate

    @property
    def statut(self) -> str:
        """« totalement / partiellement / non conforme », from the rate."""
        if self.non_conformes == 0:
            return "totalement conforme"
        if self.taux >= 50:
            return "partiellement conforme"
        return "non conforme"

    @property
    def date(self) -> date:
        return self.audit.date

    def non_conformites(self) -> list[tuple[str, list[Critere]]]:
        """The NC criteria grouped by RGAA theme, in the order of the grid."""
        groups: dict[str, list[Critere]] = {}
        for critere in self.audit.criteres:
            if critere.statut == "NC":
                name = THEMES[int(critere.numero.split(".")[0])][0]
                groups.setdefault(name, []).append(critere)
        return list(groups.items())


_BEFORE_PUNCTUATION = re.compile(r"\s+([:;!?»%])")
_AFTER_QUOTE = re.compile(r"«\s+")


def typo_fr(text: str) -> str:
    """French typography for data text: a non-breaking space before « : ; ! ? » % » and after «."""
    text = _BEFORE_PUNCTUATION.sub("\u00a0\\1", text)
    return _AFTER_QUOTE.sub("«\u00a0", text)


def declaration(audit: Audit) -> Declaration:
    """The statement's figures for ``audit``."""
    count = {s: sum(1 for k in audit.criteres if k.statut == s) for s in ("C", "NC", "NA")}
    return Declaration(audit, count["C"], count["NC"], count["NA"])
