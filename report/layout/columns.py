"""Columns that can start anywhere on a page and end balanced.

A part's blocks flow through `ColumnSet`: a flowable that fills n columns
of the frame's width (splitting paragraphs with their own widow/orphan
rules, keeping headings with what follows), splits across pages, and on the
part's last page makes its columns equally tall, so the next part's opener
can follow on the same page and no half-empty page is left mid-brochure.
Columns belong to the flowable, not to page templates, so they follow the
frame on recto and verso pages alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable, Spacer

_EPSILON = 1e-6


@dataclass
class _Column:
    placed: list[tuple[Flowable, float, float]] = field(default_factory=list)  # flowable, top, height
    used: float = 0.0


class ColumnSet(Flowable):
    """`story` set in `count` columns separated by `gutter`."""

    def __init__(self, story: list[Flowable], count: int, gutter: float, step: float,
                 full: float) -> None:
        super().__init__()
        self.story, self.count, self.gutter, self.step = list(story), count, gutter, step
        self.full = full  # a column this tall takes any block, even one too tall to fit
        self.columns: list[_Column] = []
        self._filled: tuple[tuple[float, float], tuple[list[_Column], list[Flowable]]] | None = None
        self.width = self.height = 0.0

    def column_width(self, width: float) -> float:
        return (width - self.gutter * (self.count - 1)) / self.count

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width = self.column_width(availWidth)
        columns, rest = self._fill_once(width, availHeight)
        self.width = availWidth
        if rest:
            self.height = availHeight + self.step  # too tall: the frame will ask us to split
            return self.width, self.height
        self.columns = self._balanced(width, availHeight, columns)
        self.height = max(column.used for column in self.columns)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        columns, rest = self._fill_once(self.column_width(availWidth), availHeight)
        if not any(column.placed for column in columns):
            return []
        first = ColumnSet([], self.count, self.gutter, self.step, self.full)
        first.columns, first.width, first.height = columns, availWidth, availHeight
        first.wrap = lambda w, h: (first.width, first.height)  # already laid out
        return [first, ColumnSet(rest, self.count, self.gutter, self.step, self.full)] if rest else [first]

    def _fill_once(self, width: float, height: float) -> tuple[list[_Column], list[Flowable]]:
        """_fill, remembered for the last width and height: a frame that finds the set too
        tall asks it to split at the very size it was just wrapped at (once per page)."""
        if self._filled is None or self._filled[0] != (width, height):
            self._filled = ((width, height), _fill(self.story, width, height, self.count, self.full))
        return self._filled[1]

    def _balanced(self, width: float, limit: float, columns: list[_Column]) -> list[_Column]:
        """The shortest column height, in whole steps, that still holds everything."""
        fits = {int(limit // self.step): columns}
        low = max(1, int(max(c.used for c in columns) / self.count // self.step)) - 1  # too short
        high = int(limit // self.step)  # known to fit
        while high - low > 1:
            middle = (low + high) // 2
            trial, rest = _fill(self.story, width, middle * self.step, self.count, self.full)
            if rest:
                low = middle
            else:
                high, fits[middle] = middle, trial
        return fits[high]

    def draw(self) -> None:
        width = self.column_width(self.width)
        for index, column in enumerate(self.columns):
            x = index * (width + self.gutter)
            for flowable, top, height in column.placed:
                flowable.drawOn(self.canv, x, self.height - top - height)


def _fill(story: list[Flowable], width: float, height: float, count: int,
          full: float) -> tuple[list[_Column], list[Flowable]]:
    """Pour `story` into `count` columns of `height`; return them and what did not fit."""
    queue = list(story)
    columns = []
    for _ in range(count):
        column = _Column()
        queue = _fill_column(column, queue, width, height, height >= full - _EPSILON)
        columns.append(column)
    return columns, queue


def _fill_column(column: _Column, queue: list[Flowable], width: float, height: float,
                 full: bool) -> list[Flowable]:
    while queue:
        flowable = queue[0]
        at_top = not column.placed
        if at_top and isinstance(flowable, Spacer):
            queue.pop(0)  # space is not carried to the head of a column
            continue
        before = 0.0 if at_top else flowable.getSpaceBefore()
        room = height - column.used - before
        _, needed = flowable.wrap(width, room)
        after = flowable.getSpaceAfter()
        if needed <= room + _EPSILON:
            keep = getattr(flowable, "keepWithNext", False) and len(queue) > 1 and not at_top
            if keep and not _chain_starts(queue[1:], width, room - needed - after):
                return queue  # a heading never ends a column
            column.placed.append((flowable, column.used + before, needed))
            column.used += before + needed + after
            queue.pop(0)
            continue
        parts = flowable.split(width, room) if room > 0 else []
        if len(parts) >= 2 or (parts and parts[0] is not flowable):
            head = parts[0]
            _, head_height = head.wrap(width, room)
            column.placed.append((head, column.used + before, head_height))
            column.used += before + head_height
            queue[0:1] = parts[1:]
        if at_top and full and not column.placed:
            # Taller than a whole column and cannot split: place it anyway rather than loop.
            column.placed.append((flowable, 0.0, needed))
            column.used = needed
            queue.pop(0)
        return queue
    return queue


def _chain_starts(queue: list[Flowable], width: float, room: float) -> bool:
    """Whether the start of `queue` fits in `room`, a run of kept-together flowables whole.

    A rule kept with a sub-head kept with a paragraph: the rule only stays
    when the sub-head fits and the paragraph can start after it.
    """
    flowable = queue[0]
    if not getattr(flowable, "keepWithNext", False) or len(queue) < 2:
        return _next_starts(flowable, width, room)
    before = flowable.getSpaceBefore()
    _, needed = flowable.wrap(width, room - before)
    if needed > room - before + _EPSILON:
        return False
    return _chain_starts(queue[1:], width, room - before - needed - flowable.getSpaceAfter())


def _next_starts(flowable: Flowable, width: float, room: float) -> bool:
    """Whether at least the start of `flowable` fits in `room`."""
    before = flowable.getSpaceBefore()
    if room - before <= 0:
        return False
    _, needed = flowable.wrap(width, room - before)
    if needed <= room - before + _EPSILON:
        return True
    return bool(flowable.split(width, room - before))
