"""CIDFont: each face embedded once as a Type0 font whose text copies exactly and whose
glyphs are the face's own."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from fontTools.ttLib import TTFont as ToolsFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from report.assets.cidfont import CIDFont, register_font, subset_glyphs, to_unicode_cmap, width_runs
from report.layout.text import Span, TextBlock, TextStyle

FONT = Path(__file__).resolve().parents[2] / "fonts" / "NotoSerifSC-Regular.ttf"
NAME = "CidTestSerif"
# 𠂇 U+20087 and 𤇾 U+241FE lie beyond U+FFFF (ReportLab's own ToUnicode maps got them wrong).
WIDE = "王𠂇石𤇾峰区"
# More than 256 different characters: ReportLab's 8-bit subsets would need two fonts.
MANY = "".join(chr(0x4E00 + i) for i in range(600))
# Pairs that Noto Serif SC draws with one glyph: a Kangxi radical and its ideograph, two dashes.
SHARED = "尢⼪幺⼳‒–"


@pytest.fixture(scope="module", autouse=True)
def font() -> None:
    if NAME not in pdfmetrics.getRegisteredFontNames():
        register_font(CIDFont(NAME, str(FONT)))


def pdf_of(*pages: str, draw_string: str = "") -> bytes:
    """One page per text, set by the text engine; `draw_string` also by ReportLab's drawString."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for text in pages:
        block = TextBlock([Span(text, TextStyle(NAME, 12))], leading=18)
        block.wrap(400, 800)
        block.drawOn(canvas, 50, 400)
        if draw_string:
            canvas.setFont(NAME, 12)
            canvas.drawString(50, 100, draw_string)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def pdfium_text(pdf: bytes) -> list[str]:
    return [page.get_textpage().get_text_range().replace("\r\n", "") for page in pdfium.PdfDocument(pdf)]


def font_dicts(pdf: bytes) -> list[pikepdf.Dictionary]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        found = {font.objgen: font for page in document.pages
                 for font in page.Resources.Font.values()
                 if font.Subtype != "/Type1"}  # the canvas's initial Helvetica
        return [pikepdf.Dictionary({"/Subtype": f.Subtype, "/Encoding": f.Encoding,
                                    "/Descendant": f.DescendantFonts[0].Subtype,
                                    "/BaseFont": f.BaseFont}) for f in found.values()]


def embedded(pdf: bytes) -> tuple[ToolsFont, bytes | None]:
    """The embedded font program, and the CIDToGIDMap stream's bytes (None: /Identity)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        font = next(font for font in document.pages[0].Resources.Font.values()
                    if font.Subtype == "/Type0").DescendantFonts[0]
        program = font.FontDescriptor.FontFile2.read_bytes()
        mapping = font.CIDToGIDMap
        data = None if isinstance(mapping, pikepdf.Name) else mapping.read_bytes()
    return ToolsFont(io.BytesIO(program)), data


def test_characters_beyond_u_ffff_copy_as_themselves() -> None:
    pdf = pdf_of(WIDE, WIDE)
    assert pdfium_text(pdf) == [WIDE, WIDE]
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert "".join(c["text"] for c in document.pages[1].chars) == WIDE


def test_a_face_is_one_type0_font_however_many_characters() -> None:
    pdf = pdf_of(MANY[:300], MANY[300:], draw_string="Ab1")
    (font,) = font_dicts(pdf)
    assert (font.Subtype, font.Encoding, font.Descendant) == ("/Type0", "/Identity-H", "/CIDFontType2")
    assert str(font.BaseFont).endswith("+NotoSerifSC-Regular")
    assert pdfium_text(pdf) == [MANY[:300] + "Ab1", MANY[300:] + "Ab1"]


def test_embedded_glyphs_are_the_faces_own() -> None:
    """CID n is drawn with the glyph of the n-th character: the same outline as in the face."""
    text = WIDE + MANY[:40] + "Ab1%"
    subset, mapping = embedded(pdf_of(text))
    assert mapping is None  # no shared glyphs: /Identity
    face = ToolsFont(FONT, lazy=True)
    face_cmap, face_glyf = face.getBestCmap(), face["glyf"]
    order, glyf = subset.getGlyphOrder(), subset["glyf"]
    for cid, char in enumerate(dict.fromkeys(text), start=1):
        ours, theirs = glyf[order[cid]], face_glyf[face_cmap[ord(char)]]
        assert ours.getCoordinates(glyf)[0] == theirs.getCoordinates(face_glyf)[0], char


def test_characters_that_share_a_glyph_keep_their_own_codes() -> None:
    pdf = pdf_of(SHARED)
    assert pdfium_text(pdf) == [SHARED]
    subset, mapping = embedded(pdf)
    assert mapping is not None
    glyphs = [int.from_bytes(mapping[i:i + 2], "big") for i in range(0, len(mapping), 2)]
    assert glyphs == [0, 1, 1, 2, 2, 3, 3]
    assert subset["maxp"].numGlyphs == 4


def test_widths_read_back_are_the_faces_advances() -> None:
    """/W and /DW give pdfplumber the face's advances, Latin as well as Han."""
    text = "石峰Ab1%，"
    pdf = pdf_of(text)
    face = pdfmetrics.getFont(NAME).face
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        read = {c["text"]: round(c["x1"] - c["x0"], 3) for c in document.pages[0].chars}
    expected = {ch: round(face.getCharWidth(ord(ch)) * 12 / 1000, 3) for ch in text}
    assert read == expected


def test_subset_names_follow_the_characters_and_repeat_exactly() -> None:
    names = [str(font_dicts(pdf_of(text))[0].BaseFont) for text in ("石峰区", "石峰区", "石峰")]
    assert names[0] == names[1] != names[2]
    tag = names[0].lstrip("/").split("+")[0]
    assert len(tag) == 6 and tag.isalpha() and tag.isupper()


def test_width_runs_list_only_the_uncommon_widths() -> None:
    assert width_runs([1000, 500, 600, 1000, 280, 300], 1000) == [2, [500, 600], 5, [280, 300]]
    assert width_runs([1000, 1000], 1000) == []


def test_subset_glyphs_number_shared_glyphs_once() -> None:
    assert subset_glyphs({1: 7, 2: 7, 3: 9}, [1, 2, 3]) == [0, 1, 1, 2]


def test_to_unicode_cmap_blocks_of_at_most_100() -> None:
    cmap = to_unicode_cmap([0x4E00 + i for i in range(250)] + [0x20087])
    assert cmap.count("beginbfchar") == 3
    assert "100 beginbfchar" in cmap and "51 beginbfchar" in cmap
    assert "<00FB> <D840DC87>" in cmap
