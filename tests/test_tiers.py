"""The fast tier keeps out every test that builds a site or opens a browser (see conftest.py)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from conftest import FIXTURES, TESTS, make_project

if TYPE_CHECKING:
    from pathlib import Path

TIERED = """
import pytest

def test_pure():
    pass

def test_builds(mini):
    pass

def test_looks(page):
    pass

def test_serves(site_url):
    pass

@pytest.mark.slow
def test_marked():
    pass
"""

SNEAKY = f"""
from conftest import make_project

def test_prepares_a_site(tmp_path):
    make_project(tmp_path / "projet", {str(FIXTURES / "mini" / "data")!r})
"""


def test_a_unit_test_cannot_prepare_a_site_to_build(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="ce test n'est pas unitaire"):
        make_project(tmp_path / "projet", FIXTURES / "mini" / "data")
    assert not (tmp_path / "projet").exists()


@pytest.mark.slow  # runs pytest twice in a subprocess
def test_the_unit_tier_selects_tests_by_the_fixtures_they_ask_for(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_tiered=TIERED, test_sneaky=SNEAKY)
    env = {"PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    unit = ["-p", "conftest", "-p", "no:cacheprovider", "-m", "not slow and not browser"]
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        result = pytester.runpytest_subprocess(*unit, "test_tiered.py", "-v")
        result.assert_outcomes(passed=1, deselected=4)
        result.stdout.fnmatch_lines(["*test_pure PASSED*"])
        sneaky = pytester.runpytest_subprocess(*unit, "test_sneaky.py")
    sneaky.assert_outcomes(failed=1)
    sneaky.stdout.fnmatch_lines(["*ce test n'est pas unitaire*"])
