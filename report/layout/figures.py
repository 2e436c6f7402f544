"""Flowables for figures (layout stage): charts, key-figure tiles, data tables, callouts.

Drawing and fitting only: the story maker (report.layout.datastory) decides
what goes in them. Every figure's height is a whole number of baseline-grid
lines, so the body text after it stays on the grid. A flowable with
`full_width = True` is placed across all columns (story.columns() ends the
current ColumnSet before it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.platypus import Flowable

from report.layout.colour import Ink, set_fill, set_stroke
from report.layout.text import Span, TextBlock, set_lines

_EPSILON = 1e-6


def on_grid(height: float, leading: float) -> float:
    """`height` rounded up to whole lines."""
    return math.ceil(height / leading - _EPSILON) * leading


def natural_width(spans: Sequence[Span]) -> float:
    """Width of `spans` set on one line, with the text engine's own spacing."""
    return _natural_width(tuple(spans))


@lru_cache(maxsize=4096)
def _natural_width(spans: tuple[Span, ...]) -> float:
    # Tables and tiles ask again at every wrap and split; spans are frozen, so the answer keeps.
    lines = set_lines(spans, 100_000.0, align="left")
    return max((line.natural_width for line in lines), default=0.0)


class Stack(Flowable):
    """Parts drawn one under another (title, drawing, source …), kept together."""

    def __init__(self, parts: list[Flowable], leading: float, full_width: bool = False,
                 rule: Ink | None = None) -> None:
        super().__init__()
        self.parts, self.leading, self.full_width, self.rule = parts, leading, full_width, rule
        self.heights: list[float] = []
        self.spaceBefore = self.spaceAfter = leading / 2

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        self.heights = [part.wrap(availWidth, availHeight)[1] for part in self.parts]
        self.height = on_grid(sum(self.heights), self.leading)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        if self.rule is not None:
            _hline(self.canv, self.rule, 1.0, 0, self.width, y)
        for part, height in zip(self.parts, self.heights, strict=True):
            y -= height
            part.drawOn(self.canv, 0, y)


class Gap(Flowable):
    """Empty space of a fixed height inside a Stack."""

    def __init__(self, height: float) -> None:
        super().__init__()
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, self.height

    def draw(self) -> None:
        """Nothing: only the space."""


# --- key figures ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TileText:
    """What one tile says; number spans are made once the tile width is known."""

    number: Callable[[float], list[Span]]  # number size → spans of qualifier, digits and unit
    label: list[Span]
    compare: list[Span]


class TileGrid(Flowable):
    """Key figures: tiles of a big number, its unit, a label and a comparison, in rows.

    All numbers of a group are set in one size: the theme's figure size, or
    smaller when the widest number would not fit its tile.
    """

    def __init__(self, tiles: list[TileText], per_row: int, size: float, smallest: float,
                 label_leading: float, rule: Ink, leading: float) -> None:
        super().__init__()
        self.tiles, self.per_row, self.size, self.smallest = tiles, per_row, size, smallest
        self.label_leading, self.rule, self.leading = label_leading, rule, leading
        self.gap = leading  # between tiles, across and down
        self.cells: list[list[TextBlock]] = []
        self.rows: list[float] = []
        self.wrapped_width = -1.0  # the tiles are set once per width: columns wrap them often

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        if availWidth != self.wrapped_width:
            tile = self.tile_width(availWidth)
            size = self.fitted_size(tile)
            self.cells = [self.blocks(text, size) for text in self.tiles]
            heights = [sum(block.wrap(tile, availHeight)[1] for block in blocks) for blocks in self.cells]
            self.rows = [max(heights[i:i + self.per_row]) for i in range(0, len(heights), self.per_row)]
            self.wrapped_width = availWidth
        self.height = on_grid(sum(self.rows) + self.gap * (len(self.rows) - 1), self.leading)
        return self.width, self.height

    def tile_width(self, width: float) -> float:
        return (width - self.gap * (self.per_row - 1)) / self.per_row

    def fitted_size(self, tile: float) -> float:
        widest = max(natural_width(text.number(self.size)) for text in self.tiles)
        return max(self.smallest, min(self.size, self.size * tile / widest))

    def blocks(self, text: TileText, size: float) -> list[TextBlock]:
        number = TextBlock(text.number(size), leading=size * 1.3, align="left", space_before=4)
        blocks = [number, TextBlock(text.label, leading=self.label_leading, align="left")]
        if text.compare:
            blocks.append(TextBlock(text.compare, leading=self.label_leading, align="left"))
        return blocks

    def draw(self) -> None:
        tile = self.tile_width(self.width)
        top = self.height
        for row, height in enumerate(self.rows):
            for column, blocks in enumerate(self.cells[row * self.per_row:(row + 1) * self.per_row]):
                x = column * (tile + self.gap)
                _hline(self.canv, self.rule, 1.2, x, x + tile, top)
                y = top - 4  # the number's space_before is below the rule
                for block in blocks:
                    y -= block.height
                    block.drawOn(self.canv, x, y)
            top -= height + self.gap


