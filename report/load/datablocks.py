"""Blocks drawn from data (load stage): chart, figures, table, image, callout.

Charts, key figures and table blocks name table cells, never literal numbers,
so a number shown in a tile and in a chart is one cell and cannot disagree.
Every reference is resolved here; a missing table, column or row, a cell that
is not a number or a negative slice of a donut is an error at the cell or the
YAML line that names it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from report.diagnostics import Location
from report.load.inline import parse_inline
from report.load.nodes import Field, NodeReader, did_you_mean
from report.load.paths import resolve_in_folder
from report.load.tables import NUMBER_HINT, RESERVED
from report.model import (
    Annotation,
    Block,
    Callout,
    Cell,
    Chart,
    DataTable,
    KeyFigures,
    Picture,
    RichText,
    Row,
    Series,
    TableCell,
    TableColumn,
    TableView,
    Tile,
)

CHART_KINDS = ("bar", "hbar", "grouped", "stacked", "line", "donut")
ONE_SERIES = ("bar", "hbar", "donut")
# A printed chart with more categories than this cannot be read (nor labelled); matplotlib and
# the SVG route would also take minutes on thousands of points.
MAX_CHART_ROWS = 120
# Columns a table block may show: each needs a few characters of width, and the layout does
# not shrink type below the caption size, so a wider table would run out of its column or page.
MAX_TABLE_COLUMNS = {False: 5, True: 10}  # in a column, across the text width
WIDTHS = ("column", "full")
DATA_BLOCK_OPTIONS = {
    "chart": ("title", "table", "rows", "labels", "values", "highlight", "annotations", "source",
              "width", "height"),
    "figures": ("title", "source", "per_row", "width"),
    "table": ("title", "columns", "rows", "zebra", "source", "width"),
    "image": ("caption", "credit", "width"),
    "callout": ("title", "color"),
}
IMAGE_TYPES = (".png", ".jpg", ".jpeg")


@dataclass
class DataContext:
    """What data blocks may name: the manifest's tables (None: a table that failed to load)."""

    folder: Path
    tables: dict[str, DataTable | None]
    colors: Collection[str]
    reported: set[Location] = field(default_factory=set)  # cells already reported


def read_data_block(kind: str, fields: dict[str, Field], location: Location, reader: NodeReader,
                    context: DataContext) -> Block | None:
    reading = {"chart": _chart, "figures": _figures, "table": _table_view, "image": _picture,
               "callout": _callout}[kind]
    return reading(fields, location, reader, context)


# --- chart ------------------------------------------------------------------------------------------------


def _chart(fields: dict[str, Field], location: Location, reader: NodeReader,
           context: DataContext) -> Chart | None:
    kind = _choice(fields["chart"].node, "chart type", CHART_KINDS, reader)
    title = _text(fields, "title", reader, required=fields["chart"].node)
    table = _table_ref(fields, reader, context, fields["chart"].node)
    if kind is None or title is None or table is None:
        return None
    rows = _rows(fields, table, reader)
    if rows is not None and len(rows) > MAX_CHART_ROWS:
        reader.error(fields["chart"].node, f"a chart of {len(rows):,} rows cannot be read on paper; "
                     f"the limit is {MAX_CHART_ROWS}",
                     "choose rows with rows: [...], or show the data as a table")
        return None
    labels = _column(fields["labels"].node, table, reader) if "labels" in fields else 0
    values = _value_columns(fields, table, kind, reader)
    if rows is None or labels is None or values is None:
        return None
    series = tuple(Series(table.columns[i].name, tuple(row.cells[i] for row in rows)) for i in values)
    checked = [_numeric(cell, table.columns[i].name, row, table, reader, context)  # every cell, all errors
               for i, s in zip(values, series, strict=True) for cell, row in zip(s.cells, rows, strict=True)]
    ok = all(checked)
    if not ok or (kind == "donut" and not _donut_ok(series, rows, reader, context)):
        return None
    unit = _one_unit(table, rows, values, fields["chart"].node, reader)
    keys = [row.key for row in rows]
    highlight = _row_index(fields["highlight"].node, keys, table, reader) if "highlight" in fields else None
    return Chart(
        kind=kind, title=title, categories=tuple(row.cells[labels].text or row.key for row in rows),
        series=series, unit=unit, highlight=highlight,
        annotations=_annotations(fields, keys, table, reader), source=_source(fields, table, reader),
        full_width=_full_width(fields, reader), height=_height(fields, reader), location=location,
    )


