"""Page templates and what is drawn on every page of a kind.

Cover and back cover in the theme colours (running into the bleed), part
openers with a tinted band, running pages with a running head and a folio at
the outside corner. Frames follow the page's side: the inside margin is on
the left of a recto (odd) page and on the right of a verso. Every page is
drawn in trimmed-page coordinates, shifted onto the edition's sheet; the
print edition's crop marks are drawn last, outside the bleed.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate

from report.layout.colour import REGISTRATION, set_fill, set_stroke
from report.layout.flowables import page_head, start_page_head
from report.layout.geometry import MARK_GAP, MARK_LENGTH, Grid, Sheet
from report.layout.styles import Styles
from report.layout.text import Span, TextBlock
from report.model import MM


class SideFrame(Frame):
    """A frame that moves with the page side: column `index` of the grid, or the full width."""

    def __init__(self, grid: Grid, ident: str, y: float, height: float, index: int | None) -> None:
        width = grid.text_width if index is None else grid.column_width
        super().__init__(grid.inside, y, width, height, leftPadding=0, rightPadding=0,
                         topPadding=0, bottomPadding=0, id=ident)
        self.grid, self.index = grid, index

    def place(self, page_number: int) -> None:
        if self.index is None:
            self.x1 = self.grid.left(page_number)
        else:
            self.x1 = self.grid.column_x(page_number, self.index)


Decorate = Callable[[Canvas, int], None]


class SidePage(PageTemplate):
    """A page template whose frames follow the side and whose decoration comes last."""

    def __init__(self, ident: str, frames: list[SideFrame], sheet: Sheet,
                 background: Decorate | None = None, decorate: Decorate | None = None) -> None:
        super().__init__(id=ident, frames=frames, pagesize=sheet.media)
        self.sheet = sheet
        self.background = background or _nothing
        self.decorate = decorate or _nothing

    def beforeDrawPage(self, canv: Canvas, doc) -> None:  # noqa: ANN001 - ReportLab's hook
        # Not undone until the page ends: frames and flowables draw in trimmed-page coordinates.
        canv.translate(self.sheet.slug, self.sheet.slug)
        for frame in self.frames:
            frame.place(doc.page)
        start_page_head(canv)
        canv.saveState()
        self.background(canv, doc.page)
        canv.restoreState()

    def afterDrawPage(self, canv: Canvas, doc) -> None:  # noqa: ANN001
        canv.saveState()
        self.decorate(canv, doc.page)
        canv.restoreState()
        if self.sheet.crop_marks:
            draw_crop_marks(canv, self.sheet)


CROP_MARK_WIDTH = 0.25  # pt: a hairline, as print shops expect


def draw_crop_marks(canv: Canvas, sheet: Sheet) -> None:
    """Two marks at each trim corner, in line with the trim edges, starting outside the bleed."""
    start, end = sheet.bleed + MARK_GAP, sheet.bleed + MARK_GAP + MARK_LENGTH
    canv.saveState()
    canv.setStrokeColor(REGISTRATION)
    canv.setLineWidth(CROP_MARK_WIDTH)
    for x, out_x in ((0.0, -1), (sheet.width, 1)):
        for y, out_y in ((0.0, -1), (sheet.height, 1)):
            canv.line(x + out_x * start, y, x + out_x * end, y)  # horizontal mark, on the trim line y
            canv.line(x, y + out_y * start, x, y + out_y * end)
    canv.restoreState()


def draw_text(canv: Canvas, spans: list[Span], leading: float, x: float, top: float,
              width: float, align: str = "left") -> float:
    """Set `spans` in a box of `width` whose top is `top`; returns the height used."""
    block = TextBlock(spans, leading=leading, align=align)
    _, height = block.wrap(width, 10_000)
    block.drawOn(canv, x, top - height)
    return height


class Decorations:
    """The drawings of each page kind, for one brochure."""

    def __init__(self, grid: Grid, styles: Styles, title: str, bleed: float) -> None:
        self.grid, self.styles, self.title, self.bleed = grid, styles, title, bleed

    def fill(self, canv: Canvas, color: str, y: float, height: float) -> None:
        """A full-width band, running into the bleed past both page edges."""
        set_fill(canv, self.styles.color(color))
        canv.rect(-self.bleed, y, self.grid.page.width + 2 * self.bleed, height, stroke=0, fill=1)

    def cover_background(self, canv: Canvas, page: int) -> None:
        height = self.grid.page.height
        self.fill(canv, "accent", -self.bleed, height + 2 * self.bleed)
        self.fill(canv, "accent2", height * 0.38, 1.2 * MM)

    def back_background(self, canv: Canvas, page: int) -> None:
        self.fill(canv, "accent", -self.bleed, 67 * MM + self.bleed)

    def running(self, canv: Canvas, page: int) -> None:
        """Running head with the part's name, and the folio."""
        grid, styles = self.grid, self.styles
        role = styles.role("running")
        head = page_head(canv)
        left = grid.left(page)
        top = grid.top + 9 * MM
        outer, inner = ("right", "left") if page % 2 == 1 else ("left", "right")
        draw_text(canv, styles.plain(head, "running"), role.leading, left, top, grid.text_width, outer)
        draw_text(canv, styles.plain(self.title, "running"), role.leading, left, top,
                  grid.text_width, inner)
        set_stroke(canv, styles.color("rule"))
        canv.setLineWidth(0.4)
        y_rule = grid.top + 4 * MM
        canv.line(left, y_rule, left + grid.text_width, y_rule)
        self.folio(canv, page)

    def folio(self, canv: Canvas, page: int) -> None:
        grid, styles = self.grid, self.styles
        role = styles.role("running")
        side = "right" if page % 2 == 1 else "left"
        draw_text(canv, styles.plain(f"{page:02d}", "running", color="accent"), role.leading,
                  grid.left(page), grid.bottom - 8 * MM, grid.text_width, side)


def _nothing(canv: Canvas, page: int) -> None:
    """Cover, back cover and blank pages carry no folio."""
