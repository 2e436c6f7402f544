"""The brochure model: plain frozen dataclasses shared by every stage.

Produced by `load`, read by `assets`, `layout` and `output`. Every value that
came from YAML keeps its Location so that any stage can point at the user's
line. Imports nothing from the other stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from report.diagnostics import Location

RGB = tuple[float, float, float]


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
    lint_ignore: frozenset[str] = frozenset()  # punctuation checks acknowledged (lint:)


@dataclass(frozen=True)
class PageBreak:
    location: Location


Block = Heading | Paragraph | Subhead | Quote | PageBreak


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
