"""Page logs kept between builds: the hint that lets layout run one pass (see layout/document.py).

Stored per brochure folder and edition in `<cache>/pages/`, not by content:
the hint is meant for the next build after an edit, and layout checks it, so
a stale or wrong hint costs a layout pass, never a different PDF.
"""

from __future__ import annotations

import json
from pathlib import Path

from report.cachefiles import brochure_entry, read_entry, write_entry
from report.layout.flowables import PageLog

_MAGIC = b"report-pages"


def read_hint(cache: Path, folder: Path, edition: str) -> PageLog | None:
    payload = read_entry(brochure_entry(cache, "pages", folder, edition, ".json"), _MAGIC)
    if payload is None:
        return None
    try:
        data = json.loads(payload)
        pages = {str(key): int(value) for key, value in data["part_pages"].items()}
        return PageLog(pages, int(data["pages_before_back"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def write_hint(cache: Path, folder: Path, edition: str, log: PageLog) -> None:
    data = {"part_pages": log.part_pages, "pages_before_back": log.pages_before_back}
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    write_entry(brochure_entry(cache, "pages", folder, edition, ".json"), _MAGIC, payload)
