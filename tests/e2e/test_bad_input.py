"""Bad input never hurts: exact messages, exit 1, the previous PDF untouched, no file left behind.

Every case runs the real command (`report build`) over a folder that already
holds a good PDF from an earlier build, and checks stderr line for line.
"""

from __future__ import annotations

import os
from pathlib import Path

import pikepdf
import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

from report.assets import fonts as fonts_module
from report.assets.fonts import PROJECT_FONTS
from report.cli import main
from tests.conftest import MANIFEST
from tests.load.test_diagnostics import CASES as LOAD_CASES
from tests.pdftools import page_texts, squeeze

THEMED = MANIFEST.replace("sections:", "theme: theme.yaml\nsections:")


@pytest.fixture(scope="module")
def previous_pdf(tmp_path_factory) -> bytes:
    """A real PDF of the default test brochure: what an earlier, good build left."""
    root = tmp_path_factory.mktemp("previous")
    folder = root / "b"
    folder.mkdir()
    (folder / "brochure.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "a.yaml").write_text("title: 第一部分\nblocks:\n  - paragraph: 这是正文。\n", encoding="utf-8")
    assert main(["build", str(folder), "-o", str(root / "out.pdf"), "-q"]) == 0
    return (root / "out.pdf").read_bytes()


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under `root` with its content: nothing may appear, vanish or change.

    The build cache (`.cache/` beside the output) is left out: a failed build may still have
    kept what it parsed (a font's face), which is keyed by content and safe to delete.
    """
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
            for p in sorted(root.rglob("*")) if ".cache" not in p.relative_to(root).parts}


def fails_cleanly(root: Path, args: list[str], expected: list[str], capsys, monkeypatch) -> None:
    """`report build args` (run in `root`) exits 1 printing exactly `expected`, touching nothing."""
    monkeypatch.chdir(root)
    before = snapshot(root)
    assert main(["build", *args]) == 1
    out, err = capsys.readouterr()
    count = sum(1 for message in expected if message.startswith("error: ") or ": error: " in message)
    summary = f"report: {count} error{'s' if count != 1 else ''}; nothing was written\n"
    assert err == "".join(message + "\n" for message in expected) + summary
    assert "Traceback" not in out + err
    assert snapshot(root) == before  # the previous PDF and every input unchanged, no temporary file


@pytest.mark.parametrize("name", LOAD_CASES)
def test_bad_yaml_leaves_the_previous_pdf(name: str, make_brochure, previous_pdf: bytes, capsys,
                                          monkeypatch) -> None:
    files, expected = LOAD_CASES[name]
    folder = make_brochure(files)
    (folder.parent / "out.pdf").write_bytes(previous_pdf)
    fails_cleanly(folder.parent, ["b", "-o", "out.pdf"], expected, capsys, monkeypatch)


LONG_TITLE = "很长的标题" * 180  # 900 characters

LAYOUT_CASES = {
    "title too long for the table of contents and the running head": (
        {"a.yaml": f"title: {LONG_TITLE}\nopener: false\nblocks:\n  - paragraph: 正文\n"},
        ["b/a.yaml:1:8: error: the title is too long for the table of contents "
         "(it needs 291 mm, there is room for 254 mm)\n"
         "  hint: shorten the title, kicker or subtitle, or lower sizes.subhead in the theme",
         "b/a.yaml:1:8: error: the title is too long for the running head beside the brochure title "
         "(it needs 2557 mm, the line is 170 mm)\n"
         "  hint: shorten it, or lower sizes.running in the theme"],
    ),
    "lead too long for the opener page": (
        {"a.yaml": "title: 一\nlead: " + "导语" * 1500 + "\nblocks:\n  - paragraph: 正文\n"},
        ["b/a.yaml:2:7: error: the part opener (number, kicker, title, subtitle and lead) is too tall "
         "for a page (it needs 613 mm, there is room for 254 mm)\n"
         "  hint: shorten the lead, or make part of it the first paragraph"],
    ),
    "publisher too long for the cover": (
        {"brochure.yaml": MANIFEST.replace("测试单位", "单位" * 200)},
        ["b/brochure.yaml:2:12: error: the publisher and date are too long for the cover "
         "(it needs 79 mm, there is room for 30 mm)\n"
         "  hint: shorten them, or lower sizes.lead in the theme"],
    ),
    "cover title set too large": (
        {"brochure.yaml": THEMED, "theme.yaml": "sizes:\n  cover_title: 200\n"},
        ["b/brochure.yaml:1:8: error: the title and subtitle are too long for the cover "
         "(it needs 183 mm, there is room for 89 mm)\n"
         "  hint: shorten them, or lower sizes.cover_title in the theme"],
    ),
    "ten page breaks in a row": (
        {"a.yaml": "title: 一\nblocks:\n" + "  - page_break: true\n" * 10},
        ["error: more than ten pages in a row would be empty\n"
         "  hint: remove page breaks that follow one another"],
    ),
    "a thousand page breaks": (
        {"a.yaml": "title: 一\nblocks:\n" + "  - page_break: true\n  - paragraph: 字\n" * 1000},
        ["error: the brochure runs past 1,000 pages\n"
         "  hint: make several brochures of it, or remove page breaks"],
    ),
}


@pytest.mark.parametrize("name", LAYOUT_CASES)
def test_what_cannot_be_laid_out_is_reported(name: str, make_brochure, previous_pdf: bytes, capsys,
                                             monkeypatch) -> None:
    files, expected = LAYOUT_CASES[name]
    folder = make_brochure(files)
    (folder.parent / "out.pdf").write_bytes(previous_pdf)
    fails_cleanly(folder.parent, ["b", "-o", "out.pdf"], expected, capsys, monkeypatch)


# --- fonts ---------------------------------------------------------------------------------------

def cff_font(path: Path) -> None:
    """A tiny OpenType font with PostScript (CFF) outlines, as Noto CJK .otf files have."""
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A"})
    pen = T2CharStringPen(500, None)
    _triangle(pen)
    outline = pen.getCharString()
    builder.setupCFF("Tiny-Regular", {"FullName": "Tiny"}, {".notdef": outline, "A": outline}, {})
    _finish(builder, path)


def latin_font(path: Path, variable: bool = False) -> None:
    """A tiny TrueType font that has A–Z only: no Chinese at all (with a weight axis if `variable`)."""
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", *letters])
    builder.setupCharacterMap({ord(c): c for c in letters})
    pen = TTGlyphPen(None)
    _triangle(pen)
    glyph = pen.glyph()
    builder.setupGlyf({name: glyph for name in [".notdef", *letters]})
    _finish(builder, path, variable)


def _triangle(pen) -> None:  # noqa: ANN001 - any fontTools pen
    pen.moveTo((0, 0))
    pen.lineTo((0, 500))
    pen.lineTo((500, 0))
    pen.closePath()


def _finish(builder: FontBuilder, path: Path, variable: bool = False) -> None:
    names = builder.font.getGlyphOrder()
    builder.setupHorizontalMetrics({name: (500, 0) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": path.stem, "styleName": "Regular"})
    if variable:
        builder.setupFvar([("wght", 100, 400, 900, "Weight")], [])
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))


FONT_FILES = {
    "garbage": lambda path: path.write_bytes(b"this is not a font " * 20),
    "empty": lambda path: path.write_bytes(b""),
    "truncated": lambda path: path.write_bytes(
        (PROJECT_FONTS / "NotoSansSC-Regular.ttf").read_bytes()[:3_000_000]),
    "cff": cff_font,
    "variable": lambda path: latin_font(path, variable=True),
}
FONT_REASONS = {
    "garbage": "it is not a TrueType font, or it is damaged",
    "empty": "it is not a TrueType font, or it is damaged",
    "truncated": "the file is truncated or damaged",
    "cff": "it has PostScript (CFF) outlines, which ReportLab cannot embed",
    "variable": "it is a variable font (ReportLab would only use its default instance)",
}


def font_dir(root: Path) -> Path:
    """A font folder with the project's fonts (linked) to which a test adds a bad one."""
    fonts = root / "fonts"
    fonts.mkdir()
    for font in PROJECT_FONTS.glob("*.ttf"):
        (fonts / font.name).symlink_to(font)
    return fonts


@pytest.mark.parametrize("kind", FONT_FILES)
def test_a_bad_font_file_is_named(kind: str, make_brochure, previous_pdf: bytes, capsys,
                                  monkeypatch) -> None:
    folder = make_brochure({"brochure.yaml": THEMED,
                            "theme.yaml": "fonts:\n  hei: {regular: Bad.ttf, bold: NotoSansSC-Bold.ttf}\n"})
    FONT_FILES[kind](font_dir(folder.parent) / "Bad.ttf")
    (folder.parent / "out.pdf").write_bytes(previous_pdf)
    fails_cleanly(folder.parent, ["b", "-o", "out.pdf", "--fonts", "fonts"], [
        f"b/theme.yaml:2:18: error: font file 'Bad.ttf' cannot be used: {FONT_REASONS[kind]}\n"
        "  hint: use a static TrueType-outline (glyf) .ttf; CFF/.otf/.ttc and variable fonts "
        "are not supported"], capsys, monkeypatch)


def test_missing_font_and_font_path(make_brochure, previous_pdf: bytes, capsys, monkeypatch) -> None:
    folder = make_brochure({"brochure.yaml": THEMED, "theme.yaml":
                            "fonts:\n  hei: {regular: Gone.ttf, bold: ../../etc/x.ttf}\n"})
    font_dir(folder.parent)
    (folder.parent / "out.pdf").write_bytes(previous_pdf)
    fails_cleanly(folder.parent, ["b", "-o", "out.pdf", "--fonts", "fonts"], [
        "b/theme.yaml:2:18: error: font file 'Gone.ttf' not found in fonts\n"
        "  hint: fonts are looked up in the font directory (--fonts DIR)",
        "b/theme.yaml:2:34: error: font file '../../etc/x.ttf' must be a file name, not a path\n"
        "  hint: fonts are looked up in the font directory (--fonts DIR)"], capsys, monkeypatch)


def test_a_font_without_chinese_lists_twenty_characters_then_counts(make_brochure, previous_pdf: bytes,
                                                                    capsys, monkeypatch) -> None:
    text = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳"  # 32 different characters
    theme = "fonts:\n  song: {regular: Latin.ttf, bold: NotoSerifSC-Bold.ttf}\n"
    folder = make_brochure({"brochure.yaml": THEMED, "theme.yaml": theme,
                            "a.yaml": f"title: A\nblocks:\n  - paragraph: {text}\n"})
    latin_font(font_dir(folder.parent) / "Latin.ttf")
    (folder.parent / "out.pdf").write_bytes(previous_pdf)
    expected = [f"b/a.yaml:3:{16 + column}: error: character '{char}' (U+{ord(char):04X} CJK UNIFIED "
                f"IDEOGRAPH-{ord(char):04X}) has no glyph in Latin.ttf\n"
                "  hint: replace it, or name a font that has it under fonts: fallback: in the theme"
                for column, char in enumerate(text[:20])]
    expected.append("error: 12 more characters have no glyph in Latin.ttf\n"
                    "  hint: is it a font for Chinese? (only the first ones are listed)")
    fails_cleanly(folder.parent, ["b", "-o", "out.pdf", "--fonts", "fonts"], expected, capsys, monkeypatch)


def test_more_characters_than_one_embedded_font_holds_are_refused(make_brochure, previous_pdf: bytes,
                                                                  capsys, monkeypatch) -> None:
    """The real limit (30,000 per face) is more than Noto Serif SC has letters; lowered to 20 here."""
    monkeypatch.setattr(fonts_module._CharacterCount, "LIMIT", 20)
    text = "天地玄黄宇宙洪荒日月天地盈昃辰宿列张寒来暑往秋收"  # the 21st different one is 秋, at index 22
    folder = make_brochure({"a.yaml": f"title: A\nblocks:\n  - paragraph: {text}\n"})
    (folder.parent / "out.pdf").write_bytes(previous_pdf)
    expected = [f"b/a.yaml:3:{16 + 22}: error: more than 20 different characters are set in "
                "NotoSerifSC-Regular.ttf\n"
                "  hint: one embedded font holds at most that many; set part of the text in another font"]
    fails_cleanly(folder.parent, ["b", "-o", "out.pdf"], expected, capsys, monkeypatch)


# --- references and the output --------------------------------------------------------------

def test_a_manifest_linking_out_of_its_folder_is_refused(make_brochure, tmp_path: Path, previous_pdf: bytes,
                                                         capsys, monkeypatch) -> None:
    folder = make_brochure()
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: 机密\n", encoding="utf-8")
    (folder / "brochure.yaml").unlink()
    (folder / "brochure.yaml").symlink_to(secret)
    (tmp_path / "out.pdf").write_bytes(previous_pdf)
    fails_cleanly(tmp_path, ["b", "-o", "out.pdf"], [
        "b/brochure.yaml: error: the manifest is a link leading outside the brochure folder\n"
        "  hint: copy the manifest into the folder, or name the folder the link points to"],
        capsys, monkeypatch)


def test_a_linked_brochure_folder_is_followed(make_brochure, tmp_path: Path, monkeypatch) -> None:
    """The folder named on the command line is the user's choice: a link to it is fine."""
    make_brochure()
    (tmp_path / "link").symlink_to(tmp_path / "b")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "link", "-o", "out.pdf", "-q"]) == 0
    assert "这是正文。" in squeeze("".join(page_texts(tmp_path / "out.pdf")))


