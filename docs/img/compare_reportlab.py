"""Make docs/img/engine-vs-reportlab.png: our text engine beside ReportLab's own CJK paragraph.

    .venv/bin/python docs/img/compare_reportlab.py

Three body paragraphs of the 石峰 brochure, set twice at the same measure
(20 characters of Noto Serif SC 10.5 pt, 18 pt leading, 2 em indent,
justified): on the left by report.layout.text, on the right by ReportLab's
Paragraph(wordWrap='CJK', alignment=TA_JUSTIFY). Thin rules mark both edges
of each measure. The page is rendered with pypdfium2; lines that start with a
mark that may not start a line (found by reading the PDF back with pdfplumber,
not by trusting either engine) get a red box. The PNG is quantized to a few
colours so it stays small in the repository.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from reportlab.lib.enums import TA_JUSTIFY  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from reportlab.platypus import Paragraph  # noqa: E402

from report.layout.text import Span, TextBlock, TextStyle  # noqa: E402
from report.layout.text.charclass import NO_START  # noqa: E402
from report.load import load_brochure  # noqa: E402
from report.model import Paragraph as BodyParagraph  # noqa: E402

OUT = Path(__file__).with_name("engine-vs-reportlab.png")
SERIF, SANS = "NotoSerifSC-Regular", "NotoSansSC-Regular"
EM, LEADING, CHARS = 10.5, 18.0, 20
MEASURE = CHARS * EM
MARGIN, GUTTER, HEAD = 30.0, 42.0, 34.0
PARAGRAPHS = (16, 17, 18)  # body paragraphs of data/shifeng, in reading order (02-industry)
SCALE = 2.0  # pixels per point


def main() -> int:
    for name in (SERIF, SANS):
        pdfmetrics.registerFont(TTFont(name, str(REPO / "fonts" / f"{name}.ttf")))
    texts = body_texts()
    pdf, height = make_pdf(texts)
    image = render(pdf)
    mark_bad_line_starts(image, pdf, height)
    image.convert("RGB").quantize(colors=12, dither=Image.Dither.NONE).save(OUT, optimize=True)
    print(f"wrote {OUT.relative_to(REPO)} ({OUT.stat().st_size // 1024} KB)")
    return 0


def body_texts() -> list[str]:
    brochure = load_brochure(REPO / "data" / "shifeng")
    body = [block.text.plain for section in brochure.sections for block in section.blocks
            if isinstance(block, BodyParagraph)]
    return [body[i] for i in PARAGRAPHS]


def make_pdf(texts: list[str]) -> tuple[bytes, float]:
    ours = [TextBlock([Span(text, TextStyle(SERIF, EM))], leading=LEADING, first_indent=2 * EM)
            for text in texts]
    style = ParagraphStyle("body", fontName=SERIF, fontSize=EM, leading=LEADING, wordWrap="CJK",
                           alignment=TA_JUSTIFY, firstLineIndent=2 * EM)
    theirs = [Paragraph(text, style) for text in texts]  # the texts hold no & or <
    heights = [sum(p.wrap(MEASURE, 10_000)[1] for p in column) for column in (ours, theirs)]
    height = HEAD + max(heights) + MARGIN
    width = 2 * MARGIN + 2 * MEASURE + GUTTER
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    for x, column, label in ((MARGIN, ours, "report 的排版引擎（clreq / GB 规则）"),
                             (MARGIN + MEASURE + GUTTER, theirs,
                              "ReportLab Paragraph(wordWrap='CJK', TA_JUSTIFY)")):
        draw_column(canvas, x, height - HEAD, column, label)
    canvas.save()
    return buffer.getvalue(), height


def draw_column(canvas: Canvas, x: float, top: float, column: list, label: str) -> None:
    canvas.setFont(SANS, 9)
    canvas.setFillColorRGB(0.2, 0.25, 0.3)
    canvas.drawString(x, top + 14, label)
    canvas.setStrokeColorRGB(0.55, 0.7, 0.85)
    canvas.setLineWidth(0.6)
    bottom = top - sum(flowable.wrap(MEASURE, 10_000)[1] for flowable in column)
    for edge in (x, x + MEASURE):
        canvas.line(edge, bottom - 4, edge, top + 4)
    y = top
    for flowable in column:
        _, h = flowable.wrap(MEASURE, 10_000)
        y -= h
        flowable.drawOn(canvas, x, y)


def render(pdf: bytes) -> Image.Image:
    document = pdfium.PdfDocument(pdf)
    try:
        return document[0].render(scale=SCALE).to_pil()
    finally:
        document.close()


def mark_bad_line_starts(image: Image.Image, pdf: bytes, height: float) -> None:
    """A red box round every glyph that starts a line though it may not (read from the PDF)."""
    draw = ImageDraw.Draw(image)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = [c for c in document.pages[0].chars if c["fontname"].endswith(SERIF)]
    lines: dict[tuple[int, float], list[dict]] = {}
    for char in chars:
        column = 0 if char["x0"] < MARGIN + MEASURE + GUTTER / 2 else 1
        lines.setdefault((column, round(char["top"], 1)), []).append(char)
    for glyphs in lines.values():
        first = min(glyphs, key=lambda c: c["x0"])
        if first["text"] in NO_START:
            box = [first["x0"] - 1.5, first["top"] - 1.5, first["x1"] + 1.5, first["bottom"] + 1.5]
            draw.rectangle([v * SCALE for v in box], outline=(210, 30, 30), width=3)


if __name__ == "__main__":
    raise SystemExit(main())
