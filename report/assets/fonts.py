"""Font registration, fallback faces and the glyph-coverage check.

ReportLab draws .notdef silently for a character its font lacks (a box on
paper, U+0000 in the text layer), so coverage is checked here, before layout:
a character the face of its role lacks must come from one of the theme's
fallback faces (tried in order), or the build fails at the YAML location
naming the character. Layout asks Fonts.pieces() which face draws what.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from report.assets.blocktexts import data_block_texts
from report.diagnostics import Collector, Location
from report.model import Brochure, Callout, FontRef, Heading, Inline, Paragraph, Quote, RichText, Subhead

PROJECT_FONTS = Path(__file__).resolve().parents[2] / "fonts"

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


def prepare_fonts(brochure: Brochure, font_dir: Path) -> Fonts:
    """Register the theme's fonts from `font_dir` and check every character."""
    errors = Collector()
    theme = brochure.theme
    refs = {
        "song": theme.song.regular, "song_bold": theme.song.bold,
        "hei": theme.hei.regular, "hei_bold": theme.hei.bold,
    }
    names = {slot: _register(ref, font_dir, errors) for slot, ref in refs.items()}
    fallback = tuple(_register(ref, font_dir, errors) for ref in theme.fallback)
    errors.raise_if_errors()
    fonts = Fonts(**names, fallback=fallback)
    files = {name: ref.file for name, ref in zip((*names.values(), *fallback),
                                                 (*refs.values(), *theme.fallback), strict=True)}
    checked = set()
    for rich, offset, text, face in _texts_with_faces(brochure, fonts):
        if (rich.location, offset, text, face) not in checked:  # titles are drawn in several places
            checked.add((rich.location, offset, text, face))
            _check_coverage(rich, offset, text, face, fonts, files, errors)
    for location, text, face in _data_texts_with_faces(brochure, fonts):
        _check_data_coverage(location, text, face, fonts, files, errors)
    errors.raise_if_errors()
    return fonts


def _register(ref: FontRef, font_dir: Path, errors: Collector) -> str:
    path = font_dir / ref.file
    name = Path(ref.file).stem
    if name in pdfmetrics._fonts and getattr(pdfmetrics._fonts[name], "_source", None) == path:
        return name  # already registered in this process from the same file
    if Path(ref.file).name != ref.file or not path.is_file():
        errors.error(ref.location, f"font file '{ref.file}' not found in {font_dir}",
                     "fonts are looked up in the font directory (--fonts DIR)")
        return name
    try:
        font = TTFont(name, str(path))
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        errors.error(ref.location, f"font file '{ref.file}' cannot be used: {exc}",
                     "use a TrueType-outline (glyf) .ttf; CFF/.otf/.ttc fonts are not supported")
        return name
    font._source = path
    pdfmetrics.registerFont(font)
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


def _check_coverage(rich: RichText, offset: int, text: str, face: str, fonts: Fonts,
                    files: dict[str, str], errors: Collector) -> None:
    if _covers(face, text):
        return
    for char in dict.fromkeys(text):  # each character once, in order
        if fonts.drawing_face(face, char) is None:
            errors.error(rich.location_of(offset + text.index(char)),
                         _no_glyph(char, face, fonts, files),
                         "replace it, or name a font that has it under fonts: fallback: in the theme")


def _check_data_coverage(location: Location, text: str, face: str, fonts: Fonts,
                         files: dict[str, str], errors: Collector) -> None:
    if _covers(face, text):
        return
    for char in dict.fromkeys(text):
        if fonts.drawing_face(face, char) is None:
            errors.error(location, _no_glyph(char, face, fonts, files),
                         "replace it, or name a font that has it under fonts: fallback: in the theme")


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
