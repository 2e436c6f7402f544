"""Glyph advance widths of registered TrueType fonts (layout stage, text engine).

Widths come from ReportLab's parsed font face, exactly the numbers ReportLab
itself uses when it positions text, so what we measure is what gets drawn.
Looked up once per (font, character) and kept in plain dicts, because the line
breaker asks for every character of every paragraph.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

# font name -> character -> advance in 1/1000 em
_ADVANCES: dict[str, dict[str, float]] = {}
# (font name, scale) -> character -> advance in pt: what advances() returns
_SCALED: dict[tuple[str, float], dict[str, float]] = {}
_SCALED_LIMIT = 256  # sizes in use; a document with more starts the tables again
# font name -> (charWidths of the face, default width)
_FACES: dict[str, tuple[dict[int, float], float]] = {}


def _lookup(font: str, ch: str) -> float:
    face = _FACES.get(font)
    if face is None:
        ttf = pdfmetrics.getFont(font)
        face = _FACES[font] = (ttf.face.charWidths, ttf.face.defaultWidth)
    widths, default = face
    # ReportLab maps U+00A0 to the space glyph when it draws (ttfonts.splitString).
    code = 32 if ch == "\u00a0" else ord(ch)
    return widths.get(code, default)


def advances(font: str, text: str, scale: float) -> list[float]:
    """Advance of each character of `text` in `font`, times `scale` (size / 1000), in pt."""
    table = _SCALED.get((font, scale))
    if table is None:
        if len(_SCALED) >= _SCALED_LIMIT:
            _SCALED.clear()
        table = _SCALED[(font, scale)] = {}
    try:
        return list(map(table.__getitem__, text))  # C speed: no Python code per character
    except KeyError:
        widths = _ADVANCES.setdefault(font, {})
        for ch in set(text).difference(table):
            if ch not in widths:
                widths[ch] = _lookup(font, ch)
            table[ch] = widths[ch] * scale  # the product the list used to compute each time
        return list(map(table.__getitem__, text))