# --- tables -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableText:
    """A table's text as spans: header cells, then rows of (number or text, unit) per column."""

    header: list[list[Span]]
    rows: list[list[tuple[list[Span], list[Span]]]]
    numeric: list[bool]


@dataclass(frozen=True)
class TableLook:
    leading: float  # of cell text
    grid: float  # the baseline grid
    pad: float  # above and below cell text, and between columns
    zebra: Ink | None
    rule: Ink
    accent: Ink


class TableGrid(Flowable):
    """A table set by the text engine; the header row is repeated on every part after a split."""

    def __init__(self, text: TableText, look: TableLook, title: TextBlock | None = None,
                 source: TextBlock | None = None, rows: range | None = None,
                 full_width: bool = False, measured: dict | None = None) -> None:
        super().__init__()
        self.text, self.look, self.title, self.source = text, look, title, source
        self.range = rows if rows is not None else range(len(text.rows))
        self.full_width = full_width
        self.spaceBefore = self.spaceAfter = look.grid / 2
        self.widths: list[tuple[float, float]] = []  # per column: (content, unit part)
        self.layout_width = -1.0
        # width → (column widths, cell blocks): shared with the parts split off this table,
        # which would otherwise set every cell of the whole table again.
        self.measured = measured if measured is not None else {}

    # sizes

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._measure(availWidth)
        self.width = availWidth
        self.height = on_grid(self._head() + sum(self._row(i) for i in self.range) + self._foot(),
                              self.look.grid)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self._measure(availWidth)
        used, fit = self._head(), 0
        for i in self.range:
            if used + self._row(i) > availHeight + _EPSILON:
                break
            used, fit = used + self._row(i), fit + 1
        if fit == len(self.range):
            return [self]
        if fit < 2 or len(self.range) - fit < 2:
            return []  # never one row alone above or below a break
        first, rest = self.range[:fit], self.range[fit:]
        head = TableGrid(self.text, self.look, self.title, None, first, self.full_width, self.measured)
        tail = TableGrid(self.text, self.look, None, self.source, rest, self.full_width, self.measured)
        head.spaceAfter, tail.spaceBefore = 0, 0
        return [head, tail]

    def _measure(self, width: float) -> None:
        if abs(width - self.layout_width) > _EPSILON:
            if width not in self.measured:
                self.widths = column_widths(self.text, width, self.look.pad)
                self.measured[width] = self.widths, [self._cells(self.text.header, True)] + [
                    self._cells(row, False) for row in self.text.rows]
            self.widths, self.blocks = self.measured[width]
            self.layout_width = width
            for extra in (self.title, self.source):
                if extra is not None:
                    extra.wrap(width, 10_000)

    def _cells(self, row: list, header: bool) -> list[tuple[TextBlock, TextBlock | None]]:
        cells = []
        for index, item in enumerate(row):
            numeric = self.text.numeric[index]
            content, unit = (item, []) if header else item
            align = "right" if numeric else "left"
            width, unit_width = self.widths[index]
            block = TextBlock(content, leading=self.look.leading, align=align)
            block.wrap(width if header else width - unit_width, 10_000)
            unit_block = None
            if unit:
                unit_block = TextBlock(unit, leading=self.look.leading, align="left")
                unit_block.wrap(unit_width - self.look.pad / 2, 10_000)
            cells.append((block, unit_block))
        return cells

    def _row(self, index: int) -> float:
        return max(b.height for b, _ in self.blocks[index + 1]) + 2 * self.look.pad

    def _head(self) -> float:
        title = self.title.height + self.look.pad if self.title is not None else 0.0
        return title + max(b.height for b, _ in self.blocks[0]) + 2 * self.look.pad

    def _foot(self) -> float:
        return self.source.height + self.look.pad if self.source is not None else 0.0

    # drawing

    def draw(self) -> None:
        canv, look = self.canv, self.look
        y = self.height
        if self.title is not None:
            y -= self.title.height
            self.title.drawOn(canv, 0, y)
            y -= look.pad
        _hline(canv, look.accent, 1.2, 0, self.width, y)
        y = self._draw_row(self.blocks[0], y, None)
        _hline(canv, look.accent, 0.6, 0, self.width, y)
        for n, index in enumerate(self.range):
            shade = look.zebra if look.zebra is not None and n % 2 == 1 else None
            y = self._draw_row(self.blocks[index + 1], y, shade)
        _hline(canv, look.rule, 0.6, 0, self.width, y)
        if self.source is not None:
            self.source.drawOn(canv, 0, y - look.pad - self.source.height)

    def _draw_row(self, cells: list[tuple[TextBlock, TextBlock | None]], top: float,
                  shade: Ink | None) -> float:
        pad = self.look.pad
        height = max(block.height for block, _ in cells) + 2 * pad
        if shade is not None:
            self.canv.saveState()
            set_fill(self.canv, shade)
            self.canv.rect(0, top - height, self.width, height, stroke=0, fill=1)
            self.canv.restoreState()
        x = 0.0
        for (block, unit), (width, unit_width) in zip(cells, self.widths, strict=True):
            block.drawOn(self.canv, x + pad / 2, top - pad - block.height)
            if unit is not None:  # after the number's right edge and a gap of pad / 2
                unit.drawOn(self.canv, x + width - unit_width + pad, top - pad - unit.height)
            x += width + pad
        return top - height


