"""The document: page size, metadata, and the two layout passes.

Pass one learns where every part starts; pass two prints those page numbers
in the table of contents. Output is byte-identical for identical input
(ReportLab's invariant mode fixes dates and IDs).
"""

from __future__ import annotations

import io
import re

from reportlab.platypus import BaseDocTemplate
from reportlab.platypus.doctemplate import LayoutError

from report import __version__
from report.assets import Assets
from report.diagnostics import BuildError, Diagnostic
from report.layout.flowables import PageLog
from report.layout.geometry import make_grid
from report.layout.story import StoryMaker
from report.layout.styles import Styles
from report.layout.text import fix_tounicode
from report.model import Brochure

MAX_PAGES = 1000  # about 80 s of layout; a runaway (thousands of page breaks) stops here
_PAGE = re.compile(r"too large on page (\d+)")


class _TooManyPages(Exception):
    """Raised inside ReportLab's page handling, which re-creates an exception from one string
    (annotateException): BuildError itself would not survive that."""


class BrochureDoc(BaseDocTemplate):
    """BaseDocTemplate that tells the viewer to show the title and the bookmarks."""

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.canv.setViewerPreference("DisplayDocTitle", "true")
        self.canv.showOutline()

    def handle_pageBegin(self) -> None:
        if self.page >= MAX_PAGES:
            raise _TooManyPages()
        super().handle_pageBegin()


def layout_pdf(brochure: Brochure, assets: Assets) -> bytes:
    """Lay out `brochure` and return the PDF file's bytes."""
    styles = Styles(brochure.theme, assets.fonts)
    grid = make_grid(brochure.page, brochure.theme)
    first = PageLog()
    _render(brochure, assets, StoryMaker(brochure, styles, grid, first, None))
    pdf = _render(brochure, assets, StoryMaker(brochure, styles, grid, PageLog(), first))
    # ReportLab's ToUnicode entries are wrong beyond U+FFFF (𠂇 would copy as U+2008).
    return fix_tounicode(pdf)


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
    try:
        doc.build(story)
    except _TooManyPages:
        raise BuildError([Diagnostic(None, f"the brochure runs past {MAX_PAGES:,} pages",
                                     "make several brochures of it, or remove page breaks")]) from None
    except LayoutError as exc:  # a last resort: StoryMaker checks what it knows cannot split
        raise BuildError([_layout_diagnostic(str(exc))]) from None
    return buffer.getvalue()


def _layout_diagnostic(message: str) -> Diagnostic:
    """ReportLab's LayoutError in the user's terms (its text names internal objects)."""
    if "without content" in message:  # ReportLab halts after ten empty pages in a row
        return Diagnostic(None, "more than ten pages in a row would be empty",
                          "remove page breaks that follow one another")
    found = _PAGE.search(message)
    where = f" on page {found.group(1)}" if found else ""
    return Diagnostic(None, f"something does not fit{where} and cannot be split",
                      "a text or a type size of the theme may be too large for the page")
