"""Drawing puts every glyph where ReportLab's own text object would, with numbers digit for digit."""

from __future__ import annotations

import io
import random

import pdfplumber
import pytest
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

from report.layout.text import Line, Span, TextStyle, set_lines
from report.layout.text.drawing import draw_lines, format_number

EDGES = [0.0, -0.0, 1e-7, -1e-7, 1.5e-7, 5e-7, 0.5, 1.0, -1.0, 10.0, 999.9999995, 1000.0, 21.0,
         152.25, 59.01, -5.25, 0.0125, 123456.789, 1e6, 1e7]


def test_numbers_are_formatted_as_reportlab_formats_them() -> None:
    rng = random.Random(15834)
    values = EDGES + [rng.choice((1, -1)) * 10 ** rng.uniform(-8, 7) for _ in range(20000)]
    values += [round(v, 2) for v in values]
    assert [format_number(v) for v in values] == [fp_str(v) for v in values]


def reportlab_drawing(canvas: Canvas, lines: list[Line], baselines: list[float]) -> None:
    """What drawing.py replaces: ReportLab's text object, one textOut per run, changing
    font, colour and character spacing only when they differ from the last run."""
    text = canvas.beginText()
    last: dict[str, object] = {}
    for line, y in zip(lines, baselines, strict=True):
        for run in line.runs:
            text.setTextOrigin(run.x, y)
            if last.get("font") != (run.style.font, run.style.size):
                text.setFont(run.style.font, run.style.size)
                last["font"] = (run.style.font, run.style.size)
            if last.get("color") != run.style.color:
                text.setFillColorRGB(*run.style.color)
                last["color"] = run.style.color
            if last.get("space") != run.char_space:
                text.setCharSpace(run.char_space)
                last["space"] = run.char_space
            text.textOut(run.text)
    canvas.drawText(text)


@pytest.mark.parametrize("width_em", [9, 20])
def test_same_glyphs_as_reportlab_textout(body: TextStyle, bold: TextStyle, width_em: int) -> None:
    """The same characters at the same places, in the same fonts and colours, as ReportLab's
    textOut draws them (its 8-bit path through the same CIDFont objects)."""
    text = "石峰区全社会研发经费投入总量就高达12.2亿元，同比增长6.7%。“十年砥砺前行。”𠂇" * 3
    spans = [Span(text[:30], body), Span(text[30:40], bold), Span(text[40:], body)]
    lines = set_lines(spans, width_em * body.size, first_indent=2 * body.size)
    baselines = [700 - 18 * i for i in range(len(lines))]
    drawn = []
    for draw in (draw_lines, reportlab_drawing):
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pageCompression=0, invariant=1)
        if draw is draw_lines:
            draw_lines(canvas, lines, 0.0, baselines)
        else:
            reportlab_drawing(canvas, lines, baselines)
        canvas.save()
        drawn.append(glyphs(buffer.getvalue()))
    assert "".join(glyph[0] for glyph in drawn[0]) == "".join(line.text for line in lines)
    assert drawn[0] == drawn[1]


def glyphs(pdf: bytes) -> list[tuple]:
    """(character, x0, x1, baseline, font, colour) of every glyph, positions to 0.001 pt."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(c["text"], round(c["x0"], 3), round(c["x1"], 3), round(c["y1"], 3),
                 c["fontname"].split("+")[-1], c["non_stroking_color"])
                for c in document.pages[0].chars]


def test_a_block_draws_the_operators_flowable_drawon_writes(body: TextStyle, bold: TextStyle) -> None:
    """TextBlock.drawOn skips saveState's copy of the canvas state: the page has the same
    bytes as with platypus's Flowable.drawOn (links included, placed through the transform),
    and the canvas is left in the same state."""
    from reportlab.platypus import Flowable

    from report.layout.text import TextBlock

    text = "石峰区全社会研发经费投入总量就高达12.2亿元，同比增长6.7%。" * 4
    spans = [Span(text[:20], body), Span(text[20:30], bold, link="part-2"), Span(text[30:], body)]
    pages, states = [], []
    for draw_on in (TextBlock.drawOn, Flowable.drawOn):
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        canvas.setFillColorRGB(0.2, 0.4, 0.6)
        canvas.translate(30, 40)  # inside another flowable
        for x, y, align in ((72, 500, "LEFT"), (90, 300, "CENTER")):
            block = TextBlock(spans, leading=18)
            block.hAlign = align
            block.wrap(12 * body.size, 1000)
            draw_on(block, canvas, x, y, _sW=20)
        states.append({name: getattr(canvas, name) for name in canvas.STATE_ATTRIBUTES
                       if name != "_extgstate"} | {"depth": len(canvas.state_stack),
                                                   "ext": canvas._extgstate._d})
        canvas.bookmarkPage("part-2")
        canvas.showPage()
        canvas.save()
        pages.append(buffer.getvalue())
    assert b"/Annots" in pages[0] and pages[0].count(b"/Subtype /Link") >= 2
    assert pages[0] == pages[1]
    assert states[0] == states[1]


def test_remembered_colour_operators_are_those_of_each_canvas(body: TextStyle) -> None:
    """Colour operators are remembered per colour and per colour-space enforcement: a
    canvas that turns greys into black ink gets its own, the same as with nothing remembered."""
    from report.layout.text import drawing

    own = {None: (0.6, 0.0, 0.0), "rgb": (0.6, 0.0, 0.0), "cmyk": (0.1, 0.2, 0.3, 0.4),
           "sep_cmyk": (0.1, 0.2, 0.3, 0.4)}

    def page(enforce: str | None) -> bytes:
        colours = [(0.0, 0.0, 0.0), own[enforce], (0.5, 0.5, 0.5), (0.0, 0.0, 0.0)]
        spans = [Span("石峰区研发投入", TextStyle(body.font, body.size, colour)) for colour in colours]
        lines = set_lines(spans, 40 * body.size)
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1, pageCompression=0, enforceColorSpace=enforce)
        draw_lines(canvas, lines, 0.0, [700.0] * len(lines))
        canvas.save()
        return buffer.getvalue()

    for enforce in (*own, None):
        drawing._FILL_OPS.clear()
        fresh = page(enforce)
        for other in own:
            page(other)  # remembers its own operators
        assert page(enforce) == fresh, enforce
    assert b"0 0 0 1 k" in page("sep_cmyk") and b"0 0 0 rg" in page("rgb")
