"""set_lines: spans -> positioned, justified lines (layout stage, text engine).

Pure computation, no canvas. Each paragraph segment (text between forced
newlines) is tokenized into atoms and slots, broken by the total-fit breaker,
then every line is justified by spreading its deficit over its slots in
proportion to their stretch, or, when it is too long, by squeezing whole
blank halves of as few marks as will do (then gaps and word spaces).
The result gives each character an x position; characters that follow each
other with the same extra spacing are grouped into GlyphRuns, which the
drawing code shows as one text operator with character spacing (Tc).

Positions are pt from the left edge of the measure. Imports: atoms, breaking,
metrics, style.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import add, sub

from .atoms import INF, Tokens, tokenize
from .breaking import EPS, Measure, Prefix, find_breaks
from .metrics import advances
from .style import Span, TextStyle

ALIGNS = ("justify", "left", "center", "right")


@dataclass(frozen=True)
class GlyphRun:
    """Characters drawn by one text-show operator."""

    x: float
    """Left edge of the first glyph's advance box, pt from the measure's left edge."""
    text: str
    """The characters, in reading order."""
    style: TextStyle
    """Font, size and colour of every character of the run."""
    char_space: float
    """Extra advance after each character (PDF Tc), pt; may be negative."""
    link: str | None = None
    """Internal destination the run links to, if any."""


@dataclass(frozen=True)
class Line:
    """One set line of a paragraph."""

    text: str
    """Characters drawn on the line, in order (spaces at the break are dropped)."""
    xs: tuple[float, ...]
    """x of each character's advance box, pt from the measure's left edge."""
    advances: tuple[float, ...]
    """Each character's glyph advance at its size, pt (before compression or spacing)."""
    sizes: tuple[float, ...]
    """Each character's font size (its em), pt."""
    runs: tuple[GlyphRun, ...]
    """The same characters grouped for drawing."""
    width: float
    """Used width: right end of the last advance after a line-end half-width mark, pt."""
    natural_width: float
    """Width before justification (indent, compression and gaps included), pt."""
    target: float
    """The measure the line was set to, pt."""
    start: int
    """Offset of the line's first character in the paragraph text."""
    end: int
    """Offset just past the line's last character in the paragraph text."""
    last: bool
    """True for the last line of a paragraph or before a forced newline (not justified)."""


@dataclass
class _Text:
    """A paragraph flattened to per-character arrays."""

    text: str
    styles: list[TextStyle]
    sizes: list[float]
    owners: list[int]  # index of the span each character comes from
    links: list[str | None]
    adv: list[float]


def flatten(spans: Sequence[Span]) -> _Text:
    """Concatenate spans; measure each character once (widths are cached per font)."""
    parts, styles, sizes, owners, links, adv = [], [], [], [], [], []
    for index, span in enumerate(spans):
        style, n = span.style, len(span.text)
        parts.append(span.text)
        styles.extend([style] * n)
        sizes.extend([style.size] * n)
        owners.extend([index] * n)
        links.extend([span.link] * n)
        adv.extend(advances(style.font, span.text, style.size / 1000.0))
    return _Text("".join(parts), styles, sizes, owners, links, adv)


def set_lines(spans: Sequence[Span], width: float, *, first_indent: float = 0.0,
              align: str = "justify") -> list[Line]:
    """Break and justify `spans` into lines of `width` pt; the first line is indented."""
    if align not in ALIGNS:
        raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")
    flat = flatten(spans)
    lines: list[Line] = []
    segments = _segments(flat.text)
    for number, (lo, hi) in enumerate(segments):
        indent = first_indent if number == 0 else 0.0
        measure = Measure(width, indent, trim_first=indent == 0.0)
        segment = _set_segment(flat, lo, hi, measure, align)
        if not segment and number < len(segments) - 1:
            segment = [_empty_line(lo, width)]  # "a\n\nb": the blank line is kept
        lines.extend(segment)
    return lines


def _segments(text: str) -> list[tuple[int, int]]:
    """Character ranges between forced newlines; a trailing newline adds nothing."""
    bounds, start = [], 0
    while (i := text.find("\n", start)) >= 0:
        bounds.append((start, i))
        start = i + 1
    if start < len(text) or not bounds:
        bounds.append((start, len(text)))
    return bounds


def _set_segment(flat: _Text, lo: int, hi: int, measure: Measure, align: str) -> list[Line]:
    tokens = tokenize(flat.text, flat.sizes, flat.adv, lo, hi, measure.width, measure.indent)
    if not len(tokens):
        return []
    em = max(flat.sizes[lo:hi])
    prefix = Prefix(tokens, measure)
    breaks = find_breaks(prefix, em)
    lines, s = [], 0
    for e in breaks:
        lines.append(_assemble(flat, prefix, s, e, e == len(tokens), align))
        s = e
    return lines


