"""Parsed TrueType fonts kept between builds (assets stage).

ReportLab's TTFont reads a whole font file and parses its cmap, hmtx and loca
on every build: for a 15 MB Noto CJK face that is 0.1–0.3 s, four times over.
What ReportLab keeps of the parse is small and plain: the face's metrics,
the character → glyph and character → width dicts, the hmtx and loca lists;
to write a subset into the PDF it also reads a few tables and the outlines of
the glyphs in use from the file itself.

So after a first parse the face's attributes are kept in
`<cache>/fonts/<key>.face`, where the key is the SHA-256 of the font file,
ReportLab's version and this module's format. A later build restores the
face from that file (about 10 ms) and maps the font file into memory instead
of reading it: the subsets ReportLab writes come from the very same bytes and
the very same code, so the PDF is byte-identical to one from a fresh parse.
A missing, truncated or corrupt entry is parsed again and rewritten.

The subset program a PDF embeds (cidfont.py) depends only on the face and its
characters in CID order, and making and compressing it took a fifth of a
rebuild's layout. The last one of each face is kept in
`<cache>/fonts/<key>.subset` with a digest of those characters, and used while
the characters are the same: one entry per face, so the cache does not grow
with every edit.
"""

from __future__ import annotations

import hashlib
import marshal
import mmap
import pickle
import sys
import zlib
from array import array
from collections.abc import Callable, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from report.assets.cidfont import CIDFont
from report.cachefiles import file_sha256, read_entry, write_entry

FORMAT = 3  # bump when what is stored changes
_MAGIC = b"report-face"
_SUBSET_MAGIC = b"report-subset"
# The dicts every build reads, stored with marshal (several times faster to load than
# pickle); hmtx and loca, which only the PDF writer reads, as arrays read in no time.
_EAGER = ("charToGlyph", "charWidths")  # the second stored without its default widths; both
# are loaded when one is first read (marshal, about 4 ms a face)
_ARRAYS = ("hmetrics", "glyphPos")
_SKIPPED = ("_ttf_data", "_pdfScale", "glyphToChar", "filename", "_pos", "_eager")


class CachedFace(TTFontFace):
    """A TTFontFace restored from the cache; its file is mapped, not read."""

    def __init__(self, path: Path, state: dict[str, Any], arrays: dict[str, Any]) -> None:
        # Not TTFontFace.__init__: that parses the file, which is what the cache saves.
        self.__dict__.update(state)
        self.hmetrics = HMetrics(arrays["advances"], arrays["bearings"])
        self.glyphPos = arrays["glyphPos"]
        self.filename = str(path)
        self._pos = 0
        self._pdfScale = _pdf_scale(self.unitsPerEm)
        with path.open("rb") as file:
            self._ttf_data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)

    def get_table(self, tag: str) -> bytes | TableView:
        if tag == "glyf":  # makeSubset only slices out the glyphs in use: copy those, not 14 MB
            offset, length = self.get_table_pos(tag)
            return TableView(self._ttf_data, offset, length)
        return super().get_table(tag)

    def __getattr__(self, name: str) -> Any:
        if name == "glyphToChar":  # only ReportLab's shaping uses it; built on demand
            self.glyphToChar = _invert(self.charToGlyph)
            return self.glyphToChar
        if name in _EAGER and "_eager" in self.__dict__:  # a face no text uses is never loaded
            char_to_glyph, widths = marshal.loads(self.__dict__.pop("_eager"))
            self.charToGlyph = char_to_glyph
            self.charWidths = SparseWidths(widths, self.defaultWidth, char_to_glyph)
            return getattr(self, name)
        raise AttributeError(name)


class SparseWidths(dict):
    """A face's charWidths without the advances equal to its default width (30,000 of a CJK
    face's 31,000). ReportLab and the text engine read it as charWidths.get(code, defaultWidth),
    which gives what the full dict gives; so does indexing a character the face has."""

    def __init__(self, widths: dict[int, int | float], default: int | float,
                 char_to_glyph: dict[int, int]) -> None:
        super().__init__(widths)
        self.default, self.char_to_glyph = default, char_to_glyph

    def __missing__(self, code: int) -> int | float:
        if code in self.char_to_glyph:
            return self.default
        raise KeyError(code)


class HMetrics(Sequence):
    """The hmtx list of a face, (advance, left side bearing) per glyph, over two arrays."""

    def __init__(self, advances: array, bearings: array) -> None:
        self.advances, self.bearings = advances, bearings

    def __len__(self) -> int:
        return len(self.advances)

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - an int or a slice, as for a list
        if isinstance(index, slice):
            return list(zip(self.advances[index], self.bearings[index], strict=True))
        return self.advances[index], self.bearings[index]


class TableView:
    """A table of a mapped font file that gives bytes for slices of it."""

    def __init__(self, data: mmap.mmap, offset: int, length: int) -> None:
        self.data, self.offset, self.length = data, offset, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: slice) -> bytes:
        start, stop, step = index.indices(self.length)
        if step != 1:
            raise ValueError("a font table is read in runs of bytes")
        return self.data[self.offset + start:self.offset + stop]


class UnusableFont(ValueError):
    """A font ReportLab parsed but that would fail or mislead later (the reason is the text)."""


