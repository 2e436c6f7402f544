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
from report.model import Page, Theme

MM = 72 / 25.4


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
