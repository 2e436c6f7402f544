"""Brochure → platypus story and page templates.

Cover, table of contents, one opener per part followed by its blocks in
columns, back cover. The first layout pass fills a PageLog; the second uses
it for the page numbers in the table of contents and the blank page before
the back cover.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    FrameBreak,
    NextPageTemplate,
    PageBreak,
    Spacer,
)

from report.assets import Assets
from report.diagnostics import Collector, Location
from report.layout.columns import ColumnSet
from report.layout.datastory import DataStory
from report.layout.edition import EditionLayout
from report.layout.flowables import (
    LogBackCover,
    Marker,
    OpenerBand,
    PageLog,
    Rule,
    TocEntry,
    vertical_space,
)
from report.layout.geometry import Grid
from report.layout.pages import Decorations, SideFrame, SidePage
from report.layout.recorded import DrawingStore
from report.layout.styles import Styles
from report.layout.text import TextBlock
from report.model import (
    MM,
    Brochure,
    Callout,
    Chart,
    Heading,
    KeyFigures,
    Paragraph,
    Picture,
    Quote,
    RichText,
    Section,
    Subhead,
    TableView,
)
from report.model import PageBreak as PageBreakBlock

PART_MIN_LINES = 4  # a part starts on a new page unless its opener and this many lines fit
DATA_BLOCKS = (Chart, KeyFigures, TableView, Picture, Callout)
_FUZZ = 1e-6


def part_key(index: int) -> str:
    return f"part-{index + 1}"


class StoryMaker:
    """Makes the story for one layout pass."""

    def __init__(self, brochure: Brochure, styles: Styles, grid: Grid, edition: EditionLayout,
                 log: PageLog, known: PageLog | None, assets: Assets | None = None,
                 drawings: DrawingStore | None = None) -> None:
        self.brochure, self.styles, self.grid, self.edition = brochure, styles, grid, edition
        self.data = DataStory(styles, grid, assets, drawings) if assets is not None else None
        self.log, self.known = log, known
        self.decor = Decorations(grid, styles, brochure.title.plain, edition.sheet.bleed)
        self.sheet = edition.sheet
        self.templates: list[SidePage] = []
        self.errors = Collector()

    def make(self) -> tuple[list[Flowable], list[SidePage]]:
        """The story and its page templates; BuildError if a fixed-size piece cannot fit."""
        story = self.cover()
        if self.brochure.toc:
            story += self.table_of_contents()
        self.templates.append(self.body_template())
        story += self.first_body_page()
        self.check_running_head(self.brochure.title, None)
        for index, section in enumerate(self.brochure.sections):
            story += self.part(index, section)
        story += self.back_cover()
        self.errors.raise_if_errors()
        return story, self.templates

    # --- what must fit ----------------------------------------------------------------------------

    def must_fit(self, flowables: list[Flowable], room: float, where: Location, message: str,
                 hint: str) -> None:
        """Report `message` at `where` unless `flowables`, stacked, fit in `room` pt.

        Covers, openers and table-of-contents entries cannot split; ReportLab
        would stop with a LayoutError naming its own objects instead.
        """
        needed = _stack_height(flowables, self.grid.text_width)
        if needed > room + _FUZZ:
            self.errors.error(where, f"{message} (it needs {needed / MM:.0f} mm, "
                              f"there is room for {max(room, 0) / MM:.0f} mm)", hint)

    def check_running_head(self, title: RichText, beside: str | None) -> None:
        """A running head is one line: the part's title beside the brochure's title."""
        style = self.styles.style("running")
        text = title.plain + (beside or "")
        needed = stringWidth(text, style.font, style.size) + (2 * style.size if beside else 0.0)
        line = self.grid.text_width
        if needed > line + _FUZZ:
            what = "the title is too long for the running head beside the brochure title"
            if beside is None:
                what = "the brochure title is too long for the running head"
            self.errors.error(title.location, f"{what} (it needs {needed / MM:.0f} mm, "
                              f"the line is {line / MM:.0f} mm)",
                              "shorten it, or lower sizes.running in the theme")

    # --- text helpers -------------------------------------------------------------------------

    def block(self, text: RichText | None, role: str, *, align: str = "left", indent: float = 0.0,
              before: float = 0.0, after: float = 0.0, keep: bool = False) -> list[Flowable]:
        if text is None:
            return []
        return [TextBlock(self.styles.spans(text, role), leading=self.styles.role(role).leading,
                          first_indent=indent, align=align, space_before=before, space_after=after,
                          keep_with_next=keep)]

    def own(self, text: str, role: str, align: str = "left", color: str | None = None) -> TextBlock:
        return TextBlock(self.styles.plain(text, role, color=color),
                         leading=self.styles.role(role).leading, align=align)

    # --- cover ----------------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        grid, height = self.grid, self.grid.page.height
        frames = [
            SideFrame(grid, "cover-title", height * 0.40 + 8 * MM, height * 0.30, None),
            SideFrame(grid, "cover-line", height * 0.18, height * 0.20 - 6 * MM, None),
            SideFrame(grid, "cover-foot", grid.bottom, 30 * MM, None),
        ]
        self.templates.append(SidePage("cover", frames, self.sheet, self.decor.cover_background))
        b = self.brochure
        title = self.block(b.title, "cover_title", after=4 * MM) + self.block(b.subtitle, "cover_subtitle")
        line = self.block(b.cover_line, "cover_line")
        foot = self.block(b.publisher, "cover_meta") + self.block(b.date, "cover_meta")
        self.must_fit(title, frames[0].height, b.title.location,
                      "the title and subtitle are too long for the cover",
                      "shorten them, or lower sizes.cover_title in the theme")
        if b.cover_line is not None:
            self.must_fit(line, frames[1].height, b.cover_line.location,
                          "the cover line is too long for the cover",
                          "shorten it, or lower sizes.heading in the theme")
        self.must_fit(foot, frames[2].height, b.publisher.location,
                      "the publisher and date are too long for the cover",
                      "shorten them, or lower sizes.lead in the theme")
        return [*title, FrameBreak(), *line, FrameBreak(), *foot]

    # --- table of contents ----------------------------------------------------------------------

    def table_of_contents(self) -> list[Flowable]:
        grid = self.grid
        frame = SideFrame(grid, "toc", grid.bottom, grid.text_height, None)
        self.templates.append(SidePage("toc", [frame], self.sheet, decorate=self.decor.folio))
        story: list[Flowable] = [NextPageTemplate("toc"), PageBreak()]
        story += [Marker("contents", "目录", 0, self.log), self.own("目录", "toc_title")]
        story += [Rule(self.styles.color("accent"), 1.2, 12 * MM, 8 * MM), Spacer(0, 6 * MM)]
        for index, section in enumerate(self.brochure.sections):
            story.append(self.toc_entry(index, section))
        return story

    def toc_entry(self, index: int, section: Section) -> TocEntry:
        key = part_key(index)
        page = self.known.part_pages.get(key, 0) if self.known else 0
        title = self.block(section.title, "toc_entry")
        for extra in (section.kicker, section.subtitle):
            title += self.block(extra, "toc_sub")
        entry = TocEntry(self.own(f"{index + 1:02d}", "toc_entry", color="accent"), title,
                         self.own(f"{page:02d}", "toc_entry", "right"), key,
                         self.styles.role("toc_entry").size, self.styles.color("rule"), 5 * MM)
        self.must_fit([entry], self.grid.text_height, section.title.location,
                      "the title is too long for the table of contents",
                      "shorten the title, kicker or subtitle, or lower sizes.subhead in the theme")
        return entry

    # --- parts ----------------------------------------------------------------------------------

    def body_template(self) -> SidePage:
        grid = self.grid
        frames = [SideFrame(grid, "body", grid.bottom, grid.text_height, None)]
        return SidePage("body", frames, self.sheet, decorate=self.decor.running)

    def first_body_page(self) -> list[Flowable]:
        return [NextPageTemplate("body"), PageBreak()]

    def part(self, index: int, section: Section) -> list[Flowable]:
        """A part: its opener band, then its blocks in balanced columns.

        A part starts a new page only when its opener and `PART_MIN_LINES`
        lines of each column do not fit below the previous part, so no page is
        left half empty in the middle of the brochure; a `page_break` block
        forces a new page.
        """
        grid = self.grid
        marker = Marker(part_key(index), section.title.plain, 0, self.log, section.title.plain,
                        grid.top, 3 * grid.leading)
        self.check_running_head(section.title, self.brochure.title.plain)
        if section.opener:
            band = self.opener(index, section)
            self.must_fit([band], grid.text_height, (section.lead or section.title).location,
                          "the part opener (number, kicker, title, subtitle and lead) is too tall for a page",
                          "shorten the lead, or make part of it the first paragraph" if section.lead
                          else "shorten the title, kicker or subtitle")
            head: list[Flowable] = [band, Spacer(0, grid.leading)]
        else:
            head = self.block(section.title, "heading", after=grid.leading / 2)
        needed = sum(f.wrap(grid.text_width, grid.text_height)[1] + vertical_space(f) for f in head)
        first = CondPageBreak(needed + PART_MIN_LINES * grid.leading)
        return [first, marker, *head, *self.columns(self.blocks(section))]

    def opener(self, index: int, section: Section) -> OpenerBand:
        blocks: list[Flowable] = [self.own(f"{index + 1:02d}", "part_number", color="accent")]
        blocks += self.block(section.kicker, "part_kicker", after=2 * MM)
        blocks += self.block(section.title, "part_title")
        blocks += self.block(section.subtitle, "part_subtitle")
        if section.lead is not None:
            blocks += [Rule(self.styles.color("accent"), 1.2, 12 * MM, self.grid.leading)]
            lead_size = self.styles.role("lead").size
            blocks += self.block(section.lead, "lead", align="justify", indent=2 * lead_size)
        return OpenerBand(blocks, self.styles.color("tint"), self.styles.color("accent"),
                          self.grid.page.width, self.grid.leading, self.sheet.bleed)

    def columns(self, story: list[Flowable]) -> list[Flowable]:
        """Flow `story` in the theme's columns, balanced where a part ends."""
        grid = self.grid
        if grid.columns == 1 or not story:
            return story
        runs: list[list[Flowable]] = [[]]
        for flowable in story:
            # A page break or a full-width figure ends one set of columns; the next starts after it.
            if isinstance(flowable, PageBreak) or getattr(flowable, "full_width", False):
                runs += [[flowable], []]
            else:
                runs[-1].append(flowable)
        return [run[0] if _breaks_columns(run)
                else ColumnSet(run, grid.columns, grid.gutter, grid.leading, grid.text_height)
                for run in runs if run]

    def blocks(self, section: Section) -> list[Flowable]:
        story: list[Flowable] = []
        for block in section.blocks:
            story += self.one_block(block)
        return story

    def one_block(self, block) -> list[Flowable]:
        leading = self.grid.leading
        body = self.styles.theme.sizes.body
        if isinstance(block, Paragraph):
            return self.block(block.text, "body", align="justify", indent=2 * body)
        if isinstance(block, Heading):
            if block.level == 3:
                return self.block(block.text, "heading3", before=leading / 2, keep=True)
            key = f"h-{block.location.file.name}-{block.location.line}"
            marker = Marker(key, block.text.plain, 1, self.log)
            return [marker, *self.block(block.text, "heading", before=leading, keep=True)]
        if isinstance(block, Subhead):
            return [Rule(self.styles.color("accent"), 0.8, 2 * body, leading / 2, keep=True),
                    *self.block(block.text, "subhead", after=leading / 2, keep=True)]
        if isinstance(block, Quote):
            return self.quote(block)
        if isinstance(block, PageBreakBlock):
            return [PageBreak()]
        if isinstance(block, DATA_BLOCKS) and self.data is not None:
            return self.data.flowables(block)
        raise TypeError(f"unknown block {block!r}")  # the loader only makes the types above

    def quote(self, block: Quote) -> list[Flowable]:
        leading, accent = self.grid.leading, self.styles.color(block.color)
        story: list[Flowable] = [Rule(accent, 1.6, 0, leading)]
        story += [TextBlock(self.styles.spans(block.text, "quote", color=block.color),
                            leading=self.styles.role("quote").leading, align="justify")]
        story += self.block(block.attribution, "attribution", align="right")
        story += [Rule(accent, 0.6, 0, leading)]
        return story

    # --- back cover ---------------------------------------------------------------------------

    def back_cover(self) -> list[Flowable]:
        grid = self.grid
        blank = SideFrame(grid, "blank", grid.bottom, grid.text_height, None)
        foot = SideFrame(grid, "back-foot", grid.bottom, 40 * MM, None)
        self.templates.append(SidePage("blank", [blank], self.sheet))
        self.templates.append(SidePage("back", [foot], self.sheet, self.decor.back_background))
        story: list[Flowable] = []
        for _ in range(self.blank_pages()):
            story += [NextPageTemplate("blank"), PageBreak(), Spacer(1, 1)]
        story += [NextPageTemplate("back"), PageBreak(), LogBackCover(self.log)]
        story += self.block(self.brochure.publisher, "cover_meta")
        story += self.block(self.brochure.date, "cover_meta")
        return story

    def blank_pages(self) -> int:
        """Blank pages before the back cover, so the count is a multiple of the edition's `pad_to`.

        They go after the last part, never inside one, as a designer would put
        them; with `pad_to` 2 or 4 the back cover is always a verso.
        """
        if self.known is None:
            return 0  # the first pass learns how many pages come before the back cover
        return blank_pages(self.known.pages_before_back, self.edition.pad_to)


def pages_printed(log: PageLog) -> tuple[dict[str, int], int]:
    """What of a page log a pass laid out with it prints: where the parts start (the table of
    contents) and the pages before the back cover (the blank pages). Nothing else is read."""
    parts = {key: page for key, page in log.part_pages.items() if key.startswith("part-")}
    return parts, log.pages_before_back


def blank_pages(pages_before_back: int, pad_to: int) -> int:
    """How many blank pages make `pages_before_back` + the back cover a multiple of `pad_to`."""
    return -(pages_before_back + 1) % pad_to


def _breaks_columns(run: list[Flowable]) -> bool:
    return len(run) == 1 and (isinstance(run[0], PageBreak) or getattr(run[0], "full_width", False))


def _stack_height(flowables: list[Flowable], width: float) -> float:
    """Height of flowables placed one under the other at the top of a frame."""
    height = 0.0
    for index, flowable in enumerate(flowables):
        _, tall = flowable.wrap(width, 1e9)
        height += tall + (flowable.getSpaceBefore() if index else 0.0)
        if index < len(flowables) - 1:
            height += flowable.getSpaceAfter()
    return height
