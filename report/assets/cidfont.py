"""TrueType faces embedded once per document, with two-byte codes (assets stage).

ReportLab embeds a TrueType font as 8-bit subsets of 256 characters each. A
Chinese brochure uses one to two thousand characters per face, so every face
became 5–10 separate fonts, each with its own copy of the face's name, OS/2,
hinting and header tables, and running text switched font about every 1.4
characters (a `Tf` operator each time; 339,000 of them in 300 pages).

CIDFont writes each face once, as a Type0 font (Identity-H encoding, two
bytes per character) over a CIDFontType2 descendant:

- CID n is the n-th distinct character the document draws in this face, so a
  CID is never reused and text drawn in any order gets the same codes;
- the embedded program is ReportLab's own subset (TTFontFile.makeSubset) of
  those characters in that order, so glyph n is CID n and the CIDToGIDMap is
  /Identity; only when two characters share a glyph (a Kangxi radical and its
  ideograph, say) is an explicit CIDToGIDMap written, so that each character
  keeps its own CID and copies as itself;
- /W gives every advance that differs from the common one (/DW);
- the ToUnicode CMap writes UTF-16BE, surrogate pairs included (ReportLab's
  8-bit maps wrote U+20087 as <20087>, which viewers misread).

The subset tag is derived from the characters (a hash), so two PDFs that
embed different subsets of one face never share a font name (a RIP or a
merge tool may treat equal names as equal fonts) and the same input gives
the same bytes.

Everything ReportLab does with a TTFont (widths, canvas.drawString, charts
drawn through renderPDF) keeps working: splitString gives one "subset" whose
bytes are the two-byte codes. The text engine draws with hex_codes().

Imports: ReportLab and the standard library.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFont

MAX_CIDS = 32_000  # makeSubset's (1,0) cmap holds 2 bytes per code in a table of at most 64 KiB
_BFCHAR_BLOCK = 100  # entries per beginbfchar block, the CMap format's limit


def register_font(font: TTFont) -> None:
    """Register `font` under its name, as itself.

    ReportLab's registerFont hands a new name the font object first registered for the same
    face (by the name inside the file), so a CIDFont registered after a plain TTFont of that
    face would silently become the TTFont, and the other way round.
    """
    pdfmetrics.registerFont(font)
    pdfmetrics._fonts[font.fontName] = font


class TooManyCharacters(ValueError):
    """A document draws more distinct characters in one face than one embedded font can hold."""


# (the characters in CID order, a function that makes their subset program) → the program's
# length and its zlib-compressed bytes
KeptPrograms = Callable[[list[int], Callable[[], bytes]], tuple[int, bytes]]


class CIDFont(TTFont):
    """A TrueType face that a document embeds once, as a Type0 font with two-byte codes."""

    kept_programs: KeptPrograms | None = None  # set by fontcache: subsets kept between builds

    def splitString(self, text: str, doc, encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # noqa: ANN001, N802, ARG002
        """ReportLab's interface: one 'subset' (0) whose bytes are the two-byte codes
        (the same table the text engine draws with, read as bytes)."""
        return [(0, bytes.fromhex(text.translate(self._document_state(doc))))]

    def getSubsetInternalName(self, subset: int, doc) -> str:  # noqa: ANN001, N802
        """The font's resource name in `doc`; there is only subset 0."""
        if subset != 0:
            raise IndexError(f"font {self.fontName} has one subset, not {subset}")
        return self.resource_name(doc)

    def resource_name(self, doc) -> str:  # noqa: ANN001
        """'/F3': the name that `Tf` selects this font by, registered with `doc` on first use."""
        state = self._document_state(doc)
        if state.resource is None:
            state.resource = f"F{len(doc.fontMapping) + 1}"
            doc.fontMapping[self.fontName] = "/" + state.resource
            doc.delayedFonts.append(self)
        return "/" + state.resource

    def hex_codes(self, doc) -> HexCodes:  # noqa: ANN001
        """The document's code for each character in hex, for str.translate (the text engine)."""
        return self._document_state(doc)

    def addObjects(self, doc) -> None:  # noqa: ANN001, N802 - ReportLab calls it when it writes the PDF
        state = self._document_state(doc)
        if state.resource is None:
            return
        name = f"{_subset_tag(self.face.name, state.chars)}+{_face_name(self)}"
        type0 = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"),
            "Subtype": pdfdoc.PDFName("Type0"),
            "BaseFont": pdfdoc.PDFName(name),
            "Encoding": pdfdoc.PDFName("Identity-H"),
            "DescendantFonts": pdfdoc.PDFArray([self._descendant(doc, name, state.chars)]),
            "ToUnicode": doc.Reference(_stream(doc, to_unicode_cmap(state.chars)),
                                       f"toUnicodeCMap:{name}"),
        })
        reference = doc.Reference(type0, state.resource)
        doc.idToObject["BasicFonts"].dict[state.resource] = reference
        del self.state[doc]

    def _descendant(self, doc, name: str, chars: list[int]) -> pdfdoc.PDFObjectReference:  # noqa: ANN001
        widths = [self.face.getCharWidth(char) for char in chars]
        common = Counter(widths).most_common(1)[0][0] if widths else self.face.defaultWidth
        cid_font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"),
            "Subtype": pdfdoc.PDFName("CIDFontType2"),
            "BaseFont": pdfdoc.PDFName(name),
            "CIDSystemInfo": pdfdoc.PDFDictionary({
                "Registry": pdfdoc.PDFString("Adobe"),
                "Ordering": pdfdoc.PDFString("Identity"),
                "Supplement": 0,
            }),
            "FontDescriptor": self._font_descriptor(doc, name, chars),
            "DW": common,
            "W": _pdf_array(width_runs(widths, common)),
            "CIDToGIDMap": self._cid_to_gid(doc, name, chars),
        })
        return doc.Reference(cid_font, f"cidFont:{name}")

    def _font_descriptor(self, doc, name: str, chars: list[int]) -> pdfdoc.PDFObjectReference:  # noqa: ANN001
        """ReportLab's FontDescriptor and FontFile2 for its subset of `chars` in CID order
        (TTFontFace.addSubsetObjects, field for field), but the program is made and
        compressed only when the cache does not hold it for these characters."""
        face = self.face
        if not doc.compression or self.kept_programs is None:
            return face.addSubsetObjects(doc, name, chars)
        length, deflated = self.kept_programs(chars, lambda: face.makeSubset(chars))
        program = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Length1": length,
                                                         "Filter": pdfdoc.PDFName("FlateDecode")}),
                                   deflated)
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(face.bbox),
            "FontName": pdfdoc.PDFName(name),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": doc.Reference(program, f"fontFile:{face.filename}({name})"),
            "MissingWidth": face.defaultWidth,
        })
        return doc.Reference(descriptor, "fontDescriptor:" + name)

    def _cid_to_gid(self, doc, name: str, chars: list[int]):  # noqa: ANN001, ANN202
        """/Identity when glyph n of the subset is CID n; else the map as a stream."""
        glyphs = subset_glyphs(self.face.charToGlyph, chars)
        if glyphs == list(range(len(glyphs))):
            return pdfdoc.PDFName("Identity")
        stream = _stream(doc, b"".join(glyph.to_bytes(2, "big") for glyph in glyphs))
        return doc.Reference(stream, f"cidToGidMap:{name}")

    def _document_state(self, doc) -> HexCodes:  # noqa: ANN001
        state = self.state.get(doc)
        if state is None:
            state = self.state[doc] = HexCodes(self.fontName, self.face.charToGlyph)
        return state