def _empty_line(at: int, width: float) -> Line:
    return Line("", (), (), (), (), 0.0, 0.0, width, at, at, True)


def _assemble(flat: _Text, prefix: Prefix, s: int, e: int, last: bool, align: str) -> Line:
    """Place the characters of atoms[s:e] on one line.

    The line is one slice of the paragraph text (only spaces at the break are
    dropped): atoms and the spaces inside slots, in order.
    """
    tokens, width = prefix.tokens, prefix.measure.width
    natural, stretch, shrink = prefix.line(s, e)
    deficit = width - natural
    justify = align == "justify" and not last
    extras, leftover = _distribute(tokens, s, e, deficit, stretch, shrink, justify)
    xs = _positions(flat, tokens, s, e, extras,
                    (prefix.measure.indent if s == 0 else 0.0) - prefix.lead_trim(s))
    first, stop = tokens.start[s], tokens.end[e - 1]
    used = xs[-1] + flat.adv[stop - 1] - tokens.trail_trim[e - 1]
    if leftover > EPS and len(xs) > 1:
        used = _letterspace(xs, leftover, used)
    offset = _align_offset(align, width, used)
    if offset:
        xs = [v + offset for v in xs]
        used += offset
    return _make_line(flat, first, stop, xs, used, natural, width, last)


def _positions(flat: _Text, tokens: Tokens, s: int, e: int, extras: list[float],
               x: float) -> list[float]:
    """x of every character of atoms[s:e] and of the spaces between them, from `x`."""
    adv, start, end, natural, spaces = flat.adv, tokens.start, tokens.end, tokens.natural, tokens.spaces
    first, stop = start[s], end[e - 1]
    if stop - first == e - s:
        # Every atom one character and no spaces (most lines): x, +advance, +glue, +advance, …
        # summed by accumulate in the order of the loop below, so to the same last bit.
        terms = [x] * (2 * (e - s) - 1)
        terms[1::2] = adv[first:stop - 1]
        terms[2::2] = map(add, natural[s + 1:e], extras[1:])
        return list(accumulate(terms))[::2]
    xs: list[float] = []
    append = xs.append
    for k in range(s, e):
        if k > s:
            gap = natural[k] + extras[k - s]
            if spaces[k]:
                _place_spaces(flat, spaces[k], gap, x, xs)
            x += gap
        a = start[k]
        if end[k] - a == 1:  # one character: most atoms
            append(x)
            x += adv[a]
        else:
            for i in range(a, end[k]):
                append(x)
                x += adv[i]
    return xs


def _distribute(tokens: Tokens, s: int, e: int, deficit: float, stretch: float,
                shrink: float, justify: bool) -> tuple[list[float], float]:
    """Extra width of each slot of the line (index k - s), and what no slot could take."""
    if deficit < -EPS and shrink > EPS:
        return _squeeze(tokens, s, e, -deficit, justify), 0.0
    extras = [0.0] * (e - s)
    if not justify or deficit <= EPS:
        return extras, 0.0
    return _spread(tokens, s, e, deficit, extras)


def _squeeze(tokens: Tokens, s: int, e: int, need: float, justify: bool) -> list[float]:
    """Extras (negative) that take `need` pt out of a line too long for the measure (先挤进).

    Marks give up their blank half whole, one mark at a time, so a line shows
    one fully squeezed comma rather than three partly squeezed ones: pause
    marks first (、，；：), then other closing marks, then opening marks, each
    kind from the line's end back. Han–Latin gaps and word spaces share what
    the marks cannot give. Whole halves may take more than needed; on a
    justified line the surplus goes back as even spacing elsewhere.
    """
    extras = [0.0] * (e - s)
    shrinks, order = tokens.shrink, tokens.squeeze
    taken, squeezed = 0.0, []
    for k in sorted((k for k in range(s + 1, e) if order[k]), key=lambda k: (order[k], -k)):
        if taken >= need - EPS:
            break
        extras[k - s] = -shrinks[k]
        taken += shrinks[k]
        squeezed.append(k)
    if taken < need - EPS:
        _share_shrink(tokens, s, e, need - taken, extras)
    elif taken - need > EPS and justify:
        extras, leftover = _spread(tokens, s, e, taken - need, extras, frozenset(squeezed))
        extras[squeezed[-1] - s] += leftover  # nothing else could stretch: that mark gives less
    return extras


