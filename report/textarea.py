"""Widths of the text area and its columns, shared by assets and layout.

Charts are rendered in the assets stage at the size they are placed at (so
their type is the true size), and the layout grid uses the same numbers:
one function, so the two cannot disagree. Imports only report.model.
"""

from __future__ import annotations

import math

from report.model import Page, Theme


def column_width(page: Page, theme: Theme) -> float:
    """A whole number of body characters, so justified Chinese lines need no stretching."""
    body = theme.sizes.body
    width = page.width - page.inside - page.outside
    gutter = theme.gutter * body
    chars = math.floor((width - (theme.columns - 1) * gutter) / theme.columns / body)
    return chars * body


def text_width(page: Page, theme: Theme) -> float:
    """All columns and their gutters."""
    columns = theme.columns
    return columns * column_width(page, theme) + (columns - 1) * theme.gutter * theme.sizes.body
