"""Charts drawn once as PDF operators and replayed, within a build and across builds (layout stage).

ReportLab draws a chart (a Drawing of a few dozen shapes) node by node: a
state push, every style attribute, every coordinate formatted; 140 charts took
a fifth of a 300-page rebuild's layout, and each layout pass drew them again.
What renderPDF writes for a Drawing at (0, 0) depends only on the Drawing and
the document's fonts: the Flowable's own `cm` places it. Only two things in it
belong to the document: the name a font's `Tf` selects it by (/F3) and the
two-byte codes of its text (cidfont.py numbers characters as a document first
draws them).

So the first time a chart is drawn, what renderPDF writes is kept as a
Recording: the operators, with each font name and each string left as a hole
that holds the font and the characters. Drawing it into a document fills the holes from that
document, in the order renderPDF would have: the same resource names, the same
codes, the same bytes. A chart that uses anything else of the document (an
ExtGState for transparency, an image, a shading) or a font that is not a
CIDFont is not recorded: it is drawn as before.

Recordings are plain tuples (marshal), keyed by the chart's drawing and the
edition's inks; DrawingStore keeps them for the layout passes and, through
report/keptdrawings.py, for the next build.

Imports: ReportLab, the text engine's fonts (report.assets.cidfont) and its drawing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from report.assets.cidfont import CIDFont
from report.layout.text.drawing import ask_pdf_version, pdf_version_asked

# A recording: the drawing's width and height, the PDF version its drawing asked the document
# for (ReportLab asks 1.4 for any opacity, 1 included), and its operators: code (str), a font's
# resource name (name,), a string in a font (name, text).
Operators = tuple[str | tuple[str] | tuple[str, str], ...]
Recording = tuple[float, float, tuple[int, ...], Operators]

# What renderPDF writes for text (textobject._formatText for a TrueType font): `/F2 9 Tf` and
# `(…) Tj` with the codes escaped by escapePDF (octal for bytes outside printable ASCII).
_FONT_OR_STRING = re.compile(r"(/F\d+)(?= \S+ Tf\b)|\(((?:\\[0-7]{3}|\\[()\\]|[^()\\])*)\) Tj")
_ESCAPE = re.compile(r"\\([0-7]{3}|[()\\])")
# Operators that name a resource other than a font: not recorded.
_OTHER_RESOURCES = re.compile(r"(?:^|\s)(?:gs|Do|sh|cs|CS|scn|SCN|BDC|BMC|BI)(?=\s|$)")


def record(code: list[str], doc: Any, width: float, height: float,
           version: tuple[int, ...]) -> Recording | None:
    """`code`, what renderPDF just drew on a canvas of `doc`, with fonts and strings as holes;
    None if it uses a resource of the document other than a font."""
    operators = "\n".join(code)
    if _OTHER_RESOURCES.search(operators):
        return None
    names = {resource: pdfmetrics.getFont(name) for name, resource in doc.fontMapping.items()}
    recording: list[Any] = []
    font: CIDFont | None = None
    at = 0
    for found in _FONT_OR_STRING.finditer(operators):
        recording.append(operators[at:found.start()])
        at = found.end()
        if found.group(1) is not None:
            font = names.get(found.group(1))
            if not isinstance(font, CIDFont):
                return None
            recording.append((font.fontName,))
        else:
            text = _characters(font, doc, _unescaped(found.group(2))) if font is not None else None
            if text is None:
                return None
            recording.append((font.fontName, text))
    recording.append(operators[at:])
    if any(isinstance(item, str) and ("(" in item or "<" in item) for item in recording):
        return None  # a string left in the operators would keep this document's codes
    return width, height, version, tuple(item for item in recording if item != "")


def replay(operators: Operators, doc: Any) -> str:
    """The recorded `operators` for the document `doc` (a ReportLab PDFDocument)."""
    parts = []
    for item in operators:
        if isinstance(item, str):
            parts.append(item)
        elif len(item) == 1:
            parts.append(pdfmetrics.getFont(item[0]).resource_name(doc))
        else:
            codes = pdfmetrics.getFont(item[0]).hex_codes(doc)
            parts.append(f"({escapePDF(bytes.fromhex(item[1].translate(codes)))}) Tj")
    return "".join(parts)


def _unescaped(escaped: str) -> bytes:
    def byte(found: re.Match) -> str:
        value = found.group(1)
        return chr(int(value, 8)) if len(value) == 3 else value

    return _ESCAPE.sub(byte, escaped).encode("latin-1")


def _characters(font: CIDFont, doc: Any, codes: bytes) -> str | None:
    """The characters whose two-byte codes in `doc` are `codes`; None for a glyph the face lacks."""
    chars = font.hex_codes(doc).chars  # the character of CID 1, 2, …
    text = []
    for index in range(0, len(codes), 2):
        cid = int.from_bytes(codes[index:index + 2], "big")
        if not 0 < cid <= len(chars):
            return None
        text.append(chr(chars[cid - 1]))
    return "".join(text)


class RecordedDrawing(Flowable):
    """A chart as a flowable that replays its recording (placed as ReportLab places a Drawing)."""

    def __init__(self, recording: Recording) -> None:
        super().__init__()
        self.width, self.height, self.version, self.operators = recording
        self.hAlign, self.vAlign = "LEFT", "BOTTOM"  # a Drawing's

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803, ARG002
        return self.width, self.height

    def draw(self) -> None:
        doc = self.canv._doc
        ask_pdf_version(doc, self.version)
        self.canv._code.append(replay(self.operators, doc))


class RecordingDrawing(Flowable):
    """A chart drawn by renderPDF, as Drawing.draw does, whose operators go into `store` as well.

    Recorded on the canvas it is drawn on, so whatever that canvas does to colours
    (the print edition's enforced CMYK) is in the recording as in the page.
    """

    def __init__(self, drawing: Any, key: str, store: DrawingStore) -> None:
        super().__init__()
        self.drawing, self.key, self.store = drawing, key, store
        self.width, self.height = drawing.wrap(0, 0)
        self.hAlign, self.vAlign = drawing.hAlign, drawing.vAlign

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.drawing.wrap(availWidth, availHeight)

    def draw(self) -> None:
        code, doc = self.canv._code, self.canv._doc
        start = len(code)
        asked = pdf_version_asked(doc, lambda: renderPDF.draw(self.drawing, self.canv, 0, 0))
        if self.key not in self.store.used:
            self.store.used[self.key] = record(code[start:], doc, self.width, self.height, asked)
            self.store.recorded += 1


class DrawingStore:
    """Recordings by key: those of the last build (`known`) and those this layout made or used."""

    def __init__(self, known: dict[str, Recording | None] | None = None) -> None:
        self.known = dict(known or {})
        self.used: dict[str, Recording | None] = {}  # None: a drawing that cannot be recorded
        self.recorded = 0

    def flowable(self, key: str, drawing: Callable[[], Any]) -> Flowable:
        """The chart whose Drawing is `drawing()` (made only when it was not recorded before)."""
        if key in self.used:
            recording = self.used[key]
        elif key in self.known:
            recording = self.used[key] = self.known[key]
        else:
            return RecordingDrawing(drawing(), key, self)
        return drawing() if recording is None else RecordedDrawing(recording)