def _share_shrink(tokens: Tokens, s: int, e: int, need: float, extras: list[float]) -> None:
    """Gaps and word spaces shrink in proportion to what each may give, together `need`."""
    shrinks, order = tokens.shrink, tokens.squeeze
    others = [k for k in range(s + 1, e) if shrinks[k] > 0 and not order[k]]
    total = sum(shrinks[k] for k in others)
    if total > EPS:
        ratio = min(need / total, 1.0)
        for k in others:
            extras[k - s] = -ratio * shrinks[k]


def _spread(tokens: Tokens, s: int, e: int, deficit: float, extras: list[float],
            keep: frozenset[int] = frozenset()) -> tuple[list[float], float]:
    """Spread `deficit` pt over the line's slots by their stretch (slots in `keep` excepted);
    returns the extras and what no slot could take."""
    stretches, caps = tokens.stretch, tokens.cap
    if not keep and min(caps[s + 1:e], default=INF) == INF:
        # No Han–Latin gap on the line, so nothing is capped: one pass, same arithmetic.
        total = sum(stretches[s + 1:e])
        if total > 0:
            extras[1:] = [deficit * part / total for part in stretches[s + 1:e]]
            return extras, 0.0
        return extras, deficit
    active = [k for k in range(s + 1, e) if stretches[k] > 0 and k not in keep]
    remaining = deficit
    while active and remaining > EPS:
        total = sum(stretches[k] for k in active)
        capped = [k for k in active if remaining * stretches[k] / total > caps[k]]
        if not capped:
            for k in active:
                extras[k - s] += remaining * stretches[k] / total
            return extras, 0.0
        for k in capped:  # a Han–Latin gap stops at ½ em; the rest goes elsewhere
            extras[k - s] += caps[k]
            remaining -= caps[k]
            active.remove(k)
    return extras, max(remaining, 0.0)


def _place_spaces(flat: _Text, spaces: tuple[int, int], room: float, x: float,
                  xs: list[float]) -> None:
    """Spaces inside a slot are real characters: spread them over the slot's width."""
    a, b = spaces
    each = (room - sum(flat.adv[a:b])) / (b - a)
    for i in range(a, b):
        xs.append(x)
        x += flat.adv[i] + each


def _letterspace(xs: list[float], leftover: float, used: float) -> float:
    """Last resort for a line without glue (one long word): spread between all characters."""
    step = leftover / (len(xs) - 1)
    for j in range(1, len(xs)):
        xs[j] += j * step
    return used + leftover


def _align_offset(align: str, width: float, used: float) -> float:
    if align == "center":
        return (width - used) / 2
    if align == "right":
        return width - used
    return 0.0


def _make_line(flat: _Text, first: int, stop: int, xs: list[float], used: float, natural: float,
               width: float, last: bool) -> Line:
    text, adv = flat.text[first:stop], flat.adv[first:stop]
    return Line(
        text=text,
        xs=tuple(xs),
        advances=tuple(adv),
        sizes=tuple(flat.sizes[first:stop]),
        runs=tuple(_runs(flat, first, xs, adv, text)),
        width=used,
        natural_width=natural,
        target=width,
        start=first,
        end=stop,
        last=last,
    )


def _runs(flat: _Text, first: int, xs: list[float], adv: list[float], text: str) -> list[GlyphRun]:
    """Group characters that share a span and the spacing after them into runs."""
    m = len(xs)
    gaps = list(map(sub, map(sub, xs[1:], xs[:-1]), adv))
    owner_of = flat.owners[first:first + m]
    if m > 1 and owner_of.count(owner_of[0]) == m and max(gaps) - gaps[0] < 1e-6 > gaps[0] - min(gaps):
        # One span, even spacing (most lines): one run.
        return [GlyphRun(xs[0], text, flat.styles[first], gaps[0], flat.links[first])]
    runs, j0 = [], 0
    owner, space = owner_of[0], gaps[0] if m > 1 else 0.0
    # Character j joins the run while it has the run's span and the gap before it is the run's.
    for j, (own, gap) in enumerate(zip(owner_of[1:], gaps, strict=True), 1):
        if own == owner and -1e-6 < gap - space < 1e-6:
            continue
        runs.append(_run(flat, first, xs, text, j0, j, space))
        j0, owner, space = j, own, gaps[j] if j < m - 1 else 0.0
    runs.append(_run(flat, first, xs, text, j0, m, space))
    return runs


def _run(flat: _Text, first: int, xs: list[float], text: str, j0: int, j: int,
         space: float) -> GlyphRun:
    if j - 1 == j0:
        space = 0.0  # a lone glyph: its spacing is irrelevant, the next run is placed anew
    return GlyphRun(xs[j0], text[j0:j], flat.styles[first + j0], space, flat.links[first + j0])
