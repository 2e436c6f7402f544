"""ToUnicode maps for characters beyond U+FFFF (layout stage, text engine).

ReportLab writes each subset's ToUnicode CMap entry as "<code> <%04X>", which
for a character such as 𠂇 (U+20087) gives the five-digit "<20087>": not
UTF-16BE, so viewers copy a wrong character (pdfium reads U+2008). The entry
must be the surrogate pair "<D840DC87>". Two ways to repair it:

- register fonts with UnicodeTTFont instead of TTFont: its ToUnicode CMaps are
  right from the start (no monkeypatching; ReportLab's own addObjects runs and
  we correct the streams it registered);
- or pass finished PDF bytes through fix_tounicode(), which rewrites only the
  ToUnicode streams that need it and rebuilds the cross-reference table.

Imports: ReportLab and the standard library.
"""

from __future__ import annotations

import base64
import re
import zlib

from reportlab.pdfbase.ttfonts import TTFont

_ENTRY = re.compile(r"<([0-9A-Fa-f]{2})> <([0-9A-Fa-f]{5,6})>")


def utf16_hex(code: int) -> str:
    """Hex of a code point in UTF-16BE, as a ToUnicode CMap wants it."""
    return chr(code).encode("utf-16-be").hex().upper()


def fix_cmap(text: str) -> str:
    """Rewrite bfchar entries whose destination is beyond U+FFFF as surrogate pairs."""
    return _ENTRY.sub(lambda m: f"<{m.group(1)}> <{utf16_hex(int(m.group(2), 16))}>", text)


class UnicodeTTFont(TTFont):
    """A TTFont whose ToUnicode CMaps are valid for characters beyond U+FFFF."""

    def addObjects(self, doc) -> None:  # noqa: ANN001, N802 (ReportLab's API)
        super().addObjects(doc)
        for name, obj in doc.idToObject.items():
            if isinstance(name, str) and name.startswith("toUnicodeCMap:"):
                obj.content = fix_cmap(obj.content)


# --- repairing finished PDF bytes ---------------------------------------------------------

_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TOUNICODE = re.compile(rb"/ToUnicode\s+(\d+)\s+0\s+R")
_STREAM = re.compile(rb"^(\d+)\s+0\s+obj\s*<<(.*?)>>\s*stream\r?\n", re.S)
_LENGTH = re.compile(rb"/Length\s+(\d+)")
_FILTERS = re.compile(rb"/(ASCII85Decode|FlateDecode|ASCIIHexDecode)")

_DECODERS = {
    b"ASCII85Decode": lambda data: base64.a85decode(data.strip(), adobe=True),
    b"FlateDecode": zlib.decompress,
    b"ASCIIHexDecode": lambda data: bytes.fromhex(data.strip().rstrip(b">").decode()),
}


def fix_tounicode(pdf: bytes) -> bytes:
    """Return `pdf` with ToUnicode entries of supplementary-plane characters repaired.

    Works on ReportLab's output (classic xref table, direct /Length); any other
    file, or one with nothing to repair, comes back unchanged.
    """
    table = _read_xref(pdf)
    if table is None:
        return pdf
    offsets, xref_at = table
    wanted = {int(n) for n in _TOUNICODE.findall(pdf)}
    order = sorted(offsets.items(), key=lambda item: item[1])
    ends = [offset for _, offset in order[1:]] + [xref_at]
    objects, changed = [], False
    for (number, offset), end in zip(order, ends, strict=True):
        body = pdf[offset:end]
        if number in wanted:
            fixed = _fixed_stream(body)
            if fixed is not None:
                body, changed = fixed, True
        objects.append((number, body))
    if not changed:
        return pdf
    return _assemble(pdf[:order[0][1]], objects, pdf[xref_at:])


def _read_xref(pdf: bytes) -> tuple[dict[int, int], int] | None:
    match = _XREF.search(pdf[-64:])
    if match is None:
        return None
    xref_at = int(match.group(1))
    lines = pdf[xref_at:].split(b"\n")
    if lines[0].strip() != b"xref":
        return None
    first, count = (int(v) for v in lines[1].split())
    offsets = {}
    for i, line in enumerate(lines[2:2 + count]):
        fields = line.split()
        if len(fields) == 3 and fields[2] == b"n" and first + i > 0:
            offsets[first + i] = int(fields[0])
    return (offsets, xref_at) if offsets else None


def _fixed_stream(body: bytes) -> bytes | None:
    """The object rewritten with a repaired, recompressed CMap, or None if nothing changes."""
    head = _STREAM.match(body)
    length = _LENGTH.search(head.group(2)) if head else None
    if head is None or length is None:
        return None
    data = body[head.end():head.end() + int(length.group(1))]
    for name in reversed(_FILTERS.findall(head.group(2))):
        data = _DECODERS[name](data)
    text = data.decode("latin-1")
    fixed = fix_cmap(text)
    if fixed == text:
        return None
    packed = zlib.compress(fixed.encode("latin-1"))
    return (head.group(1) + b" 0 obj\n<< /Filter /FlateDecode /Length " + str(len(packed)).encode()
            + b" >>\nstream\n" + packed + b"\nendstream\nendobj\n")


def _assemble(header: bytes, objects: list[tuple[int, bytes]], tail: bytes) -> bytes:
    """Write the objects back with a fresh xref table; the trailer is kept as it was."""
    out = bytearray(header)
    positions = {}
    for number, body in objects:
        positions[number] = len(out)
        out += body
    size = max(positions) + 1
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in positions:
            out += b"%010d 00000 n \n" % positions[number]
        else:
            out += b"0000000000 65535 f \n"
    trailer = tail[tail.index(b"trailer"):tail.rindex(b"startxref")]
    out += trailer + b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
