"""TextBlock: a platypus Flowable of Chinese running text (layout stage, text engine).

Lines are broken once per width (set_lines) and cached. The block is a whole
number of lines tall: height = lines × leading. Line i's baseline lies
`baseline_offset + i × leading` below the block's top, where

    baseline_offset = leading / 2 + 0.38 × size

(size = the largest font size in the block), i.e. the ideographic em box
(−0.12 em … 0.88 em) is centred in its line's leading. Two columns with the
same leading and size therefore keep their lines level.

split() keeps widow/orphan rules: it never leaves a paragraph's first line
alone at the bottom of a frame, nor carries its last line alone to the next.
Imports: drawing, linestore, setting, style.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from .drawing import draw_lines
from .linestore import LinesKey, active_store, lines_key
from .setting import Line, set_lines
from .style import Span

EM_CENTER = 0.38  # centre of the ideographic em box above the baseline, in em


class TextBlock(Flowable):
    """A paragraph (or any run of inline spans) set by our Chinese text engine."""

    def __init__(self, spans: Sequence[Span], *, leading: float, first_indent: float = 0.0,
                 align: str = "justify", space_before: float = 0.0, space_after: float = 0.0,
                 keep_with_next: bool = False) -> None:
        super().__init__()
        if leading <= 0:
            raise ValueError(f"leading must be positive, not {leading}")
        self.spans = tuple(spans)
        self.leading = leading
        self.first_indent = first_indent
        self.align = align
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.keepWithNext = keep_with_next
        self._cache: dict[float, list[Line]] = {}
        # Where this block's text starts in the text its cached lines were set for: a split
        # piece reuses its parent's Line objects instead of copying every one of them with
        # shifted offsets, which made a long paragraph quadratic (one copy per page).
        self._origin: dict[float, int] = {}
        self.width = 0.0
        self.height = 0.0
        self.lines: list[Line] = []

    def __repr__(self) -> str:
        text = "".join(span.text for span in self.spans)
        return f"TextBlock({text[:20]!r}{'…' if len(text) > 20 else ''})"

    @property
    def size(self) -> float:
        """Largest font size in the block (the em the baseline grid is based on)."""
        return max((span.style.size for span in self.spans), default=0.0)

    @property
    def baseline_offset(self) -> float:
        """Distance from the block's top to the first baseline, pt."""
        return self.leading / 2 + EM_CENTER * self.size

    def lines_for(self, width: float) -> list[Line]:
        """The block's lines at `width` pt, rounded to 0.001 pt (computed once per width).

        Rounded because a frame's width comes out of (x + width) - x, which differs in the
        last bit between recto and verso pages: the same paragraph must be set the same
        wherever it lands, and a helper setting it ahead must be able to know the width.
        """
        width = round(width, 3)
        lines = self._cache.get(width)
        if lines is None:
            store = active_store()
            if store is None:
                lines = set_lines(self.spans, width, first_indent=self.first_indent, align=self.align)
            else:
                lines = store.lines(self.spans, width, self.first_indent, self.align)
            self._cache[width] = lines
        return lines

    def lines_key(self, width: float) -> LinesKey:
        """What the block's lines at `width` (already rounded) depend on: a LineStore's key."""
        return lines_key(self.spans, width, self.first_indent, self.align)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.lines = self.lines_for(availWidth)
        self.width = availWidth
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[TextBlock]:  # noqa: N803
        lines = self.lines_for(availWidth)
        keep = lines_to_keep(len(lines), int(availHeight / self.leading + 1e-6))
        if keep == len(lines):
            return [self]
        if keep == 0:
            return []
        return [self._head(lines[:keep], availWidth), self._tail(lines, keep, availWidth)]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        """Flowable.drawOn, the same operators (q, the translation, the text, Q), without
        saveState's copy of two dozen canvas attributes and ExtGState: drawing a block
        changes none of them (its text object keeps its own font and colour) except the
        transform, which is put back. A brochure has thousands of blocks."""
        if self._showBoundary:  # ReportLab's debugging outline draws with the canvas's state
            super().drawOn(canvas, x, y, _sW)
            return
        matrix = canvas._currentMatrix
        canvas._code.append("q")
        canvas.translate(self._hAlignAdjust(x, _sW), y)
        self.canv = canvas
        try:
            self.draw()
        finally:
            del self.canv
            canvas._code.append("Q")
            canvas._currentMatrix = matrix

    def draw(self) -> None:
        top = self.height
        baselines = [top - self.baseline_offset - i * self.leading for i in range(len(self.lines))]
        draw_lines(self.canv, self.lines, 0.0, baselines)

    def _head(self, lines: list[Line], width: float) -> TextBlock:
        """The part that stays: same spans up to the break, lines already set."""
        key = round(width, 3)
        origin = self._origin.get(key, 0)
        head = self._derived(slice_spans(self.spans, 0, lines[-1].end - origin), self.first_indent)
        head.spaceAfter = 0.0
        head.keepWithNext = False
        head._cache[key] = lines
        head._origin[key] = origin
        return head

    def _tail(self, lines: list[Line], keep: int, width: float) -> TextBlock:
        """The part that moves on: text from the first carried line, never indented."""
        key = round(width, 3)
        start = lines[keep].start  # in the coordinates of the cached lines
        tail = self._derived(slice_spans(self.spans, start - self._origin.get(key, 0), None), 0.0)
        tail.spaceBefore = 0.0
        tail._cache[key] = lines[keep:]
        tail._origin[key] = start
        return tail

    def _derived(self, spans: list[Span], first_indent: float) -> TextBlock:
        return TextBlock(spans, leading=self.leading, first_indent=first_indent,
                         align=self.align, space_before=self.spaceBefore,
                         space_after=self.spaceAfter, keep_with_next=self.keepWithNext)


def lines_to_keep(total: int, fit: int) -> int:
    """How many of `total` lines to leave in a frame with room for `fit` lines.

    Never a lone first line at a frame's foot (orphan), never a lone last
    line at the next frame's head (孤行 / widow): move one more line, or the
    whole paragraph when it only has two or three lines.
    """
    if fit >= total:
        return total
    keep = fit
    if total - keep == 1:
        keep -= 1  # carry two lines, not one
    if keep < 2:
        return 0  # the first line would stand alone: move everything
    return keep


def slice_spans(spans: Sequence[Span], start: int, end: int | None) -> list[Span]:
    """The spans covering paragraph text[start:end], cut at the ends."""
    out, offset = [], 0
    for span in spans:
        lo, hi = offset, offset + len(span.text)
        offset = hi
        a = max(lo, start)
        b = hi if end is None else min(hi, end)
        if a < b:
            out.append(replace(span, text=span.text[a - lo:b - lo]))
    return out
