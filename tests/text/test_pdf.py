"""Read-back tests: build a two-column PDF of TextBlocks, then measure the glyphs.

pdfplumber gives every glyph's x0/x1 and baseline; pypdfium2 gives the text
layer as a viewer would copy it. Both must agree with the source text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from report.layout.text import Span, TextBlock, TextStyle
from report.layout.text.charclass import CLOSING, NO_END, NO_START, OPENING

EM = 10.5
LEADING = 18.0
COLUMN = 20 * EM
GUTTER = 2 * EM
LEFT, BOTTOM, HEIGHT = 50.0, 60.0, 12 * LEADING  # short columns force splits
PAGE = (2 * LEFT + 2 * COLUMN + GUTTER, 2 * BOTTOM + HEIGHT)

PARAGRAPHS = [
    "石峰区全社会研发经费投入总量就高达12.2亿元，同比增长6.7%。“十年砥砺前行。”深入践行新时代"
    "发展思想，在推动产业优化升级上下功夫——在转变发展方式上下功夫……综合实力稳步提升（GDP增长），"
    "生态环境持续优化。",
    "他说：“我们要以‘1+N’模式推进——先试点、后推广。”《石峰区“十四五”规划》提出，到2025年，"
    "轨道交通产业产值突破1,000亿元！这可能吗？！答案是：能。",
    "COVID-19疫情期间，企业复工率达到98.5%，比上年提高3.2个百分点；其中，规模以上工业企业"
    "（含中车株机、时代电气等）全部复工。",
    "十载春华秋实。让改革发展的宏伟蓝图和人民生活的幸福愿景变成美好现实，有力兜牢民生底线、"
    "不断增进百姓福祉，城市面貌日新月异的新石峰，为百姓交出了一份份漂亮“答卷”。十年磨一剑，"
    "击楫奋进踏歌行。站在新征程的起点，石峰将继续乘势而上，加快建设制造强区、生态新城。",
    "温度为25℃，湿度为60%，风速3m/s，降水量0.5mm。“「引号」”与《书名》相邻时要挤压。",
    "末行只剩一个字的段落需要把前一行的字拉下来一个字才行字。",
]


class Target(Flowable):
    """Zero-size flowable that defines the link destination 'target'."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0.0, 0.0

    def draw(self) -> None:
        self.canv.bookmarkPage("target")


def frames() -> list[Frame]:
    return [Frame(LEFT + i * (COLUMN + GUTTER), BOTTOM, COLUMN, HEIGHT, id=f"c{i}",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            for i in range(2)]


def build(body: TextStyle, bold: TextStyle) -> bytes:
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=PAGE, invariant=1)
    doc.addPageTemplates([PageTemplate("two", frames())])
    story: list[Flowable] = [Target()]
    for number, text in enumerate(PARAGRAPHS):
        if number == 0:  # an inline bold run that links: survives breaking and justification
            spans = [Span(text[:20], body), Span(text[20:30], bold, "target"), Span(text[30:], body)]
        else:
            spans = [Span(text, body)]
        story.append(TextBlock(spans, leading=LEADING, first_indent=2 * EM))
    doc.build(story)
    return buffer.getvalue()


@dataclass
class PdfLine:
    text: str
    x0: list[float]
    x1: list[float]
    baseline: float
    column: int
    page: int


def read_lines(pdf: bytes) -> list[PdfLine]:
    """Glyphs grouped into lines: same page, column and baseline, in content order."""
    lines: list[PdfLine] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages):
            for char in page.chars:
                baseline = page.height - char["matrix"][5]
                column = 0 if char["x0"] < LEFT + COLUMN + GUTTER / 2 else 1
                last = lines[-1] if lines else None
                if (last is None or last.page != number or last.column != column
                        or abs(last.baseline - baseline) > 0.01):
                    last = PdfLine("", [], [], baseline, column, number)
                    lines.append(last)
                last.text += char["text"]
                last.x0.append(char["x0"])
                last.x1.append(char["x1"])
    return lines


def mark_last_lines(lines: list[PdfLine]) -> tuple[set[int], set[int]]:
    """Indices of paragraphs' first and last lines, found by matching the source text."""
    firsts, lasts, index, acc = set(), set(), 0, ""
    for i, line in enumerate(lines):
        if not acc:
            firsts.add(i)
        acc += line.text.replace(" ", "")
        if acc == PARAGRAPHS[index].replace(" ", ""):
            lasts.add(i)
            index, acc = index + 1, ""
    assert index == len(PARAGRAPHS), "the PDF does not hold the paragraphs in order"
    return firsts, lasts


@pytest.fixture(scope="module")
def pdf(body: TextStyle, bold: TextStyle) -> bytes:
    return build(body, bold)


@pytest.fixture(scope="module")
def lines(pdf: bytes) -> list[PdfLine]:
    return read_lines(pdf)