class HexCodes(dict):
    """One document's codes of one face: code point → its CID as four hex digits.

    A dict, so that str.translate writes a run's hex string in one call; a character
    met for the first time gets the next CID (__missing__).
    """

    def __init__(self, font_name: str, char_to_glyph: dict[int, int]) -> None:
        super().__init__()
        self.font_name, self.char_to_glyph = font_name, char_to_glyph
        self.chars: list[int] = []  # code point of CID 1, 2, …
        self.resource: str | None = None  # "F3" once the font is used in the document

    def __missing__(self, char: int) -> str:
        """Give `char` the next CID. A character the face lacks is CID 0 (.notdef), as in
        ReportLab (the asset stage refuses such text before layout)."""
        if char == 0xA0:  # ReportLab draws a no-break space as a space
            char = 0x20
        if char in self:
            code = dict.__getitem__(self, char)
        elif char not in self.char_to_glyph:
            code = "0000"
        else:
            if len(self.chars) >= MAX_CIDS:  # the asset stage refuses such text with its location
                raise TooManyCharacters(f"more than {MAX_CIDS:,} characters in font {self.font_name}")
            self.chars.append(char)
            code = f"{len(self.chars):04X}"
        self[char] = code
        return code


def subset_glyphs(char_to_glyph: dict[int, int], chars: list[int]) -> list[int]:
    """For CID 0, 1, 2, …: its glyph in makeSubset's subset of `chars` (taken in order,
    a glyph already taken keeps its first number)."""
    numbers = {0: 0}
    glyphs = [0]
    for char in chars:
        glyphs.append(numbers.setdefault(char_to_glyph[char], len(numbers)))
    return glyphs


def width_runs(widths: list[int | float], common: int | float) -> list:
    """The /W entries of CIDs 1… with these widths: `first [w w …]` for each stretch of
    CIDs whose width is not `common` (plain lists; _pdf_array writes them)."""
    entries: list = []
    for cid, width in enumerate(widths, start=1):
        if width == common:
            continue
        if entries and entries[-2] + len(entries[-1]) == cid:
            entries[-1].append(width)
        else:
            entries += [cid, [width]]
    return entries


def _pdf_array(items: list) -> pdfdoc.PDFArray:
    return pdfdoc.PDFArray([_pdf_array(item) if isinstance(item, list) else item for item in items])


def to_unicode_cmap(chars: list[int]) -> str:
    """The ToUnicode CMap of CIDs 1… that are `chars`, in UTF-16BE (surrogate pairs
    beyond U+FFFF)."""
    entries = [f"<{cid:04X}> <{chr(char).encode('utf-16-be').hex().upper()}>"
               for cid, char in enumerate(chars, start=1)]
    blocks = []
    for start in range(0, len(entries), _BFCHAR_BLOCK):
        block = entries[start:start + _BFCHAR_BLOCK]
        blocks.append(f"{len(block)} beginbfchar\n" + "\n".join(block) + "\nendbfchar")
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
        *blocks,
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


def _subset_tag(face_name: bytes, chars: list[int]) -> str:
    """Six capital letters that name this subset of this face (PDF 32000 9.6.4)."""
    digest = hashlib.sha256(face_name + b"\0" + ",".join(map(str, chars)).encode()).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _face_name(font: TTFont) -> str:
    face = font.face
    return (face.name + face.subfontNameX).decode("latin-1")


def _stream(doc, content: str | bytes) -> pdfdoc.PDFStream:  # noqa: ANN001
    stream = pdfdoc.PDFStream()
    stream.content = content
    if doc.compression:
        stream.filters = [pdfdoc.PDFZCompress]
    return stream
