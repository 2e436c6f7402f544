"""The office booklet, read back: sheet size, form XObjects, saddle-stitch order."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from report.output.booklet import saddle_order
from tests.pdftools import page_texts, squeeze

MM = 72 / 25.4


def test_saddle_order_of_eight_pages() -> None:
    assert saddle_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert saddle_order(4) == [(4, 1), (2, 3)]
    assert saddle_order(12)[:2] == [(12, 1), (2, 11)] and saddle_order(12)[-1] == (6, 7)


def test_saddle_order_refuses_a_page_count_that_cannot_fold() -> None:
    with pytest.raises(ValueError, match="multiple of 4"):
        saddle_order(10)


def _halves(path: Path) -> list[tuple[str, str]]:
    document = pdfium.PdfDocument(path)
    try:
        halves = []
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage()
            halves.append((squeeze(text.get_text_bounded(0, 0, width / 2, height)),
                           squeeze(text.get_text_bounded(width / 2, 0, width, height))))
        return halves
    finally:
        document.close()


def test_a4_pages_sit_two_up_on_a3_sheets_as_form_xobjects(shifeng_editions) -> None:
    with pikepdf.open(shifeng_editions["booklet"]) as pdf:
        for page in pdf.pages:
            width, height = (float(v) for v in page.mediabox[2:])
            assert width == pytest.approx(420 * MM, abs=0.01) and height == pytest.approx(297 * MM, abs=0.01)
            forms = page.Resources.XObject
            assert sorted(forms.keys()) == ["/L", "/R"]
            assert all(form.Subtype == "/Form" for form in forms.values())
            assert "/Font" not in page.Resources  # all text is inside the placed pages


def test_sheet_sides_hold_the_pages_in_saddle_order(shifeng_editions) -> None:
    # The print edition has the same trim, the same source and the same page count (both padded
    # to a multiple of 4), so its pages are the booklet's pages in reading order.
    pages = [squeeze(text) for text in page_texts(shifeng_editions["print"])]
    halves = _halves(shifeng_editions["booklet"])
    assert len(halves) * 2 == len(pages)
    for (left, right), (left_text, right_text) in zip(saddle_order(len(pages)), halves, strict=True):
        assert left_text == pages[left - 1]
        assert right_text == pages[right - 1]
    assert halves[0][1].startswith("石峰十年")  # the cover on the right of the first side
    assert halves[0][0] == "株洲市石峰区2022年"  # the back cover on its left


def test_booklet_keeps_title_and_language(shifeng_editions) -> None:
    with pikepdf.open(shifeng_editions["booklet"]) as pdf:
        assert str(pdf.docinfo.Title) == "石峰十年"
        assert str(pdf.Root.Lang) == "zh-CN"
        assert pdf.check_pdf_syntax() == []
