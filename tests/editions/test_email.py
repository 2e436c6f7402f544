"""The email edition, read back: PDF/A-2b, linearized, RGB, metadata, small."""

from __future__ import annotations

import base64
import io
import sys
import zlib
from pathlib import Path

import pikepdf
import pikepdf.pdfa as pdfa
import pytest

from report.assets.fonts import PROJECT_FONTS
from report.build import build
from report.output import pdfa as pdfa_module
from report.output.pdfa import FLAVOUR, SAVE
from report.output.pdfdoc import hint_tables_valid, single_filters_as_names
from report.preflight.scan import scan
from tests.conftest import REPO
from tests.pdftools import outline_titles


def test_is_valid_pdfa_2b_by_pikepdfs_validator(shifeng_editions: dict[str, Path]) -> None:
    report = pdfa.validate_written(shifeng_editions["email"], "2b")
    assert report.passed, [str(f) for f in report.findings]


def test_a_warm_build_of_every_block_is_valid_pdfa(tmp_path: Path) -> None:
    # The second build copies in what pikepdf's preparation added to the first (output/pdfa.py).
    out = tmp_path / "example.pdf"
    for _ in range(2):
        build(REPO / "examples" / "minimal", out, PROJECT_FONTS)
    assert len(list((tmp_path / ".cache" / "pdfa").glob("*.pdf"))) == 1
    report = pdfa.validate_written(out, "2b")
    assert report.passed, [str(f) for f in report.findings]
    with pikepdf.open(out) as pdf:
        links = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert links and all(int(a.F) & 4 for a in links)  # printable, as PDF/A wants


def test_the_save_settings_are_pikepdfs_for_pdfa() -> None:
    assert pdfa.resolve_save_kwargs(FLAVOUR, linearize=True, deterministic_id=True,
                                            min_version="1.7") == SAVE


def test_a_reportlab_file_without_the_repairs_is_refused(shifeng_editions: dict[str, Path],
                                                         tmp_path: Path) -> None:
    # The validator is not a rubber stamp: the same content with ReportLab's empty /Trans fails.
    with pikepdf.open(shifeng_editions["email"]) as pdf:
        for page in pdf.pages:
            page.obj.Trans = pikepdf.Dictionary()
        pdf.save(tmp_path / "trans.pdf")
    assert not pdfa.validate_written(tmp_path / "trans.pdf", "2b").passed


def test_is_linearized(shifeng_editions: dict[str, Path]) -> None:
    with pikepdf.open(shifeng_editions["email"]) as pdf:
        assert pdf.is_linearized
        assert hint_tables_valid(pdf)
        assert pdf.pdf_version >= "1.7"


def test_metadata_in_info_and_xmp(shifeng_editions: dict[str, Path]) -> None:
    with pikepdf.open(shifeng_editions["email"]) as pdf:
        info = pdf.docinfo
        assert str(info.Title) == "石峰十年"
        assert str(info.Author) == "株洲市石峰区"
        assert str(info.Subject).startswith("株洲市石峰区十年来")
        assert "清水塘" in str(info.Keywords)
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "石峰十年"
        assert meta["dc:creator"] == ["株洲市石峰区"]
        assert meta["dc:description"] == str(info.Subject)
        assert meta["pdf:Keywords"] == str(info.Keywords)
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["xmp:MetadataDate"] == meta["xmp:CreateDate"]  # no clock in the file
        assert str(pdf.Root.Lang) == "zh-CN"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)


def test_rgb_only_with_srgb_output_intent(shifeng_editions: dict[str, Path]) -> None:
    with pikepdf.open(shifeng_editions["email"]) as pdf:
        spaces = {e.space for e in scan(pdf) if e.kind in ("fill", "stroke", "text")}
        assert spaces == {"DeviceRGB"}
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and int(intent.DestOutputProfile.N) == 3


def test_bookmarks_and_size(shifeng_editions: dict[str, Path]) -> None:
    parts = [title for depth, title in outline_titles(shifeng_editions["email"]) if depth == 0]
    assert parts[0] == "目录" and len(parts) == 7
    assert shifeng_editions["email"].stat().st_size < 2_000_000