@pytest.mark.parametrize(("output", "message"), [
    ("b/brochure.yaml", "b/brochure.yaml: error: the output file is one of the files the brochure "
                        "is built from"),
    ("b/a.yaml", "b/a.yaml: error: the output file is one of the files the brochure is built from"),
    ("b", "b: error: the output is a folder, not a file"),
    ("out.pdf/new/x.pdf", "out.pdf/new/x.pdf: error: cannot write the PDF: out.pdf is a file, not a folder"),
])
def test_an_output_that_would_fail_or_destroy_an_input_is_refused_before_layout(
        output: str, message: str, make_brochure, previous_pdf: bytes, capsys, monkeypatch) -> None:
    folder = make_brochure()
    (folder.parent / "out.pdf").write_bytes(previous_pdf)
    hint = "\n  hint: choose another output file with -o, e.g. build/brochure.pdf"
    fails_cleanly(folder.parent, ["b", "-o", output], [message + hint], capsys, monkeypatch)


def test_a_font_file_is_never_overwritten(make_brochure, previous_pdf: bytes, capsys, monkeypatch) -> None:
    root = make_brochure().parent
    fonts = font_dir(root)
    fails_cleanly(root, ["b", "-o", "fonts/NotoSerifSC-Bold.ttf", "--fonts", str(fonts)], [
        "fonts/NotoSerifSC-Bold.ttf: error: the output file is one of the files the brochure is built from\n"
        "  hint: choose another output file with -o, e.g. build/brochure.pdf"], capsys, monkeypatch)


