"""Small flowables of our own: part and heading markers, rules, grid spaces.

Drawing only: what to draw and where was decided when the story was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from report.layout.colour import Ink, set_fill, set_stroke
from report.layout.text import TextBlock


@dataclass
class PageLog:
    """What the first layout pass learns for the second: where each part starts."""

    part_pages: dict[str, int] = field(default_factory=dict)
    pages_before_back: int = 0
    part_titles: dict[int, str] = field(default_factory=dict)  # page → running head


class Marker(Flowable):
    """Zero-size: a named destination, an outline entry, and the running head from here on.

    The running head of a page names the part in progress at the top of the
    page; a part that begins in the first lines of a page names it instead.
    """

    def __init__(self, key: str, title: str, level: int, log: PageLog,
                 running_head: str | None = None, page_top: float = 0.0, near: float = 0.0) -> None:
        super().__init__()
        self.key, self.title, self.level, self.log = key, title, level, log
        self.running_head, self.page_top, self.near = running_head, page_top, near
        self.keepWithNext = True
        self.page_y = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, ANN001
        self.page_y = y
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        canv = self.canv
        canv.bookmarkPage(self.key)
        canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        self.log.part_pages.setdefault(self.key, canv.getPageNumber())
        if self.running_head is not None:
            canv._running_head = self.running_head
            if self.page_y >= self.page_top - self.near:
                canv._page_head = self.running_head


def start_page_head(canv) -> None:  # noqa: ANN001 - a ReportLab canvas
    """At a page's start the running head is the part still in progress."""
    canv._page_head = getattr(canv, "_running_head", "")


def page_head(canv) -> str:  # noqa: ANN001
    return getattr(canv, "_page_head", "")


class Rule(Flowable):
    """A horizontal rule of `length` (0: the full width) in a colour."""

    def __init__(self, color: Ink, thickness: float, length: float = 0.0, space: float = 0.0,
                 keep: bool = False) -> None:
        super().__init__()
        self.color, self.thickness, self.length, self.space = color, thickness, length, space
        self.keepWithNext = keep

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = self.length or availWidth
        return self.width, self.space

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        set_stroke(canv, self.color)
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
                 em: float, rule: Ink, space: float) -> None:
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
        set_stroke(canv, self.rule)
        canv.setLineWidth(0.4)
        canv.line(0, 0, self.width, 0)
        canv.restoreState()
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class OpenerBand(Flowable):
    """A part opener: its blocks on a tinted band that runs to both page edges (and the bleed)."""

    def __init__(self, blocks: list[Flowable], tint: Ink, accent: Ink, page_width: float,
                 padding: float, bleed: float) -> None:
        super().__init__()
        self.blocks, self.tint, self.accent = blocks, tint, accent
        self.page_width, self.padding, self.bleed = page_width, padding, bleed
        self.heights: list[float] = []
        self.page_x = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.heights = [block.wrap(availWidth, availHeight)[1] + vertical_space(block)
                        for block in self.blocks]
        self.height = sum(self.heights) + 2 * self.padding
        return self.width, self.height

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, ANN001
        self.page_x = x  # where the frame put us: the band reaches back to the page edge
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        canv = self.canv
        left = -self.page_x - self.bleed
        canv.saveState()
        set_fill(canv, self.tint)
        canv.rect(left, 0, self.page_width + 2 * self.bleed, self.height, stroke=0, fill=1)
        set_fill(canv, self.accent)
        canv.rect(left, 0, self.page_width + 2 * self.bleed, 0.8 * 72 / 25.4, stroke=0, fill=1)
        canv.restoreState()
        y = self.height - self.padding
        for block, height in zip(self.blocks, self.heights, strict=True):
            y -= height
            block.drawOn(canv, 0, y + block.getSpaceAfter())


def vertical_space(flowable: Flowable) -> float:
    """The space a flowable asks for above and below itself."""
    return flowable.getSpaceBefore() + flowable.getSpaceAfter()
