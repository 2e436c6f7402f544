"""Punctuation checks on every text value of a brochure (GB/T 15834).

Four checks, each with a name that a block may acknowledge with
`lint: ignore-<name>` when the text must stay as it is (a quotation cut off
in the source, say):

- ascii-punctuation: , : ; ? ! ( ) " next to a Chinese character;
- ellipsis: ... or 。。。 written for an ellipsis (……);
- pairs: a dash or an ellipsis that is not a pair (—— ……);
- unbalanced: a quotation mark or bracket opened and not closed, or closed
  and not opened, within one text value.

An acknowledgement that no longer matches anything is reported too, so none
outlives the problem it was written for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from report.diagnostics import Diagnostic, Location
from report.model import Brochure, Heading, Paragraph, Quote, RichText, Subhead

CHECKS = ("ascii-punctuation", "ellipsis", "pairs", "unbalanced")

# Han characters: extension A, the unified ideographs, compatibility ideographs, planes 2 and 3.
# Tested as numbers, not as a regular expression: a class of these 28,000 BMP characters
# would take 3 ms to compile in every build.
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
_ASCII_MARK = re.compile(r'[,:;?!()"]')
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）",
               '"': "“ or ”"}
_DOTS = re.compile(r"\.{3,}|。{3,}")
_RUNS = re.compile(r"[—―]+|[…⋯]+")
_PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】", "「": "」", "『": "』", "〈": "〉"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_MARKS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")
_LETTER = re.compile(r"[A-Za-z]")
_CUT_OFF = "a quotation cut off in the source: 'lint: ignore-unbalanced' on the block"


@dataclass(frozen=True)
class Finding:
    check: str
    index: int  # in the text value's plain characters
    message: str
    hint: str


def lint_brochure(brochure: Brochure, strict: bool = False) -> list[Diagnostic]:
    """Every finding in every text value, as warnings (errors when `strict`)."""
    severity = "error" if strict else "warning"
    diagnostics = []
    for texts, ignore, where in _groups(brochure):
        found = set()
        for rich in texts:
            for finding in lint_text(rich.plain):
                found.add(finding.check)
                if finding.check not in ignore:
                    diagnostics.append(Diagnostic(rich.location_of(finding.index), finding.message,
                                                  finding.hint, severity))
        diagnostics += _stale(ignore - found, where, severity)
    return diagnostics


def lint_text(text: str) -> Iterator[Finding]:
    """The findings of one text value, in the order of the checks."""
    yield from _ascii_punctuation(text)
    yield from _ellipsis(text)
    yield from _pairs(text)
    yield from _unbalanced(text)


def _ascii_punctuation(text: str) -> Iterator[Finding]:
    """An ASCII mark with a Han character before or after it."""
    for match in _ASCII_MARK.finditer(text):
        mark, i = match.group(), match.start()
        if _is_han(text, i - 1) or _is_han(text, i + 1):
            yield Finding("ascii-punctuation", i, f"ASCII '{mark}' in Chinese text: {_excerpt(text, i)}",
                          f"write the full-width {_FULL_WIDTH[mark]}")


def _is_han(text: str, i: int) -> bool:
    if not 0 <= i < len(text):
        return False
    code = ord(text[i])
    return any(low <= code <= high for low, high in _HAN)


def _ellipsis(text: str) -> Iterator[Finding]:
    for match in _DOTS.finditer(text):
        yield Finding("ellipsis", match.start(),
                      f"'{match.group()}' written for an ellipsis: {_excerpt(text, match.start())}",
                      "write …… (two U+2026)")


def _pairs(text: str) -> Iterator[Finding]:
    for match in _RUNS.finditer(text):
        run = match.group()
        if len(run) % 2 == 0:
            continue
        name, pair = ("dash", "——") if run[0] in "—―" else ("ellipsis", "……")
        what = f"a single '{run}'" if len(run) == 1 else f"'{run}' ({len(run)} marks)"
        yield Finding("pairs", match.start(), f"{what}: {_excerpt(text, match.start())}",
                      f"a Chinese {name} is a pair: {pair}")


def _unbalanced(text: str) -> Iterator[Finding]:
    """Quotation marks and brackets matched like parentheses, within the text value."""
    opened: list[int] = []  # indexes of open marks, innermost last
    for mark in _MARKS.finditer(text):  # the marks only: most characters are none
        i, char = mark.start(), mark.group()
        if char in _PAIRS:
            opened.append(i)
        elif char in _CLOSERS and not _apostrophe(text, i):
            if _CLOSERS[char] not in (text[j] for j in opened):
                yield Finding("unbalanced", i, f"'{char}' closes nothing: {_excerpt(text, i)}",
                              f"open it with '{_CLOSERS[char]}', or delete it ({_CUT_OFF})")
                continue
            while text[opened[-1]] != _CLOSERS[char]:  # marks opened inside and left open
                yield _unclosed(text, opened.pop())
            opened.pop()
    for i in opened:
        yield _unclosed(text, i)


def _unclosed(text: str, i: int) -> Finding:
    return Finding("unbalanced", i, f"'{text[i]}' is never closed: {_excerpt(text, i)}",
                   f"close it with '{_PAIRS[text[i]]}' ({_CUT_OFF})")


def _apostrophe(text: str, i: int) -> bool:
    """’ between two Latin letters is an apostrophe (O’Neill), not a closing quote."""
    return (text[i] == "’" and 0 < i < len(text) - 1
            and bool(_LETTER.match(text[i - 1])) and bool(_LETTER.match(text[i + 1])))


def _excerpt(text: str, i: int, context: int = 6) -> str:
    """The text around index i, so a message shows the place even without a column."""
    start, end = max(0, i - context), min(len(text), i + context + 1)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _stale(checks: frozenset[str], where: Location, severity: str) -> list[Diagnostic]:
    return [Diagnostic(where, f"'lint: ignore-{check}' but the text has nothing to ignore",
                       "delete the acknowledgement", severity) for check in sorted(checks)]


def _groups(brochure: Brochure) -> Iterator[tuple[list[RichText], frozenset[str], Location]]:
    """Text values with the checks acknowledged for them and where that was written."""
    none: frozenset[str] = frozenset()
    for rich in (brochure.title, brochure.subtitle, brochure.cover_line, brochure.publisher,
                 brochure.date):
        if rich is not None:
            yield [rich], none, rich.location
    for section in brochure.sections:
        for rich in (section.title, section.kicker, section.subtitle, section.lead):
            if rich is not None:
                yield [rich], none, rich.location
        for block in section.blocks:
            if isinstance(block, Heading | Paragraph | Subhead):
                yield [block.text], block.lint_ignore, block.location
            elif isinstance(block, Quote):
                texts = [block.text] + ([block.attribution] if block.attribution else [])
                yield texts, block.lint_ignore, block.location
