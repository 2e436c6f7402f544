"""The 石峰 brochure, built from data/shifeng and read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.load import load_brochure
from tests.conftest import REPO
from tests.pdftools import body_texts, fonts, link_targets, outline_titles, page_texts, squeeze

REFERENCE = REPO / "tests" / "content" / "shifeng_reference.txt"


@pytest.fixture(scope="module")
def shifeng(shifeng_pdf: Path) -> tuple[Path, list[str]]:
    return shifeng_pdf, page_texts(shifeng_pdf)


def test_every_sentence_of_the_article_is_in_the_pdf_in_reading_order(shifeng) -> None:
    pdf, _ = shifeng
    text = squeeze("".join(body_texts(pdf, top_mm=20, bottom_mm=22)))  # the manifest's margins
    # Opener lines (title, kicker, subtitle) are set kicker first; they are checked by the TOC test.
    sections = load_brochure(REPO / "data" / "shifeng").sections
    opener_lines = {squeeze(t.plain) for s in sections for t in (s.title, s.kicker, s.subtitle) if t}
    position = 0
    for number, line in enumerate(REFERENCE.read_text(encoding="utf-8").splitlines(), 1):
        wanted = squeeze(line)
        if not wanted or wanted in opener_lines:
            continue
        found = text.find(wanted, position)
        assert found >= 0, f"reference line {number} missing or out of order: {line}"
        position = found + len(wanted)


def test_no_missing_glyph_reaches_the_text_layer(shifeng) -> None:
    _, texts = shifeng
    for page, text in enumerate(texts, 1):
        assert "\x00" not in text and "\ufffd" not in text, f"page {page}"


def test_fonts_are_all_embedded(shifeng) -> None:
    pdf, _ = shifeng
    found = fonts(pdf)
    assert found and all(found.values())


def test_pages_cover_toc_and_back_cover(shifeng) -> None:
    _, texts = shifeng
    assert len(texts) % 2 == 0
    assert squeeze(texts[0]).startswith("石峰十年株洲市石峰区十年发展巡礼")
    assert squeeze(texts[1]).startswith("目录")
    assert squeeze(texts[-1]) == "株洲市石峰区2022年"


def test_table_of_contents_links_to_every_part(shifeng) -> None:
    pdf, texts = shifeng
    targets = link_targets(pdf, 1)
    parts = [title for depth, title in outline_titles(pdf) if depth == 0][1:]  # after 目录
    assert len(targets) == len(parts) == 6
    for target, title in zip(targets, parts, strict=True):
        assert squeeze(title) in squeeze(texts[target]), (title, target)
        assert f"{target + 1:02d}" in texts[1]
