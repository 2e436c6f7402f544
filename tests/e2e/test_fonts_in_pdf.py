"""Characters that are hard for ReportLab, built into a brochure and read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont

from report.assets.fonts import PROJECT_FONTS
from report.build import build
from report.cli import main
from tests.pdftools import page_texts, squeeze

# 𠂇 (U+20087) is beyond U+FFFF and in all four Noto faces (checked with their cmaps).
SUPPLEMENTARY = "title: 第一部分\nblocks:\n  - paragraph: 王𠂇石峰区\n"


def test_a_character_beyond_ffff_copies_as_itself(make_brochure, tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    build(make_brochure({"a.yaml": SUPPLEMENTARY}), out, PROJECT_FONTS)
    text = squeeze("".join(page_texts(out)))
    assert "王𠂇石峰区" in text
    assert "\u2008" not in text  # what pdfium made of ReportLab's unrepaired <20087>


# 𧾷 (U+27FB7, the 足 radical form) is in Noto Sans SC and not in Noto Serif SC.
SANS_ONLY = "\U00027fb7"
MANIFEST = """\
title: 测试手册
publisher: 测试单位
date: "2026年"
theme: theme.yaml
sections:
  - a.yaml
"""
FALLBACK_THEME = "fonts:\n  fallback:\n    - NotoSansSC-Regular.ttf\n"
SECTION = f"title: 第一部分\nblocks:\n  - paragraph: 石峰{SANS_ONLY}区\n"


def test_the_fallback_character_is_really_missing_from_the_body_font() -> None:
    serif = TTFont(PROJECT_FONTS / "NotoSerifSC-Regular.ttf", lazy=True).getBestCmap()
    sans = TTFont(PROJECT_FONTS / "NotoSansSC-Regular.ttf", lazy=True).getBestCmap()
    assert ord(SANS_ONLY) not in serif and ord(SANS_ONLY) in sans


def test_a_character_the_body_font_lacks_comes_from_the_fallback(make_brochure, tmp_path: Path) -> None:
    folder = make_brochure({"brochure.yaml": MANIFEST, "theme.yaml": FALLBACK_THEME, "a.yaml": SECTION})
    out = tmp_path / "out.pdf"
    build(folder, out, PROJECT_FONTS)
    with pdfplumber.open(out) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    body = [c for c in chars if c["text"] in "石峰" + SANS_ONLY + "区" and c["size"] == pytest.approx(10.5)]
    faces = {c["text"]: c["fontname"].split("+")[-1] for c in body}
    assert faces == {"石": "NotoSerifSC-Regular", "峰": "NotoSerifSC-Regular",
                     SANS_ONLY: "NotoSansSC-Regular", "区": "NotoSerifSC-Regular"}
    assert f"石峰{SANS_ONLY}区" in squeeze("".join(page_texts(out)))  # and it copies as itself


def test_without_a_fallback_the_missing_glyph_is_an_error(make_brochure, monkeypatch, capsys) -> None:
    folder = make_brochure({"brochure.yaml": MANIFEST, "theme.yaml": "colors: {}\n", "a.yaml": SECTION})
    monkeypatch.chdir(folder.parent)
    assert main(["check", "b"]) == 1
    assert capsys.readouterr().err == (
        "b/a.yaml:3:18: error: character '𧾷' (U+27FB7 CJK UNIFIED IDEOGRAPH-27FB7) "
        "has no glyph in NotoSerifSC-Regular.ttf\n"
        "  hint: replace it, or name a font that has it under fonts: fallback: in the theme\n"
        "report: 1 error; nothing was written\n")


def test_a_character_no_font_has_names_the_fallbacks_too(make_brochure, monkeypatch, capsys) -> None:
    section = "title: 第一部分\nblocks:\n  - paragraph: 笑脸😀\n"
    folder = make_brochure({"brochure.yaml": MANIFEST, "theme.yaml": FALLBACK_THEME, "a.yaml": section})
    monkeypatch.chdir(folder.parent)
    assert main(["check", "b"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "b/a.yaml:3:18: error: character '😀' (U+1F600 GRINNING FACE) has no glyph in "
        "NotoSerifSC-Regular.ttf nor in the fallback fonts NotoSansSC-Regular.ttf")


@pytest.mark.parametrize("theme, message", [
    ("fonts:\n  fallback:\n    - Missing.ttf\n",
     "b/theme.yaml:3:7: error: font file 'Missing.ttf' not found in {fonts}\n"
     "  hint: fonts are looked up in the font directory (--fonts DIR)"),
    ("fonts:\n  fallback: NotoSansSC-Regular.ttf\n",
     "b/theme.yaml:2:13: error: fallback fonts must be a list, not a single value\n"
     "  hint: write one item per line, each starting with '- '"),
])
def test_bad_fallback_entries(make_brochure, monkeypatch, capsys, theme: str, message: str) -> None:
    folder = make_brochure({"brochure.yaml": MANIFEST, "theme.yaml": theme})
    monkeypatch.chdir(folder.parent)
    assert main(["check", "b"]) == 1
    assert capsys.readouterr().err.split("\nreport:")[0] == message.format(fonts=PROJECT_FONTS)
