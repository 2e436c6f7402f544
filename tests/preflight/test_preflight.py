"""Preflight passes the three editions of 石峰 and catches each fault of deliberately broken PDFs."""

from __future__ import annotations

import sys
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from report.assets.cidfont import CIDFont, register_font
from report.cli import main
from report.preflight import preflight
from tests.conftest import REPO

SERIF = "PreflightSerif"
CID_SERIF = "PreflightCidSerif"  # the same face as we embed it: one Type0 font
CID_SANS = "PreflightCidSans"
HAN = "石峰区十年来产业生态改革城乡建设与民生发展的专题报道轨道交通装备"


@pytest.fixture(scope="module", autouse=True)
def serif() -> None:
    if SERIF not in pdfmetrics.getRegisteredFontNames():
        register_font(TTFont(SERIF, str(REPO / "fonts" / "NotoSerifSC-Regular.ttf")))
    if CID_SERIF not in pdfmetrics.getRegisteredFontNames():
        register_font(CIDFont(CID_SERIF, str(REPO / "fonts" / "NotoSerifSC-Regular.ttf")))
    if CID_SANS not in pdfmetrics.getRegisteredFontNames():
        register_font(CIDFont(CID_SANS, str(REPO / "fonts" / "NotoSansSC-Regular.ttf")))


@pytest.mark.parametrize("edition", ["email", "print", "booklet"])
def test_every_edition_of_shifeng_passes(shifeng_editions: dict[str, Path], edition: str) -> None:
    stderr = sys.stderr
    report = preflight(shifeng_editions[edition])
    assert sys.stderr is stderr  # errors printed after a preflight must still reach the terminal
    assert report.edition == edition  # recognised from its PDF/X or PDF/A marks
    assert report.passed, [f for f in report.findings if f.status != "ok"]
    for check in ("fonts embedded", "page boxes", "colour spaces", "transparency", "missing glyphs",
                  "notdef glyphs",
                  "line breaks", "justification"):
        assert report.status(check) == "ok", check
    if edition == "print":
        assert {report.status(c) for c in ("bleed", "page count", "output intent", "PDF/X-1a keys",
                                           "black text")} == {"ok"}
    if edition == "email":
        assert {report.status(c) for c in ("PDF/A", "linearized", "file size")} == {"ok"}


def test_the_cli_prints_a_table_and_exits_0(shifeng_editions, capsys) -> None:
    assert main(["preflight", str(shifeng_editions["print"])]) == 0
    out = capsys.readouterr().out
    assert "preflight as the print edition" in out
    assert "  ok    bleed" in out and out.rstrip().endswith("0 errors, 0 warnings")


# --- broken files ---------------------------------------------------------------------------

def _edited_print(source: Path, target: Path, edit) -> Path:  # noqa: ANN001 - a function of the Pdf
    with pikepdf.open(source) as pdf:
        edit(pdf)
        pdf.save(target)
    return target


def _fails(path: Path, check: str, edition: str | None = None) -> str:
    report = preflight(path, edition)
    assert not report.passed
    assert report.status(check) == "error", report.findings
    assert main(["preflight", str(path)] + (["--edition", edition] if edition else [])) == 1
    return next(f.detail for f in report.findings if f.check == check and f.status == "error")


def test_an_unembedded_helvetica_is_caught(tmp_path: Path) -> None:
    canv = Canvas(str(tmp_path / "helvetica.pdf"), invariant=1)
    canv.drawString(72, 720, "Hello")  # ReportLab's default font: Helvetica, never embedded
    canv.save()
    assert "Helvetica not embedded (page 1)" in _fails(tmp_path / "helvetica.pdf", "fonts embedded")


def test_an_rgb_fill_in_a_print_file_is_caught(shifeng_editions, tmp_path: Path) -> None:
    def add_red_box(pdf: pikepdf.Pdf) -> None:
        pdf.pages[2].contents_add(pdf.make_stream(b"q 1 0 0 rg 100 100 50 50 re f Q"), prepend=False)

    path = _edited_print(shifeng_editions["print"], tmp_path / "rgb.pdf", add_red_box)
    assert "RGB colour on page 3" in _fails(path, "colour spaces")


def test_a_missing_trimbox_is_caught(shifeng_editions, tmp_path: Path) -> None:
    def drop_trim(pdf: pikepdf.Pdf) -> None:
        del pdf.pages[1].obj["/TrimBox"]

    path = _edited_print(shifeng_editions["print"], tmp_path / "notrim.pdf", drop_trim)
    assert _fails(path, "page boxes") == "no TrimBox or BleedBox on page 2"


def test_a_transparency_group_is_caught(shifeng_editions, tmp_path: Path) -> None:
    def add_group(pdf: pikepdf.Pdf) -> None:
        pdf.pages[4].obj.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency,
                                                    CS=pikepdf.Name.DeviceCMYK)

    path = _edited_print(shifeng_editions["print"], tmp_path / "group.pdf", add_group)
    assert "page 5" in _fails(path, "transparency")


def test_alpha_is_transparency_too(tmp_path: Path) -> None:
    canv = Canvas(str(tmp_path / "alpha.pdf"), invariant=1, initialFontName=SERIF)
    canv.setFillColorCMYK(0, 1, 0, 0)
    canv.setFillAlpha(0.5)
    canv.rect(100, 100, 100, 100, fill=1, stroke=0)
    canv.save()
    assert "page 1" in _fails(tmp_path / "alpha.pdf", "transparency", "print")