def _value_columns(fields: dict[str, Field], table: DataTable, kind: str,
                   reader: NodeReader) -> list[int] | None:
    if "values" in fields:
        node = fields["values"].node
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        found = [_column(item, table, reader) for item in nodes]
        if any(index is None for index in found):
            return None
        values = [index for index in found if index is not None]
    else:
        node = fields["chart"].node
        values = [i for i, column in enumerate(table.columns) if column.unit]
        if not values:
            reader.error(node, f"table '{table.name}' has no column with a unit to chart",
                         "name the value columns with values: [column, …]")
            return None
    if kind in ONE_SERIES and len(values) != 1:
        reader.error(node, f"a {kind} chart shows one value column, not {len(values)}",
                     "name one with values: column; grouped, stacked and line charts show several")
        return None
    return values


def _numeric(cell: Cell, column: str, row: Row, table: DataTable, reader: NodeReader,
             context: DataContext) -> bool:
    if cell.number is not None:
        return True
    if cell.location not in context.reported and not table.columns[_index(table, column)].unit:
        context.reported.add(cell.location)
        if cell.text:
            reader.errors.error(cell.location, f"cell '{cell.text}' in column '{column}' is not a number",
                                NUMBER_HINT)
        else:
            reader.errors.error(cell.location, f"the cell of row '{row.key}' in column '{column}' is empty",
                                "a chart needs a number in every cell it shows")
    return False


def _donut_ok(series: tuple[Series, ...], rows: list[Row], reader: NodeReader,
              context: DataContext) -> bool:
    ok = True
    for cell, row in zip(series[0].cells, rows, strict=True):
        if cell.number is not None and cell.number.value < 0:
            reader.errors.error(cell.location, f"a donut cannot show the negative value {cell.text} "
                                f"(row '{row.key}', column '{series[0].name}')",
                                "a donut shows parts of a whole; use a bar chart for negative values")
            ok = False
    return ok


def _one_unit(table: DataTable, rows: list[Row], values: list[int], node: yaml.Node,
              reader: NodeReader) -> str | None:
    units = list(dict.fromkeys(table.unit(row, i) for i in values for row in rows))
    if len(units) > 1:
        shown = ", ".join(unit or "(none)" for unit in units)
        reader.error(node, f"the values of this chart have different units: {shown}",
                     "a chart has one scale: chart values of one unit")
    return units[0] if units else None


def _annotations(fields: dict[str, Field], keys: list[str], table: DataTable,
                 reader: NodeReader) -> tuple[Annotation, ...]:
    if "annotations" not in fields:
        return ()
    found = []
    for item in reader.sequence(fields["annotations"].node, "annotations") or []:
        note = reader.mapping(item, "an annotation", ("row", "text"), ("row", "text"))
        if not note or len(note) < 2:
            continue
        index = _row_index(note["row"].node, keys, table, reader)
        text = reader.text(note["text"].node, "annotation text")
        if index is not None and text is not None:
            found.append(Annotation(index, text, reader.loc(note["text"].node)))
    return tuple(found)


# --- key figures ------------------------------------------------------------------------------------------


def _figures(fields: dict[str, Field], location: Location, reader: NodeReader,
             context: DataContext) -> KeyFigures | None:
    items = reader.sequence(fields["figures"].node, "figures")
    if items is not None and not items:
        reader.error(fields["figures"].node, "figures is empty", "list at least one tile")
    found = [_tile(item, reader, context) for item in items or []]
    per_row = None
    if "per_row" in fields:
        number = reader.number(fields["per_row"].node, "per_row", 1, 6)
        per_row = int(number) if number else None
    if not items or any(item is None for item in found):
        return None
    tiles = [item[0] for item in found if item]
    sources = {item[1].source for item in found if item}
    # By default the source note of the tiles' table, when they all come from one.
    source = _text(fields, "source", reader) if "source" in fields else (
        sources.pop() if len(sources) == 1 else None)
    return KeyFigures(tuple(tiles), _text(fields, "title", reader), source, per_row,
                      _full_width(fields, reader), location)


