"""The document: page size, metadata, and the two layout passes.

Pass one learns where every part starts; pass two prints those page numbers
in the table of contents. Output is byte-identical for identical input
(ReportLab's invariant mode fixes dates and IDs).
"""

from __future__ import annotations

import io

from reportlab.platypus import BaseDocTemplate

from report import __version__
from report.assets import Assets
from report.layout.flowables import PageLog
from report.layout.geometry import make_grid
from report.layout.story import StoryMaker
from report.layout.styles import Styles
from report.model import Brochure


class BrochureDoc(BaseDocTemplate):
    """BaseDocTemplate that tells the viewer to show the title and the bookmarks."""

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.canv.setViewerPreference("DisplayDocTitle", "true")
        self.canv.showOutline()


def layout_pdf(brochure: Brochure, assets: Assets) -> bytes:
    """Lay out `brochure` and return the PDF file's bytes."""
    styles = Styles(brochure.theme, assets.fonts)
    grid = make_grid(brochure.page, brochure.theme)
    first = PageLog()
    _render(brochure, assets, StoryMaker(brochure, styles, grid, first, None, assets))
    return _render(brochure, assets, StoryMaker(brochure, styles, grid, PageLog(), first, assets))


def _render(brochure: Brochure, assets: Assets, maker: StoryMaker) -> bytes:
    story, templates = maker.make()
    buffer = io.BytesIO()
    doc = BrochureDoc(
        buffer,
        pagesize=(brochure.page.width, brochure.page.height),
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
        leftMargin=0,
        rightMargin=0,
        topMargin=0,
        bottomMargin=0,
    )
    doc.build(story)
    return buffer.getvalue()