def test_an_unwritable_folder_is_reported_after_layout_and_cleaned(make_brochure, previous_pdf: bytes,
                                                                   capsys, monkeypatch) -> None:
    """A write that fails at the last step (here: the disk refuses the rename) leaves no temporary file."""
    folder = make_brochure()
    (folder.parent / "out.pdf").write_bytes(previous_pdf)

    def refuse(source, target):  # noqa: ANN001, ANN202
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    fails_cleanly(folder.parent, ["b", "-o", "out.pdf"], [
        "out.pdf: error: cannot write the PDF: Permission denied\n"
        "  hint: choose another output file with -o, or check the folder's permissions"], capsys, monkeypatch)


def test_no_link_image_or_other_font_comes_from_text_that_looks_like_markup(make_brochure, tmp_path: Path
                                                                            ) -> None:
    text = ('<img src="/etc/passwd"/> <a href="javascript:alert(1)">点我</a> '
            '<font name="Courier" color="red">字</font> <b>粗</b> R&D &amp; x<y>z "引" \'单\'')
    quoted = text.replace("'", "''")
    folder = make_brochure({
        "brochure.yaml": MANIFEST.replace("测试手册", "<b>手册</b>&amp;"),
        "a.yaml": f"title: '<i>标题</i>'\nkicker: '{quoted}'\nblocks:\n  - paragraph: '{quoted}'\n"
                  f"  - heading: '<a href=\"http://x.org\">链接</a>'\n  - quote: '{quoted}'\n",
    })
    main(["build", str(folder), "-o", str(tmp_path / "out.pdf"), "-q"])
    pages = [squeeze(text) for text in page_texts(tmp_path / "out.pdf")]
    assert squeeze(text) in pages[-2]  # the body page: paragraph and quote, printed as typed
    assert squeeze(text) in pages[1]  # the kicker in the table of contents
    assert "<b>手册</b>&amp;" in pages[0] and '<ahref="http://x.org">链接</a>' in pages[-2]
    with pikepdf.open(tmp_path / "out.pdf") as pdf:
        assert str(pdf.docinfo["/Title"]) == "<b>手册</b>&amp;"
        for page in pdf.pages:
            assert "/XObject" not in page.Resources  # no image was read from anywhere
            fonts = {str(font.BaseFont).split("+")[-1] for font in page.Resources.get("/Font", {}).values()}
            assert fonts <= {"NotoSerifSC-Regular", "NotoSerifSC-Bold", "NotoSansSC-Regular",
                             "NotoSansSC-Bold"}
            for annot in page.get("/Annots", []):
                assert "/URI" not in annot.get("/A", {})  # links are internal only


