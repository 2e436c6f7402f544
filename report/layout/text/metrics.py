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
    table = _ADVANCES.get(font)
    if table is None:
        table = _ADVANCES[font] = {}
    for ch in set(text).difference(table):
        table[ch] = _lookup(font, ch)
    return [table[ch] * scale for ch in text]
