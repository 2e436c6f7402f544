"""The document: sheet size, page boxes, metadata, and the layout passes.

Pass one learns where every part starts; pass two prints those page numbers
in the table of contents. Output is byte-identical for identical input
(ReportLab's invariant mode fixes dates and IDs). One call lays out one
edition; what differs between editions is decided in `edition.py`.

Pass one's only product is its PageLog, so it is never written out as a PDF.
And pass two needs nothing from pass one but that log: given a `hint` (the
log of an earlier build, kept by the build), the final pass runs first, and
if the part pages and page count it logs are the ones the hint promised
(all that pass two prints of the log), pass one would have logged exactly
those, and the PDF is done in one pass. Pagination
never depends on the numbers printed in the table of contents (an entry's
height is its title's; the number sits in a fixed column) and blank pages
only go after the last part, which is what makes the check exact. A wrong
hint costs the ordinary first pass, whose log the hinted pass already holds.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable
from reportlab.platypus.doctemplate import LayoutError

from report import __version__
from report.assets import Assets
from report.diagnostics import BuildError, Diagnostic
from report.layout.columns import ColumnSet
from report.layout.edition import EditionLayout, edition_layout
from report.layout.flowables import PageLog
from report.layout.geometry import make_grid
from report.layout.pages import SidePage
from report.layout.recorded import DrawingStore
from report.layout.story import StoryMaker, blank_pages, pages_printed
from report.layout.styles import Styles
from report.layout.text import TextBlock
from report.layout.text.linestore import LinesKey, LineStore, storing_lines
from report.layout.text.prefetch import supply
from report.model import Brochure

# Called after each page is laid out with (pass number 1 or 2, page number).
PageProgress = Callable[[int, int], None]

# ReportLab refuses colours outside the edition's space: a stray RGB colour in the
# print edition is an error at layout time, not a surprise at the print shop.
_ENFORCE = {"rgb": "rgb", "cmyk": "sep_cmyk"}

MAX_PAGES = 1000  # about 80 s of layout; a runaway (thousands of page breaks) stops here
_PAGE = re.compile(r"too large on page (\d+)")


class _TooManyPages(Exception):
    """Raised inside ReportLab's page handling, which re-creates an exception from one string
    (annotateException): BuildError itself would not survive that."""


@dataclass(frozen=True)
class LaidOut:
    pdf: bytes
    pages: PageLog  # what pass one logs: the hint for the next build of this brochure
    passes: int  # layout passes run: 1 when the hint was right


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


def layout_pdf(brochure: Brochure, assets: Assets, edition: str = "email",
               on_page: PageProgress | None = None, hint: PageLog | None = None,
               lines: LineStore | None = None, drawings: DrawingStore | None = None) -> LaidOut:
    """Lay out `brochure` as `edition`: the PDF file's bytes and the pages pass one logs.

    `lines`: paragraphs set before (the last build's, from the build cache); the store
    also collects this layout's, for the next build. `drawings`: the same for charts.
    """
    drawings = drawings if drawings is not None else DrawingStore()
    with storing_lines(lines if lines is not None else LineStore()) as store:
        return _layout(brochure, assets, edition, on_page, hint, store, drawings)


def _layout(brochure: Brochure, assets: Assets, edition: str, on_page: PageProgress | None,
            hint: PageLog | None, store: LineStore, drawings: DrawingStore) -> LaidOut:
    settings = edition_layout(edition, brochure, assets)
    styles = Styles(brochure.theme, assets.fonts, settings.inks)
    grid = make_grid(brochure.page, brochure.theme)

    def render(log: PageLog, known: PageLog | None, number: int, save: bool = True,
               ahead: bool = False) -> bytes:
        maker = StoryMaker(brochure, styles, grid, settings, log, known, assets, drawings)
        story, templates = maker.make()
        if ahead:  # the first pass: set the running text ahead, if it pays (the next finds it set)
            supply(store, column_text_keys(story, grid.text_width))
        return _render(brochure, settings, assets, story, templates, _pass(on_page, number), save)

    if hint is not None:
        log = PageLog()
        pdf = render(log, hint, 2, ahead=True)
        first = _as_first_pass(log, hint, settings.pad_to)
        if _same_pages(first, hint):
            return LaidOut(pdf, first, 1)  # a heading may have moved: it is not printed
    else:
        first = PageLog()
        render(first, None, 1, save=False, ahead=True)
    pdf = render(PageLog(), first, 2)
    return LaidOut(pdf, first, 2)


def _as_first_pass(log: PageLog, known: PageLog, pad_to: int) -> PageLog:
    """What pass one logs, from a pass laid out with `known`: the same pages without the blanks."""
    blanks = blank_pages(known.pages_before_back, pad_to)
    return PageLog(dict(log.part_pages), log.pages_before_back - blanks)


def _same_pages(first: PageLog, hint: PageLog) -> bool:
    """Whether a pass laid out with `first` would print what the one laid out with `hint` did."""
    return pages_printed(first) == pages_printed(hint)


def column_text_keys(story: list[Flowable], frame_width: float) -> list[LinesKey]:
    """The paragraphs of the story's column sets, as a LineStore's keys: what a helper sets ahead.

    Only the running text of column sets: it is nearly all of a brochure's text, and its
    width is known before layout (a column of the body frame).
    """
    keys = []
    for flowable in story:
        if isinstance(flowable, ColumnSet):
            width = round(flowable.column_width(frame_width), 3)  # as TextBlock.lines_for rounds
            keys += [block.lines_key(width) for block in flowable.story if isinstance(block, TextBlock)]
    return keys


def _render(brochure: Brochure, settings: EditionLayout, assets: Assets, story: list[Flowable],
            templates: list[SidePage], on_page: Callable[[int], None] | None,
            save: bool = True) -> bytes:
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
    doc._doSave = save  # ReportLab's switch (multiBuild uses it): pass one needs no PDF file
    if on_page is not None:
        doc.setProgressCallBack(lambda kind, value: on_page(value) if kind == "PAGE" else None)
    try:
        with binary_streams():
            doc.build(story, canvasmaker=CompactCanvas)
    except _TooManyPages:
        raise BuildError([Diagnostic(None, f"the brochure runs past {MAX_PAGES:,} pages",
                                     "make several brochures of it, or remove page breaks")]) from None
    except LayoutError as exc:  # a last resort: StoryMaker checks what it knows cannot split
        raise BuildError([_layout_diagnostic(str(exc))]) from None
    return buffer.getvalue()


def _pass(on_page: PageProgress | None, number: int) -> Callable[[int], None] | None:
    if on_page is None:
        return None
    return lambda page: on_page(number, page)


class CompactCanvas(Canvas):
    """A Canvas that compresses each page's content stream as soon as the page is done.

    ReportLab keeps every page's content as text until it writes the file, so
    a long brochure's memory grew with its page count (about 30 KB a page of
    dense text); compressed, a page keeps a fifth of that. The file is the
    same byte for byte: the same zlib call on the same text, the same /Filter
    that ReportLab would write later.
    """

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.compression and not rl_config.useA85 and page.stream:
            contents = PDFStream(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}),
                                 zlib.compress(page.stream.encode("utf8")))
            contents.__Comment__ = "page stream"
            page.Contents, page.stream = contents, None


@contextmanager
def binary_streams() -> Iterator[None]:
    """Compressed streams without ReportLab's ASCII85 wrapping, for the duration.

    ASCII85 (rl_config.useA85, on by default) makes binary streams 7-bit safe
    for transports of another age; it adds a quarter to every stream and, in
    pure Python, was a sixth of the time of a dense 300-page layout. Viewers
    and PDF libraries read plain Flate streams alike. ReportLab reads the
    setting when it writes the file, so it is set around the whole build and
    put back after.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _layout_diagnostic(message: str) -> Diagnostic:
    """ReportLab's LayoutError in the user's terms (its text names internal objects)."""
    if "without content" in message:  # ReportLab halts after ten empty pages in a row
        return Diagnostic(None, "more than ten pages in a row would be empty",
                          "remove page breaks that follow one another")
    found = _PAGE.search(message)
    where = f" on page {found.group(1)}" if found else ""
    return Diagnostic(None, f"something does not fit{where} and cannot be split",
                      "a text or a type size of the theme may be too large for the page")
