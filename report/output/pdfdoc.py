"""Small repairs and facts shared by the editions' post-processing (output stage)."""

from __future__ import annotations

import io
import sys

import pikepdf

from report import __version__


def producer() -> str:
    return f"report {__version__} (ReportLab, pikepdf {pikepdf.__version__})"


def drop_page_transitions(document: pikepdf.Pdf) -> None:
    """ReportLab writes an empty /Trans on every page; PDF/A and PDF/X validators refuse it."""
    for page in document.pages:
        if "/Trans" in page.obj:
            del page.obj["/Trans"]


def hint_tables_valid(document: pikepdf.Pdf) -> bool:
    """Whether qpdf finds the linearization hint tables right (the reasons go to its warnings).

    pikepdf's check_linearization(stream) makes `stream` the new sys.stderr and leaves
    it so: every error printed after it was lost. sys.stderr is put back.
    """
    stderr = sys.stderr
    try:
        return document.check_linearization(io.StringIO())
    finally:
        sys.stderr = stderr
