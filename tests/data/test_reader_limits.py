"""Data files that are not plain files, or nest too deep: refused fast, with file and line."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

import pytest

from macros.data.errors import DataErrors
from macros.data.loader import load_catalogue

if TYPE_CHECKING:
    from pathlib import Path


def test_a_fifo_a_device_and_a_link_out_of_data_are_refused(
    mini_data: Path, tmp_path: Path
) -> None:
    activites = mini_data / "data" / "activites"
    os.mkfifo(activites / "tube.yml")
    (activites / "zero.yml").symlink_to("/dev/zero")
    outside = tmp_path / "dehors.yml"
    outside.write_text("titre: x\n", encoding="utf-8")
    (activites / "dehors.yml").symlink_to(outside)
    start = time.monotonic()
    with pytest.raises(DataErrors) as caught:
        load_catalogue(mini_data)
    assert time.monotonic() - start < 10  # no hang on the pipe
    errors = {e.file: e.message for e in caught.value.errors}
    assert "ce n'est pas un fichier ordinaire" in errors["data/activites/tube.yml"]
    assert "hors de data/" in errors["data/activites/zero.yml"]
    assert "hors de data/" in errors["data/activites/dehors.yml"]


@pytest.mark.parametrize("depth", [30, 1_000, 50_000])
def test_deep_nesting_is_refused_without_crashing(mini_data: Path, depth: int) -> None:
    file = mini_data / "data" / "activites" / "profond.yml"
    file.write_text("titre: x\nlabels: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_catalogue(mini_data)
    (error,) = [e for e in caught.value.errors if e.file == "data/activites/profond.yml"]
    assert error.line == 2 and "imbrication trop profonde" in error.message


def test_deep_block_nesting_is_refused_too(mini_data: Path) -> None:
    file = mini_data / "data" / "activites" / "profond.yml"
    file.write_text("titre: x\nlabels:\n" + "".join("  " * i + "-\n" for i in range(40)))
    with pytest.raises(DataErrors) as caught:
        load_catalogue(mini_data)
    assert any("imbrication trop profonde" in e.message for e in caught.value.errors)