def _tile(node: yaml.Node, reader: NodeReader, context: DataContext) -> tuple[Tile, DataTable] | None:
    fields = reader.mapping(node, "a figure tile", ("value", "label", "compare"), ("value",))
    if not fields or "value" not in fields:
        return None
    found = _cell_ref(fields["value"].node, reader, context)
    if found is None:
        return None
    table, row, column = found
    cell = row.cells[column]
    if not _numeric(cell, table.columns[column].name, row, table, reader, context):
        return None
    label = _text(fields, "label", reader) or row.key
    tile = Tile(cell, table.unit(row, column), label, _text(fields, "compare", reader), reader.loc(node))
    return tile, table


def _cell_ref(node: yaml.Node, reader: NodeReader,
              context: DataContext) -> tuple[DataTable, Row, int] | None:
    """`table.row.column`: the row's name may itself hold dots."""
    text = reader.text(node, "a cell reference")
    if text is None:
        return None
    parts = text.split(".")
    if len(parts) < 3:
        reader.error(node, f"'{text}' is not a cell reference",
                     "name a cell as table.row.column, e.g. 创新.研发经费.金额")
        return None
    table_name, row_key, column_name = parts[0], ".".join(parts[1:-1]), parts[-1]
    table = _lookup_table(table_name, node, reader, context)
    if table is None:
        return None
    row = table.row(row_key)
    column = table.column_index(column_name)
    if row is None:
        reader.error(node, f"table '{table.name}' has no row '{row_key}'",
                     did_you_mean(row_key, [r.key for r in table.rows], "rows"))
    if column is None:
        reader.error(node, f"table '{table.name}' has no column '{column_name}'",
                     did_you_mean(column_name, [c.name for c in table.columns], "columns"))
    return (table, row, column) if row is not None and column is not None else None


# --- table block ------------------------------------------------------------------------------------------


def _table_view(fields: dict[str, Field], location: Location, reader: NodeReader,
                context: DataContext) -> TableView | None:
    table = _lookup_table(reader.text(fields["table"].node, "table") or "", fields["table"].node,
                          reader, context)
    if table is None:
        return None
    rows = _rows(fields, table, reader)
    if "columns" in fields:
        picked = [_column(item, table, reader) for item in reader.sequence(fields["columns"].node,
                                                                            "columns") or []]
    else:
        picked = [i for i, column in enumerate(table.columns) if column.name not in RESERVED]
    if rows is None or any(index is None for index in picked):
        return None
    indexes = [i for i in picked if i is not None]
    full = _full_width(fields, reader)
    if len(indexes) > MAX_TABLE_COLUMNS[full]:
        where = "across the page" if full else "in a column"
        reader.error(fields["table"].node, f"a table of {len(indexes)} columns does not fit {where}; "
                     f"the limit is {MAX_TABLE_COLUMNS[full]}",
                     "choose columns with columns: [...]" + ("" if full else ", or set width: full"))
        return None
    columns = tuple(_table_column(table, rows, i) for i in indexes)
    body = tuple(tuple(TableCell(row.cells[i], None if column.unit or not column.numeric
                                 else table.unit(row, i))
                       for i, column in zip(indexes, columns, strict=True)) for row in rows)
    zebra = bool(reader.boolean(fields["zebra"].node, "zebra")) if "zebra" in fields else False
    return TableView(_text(fields, "title", reader), columns, body, zebra, _source(fields, table, reader),
                     full, location)


def _table_column(table: DataTable, rows: list[Row], index: int) -> TableColumn:
    column = table.columns[index]
    cells = [row.cells[index] for row in rows if row.cells[index].text]
    numeric = bool(column.unit) or (bool(cells) and all(cell.number is not None for cell in cells))
    return TableColumn(column.name, column.unit, numeric)


# --- image and callout ------------------------------------------------------------------------------------


def _picture(fields: dict[str, Field], location: Location, reader: NodeReader,
             context: DataContext) -> Picture | None:
    node = fields["image"].node
    path = resolve_in_folder(context.folder, node, "image file", reader)
    if path is None:
        return None
    if path.suffix.lower() not in IMAGE_TYPES:
        reader.error(node, f"image file '{node.value}' is not a PNG or JPEG file",
                     "convert it to .png or .jpg")
        return None
    return Picture(path, _text(fields, "caption", reader), _text(fields, "credit", reader),
                   _full_width(fields, reader), location)


def _callout(fields: dict[str, Field], location: Location, reader: NodeReader,
             context: DataContext) -> Callout | None:
    text = _rich(fields["callout"].node, "callout", reader, context)
    title = _rich(fields["title"].node, "title", reader, context) if "title" in fields else None
    color = theme_color(fields, reader, context.colors, "accent")
    return Callout(text, title, color, location) if text is not None else None


