"""Inline markup inside a text value: `**bold**`, `*emphasis*`, `{colour|text}`.

The markup is ours and tiny on purpose; everything else is literal text
(`<`, `&`, ReportLab tags…), which is never handed to a markup parser.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from report.diagnostics import Collector, Location, shown
from report.model import Inline, RichText

_ESCAPABLE = set("*{}|\\")
_COLOR_OPEN = re.compile(r"\{([A-Za-z][A-Za-z0-9_-]*)\|")


class _State:
    def __init__(self) -> None:
        self.bold = False
        self.emphasis = False
        self.color: str | None = None
        self.runs: list[Inline] = []
        self.buffer: list[str] = []
        self.sources: list[int] = []  # index in the marked-up text of each character kept

    def flush(self) -> None:
        if self.buffer:
            text = "".join(self.buffer)
            self.runs.append(Inline(text, self.bold, self.emphasis, self.color))
            self.buffer = []


def parse_inline(
    text: str, location: Location, colors: Collection[str], errors: Collector,
    columns: Sequence[int] | None = None,
) -> RichText:
    """Split `text` into styled runs, reporting unknown colours and unclosed markup.

    `columns`, if known, is the source column of each character of `text`; the
    result then knows the column of each character it keeps.
    """
    state = _State()
    i = 0
    while i < len(text):
        i = _step(text, i, state, location, colors, errors)
    state.flush()
    for flag, mark in ((state.bold, "**"), (state.emphasis, "*"), (state.color, "{")):
        if flag:
            errors.error(location, f"'{mark}' is opened but never closed",
                         "close it, or write \\* or \\{ for the character itself")
    kept = tuple(columns[i] for i in state.sources) if columns is not None else None
    return RichText(tuple(_merge(state.runs)), location, kept)


def _step(text: str, i: int, state: _State, location: Location, colors: Collection[str],
          errors: Collector) -> int:
    char = text[i]
    if char == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
        state.buffer.append(text[i + 1])
        state.sources.append(i + 1)
        return i + 2
    if text.startswith("**", i):
        state.flush()
        state.bold = not state.bold
        return i + 2
    if char == "*":
        state.flush()
        state.emphasis = not state.emphasis
        return i + 1
    opening = _COLOR_OPEN.match(text, i)
    if opening and state.color is None:
        name = opening.group(1)
        if name not in colors:
            errors.error(location, f"unknown colour '{shown(name)}' in {{{shown(name)}|…}}",
                         "colours of the theme: " + ", ".join(sorted(colors)))
        state.flush()
        state.color = name
        return opening.end()
    if char == "}" and state.color is not None:
        state.flush()
        state.color = None
        return i + 1
    state.buffer.append(char)
    state.sources.append(i)
    return i + 1


def _merge(runs: list[Inline]) -> list[Inline]:
    """Join neighbouring runs of the same style (e.g. around an escape)."""
    merged: list[Inline] = []
    for run in runs:
        if merged and _style(merged[-1]) == _style(run):
            merged[-1] = Inline(merged[-1].text + run.text, run.bold, run.emphasis, run.color)
        else:
            merged.append(run)
    return merged


def _style(run: Inline) -> tuple[bool, bool, str | None]:
    return run.bold, run.emphasis, run.color
