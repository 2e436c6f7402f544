"""TextBlock as a platypus Flowable: height, baselines, splitting with widow/orphan control."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from report.layout.text import Span, TextBlock, TextStyle
from report.layout.text.block import lines_to_keep, slice_spans

HAN = "石峰区全社会研发经费投入总量持续增长生态环境持续优化新石峰走出了一条绿色高质量发展的新路子" * 3
LEADING = 18.0


def block(style: TextStyle, chars: int, **options: object) -> TextBlock:
    return TextBlock([Span(HAN[:chars], style)], leading=LEADING, first_indent=2 * style.size,
                     **options)


def test_height_is_a_whole_number_of_lines(body: TextStyle) -> None:
    para = block(body, 50)
    width, height = para.wrap(10 * body.size, 1000)
    assert width == 10 * body.size
    assert len(para.lines) == 6  # 8 + 10 × 4 + 2 characters
    assert height == 6 * LEADING


def test_baseline_centres_the_em_box_in_the_leading(body: TextStyle) -> None:
    para = block(body, 10)
    assert para.baseline_offset == pytest.approx(LEADING / 2 + 0.38 * body.size)


def test_lines_are_broken_once_per_width(body: TextStyle) -> None:
    para = block(body, 50)
    para.wrap(105, 1000)
    first = para.lines
    para.wrap(105, 500)
    assert para.lines is first


@pytest.mark.parametrize("total, fit, keep", [
    (5, 5, 5), (5, 9, 5), (5, 4, 3), (5, 3, 3), (5, 2, 2), (5, 1, 0), (5, 0, 0),
    (2, 1, 0), (3, 2, 0), (4, 3, 2), (4, 2, 2), (1, 0, 0),
])
def test_lines_to_keep(total: int, fit: int, keep: int) -> None:
    assert lines_to_keep(total, fit) == keep


def test_split_keeps_the_lines_already_set(body: TextStyle) -> None:
    para = block(body, 50, space_before=6, space_after=6, keep_with_next=True)
    para.wrap(105, 1000)
    head, tail = para.split(105, 3.5 * LEADING)
    assert head.wrap(105, 1000)[1] == 3 * LEADING
    assert tail.wrap(105, 1000)[1] == 3 * LEADING
    assert [line.text for line in head.lines + tail.lines] == [line.text for line in para.lines]
    assert head.keepWithNext is False and tail.keepWithNext is True
    assert head.getSpaceAfter() == 0 and tail.getSpaceBefore() == 0


def test_split_never_leaves_a_lone_line(body: TextStyle) -> None:
    para = block(body, 50)  # 6 lines
    para.wrap(105, 1000)
    assert para.split(105, 1.5 * LEADING) == []  # the first line alone: move it all
    head, tail = para.split(105, 5.2 * LEADING)  # last line alone: carry two
    assert len(head.lines_for(105)) == 4 and len(tail.lines_for(105)) == 2


def test_two_line_paragraph_moves_whole(body: TextStyle) -> None:
    para = block(body, 15)
    para.wrap(105, 1000)
    assert len(para.lines) == 2
    assert para.split(105, 1.2 * LEADING) == []


def test_tail_reset_at_another_width_is_not_indented(body: TextStyle) -> None:
    para = block(body, 60)
    para.wrap(105, 1000)
    _, tail = para.split(105, 2 * LEADING)
    tail.wrap(12 * body.size, 1000)
    assert tail.lines[0].xs[0] == 0.0
    assert "".join(line.text for line in tail.lines) == HAN[18:60]


def test_slice_spans_cuts_at_both_ends(body: TextStyle, bold: TextStyle) -> None:
    spans = [Span("一二三", body), Span("四五", bold, "x"), Span("六七", body)]
    cut = slice_spans(spans, 2, 6)
    assert [(s.text, s.style, s.link) for s in cut] == [
        ("三", body, None), ("四五", bold, "x"), ("六", body, None)]


def test_draw_writes_every_line(body: TextStyle) -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    para = block(body, 50)
    para.wrap(105, 1000)
    para.drawOn(canvas, 50, 500)
    canvas.save()
    assert buffer.getvalue().startswith(b"%PDF")


def test_pieces_of_pieces_keep_their_text(body: TextStyle) -> None:
    """A tail split again (page after page) still cuts its own text at its own lines."""
    text = HAN * 3
    para = TextBlock([Span(text, body)], leading=LEADING, first_indent=2 * body.size)
    pieces, rest = [], para
    while True:
        rest.wrap(105, 1000)
        parts = rest.split(105, 4 * LEADING)
        if len(parts) < 2:
            pieces.append(rest)
            break
        pieces.append(parts[0])
        rest = parts[1]
    assert len(pieces) > 3
    for piece in pieces:
        piece.wrap(105, 1000)
        assert "".join(span.text for span in piece.spans) == "".join(line.text for line in piece.lines)
    assert "".join(line.text for piece in pieces for line in piece.lines) == text


def test_splitting_a_long_paragraph_page_by_page_is_linear(body: TextStyle) -> None:
    """Each split used to copy every remaining line: a 100,000-character paragraph took minutes."""
    import time

    para = TextBlock([Span(HAN * 400, body)], leading=LEADING)  # about 18,000 characters
    para.wrap(105, 1000)
    start, rest, splits = time.perf_counter(), para, 0
    while len(parts := rest.split(105, 40 * LEADING)) == 2:
        rest, splits = parts[1], splits + 1
    elapsed = time.perf_counter() - start
    assert splits > 40
    # Measured about 0.05 s after the fix (about 3 s before); the bound catches a return of the copy.
    assert elapsed < 1.0, f"{splits} splits took {elapsed:.2f} s"
