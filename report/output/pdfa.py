"""The email edition: PDF/A-2b, linearized (output stage).

ReportLab's file needs three repairs that a pikepdf re-save makes: an empty
/Trans on every page and `endstream` without an end-of-line (both refused by
PDF/A), and a PDF 1.3 header too old for XMP and output intents. pikepdf's
PDF/A module prepares the rest: the sRGB output intent, XMP in step with
DocInfo, the PDF/A identification, and the Print flag on every link.

That module imports fontTools and jsonschema for its validator (0.3 s), and
what it adds to our files depends only on the document information (title,
author, …), never on the pages, except the Print flags. So the first build
of a brochure runs it and keeps what it added in the build cache
(`<cache>/pdfa/`, keyed by the document information, pikepdf's version and
this file); later builds copy that in and set the Print flags themselves,
the same way, giving the same bytes. The file is not validated while
building (the validator takes longer than the rest of a warm build):
`report preflight` validates it, and the tests validate every edition.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from report.cachefiles import file_sha256, read_entry, write_entry
from report.output.pdfdoc import hint_tables_valid, producer, repair_reportlab_file

FLAVOUR = "2b"
_MAGIC = b"report-pdfa"
_PRINT = 4  # the Print flag of an annotation's /F
FEW_BOOKMARKS = 30  # visible bookmarks up to which the file is saved with object streams
# pikepdf.pdfa.resolve_save_kwargs(FLAVOUR, linearize=True, deterministic_id=True, min_version="1.7"),
# written out so that saving does not import the validator; a test keeps the two equal.
SAVE = {
    "compress_streams": True, "recompress_flate": False, "linearize": True, "progress": None,
    "deterministic_id": True, "static_id": False, "min_version": "1.7",
    "object_stream_mode": pikepdf.ObjectStreamMode.generate, "force_version": "",
    "preserve_pdfa": True, "encryption": None, "qdf": False, "normalize_content": False,
    "stream_decode_level": pikepdf.StreamDecodeLevel.generalized, "fix_metadata_version": False,
}


def make_email_edition(pdf: bytes, cache: Path | None = None) -> bytes:
    """`pdf` (ReportLab's, RGB) as a linearized PDF/A-2b file."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        repair_reportlab_file(document)
        entry = _entry(document, cache) if cache is not None else None
        template = read_entry(entry, _MAGIC) if entry is not None else None
        if template is None or not _apply(document, template):
            _prepare(document)
            if entry is not None:
                write_entry(entry, _MAGIC, _template(document))
        return _linearized(document)


def _linearized(document: pikepdf.Pdf) -> bytes:
    """The document saved linearized, with hint tables a checker accepts.

    qpdf (12.4) writes a wrong outline hint table when the bookmarks fall in more
    than one object stream: from about 50 bookmarks on, `report preflight` (qpdf's
    own check) found "incorrect offset in outlines table". Object streams make the
    file smaller (1 % for 石峰, 6 % for 300 pages), so a document with few
    bookmarks keeps them and one with many is saved without. A file saved with
    object streams is checked (2 ms for 石峰) and, if qpdf got it wrong all the
    same, saved again without.
    """
    few = _bookmarks(document) <= FEW_BOOKMARKS
    data = _saved(document, object_streams=few)
    if not few:
        return data
    with pikepdf.open(io.BytesIO(data)) as saved:
        if hint_tables_valid(saved):
            return data
    # From a fresh reading of the file: saving `document` a second time, or the copy
    # whose linearization was just checked, wrote files without a page tree.
    with pikepdf.open(io.BytesIO(data)) as saved:
        return _saved(saved, object_streams=False)


def _saved(document: pikepdf.Pdf, object_streams: bool) -> bytes:
    out = io.BytesIO()
    mode = pikepdf.ObjectStreamMode.generate if object_streams else pikepdf.ObjectStreamMode.disable
    document.save(out, **{**SAVE, "object_stream_mode": mode})
    return out.getvalue()


def _bookmarks(document: pikepdf.Pdf) -> int:
    outlines = document.Root.get(Name.Outlines)
    return abs(int(outlines.get(Name.Count, 0))) if isinstance(outlines, Dictionary) else 0


def _prepare(document: pikepdf.Pdf) -> None:
    """pikepdf's PDF/A preparation, and our fixed dates."""
    import pikepdf.pdfa as pdfa  # fontTools and jsonschema: only when the metadata is new

    pdfa.prepare(document, FLAVOUR)  # sRGB output intent, Print flags, XMP from DocInfo, PDF/A id
    _fixed_metadata_dates(document)


def _fixed_metadata_dates(document: pikepdf.Pdf) -> None:
    """The XMP metadata date is the document's date, not the clock's: same input, same bytes."""
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["xmp:MetadataDate"] = meta["xmp:CreateDate"]
        meta["pdf:Producer"] = producer()
    document.docinfo["/Producer"] = producer()


# --- what the preparation adds, kept and copied in ---------------------------------------------------


def _entry(document: pikepdf.Pdf, cache: Path) -> Path:
    """Keyed by what the preparation reads: the document information and the language."""
    digest = hashlib.sha256()
    for key, value in sorted(document.docinfo.items()):
        digest.update(f"{key}\0".encode() + value.unparse() + b"\0")
    digest.update(document.Root.get("/Lang", pikepdf.String("")).unparse())
    digest.update(f"\0{pikepdf.__version__}\0{FLAVOUR}\0{file_sha256(Path(__file__), cache)}".encode())
    return cache / "pdfa" / f"{digest.hexdigest()[:40]}.pdf"


def _template(document: pikepdf.Pdf) -> bytes:
    """A PDF holding the prepared output intents, XMP and document information."""
    with pikepdf.new() as template:
        template.Root.OutputIntents = _copy(template, document.Root.OutputIntents)
        template.Root.Metadata = _copy(template, document.Root.Metadata)
        template.trailer.Info = template.make_indirect(Dictionary(dict(document.docinfo.items())))
        out = io.BytesIO()
        template.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                      deterministic_id=True)
        return out.getvalue()


