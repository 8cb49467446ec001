"""Data errors, as the communication team reads them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One mistake in one data file, located by file, line and field path."""

    file: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: "
        what = f"{self.field} : {self.message}" if self.field else self.message
        return where + what + (f"\n    → {self.hint}" if self.hint else "")


class DataErrors(Exception):
    """Raised when ``data/`` holds mistakes; carries every one of them."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(errors)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = (
            "1 erreur dans les données :" if count == 1 else f"{count} erreurs dans les données :"
        )
        body = "\n".join(str(error) for error in self.errors)
        return f"{head}\n{body}\nRien n'a été publié. Corrigez ces points puis relancez."
