"""The document: sheet size, page boxes, metadata, and the two layout passes.

Pass one learns where every part starts; pass two prints those page numbers
in the table of contents. Output is byte-identical for identical input
(ReportLab's invariant mode fixes dates and IDs). One call lays out one
edition; what differs between editions is decided in `edition.py`.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.platypus import BaseDocTemplate

from report import __version__
from report.assets import Assets
from report.layout.edition import EditionLayout, edition_layout
from report.layout.flowables import PageLog
from report.layout.geometry import make_grid
from report.layout.story import StoryMaker
from report.layout.styles import Styles
from report.layout.text import fix_tounicode
from report.model import Brochure

# Called after each page is laid out with (pass number 1 or 2, page number).
PageProgress = Callable[[int, int], None]

# ReportLab refuses colours outside the edition's space: a stray RGB colour in the
# print edition is an error at layout time, not a surprise at the print shop.
_ENFORCE = {"rgb": "rgb", "cmyk": "sep_cmyk"}


class BrochureDoc(BaseDocTemplate):
    """BaseDocTemplate that tells the viewer to show the title and the bookmarks."""

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.canv.setViewerPreference("DisplayDocTitle", "true")
        self.canv.showOutline()


def layout_pdf(brochure: Brochure, assets: Assets, edition: str = "email",
               on_page: PageProgress | None = None) -> bytes:
    """Lay out `brochure` as `edition` and return the PDF file's bytes."""
    settings = edition_layout(edition, brochure, assets)
    styles = Styles(brochure.theme, assets.fonts, settings.inks)
    grid = make_grid(brochure.page, brochure.theme)
    first = PageLog()
    _render(brochure, assets, settings, StoryMaker(brochure, styles, grid, settings, first, None, assets),
            _pass(on_page, 1))
    pdf = _render(brochure, assets, settings,
                  StoryMaker(brochure, styles, grid, settings, PageLog(), first, assets), _pass(on_page, 2))
    return fix_tounicode(pdf)  # ReportLab's ToUnicode is wrong beyond U+FFFF


def _render(brochure: Brochure, assets: Assets, settings: EditionLayout, maker: StoryMaker,
            on_page: Callable[[int], None] | None) -> bytes:
    story, templates = maker.make()
    buffer = io.BytesIO()
    sheet = settings.sheet
    doc = BrochureDoc(
        buffer,
        pagesize=sheet.media,
        pageTemplates=templates,
        title=brochure.title.plain,
        author=brochure.publisher.plain,
        subject=brochure.subject,
        keywords=list(brochure.keywords),
        creator=f"report {__version__} (ReportLab)",
        producer=f"report {__version__} (ReportLab)",
        lang=brochure.language,
        initialFontName=assets.fonts.song,
        invariant=1,
        enforceColorSpace=_ENFORCE[settings.inks.mode],
        trimBox=sheet.trim_box,
        bleedBox=sheet.bleed_box,
        leftMargin=0,
        rightMargin=0,
        topMargin=0,
        bottomMargin=0,
    )
    if on_page is not None:
        doc.setProgressCallBack(lambda kind, value: on_page(value) if kind == "PAGE" else None)
    doc.build(story)
    return buffer.getvalue()


def _pass(on_page: PageProgress | None, number: int) -> Callable[[int], None] | None:
    if on_page is None:
        return None
    return lambda page: on_page(number, page)
