"""Sections read by the last build, kept for the next (load stage).

Reading a section file (composing its YAML, checking every key, parsing the
inline markup of every paragraph) is most of loading, and after an edit all
files but one are as they were: for a 300-page brochure, 0.4 s of which the
unchanged files are nearly all. So a section read without a single
diagnostic is kept in `<cache>/sections/`, one entry per section file of a
brochure folder, and reused while these are unchanged:

- the file's text, the name it is shown by and the brochure folder;
- what a section may name from elsewhere: the manifest's data tables (their
  every cell) and the theme's colour names;
- our code and the installed libraries (lastbuild.code_fingerprint).

A section with an image is never kept: it names a file besides its own,
which may change or go while the section's text stays the same. A section
with a warning or an error is read again every time, so that every build
reports it. A missing, truncated or unreadable entry is read again.

Imports: the model, cachefiles, lastbuild.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from report.cachefiles import read_entry, write_entry
from report.lastbuild import code_fingerprint
from report.load.datablocks import DataContext
from report.model import Picture, Section

FORMAT = 1  # bump when what is stored changes
_MAGIC = b"report-section"
_DIGEST = 32  # bytes of SHA-256 before the pickled section


class KeptSections:
    """The sections of one brochure folder kept in a build cache."""

    def __init__(self, cache: Path, folder: Path, context: str) -> None:
        """`context`: what the brochure's sections may name (data_context() of it)."""
        self.cache, self.folder = cache, str(folder.resolve())
        self.context = hashlib.sha256(
            f"{FORMAT}\0{code_fingerprint()}\0{self.folder}\0{context}".encode()).digest()
        self.hits = 0

    def section(self, shown: Path, text: str) -> Section | None:
        """The section kept for `shown` if it was read from this very `text`, else None."""
        payload = read_entry(self._entry(shown), _MAGIC)
        if payload is None or payload[:_DIGEST] != self._digest(shown, text):
            return None
        try:
            section = pickle.loads(payload[_DIGEST:])
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None
        if not isinstance(section, Section):
            return None
        self.hits += 1
        return section

    def keep(self, shown: Path, text: str, section: Section) -> None:
        if any(isinstance(block, Picture) for block in section.blocks):
            return
        payload = pickle.dumps(section, protocol=pickle.HIGHEST_PROTOCOL)
        write_entry(self._entry(shown), _MAGIC, self._digest(shown, text) + payload)

    def _digest(self, shown: Path, text: str) -> bytes:
        return hashlib.sha256(self.context + f"\0{shown}\0".encode() + text.encode("utf-8")).digest()

    def _entry(self, shown: Path) -> Path:
        name = hashlib.sha256(f"{self.folder}\0{shown}".encode()).hexdigest()[:40]
        return self.cache / "sections" / f"{name}.section"


def data_context(context: DataContext) -> str:
    """What a section may name: the data tables (every cell, as the model holds it) and the
    colour names, as text."""
    tables = sorted(context.tables.items(), key=lambda item: item[0])
    return f"{sorted(context.colors)!r}\0{tables!r}"
