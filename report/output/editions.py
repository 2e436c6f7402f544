"""The editions' post-processing, one function per edition (output stage).

Each takes the layout's PDF bytes of that edition and returns the file to
write: email → PDF/A-2b, linearized; print → PDF/X-1a:2003 with its output
intent; booklet → imposed 2-up in saddle-stitch order.
"""

from __future__ import annotations

from collections.abc import Callable

from report.assets import OutputProfile
from report.output.booklet import impose_booklet
from report.output.pdfa import make_email_edition
from report.output.pdfx import make_print_edition

FINISH: dict[str, Callable[[bytes, OutputProfile], bytes]] = {
    "email": lambda pdf, profile: make_email_edition(pdf),
    "print": make_print_edition,
    "booklet": lambda pdf, profile: impose_booklet(pdf),
}

# What each edition's post-processing is called in the build's stage lines.
STEP_NAME = {"email": "pdf/a", "print": "pdf/x", "booklet": "impose"}


def finish_edition(edition: str, pdf: bytes, profile: OutputProfile) -> bytes:
    return FINISH[edition](pdf, profile)
