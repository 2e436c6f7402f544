"""Text on the finished page: missing glyphs and the Chinese line rules.

Characters come from pdfium (pypdfium2): code point, font size, origin and
advance box. pdfplumber (pdfminer) was tried first and measured wrong here:
it drops the character spacing (Tc) after the last glyph of each string, and
ReportLab splits a string wherever the font subset changes, so pdfminer's x
positions drift by Tc per split (1.7 pt on a justified line that pdfium, and
the text engine, put flush to 0.01 pt).

Characters are grouped into lines by baseline, and a baseline is split where
the gap between two characters is wider than GAP_EM (columns are 2 em apart,
justified lines spread far less). Then:

- R1/R2 of docs/typography.md: no line starts with a NO_START mark or ends
  with a NO_END mark;
- R5: in the body text (the most common font and size), a line followed in its column
  by a line that starts at the column edge (not an indented new paragraph)
  is not a paragraph's last line and must reach the column's right edge.
"""

from __future__ import annotations

import ctypes
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from report.layout.text.charclass import NO_END, NO_START
from report.preflight.findings import ERROR, OK, Finding

GAP_EM = 0.9  # columns are 2 em apart; half-width marks at both edges leave 1 em
FLUSH_TOLERANCE = 1.0  # pt; the engine sets lines flush within 0.5 pt
_BAD_TEXT = ("\x00", "\ufffd")


@dataclass(frozen=True)
class TextLine:
    page: int
    baseline: float
    x0: float
    x1: float
    size: float
    text: str
    font: str = ""  # the base font name of the line's first character

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def check_text(path: Path) -> list[Finding]:
    lines = read_lines(path)
    return missing_glyphs(lines) + line_edges(lines) + ragged_lines(lines)


def read_lines(path: Path) -> list[TextLine]:
    lines: list[TextLine] = []
    document = pdfium.PdfDocument(path)
    try:
        for number, page in enumerate(document, 1):
            lines += _page_lines(number, _chars(page.get_textpage()))
    finally:
        document.close()
    return lines


@dataclass(frozen=True)
class _Char:
    text: str
    x0: float  # origin: left edge of the advance box
    x1: float  # right edge of the advance box
    baseline: float
    size: float
    font: str


def _chars(textpage: pdfium.PdfTextPage) -> list[_Char]:
    """The drawn characters of a page (pdfium's generated spaces and line breaks left out)."""
    chars = []
    x, y = ctypes.c_double(), ctypes.c_double()
    fonts: dict[int, str] = {}  # text object → its font's name (asked once per object)
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage, index):
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if code in (0x0A, 0x0D):
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
        left, _, right, _ = textpage.get_charbox(index, loose=True)
        chars.append(_Char(chr(code), x.value, max(right, x.value), y.value,
                           pdfium_c.FPDFText_GetFontSize(textpage, index), _font(textpage, index, fonts)))
    return chars


def _font(textpage: pdfium.PdfTextPage, index: int, fonts: dict[int, str]) -> str:
    """The base font name of character `index` ("" if pdfium cannot tell)."""
    handle = pdfium_c.FPDFText_GetTextObject(textpage, index)
    key = ctypes.cast(handle, ctypes.c_void_p).value or 0
    name = fonts.get(key)
    if name is None:
        font = pdfium_c.FPDFTextObj_GetFont(handle) if key else None
        buffer = ctypes.create_string_buffer(256)
        length = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer)) if font else 0
        name = fonts[key] = buffer.value.decode("latin-1") if length else ""
    return name


def _page_lines(number: int, chars: list[_Char]) -> list[TextLine]:
    rows: dict[float, list[_Char]] = {}
    for char in chars:
        rows.setdefault(round(char.baseline, 1), []).append(char)
    lines = []
    for baseline, row in sorted(rows.items(), reverse=True):
        row.sort(key=lambda c: c.x0)
        start = 0
        for i in range(1, len(row) + 1):
            if i == len(row) or row[i].x0 - row[i - 1].x1 > GAP_EM * row[i - 1].size:
                run = row[start:i]
                lines.append(TextLine(number, baseline, run[0].x0, run[-1].x1,
                                      Counter(round(c.size, 2) for c in run).most_common(1)[0][0],
                                      "".join(c.text for c in run), run[0].font))
                start = i
    return lines


def missing_glyphs(lines: list[TextLine]) -> list[Finding]:
    bad = [line for line in lines if any(mark in line.text for mark in _BAD_TEXT)]
    if bad:
        first = bad[0]
        return [Finding("missing glyphs", ERROR, f"{len(bad)} lines with .notdef or unmapped "
                        f"characters, first on page {first.page}: {first.text[:20]!r}")]
    return [Finding("missing glyphs", OK, "no U+0000, U+FFFD or unmapped character in the text layer")]


def line_edges(lines: list[TextLine]) -> list[Finding]:
    findings = []
    for line in lines:
        text = line.text.strip()
        if len(text) > 1 and text[0] in NO_START:
            findings.append(Finding("line breaks", ERROR,
                                    f"page {line.page}: a line starts with '{text[0]}': {text[:16]}…"))
        if len(text) > 1 and text[-1] in NO_END:
            findings.append(Finding("line breaks", ERROR,
                                    f"page {line.page}: a line ends with '{text[-1]}': …{text[-16:]}"))
    return findings or [Finding("line breaks", OK, f"{len(lines)} lines; none starts or ends with a "
                                "prohibited mark")]


def ragged_lines(lines: list[TextLine]) -> list[Finding]:
    if not lines:
        return [Finding("justification", OK, "no text")]
    # The body text is the most common size in the most common font: other text of that
    # size (the contents page's kickers and subtitles, say) is set ragged on purpose.
    body = Counter((line.font, line.size) for line in lines for _ in line.text).most_common(1)[0][0]
    size = body[1]
    ragged, checked = [], 0
    for column in _columns([line for line in lines if (line.font, line.size) == body]):
        right = Counter(round(line.x1) for line in column).most_common(1)[0][0]
        left = min(line.x0 for line in column)
        for line, below in zip(column, column[1:], strict=False):
            if not _continues(line, below, left, size):
                continue
            checked += 1
            if line.x1 < right - FLUSH_TOLERANCE:
                ragged.append((line, right - line.x1))
    if ragged:
        first, short = ragged[0]
        return [Finding("justification", ERROR, f"{len(ragged)} ragged lines, first on page "
                        f"{first.page}: {first.text[:16]}… ends {short:.1f} pt short")]
    return [Finding("justification", OK, f"{checked} non-final body lines, all flush with their column")]


def _continues(line: TextLine, below: TextLine, left: float, size: float) -> bool:
    """Whether `below` is the next line of the same paragraph as `line`."""
    close = 0 < line.baseline - below.baseline <= 2.5 * size
    return close and abs(below.x0 - left) < 0.5 and line.page == below.page


def _columns(lines: list[TextLine]) -> list[list[TextLine]]:
    """Lines of one page whose x-ranges overlap form a column; each column top to bottom."""
    columns: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: (ln.page, ln.x0)):
        for column in columns:
            head = column[0]
            if head.page == line.page and line.x0 < max(c.x1 for c in column) and line.x1 > head.x0:
                column.append(line)
                break
        else:
            columns.append([line])
    return [sorted(column, key=lambda ln: -ln.baseline) for column in columns]
