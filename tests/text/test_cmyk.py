"""TextStyle.color as CMYK (the print edition) or RGB: the fill operator drawn for each."""

from __future__ import annotations

import io

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from report.layout.text import Span, TextStyle
from report.layout.text.drawing import draw_lines
from report.layout.text.setting import set_lines


def _fills(spans: list[Span]) -> list[tuple[str, tuple[float, ...]]]:
    buffer = io.BytesIO()
    canv = Canvas(buffer, invariant=1)
    draw_lines(canv, set_lines(spans, 200.0), 10, [100.0])
    canv.showPage()
    canv.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        return [(str(op), tuple(float(v) for v in operands))
                for operands, op in pikepdf.parse_content_stream(pdf.pages[0])
                if str(op) in ("rg", "k", "g")]


def test_a_cmyk_colour_is_drawn_as_cmyk_fill() -> None:
    black = TextStyle("TextSerif", 10.5, (0.0, 0.0, 0.0, 1.0))
    accent = TextStyle("TextSerif", 10.5, (0.89, 0.52, 0.02, 0.42))
    assert _fills([Span("正文", black), Span("强调", accent)]) == [
        ("k", (0.0, 0.0, 0.0, 1.0)), ("k", (0.89, 0.52, 0.02, 0.42))]


def test_an_rgb_colour_is_still_drawn_as_rgb_fill() -> None:
    assert _fills([Span("正文", TextStyle("TextSerif", 10.5))]) == [("rg", (0.0, 0.0, 0.0))]
