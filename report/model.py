"""The brochure model: plain frozen dataclasses shared by every stage.

Produced by `load`, read by `assets`, `layout` and `output`. Every value that
came from YAML keeps its Location so that any stage can point at the user's
line. Imports nothing from the other stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# The editions one brochure is built into (report build --edition): the screen
# and email PDF, the print shop's PDF, and a 2-up booklet for an office printer.
# Defined in the package's __init__, where the command line reads them cheaply.
from report import EDITIONS  # noqa: F401
from report.diagnostics import Location

RGB = tuple[float, float, float]
MM = 72 / 25.4  # points in a millimetre: every length of the model is in points


@dataclass(frozen=True)
class Inline:
    """A run of text with one set of inline styles (from `**`, `*`, `{colour|…}`)."""

    text: str
    bold: bool = False
    emphasis: bool = False
    color: str | None = None  # a colour name of the theme


@dataclass(frozen=True)
class RichText:
    """A text value from YAML, split into styled runs."""

    runs: tuple[Inline, ...]
    location: Location  # where the value starts
    # The source column of each character of `plain`, when the value is a plain one-line
    # YAML scalar (so a message can point at the character); otherwise None.
    columns: tuple[int, ...] | None = None

    def location_of(self, index: int) -> Location:
        """Where plain[index] is in the file, or the value's start when that is not known."""
        if self.columns is None or not 0 <= index < len(self.columns):
            return self.location
        return Location(self.location.file, self.location.line, self.columns[index])

    @property
    def plain(self) -> str:
        """The characters a reader sees, without markup."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Heading:
    text: RichText
    level: int  # 2 or 3; level 1 is the part title
    location: Location
    lint_ignore: frozenset[str] = frozenset()  # punctuation checks acknowledged (lint:)


@dataclass(frozen=True)
class Paragraph:
    text: RichText
    location: Location
    lint_ignore: frozenset[str] = frozenset()  # punctuation checks acknowledged (lint:)


@dataclass(frozen=True)
class Subhead:
    """A display line such as 破的是……，立的是……。"""

    text: RichText
    location: Location
    lint_ignore: frozenset[str] = frozenset()  # punctuation checks acknowledged (lint:)


@dataclass(frozen=True)
class Quote:
    text: RichText
    attribution: RichText | None
    location: Location
    color: str = "accent"  # a theme colour name
    lint_ignore: frozenset[str] = frozenset()  # punctuation checks acknowledged (lint:)


@dataclass(frozen=True)
class PageBreak:
    location: Location


# --- Data tables and the blocks drawn from them ---------------------------------------------------


@dataclass(frozen=True)
class Number:
    """A number as the source writes it: 近 40, 300 多, 12.2."""

    value: float
    digits: str  # the digits as written, e.g. "3500", "35.47"
    prefix: str = ""  # a qualifier before the number: 近, 将近, 约 …
    suffix: str = ""  # a qualifier after it: 多, 余, 以上 …

    @property
    def shown(self) -> str:
        return f"{self.prefix}{self.digits}{self.suffix}"


@dataclass(frozen=True)
class Cell:
    """One cell of a data table, with the place it was written (CSV or YAML file)."""

    text: str
    location: Location
    number: Number | None = None  # set when the text is a number


@dataclass(frozen=True)
class Column:
    name: str
    unit: str | None  # from the header, e.g. "金额 [亿元]"
    location: Location


@dataclass(frozen=True)
class Row:
    key: str  # the first cell: rows are named by their first column
    cells: tuple[Cell, ...]  # one per column
    location: Location


@dataclass(frozen=True)
class DataTable:
    """A table of a data file (CSV or YAML) named in the manifest's `data`."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    source: str | None  # the file's source note
    location: Location

    def column_index(self, name: str) -> int | None:
        return next((i for i, c in enumerate(self.columns) if c.name == name), None)

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)

    def unit(self, row: Row, column: int) -> str | None:
        """The unit of a cell: its column's, else the row's `unit` cell."""
        if self.columns[column].unit:
            return self.columns[column].unit
        index = self.column_index("unit")
        text = row.cells[index].text if index is not None else ""
        return text or None


@dataclass(frozen=True)
class Series:
    """One value column of a chart: a cell per category."""

    name: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Annotation:
    index: int  # which category (row) it points at
    text: str
    location: Location


@dataclass(frozen=True)
class Chart:
    """A chart drawn by matplotlib from the cells of one table."""

    kind: str  # bar, hbar, grouped, stacked, line, donut
    title: str
    categories: tuple[str, ...]  # one label per row
    series: tuple[Series, ...]
    unit: str | None
    highlight: int | None  # index of the highlighted category
    annotations: tuple[Annotation, ...]
    source: str | None
    full_width: bool
    height: float | None  # plot height in pt; None: a default for the kind
    location: Location


