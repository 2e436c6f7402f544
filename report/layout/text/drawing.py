"""Draw set lines on a ReportLab canvas (layout stage, text engine).

One PDF text object per block. Every GlyphRun is placed absolutely (Tm) and
shown with its own character spacing (Tc), so the text layer holds exactly the
source characters in reading order, with no space characters of our own:

- pdfium adds no space between glyphs of one text-show operator that only
  differ by Tc, so Han characters spread by justification stay together;
- pdfminer/pdfplumber drop the Tc after the last glyph of a string, which is
  why each run gets its own absolute origin instead of flowing from the last.

Fonts are CIDFonts (report/assets/cidfont.py): one font per face, two bytes
per character, so a run is one `<…> Tj` whose hex string is the run's text
translated through the font's table in one str.translate call. ReportLab's
own textOut would measure the string again, split it into 8-bit subsets and
format every number with fp_str; numbers here are formatted by number(),
fp_str's digits without its slow loop. A colour's operator is made by the
text object's own setFillColor the first time and remembered.

Links become link annotations over the glyphs of linked runs.
Imports: setting, style.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from .setting import GlyphRun, Line

# The ideographic em box of CJK fonts runs from -0.12 em to 0.88 em.
EM_BOTTOM = -0.12
EM_TOP = 0.88

_NUMBERS: dict[float, str] = {}
# (enforcement, colour) → (operator, colour object, PDF version it asks for)
_FILL_OPS: dict[tuple, tuple[str, object, tuple[int, ...]]] = {}
_NUMBERS_MAX = 1 << 14  # about 2 MB at most, so a long document cannot grow it without end
_LOG_10 = math.log(10.0)  # as ReportLab computes log10 (log(x) / log(10)), for the same digits
_FORMATS = ("%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.5f", "%.6f")


def draw_lines(canv: Canvas, lines: Sequence[Line], x: float, baselines: Sequence[float]) -> None:
    """Draw `lines` with their left measure edge at `x` and the given baselines."""
    text = canv.beginText()
    writer = _RunWriter(canv, text)
    for line, y in zip(lines, baselines, strict=True):
        for run in line.runs:
            writer.show(run, x + run.x, y)
    canv.drawText(text)
    for line, y in zip(lines, baselines, strict=True):
        _link_runs(canv, line, x, y)


def number(value: float) -> str:
    """A number as ReportLab writes it (its fp_str), digit for digit, but quicker:
    remembered for the values met most (baselines, line starts, spacings)."""
    text = _NUMBERS.get(value)
    if text is None:
        if len(_NUMBERS) >= _NUMBERS_MAX:
            _NUMBERS.clear()
        text = _NUMBERS[value] = format_number(value)
    return text


def format_number(value: float) -> str:
    """fp_str(value) without its slow loop (fp_str is pure Python here: ReportLab's C
    accelerator is a separate package; it strips zeros one character at a time)."""
    size = abs(value)
    if size <= 1e-7:
        return "0"
    places = 6 if size <= 1 else min(max(0, 6 - int(math.log(size) / _LOG_10)), 6)
    text = _FORMATS[places] % value
    if places:
        text = text.rstrip("0")
        if text[-1] == ".":
            text = text[:-1]
    return text if text[0] != "0" or len(text) == 1 else text[1:]


class _RunWriter:
    """Appends the operators of one run after another to a text object."""

    def __init__(self, canv: Canvas, text: PDFTextObject) -> None:
        self.canv, self.text, self.code = canv, text, text._code
        self.font: tuple[str, float] | None = None
        self.color: object = None
        self.space: float | None = None
        self.codes: dict[int, str] = {}  # code point → its two-byte code in hex, for the current font

    def show(self, run: GlyphRun, x: float, y: float) -> None:
        """Tm, then font, colour and Tc only where they differ from the last run, then Tj."""
        style, code, text = run.style, self.code, self.text
        code.append(f"1 0 0 1 {number(x)} {number(y)} Tm")
        text._x0 = text._x = x
        text._y0 = text._y = y
        if self.font != (style.font, style.size):
            self._set_font(style.font, style.size)
        if self.color != style.color:
            self._set_fill(style.color)
            self.color = style.color
        if self.space != run.char_space:
            code.append(f"{number(run.char_space)} Tc")
            text._charSpace = self.space = run.char_space
        # A whole run in one call: the font's table gives each character's code (CIDFont).
        code.append(f"<{run.text.translate(self.codes)}> Tj")

    def _set_fill(self, color: tuple[float, ...]) -> None:
        """The text object's own setFillColor, whose operator (after the canvas's colour-space
        enforcement) and PDF version (1.4 for a colour with an alpha, 1 included) are
        remembered per colour: they are the same every time."""
        text, doc = self.text, self.canv._doc
        key = (text._enforceColorSpace, color)  # a module-level function of reportlab.lib.colors
        known = _FILL_OPS.get(key)
        if known is not None:
            operator, text._fillColorObj, version = known
            self.code.append(operator)
            ask_pdf_version(doc, version)
            return
        start = len(self.code)
        if len(color) == 4:  # CMYK, for the print edition
            asked = pdf_version_asked(doc, lambda: text.setFillColorCMYK(*color))
        else:
            asked = pdf_version_asked(doc, lambda: text.setFillColorRGB(*color))
        written = self.code[start:]
        # One operator, or it also set an ExtGState or a separation's colour space: not kept.
        if len(written) == 1 and written[0].endswith((" rg", " k")):
            if len(_FILL_OPS) >= _NUMBERS_MAX:
                _FILL_OPS.clear()
            _FILL_OPS[key] = (written[0], text._fillColorObj, asked)

    def _set_font(self, name: str, size: float) -> None:
        self.text.setFont(name, size)  # keeps the text object's own idea of the font right
        font = pdfmetrics.getFont(name)
        doc = self.canv._doc
        self.code.append(f"{font.resource_name(doc)} {number(size)} Tf")
        self.text._curSubset = 0
        self.font = (name, size)
        self.codes = font.hex_codes(doc)


def pdf_version_asked(doc, draw: Callable[[], object]) -> tuple[int, ...]:  # noqa: ANN001
    """Run `draw`, which writes for the ReportLab document `doc`, and return the PDF version it
    asked `doc` for (ensureMinPdfVersion: 1.4 for any opacity, 1 included); `doc` keeps the
    highest version asked so far. What is replayed later asks the same (ask_pdf_version)."""
    before = doc._pdfVersion
    doc._pdfVersion = (0, 0)
    try:
        draw()
    finally:
        asked, doc._pdfVersion = doc._pdfVersion, max(before, doc._pdfVersion)
    return asked


def ask_pdf_version(doc, version: Sequence[int]) -> None:  # noqa: ANN001
    """What ensureMinPdfVersion does, for a version pdf_version_asked noted."""
    doc._pdfVersion = max(doc._pdfVersion, tuple(version))


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
