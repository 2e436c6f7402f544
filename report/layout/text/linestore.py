"""Set lines remembered by content, so a paragraph is set once (layout stage, text engine).

set_lines is a pure function of a paragraph's spans, its width, first-line
indent and alignment, and it is most of the cost of a layout. A LineStore
keeps its results by that content:

- a cold build lays out twice (pass one finds the page numbers the table of
  contents prints): pass two finds every paragraph already set;
- a build after an edit reads the last build's lines from the build cache
  (report/keptlines.py), so only the edited paragraph is set again;
- a helper process may set paragraphs ahead of the layout (prefetch.py) and
  hand them over here.

Lines are kept encoded (marshal of plain tuples, about 30 bytes a character)
rather than as Line objects (about 80): a 300-page brochure's lines would
otherwise be the largest thing in memory. marshal keeps every float to the
last bit, so decoded lines are the lines that were set. TextBlock asks the
store that is active (`active_store`, set by `storing_lines` around a
layout) and sets lines itself when there is none. Imports: setting, style.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from typing import Protocol

from .setting import GlyphRun, Line, set_lines
from .style import Span, TextStyle

# A paragraph as plain values: ((text, font, size, colour, link) per span), width, indent, align.
LinesKey = tuple[tuple[tuple, ...], float, float, str]


class Supplier(Protocol):
    """Something that may have set a paragraph already (a prefetching helper process)."""

    def take(self, key: LinesKey) -> bytes | None: ...

    def close(self) -> None: ...


def lines_key(spans: Sequence[Span], width: float, indent: float, align: str) -> LinesKey:
    """The content set_lines depends on, as plain values (hashable, marshal-able)."""
    return (tuple((s.text, s.style.font, s.style.size, s.style.color, s.link) for s in spans),
            width, indent, align)


def spans_of(key: LinesKey) -> list[Span]:
    return [Span(text, TextStyle(font, size, color), link) for text, font, size, color, link in key[0]]


def set_for(key: LinesKey) -> list[Line]:
    """set_lines for a key: what the store runs on a miss, and a helper process ahead of it."""
    return set_lines(spans_of(key), key[1], first_indent=key[2], align=key[3])


def encode(lines: Sequence[Line]) -> bytes:
    """Lines as marshal bytes of plain tuples; each style once, runs refer to it by number."""
    styles: dict[TextStyle, int] = {}
    rows = []
    for line in lines:
        runs = tuple((run.x, run.text, styles.setdefault(run.style, len(styles)), run.char_space,
                      run.link) for run in line.runs)
        rows.append((line.text, line.xs, line.advances, line.sizes, runs, line.width,
                     line.natural_width, line.target, line.start, line.end, line.last))
    table = tuple((style.font, style.size, style.color) for style in styles)
    return marshal.dumps((table, tuple(rows)))


def decode(data: bytes) -> list[Line]:
    """The lines encode() was given. Objects are restored as pickle restores them (their
    __dict__ set at once, no __init__): decoding is most of what a kept paragraph costs."""
    table, rows = marshal.loads(data)
    styles = [_style(font, size, color) for font, size, color in table]
    lines = []
    for text, xs, advances, sizes, runs, width, natural, target, start, end, last in rows:
        glyph_runs = tuple(_restore(GlyphRun, (x, chars, styles[style], space, link))
                           for x, chars, style, space, link in runs)
        lines.append(_restore(Line, (text, xs, advances, sizes, glyph_runs, width, natural, target,
                                     start, end, last)))
    return lines


_FIELDS = {cls: tuple(field.name for field in fields(cls)) for cls in (Line, GlyphRun)}
_STYLES: dict[tuple, TextStyle] = {}  # one object per style met: they are immutable


def _restore(cls: type, values: tuple) -> object:
    obj = object.__new__(cls)
    obj.__dict__.update(zip(_FIELDS[cls], values, strict=True))
    return obj


def _style(font: str, size: float, color: tuple[float, ...]) -> TextStyle:
    key = (font, size, color)
    style = _STYLES.get(key)
    if style is None:
        if len(_STYLES) >= 4096:
            _STYLES.clear()
        style = _STYLES[key] = TextStyle(font, size, color)
    return style


class LineStore:
    """Encoded lines by LinesKey: those known before (a cache) and those set during this layout.

    `keep`: remember what is set here (for pass two and for the next build).
    Without it, the store only passes on what a supplier set ahead, once.
    """

    def __init__(self, known: dict[LinesKey, bytes] | None = None, keep: bool = True) -> None:
        self.known = dict(known or {})
        self.keep = keep
        self.used: dict[LinesKey, bytes] = {}  # what this layout asked for: the next cache
        self.supplier: Supplier | None = None
        self.hits = self.misses = self.supplied = 0  # supplied: hits the supplier set

    def has(self, key: LinesKey) -> bool:
        return key in self.used or key in self.known

    def lines(self, spans: Sequence[Span], width: float, indent: float, align: str) -> list[Line]:
        key = lines_key(spans, width, indent, align)
        data = self.used.get(key) or self.known.get(key)
        if data is None and self.supplier is not None:
            data = self.supplier.take(key)
            self.supplied += data is not None
        if data is None:
            self.misses += 1
            lines = set_lines(spans, width, first_indent=indent, align=align)
            if self.keep:
                self.used[key] = encode(lines)
            return lines
        self.hits += 1
        if self.keep:
            self.used[key] = data
        return decode(data)

    def close(self) -> None:
        """Stop the supplier, if any (it may still be setting paragraphs nobody will ask for)."""
        if self.supplier is not None:
            self.supplier.close()
            self.supplier = None


_ACTIVE: list[LineStore] = []


def active_store() -> LineStore | None:
    """The store of the layout in progress. A module-level slot rather than an argument:
    text blocks are made in many places (story, figures, data blocks, page furniture)."""
    return _ACTIVE[-1] if _ACTIVE else None


@contextmanager
def storing_lines(store: LineStore) -> Iterator[LineStore]:
    """Make `store` the one TextBlocks use for the duration; stop its supplier after."""
    _ACTIVE.append(store)
    try:
        yield store
    finally:
        _ACTIVE.pop()
        store.close()