def column_left(line: PdfLine) -> float:
    return LEFT + line.column * (COLUMN + GUTTER)


def right_edge(line: PdfLine) -> float:
    """Visible right edge: a closing mark at the end was drawn half width."""
    x0, x1 = line.x0[-1], line.x1[-1]
    return x0 + (x1 - x0) / 2 if line.text[-1] in CLOSING else x1


def test_text_reads_back_in_order(lines: list[PdfLine]) -> None:
    drawn = "".join(line.text for line in lines).replace(" ", "")
    assert drawn == "".join(PARAGRAPHS).replace(" ", "")


def test_prohibited_marks_never_on_line_edges(lines: list[PdfLine]) -> None:
    firsts, lasts = mark_last_lines(lines)
    for i, line in enumerate(lines):
        assert i in firsts or line.text[0] not in NO_START, line.text
        assert i in lasts or line.text[-1] not in NO_END, line.text


def test_lines_flush_with_both_frame_edges(lines: list[PdfLine]) -> None:
    firsts, lasts = mark_last_lines(lines)
    for i, line in enumerate(lines):
        left = column_left(line)
        if i in firsts:
            assert line.x0[0] == pytest.approx(left + 2 * EM, abs=0.01), line.text
        elif line.text[0] in OPENING:
            assert line.x0[0] == pytest.approx(left - EM / 2, abs=0.01), line.text
        else:
            assert line.x0[0] == pytest.approx(left, abs=0.01), line.text
        if i not in lasts:
            assert right_edge(line) == pytest.approx(left + COLUMN, abs=0.5), line.text
        assert right_edge(line) <= left + COLUMN + 0.5, line.text


def test_leading_is_constant_and_columns_level(lines: list[PdfLine]) -> None:
    by_column: dict[tuple[int, int], list[float]] = {}
    for line in lines:
        by_column.setdefault((line.page, line.column), []).append(line.baseline)
    for baselines in by_column.values():
        steps = {round(b - a, 3) for a, b in zip(baselines, baselines[1:], strict=False)}
        assert steps <= {LEADING}
    first_page = [v[0] for (page, _), v in by_column.items() if page == 0]
    assert len(set(first_page)) == 1  # both columns start on the same baseline


def test_widows_and_orphans_kept_apart(lines: list[PdfLine]) -> None:
    """No paragraph's first line alone at a column foot, no last line alone at a head."""
    firsts, lasts = mark_last_lines(lines)
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        column_ends = nxt is None or (nxt.page, nxt.column) != (line.page, line.column)
        if column_ends and nxt is not None:
            assert not (i in firsts and i not in lasts), f"orphan: {line.text}"
            assert not (i + 1 in lasts and i + 1 not in firsts), f"widow: {nxt.text}"


def test_pdfium_text_has_no_false_spaces(pdf: bytes) -> None:
    """Copy/paste gives the source: no space between Chinese characters or marks."""
    document = pdfium.PdfDocument(pdf)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    text = text.replace("\r\n", "")
    cjk = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…]"
    assert not re.search(f"{cjk} +{cjk}", text)
    # Positioning may read as a space at a Han–Latin gap; nothing else may appear.
    assert re.sub(r" ", "", text) == "".join(PARAGRAPHS).replace(" ", "")


def test_link_annotation_covers_the_linked_run(pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        links = [a for a in page.annots if a.get("data", {}).get("Subtype").name == "Link"]
        assert links, "no link annotation"
        linked = PARAGRAPHS[0][20:30]
        chars = [c for c in page.chars if c["text"] in linked and c["fontname"].find("Bold") >= 0]
        assert chars
        box = links[0]
        for char in chars:
            assert box["x0"] - 0.01 <= char["x0"] and char["x1"] <= box["x1"] + EM / 2 + 0.01


def test_squeezed_comma_read_back_from_the_pdf(body: TextStyle) -> None:
    """Of the three mid-line commas of a line ½ em too long, exactly one is drawn ½ em wide."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 200))
    para = TextBlock([Span("一二，三四，五六，七八，九十百千万亿兆京垓秭穰", body)], leading=LEADING)
    para.wrap(11 * EM, 200)
    para.drawOn(canvas, 50, 100)
    canvas.save()
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as document:
        chars = document.pages[0].chars
    first_line = [c for c in chars if c["top"] == chars[0]["top"]]
    assert "".join(c["text"] for c in first_line) == "一二，三四，五六，七八，"
    after_commas = [round((b["x0"] - a["x0"]) / EM, 3)
                    for a, b in zip(first_line, first_line[1:], strict=False) if a["text"] == "，"]
    assert after_commas == [1.0, 1.0, 0.5]
    assert first_line[-1]["x0"] + EM / 2 == pytest.approx(50 + 11 * EM, abs=0.5)  # flush
