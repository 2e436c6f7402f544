"""Text values: invisible and right-to-left characters refused, the column of each character kept."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from report.diagnostics import Collector
from report.load import nodes
from report.load.brochure import _rich
from report.load.nodes import NodeReader, join_lines

COLORS = {"accent"}


def scalar(value: str, column: int = 7, style: str | None = None, lines: int = 0) -> yaml.ScalarNode:
    """A scalar node as the composer makes it, starting on line 3 at `column` (counted from 0)."""
    start = yaml.Mark("a.yaml", 0, 2, column, None, None)
    end = yaml.Mark("a.yaml", 0, 2 + lines, column + len(value), None, None)
    return yaml.ScalarNode("tag:yaml.org,2002:str", value, start, end, style)


def read(value: str) -> tuple[str | None, list[str]]:
    errors = Collector()
    text = NodeReader(Path("a.yaml"), errors).text(scalar(value), "paragraph")
    return text, [d.message for d in errors.diagnostics]


def test_the_first_invisible_character_is_named() -> None:
    assert read("甲\u200b乙\u0007丙") == (None, ["paragraph contains the invisible character "
                                               "U+200B (ZERO WIDTH SPACE)"])


def test_invisible_characters_are_named_before_right_to_left_ones() -> None:
    assert read("שלום\u200d") == (None, ["paragraph contains the invisible character "
                                         "U+200D (ZERO WIDTH JOINER)"])


def test_the_first_right_to_left_character_is_named() -> None:
    assert read("甲مرحبا שלום") == (None, ["paragraph contains right-to-left text: "
                                          "'م' U+0645 (ARABIC LETTER MEEM)"])


def test_a_character_refused_once_is_refused_again() -> None:
    assert read("甲乙") == ("甲乙", [])
    assert read("甲乙\u200b")[1] == ["paragraph contains the invisible character U+200B (ZERO WIDTH SPACE)"]
    assert read("\u200b")[1] == read("甲乙\u200b")[1]
    assert read("甲乙") == ("甲乙", [])


EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))


def test_no_invisible_character_is_printable_for_python() -> None:
    """Values str.isprintable() passes are not searched for invisible characters."""
    invisible = [char for char in EVERY_CHARACTER if nodes._invisible(char)]
    assert len(invisible) > 800_000  # unassigned and private-use code points, above all
    assert [f"U+{ord(char):04X}" for char in invisible if char.isprintable()] == []


def test_every_right_to_left_character_lies_in_the_blocks_searched() -> None:
    """Values without a character of these blocks are not searched for right-to-left ones."""
    right_to_left = [char for char in EVERY_CHARACTER if nodes._right_to_left(char)]
    assert len(right_to_left) > 2000
    assert [f"U+{ord(char):04X}" for char in right_to_left
            if not nodes._RIGHT_TO_LEFT_BLOCKS.match(char)] == []


def refusal(value: str) -> str | None:
    """What a text value is refused for, one character after the other (the rule, not the loader)."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return f"the invisible character U+{ord(char):04X}"
    for char in value:
        if unicodedata.bidirectional(char) in ("R", "AL"):
            return f"right-to-left text: '{char}' U+{ord(char):04X}"
    return None


@given(st.lists(st.text(st.one_of(st.characters(), st.integers(0x4E00, 0x4E20).map(chr)), min_size=1,
                        max_size=12), min_size=1, max_size=6))
def test_each_value_is_refused_for_its_first_unsettable_character(values: list[str]) -> None:
    for value in values:  # several in one process: what was learnt from one value holds for the next
        joined = join_lines(value)
        if not joined.strip():
            continue  # refused as empty
        text, messages = read(value)
        reason = refusal(joined)
        if reason is None:
            assert (text, messages) == (joined, [])
        else:
            assert text is None and len(messages) == 1 and reason in messages[0]


def columns(value: str, column: int = 7, style: str | None = None, lines: int = 0) -> tuple | None:
    rich = _rich(scalar(value, column, style, lines), "paragraph", NodeReader(Path("a.yaml"), Collector()),
                 COLORS)
    return rich.columns


def test_columns_skip_leading_blanks_and_the_spaces_next_to_chinese() -> None:
    # 　　甲 乙 a b 丙   (two ideographic spaces first; the spaces around 乙 are dropped)
    assert columns("\u3000\u3000甲 乙 a b 丙  ") == (10, 12, 14, 15, 16, 18)


def test_columns_after_markup_and_escapes() -> None:
    assert columns("甲**乙** \\*丙") == (8, 11, 14, 16, 17)


def test_no_columns_for_quoted_or_folded_values() -> None:
    assert columns("甲 乙", style="'") is None
    assert columns("甲 乙", lines=1) is None


def searched(value: str, text: str, first: int) -> list[int] | None:
    """Each character of `text` found in `value` in order, the dropped ones skipped: the rule."""
    found, j = [], 0
    for char in text:
        while j < len(value) and value[j] != char:
            j += 1
        if j == len(value):
            return None
        found.append(first + j)
        j += 1
    return found


BLANKS_AND_OTHERS = st.sampled_from(list("甲乙 a1\u3000\xa0\u2002,。𠂇"))


@given(st.text(BLANKS_AND_OTHERS, max_size=30), st.integers(0, 40))
def test_columns_are_where_each_character_of_the_text_is(value: str, column: int) -> None:
    if not join_lines(value).strip():
        return  # an empty value is refused before its columns are asked for
    assert columns(value, column) == tuple(searched(value, join_lines(value), column + 1))
