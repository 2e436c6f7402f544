"""Set lines kept between builds, so a rebuild after an edit sets only what changed.

The lines of every paragraph a layout set (layout/text/linestore.py) are
kept in `<cache>/lines/`, one entry per brochure folder and edition, and
handed to the next layout of that brochure. Entries inside are by content
(the paragraph's text, styles, width, indent, alignment), so a paragraph
that moved, or a copy of one, is found too; one that changed is set again.
What lines look like also depends on our code, the libraries and the font
files (their advance widths): the entry records a fingerprint of all three
and is ignored when any differs. A missing, damaged or stale entry costs
the setting of every paragraph, never a different PDF.
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

from report.cachefiles import brochure_entry, file_sha256, read_entry, write_entry
from report.lastbuild import code_fingerprint
from report.layout.text.linestore import LineStore

_MAGIC = b"report-lines"


def layout_fingerprint(cache: Path, fonts: list[Path]) -> str:
    """Our code, the libraries and the font files: what kept layout results depend on."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for font in sorted(fonts):
        digest.update(f"\0{font.name}\0{file_sha256(font, cache)}".encode())
    return digest.hexdigest()


def read_lines(cache: Path, folder: Path, edition: str, fonts: list[Path]) -> LineStore:
    """A store holding the lines the last build of this brochure and edition set."""
    payload = read_entry(brochure_entry(cache, "lines", folder, edition, ".bin"), _MAGIC)
    if payload is not None:
        try:
            fingerprint, known = marshal.loads(payload)
        except (ValueError, EOFError, TypeError):
            fingerprint, known = None, None
        if fingerprint == layout_fingerprint(cache, fonts) and isinstance(known, dict):
            return LineStore(known)
    return LineStore()


def write_lines(cache: Path, folder: Path, edition: str, fonts: list[Path], store: LineStore) -> None:
    """Keep the lines this layout used (not those of paragraphs since deleted) for the next build."""
    payload = marshal.dumps((layout_fingerprint(cache, fonts), store.used))
    write_entry(brochure_entry(cache, "lines", folder, edition, ".bin"), _MAGIC, payload)
