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
import re
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
        self.codes = _Codes()
        self.switches: dict[int, str] = {}  # subset → "/F3+1 10.5 Tf 12.6 TL", for this font and size
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
        self.switches = {}
        self.subset_tail = f"{number(size)} Tf {number(self.text._leading)} TL"

    def _show_text(self, chars: str) -> None:
        """`(…) Tj` per stretch of characters in one font subset, switching subsets as needed.

        Whole strings at a time (str.translate), not character by character: one table
        gives each character's subset, another its escaped byte.
        """
        codes, code, text = self.codes, self.code, self.text
        if not codes.known.issuperset(chars):
            codes.learn(self.canv, self.font[0], chars)
        subsets = chars.translate(codes.subsets)
        current = text._curSubset
        if subsets.count(subsets[0]) == len(subsets):  # one subset: most runs
            subset = ord(subsets[0])
            if subset != current:
                code.append(self.switches.get(subset) or self._switch(subset))
                text._curSubset = subset
            code.append(f"({chars.translate(codes.bytes)}) Tj")
            return
        for stretch in _SAME_SUBSET.finditer(subsets):
            subset = ord(stretch.group(1))
            if subset != current:
                code.append(self.switches.get(subset) or self._switch(subset))
                current = subset
            code.append(f"({chars[stretch.start():stretch.end()].translate(codes.bytes)}) Tj")
        text._curSubset = current

    def _switch(self, subset: int) -> str:
        """The operators that select `subset` of the current font at the current size."""
        font = pdfmetrics.getFont(self.font[0])
        name = font.getSubsetInternalName(subset, self.canv._doc)
        operators = self.switches[subset] = f"{name} {self.subset_tail}"
        return operators


_SAME_SUBSET = re.compile(r"(.)\1*", re.S)  # a stretch of characters of one subset


class _Codes:
    """How one font writes characters in one document: the subset and escaped byte of each."""

    def __init__(self) -> None:
        self.known: set[str] = set()
        self.subsets: dict[int, str] = {}  # code point -> chr(subset number), for str.translate
        self.bytes: dict[int, str] = {}  # code point -> the escaped byte in that subset

    def learn(self, canv: Canvas, font: str, chars: str) -> None:
        """Let ReportLab assign new characters their subset codes, in the order they come
        (the order in which it would assign them itself)."""
        face = pdfmetrics.getFont(font)
        for ch in chars:
            if ch not in self.known:
                ((subset, byte),) = face.splitString(ch, canv._doc)
                self.known.add(ch)
                self.subsets[ord(ch)] = chr(subset)
                self.bytes[ord(ch)] = escapePDF(byte)


def _codes(canv: Canvas, font: str) -> _Codes:
    """The codes of `font` in this canvas's document."""
    doc = canv._doc
    tables = getattr(doc, "_text_engine_codes", None)
    if tables is None:
        tables = doc._text_engine_codes = {}
    codes = tables.get(font)
    if codes is None:
        codes = tables[font] = _Codes()
    return codes


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
