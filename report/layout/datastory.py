"""Data blocks → flowables (layout stage): charts, key figures, tables, images, callouts.

Charts and images come ready from the assets stage (drawings and sizes);
here they get their title, unit and source line, set by the text engine in
the brochure's own type, so a chart reads like the text around it.
"""

from __future__ import annotations

import io

from PIL import Image as PILImage
from reportlab.platypus import Flowable, Image

from report.assets import Assets
from report.layout.figures import (
    CalloutBox,
    Gap,
    Stack,
    TableGrid,
    TableLook,
    TableText,
    TileGrid,
    TileText,
)
from report.layout.geometry import Grid
from report.layout.recorded import DrawingStore
from report.layout.styles import Styles
from report.layout.text import Span, TextBlock, TextStyle
from report.model import Callout, Chart, KeyFigures, Picture, TableView, Tile

UNIT_RATIO = 0.4  # a key figure's unit and qualifiers, against its number
SOURCE_PREFIX = "来源："


class DataStory:
    """Makes the flowables of data blocks for one layout pass."""

    def __init__(self, styles: Styles, grid: Grid, assets: Assets,
                 drawings: DrawingStore | None = None) -> None:
        self.styles, self.grid, self.assets = styles, grid, assets
        self.drawings = drawings if drawings is not None else DrawingStore()

    def flowables(self, block: object) -> list[Flowable]:
        make = {Chart: self.chart, KeyFigures: self.figures, TableView: self.table, Picture: self.picture,
                Callout: self.callout}[type(block)]
        return make(block)

    # --- pieces ---------------------------------------------------------------------------------------

    def text(self, text: str, role: str, align: str = "left", color: str | None = None) -> TextBlock:
        return TextBlock(self.styles.plain(text, role, color=color), leading=self.styles.role(role).leading,
                         align=align)

    def title(self, title: str | None, unit: str | None = None) -> list[Flowable]:
        if not title:
            return []
        spans = self.styles.plain(title, "chart_title")
        if unit:
            spans += self.styles.plain(f"（{unit}）", "chart_unit")
        return [Gap(self.grid.leading / 3), TextBlock(spans, leading=self.grid.leading, align="left")]

    def source(self, source: str | None) -> list[Flowable]:
        if not source:
            return []
        return [Gap(3), self.text(SOURCE_PREFIX + source, "source", align="justify")]

    # --- blocks ---------------------------------------------------------------------------------------

    def chart(self, chart: Chart) -> list[Flowable]:
        art, inks = self.assets.charts[chart.location], self.styles.inks
        # Drawn once (CMYK for the press) and replayed: see report/layout/recorded.py.
        drawing = self.drawings.flowable(f"{art.key}-{inks.key}", lambda: inks.drawing(art.drawing))
        parts = [*self.title(chart.title, chart.unit), Gap(4), drawing, *self.source(chart.source)]
        return [Stack(parts, self.grid.leading, chart.full_width, self.styles.color("accent"))]

    def figures(self, block: KeyFigures) -> list[Flowable]:
        per_row = min(block.per_row or (4 if block.full_width else 2), len(block.tiles))
        size = self.styles.theme.sizes.figure
        tiles = TileGrid([self.tile(tile) for tile in block.tiles], per_row, size, min(size, 18.0),
                         self.styles.role("figure_label").leading, self.styles.color("accent"),
                         self.grid.leading)
        parts: list[Flowable] = [*self.title(block.title), Gap(6) if block.title else Gap(0), tiles,
                                 *self.source(block.source)]
        return [Stack(parts, self.grid.leading, block.full_width)]

    def tile(self, tile: Tile) -> TileText:
        number = tile.cell.number
        assert number is not None  # the loader refuses a tile whose cell is not a number
        face, color = self.styles.fonts.hei_bold, self.styles.color("accent")

        def spans(size: float) -> list[Span]:
            small = TextStyle(face, size * UNIT_RATIO, color)
            tail = unit_after(number.suffix, tile.unit or "")
            found = [Span(number.prefix, small), Span(number.digits, TextStyle(face, size, color)),
                     Span(tail, small)]
            return [span for span in found if span.text]

        compare = self.styles.plain(tile.compare, "figure_compare") if tile.compare else []
        return TileText(spans, self.styles.plain(tile.label, "figure_label"), compare)

    def table(self, block: TableView) -> list[Flowable]:
        styles = self.styles

        def cell(text: str) -> list[Span]:
            return styles.plain(text, "table_cell") if text else []

        header = [styles.plain(c.name + (f"（{c.unit}）" if c.unit else ""), "table_head")
                  for c in block.columns]
        rows = [[(cell(item.cell.text), cell(item.unit or "")) for item in row] for row in block.rows]
        text = TableText(header, rows, [c.numeric for c in block.columns])
        look = TableLook(styles.role("table_cell").leading, self.grid.leading, 4.0,
                         styles.color("tint") if block.zebra else None, styles.color("rule"),
                         styles.color("accent"))
        title = self.title(block.title)
        source = self.source(block.source)
        return [TableGrid(text, look, title[-1] if title else None, source[-1] if source else None,
                          full_width=block.full_width)]

    def picture(self, block: Picture) -> list[Flowable]:
        art = self.assets.images[block.location]
        with PILImage.open(art.path) as source:  # downsampled for screens, CMYK for the press
            inked = self.styles.inks.image(source, art.width, art.height)
        parts: list[Flowable] = [Image(_png_or_tiff(inked), art.width, art.height)]
        if block.caption:
            parts += [Gap(4), self.text(block.caption, "caption", align="justify")]
        if block.credit:
            parts += [self.text(block.credit, "source", align="right")]
        return [Stack(parts, self.grid.leading, block.full_width)]

    def callout(self, block: Callout) -> list[Flowable]:
        styles = self.styles
        color = styles.color(block.color)
        blocks = []
        if block.title is not None:
            blocks.append(TextBlock(styles.spans(block.title, "callout_title", color=block.color),
                                    leading=self.grid.leading, align="left"))
        blocks.append(TextBlock(styles.spans(block.text, "callout"), leading=self.grid.leading,
                                align="justify"))
        return [CalloutBox(blocks, color, styles.tint(block.color, 0.88), self.grid.leading)]


def unit_after(suffix: str, unit: str) -> str:
    """多/余 come before the unit (300多亿, 60余个), 以上 after it (30%以上)."""
    return unit + suffix if suffix == "以上" else suffix + unit


def _png_or_tiff(image: PILImage.Image) -> io.BytesIO:
    """The inked image as a lossless file in memory (TIFF keeps CMYK; PNG cannot hold it)."""
    data = io.BytesIO()
    image.save(data, format="TIFF" if image.mode == "CMYK" else "PNG")
    data.seek(0)
    return data
