"""Tokenizer: what stays together, where a line may break, what the glue is."""

from __future__ import annotations

import pytest

from report.layout.text import Span, TextStyle
from report.layout.text.atoms import Tokens, tokenize
from report.layout.text.setting import flatten


def tokens_of(text: str, style: TextStyle, width: float = 1000.0) -> Tokens:
    flat = flatten([Span(text, style)])
    return tokenize(flat.text, flat.sizes, flat.adv, 0, len(text), width)


def pieces(text: str, style: TextStyle) -> list[str]:
    tokens = tokens_of(text, style)
    return [tokens.text_of(text, k) for k in range(len(tokens))]


@pytest.mark.parametrize("text, expected", [
    ("高达12.2亿元", ["高", "达", "12.2", "亿", "元"]),
    ("增长6.7%。", ["增", "长", "6.7%", "。"]),
    ("以1+N模式", ["以", "1+N", "模", "式"]),
    ("推进——先", ["推", "进", "——", "先"]),
    ("等等……好", ["等", "等", "……", "好"]),
    ("COVID-19疫情", ["COVID-19", "疫", "情"]),
    ("突破1,000亿", ["突", "破", "1,000", "亿"]),
    ("3.5万m²", ["3.5", "万", "m²"]),
    ("吗？！", ["吗", "？", "！"]),
    ("Hello world", ["Hello", "world"]),
])
def test_atoms(body: TextStyle, text: str, expected: list[str]) -> None:
    assert pieces(text, body) == expected


def breakable(text: str, style: TextStyle) -> list[bool]:
    """Whether the line may break before each atom but the first."""
    return list(tokens_of(text, style).breakable[1:])


def test_no_break_before_closing_or_after_opening(body: TextStyle) -> None:
    # 字，“字”字 : 字|，  ，|“  “|字  字|”  ”|字
    assert breakable("字，“字”字", body) == [False, True, False, False, True]


def test_number_may_part_from_the_following_han(body: TextStyle) -> None:
    assert breakable("在2021年", body) == [True, True]


def test_percent_and_unit_signs_never_start_a_line(body: TextStyle) -> None:
    assert breakable("为25℃和3‰", body) == [True, False, True, True, False]


def test_question_exclamation_pair_never_splits(body: TextStyle) -> None:
    assert breakable("吗？！", body) == [False, False]


def test_dash_start_is_penalised_not_forbidden(body: TextStyle) -> None:
    tokens = tokens_of("推进——先", body)
    assert tokens.breakable[2] and tokens.penalty[2] > 0


def test_han_latin_gap_is_a_quarter_em(body: TextStyle) -> None:
    tokens = tokens_of("投入12.2亿", body)
    em = body.size
    assert tokens.natural[2] == pytest.approx(em / 4)  # 入|12.2
    assert tokens.natural[3] == pytest.approx(em / 4)  # 12.2|亿
    assert tokens.natural[2] - tokens.shrink[2] == pytest.approx(em / 8)


def test_explicit_space_between_han_and_latin_becomes_the_gap(body: TextStyle) -> None:
    tokens = tokens_of("投入 12.2 亿", body)
    assert tokens.spaces[2] is not None
    assert tokens.natural[2] == pytest.approx(body.size / 4)


def test_no_gap_next_to_a_chinese_mark(body: TextStyle) -> None:
    assert tokens_of("（12）", body).natural[1:] == (0.0, 0.0)


@pytest.mark.parametrize("pair", ["。”", "），", "》，", "：“", "，“"])
def test_adjacent_marks_compress_the_first(body: TextStyle, pair: str) -> None:
    assert tokens_of(pair, body).natural[1] == pytest.approx(-body.size / 2)


def test_adjacent_opening_marks_compress_the_second(body: TextStyle) -> None:
    assert tokens_of("“「", body).natural[1] == pytest.approx(-body.size / 2)


def test_mid_line_mark_may_be_squeezed(body: TextStyle) -> None:
    assert tokens_of("字，字", body).shrink[2] == pytest.approx(body.size / 2)


def test_word_longer_than_the_line_is_cut_into_letters(body: TextStyle) -> None:
    tokens = tokens_of("Pneumonoultramicroscopic", body, width=5 * body.size)
    assert len(tokens) == len("Pneumonoultramicroscopic")
    assert all(tokens.breakable[1:])