def test_names_too_long_for_the_file_system(make_brochure, previous_pdf: bytes, capsys, monkeypatch) -> None:
    """Path.is_file() raises for a name over 255 bytes instead of answering False."""
    long = "x" * 300
    folder = make_brochure({"brochure.yaml": THEMED, "theme.yaml":
                            f"fonts:\n  hei: {{regular: {long}.ttf, bold: NotoSansSC-Bold.ttf}}\n"})
    (folder.parent / "out.pdf").write_bytes(previous_pdf)
    fails_cleanly(folder.parent, ["b", "-o", "out.pdf"], [
        f"b/theme.yaml:2:18: error: font file '{'x' * 40}…' not found in {PROJECT_FONTS}\n"
        "  hint: fonts are looked up in the font directory (--fonts DIR)"], capsys, monkeypatch)
    fails_cleanly(folder.parent, [long, "-o", "out.pdf"], [
        f"{long}: error: no brochure manifest here\n"
        "  hint: a brochure folder holds a brochure.yaml file"], capsys, monkeypatch)
    (folder / "theme.yaml").write_text("{}\n", encoding="utf-8")
    fails_cleanly(folder.parent, ["b", "-o", f"{long}.pdf"], [
        f"{long}.pdf: error: cannot write the PDF: File name too long\n"
        "  hint: choose another output file with -o, or check the folder's permissions"], capsys, monkeypatch)


def test_an_output_link_in_a_loop(make_brochure, previous_pdf: bytes, capsys, monkeypatch) -> None:
    root = make_brochure().parent
    (root / "loop.pdf").symlink_to("loop.pdf")
    fails_cleanly(root, ["b", "-o", "loop.pdf"], [
        "loop.pdf: error: cannot write the PDF: the output is a link in a loop of links\n"
        "  hint: choose another output file with -o, e.g. build/brochure.pdf"], capsys, monkeypatch)
