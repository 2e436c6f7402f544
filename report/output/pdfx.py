"""The print edition: PDF/X-1a:2003 identification and output intent (output stage).

Layout already made the sheet (TrimBox ⊆ BleedBox ⊆ MediaBox, crop marks
outside the bleed) and drew every colour in CMYK. What ReportLab cannot write
is added here: the GTS_PDFX output intent with the embedded CMYK profile, the
PDF/X keys in DocInfo (version, conformance, Trapped) and XMP, a PDF 1.4
file without object streams (PDF/X-1a:2003 is based on PDF 1.4), and no
annotations (links are for screens; PDF/X-1a allows none on the page).
No free PDF/X validator exists; `report preflight` checks these rules.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from report.assets import OutputProfile
from report.assets.profiles import ICC_REGISTRY
from report.output.pdfdoc import producer, repair_reportlab_file

PDFX_VERSION = "PDF/X-1:2003"
PDFX_CONFORMANCE = "PDF/X-1a:2003"
PDFX_NS = "http://ns.adobe.com/pdfx/1.3/"


def make_print_edition(pdf: bytes, profile: OutputProfile) -> bytes:
    """`pdf` (ReportLab's, CMYK, with page boxes) as a PDF/X-1a:2003 file for the print shop."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        repair_reportlab_file(document)
        for page in document.pages:
            if "/Annots" in page.obj:
                del page.obj["/Annots"]
        document.Root.OutputIntents = Array([_output_intent(document, profile)])
        _identify(document)
        out = io.BytesIO()
        document.save(out, deterministic_id=True, force_version="1.4",
                      object_stream_mode=pikepdf.ObjectStreamMode.disable)
        return out.getvalue()


def _output_intent(document: pikepdf.Pdf, profile: OutputProfile) -> Dictionary:
    icc = document.make_stream(profile.data)
    icc.N = 4
    return document.make_indirect(Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(profile.identifier),
        OutputCondition=String(profile.info),
        RegistryName=String(ICC_REGISTRY),
        Info=String(profile.info),
        DestOutputProfile=icc,
    ))


def _identify(document: pikepdf.Pdf) -> None:
    """The PDF/X keys in DocInfo and the same facts in XMP; dates stay ReportLab's fixed ones."""
    info = document.docinfo
    info.Producer = String(producer())
    with document.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo({key: value for key, value in info.items() if key != "/Trapped"})
        meta["pdf:Trapped"] = "False"
        meta[f"{{{PDFX_NS}}}GTS_PDFXVersion"] = PDFX_VERSION
        meta[f"{{{PDFX_NS}}}GTS_PDFXConformance"] = PDFX_CONFORMANCE
    info.GTS_PDFXVersion = String(PDFX_VERSION)
    info.GTS_PDFXConformance = String(PDFX_CONFORMANCE)
    info.Trapped = Name("/False")  # the shop traps if it must; we did not