@pytest.mark.parametrize("few", [pdfa_module.FEW_BOOKMARKS, 1000])
def test_many_bookmarks_still_give_valid_linearization_hints(few: int, monkeypatch, tmp_path: Path) -> None:
    """qpdf writes a wrong outline hint table once the bookmarks fill more than one object
    stream (from 48 in this file): many bookmarks are saved without object streams, and a
    file whose hint tables are wrong all the same is saved again without (few=1000 makes
    120 bookmarks "few", so that path runs). Either way, the PDF/A additions kept in the
    cache give the bytes the preparation gave (without object streams, objects are in the
    order of their numbers: the kept profile must be copied in before its intent)."""
    from reportlab.pdfgen.canvas import Canvas

    monkeypatch.setattr(pdfa_module, "FEW_BOOKMARKS", few)

    def with_bookmarks(count: int) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        canvas.setTitle("书签")
        canvas.showOutline()
        for n in range(count):
            canvas.drawString(72, 700, f"page {n}")
            canvas.bookmarkPage(f"p{n}")
            canvas.addOutlineEntry(f"Part {n}", f"p{n}", level=0)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    stderr = sys.stderr
    for count, object_streams in ((10, True), (120, False)):
        source = with_bookmarks(count)
        prepared = pdfa_module.make_email_edition(source, tmp_path / f"cache-{count}")
        assert pdfa_module.make_email_edition(source, tmp_path / f"cache-{count}") == prepared, count  # kept
        made = pdfa_module.make_email_edition(with_bookmarks(count))
        assert sys.stderr is stderr  # pikepdf's check leaves its stream as sys.stderr: put back
        with pikepdf.open(io.BytesIO(made)) as pdf:
            assert pdf.is_linearized and hint_tables_valid(pdf), count
            assert len(pdf.open_outline().root) == count
            has_streams = any(obj.get("/Type") == "/ObjStm" for obj in pdf.objects
                              if isinstance(obj, pikepdf.Stream))
            assert has_streams == object_streams, count


def test_flate_streams_are_copied_not_inflated_and_deflated_again() -> None:
    """qpdf keeps a Flate stream's bytes only when its /Filter is a name, not ReportLab's
    one-element array; with the array it re-deflates every stream (four fifths of the save).
    A stream deflated at level 1 shows which happened: qpdf's own deflate gives other bytes."""
    content = "".join(f"BT /F1 12 Tf 72 {n} Td (line {n}) Tj ET\n" for n in range(400)).encode()
    fast = zlib.compress(content, 1)
    assert fast != zlib.compress(content)

    def saved(repair: bool) -> tuple[pikepdf.Name, bytes, bytes, bytes]:
        with pikepdf.new() as pdf:
            page = pdf.add_blank_page()
            page.obj.Contents = pdf.make_stream(fast)
            page.obj.Contents.Filter = pikepdf.Array([pikepdf.Name.FlateDecode])
            two = pdf.make_stream(base64.a85encode(fast, adobe=True)[2:])
            two.Filter = pikepdf.Array([pikepdf.Name.ASCII85Decode, pikepdf.Name.FlateDecode])
            page.obj.Extra = two
            if repair:
                single_filters_as_names(pdf)
            out = io.BytesIO()
            pdf.save(out, **SAVE)
        with pikepdf.open(io.BytesIO(out.getvalue())) as reread:
            contents, two = reread.pages[0].obj.Contents, reread.pages[0].obj.Extra
            return contents.Filter, contents.read_raw_bytes(), contents.read_bytes(), two.read_bytes()

    _, raw, _, _ = saved(repair=False)
    assert raw != fast  # the behaviour the repair is for
    filters, raw, decoded, two = saved(repair=True)
    assert filters == pikepdf.Name.FlateDecode
    assert raw == fast and decoded == content
    assert two == content  # a real filter chain is left alone
