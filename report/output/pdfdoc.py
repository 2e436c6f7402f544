"""Small repairs and facts shared by the editions' post-processing (output stage)."""

from __future__ import annotations

import pikepdf

from report import __version__


def producer() -> str:
    return f"report {__version__} (ReportLab, pikepdf {pikepdf.__version__})"


def drop_page_transitions(document: pikepdf.Pdf) -> None:
    """ReportLab writes an empty /Trans on every page; PDF/A and PDF/X validators refuse it."""
    for page in document.pages:
        if "/Trans" in page.obj:
            del page.obj["/Trans"]
