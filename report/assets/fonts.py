"""Font registration, fallback faces and the glyph-coverage check.

ReportLab draws .notdef silently for a character its font lacks (a box on
paper, U+0000 in the text layer), so coverage is checked here, before layout:
a character the face of its role lacks must come from one of the theme's
fallback faces (tried in order), or the build fails at the YAML location
naming the character. Layout asks Fonts.pieces() which face draws what.
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from report import PROJECT_FONTS  # noqa: F401 - where callers have always found it
from report.assets.blocktexts import data_block_texts
from report.assets.cidfont import MAX_CIDS, register_font
from report.assets.fontcache import UnusableFont, keep_font, open_font
from report.diagnostics import Collector, Location, shown
from report.model import Brochure, Callout, FontRef, Heading, Inline, Paragraph, Quote, RichText, Subhead

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
    """ReportLab names of the four registered faces and of the fallback faces."""

    song: str
    song_bold: str
    hei: str
    hei_bold: str
    fallback: tuple[str, ...] = field(default=())

    @property
    def all(self) -> tuple[str, ...]:
        return (self.song, self.song_bold, self.hei, self.hei_bold, *self.fallback)

    def face(self, role: str, run: Inline | None = None) -> str:
        """The face that draws `run` in `role`: emphasis switches to Hei, bold to Bold."""
        family, bold = ROLE_FACE[role]
        if run is not None:
            family = "hei" if run.emphasis else family
            bold = bold or run.bold
        return getattr(self, f"{family}_bold" if bold else family)

    def pieces(self, face: str, text: str) -> list[tuple[str, str]]:
        """`text` as (characters, face) pieces: each character in `face`, or the first
        fallback face that has it when `face` lacks it."""
        if not self.fallback or _covers(face, text):
            return [(text, face)]
        pieces: list[tuple[str, str]] = []
        for ch in text:
            chosen = self.drawing_face(face, ch) or face
            if pieces and pieces[-1][1] == chosen:
                pieces[-1] = (pieces[-1][0] + ch, chosen)
            else:
                pieces.append((ch, chosen))
        return pieces

    def drawing_face(self, face: str, ch: str) -> str | None:
        """The face that has `ch`: `face` itself, else the first fallback; None if none has it."""
        for name in (face, *self.fallback):
            if ord(ch) in _cmap(name):
                return name
        return None


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
    fallback = tuple(_register(ref, font_dir, cache_dir, errors) for ref in theme.fallback)
    errors.raise_if_errors()
    fonts = Fonts(**names, fallback=fallback)
    files = {name: ref.file for name, ref in zip((*names.values(), *fallback),
                                                 (*refs.values(), *theme.fallback), strict=True)}
    checked = set()
    missing: dict[str, list[tuple[Location, str]]] = {}  # font file → (where, message), in order
    used = _CharacterCount()
    for rich, offset, text, face in _texts_with_faces(brochure, fonts):
        if (rich.location, offset, text, face) not in checked:  # titles are drawn in several places
            checked.add((rich.location, offset, text, face))
            _check_coverage(rich.location_of, offset, text, face, fonts, files, missing)
            used.add(face, text, lambda i, r=rich, o=offset: r.location_of(o + i))
    for location, text, face in _data_texts_with_faces(brochure, fonts):
        _check_coverage(lambda _, at=location: at, 0, text, face, fonts, files, missing)
        used.add(face, text, lambda _, at=location: at)
    _report_missing(missing, errors)
    used.report(files, errors)
    errors.raise_if_errors()
    return fonts


def _register(ref: FontRef, font_dir: Path, cache_dir: Path | None, errors: Collector) -> str:
    path = font_dir / ref.file
    name = Path(ref.file).stem
    if name in pdfmetrics._fonts and getattr(pdfmetrics._fonts[name], "_source", None) == path:
        keep_font(pdfmetrics._fonts[name], path, cache_dir)
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
        font = open_font(name, path, cache_dir, _unusable)
        problem = None
    except UnusableFont as exc:
        problem = str(exc)
    except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error) as exc:
        problem = _reason(exc)
    if problem:
        errors.error(ref.location, f"font file '{shown(ref.file)}' cannot be used: {problem}", _FONT_HINT)
        return name
    font._source = path
    register_font(font)
    return name


def _texts_with_faces(brochure: Brochure, fonts: Fonts) -> Iterator[tuple[RichText, int, str, str]]:
    """Every run of user text (its value, offset in the value's plain text, characters) with
    the face that will draw it."""
    for rich, role in _rich_texts(brochure):
        offset = 0
        for run in rich.runs:
            yield rich, offset, run.text, fonts.face(role, run)
            offset += len(run.text)
    # Running heads repeat the brochure's and the parts' titles as plain text.
    for rich in (brochure.title, *(section.title for section in brochure.sections)):
        yield rich, 0, rich.plain, fonts.face("meta")


def _data_texts_with_faces(brochure: Brochure, fonts: Fonts) -> Iterator[tuple[Location, str, str]]:
    """Text of the data blocks (chart labels, tiles, table cells) with the face that draws it."""
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
                yield rich, "title"  # on the opener
                yield rich, "meta"  # in the table of contents
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


class _CharacterCount:
    """Different characters per face: a PDF font (cidfont.py) holds at most MAX_CIDS.

    Counted before layout, where the text still has its YAML locations; running heads,
    folios and the contents page add a few more, hence the margin.
    """

    LIMIT = MAX_CIDS - 2_000

    def __init__(self) -> None:
        self.chars: dict[str, set[str]] = {}
        self.over: dict[str, Location] = {}  # face → where its LIMIT-th new character is

    def add(self, face: str, text: str, where: Callable[[int], Location]) -> None:
        chars = self.chars.setdefault(face, set())
        if face in self.over or chars.issuperset(text):
            return
        for index, char in enumerate(text):
            chars.add(char)
            if len(chars) > self.LIMIT:
                self.over[face] = where(index)
                return

    def report(self, files: dict[str, str], errors: Collector) -> None:
        for face, place in self.over.items():
            errors.error(place, f"more than {self.LIMIT:,} different characters are set in {files[face]}",
                         "one embedded font holds at most that many; set part of the text in another font")


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


def _check_coverage(where: Callable[[int], Location], offset: int, text: str, face: str,
                    fonts: Fonts, files: dict[str, str],
                    missing: dict[str, list[tuple[Location, str]]]) -> None:
    """Note each character of `text` that neither `face` nor a fallback has, with its place."""
    if _covers(face, text):
        return
    for char in dict.fromkeys(text):  # each character once, in order
        if fonts.drawing_face(face, char) is None:
            place = where(offset + text.index(char))
            missing.setdefault(files[face], []).append((place, _no_glyph(char, face, fonts, files)))


def _report_missing(missing: dict[str, list[tuple[Location, str]]], errors: Collector) -> None:
    """The first MAX_GLYPH_ERRORS gaps of each font file, then a count of the rest."""
    for file, found in missing.items():
        for place, message in found[:MAX_GLYPH_ERRORS]:
            errors.error(place, message,
                         "replace it, or name a font that has it under fonts: fallback: in the theme")
        if len(found) > MAX_GLYPH_ERRORS:
            errors.error(None, f"{len(found) - MAX_GLYPH_ERRORS:,} more characters have no glyph in {file}",
                         "is it a font for Chinese? (only the first ones are listed)")


def _no_glyph(char: str, face: str, fonts: Fonts, files: dict[str, str]) -> str:
    message = f"character {_describe(char)} has no glyph in {files[face]}"
    if fonts.fallback:
        message += " nor in the fallback fonts " + ", ".join(files[name] for name in fonts.fallback)
    return message


def _cmap(name: str) -> dict[int, int]:
    """Code point → glyph of the font registered as `name` (ReportLab's own table)."""
    return pdfmetrics.getFont(name).face.charToGlyph


def _covers(face: str, text: str) -> bool:
    return set(map(ord, text)) <= _cmap(face).keys()


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    shown = repr(char) if unicodedata.category(char).startswith("C") else f"'{char}'"
    return f"{shown} (U+{ord(char):04X}{' ' + name if name else ''})"
