"""Draw set lines on a ReportLab canvas (layout stage, text engine).

One PDF text object per block. Every GlyphRun is placed absolutely (Tm) and
shown with its own character spacing (Tc), so the text layer holds exactly the
source characters in reading order, with no space characters of our own:

- pdfium adds no space between glyphs of one text-show operator that only
  differ by Tc, so Han characters spread by justification stay together;
- pdfminer/pdfplumber drop the Tc after the last glyph of a string, which is
  why each run gets its own absolute origin instead of flowing from the last.

The operators are the ones ReportLab's PDFTextObject would write, byte for
byte, but written straight into the text object: ReportLab's textOut measures
the string again, re-splits it into font subsets and formats every number
with fp_str, which made drawing a third of the layout time. Here each
character's subset code and escaped byte are looked up once per document and
numbers are formatted by number(), fp_str's digits without its slow loop.
Font and colour changes still go through the text object's own methods
(they are rare).

Links become link annotations over the glyphs of linked runs.
Imports: setting, style.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from .setting import GlyphRun, Line

# The ideographic em box of CJK fonts runs from -0.12 em to 0.88 em.
EM_BOTTOM = -0.12
EM_TOP = 0.88

_NUMBERS: dict[float, str] = {}
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
        self.codes: dict[str, tuple[int, str]] = {}
        self.subset_names: dict[int, str] = {}
        self.subset_tail = ""  # " 10.5 Tf 12.6 TL" after a subset's name

    def show(self, run: GlyphRun, x: float, y: float) -> None:
        """Tm, then font, colour and Tc only where they differ from the last run, then Tj."""
        style, code, text = run.style, self.code, self.text
        code.append(f"1 0 0 1 {number(x)} {number(y)} Tm")
        text._x0 = text._x = x
        text._y0 = text._y = y
        if self.font != (style.font, style.size):
            self._set_font(style.font, style.size)
        if self.color != style.color:
            if len(style.color) == 4:  # CMYK, for the print edition
                text.setFillColorCMYK(*style.color)
            else:
                text.setFillColorRGB(*style.color)
            self.color = style.color
        if self.space != run.char_space:
            code.append(f"{number(run.char_space)} Tc")
            text._charSpace = self.space = run.char_space
        self._show_text(run.text)

    def _set_font(self, font: str, size: float) -> None:
        self.text.setFont(font, size)  # a TrueType font: no operator yet, the subset decides
        self.font = (font, size)
        self.codes = _codes(self.canv, font)
        self.subset_names = {}
        self.subset_tail = f"{number(size)} Tf {number(self.text._leading)} TL"

    def _show_text(self, chars: str) -> None:
        """`(…) Tj` per stretch of characters in one font subset, switching subsets as needed."""
        codes, text, code = self.codes, self.text, self.code
        subset, pieces = -1, []
        for ch in chars:
            entry = codes.get(ch)
            if entry is None:
                entry = _learn(self.canv, self.font[0], codes, ch)
            if entry[0] != subset:
                if pieces:
                    code.append(f"({''.join(pieces)}) Tj")
                    pieces = []
                subset = entry[0]
                if subset != text._curSubset:
                    code.append(f"{self._subset_name(subset)} {self.subset_tail}")
                    text._curSubset = subset
            pieces.append(entry[1])
        if pieces:
            code.append(f"({''.join(pieces)}) Tj")

    def _subset_name(self, subset: int) -> str:
        name = self.subset_names.get(subset)
        if name is None:
            font = pdfmetrics.getFont(self.font[0])
            name = self.subset_names[subset] = font.getSubsetInternalName(subset, self.canv._doc)
        return name


def _codes(canv: Canvas, font: str) -> dict[str, tuple[int, str]]:
    """Character → (subset, escaped byte) of `font` in this canvas's document."""
    doc = canv._doc
    tables = getattr(doc, "_text_engine_codes", None)
    if tables is None:
        tables = doc._text_engine_codes = {}
    return tables.setdefault(font, {})


def _learn(canv: Canvas, font: str, codes: dict[str, tuple[int, str]], ch: str) -> tuple[int, str]:
    """Let ReportLab assign the character its subset code (same order as it would), once."""
    ((subset, byte),) = pdfmetrics.getFont(font).splitString(ch, canv._doc)
    entry = codes[ch] = (subset, escapePDF(byte))
    return entry


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
