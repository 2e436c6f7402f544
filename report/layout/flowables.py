"""Small flowables of our own: part and heading markers, rules, grid spaces.

Drawing only: what to draw and where was decided when the story was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from report.layout.text import TextBlock
from report.model import RGB


@dataclass
class PageLog:
    """What the first layout pass learns for the second: where each part starts."""

    part_pages: dict[str, int] = field(default_factory=dict)
    pages_before_back: int = 0
    part_titles: dict[int, str] = field(default_factory=dict)  # page → running head


class Marker(Flowable):
    """Zero-size: a named destination, an outline entry, and the running head from here on."""

    def __init__(self, key: str, title: str, level: int, log: PageLog,
                 running_head: str | None = None) -> None:
        super().__init__()
        self.key, self.title, self.level, self.log = key, title, level, log
        self.running_head = running_head
        self.keepWithNext = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        canv.bookmarkPage(self.key)
        canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        page = canv.getPageNumber()
        self.log.part_pages.setdefault(self.key, page)
        if self.running_head is not None:
            canv._running_head = self.running_head


class Rule(Flowable):
    """A horizontal rule of `length` (0: the full width) in a colour."""

    def __init__(self, color: RGB, thickness: float, length: float = 0.0, space: float = 0.0) -> None:
        super().__init__()
        self.color, self.thickness, self.length, self.space = color, thickness, length, space

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = self.length or availWidth
        return self.width, self.space

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColorRGB(*self.color)
        canv.setLineWidth(self.thickness)
        y = self.space / 2
        canv.line(0, y, self.width, y)
        canv.restoreState()


class LogBackCover(Flowable):
    """Zero-size: records how many pages come before the back cover."""

    def __init__(self, log: PageLog) -> None:
        super().__init__()
        self.log = log

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.log.pages_before_back = self.canv.getPageNumber() - 1


class TocEntry(Flowable):
    """One entry of the table of contents: number, title (and subtitle), page; all of it a link."""

    def __init__(self, number: TextBlock, title: list[TextBlock], page: TextBlock, key: str,
                 em: float, rule: RGB, space: float) -> None:
        super().__init__()
        self.number, self.title, self.page, self.key = number, title, page, key
        self.side = 3 * em  # width of the number column and of the page column
        self.rule, self.space = rule, space
        self.heights: list[float] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        inner = availWidth - 2 * self.side
        self.heights = [block.wrap(inner, availHeight)[1] for block in self.title]
        self.height = sum(self.heights) + self.space
        return self.width, self.height

    def draw(self) -> None:
        canv, top = self.canv, self.height - self.space / 2
        for block, x in ((self.number, 0.0), (self.page, self.width - self.side)):
            _, height = block.wrap(self.side, top)
            block.drawOn(canv, x, top - height)
        y = top
        for block, height in zip(self.title, self.heights, strict=True):
            y -= height
            block.drawOn(canv, self.side, y)
        canv.saveState()
        canv.setStrokeColorRGB(*self.rule)
        canv.setLineWidth(0.4)
        canv.line(0, 0, self.width, 0)
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)
