"""Same input, same bytes: for every edition, including the pikepdf-saved ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from report.assets.fonts import PROJECT_FONTS
from report.build import build
from report.model import EDITIONS
from tests.conftest import REPO


@pytest.mark.parametrize("edition", EDITIONS)
def test_two_builds_of_an_edition_are_byte_identical(edition: str, tmp_path: Path) -> None:
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    build(REPO / "examples" / "minimal", first, PROJECT_FONTS, edition=edition)
    build(REPO / "examples" / "minimal", second, PROJECT_FONTS, edition=edition)
    assert first.read_bytes() == second.read_bytes()


WITHOUT_ACCELERATORS = """\
import sys
from pathlib import Path
sys.modules["_rl_accel"] = None  # ReportLab falls back to its pure-Python functions
from report import PROJECT_FONTS
from report.build import build
import reportlab.lib.rl_accel as accel
assert not accel._c_funcs
build(Path(sys.argv[1]), Path(sys.argv[2]), PROJECT_FONTS)
"""


def test_reportlabs_c_accelerators_change_no_byte(tmp_path: Path) -> None:
    import reportlab.lib.rl_accel as accel

    assert "fp_str" in accel._c_funcs  # rl-accel is installed (pyproject.toml)
    fast, slow = tmp_path / "fast" / "x.pdf", tmp_path / "slow" / "x.pdf"
    example = REPO / "examples" / "minimal"
    build(example, fast, PROJECT_FONTS)
    subprocess.run([sys.executable, "-c", WITHOUT_ACCELERATORS, str(example), str(slow)],
                   check=True, cwd=REPO)
    assert fast.read_bytes() == slow.read_bytes()
