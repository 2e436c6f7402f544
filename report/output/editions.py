"""The editions' post-processing, one function per edition (output stage).

Each takes the layout's PDF bytes of that edition and returns the file to
write: email → PDF/A-2b, linearized; print → PDF/X-1a:2003 with its output
intent; booklet → imposed 2-up in saddle-stitch order. Each edition's module
is imported when that edition is built: the others' imports cost nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the assets stage is not imported for a name: a reused build needs none of it
    from report.assets import OutputProfile

# What each edition's post-processing is called in the build's stage lines.
STEP_NAME = {"email": "pdf/a", "print": "pdf/x", "booklet": "impose"}


def finish_edition(edition: str, pdf: bytes, profile: OutputProfile, cache: Path | None = None) -> bytes:
    """The file to write; `cache` (the build cache folder) lets the email edition skip work."""
    from report.deferred_patterns import import_pikepdf

    import_pikepdf()  # before the edition's module imports it: an XMP pattern compiles when used
    if edition == "email":
        from report.output.pdfa import make_email_edition

        return make_email_edition(pdf, cache)
    if edition == "print":
        from report.output.pdfx import make_print_edition

        return make_print_edition(pdf, profile)
    if edition == "booklet":
        from report.output.booklet import impose_booklet

        return impose_booklet(pdf)
    raise ValueError(f"unknown edition {edition!r}")  # the CLI offers only these three
