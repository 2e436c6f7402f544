"""The Chinese text engine (layout stage): line breaking, justification, drawing.

Knows nothing about YAML or the brochure model: it sets spans of styled text
into lines by the GB/clreq rules of docs/typography.md and draws them with
ReportLab's canvas. Public API:

- TextStyle, Span: the input;
- set_lines(): pure breaking + justification, returns Line objects;
- TextBlock: a platypus Flowable that wraps, splits and draws a paragraph
  (its fonts must be CIDFonts, report/assets/cidfont.py).
"""

from .block import TextBlock
from .setting import GlyphRun, Line, set_lines
from .style import Span, TextStyle

__all__ = [
    "GlyphRun",
    "Line",
    "Span",
    "TextBlock",
    "TextStyle",
    "set_lines",
]