def column_widths(text: TableText, width: float, pad: float) -> list[tuple[float, float]]:
    """(content width, of which the unit part) for each column.

    Numbers keep their natural width, right-aligned, units in a part of
    their own after them, so the numbers of a column end at one x and their
    units start at one x. Text columns share what is left, in proportion to
    their natural widths.
    """
    count = len(text.header)
    space = width - pad * count
    numbers = [max((natural_width(row[i][0]) for row in text.rows), default=0.0) for i in range(count)]
    units = [max((natural_width(row[i][1]) + pad / 2 if row[i][1] else 0.0 for row in text.rows),
                 default=0.0) for i in range(count)]
    heads = [natural_width(cell) for cell in text.header]
    natural = [max(heads[i], numbers[i] + units[i]) for i in range(count)]
    fixed = sum(natural[i] for i in range(count) if text.numeric[i])
    flexible = [natural[i] for i in range(count) if not text.numeric[i]]
    share = (space - fixed) / sum(flexible) if flexible and sum(flexible) else 1.0
    out = []
    for i in range(count):
        content = natural[i] if text.numeric[i] else natural[i] * share
        out.append((content, units[i]))
    if not flexible:  # only numbers: spread the spare width evenly
        spare = (space - fixed) / count
        out = [(content + spare, unit) for content, unit in out]
    return out


# --- callouts ---------------------------------------------------------------------------------------------


class CalloutBox(Flowable):
    """A note on a tinted background with a bar in the theme colour on its left."""

    def __init__(self, blocks: list[TextBlock], color: Ink, tint: Ink, leading: float) -> None:
        super().__init__()
        self.blocks, self.color, self.tint, self.leading = blocks, color, tint, leading
        self.pad = leading / 2
        self.bar = 3.0
        self.spaceBefore = self.spaceAfter = leading / 2

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        inner = availWidth - self.bar - 2 * self.pad
        content = sum(block.wrap(inner, availHeight)[1] for block in self.blocks)
        self.height = on_grid(content + 2 * self.pad, self.leading)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        set_fill(canv, self.tint)
        canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        set_fill(canv, self.color)
        canv.rect(0, 0, self.bar, self.height, stroke=0, fill=1)
        canv.restoreState()
        content = sum(block.height for block in self.blocks)
        y = self.height - (self.height - content) / 2  # centred: the box is on the grid, not its text
        for block in self.blocks:
            y -= block.height
            block.drawOn(canv, self.bar + self.pad, y)


def _hline(canv, color: Ink, thickness: float, x0: float, x1: float, y: float) -> None:  # noqa: ANN001
    canv.saveState()
    set_stroke(canv, color)
    canv.setLineWidth(thickness)
    canv.line(x0, y, x1, y)
    canv.restoreState()
