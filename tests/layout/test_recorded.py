"""Recorded charts (report/layout/recorded.py): a replayed chart is, byte for byte, the chart
renderPDF draws, in any document, for either edition's inks; what cannot be replayed is not."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from report.assets import Assets, prepare_assets
from report.assets.fonts import PROJECT_FONTS
from report.keptdrawings import read_drawings, write_drawings
from report.layout import layout_pdf
from report.layout.colour import PressInks, ScreenInks
from report.layout.recorded import DrawingStore, RecordedDrawing, RecordingDrawing
from report.load import load_brochure
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "minimal"  # six chart kinds: bar, hbar, grouped, stacked, line, donut


@pytest.fixture(scope="module")
def assets(tmp_path_factory: pytest.TempPathFactory) -> Assets:
    return prepare_assets(load_brochure(EXAMPLE), PROJECT_FONTS, tmp_path_factory.mktemp("cache"))


def _page(assets: Assets, enforce: str, before: str, chart) -> bytes:  # noqa: ANN001
    """A page with text of its own first (so the chart's characters get other codes and its
    fonts other names than where it was recorded), then the chart at (40, 300)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, enforceColorSpace=enforce)
    for face, y in ((assets.fonts.hei_bold, 700), (assets.fonts.hei, 680)):
        canvas.setFont(face, 12)
        canvas.drawString(40, y, before)
    chart.drawOn(canvas, 40, 300)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("edition", ["email", "print"])
def test_a_replayed_chart_is_the_drawn_chart_byte_for_byte(assets: Assets, edition: str) -> None:
    inks = ScreenInks() if edition == "email" else PressInks(assets.profile.data)
    enforce = {"email": "rgb", "print": "sep_cmyk"}[edition]
    drawings = [inks.drawing(art.drawing) for art in assets.charts.values()]
    assert len(drawings) == 6
    for number, drawing in enumerate(drawings):
        store = DrawingStore()
        recording = RecordingDrawing(drawing, "chart", store)
        _page(assets, enforce, "单位：亿元 2012 年", recording)  # recorded on this page
        recorded = store.used["chart"]
        assert recorded is not None, number
        assert any(isinstance(item, tuple) and len(item) == 2 for item in recorded[3])  # its text
        drawn = _page(assets, enforce, "石峰区十年发展", drawing)
        assert _page(assets, enforce, "石峰区十年发展", RecordedDrawing(recorded)) == drawn, number
        assert _page(assets, enforce, "石峰区十年发展", recording) == drawn, number


def test_a_chart_with_transparency_is_not_recorded_but_drawn(assets: Assets) -> None:
    drawing = Drawing(100, 50, Rect(0, 0, 60, 40, fillColor=Color(1, 0, 0, alpha=0.5)))
    store = DrawingStore()
    first = store.flowable("translucent", lambda: drawing)
    drawn = _page(assets, "rgb", "石峰", drawing)
    assert _page(assets, "rgb", "石峰", first) == drawn
    assert store.used == {"translucent": None}
    assert store.flowable("translucent", lambda: drawing) is drawing  # not recorded again


def test_a_layout_records_each_chart_once_and_a_rebuild_none(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    brochure = load_brochure(EXAMPLE)
    assets = prepare_assets(brochure, PROJECT_FONTS, cache)
    fonts = list(assets.files)
    first = DrawingStore()
    cold = layout_pdf(brochure, assets, "email", drawings=first)
    assert first.recorded == 6 and all(first.used.values())  # once, though laid out in two passes
    write_drawings(cache, EXAMPLE, "email", fonts, first)
    kept = read_drawings(cache, EXAMPLE, "email", fonts)
    assert kept.known == first.used
    assert read_drawings(cache, EXAMPLE, "print", fonts).known == {}  # per edition
    again = layout_pdf(brochure, assets, "email", drawings=kept)
    assert kept.recorded == 0 and again.pdf == cold.pdf


def test_text_that_is_not_one_string_shown_by_tj_is_not_recorded(assets: Assets) -> None:
    """Only `(…) Tj` strings become holes: any other string would keep the codes of the
    document it was recorded in, so such operators are drawn, never replayed."""
    from reportlab.pdfbase import pdfmetrics

    from report.layout.recorded import record

    canvas = Canvas(io.BytesIO())
    canvas.setFont(assets.fonts.hei, 9)
    canvas.drawString(0, 0, "石峰")  # the font now has a name and codes in this document
    name = pdfmetrics.getFont(assets.fonts.hei).resource_name(canvas._doc)

    def recorded(operators: str) -> bool:
        return record([operators], canvas._doc, 10, 10, (1, 3)) is not None

    assert recorded(f"BT {name} 9 Tf 10.8 TL (\\000\\001) Tj ET")
    assert not recorded(f"BT {name} 9 Tf 10.8 TL [(\\000\\001) -20 (\\000\\002)] TJ ET")
    assert not recorded(f"BT {name} 9 Tf 10.8 TL <00010002> Tj ET")
    assert not recorded("/gRLs0 gs 0 0 10 10 re f")
