"""The email edition: PDF/A-2b, linearized, validated by pikepdf's PDF/A validator.

ReportLab's file needs three repairs that a pikepdf re-save makes: an empty
/Trans on every page and `endstream` without an end-of-line (both refused by
PDF/A), and a PDF 1.3 header too old for XMP and output intents. pikepdf
prepares the metadata (XMP in step with DocInfo, sRGB output intent) and
validates the bytes it writes; a file that fails is a bug, reported as an
error, never written.
"""

from __future__ import annotations

import io

import pikepdf
import pikepdf.pdfa as pdfa

from report.diagnostics import BuildError, Diagnostic
from report.output.pdfdoc import drop_page_transitions, producer

FLAVOUR = "2b"


def make_email_edition(pdf: bytes) -> bytes:
    """`pdf` (ReportLab's, RGB) as a linearized PDF/A-2b file."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        drop_page_transitions(document)
        pdfa.prepare(document, FLAVOUR)  # sRGB output intent, XMP from DocInfo, PDF/A id
        _fixed_metadata_dates(document)
        out = io.BytesIO()
        try:
            pdfa.save(document, out, FLAVOUR, repair=False, linearize=True,
                      deterministic_id=True, min_version="1.7")
        except pdfa.PdfaError as exc:
            raise _not_pdfa(exc.report) from None
        return out.getvalue()


def _fixed_metadata_dates(document: pikepdf.Pdf) -> None:
    """The XMP metadata date is the document's date, not the clock's: same input, same bytes."""
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["xmp:MetadataDate"] = meta["xmp:CreateDate"]
        meta["pdf:Producer"] = producer()
    document.docinfo["/Producer"] = producer()


def _not_pdfa(report: pdfa.Report) -> BuildError:
    findings = "; ".join(str(finding) for finding in report.findings[:5])
    return BuildError([Diagnostic(None, f"the email edition is not valid PDF/A-{FLAVOUR}: {findings}",
                                  "this is a bug in report; please report it with the brochure")])
