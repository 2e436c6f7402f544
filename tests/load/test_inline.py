"""Inline markup: bold, emphasis, colours, escapes; everything else literal."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from report.diagnostics import Collector, Location
from report.load.inline import parse_inline
from report.model import Inline

HERE = Location(Path("x.yaml"), 1, 1)
COLORS = {"accent", "muted"}


def parse(text: str) -> tuple[tuple[Inline, ...], list[str]]:
    errors = Collector()
    rich = parse_inline(text, HERE, COLORS, errors)
    return rich.runs, [d.message for d in errors.diagnostics]


def test_bold_emphasis_and_colour() -> None:
    runs, errors = parse("甲**乙***丙*{accent|丁}")
    assert errors == []
    assert runs == (
        Inline("甲"), Inline("乙", bold=True), Inline("丙", emphasis=True), Inline("丁", color="accent"),
    )


def test_escapes_give_the_characters() -> None:
    runs, _ = parse(r"a\*b\{c\}d\|e\\f")
    assert runs == (Inline("a*b{c}d|e\\f"),)


def test_reportlab_markup_is_literal_text() -> None:
    text = '<img src="/etc/passwd"/><a href="javascript:x">R&D</a><font name=x>'
    runs, errors = parse(text)
    assert runs == (Inline(text),) and errors == []


def test_brace_without_colour_name_is_literal() -> None:
    runs, _ = parse("{不是颜色} a}b")
    assert runs == (Inline("{不是颜色} a}b"),)


def test_three_stars_open_bold_then_emphasis() -> None:
    runs, errors = parse("甲***乙***丙")
    assert errors == []
    assert runs == (Inline("甲"), Inline("乙", bold=True, emphasis=True), Inline("丙"))


def test_markup_inside_a_colour() -> None:
    runs, errors = parse("{accent|**粗**和*强*}后")
    assert errors == []
    assert runs == (Inline("粗", bold=True, color="accent"), Inline("和", color="accent"),
                    Inline("强", emphasis=True, color="accent"), Inline("后"))


def test_a_colour_inside_a_colour_is_literal_and_the_first_brace_closes() -> None:
    runs, errors = parse("{accent|甲{muted|乙}丙}")
    assert errors == []
    assert runs == (Inline("甲{muted|乙", color="accent"), Inline("丙}"))


def test_colour_names_are_letters_digits_dashes_and_underscores_after_a_letter() -> None:
    colors = {"a-b_1"}
    errors = Collector()
    runs = parse_inline("{a-b_1|甲}{1a|乙}{-a|丙}", HERE, colors, errors).runs
    assert errors.diagnostics == []
    assert runs == (Inline("甲", color="a-b_1"), Inline("{1a|乙}{-a|丙}"))


def test_a_backslash_before_another_character_is_kept() -> None:
    runs, _ = parse("a\\b\\中\\")
    assert runs == (Inline("a\\b\\中\\"),)


def test_an_escaped_backslash_does_not_escape_the_star_after_it() -> None:
    runs, errors = parse("\\\\*甲*")
    assert errors == []
    assert runs == (Inline("\\"), Inline("甲", emphasis=True))


def test_escapes_inside_bold() -> None:
    runs, _ = parse("**甲\\*\\}乙**")
    assert runs == (Inline("甲*}乙", bold=True),)


def test_runs_of_one_style_are_joined_and_empty_ones_dropped() -> None:
    runs, errors = parse("**甲****乙**{accent|}****")
    assert errors == []
    assert runs == (Inline("甲乙", bold=True),)


def test_only_markup_gives_no_runs() -> None:
    runs, errors = parse("****")
    assert runs == () and errors == []


def test_an_unknown_colour_is_reported_and_still_applied() -> None:
    runs, errors = parse("{red|红}{blue|蓝}")
    assert runs == (Inline("红", color="red"), Inline("蓝", color="blue"))
    assert errors == ["unknown colour 'red' in {red|…}", "unknown colour 'blue' in {blue|…}"]


def test_everything_left_open_is_reported_in_order() -> None:
    errors = Collector()
    parse_inline("**甲*乙{accent|丙", HERE, COLORS, errors)
    hint = "close it, or write \\* or \\{ for the character itself"
    assert [(d.location, d.message, d.hint) for d in errors.diagnostics] == [
        (HERE, f"'{mark}' is opened but never closed", hint) for mark in ("**", "*", "{")]


def test_columns_of_the_characters_kept() -> None:
    text = "甲\\*乙**丙**{accent|丁}"
    columns = list(range(10, 10 + len(text)))
    rich = parse_inline(text, HERE, COLORS, Collector(), columns)
    assert rich.plain == "甲*乙丙丁"
    assert rich.columns == (10, 12, 13, 16, 27)
    assert parse_inline(text, HERE, COLORS, Collector()).columns is None


def one_character_at_a_time(text: str, colors: Collection[str]) -> tuple[list[Inline], list[str], list[int]]:
    """The markup read as the rules say it, one character after the other: the runs before they
    are joined, the messages, and the index of each character kept."""
    bold, emphasis, color, runs, messages, kept, buffer = False, False, None, [], [], [], []

    def flush() -> None:
        if buffer:
            runs.append(Inline("".join(buffer), bold, emphasis, color))
            buffer.clear()

    i = 0
    while i < len(text):
        opening = re.match(r"\{([A-Za-z][A-Za-z0-9_-]*)\|", text[i:])
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in "*{}|\\":
            buffer.append(text[i + 1])
            kept.append(i + 1)
            i += 2
            continue
        if text.startswith("**", i) or text[i] == "*":
            flush()
            step = 2 if text.startswith("**", i) else 1
            bold, emphasis = (not bold, emphasis) if step == 2 else (bold, not emphasis)
            i += step
        elif opening and color is None:
            flush()
            color = opening.group(1)
            if color not in colors:
                messages.append(f"unknown colour '{color}' in {{{color}|…}}")
            i += opening.end()
        elif text[i] == "}" and color is not None:
            flush()
            color = None
            i += 1
        else:
            buffer.append(text[i])
            kept.append(i)
            i += 1
    flush()
    messages += [f"'{mark}' is opened but never closed" for flag, mark in
                 ((bold, "**"), (emphasis, "*"), (color, "{")) if flag]
    return runs, messages, kept


def joined(runs: list[Inline]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].emphasis, out[-1].color) == (run.bold, run.emphasis, run.color):
            run = Inline(out.pop().text + run.text, run.bold, run.emphasis, run.color)
        out.append(run)
    return tuple(out)


PIECES = st.sampled_from(["*", "**", "{", "}", "|", "\\", "\\*", "{accent|", "{muted|", "{red|", "{1|"])
PLAIN = st.sampled_from(list("甲乙a1-_ "))
MARKUP = st.lists(st.one_of(PIECES, PLAIN, st.characters()), max_size=40).map("".join)


@given(text=st.one_of(MARKUP, MARKUP.map(lambda text: text.replace(" ", "*"))))
def test_markup_is_read_as_one_character_at_a_time(text: str) -> None:
    runs, messages, kept = one_character_at_a_time(text, COLORS)
    errors = Collector()
    rich = parse_inline(text, HERE, COLORS, errors, [column * 3 for column in range(len(text))])
    assert rich.runs == joined(runs)
    assert [d.message for d in errors.diagnostics] == messages
    assert rich.columns == tuple(index * 3 for index in kept)