@dataclass(frozen=True)
class Tile:
    """A key figure: a big number with its unit, a label and an optional comparison."""

    cell: Cell
    unit: str | None
    label: str
    compare: str | None
    location: Location


@dataclass(frozen=True)
class KeyFigures:
    tiles: tuple[Tile, ...]
    title: str | None
    source: str | None
    per_row: int | None  # tiles per row; None: by width
    full_width: bool
    location: Location


@dataclass(frozen=True)
class TableColumn:
    """A column as a table block shows it."""

    name: str
    unit: str | None  # shown in the header when the whole column has one unit
    numeric: bool  # numbers are set right-aligned, units after them


@dataclass(frozen=True)
class TableCell:
    cell: Cell
    unit: str | None  # set when the unit is shown in the cell (row units)


@dataclass(frozen=True)
class TableView:
    """A table block: some columns and rows of a data table, set as a table."""

    title: str | None
    columns: tuple[TableColumn, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    zebra: bool
    source: str | None
    full_width: bool
    location: Location


@dataclass(frozen=True)
class Picture:
    """A raster image from the brochure folder, with caption and credit."""

    path: Path
    caption: str | None
    credit: str | None
    full_width: bool
    location: Location


@dataclass(frozen=True)
class Callout:
    """A boxed note in a theme colour."""

    text: RichText
    title: RichText | None
    color: str
    location: Location


Block = (Heading | Paragraph | Subhead | Quote | PageBreak | Chart | KeyFigures | TableView | Picture
         | Callout)


@dataclass(frozen=True)
class Section:
    """One part of the brochure, from one section file."""

    title: RichText
    kicker: RichText | None
    subtitle: RichText | None
    lead: RichText | None
    opener: bool
    blocks: tuple[Block, ...]
    location: Location


@dataclass(frozen=True)
class Page:
    """Trim size and margins, in PDF points."""

    width: float
    height: float
    top: float
    bottom: float
    inside: float
    outside: float


@dataclass(frozen=True)
class FontRef:
    """A font file named in the theme, looked up in the font directory."""

    file: str
    location: Location


@dataclass(frozen=True)
class FontFamily:
    regular: FontRef
    bold: FontRef


@dataclass(frozen=True)
class Sizes:
    """Type sizes and leading in points (defaults follow the Chinese 字号)."""

    body: float = 10.5  # 五号
    leading: float = 18.0  # the baseline grid unit
    lead: float = 12.0  # 小四
    lead_leading: float = 21.0
    cover_title: float = 56.0
    part_title: float = 26.0  # 一号
    part_number: float = 48.0
    heading: float = 16.0  # 三号
    heading3: float = 14.0  # 四号
    subhead: float = 13.0
    quote: float = 15.0  # 小三
    caption: float = 9.0  # 小五
    running: float = 8.0
    figure: float = 30.0  # key figure numbers


@dataclass(frozen=True)
class Theme:
    song: FontFamily  # body face
    hei: FontFamily  # heading face
    colors: dict[str, RGB]
    sizes: Sizes
    columns: int = 2
    gutter: float = 2.0  # in body characters
    location: Location | None = None
    # Faces for characters the face of their role lacks, tried in order (one face each:
    # bold text that falls back is drawn in the fallback's own weight).
    fallback: tuple[FontRef, ...] = ()


@dataclass(frozen=True)
class FileRef:
    """A file named in the manifest, relative to the brochure folder."""

    path: Path  # resolved, inside the brochure folder
    location: Location


@dataclass(frozen=True)
class PrintSpec:
    """What the print shop asked for (the manifest's `print:`); the defaults suit most shops."""

    bleed: float = 3 * 72 / 25.4  # pt that backgrounds run past the trim on every side
    crop_marks: bool = True  # crop marks outside the bleed, in registration colour
    profile: FileRef | None = None  # a CMYK output profile (.icc); None: the built-in FOGRA39
    condition: str | None = None  # the output condition identifier, e.g. "FOGRA51"
    location: Location | None = None


@dataclass(frozen=True)
class Brochure:
    """A whole brochure: the manifest, its theme and its sections."""

    folder: Path
    title: RichText
    subtitle: RichText | None
    cover_line: RichText | None
    publisher: RichText
    date: RichText
    language: str
    subject: str
    keywords: tuple[str, ...]
    page: Page
    theme: Theme
    toc: bool
    sections: tuple[Section, ...]
    files: tuple[Path, ...] = field(default=())  # every file read, for caching and audits
    tables: tuple[DataTable, ...] = field(default=())
    print_spec: PrintSpec = field(default_factory=PrintSpec)