def theme_color(fields: dict[str, Field], reader: NodeReader, colors: Collection[str], default: str) -> str:
    """The `color:` option: a colour name of the theme."""
    if "color" not in fields:
        return default
    name = reader.text(fields["color"].node, "color")
    if name is not None and name not in colors:
        reader.error(fields["color"].node, f"unknown colour '{name}'",
                     "colours of the theme: " + ", ".join(sorted(colors)))
        return default
    return name or default


# --- shared pieces ----------------------------------------------------------------------------------------


def _rich(node: yaml.Node, what: str, reader: NodeReader, context: DataContext) -> RichText | None:
    text = reader.text(node, what)
    return parse_inline(text, reader.loc(node), context.colors, reader.errors) if text else None


def _text(fields: dict[str, Field], name: str, reader: NodeReader,
          required: yaml.Node | None = None) -> str | None:
    if name not in fields:
        if required is not None:
            reader.error(required, f"a chart needs a {name}", f"add {name}: … under the chart")
        return None
    return reader.text(fields[name].node, name)


def _table_ref(fields: dict[str, Field], reader: NodeReader, context: DataContext,
               block: yaml.Node) -> DataTable | None:
    if "table" not in fields:
        reader.error(block, "a chart needs a table", "add table: name, a table of the manifest's data")
        return None
    node = fields["table"].node
    return _lookup_table(reader.text(node, "table") or "", node, reader, context)


def _lookup_table(name: str, node: yaml.Node, reader: NodeReader, context: DataContext) -> DataTable | None:
    if name in context.tables:
        return context.tables[name]  # None: the table's own errors are reported already
    if name:
        hint = did_you_mean(name, list(context.tables), "tables") if context.tables else (
            "name data files in the manifest: data: {name: file.csv}")
        reader.error(node, f"unknown table '{name}'", hint)
    return None


def _rows(fields: dict[str, Field], table: DataTable, reader: NodeReader) -> list[Row] | None:
    if "rows" not in fields:
        return list(table.rows)
    keys = [row.key for row in table.rows]
    indexes = [_row_index(item, keys, table, reader)
               for item in reader.sequence(fields["rows"].node, "rows") or []]
    if any(index is None for index in indexes) or not indexes:
        if not indexes:
            reader.error(fields["rows"].node, "rows is empty", "list at least one row, or leave rows out")
        return None
    return [table.rows[i] for i in indexes if i is not None]


def _row_index(node: yaml.Node, keys: list[str], table: DataTable, reader: NodeReader) -> int | None:
    key = reader.text(node, "a row name")
    if key is None:
        return None
    if key not in keys:
        reader.error(node, f"table '{table.name}' has no row '{key}'" if key not in
                     [r.key for r in table.rows] else f"row '{key}' is not one of this block's rows",
                     did_you_mean(key, keys, "rows"))
        return None
    return keys.index(key)


def _column(node: yaml.Node, table: DataTable, reader: NodeReader) -> int | None:
    name = reader.text(node, "a column name")
    if name is None:
        return None
    index = table.column_index(name)
    if index is None:
        reader.error(node, f"table '{table.name}' has no column '{name}'",
                     did_you_mean(name, [c.name for c in table.columns], "columns"))
    return index


def _index(table: DataTable, column: str) -> int:
    index = table.column_index(column)
    assert index is not None  # the caller found the column by this name
    return index


def _source(fields: dict[str, Field], table: DataTable, reader: NodeReader) -> str | None:
    return _text(fields, "source", reader) if "source" in fields else table.source


def _full_width(fields: dict[str, Field], reader: NodeReader) -> bool:
    if "width" not in fields:
        return False
    return _choice(fields["width"].node, "width", WIDTHS, reader) == "full"


def _height(fields: dict[str, Field], reader: NodeReader) -> float | None:
    if "height" not in fields:
        return None
    height = reader.length(fields["height"].node, "height")
    if height is not None and not 20 <= height <= 700:
        reader.error(fields["height"].node, "height must be between 20pt and 700pt")
        return None
    return height


def _choice(node: yaml.Node, what: str, allowed: tuple[str, ...], reader: NodeReader) -> str | None:
    value = reader.text(node, what)
    if value is not None and value not in allowed:
        reader.error(node, f"unknown {what} '{value}'", did_you_mean(value, allowed, what, cutoff=0.6))
        return None
    return value
