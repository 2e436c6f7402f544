"""set_lines: breaking, justification, compression and spacing, measured on Line objects."""

from __future__ import annotations

import pytest

from report.layout.text import Line, Span, TextStyle, set_lines
from tests.text.checks import check_all, visible_right

HAN = "石峰区全社会研发经费投入总量持续增长生态环境持续优化新石峰走出了一条绿色高质量发展的新路子"


def lines_of(text: str, style: TextStyle, width_em: float, indent_em: float = 0.0,
             align: str = "justify") -> list[Line]:
    return set_lines([Span(text, style)], width_em * style.size,
                     first_indent=indent_em * style.size, align=align)


def x_of(line: Line, ch: str) -> float:
    return line.xs[line.text.index(ch)]


def test_han_text_fills_whole_lines_without_spacing(body: TextStyle) -> None:
    lines = lines_of(HAN[:30], body, 10)
    assert [line.text for line in lines] == [HAN[:10], HAN[10:20], HAN[20:30]]
    assert all(line.natural_width == pytest.approx(10 * body.size) for line in lines)


def test_first_line_indent_is_two_em(body: TextStyle) -> None:
    lines = lines_of(HAN[:30], body, 10, indent_em=2)
    assert lines[0].xs[0] == pytest.approx(2 * body.size)
    assert lines[0].text == HAN[:8]
    assert lines[1].xs[0] == 0.0


def test_closing_mark_at_line_end_is_half_width(body: TextStyle) -> None:
    text = HAN[:9] + "，" + HAN[9:20]
    lines = lines_of(text, body, 9.5)
    assert lines[0].text == HAN[:9] + "，"
    assert lines[0].natural_width == pytest.approx(9.5 * body.size)
    assert visible_right(lines[0]) == pytest.approx(9.5 * body.size)


def test_squeeze_before_push(body: TextStyle) -> None:
    """先挤进: a mid-line comma gives up its blank half so the line-end comma fits."""
    text = "一二三四，五六七八，九十百千万"
    lines = lines_of(text, body, 9)
    assert lines[0].text == "一二三四，五六七八，"
    comma, after = lines[0].xs[4], lines[0].xs[5]
    assert after - comma == pytest.approx(body.size / 2)


SQUEEZE_TEXT = "一二，三四，五六，七八，九十百千万亿兆京垓秭穰"


def advances_after_marks(line: Line, marks: str = "，“”") -> list[float]:
    """Distance from each mid-line mark to the next character, in em."""
    return [(line.xs[i + 1] - line.xs[i]) / line.sizes[i]
            for i, ch in enumerate(line.text[:-1]) if ch in marks]


@pytest.mark.parametrize("text, width_em, squeezed", [
    (SQUEEZE_TEXT, 11, 1), (SQUEEZE_TEXT, 11.25, 1),
    ("一，二，三，四，五六，七八，九十百千万亿兆京垓秭穰", 9.5, 2),
    ("一，二，三，四，五六，七八，九十百千万亿兆京垓秭穰", 11, 2),
])
def test_squeezing_takes_whole_halves_of_the_fewest_marks(body: TextStyle, text: str, width_em: float,
                                                          squeezed: int) -> None:
    """Several commas could share what the line must lose; as few as can give it all, ½ em each."""
    line = lines_of(text, body, width_em)[0]
    gaps = advances_after_marks(line)
    assert [gap for gap in gaps if gap < 0.9] == [pytest.approx(0.5)] * squeezed
    assert all(gap >= 1.0 - 1e-9 for gap in gaps if gap >= 0.9)  # the others keep their full em
    assert visible_right(line) == pytest.approx(width_em * body.size, abs=0.5)


def test_the_last_pause_mark_is_squeezed_first(body: TextStyle) -> None:
    line = lines_of(SQUEEZE_TEXT, body, 11)[0]
    assert advances_after_marks(line) == [pytest.approx(1.0), pytest.approx(1.0), pytest.approx(0.5)]


def test_pause_marks_go_before_quotation_marks(body: TextStyle) -> None:
    """、，；： give up their half before ” and “ do."""
    line = lines_of("一二“三四”五六，七八，九十百千万亿兆京垓秭穰", body, 11)[0]
    assert line.text == "一二“三四”五六，七八，"
    assert advances_after_marks(line) == [pytest.approx(1.0), pytest.approx(1.0), pytest.approx(0.5)]


def test_a_whole_half_that_is_too_much_leaves_the_line_flush(body: TextStyle) -> None:
    """¼ em too long: one comma gives ½ em and the other ¼ em goes back as even spacing."""
    line = lines_of(SQUEEZE_TEXT, body, 11.25)[0]
    steps = [(b - a) / body.size for a, b in zip(line.xs, line.xs[1:], strict=False)]
    assert steps.count(pytest.approx(0.5)) == 1
    assert len({round(step, 9) for step in steps if step > 0.9}) == 1  # the rest evenly spread
    assert visible_right(line) == pytest.approx(11.25 * body.size, abs=1e-6)


def test_push_when_squeezing_is_not_enough(body: TextStyle) -> None:
    """后推出: no mark to squeeze, so a character goes down with the comma."""
    text = "一二三四五六七八九，十百千万亿"
    lines = lines_of(text, body, 9)
    assert not lines[1].text.startswith("，")
    assert visible_right(lines[0]) == pytest.approx(9 * body.size, abs=0.5)


