"""Characters beyond U+FFFF: ReportLab's ToUnicode entry is repaired, so copy/paste works."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2 as pdfium
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfgen.canvas import Canvas

from report.layout.text import Span, TextBlock, TextStyle, fix_tounicode
from report.layout.text.tounicode import UnicodeTTFont, fix_cmap
from tests.text.conftest import FONTS

TEXT = "王𠂇石𤇾峰区"  # 𠂇 U+20087 and 𤇾 U+241FE are in Noto Serif SC


def pdf_with(style: TextStyle, compress: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=compress)
    for _ in range(2):
        para = TextBlock([Span(TEXT, style)], leading=18)
        para.wrap(200, 100)
        para.drawOn(canvas, 50, 700)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def pdfium_text(pdf: bytes) -> list[str]:
    return [page.get_textpage().get_text_range() for page in pdfium.PdfDocument(pdf)]


def test_reportlab_alone_gets_it_wrong(body: TextStyle) -> None:
    assert pdfium_text(pdf_with(body, 1))[0] != TEXT


def test_fix_tounicode_repairs_compressed_and_plain_files(body: TextStyle) -> None:
    for compress in (0, 1):
        fixed = fix_tounicode(pdf_with(body, compress))
        assert pdfium_text(fixed) == [TEXT, TEXT]
        with pdfplumber.open(io.BytesIO(fixed)) as document:
            assert "".join(c["text"] for c in document.pages[1].chars) == TEXT


def test_fix_tounicode_leaves_other_files_alone(body: TextStyle) -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    para = TextBlock([Span("石峰区", body)], leading=18)
    para.wrap(100, 100)
    para.drawOn(canvas, 50, 700)
    canvas.save()
    assert fix_tounicode(buffer.getvalue()) == buffer.getvalue()
    assert fix_tounicode(b"not a pdf") == b"not a pdf"


def test_fix_cmap_writes_surrogate_pairs() -> None:
    cmap = "2 beginbfchar\n<01> <738B>\n<02> <20087>\nendbfchar"
    assert fix_cmap(cmap) == "2 beginbfchar\n<01> <738B>\n<02> <D840DC87>\nendbfchar"


def test_unicode_ttfont_writes_valid_cmaps() -> None:
    """The subclass fixes its CMaps as ReportLab creates them (checked on a bare document)."""
    font = UnicodeTTFont("TextSansBoldUnicode", str(FONTS / "NotoSansSC-Bold.ttf"))
    doc = PDFDocument()
    font.splitString("王𠂇", doc)
    font.getSubsetInternalName(0, doc)
    font.addObjects(doc)
    cmaps = [obj.content for name, obj in doc.idToObject.items()
             if isinstance(name, str) and name.startswith("toUnicodeCMap:")]
    assert cmaps and "<D840DC87>" in cmaps[0] and "<20087>" not in cmaps[0]
