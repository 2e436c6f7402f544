"""Font registration and the glyph-coverage check.

ReportLab draws .notdef silently for a character its font lacks (a box on
paper, U+0000 in the text layer), so coverage is checked here, before layout,
and a gap is an error at the YAML location naming the character.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from report import PROJECT_FONTS  # noqa: F401 - where callers have always found it
from report.assets.blocktexts import data_block_texts
from report.assets.fontcache import keep_font, open_font
from report.diagnostics import Collector, Location
from report.model import Brochure, Callout, FontRef, Heading, Inline, Paragraph, Quote, RichText, Subhead

# Which family draws each role, and whether it is bold by default.
ROLE_FACE = {
    "body": ("song", False),
    "lead": ("song", False),
    "quote": ("song", True),
    "subhead": ("hei", True),
    "heading": ("hei", True),
    "title": ("hei", True),
    "meta": ("hei", False),
}


@dataclass(frozen=True)
class Fonts:
    """ReportLab names of the four registered faces."""

    song: str
    song_bold: str
    hei: str
    hei_bold: str

    def face(self, role: str, run: Inline | None = None) -> str:
        """The face that draws `run` in `role`: emphasis switches to Hei, bold to Bold."""
        family, bold = ROLE_FACE[role]
        if run is not None:
            family = "hei" if run.emphasis else family
            bold = bold or run.bold
        return getattr(self, f"{family}_bold" if bold else family)

    @property
    def all(self) -> tuple[str, ...]:
        return (self.song, self.song_bold, self.hei, self.hei_bold)


def prepare_fonts(brochure: Brochure, font_dir: Path, cache_dir: Path | None = None) -> Fonts:
    """Register the theme's fonts from `font_dir` and check every character.

    With a `cache_dir`, fonts parsed by an earlier build are restored from it (fontcache.py).
    """
    errors = Collector()
    theme = brochure.theme
    refs = {
        "song": theme.song.regular, "song_bold": theme.song.bold,
        "hei": theme.hei.regular, "hei_bold": theme.hei.bold,
    }
    names = {slot: _register(ref, font_dir, cache_dir, errors) for slot, ref in refs.items()}
    errors.raise_if_errors()
    fonts = Fonts(**names)
    for location, text, face in _texts_with_faces(brochure, fonts):
        _check_coverage(location, text, face, refs, fonts, errors)
    errors.raise_if_errors()
    return fonts


def _register(ref: FontRef, font_dir: Path, cache_dir: Path | None, errors: Collector) -> str:
    path = font_dir / ref.file
    name = Path(ref.file).stem
    if name in pdfmetrics._fonts and getattr(pdfmetrics._fonts[name], "_source", None) == path:
        keep_font(pdfmetrics._fonts[name], path, cache_dir)
        return name  # already registered in this process from the same file
    if Path(ref.file).name != ref.file or not path.is_file():
        errors.error(ref.location, f"font file '{ref.file}' not found in {font_dir}",
                     "fonts are looked up in the font directory (--fonts DIR)")
        return name
    try:
        font = open_font(name, path, cache_dir)
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        errors.error(ref.location, f"font file '{ref.file}' cannot be used: {exc}",
                     "use a TrueType-outline (glyf) .ttf; CFF/.otf/.ttc fonts are not supported")
        return name
    font._source = path
    pdfmetrics.registerFont(font)
    return name


def _texts_with_faces(brochure: Brochure, fonts: Fonts) -> Iterator[tuple[Location, str, str]]:
    """Every run of user text with the face that will draw it."""
    for rich, role in _rich_texts(brochure):
        for run in rich.runs:
            yield rich.location, run.text, fonts.face(role, run)
    for section in brochure.sections:
        for block in section.blocks:
            for location, text, role in data_block_texts(block):
                yield location, text, fonts.face(role)


def _rich_texts(brochure: Brochure) -> Iterator[tuple[RichText, str]]:
    for rich in (brochure.title, brochure.subtitle, brochure.cover_line):
        if rich is not None:
            yield rich, "title"
    for rich in (brochure.publisher, brochure.date):
        yield rich, "meta"
    for section in brochure.sections:
        yield section.title, "title"
        for rich in (section.kicker, section.subtitle):
            if rich is not None:
                yield rich, "title"
        if section.lead is not None:
            yield section.lead, "lead"
        for block in section.blocks:
            yield from _block_texts(block)


def _block_texts(block) -> Iterator[tuple[RichText, str]]:
    if isinstance(block, Paragraph):
        yield block.text, "body"
    elif isinstance(block, Heading):
        yield block.text, "heading"
    elif isinstance(block, Subhead):
        yield block.text, "subhead"
    elif isinstance(block, Quote):
        yield block.text, "quote"
        if block.attribution is not None:
            yield block.attribution, "meta"
    elif isinstance(block, Callout):
        yield block.text, "body"
        if block.title is not None:
            yield block.title, "heading"


def _check_coverage(location: Location, text: str, face: str, refs: dict[str, FontRef],
                    fonts: Fonts, errors: Collector) -> None:
    cmap = pdfmetrics.getFont(face).face.charToGlyph
    file = refs[next(slot for slot in refs if getattr(fonts, slot) == face)].file
    for char in dict.fromkeys(text):  # each character once, in order
        if ord(char) not in cmap:
            errors.error(location, f"character {_describe(char)} has no glyph in {file}",
                         "replace it, or use a theme font that has it")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    shown = repr(char) if unicodedata.category(char).startswith("C") else f"'{char}'"
    return f"{shown} (U+{ord(char):04X}{' ' + name if name else ''})"
