"""The office booklet: pages imposed 2-up in saddle-stitch order (output stage).

Printed on both sides of the sheet (flip on the short edge), folded in the
middle and stapled, the sheets read in page order: for 8 pages the sides are
(8,1) (2,7) (6,3) (4,5). Each page becomes a form XObject placed, unscaled,
on one half of a sheet twice the page's width: A4 pages on A3, A5 on A4.
Links and bookmarks point at pages that no longer exist and are dropped.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Dictionary, Name

from report.output.pdfdoc import producer, repair_reportlab_file

_KEPT_INFO = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/CreationDate", "/ModDate")


def saddle_order(count: int) -> list[tuple[int, int]]:
    """(left, right) page numbers, from 1, of each sheet side in printing order."""
    if count % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {count}")
    sides = []
    for sheet in range(count // 4):
        sides.append((count - 2 * sheet, 2 * sheet + 1))  # front
        sides.append((2 * sheet + 2, count - 2 * sheet - 1))  # back
    return sides


def impose_booklet(pdf: bytes) -> bytes:
    """`pdf`, whose page count is a multiple of 4, imposed 2-up for duplex printing."""
    with pikepdf.open(io.BytesIO(pdf)) as source, pikepdf.new() as booklet:
        repair_reportlab_file(source)
        width, height = (float(v) for v in source.pages[0].mediabox[2:])
        forms = [booklet.copy_foreign(page.as_form_xobject()) for page in source.pages]
        for left, right in saddle_order(len(forms)):
            _add_side(booklet, forms[left - 1], forms[right - 1], width, height)
        _copy_metadata(source, booklet)
        out = io.BytesIO()
        booklet.save(out, deterministic_id=True, min_version="1.7")
        return out.getvalue()


def _add_side(booklet: pikepdf.Pdf, left: pikepdf.Object, right: pikepdf.Object,
              width: float, height: float) -> None:
    page = booklet.add_blank_page(page_size=(2 * width, height))
    page.obj.Resources = Dictionary(XObject=Dictionary(L=left, R=right))
    content = b"q /L Do Q q 1 0 0 1 %.4f 0 cm /R Do Q" % width
    page.obj.Contents = booklet.make_stream(content)


def _copy_metadata(source: pikepdf.Pdf, booklet: pikepdf.Pdf) -> None:
    for key in _KEPT_INFO:
        if key in source.docinfo:
            booklet.docinfo[key] = source.docinfo[key]
    booklet.docinfo["/Producer"] = producer()
    if "/Lang" in source.Root:
        booklet.Root.Lang = source.Root.Lang
    booklet.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    booklet.Root.PageLayout = Name.SinglePage
