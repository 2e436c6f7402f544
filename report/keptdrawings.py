"""Recorded charts kept between builds, so a rebuild draws no chart it drew before.

A layout records each chart's PDF operators once (layout/recorded.py). The
recordings a layout used are kept in `<cache>/drawings/`, one entry per
brochure folder and edition, and handed to the next layout of that brochure.
Inside, a recording is found by the chart drawing's content key and the
edition's inks, so an edited chart is drawn again. What renderPDF writes also
depends on our code, the libraries and the fonts (text is placed by its
width): the entry carries the same fingerprint as the kept lines
(keptlines.py) and is ignored when it differs. A missing, damaged or stale
entry costs the drawing of every chart, never a different PDF.
"""

from __future__ import annotations

from pathlib import Path

from report.keptlines import read_kept, write_kept
from report.layout.recorded import DrawingStore

_MAGIC = b"report-drawings"


def read_drawings(cache: Path, folder: Path, edition: str, fonts: list[Path]) -> DrawingStore:
    """A store holding the charts the last build of this brochure and edition recorded."""
    return DrawingStore(read_kept(cache, "drawings", _MAGIC, folder, edition, fonts))


def write_drawings(cache: Path, folder: Path, edition: str, fonts: list[Path], store: DrawingStore) -> None:
    """Keep the recordings this layout used (not those of charts since deleted) for the next build."""
    write_kept(cache, "drawings", _MAGIC, folder, edition, fonts, store.used)
