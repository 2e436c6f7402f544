"""Glyphs drawn as .notdef: glyph id 0, found through the embedded font's own cmap.

A character the font lacks leaves no trace in the text layer (ReportLab
writes code 0, pdfium drops it), so the text-layer check alone cannot see
it: each shown code is mapped to its glyph id as a viewer would, through the
embedded TrueType font (simple fonts: its (3,0) or (1,0) cmap; Type0 fonts over
a CIDFontType2: the code is a CID, mapped by the CIDToGIDMap, /Identity or a stream).
"""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont, TTLibError
from pikepdf import Name, PdfError

from report.preflight.findings import ERROR, OK, WARNING, Finding, pages_text
from report.preflight.scan import Event

_Cmap = dict[int, int] | None  # code → glyph id; None: cannot tell


def notdef_glyphs(events: list[Event]) -> list[Finding]:
    cmaps: dict[tuple[int, int], _Cmap] = {}
    pages, unknown = set(), 0
    for event in events:
        if event.kind != "text" or event.obj is None or not event.data:
            continue
        font = event.obj
        key = font.objgen
        if key not in cmaps:
            cmaps[key] = _code_to_glyph(font)
        cmap = cmaps[key]
        if cmap is None:
            unknown += 1
            continue
        if any(cmap.get(code, 0) == 0 for code in _codes(font, event.data)):
            pages.add(event.page)
    if pages:
        return [Finding("notdef glyphs", ERROR, f".notdef (glyph 0) drawn on {pages_text(pages)}")]
    if unknown:
        return [Finding("notdef glyphs", WARNING,
                        "some fonts are not TrueType; their glyphs were not checked")]
    return [Finding("notdef glyphs", OK, "no character drawn as glyph 0")]


def _codes(font, data: bytes) -> list[int]:  # noqa: ANN001 - a pikepdf font dictionary
    if str(font.get("/Subtype")) == "/Type0":
        return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]
    return list(data)


def _code_to_glyph(font) -> _Cmap:  # noqa: ANN001
    if str(font.get("/Subtype")) == "/Type0":
        return _cid_to_glyph(font.DescendantFonts[0])
    if str(font.get("/Subtype")) != "/TrueType" or "/Encoding" in font:
        return None  # a simple font with an encoding maps through glyph names: not checked here
    program = font.get("/FontDescriptor", {}).get("/FontFile2")
    if program is None:
        return None
    try:
        tables = TTFont(io.BytesIO(program.read_bytes()), lazy=True)
        order = {name: gid for gid, name in enumerate(tables.getGlyphOrder())}
        subtable = tables["cmap"].getcmap(3, 0) or tables["cmap"].getcmap(1, 0)
    except (TTLibError, KeyError, AssertionError):
        return None
    if subtable is None:
        return None
    # A (3,0) symbolic cmap may hold the codes at 0xF000 + code.
    return {code & 0xFF: order.get(name, 0) for code, name in subtable.cmap.items()}


def _cid_to_glyph(descendant) -> _Cmap:  # noqa: ANN001 - a pikepdf CIDFont dictionary
    """Identity-H codes are CIDs; a CIDFontType2 maps them to glyphs by its CIDToGIDMap:
    /Identity, or a stream of two bytes per CID."""
    if str(descendant.get("/Subtype")) != "/CIDFontType2":
        return None
    mapping = descendant.get("/CIDToGIDMap", Name.Identity)
    if isinstance(mapping, Name):
        return _IdentityMap() if mapping == Name.Identity else None
    try:
        data = mapping.read_bytes()
    except PdfError:
        return None
    return {cid: int.from_bytes(data[2 * cid:2 * cid + 2], "big") for cid in range(len(data) // 2)}


class _IdentityMap(dict):
    """Identity CIDToGIDMap: a 2-byte code is the glyph id."""

    def get(self, code: int, default: int = 0) -> int:  # type: ignore[override]
        return code
