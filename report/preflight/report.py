"""Running every check on one file, for one edition, into one report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from report.preflight import checks_colour, checks_document, checks_glyphs, checks_text
from report.preflight.findings import ERROR, OK, WARNING, Finding
from report.preflight.scan import scan

PREFLIGHT_EDITIONS = ("email", "print", "booklet")


@dataclass
class PreflightReport:
    path: Path
    edition: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.status == ERROR]

    @property
    def passed(self) -> bool:
        return not self.errors

    def status(self, check: str) -> str:
        """The worst status of `check` (for tests and scripts)."""
        statuses = {f.status for f in self.findings if f.check == check}
        return next((s for s in (ERROR, WARNING, OK) if s in statuses), "absent")


def preflight(path: Path, edition: str | None = None) -> PreflightReport:
    """Check `path` as `edition` (detected from the file's PDF/X or PDF/A marks when None)."""
    with pikepdf.open(path) as pdf:
        edition = edition or detect_edition(pdf)
        report = PreflightReport(path, edition)
        report.findings += checks_document.check_document(pdf, path, edition)
        events = list(scan(pdf))  # one pass over every content stream serves the checks below
        report.findings += checks_glyphs.notdef_glyphs(events)
        report.findings += checks_colour.check_colour(events, edition)
    report.findings += checks_text.check_text(path)
    return report


def detect_edition(pdf: pikepdf.Pdf) -> str:
    """print for a PDF/X file, email for a PDF/A file, booklet (general checks) otherwise."""
    if "/GTS_PDFXVersion" in pdf.docinfo:
        return "print"
    metadata = pdf.Root.get("/Metadata")
    if metadata is not None and b"pdfaid:part" in metadata.read_bytes():
        return "email"
    return "booklet"
