"""The whole path: a brochure folder → a PDF, read back and checked."""

from __future__ import annotations

import gc
import hashlib
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from report.assets.fonts import PROJECT_FONTS
from report.build import build
from report.cli import main
from tests.conftest import REPO
from tests.pdftools import fonts, link_targets, outline_titles, page_texts, squeeze

EXAMPLE = REPO / "examples" / "minimal"


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example") / "example.pdf"
    build(EXAMPLE, out, PROJECT_FONTS)
    return out


def test_every_font_is_embedded_and_no_base14_font_is_used(example_pdf: Path) -> None:
    found = fonts(example_pdf)
    assert found and all(found.values()), found
    names = {name.split("+")[-1] for name in found}
    assert names == {"NotoSerifSC-Regular", "NotoSerifSC-Bold", "NotoSansSC-Regular", "NotoSansSC-Bold"}


def test_metadata_language_and_viewer_title(example_pdf: Path) -> None:
    with pikepdf.open(example_pdf) as pdf:
        assert str(pdf.docinfo["/Title"]) == "示例手册"
        assert str(pdf.docinfo["/Author"]) == "示例出版单位"
        assert str(pdf.docinfo["/Subject"]) == "一本演示全部格式要素的示例宣传册"
        assert str(pdf.docinfo["/Keywords"]) == "示例, 格式"
        assert str(pdf.Root.Lang) == "zh-CN"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)


def test_outline_has_every_part_and_level_two_heading(example_pdf: Path) -> None:
    assert outline_titles(example_pdf) == [
        (0, "目录"), (0, "第一部分"), (1, "二级标题"), (0, "第二部分"),
    ]


def test_table_of_contents_links_to_the_part_openers(example_pdf: Path) -> None:
    texts = page_texts(example_pdf)
    toc = next(i for i, text in enumerate(texts) if text.startswith("目录"))
    targets = link_targets(example_pdf, toc)
    assert len(targets) == 2
    for target, (number, title) in zip(targets, [("01", "第一部分"), ("02", "第二部分")], strict=True):
        assert squeeze(texts[target]).find(number) < squeeze(texts[target]).find(title)  # the opener
        assert f"{title}{target + 1:02d}" in squeeze(texts[toc])  # and the TOC prints its folio


def test_user_text_with_markup_characters_is_printed_literally(example_pdf: Path) -> None:
    text = squeeze("".join(page_texts(example_pdf)))
    assert "<b>标签</b>与R&D会原样印出。" in text
    assert "写*可以得到星号本身" in text


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    build(EXAMPLE, first, PROJECT_FONTS)
    build(EXAMPLE, second, PROJECT_FONTS)
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()


def test_no_folio_on_cover_and_back_cover(example_pdf: Path) -> None:
    texts = page_texts(example_pdf)
    assert "01" not in texts[0] and f"{len(texts):02d}" not in texts[-1]
    assert len(texts) % 2 == 0  # the back cover is a verso


def test_bad_input_is_reported_and_the_previous_pdf_survives(tmp_path: Path, make_brochure,
                                                             capsys, monkeypatch) -> None:
    folder = make_brochure()
    out = tmp_path / "out.pdf"
    assert main(["build", str(folder), "-o", str(out), "-q"]) == 0
    good = out.read_bytes()
    (folder / "a.yaml").write_text("title: 一\nblocks:\n  - paragrph: 正文\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "b", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == ("b/a.yaml:3:5: error: unknown block type 'paragrph'\n"
                   "  hint: did you mean 'paragraph'?\n"
                   "report: 1 error; nothing was written\n")
    assert out.read_bytes() == good
    # No temporary file left, beside the PDF or in the build cache (.cache, by design).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "b", "out.pdf"]
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_a_character_without_glyph_names_its_code_point(make_brochure, monkeypatch, capsys) -> None:
    folder = make_brochure({"a.yaml": "title: 一\nblocks:\n  - paragraph: 笑脸😀\n"})
    monkeypatch.chdir(folder.parent)
    assert main(["check", "b"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "b/a.yaml:3:18: error: character '😀' (U+1F600 GRINNING FACE) "
        "has no glyph in NotoSerifSC-Regular.ttf")


def test_unwritable_output_is_a_clear_error(make_brochure, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["build", str(make_brochure()), "-o", str(blocker / "out.pdf"), "-q"]) == 1
    assert "error: cannot write the PDF" in capsys.readouterr().err


def test_check_command_and_usage_errors(capsys) -> None:
    assert main(["check", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == f"{EXAMPLE}: ok (2 sections, 23 blocks)\n"
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(EXAMPLE)])  # -o is required
    assert exit_info.value.code == 2


def test_the_command_exits_at_once_with_its_status_and_all_its_output(tmp_path: Path, make_brochure) -> None:
    # `python -m report` and the `report` script end with os._exit (cli.run): nothing may be lost.
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "report", *args], capture_output=True, text=True,
                              cwd=tmp_path)

    out = tmp_path / "out.pdf"
    done = run("build", str(make_brochure()), "-o", str(out))
    assert done.returncode == 0 and done.stdout.endswith(f"wrote {out} (email edition, "
                                                         f"{out.stat().st_size / 1e6:.2f} MB)\n")
    failed = run("build", str(tmp_path / "nothing"), "-o", str(out))
    assert failed.returncode == 1 and failed.stderr.endswith("report: 1 error; nothing was written\n")
    assert run("--version").stdout == "report 0.1.0\n"
    assert run("bogus").returncode == 2


def test_the_command_collects_garbage_rarely() -> None:
    """`report` runs with the collector's thresholds raised (cli.GC_THRESHOLDS); tests and
    other callers of build() keep Python's."""
    probe = ("import gc, report.cli as cli; "
             "cli.main = lambda: print(gc.get_threshold(), cli.GC_THRESHOLDS) or 0; cli.run()")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "(50000, 20, 100) (50000, 20, 100)\n"
    assert gc.get_threshold() == (700, 10, 10)


CHECK_IMPORTS = """\
import json, sys
from report.cli import main
assert main(["check", sys.argv[1]]) == 0
print(json.dumps([m for m in ("pikepdf", "pypdfium2", "reportlab.platypus", "matplotlib", "svglib")
                  if m in sys.modules]))
"""


def test_check_imports_neither_layout_nor_output_libraries() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK_IMPORTS, str(REPO / "data" / "shifeng")],
                          capture_output=True, text=True, check=True, cwd=REPO)
    assert done.stdout.splitlines()[-1] == "[]"
