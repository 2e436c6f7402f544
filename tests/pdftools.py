"""Reading finished PDFs back: text, fonts, links, outline (for tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

_SPACE = re.compile(r"\s+")
# pdfium reports a hyphen that ends a line as U+0002, its mark for a soft hyphen, and joins
# the lines (FPDFText): the PDF holds a real "-" (pdfplumber reads it), so put it back.
_PDFIUM_HYPHEN = str.maketrans({"\x02": "-"})


def page_texts(pdf: bytes | Path) -> list[str]:
    """The text layer of each page, as a reader would copy it."""
    document = pdfium.PdfDocument(pdf if isinstance(pdf, Path) else bytes(pdf))
    try:
        return [page.get_textpage().get_text_range().translate(_PDFIUM_HYPHEN) for page in document]
    finally:
        document.close()


def body_texts(pdf: Path, top_mm: float, bottom_mm: float) -> list[str]:
    """The text inside each page's text area, without running heads and folios."""
    document = pdfium.PdfDocument(pdf)
    try:
        texts = []
        for page in document:
            width, height = page.get_size()
            mm = 72 / 25.4
            texts.append(page.get_textpage().get_text_bounded(
                0, bottom_mm * mm, width, height - top_mm * mm).translate(_PDFIUM_HYPHEN))
        return texts
    finally:
        document.close()


def squeeze(text: str) -> str:
    """Text without whitespace or line breaks, for comparing Chinese text across lines."""
    return _SPACE.sub("", text)


def fonts(pdf: Path) -> dict[str, bool]:
    """Every font resource of every page → whether its file is embedded."""
    found: dict[str, bool] = {}
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in page.Resources.get("/Font", {}).values():
                program = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font
                descriptor = program.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[str(font.BaseFont)] = embedded
    return found


def link_targets(pdf: Path, page_index: int) -> list[int]:
    """Page indexes that the link annotations of one page jump to, in order."""
    targets = []
    with pikepdf.open(pdf) as document:
        pages = {page.objgen: i for i, page in enumerate(document.pages)}
        names = _named_destinations(document)
        for annot in document.pages[page_index].get("/Annots", []):
            dest = annot.get("/Dest") or annot.get("/A", {}).get("/D")
            if isinstance(dest, pikepdf.String | pikepdf.Name):
                dest = names[str(dest).lstrip("/")]
            targets.append(pages[dest[0].objgen])
    return targets


def outline_titles(pdf: Path) -> list[tuple[int, str]]:
    with pikepdf.open(pdf) as document, document.open_outline() as outline:
        found: list[tuple[int, str]] = []

        def walk(items, depth: int) -> None:
            for item in items:
                found.append((depth, item.title))
                walk(item.children, depth + 1)

        walk(outline.root, 0)
        return found


def _named_destinations(document: pikepdf.Pdf) -> dict[str, pikepdf.Array]:
    names: dict[str, pikepdf.Array] = {}
    dests = document.Root.get("/Dests")
    if dests is not None:
        for key, value in dests.items():
            names[key.lstrip("/")] = _array(value)
    tree = document.Root.get("/Names", {}).get("/Dests")
    if tree is not None:
        for key, value in pikepdf.NameTree(tree).items():
            names[key] = _array(value)
    return names


def _array(value: pikepdf.Object) -> pikepdf.Array:
    return value.get("/D", value) if isinstance(value, pikepdf.Dictionary) else value
