"""Font registration and the glyph-coverage check.

ReportLab draws .notdef silently for a character its font lacks (a box on
paper, U+0000 in the text layer), so coverage is checked here, before layout,
and a gap is an error at the YAML location naming the character.
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from report.diagnostics import Collector, Location, shown
from report.model import Brochure, FontRef, Heading, Inline, Paragraph, Quote, RichText, Subhead

PROJECT_FONTS = Path(__file__).resolve().parents[2] / "fonts"
MAX_GLYPH_ERRORS = 20  # per font file: a font without Chinese would otherwise list every character
_FONT_HINT = "use a static TrueType-outline (glyf) .ttf; CFF/.otf/.ttc and variable fonts are not supported"

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


@dataclass(frozen=True)
class Assets:
    fonts: Fonts
    files: tuple[Path, ...] = ()  # the font files used, which the output must never replace


def prepare_assets(brochure: Brochure, font_dir: Path) -> Assets:
    """Register the theme's fonts from `font_dir` and check every character."""
    errors = Collector()
    theme = brochure.theme
    refs = {
        "song": theme.song.regular, "song_bold": theme.song.bold,
        "hei": theme.hei.regular, "hei_bold": theme.hei.bold,
    }
    names = {slot: _register(ref, font_dir, errors) for slot, ref in refs.items()}
    errors.raise_if_errors()
    fonts = Fonts(**names)
    missing: dict[str, int] = {}  # font file → characters reported missing
    for location, text, face in _texts_with_faces(brochure, fonts):
        _check_coverage(location, text, face, refs, fonts, errors, missing)
    for file, count in missing.items():
        if count > MAX_GLYPH_ERRORS:
            errors.error(None, f"{count - MAX_GLYPH_ERRORS:,} more characters have no glyph in {file}",
                         "is it a font for Chinese? (only the first ones are listed)")
    errors.raise_if_errors()
    return Assets(fonts, tuple(dict.fromkeys(font_dir / ref.file for ref in refs.values())))


def _register(ref: FontRef, font_dir: Path, errors: Collector) -> str:
    path = font_dir / ref.file
    name = Path(ref.file).stem
    if name in pdfmetrics._fonts and getattr(pdfmetrics._fonts[name], "_source", None) == path:
        return name  # already registered in this process from the same file
    if Path(ref.file).name != ref.file or ref.file in (".", ".."):
        errors.error(ref.location, f"font file '{shown(ref.file)}' must be a file name, not a path",
                     "fonts are looked up in the font directory (--fonts DIR)")
        return name
    if not _is_file(path):
        errors.error(ref.location, f"font file '{shown(ref.file)}' not found in {font_dir}",
                     "fonts are looked up in the font directory (--fonts DIR)")
        return name
    try:
        font = TTFont(name, str(path))
        problem = _unusable(font)
    except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error) as exc:
        problem = _reason(exc)
    if problem:
        errors.error(ref.location, f"font file '{shown(ref.file)}' cannot be used: {problem}", _FONT_HINT)
        return name
    font._source = path
    pdfmetrics.registerFont(font)
    return name


def _texts_with_faces(brochure: Brochure, fonts: Fonts) -> Iterator[tuple[Location, str, str]]:
    """Every run of user text with the face that will draw it."""
    for rich, role in _rich_texts(brochure):
        for run in rich.runs:
            yield rich.location, run.text, fonts.face(role, run)


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


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the file system
        return False


def _unusable(font: TTFont) -> str | None:
    """Why a font that ReportLab parsed would still fail or mislead later, if it would.

    ReportLab reads glyph outlines only when it writes the PDF: a truncated
    file would fail there, after layout, so every table must be complete now.
    """
    face = font.face
    size = len(face._ttf_data)
    if any(entry["offset"] + entry["length"] > size for entry in face.table.values()):
        return "the file is truncated or damaged"
    if "fvar" in face.table:
        return "it is a variable font (ReportLab would only use its default instance)"
    return None


def _reason(exc: Exception) -> str:
    """ReportLab's complaint in the user's terms (its messages name internals and paths)."""
    if "postscript outlines" in str(exc):
        return "it has PostScript (CFF) outlines, which ReportLab cannot embed"
    return "it is not a TrueType font, or it is damaged"


def _check_coverage(location: Location, text: str, face: str, refs: dict[str, FontRef],
                    fonts: Fonts, errors: Collector, missing: dict[str, int]) -> None:
    cmap = pdfmetrics.getFont(face).face.charToGlyph
    file = refs[next(slot for slot in refs if getattr(fonts, slot) == face)].file
    for char in dict.fromkeys(text):  # each character once, in order
        if ord(char) not in cmap:
            missing[file] = missing.get(file, 0) + 1
            if missing[file] <= MAX_GLYPH_ERRORS:
                errors.error(location, f"character {_describe(char)} has no glyph in {file}",
                             "replace it, or use a theme font that has it")


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    shown = repr(char) if unicodedata.category(char).startswith("C") else f"'{char}'"
    return f"{shown} (U+{ord(char):04X}{' ' + name if name else ''})"