def test_opening_mark_at_line_start_loses_its_leading_half(body: TextStyle) -> None:
    text = HAN[:10] + "“" + HAN[10:19] + "，" + HAN[19:30] + "”"
    lines = lines_of(text, body, 10)
    assert lines[1].text == "“" + HAN[10:19] + "，"  # ½ + 9 + ½ em: exactly full
    assert lines[1].xs[0] == pytest.approx(-body.size / 2)


@pytest.mark.parametrize("pair", ["。”", "），", "》，", "：“", "“「", "，“"])
def test_two_marks_take_one_and_a_half_em(body: TextStyle, pair: str) -> None:
    lines = lines_of("字字" + pair + "字字字字字字", body, 30, align="left")
    line = lines[0]
    first = line.text.index(pair)
    span = line.xs[first + 1] + line.advances[first + 1] - line.xs[first]
    assert span == pytest.approx(1.5 * body.size)


def test_han_latin_gap_quarter_em_when_not_stretched(body: TextStyle) -> None:
    line = lines_of("投入12.2亿元", body, 30, align="left")[0]
    em = body.size
    assert x_of(line, "1") - (x_of(line, "入") + em) == pytest.approx(em / 4)
    two = line.text.rindex("2")
    assert x_of(line, "亿") - (line.xs[two] + line.advances[two]) == pytest.approx(em / 4)


def test_no_gap_at_line_edges(body: TextStyle) -> None:
    text = HAN[:9] + "GDP" + HAN[9:30]
    for line in lines_of(text, body, 9):
        assert line.xs[0] in (0.0, pytest.approx(0.0))


def test_space_in_source_stays_in_the_text(body: TextStyle) -> None:
    line = lines_of("当清水塘老工业区 261 家企业", body, 30, align="left")[0]
    assert line.text == "当清水塘老工业区 261 家企业"
    gap = x_of(line, "2") - (x_of(line, "区") + body.size)
    assert gap == pytest.approx(body.size / 4)


def test_no_lone_han_character_on_the_last_line(body: TextStyle) -> None:
    text = HAN[:18] + "字。"
    lines = lines_of(text, body, 9)
    assert sum(1 for ch in lines[-1].text if ch not in "。") >= 2
    assert check_all(lines, text, 9 * body.size, 0) == []


def test_inline_runs_keep_their_style_and_link(body: TextStyle, bold: TextStyle) -> None:
    spans = [Span(HAN[:7], body), Span(HAN[7:12], bold, "dest"), Span(HAN[12:25], body)]
    lines = set_lines(spans, 10 * body.size)
    runs = [run for line in lines for run in line.runs]
    bold_text = "".join(run.text for run in runs if run.style == bold)
    assert bold_text == HAN[7:12]
    assert all(run.link == "dest" for run in runs if run.style == bold)
    assert all(run.link is None for run in runs if run.style == body)


def test_runs_rebuild_each_line(body: TextStyle) -> None:
    for line in lines_of(HAN + "，其中GDP增长6.7%。“好”", body, 11, indent_em=2):
        assert "".join(run.text for run in line.runs) == line.text
        position = 0
        for run in line.runs:
            assert run.x == pytest.approx(line.xs[position])
            for j in range(1, len(run.text)):
                step = line.advances[position + j - 1] + run.char_space
                assert line.xs[position + j] - line.xs[position + j - 1] == pytest.approx(step)
            position += len(run.text)


def test_forced_newline_ends_a_line_without_justifying(body: TextStyle) -> None:
    lines = lines_of("一二三\n四五六", body, 10)
    assert [line.text for line in lines] == ["一二三", "四五六"]
    assert all(line.last for line in lines)


@pytest.mark.parametrize("align, left", [("left", 0.0), ("center", 3.5), ("right", 7.0)])
def test_alignment(body: TextStyle, align: str, left: float) -> None:
    line = lines_of("一二三", body, 10, align=align)[0]
    assert line.xs[0] == pytest.approx(left * body.size)


def test_empty_text_sets_no_lines(body: TextStyle) -> None:
    assert lines_of("", body, 10) == []
    assert lines_of("   ", body, 10) == []
    assert lines_of("一\n", body, 10)[-1].text == "一"


def test_blank_line_between_newlines_is_kept(body: TextStyle) -> None:
    assert [line.text for line in lines_of("一\n\n二", body, 10)] == ["一", "", "二"]


def test_unknown_alignment_is_refused(body: TextStyle) -> None:
    with pytest.raises(ValueError, match="align"):
        lines_of("一", body, 10, align="justified")


def test_long_word_never_overflows(body: TextStyle) -> None:
    text = "单词Pneumonoultramicroscopicsilicovolcanoconiosis很长"
    for width_em in (5, 8, 12):
        for line in lines_of(text, body, width_em):
            assert visible_right(line) <= width_em * body.size + 0.5


def test_mixed_sizes_on_one_line(body: TextStyle) -> None:
    big = TextStyle(body.font, body.size * 1.5)
    spans = [Span(HAN[:5], body), Span(HAN[5:8], big), Span(HAN[8:30], body)]
    lines = set_lines(spans, 12 * body.size)
    for line in lines[:-1]:
        assert visible_right(line) == pytest.approx(12 * body.size, abs=0.5)
