"""Inline markup: bold, emphasis, colours, escapes; everything else literal."""

from __future__ import annotations

from pathlib import Path

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