def _apply(document: pikepdf.Pdf, template_pdf: bytes) -> bool:
    """Copy a template in, in the order the preparation makes them; False if it is unreadable."""
    try:
        with pikepdf.open(io.BytesIO(template_pdf)) as template:
            intents, metadata = template.Root.OutputIntents, template.Root.Metadata
            info = dict(template.trailer.Info.items())
            for intent in intents:  # the profile first: the preparation makes it before the intent,
                document.copy_foreign(intent.DestOutputProfile)  # and object numbers set the order
            document.Root.OutputIntents = _copy(document, intents)  # of a file without object streams
            _set_print_flags(document)
            document.Root.Metadata = _copy(document, metadata)
            docinfo = document.docinfo
            for key in list(docinfo.keys()):
                del docinfo[key]
            for key, value in info.items():
                docinfo[key] = value
    except (pikepdf.PdfError, AttributeError, KeyError, TypeError, ValueError):
        return False
    return True


def _copy(target: pikepdf.Pdf, obj: pikepdf.Object) -> pikepdf.Object:
    """`obj` of another PDF, in `target`: indirect objects copied, direct ones rebuilt."""
    if obj.is_indirect:
        return target.copy_foreign(obj)
    if isinstance(obj, Array):
        return Array([_copy(target, item) for item in obj])
    if isinstance(obj, Dictionary):
        return Dictionary({key: _copy(target, value) for key, value in obj.items()})
    return obj


def _set_print_flags(document: pikepdf.Pdf) -> None:
    """Every annotation printable, as pikepdf.pdfa's repair_annotation_flags does for our links.

    Our annotations are links, never hidden, so none is removed: only the Print flag is set.
    """
    for page in document.pages:
        annots = page.obj.get(Name.Annots)
        if not isinstance(annots, Array):
            continue
        for annot in annots:
            if isinstance(annot, Dictionary):
                flags = int(annot.get(Name.F, 0))
                if Name.F not in annot or not flags & _PRINT:
                    annot[Name.F] = flags | _PRINT
