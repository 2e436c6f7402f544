"""Set lines kept between builds, so a rebuild after an edit sets only what changed.

The lines of every paragraph a layout set (layout/text/linestore.py) are
kept in `<cache>/lines/`, one entry per brochure folder and edition, and
handed to the next layout of that brochure. Entries inside are by content
(the paragraph's text, styles, width, indent, alignment), so a paragraph
that moved, or a copy of one, is found too; one that changed is set again.
What lines look like also depends on our code, the libraries and the font
files (their advance widths): the entry records a fingerprint of all three
and is ignored when any differs. A missing, damaged or stale entry costs
the setting of every paragraph, never a different PDF. read_kept and
write_kept keep any layout result this way (keptdrawings.py: recorded charts).
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
    return LineStore(read_kept(cache, "lines", _MAGIC, folder, edition, fonts))


def write_lines(cache: Path, folder: Path, edition: str, fonts: list[Path], store: LineStore) -> None:
    """Keep the lines this layout used (not those of paragraphs since deleted) for the next build."""
    write_kept(cache, "lines", _MAGIC, folder, edition, fonts, store.used)


def read_kept(cache: Path, kind: str, magic: bytes, folder: Path, edition: str, fonts: list[Path]) -> dict:
    """What the last layout of this brochure and edition kept of `kind` (a marshal dict); empty
    when the entry is missing or damaged, or was made by other code, libraries or fonts."""
    payload = read_entry(brochure_entry(cache, kind, folder, edition, ".bin"), magic)
    if payload is None:
        return {}
    try:
        fingerprint, known = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    if fingerprint != layout_fingerprint(cache, fonts) or not isinstance(known, dict):
        return {}
    return known


def write_kept(cache: Path, kind: str, magic: bytes, folder: Path, edition: str, fonts: list[Path],
               kept: dict) -> None:
    """Keep `kept` (marshal-able) as what this layout of the brochure and edition made of `kind`."""
    payload = marshal.dumps((layout_fingerprint(cache, fonts), kept))
    write_entry(brochure_entry(cache, kind, folder, edition, ".bin"), magic, payload)
