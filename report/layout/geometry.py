"""The page grid: text area, columns and the places of heads and folios.

Columns are a whole number of body characters wide, so justified Chinese
lines set without stretching; what is left over widens the margins evenly.
Frame heights are whole multiples of the leading, so the lines of the two
columns stay level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from report import textarea
from report.model import MM, Page, Theme


@dataclass(frozen=True)
class Grid:
    page: Page
    columns: int
    column_width: float
    gutter: float
    inside: float  # margin after rounding the columns
    outside: float
    bottom: float  # bottom of the text area
    top: float  # top of the text area (from the page bottom)
    leading: float

    @property
    def text_width(self) -> float:
        return self.columns * self.column_width + (self.columns - 1) * self.gutter

    @property
    def text_height(self) -> float:
        return self.top - self.bottom

    def left(self, page_number: int) -> float:
        """x of the text area: recto (odd) pages have the inside margin on the left."""
        return self.inside if page_number % 2 == 1 else self.outside

    def column_x(self, page_number: int, index: int) -> float:
        return self.left(page_number) + index * (self.column_width + self.gutter)


def make_grid(page: Page, theme: Theme) -> Grid:
    body = theme.sizes.body
    leading = theme.sizes.leading
    width = page.width - page.inside - page.outside
    gutter = theme.gutter * body
    columns = theme.columns
    column_width = textarea.column_width(page, theme)
    spare = width - columns * column_width - (columns - 1) * gutter
    height = page.height - page.top - page.bottom
    lines = math.floor(height / leading)
    bottom = page.bottom + (height - lines * leading)  # the spare height goes to the bottom margin
    return Grid(
        page=page,
        columns=columns,
        column_width=column_width,
        gutter=gutter,
        inside=page.inside + spare / 2,
        outside=page.outside + spare / 2,
        bottom=bottom,
        top=page.height - page.top,
        leading=leading,
    )


MARK_GAP = 1 * MM  # crop marks start this far outside the bleed, so no mark prints on the sheet
MARK_LENGTH = 5 * MM
MARK_MARGIN = 1 * MM  # room between a mark's outer end and the PDF page edge


@dataclass(frozen=True)
class Sheet:
    """The PDF page around the trimmed page, for one edition.

    Layout always draws in trimmed-page coordinates, (0, 0) to (width,
    height); the PDF page adds `slug` on every side and each page is drawn
    shifted by it. Backgrounds always run `bleed` past the trim: on a screen
    edition (slug 0) the page edge clips them, on the print edition they
    fill the bleed.
    """

    width: float  # trim size
    height: float
    bleed: float
    slug: float  # distance from the trim edge to the PDF page edge
    crop_marks: bool

    @property
    def media(self) -> tuple[float, float]:
        return self.width + 2 * self.slug, self.height + 2 * self.slug

    @property
    def trim_box(self) -> tuple[float, float, float, float] | None:
        """TrimBox and BleedBox only where they differ from the page (the print edition)."""
        if self.slug == 0:
            return None
        return (self.slug, self.slug, self.slug + self.width, self.slug + self.height)

    @property
    def bleed_box(self) -> tuple[float, float, float, float] | None:
        if self.slug == 0:
            return None
        low = self.slug - self.bleed
        return (low, low, low + self.width + 2 * self.bleed, low + self.height + 2 * self.bleed)


def screen_sheet(page: Page, bleed: float) -> Sheet:
    return Sheet(page.width, page.height, bleed, 0.0, crop_marks=False)


def press_sheet(page: Page, bleed: float, crop_marks: bool) -> Sheet:
    slug = bleed + (MARK_GAP + MARK_LENGTH + MARK_MARGIN if crop_marks else 0.0)
    return Sheet(page.width, page.height, bleed, slug, crop_marks)
