"""Characters that are hard for ReportLab, built into a brochure and read back from the PDF."""

from __future__ import annotations

from pathlib import Path

from report.assets.fonts import PROJECT_FONTS
from report.build import build
from tests.pdftools import page_texts, squeeze

# 𠂇 (U+20087) is beyond U+FFFF and in all four Noto faces (checked with their cmaps).
SUPPLEMENTARY = "title: 第一部分\nblocks:\n  - paragraph: 王𠂇石峰区\n"


def test_a_character_beyond_ffff_copies_as_itself(make_brochure, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    build(make_brochure({"a.yaml": SUPPLEMENTARY}), out, PROJECT_FONTS)
    text = squeeze("".join(page_texts(out)))
    assert "王𠂇石峰区" in text
    assert "\u2008" not in text  # what pdfium made of ReportLab's unrepaired <20087>
