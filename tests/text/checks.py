"""Rule checks on set lines, shared by the unit, torture and PDF tests.

Each check recomputes what it measures from the characters' positions, not
from the engine's own bookkeeping, and returns human-readable violations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from report.layout.text import Line
from report.layout.text.charclass import CLOSING, NO_END, NO_START, OPENING, char_class

TOLERANCE = 0.5  # pt: flush edges (R5)
ALNUM = re.compile(r"[0-9A-Za-z]")
NO_SPLIT_PAIRS = ("——", "……", "⋯⋯", "⸺⸺", "？！", "！？", "？？", "！！")
SIGNS = "%‰℃°′″％"


def visible_right(line: Line) -> float:
    """Right edge the reader sees: a closing mark at the end counts as ½ em."""
    last = len(line.text) - 1
    right = line.xs[last] + line.advances[last]
    if line.text[last] in CLOSING:
        right -= max(0.0, line.advances[last] - line.sizes[last] / 2)
    return right


def visible_left(line: Line) -> float:
    """Left edge the reader sees: an opening mark at the start counts as ½ em."""
    left = line.xs[0]
    if line.text[0] in OPENING:
        left += max(0.0, line.advances[0] - line.sizes[0] / 2)
    return left


def check_prohibitions(lines: Sequence[Line]) -> list[str]:
    """R1, R2: no line starts with a NO_START mark or ends with a NO_END mark."""
    errors = []
    for i, line in enumerate(lines):
        if not line.text:
            continue
        if i > 0 and not lines[i - 1].last and line.text[0] in NO_START:
            errors.append(f"line {i} starts with {line.text[0]!r}: {line.text}")
        if not line.last and line.text[-1] in NO_END:
            errors.append(f"line {i} ends with {line.text[-1]!r}: {line.text}")
    return errors


def check_no_split(lines: Sequence[Line], width: float) -> list[str]:
    """R3: no break inside ——, ……, ？！, a number with its sign, or a Latin word.

    A word wider than the whole measure may break (emergency), nothing else.
    """
    errors = []
    for i in range(1, len(lines)):
        before, after = lines[i - 1], lines[i]
        if before.last or not before.text or not after.text:
            continue
        if after.start != before.end:
            continue  # a space was dropped at the break: a legal break
        pair = before.text[-1] + after.text[0]
        if pair in NO_SPLIT_PAIRS:
            errors.append(f"split {pair!r} between lines {i - 1} and {i}")
        word = ALNUM.match(pair[0]) and (ALNUM.match(pair[1]) or pair[1] in SIGNS)
        if word and word_width(lines, i) <= width:
            errors.append(f"word or number split {pair!r} between lines {i - 1} and {i}")
    return errors


def word_width(lines: Sequence[Line], i: int) -> float:
    """Width of the Latin word that straddles the break before line i."""
    word = re.compile(r"[0-9A-Za-z.,:/+\-]")
    total = 0.0
    for line, chars in ((lines[i - 1], range(len(lines[i - 1].text) - 1, -1, -1)),
                        (lines[i], range(len(lines[i].text)))):
        for j in chars:
            if not word.match(line.text[j]):
                break
            total += line.advances[j]
    return total


def check_edges(lines: Sequence[Line], width: float, indent: float,
                allow_ragged: frozenset[int] = frozenset()) -> list[str]:
    """R5, R6, R8: flush both edges (but last lines), nothing past the frame, the indent."""
    errors = []
    for i, line in enumerate(lines):
        if not line.text:
            continue
        right = visible_right(line)
        if right > width + TOLERANCE:
            errors.append(f"line {i} overflows by {right - width:.2f} pt: {line.text}")
        if not line.last and i not in allow_ragged and abs(right - width) > TOLERANCE:
            errors.append(f"line {i} not flush: right edge {right:.2f} of {width}: {line.text}")
        indented = i == 0 and indent > 0
        expected = indent if indented else 0.0
        left = line.xs[0] if indented else visible_left(line)
        if abs(left - expected) > 1e-6:
            errors.append(f"line {i} starts at {left:.2f}, not {expected}: {line.text}")
    return errors


def check_compression(lines: Sequence[Line]) -> list[str]:
    """R4: two adjacent marks take at most 1.5 em."""
    errors = []
    marks = CLOSING | OPENING
    for i, line in enumerate(lines):
        for j in range(len(line.text) - 1):
            a, b = line.text[j], line.text[j + 1]
            if a in marks and b in marks and not (a in OPENING and b in CLOSING):
                span = line.xs[j + 1] + line.advances[j + 1] - line.xs[j]
                if j + 1 == len(line.text) - 1 and b in CLOSING:
                    span -= line.advances[j + 1] - line.sizes[j + 1] / 2
                if span > 1.5 * line.sizes[j] + 1e-6:
                    errors.append(f"line {i}: {a}{b} take {span / line.sizes[j]:.2f} em")
    return errors


def check_gaps(lines: Sequence[Line]) -> list[str]:
    """R7: gap between Han and Latin letters/digits in [⅛, ½] em."""
    errors = []
    for i, line in enumerate(lines):
        for j in range(len(line.text) - 1):
            a, b = line.text[j], line.text[j + 1]
            han_latin = char_class(a) == "I" and ALNUM.match(b)
            signed = a in "%°′″" and j > 0 and ALNUM.match(line.text[j - 1])
            latin_han = (ALNUM.match(a) or signed) and char_class(b) == "I"
            if han_latin or latin_han:
                gap = (line.xs[j + 1] - line.xs[j] - line.advances[j]) / line.sizes[j]
                if not 0.125 - 1e-6 <= gap <= 0.5 + 1e-6:
                    errors.append(f"line {i}: gap {a}|{b} is {gap:.3f} em")
    return errors


def check_orphan(lines: Sequence[Line]) -> list[str]:
    """R10: a paragraph's last line never holds a single Han character (孤字)."""
    errors = []
    for i, line in enumerate(lines):
        if not line.last or i == 0 or lines[i - 1].last:
            continue
        content = [ch for ch in line.text if char_class(ch) not in ("O", "C", "P")]
        if len(content) == 1 and char_class(content[0]) == "I":
            errors.append(f"line {i} is a lone character: {line.text}")
    return errors


def check_text(lines: Sequence[Line], source: str) -> list[str]:
    """The lines hold exactly the source characters, in order (spaces at breaks aside)."""
    drawn = "".join(line.text for line in lines)
    wanted = source.replace("\n", "")
    if drawn.replace(" ", "") != wanted.replace(" ", ""):
        return [f"text differs: {drawn!r} != {wanted!r}"]
    return []


def check_all(lines: Sequence[Line], source: str, width: float, indent: float) -> list[str]:
    return (check_prohibitions(lines) + check_no_split(lines, width) + check_edges(lines, width, indent)
            + check_compression(lines) + check_gaps(lines) + check_orphan(lines)
            + check_text(lines, source))
