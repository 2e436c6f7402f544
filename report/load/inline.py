"""Inline markup inside a text value: `**bold**`, `*emphasis*`, `{colour|text}`.

The markup is ours and tiny on purpose; everything else is literal text
(`<`, `&`, ReportLab tags…), which is never handed to a markup parser.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from itertools import chain

from report.diagnostics import Collector, Location, shown
from report.model import Inline, RichText

# What may change the style, one of these at a time: an escape, `**` or `*`, the opening of a
# colour, the `}` closing one. All text between two of them is literal.
_MARKUP = re.compile(r"\\[*{}|\\]|\*\*?|\{([A-Za-z][A-Za-z0-9_-]*)\||\}")


class _Reading:
    """The runs read so far, the style in force, and where in the text each kept character was."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bold = False
        self.emphasis = False
        self.color: str | None = None
        self.runs: list[Inline] = []
        self.buffer: list[str] = []  # the texts of the run being read
        self.spans: list[tuple[int, int]] = []  # start and end in `text` of every stretch kept
        self.literal_from = 0  # where the literal text not kept yet starts

    def keep(self, start: int, end: int) -> None:
        if start < end:
            self.buffer.append(self.text[start:end])
            self.spans.append((start, end))

    def end_run(self, markup: re.Match) -> None:
        """The text before `markup` ends the run; the markup itself is not text."""
        self.keep(self.literal_from, markup.start())
        self.literal_from = markup.end()
        self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.runs.append(Inline("".join(self.buffer), self.bold, self.emphasis, self.color))
            self.buffer = []


def parse_inline(
    text: str, location: Location, colors: Collection[str], errors: Collector,
    columns: Sequence[int] | None = None,
) -> RichText:
    """Split `text` into styled runs, reporting unknown colours and unclosed markup.

    `columns`, if known, is the source column of each character of `text`; the
    result then knows the column of each character it keeps.
    """
    reading = _Reading(text)
    for markup in _MARKUP.finditer(text):
        _apply(markup, reading, location, colors, errors)
    reading.keep(reading.literal_from, len(text))
    reading.flush()
    for flag, mark in ((reading.bold, "**"), (reading.emphasis, "*"), (reading.color, "{")):
        if flag:
            errors.error(location, f"'{mark}' is opened but never closed",
                         "close it, or write \\* or \\{ for the character itself")
    kept = None
    if columns is not None:
        kept = tuple(chain.from_iterable(columns[start:end] for start, end in reading.spans))
    return RichText(tuple(_merge(reading.runs)), location, kept)


def _apply(markup: re.Match, reading: _Reading, location: Location, colors: Collection[str],
           errors: Collector) -> None:
    """Apply one piece of markup. A colour opened inside a colour, and a `}` outside one, are text."""
    token = markup.group()
    if token[0] == "\\":
        reading.keep(reading.literal_from, markup.start())
        reading.keep(markup.start() + 1, markup.end())
        reading.literal_from = markup.end()
    elif token == "**":
        reading.end_run(markup)
        reading.bold = not reading.bold
    elif token == "*":
        reading.end_run(markup)
        reading.emphasis = not reading.emphasis
    elif token == "}":
        if reading.color is not None:
            reading.end_run(markup)
            reading.color = None
    elif reading.color is None:
        name = markup.group(1)
        if name not in colors:
            errors.error(location, f"unknown colour '{shown(name)}' in {{{shown(name)}|…}}",
                         "colours of the theme: " + ", ".join(sorted(colors)))
        reading.end_run(markup)
        reading.color = name


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
