"""Draw set lines on a ReportLab canvas (layout stage, text engine).

One PDF text object per block. Every GlyphRun is placed absolutely (Tm) and
shown with its own character spacing (Tc), so the text layer holds exactly the
source characters in reading order, with no space characters of our own:

- pdfium adds no space between glyphs of one text-show operator that only
  differ by Tc, so Han characters spread by justification stay together;
- pdfminer/pdfplumber drop the Tc after the last glyph of a string, which is
  why each run gets its own absolute origin instead of flowing from the last.

Links become link annotations over the glyphs of linked runs.
Imports: setting, style.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from .setting import GlyphRun, Line

# The ideographic em box of CJK fonts runs from -0.12 em to 0.88 em.
EM_BOTTOM = -0.12
EM_TOP = 0.88


def draw_lines(canv: Canvas, lines: Sequence[Line], x: float, baselines: Sequence[float]) -> None:
    """Draw `lines` with their left measure edge at `x` and the given baselines."""
    text = canv.beginText()
    state: dict[str, object] = {}
    for line, y in zip(lines, baselines, strict=True):
        for run in line.runs:
            _show(text, run, x, y, state)
    canv.drawText(text)
    for line, y in zip(lines, baselines, strict=True):
        _link_runs(canv, line, x, y)


def _show(text: PDFTextObject, run: GlyphRun, x: float, y: float,
          state: dict[str, object]) -> None:
    """Emit one run, changing font, colour and Tc only when they differ from the last run."""
    style = run.style
    text.setTextOrigin(x + run.x, y)
    font = (style.font, style.size)
    if state.get("font") != font:
        text.setFont(style.font, style.size)
        state["font"] = font
    if state.get("color") != style.color:
        if len(style.color) == 4:  # CMYK, for the print edition
            text.setFillColorCMYK(*style.color)
        else:
            text.setFillColorRGB(*style.color)
        state["color"] = style.color
    if state.get("space") != run.char_space:
        text.setCharSpace(run.char_space)
        state["space"] = run.char_space
    text.textOut(run.text)


def _link_runs(canv: Canvas, line: Line, x: float, y: float) -> None:
    """One link rectangle per stretch of adjacent runs that share a destination."""
    rect: list[float] | None = None
    dest: str | None = None
    first = 0  # index in line.text of the run's first character
    for run in line.runs:
        if run.link != dest and rect is not None and dest is not None:
            canv.linkRect("", dest, tuple(rect), relative=1, thickness=0)
            rect = None
        dest = run.link
        last = first + len(run.text) - 1
        if dest is not None:
            box = [x + run.x, y + EM_BOTTOM * run.style.size,
                   x + line.xs[last] + line.advances[last], y + EM_TOP * run.style.size]
            rect = box if rect is None else [min(rect[0], box[0]), min(rect[1], box[1]),
                                             max(rect[2], box[2]), max(rect[3], box[3])]
        first = last + 1
    if rect is not None and dest is not None:
        canv.linkRect("", dest, tuple(rect), relative=1, thickness=0)
