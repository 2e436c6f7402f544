"""Inline text styles and spans: the input of the text engine (layout stage).

Small immutable values; the caller registers fonts with ReportLab first and
names them here. Imports only the standard library.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextStyle:
    """How a run of text looks."""

    font: str
    """Name of a TrueType font already registered with ReportLab (bold is its own font)."""
    size: float
    """Font size in pt; one em of this style."""
    color: tuple[float, ...] = (0.0, 0.0, 0.0)
    """Fill colour: RGB (3 components) or CMYK (4), each in 0..1."""


@dataclass(frozen=True)
class Span:
    """A piece of running text in one style."""

    text: str
    """The characters; a newline forces a line break."""
    style: TextStyle
    """Font, size and colour of every character of the span."""
    link: str | None = None
    """Name of an internal PDF destination (canvas.bookmarkPage key) the span links to."""
