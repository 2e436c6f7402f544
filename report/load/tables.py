"""Data tables (load stage): CSV or YAML files → `DataTable`, every cell with its file:line:col.

A table's first row names its columns; a header cell `金额 [亿元]` gives the
column a unit, and every cell of a column with a unit must be a number. Rows
are named by their first cell. Two column names are reserved: `unit` (a unit
per row, for columns without one) and `source` (where the source states the
row's values: a quotation, never printed). A CSV line starting with `#` is a
comment; `# source: …` is the table's source note.

CSV is parsed here rather than with the csv module because errors must name
the line and column of the cell.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from report.diagnostics import Collector, Location
from report.load.nodes import NodeReader
from report.load.yamlfile import read_yaml
from report.model import Cell, Column, DataTable, Number, Row

MAX_TABLE_BYTES = 2 * 1024 * 1024  # a brochure's table of 2 MB is a mistake
_HEADER = re.compile(r"^(?P<name>.*?)\s*\[(?P<unit>[^\[\]]+)\]$")
_NUMBER = re.compile(r"^(?P<prefix>将近|近|约|超过|超|逾)?"
                     r"(?P<digits>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
                     r"(?P<suffix>多|余|以上|\+)?$")
_SOURCE_NOTE = re.compile(r"^#\s*source:\s*(?P<note>.+?)\s*$")
RESERVED = ("unit", "source")
NUMBER_HINT = "write a number such as 12.2 or 1,200, optionally with 近/约 before it or 多/余/以上 after it"

RawCell = tuple[str, Location]


def parse_number(text: str) -> Number | None:
    """The number a cell states, or None when it is not a number."""
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    digits = match.group("digits")
    return Number(float(digits.replace(",", "")), digits, match.group("prefix") or "",
                  match.group("suffix") or "")


def read_table(name: str, path: Path, shown: Path, errors: Collector) -> DataTable | None:
    """The table in `path` (CSV or YAML); problems are reported at `shown`."""
    if path.suffix.lower() == ".csv":
        parsed = _read_csv(path, shown, errors)
    else:
        parsed = _read_yaml_table(path, shown, errors)
    if parsed is None:
        return None
    source, records = parsed
    return _table(name, source, records, shown, errors)


# --- CSV --------------------------------------------------------------------------------------------------


def _read_csv(path: Path, shown: Path, errors: Collector) -> tuple[str | None, list[list[RawCell]]] | None:
    text = _read_text(path, shown, errors)
    if text is None:
        return None
    source = None
    records: list[list[RawCell]] = []
    for record in _csv_records(text, shown, errors):
        first, where = record[0]
        if where.column == 1 and first.startswith("#"):
            note = _SOURCE_NOTE.match(",".join(cell for cell, _ in record))
            if note and source is None:
                source = note.group("note")
            continue
        if len(record) == 1 and not first.strip():
            continue  # blank line
        records.append(record)
    return source, records


def _csv_records(text: str, shown: Path, errors: Collector) -> list[list[RawCell]]:
    """Split CSV text into records of (cell text, location); quotes as RFC 4180."""
    records: list[list[RawCell]] = []
    record: list[RawCell] = []
    line, column, i = 1, 1, 0
    while i <= len(text):
        start = Location(shown, line, column)
        cell, i, line, column = _csv_cell(text, i, line, column, shown, errors)
        record.append((cell, start))
        if i >= len(text) or text[i] in "\r\n":
            records.append(record)
            record = []
            if i < len(text) and text.startswith("\r\n", i):
                i += 1
            i += 1
            line, column = line + 1, 1
            if i >= len(text):
                break
        else:  # a comma
            i += 1
            column += 1
    return records


def _csv_cell(text: str, i: int, line: int, column: int, shown: Path,
              errors: Collector) -> tuple[str, int, int, int]:
    """One cell from text[i]; returns it and where the scan stopped (at , or a line end)."""
    if i < len(text) and text[i] == '"':
        start = Location(shown, line, column)
        chars: list[str] = []
        i, column = i + 1, column + 1
        while i < len(text):
            char = text[i]
            if char == '"' and text.startswith('""', i):
                chars.append('"')
                i, column = i + 2, column + 2
                continue
            if char == '"':
                i, column = i + 1, column + 1
                break
            chars.append(char)
            line, column = (line + 1, 1) if char == "\n" else (line, column + 1)
            i += 1
        else:
            errors.error(start, "a quoted CSV cell is never closed", 'close it with "')
        end = _cell_end(text, i)
        return "".join(chars) + text[i:end].strip(), end, line, column + (end - i)
    end = _cell_end(text, i)
    return text[i:end].strip(), end, line, column + (end - i)


def _cell_end(text: str, i: int) -> int:
    while i < len(text) and text[i] not in ",\r\n":
        i += 1
    return i


def _read_text(path: Path, shown: Path, errors: Collector) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        errors.error(Location(shown), f"cannot read the file: {exc.strerror or exc}")
        return None
    if len(data) > MAX_TABLE_BYTES:
        errors.error(Location(shown), f"the file is {len(data)} bytes; the limit is {MAX_TABLE_BYTES}")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        errors.error(Location(shown, line, column), f"the file is not UTF-8 (byte 0x{data[exc.start]:02X})",
                     "save it as UTF-8; files saved as GBK/GB18030 must be converted")
        return None


# --- YAML -------------------------------------------------------------------------------------------------


def _read_yaml_table(path: Path, shown: Path,
                     errors: Collector) -> tuple[str | None, list[list[RawCell]]] | None:
    node = read_yaml(path, shown, errors)
    if node is None:
        return None
    reader = NodeReader(shown, errors)
    fields = reader.mapping(node, "a data table", ("source", "columns", "rows"), ("columns", "rows"))
    if fields is None or "columns" not in fields or "rows" not in fields:
        return None
    source = reader.text(fields["source"].node, "source") if "source" in fields else None
    header = _yaml_record(fields["columns"].node, "columns", reader)
    items = reader.sequence(fields["rows"].node, "rows") or []
    rows = [_yaml_record(item, "a row", reader) for item in items]
    if header is None:
        return None
    return source, [header, *[row for row in rows if row is not None]]


def _yaml_record(node: yaml.Node, what: str, reader: NodeReader) -> list[RawCell] | None:
    items = reader.sequence(node, what)
    if items is None:
        return None
    record = []
    for item in items:
        if not isinstance(item, yaml.ScalarNode):
            reader.error(item, f"a cell of {what} must be a single value, not a list or mapping")
            return None
        # The source text, not YAML's reading of it: 1.10 stays "1.10", NO stays "NO".
        record.append((item.value.strip(), reader.loc(item)))
    return record


# --- Records → table --------------------------------------------------------------------------------------


def _table(name: str, source: str | None, records: list[list[RawCell]], shown: Path,
           errors: Collector) -> DataTable | None:
    if not records:
        errors.error(Location(shown, 1, 1), f"table '{name}' has no header row",
                     "the first line names the columns, e.g. 项目,金额 [亿元],source")
        return None
    columns = _columns(records[0], errors)
    if columns is None:
        return None
    rows = [_row(record, columns, errors) for record in records[1:]]
    rows = [row for row in rows if row is not None]
    if not rows and len(records) == 1:
        errors.error(records[0][0][1], f"table '{name}' has no rows",
                     "add one line per row under the header line")
        return None
    _check_keys(rows, errors)
    return DataTable(name, columns, tuple(rows), source, records[0][0][1])


def _columns(header: list[RawCell], errors: Collector) -> tuple[Column, ...] | None:
    columns: list[Column] = []
    for text, where in header:
        match = _HEADER.match(text)
        name, unit = (match.group("name"), match.group("unit").strip()) if match else (text, None)
        if not name:
            errors.error(where, "a column has no name", "write a name in every cell of the header line")
            return None
        if any(column.name == name for column in columns):
            errors.error(where, f"duplicate column '{name}'")
            return None
        columns.append(Column(name, unit, where))
    return tuple(columns)


def _row(record: list[RawCell], columns: tuple[Column, ...], errors: Collector) -> Row | None:
    where = record[0][1]
    if len(record) != len(columns):
        errors.error(where, f"this row has {len(record)} cells, the header has {len(columns)}",
                     'a cell holding a comma must be quoted: "1,200"')
        return None
    cells = []
    for (text, at), column in zip(record, columns, strict=True):
        number = parse_number(text) if column.name not in RESERVED else None
        if column.unit and text and number is None:
            errors.error(at, f"cell '{text}' in column '{column.name}' is not a number", NUMBER_HINT)
        cells.append(Cell(text, at, number))
    if not cells[0].text:
        errors.error(where, "a row has no name in its first cell", "rows are named by their first cell")
        return None
    return Row(cells[0].text, tuple(cells), where)


def _check_keys(rows: list[Row], errors: Collector) -> None:
    seen: dict[str, Row] = {}
    for row in rows:
        if row.key in seen:
            errors.error(row.location, f"duplicate row '{row.key}'",
                         f"rows are named by their first cell; the first '{row.key}' is at line "
                         f"{seen[row.key].location.line}")
        seen.setdefault(row.key, row)
