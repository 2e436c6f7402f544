"""Texts of the data blocks with the role that draws them (assets stage, for the glyph check).

Chart labels are drawn by matplotlib in the Hei faces, tile numbers in Hei
Bold, table cells in Hei: every one of their characters must have a glyph,
checked before anything is drawn, at the cell or YAML line that holds it.
"""

from __future__ import annotations

from collections.abc import Iterator

from report.diagnostics import Location
from report.model import Chart, KeyFigures, Picture, TableView

Text = tuple[Location, str, str]  # where, the characters, a role of fonts.ROLE_FACE


def data_block_texts(block: object) -> Iterator[Text]:
    if isinstance(block, Chart):
        yield from _chart(block)
    elif isinstance(block, KeyFigures):
        yield from _figures(block)
    elif isinstance(block, TableView):
        yield from _table(block)
    elif isinstance(block, Picture):
        yield from _optional(block.location, (block.caption, block.credit), "meta")


def _both(location: Location, text: str) -> Iterator[Text]:
    """Text matplotlib may set in either weight."""
    yield location, text, "meta"
    yield location, text, "heading"


def _chart(chart: Chart) -> Iterator[Text]:
    where = chart.location
    yield where, chart.title + (f"（{chart.unit}）" if chart.unit else ""), "heading"
    yield from _optional(where, (chart.source,), "meta")
    for text in (*chart.categories, *(s.name for s in chart.series), *(a.text for a in chart.annotations)):
        yield from _both(where, text)
    for series in chart.series:
        for cell in series.cells:
            yield from _both(cell.location, cell.number.shown if cell.number else cell.text)


def _figures(figures: KeyFigures) -> Iterator[Text]:
    yield from _optional(figures.location, (figures.title,), "heading")
    yield from _optional(figures.location, (figures.source,), "meta")
    for tile in figures.tiles:
        yield tile.cell.location, tile.cell.text + (tile.unit or ""), "heading"
        yield from _optional(tile.location, (tile.label, tile.compare), "meta")


def _table(table: TableView) -> Iterator[Text]:
    yield from _optional(table.location, (table.title,), "heading")
    yield from _optional(table.location, (table.source,), "meta")
    for column in table.columns:
        yield table.location, column.name + (column.unit or ""), "heading"
    for row in table.rows:
        for item in row:
            yield item.cell.location, item.cell.text + (item.unit or ""), "meta"


def _optional(location: Location, texts: tuple[str | None, ...], role: str) -> Iterator[Text]:
    for text in texts:
        if text:
            yield location, text, role
