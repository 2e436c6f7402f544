"""Same input, same bytes: for every edition, including the pikepdf-saved ones."""

from __future__ import annotations

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