def test_nine_pages_cannot_be_saddle_stitched(shifeng_editions, tmp_path: Path) -> None:
    def keep_nine(pdf: pikepdf.Pdf) -> None:
        del pdf.pages[9:]

    path = _edited_print(shifeng_editions["print"], tmp_path / "nine.pdf", keep_nine)
    assert _fails(path, "page count") == "9 pages; saddle stitching needs a multiple of 4"


def _column(path: Path, lines: list[tuple[float, str]]) -> Path:
    """Lines of 10.5 pt Han text in a 20-character column: (indent in em, text)."""
    canv = Canvas(str(path), invariant=1, initialFontName=SERIF)
    canv.setFont(SERIF, 10.5)
    for number, (indent, text) in enumerate(lines):
        canv.drawString(72 + indent * 10.5, 700 - 18 * number, text)
    canv.save()
    return path


def test_a_line_starting_with_a_comma_is_caught(tmp_path: Path) -> None:
    path = _column(tmp_path / "comma.pdf", [(2, HAN[:18]), (0, "，" + HAN[:19]), (0, HAN[:20]),
                                            (0, HAN[:6] + "。")])
    assert "page 1: a line starts with '，'" in _fails(path, "line breaks")


def test_a_line_ending_with_an_opening_quote_is_caught(tmp_path: Path) -> None:
    path = _column(tmp_path / "quote.pdf", [(2, HAN[:17] + "“"), (0, HAN[:19] + "”"), (0, HAN[:5])])
    assert "a line ends with '“'" in _fails(path, "line breaks")


def test_ragged_text_of_the_body_size_in_another_font_is_not_body_text(tmp_path: Path) -> None:
    """A contents page's kickers and subtitles: 10.5 pt like the body, but sans and ragged
    on purpose (a 300-page brochure's contents page failed the check)."""
    canv = Canvas(str(tmp_path / "contents.pdf"), invariant=1, initialFontName=SERIF)
    canv.setFont(SERIF, 10.5)
    for number, (indent, text) in enumerate([(2, HAN[:18]), (0, HAN[:20]), (0, HAN[:20]), (0, HAN[:9])]):
        canv.drawString(72 + indent * 10.5, 700 - 18 * number, text)
    canv.setFont(CID_SANS, 10.5)
    for number, text in enumerate(["改革深化", "闯出改革破局新路", "城乡品质升级蝶变", "践行为民服务初心"]):
        canv.drawString(72, 500 - 13 * number, text)
    canv.save()
    report = preflight(tmp_path / "contents.pdf")
    assert report.status("justification") == "ok"
    assert "3 non-final body lines" in next(f.detail for f in report.findings if f.check == "justification")


def test_a_ragged_line_inside_a_paragraph_is_caught(tmp_path: Path) -> None:
    path = _column(tmp_path / "ragged.pdf", [(2, HAN[:18]), (0, HAN[:14]), (0, HAN[:20]), (0, HAN[:4])])
    assert "1 ragged lines, first on page 1" in _fails(path, "justification")


def test_a_justified_column_passes_the_line_checks(tmp_path: Path) -> None:
    path = _column(tmp_path / "good.pdf", [(2, HAN[:18]), (0, HAN[:20]), (0, HAN[:20]), (0, HAN[:4])])
    report = preflight(path)
    assert report.status("justification") == report.status("line breaks") == "ok"
    assert "3 non-final body lines" in next(f.detail for f in report.findings if f.check == "justification")


def test_an_unreadable_file_is_an_error_not_a_traceback(tmp_path: Path, capsys) -> None:
    (tmp_path / "no.pdf").write_bytes(b"not a pdf")
    assert main(["preflight", str(tmp_path / "no.pdf")]) == 1
    assert "error: not a readable PDF" in capsys.readouterr().err


@pytest.mark.parametrize("font", [SERIF, CID_SERIF])
def test_a_character_the_font_lacks_is_caught_as_glyph_0(tmp_path: Path, font: str) -> None:
    canv = Canvas(str(tmp_path / "tofu.pdf"), invariant=1, initialFontName=font)
    canv.setFont(font, 12)
    canv.drawString(72, 700, "笑😀脸")  # Noto Serif SC has no emoji: ReportLab draws .notdef
    canv.save()
    assert _fails(tmp_path / "tofu.pdf", "notdef glyphs") == ".notdef (glyph 0) drawn on page 1"
    assert preflight(tmp_path / "tofu.pdf").status("missing glyphs") == "error"  # U+0000 in the text


def test_glyphs_are_found_through_a_cid_to_gid_map_stream(tmp_path: Path) -> None:
    """Characters that share a glyph make CIDFont write its CIDToGIDMap as a stream."""
    canv = Canvas(str(tmp_path / "shared.pdf"), invariant=1, initialFontName=CID_SERIF)
    canv.setFont(CID_SERIF, 12)
    canv.drawString(72, 700, "尢⼪幺⼳‒–")
    canv.save()
    with pikepdf.open(tmp_path / "shared.pdf") as pdf:
        (font,) = [f for f in pdf.pages[0].Resources.Font.values() if f.Subtype == "/Type0"]
        assert isinstance(font.DescendantFonts[0].CIDToGIDMap, pikepdf.Stream)
    assert preflight(tmp_path / "shared.pdf").status("notdef glyphs") == "ok"
