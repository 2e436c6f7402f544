"""Document-level checks: fonts, page boxes, page count, output intent, PDF/X and PDF/A."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pikepdf.pdfa as pdfa
from pikepdf import Name

from report.model import MM
from report.output.pdfdoc import hint_tables_valid
from report.preflight.findings import ERROR, OK, WARNING, Finding, pages_text

MIN_BLEED = 3 * MM
EMAIL_WARN_MB, EMAIL_MAX_MB = 5, 18  # mail systems cap near 25 MB and base64 adds a third
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


# --- fonts ----------------------------------------------------------------------------------------

def fonts_embedded(pdf: pikepdf.Pdf, path: Path, edition: str) -> list[Finding]:
    used: dict[str, set[int]] = {}
    missing: dict[str, set[int]] = {}
    for number, page in enumerate(pdf.pages, 1):
        for font in _fonts(page.obj.get("/Resources"), set()):
            name = str(font.get("/BaseFont", "/(unnamed)"))[1:]
            used.setdefault(name, set()).add(number)
            if not _embedded(font):
                missing.setdefault(name, set()).add(number)
    if missing:
        return [Finding("fonts embedded", ERROR, f"{name} not embedded ({pages_text(pages)})")
                for name, pages in sorted(missing.items())]
    return [Finding("fonts embedded", OK, f"{len(used)} font resources, all embedded")]


def _fonts(resources: pikepdf.Object | None, seen: set) -> Iterator[pikepdf.Object]:
    """Fonts of these resources and of the form XObjects they hold."""
    if resources is None:
        return
    yield from resources.get("/Font", {}).values()
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == Name.Form and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _fonts(xobject.get("/Resources"), seen)


def _embedded(font: pikepdf.Object) -> bool:
    if font.get("/Subtype") == Name.Type3:
        return True  # its glyphs are content streams in the file
    if font.get("/Subtype") == Name.Type0:
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(key in descriptor for key in _FONT_FILES)


# --- pages ----------------------------------------------------------------------------------------

def _box(page: pikepdf.Page, key: str) -> tuple[float, ...] | None:
    value = page.obj.get(key)
    if value is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in value)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    tolerance = 0.01
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


def page_boxes(pdf: pikepdf.Pdf, path: Path, edition: str) -> list[Finding]:
    missing, inconsistent, sizes = [], [], set()
    for number, page in enumerate(pdf.pages, 1):
        media = tuple(float(v) for v in page.mediabox)
        trim, bleed = _box(page, "/TrimBox"), _box(page, "/BleedBox")
        if edition == "print" and (trim is None or bleed is None):
            missing.append(number)
        trim, bleed = trim or media, bleed or media
        if not (_inside(trim, bleed) and _inside(bleed, media)):
            inconsistent.append(number)
        sizes.add((round((trim[2] - trim[0]) / MM), round((trim[3] - trim[1]) / MM)))
    findings = []
    if missing:
        findings.append(Finding("page boxes", ERROR, f"no TrimBox or BleedBox on {pages_text(missing)}"))
    if inconsistent:
        findings.append(Finding("page boxes", ERROR, "TrimBox ⊆ BleedBox ⊆ MediaBox does not hold on "
                                f"{pages_text(inconsistent)}"))
    if len(sizes) > 1:
        findings.append(Finding("page boxes", WARNING, f"pages of {len(sizes)} different trim sizes"))
    if not findings:
        width, height = sizes.pop()
        findings.append(Finding("page boxes", OK, f"consistent on {len(pdf.pages)} pages; "
                                f"trim {width} × {height} mm"))
    return findings


def bleed_size(pdf: pikepdf.Pdf, path: Path, edition: str) -> list[Finding]:
    if edition != "print":
        return []
    bleeds = []
    for page in pdf.pages:
        trim, bleed = _box(page, "/TrimBox"), _box(page, "/BleedBox")
        if trim is None or bleed is None:
            bleeds.append(0.0)
            continue
        bleeds.append(min(trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]))
    smallest = min(bleeds, default=0.0)
    status = OK if smallest >= MIN_BLEED - 0.01 else ERROR
    return [Finding("bleed", status, f"{smallest / MM:.1f} mm on every side (the shop needs "
                    f"{MIN_BLEED / MM:.0f} mm)")]


def page_count(pdf: pikepdf.Pdf, path: Path, edition: str) -> list[Finding]:
    count = len(pdf.pages)
    if edition == "print" and count % 4:
        return [Finding("page count", ERROR, f"{count} pages; saddle stitching needs a multiple of 4")]
    suffix = ", a multiple of 4 for saddle stitching" if edition == "print" else ""
    return [Finding("page count", OK, f"{count} pages{suffix}")]


# --- output intents, PDF/X, PDF/A ---------------------------------------------------------------

def output_intent(pdf: pikepdf.Pdf, path: Path, edition: str) -> list[Finding]:
    intents = list(pdf.Root.get("/OutputIntents", []))
    wanted = {"print": "/GTS_PDFX", "email": "/GTS_PDFA1"}.get(edition)
    if wanted is None:
        return []
    intent = next((i for i in intents if str(i.get("/S")) == wanted), None)
    if intent is None:
        return [Finding("output intent", ERROR, f"no {wanted[1:]} output intent")]
    profile = intent.get("/DestOutputProfile")
    channels = int(profile.get("/N", 0)) if profile is not None else 0
    if edition == "print" and channels != 4:
        return [Finding("output intent", ERROR, "the output intent has no embedded CMYK profile")]
    name = str(intent.get("/OutputConditionIdentifier", "?"))
    return [Finding("output intent", OK, f"{wanted[1:]} {name} with an embedded "
                    f"{'CMYK' if channels == 4 else 'RGB' if channels == 3 else 'ICC'} profile")]


def pdfx_keys(pdf: pikepdf.Pdf, path: Path, edition: str) -> list[Finding]:
    if edition != "print":
        return []
    info, problems = pdf.docinfo, []
    if not str(info.get("/GTS_PDFXVersion", "")).startswith("PDF/X-1"):
        problems.append("GTS_PDFXVersion is not PDF/X-1")
    if str(info.get("/Trapped", "")) not in ("/True", "/False"):
        problems.append("Trapped is not True or False")
    problems += [f"no {key[1:]}" for key in ("/Title", "/CreationDate", "/ModDate") if key not in info]
    if "/ID" not in pdf.trailer:
        problems.append("no file ID")
    if pdf.pdf_version > "1.4":
        problems.append(f"PDF {pdf.pdf_version}, PDF/X-1a:2003 needs 1.4 or lower")
    if pdf.is_encrypted:
        problems.append("encrypted")
    annotated = [n for n, page in enumerate(pdf.pages, 1) if _visible_annotations(page)]
    if annotated:
        problems.append(f"annotations on {pages_text(annotated)}")
    if problems:
        return [Finding("PDF/X-1a keys", ERROR, "; ".join(problems))]
    return [Finding("PDF/X-1a keys", OK, f"{info.GTS_PDFXVersion}, Trapped {str(info.Trapped)[1:]}, "
                    f"PDF {pdf.pdf_version}")]


def _visible_annotations(page: pikepdf.Page) -> bool:
    return any(str(a.get("/Subtype")) not in ("/PrinterMark", "/TrapNet")
               for a in page.obj.get("/Annots", []))


def pdfa_valid(pdf: pikepdf.Pdf, path: Path, edition: str) -> list[Finding]:
    if edition != "email":
        return []
    metadata = pdf.Root.get("/Metadata")
    xmp = metadata.read_bytes().decode("utf-8", "replace") if metadata is not None else ""
    part = next((p for p in "123" if f"<pdfaid:part>{p}</pdfaid:part>" in xmp
                 or f'pdfaid:part="{p}"' in xmp), None)
    if part is None:
        return [Finding("PDF/A", ERROR, "the file does not declare PDF/A conformance")]
    report = pdfa.validate_written(path, f"{part}b")
    if not report.passed:
        first = "; ".join(str(f) for f in report.findings[:3])
        return [Finding("PDF/A", ERROR, f"not valid PDF/A-{part}b: {first}")]
    return [Finding("PDF/A", OK, f"valid PDF/A-{part}b (pikepdf validator)")]


def linearized(pdf: pikepdf.Pdf, path: Path, edition: str) -> list[Finding]:
    if edition != "email":
        return []
    if not pdf.is_linearized:
        return [Finding("linearized", ERROR, "not linearized (no fast web view)")]
    if not hint_tables_valid(pdf):
        return [Finding("linearized", ERROR, "the linearization data is wrong")]
    return [Finding("linearized", OK, "linearized, hint tables valid")]


def file_size(pdf: pikepdf.Pdf, path: Path, edition: str) -> list[Finding]:
    megabytes = path.stat().st_size / 1e6
    status = OK
    if edition == "email" and megabytes > EMAIL_MAX_MB:
        status = ERROR
    elif edition == "email" and megabytes > EMAIL_WARN_MB:
        status = WARNING
    return [Finding("file size", status, f"{megabytes:.2f} MB")]


def screen_metadata(pdf: pikepdf.Pdf, path: Path, edition: str) -> list[Finding]:
    if edition == "print":
        return []
    title = str(pdf.docinfo.get("/Title", "")).strip()
    problems = [] if title and title != "untitled" else ["no title"]
    if "/Lang" not in pdf.Root:
        problems.append("no /Lang")
    if not bool(pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
        problems.append("the viewer shows the file name, not the title")
    if problems:
        return [Finding("title and language", ERROR if edition == "email" else WARNING,
                        "; ".join(problems))]
    return [Finding("title and language", OK, f"{title} ({pdf.Root.Lang})")]


DocumentCheck = Callable[[pikepdf.Pdf, Path, str], list[Finding]]
_CHECKS: tuple[DocumentCheck, ...] = (fonts_embedded, page_boxes, bleed_size, page_count, output_intent,
                                      pdfx_keys, pdfa_valid, linearized, file_size, screen_metadata)


def check_document(pdf: pikepdf.Pdf, path: Path, edition: str) -> list[Finding]:
    return [finding for check in _CHECKS for finding in check(pdf, path, edition)]