def open_font(name: str, path: Path, cache_dir: Path | None,
              vet: Callable[[TTFont], str | None] | None = None) -> CIDFont:
    """The font at `path` as a CIDFont (a ReportLab TTFont) named `name`, from the cache when it can be.

    A freshly parsed font is vetted first (`vet` returns why it cannot be used, or None):
    only vetted fonts reach the cache, which is keyed by the file's content. Raises what
    TTFont raises for a file it cannot use, or UnusableFont (never for a cache problem).
    """
    if cache_dir is None:
        return _vetted(CIDFont(name, str(path)), vet)
    entry = cache_dir / "fonts" / f"{_key(path, cache_dir)}.face"
    face = _restore(read_entry(entry, _MAGIC), path)
    if face is None:
        parsed = _vetted(CIDFont(name, str(path)), vet)
        payload = _dump(parsed.face)
        write_entry(entry, _MAGIC, payload)
        # The parsed face goes: a first build lays out with the face a later build restores
        # (the same objects and code path), without the 15 MB file read into memory.
        face = _restore(payload, path)
        if face is None:
            return parsed  # our own entry always restores; were it not so, the parse still serves
    return _font(name, face, KeptPrograms(entry.with_suffix(".subset")))


def _vetted(font: TTFont, vet: Callable[[TTFont], str | None] | None) -> TTFont:
    problem = vet(font) if vet is not None else None
    if problem:
        raise UnusableFont(problem)
    return font


def keep_font(font: TTFont, path: Path, cache_dir: Path | None) -> None:
    """Make sure the cache holds `font`, registered earlier in this process, for the next build."""
    if cache_dir is not None:
        entry = cache_dir / "fonts" / f"{_key(path, cache_dir)}.face"
        if not entry.is_file():
            write_entry(entry, _MAGIC, _dump(font.face))
        if isinstance(font, CIDFont):
            font.kept_programs = KeptPrograms(entry.with_suffix(".subset"))


class KeptPrograms:
    """The last subset program of one face, compressed, in an entry of the cache (cidfont.KeptPrograms)."""

    def __init__(self, entry: Path) -> None:
        self.entry = entry

    def __call__(self, chars: list[int], make: Callable[[], bytes]) -> tuple[int, bytes]:
        digest = hashlib.sha256(zlib.ZLIB_RUNTIME_VERSION.encode() + array("I", chars).tobytes()).digest()
        payload = read_entry(self.entry, _SUBSET_MAGIC)
        if payload is not None and payload.startswith(digest):
            return int.from_bytes(payload[32:40], "big"), payload[40:]
        program = make()
        deflated = zlib.compress(program)  # as ReportLab's PDFZCompress
        write_entry(self.entry, _SUBSET_MAGIC, digest + len(program).to_bytes(8, "big") + deflated)
        return len(program), deflated


def _key(path: Path, cache_dir: Path) -> str:
    version = f"{FORMAT}-rl{reportlab.Version}-py{sys.version_info[0]}.{sys.version_info[1]}"
    return f"{file_sha256(path, cache_dir)[:40]}-{version}"


def _dump(face: TTFontFace) -> bytes:
    state = {k: v for k, v in face.__dict__.items() if k not in (*_EAGER, *_ARRAYS, *_SKIPPED)}
    advances = [advance for advance, _ in face.hmetrics]
    # Beyond hhea's count ReportLab stores the last advance scaled: a float for a face
    # whose em is not 1000 units. The array keeps each value's type for that case.
    arrays = {
        "advances": _array("q" if all(isinstance(a, int) for a in advances) else "d", advances),
        "bearings": _array("q", [bearing for _, bearing in face.hmetrics]),
        "glyphPos": _array("q", face.glyphPos),
    }
    # Nearly every advance of a CJK face is its default width: only the others are stored.
    widths = {code: width for code, width in face.charWidths.items() if width != face.defaultWidth}
    return pickle.dumps((state, marshal.dumps([face.charToGlyph, widths]), arrays),
                        protocol=pickle.HIGHEST_PROTOCOL)


def _array(code: str, values: list) -> tuple[str, bytes]:
    return code, array(code, values).tobytes()


def _restore(payload: bytes | None, path: Path) -> CachedFace | None:
    if payload is None:
        return None
    try:
        state, eager, stored = pickle.loads(payload)
        state["_eager"] = eager  # charToGlyph and charWidths, loaded when first read
        arrays = {}
        for name, (code, data) in stored.items():
            arrays[name] = array(code)
            arrays[name].frombytes(data)
        return CachedFace(path, state, arrays)
    except (ValueError, TypeError, EOFError, KeyError, pickle.UnpicklingError, OSError, AttributeError):
        return None  # an entry of another shape: parse the font again


def _font(name: str, face: CachedFace, kept_programs: KeptPrograms) -> CIDFont:
    """A CIDFont around `face`: what TTFont.__init__ does, except parsing the file."""
    font = CIDFont.__new__(CIDFont)
    font.kept_programs = kept_programs
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
    return font


def _pdf_scale(units_per_em: int):  # noqa: ANN202 - ReportLab's own scaling function
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _invert(char_to_glyph: dict[int, int]) -> dict[int, list[int]]:
    glyph_to_char: dict[int, list[int]] = {}
    for char, glyph in char_to_glyph.items():
        glyph_to_char.setdefault(glyph, []).append(char)
    return glyph_to_char
