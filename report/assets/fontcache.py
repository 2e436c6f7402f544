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
"""

from __future__ import annotations

import marshal
import mmap
import pickle
import sys
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from report.cachefiles import file_sha256, read_entry, write_entry

FORMAT = 1  # bump when what is stored changes
_MAGIC = b"report-face"
# Big attributes, stored with marshal (several times faster to load than pickle); the
# ones only the PDF writer reads are decoded when it first asks for them.
_EAGER = ("charToGlyph", "charWidths")
_LAZY = ("hmetrics", "glyphPos")
_SKIPPED = ("_ttf_data", "_pdfScale", "glyphToChar", "filename", "_pos", "_lazy")


class CachedFace(TTFontFace):
    """A TTFontFace restored from the cache; its file is mapped, not read."""

    def __init__(self, path: Path, state: dict[str, Any], lazy: dict[str, bytes]) -> None:
        # Not TTFontFace.__init__: that parses the file, which is what the cache saves.
        self.__dict__.update(state)
        self._lazy = lazy
        self.filename = str(path)
        self._pos = 0
        self._pdfScale = _pdf_scale(self.unitsPerEm)
        with path.open("rb") as file:
            self._ttf_data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)

    def __getattr__(self, name: str) -> Any:
        lazy = self.__dict__.get("_lazy", {})
        if name in lazy:  # hmtx and loca: only the PDF writer needs them
            value = marshal.loads(lazy.pop(name))
            setattr(self, name, value)
            return value
        if name == "glyphToChar":  # only ReportLab's shaping uses it; built on demand
            self.glyphToChar = _invert(self.charToGlyph)
            return self.glyphToChar
        raise AttributeError(name)


def open_font(name: str, path: Path, cache_dir: Path | None) -> TTFont:
    """The font at `path` as a ReportLab TTFont named `name`, from the cache when it can be.

    Raises what TTFont raises for a file it cannot use (never for a cache problem).
    """
    if cache_dir is None:
        return TTFont(name, str(path))
    entry = cache_dir / "fonts" / f"{_key(path, cache_dir)}.face"
    face = _restore(entry, path)
    if face is None:
        font = TTFont(name, str(path))
        write_entry(entry, _MAGIC, _dump(font.face))
        return font
    return _font(name, face)


def keep_font(font: TTFont, path: Path, cache_dir: Path | None) -> None:
    """Make sure the cache holds `font`, registered earlier in this process, for the next build."""
    if cache_dir is not None:
        entry = cache_dir / "fonts" / f"{_key(path, cache_dir)}.face"
        if not entry.is_file():
            write_entry(entry, _MAGIC, _dump(font.face))


def _key(path: Path, cache_dir: Path) -> str:
    version = f"{FORMAT}-rl{reportlab.Version}-py{sys.version_info[0]}.{sys.version_info[1]}"
    return f"{file_sha256(path, cache_dir)[:40]}-{version}"


def _dump(face: TTFontFace) -> bytes:
    state = {k: v for k, v in face.__dict__.items() if k not in (*_EAGER, *_LAZY, *_SKIPPED)}
    big = {name: getattr(face, name) for name in (*_EAGER, *_LAZY)}
    lazy = {name: marshal.dumps(big[name]) for name in _LAZY}
    return pickle.dumps((state, marshal.dumps([big[name] for name in _EAGER]), lazy),
                        protocol=pickle.HIGHEST_PROTOCOL)


def _restore(entry: Path, path: Path) -> CachedFace | None:
    payload = read_entry(entry, _MAGIC)
    if payload is None:
        return None
    try:
        state, eager, lazy = pickle.loads(payload)
        for name, value in zip(_EAGER, marshal.loads(eager), strict=True):
            state[name] = value
        return CachedFace(path, state, lazy)
    except (ValueError, TypeError, EOFError, pickle.UnpicklingError, OSError, AttributeError):
        return None  # an entry of another shape: parse the font again


def _font(name: str, face: CachedFace) -> TTFont:
    """A TTFont around `face`: what TTFont.__init__ does, except parsing the file."""
    font = TTFont.__new__(TTFont)
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
