"""The command line of the editions: --edition, stage lines with timing, progress bar, preview."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from report.cli import PageBar, main
from tests.conftest import REPO
from tests.pdftools import page_texts

EXAMPLE = REPO / "examples" / "minimal"


def test_build_prints_one_line_per_stage_with_the_editions_own_step(tmp_path: Path, capsys) -> None:
    for edition, step in (("email", "pdf/a"), ("print", "pdf/x"), ("booklet", "impose")):
        out = tmp_path / f"{edition}.pdf"
        assert main(["build", str(EXAMPLE), "-o", str(out), "--edition", edition]) == 0
        lines = capsys.readouterr().out.splitlines()
        stages = ["load", "lint", "assets", "layout", step, "output"]
        assert [line.split()[0] for line in lines[:6]] == stages
        assert all(line.rstrip().endswith(" ms") for line in lines[:6])
        assert lines[-1] == f"wrote {out} ({edition} edition, {out.stat().st_size / 1e6:.2f} MB)"


def test_an_unknown_edition_is_a_usage_error(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", str(EXAMPLE), "-o", str(tmp_path / "x.pdf"), "--edition", "poster"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'poster'" in capsys.readouterr().err


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path, capsys) -> None:
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path / "x.pdf")]) == 0
    assert capsys.readouterr().err == ""


def test_the_progress_bar_redraws_one_line_and_clears_it() -> None:
    stream = io.StringIO()
    bar = PageBar(stream)
    for page in (1, 2, 3, 4):
        bar(1, page)
    bar(2, 2)
    assert stream.getvalue().count("\r") == 5 and "\n" not in stream.getvalue()
    assert stream.getvalue().endswith("page 2/4")
    bar.clear()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_preview_writes_a_thumbnail_per_page_and_a_contact_sheet(shifeng_editions, tmp_path: Path,
                                                                 capsys) -> None:
    assert main(["preview", str(shifeng_editions["email"]), "-o", str(tmp_path), "--width", "60"]) == 0
    pages = sorted(tmp_path.glob("shifeng-email-p*.png"))
    count = len(page_texts(shifeng_editions["email"]))
    assert len(pages) == count and Image.open(pages[0]).width == 60
    sheet = Image.open(tmp_path / "shifeng-email-contact.png")
    # The cover alone, then the spreads and the back cover's, 2 spreads to a row.
    assert sheet.width == 24 + 2 * (2 * 60 + 24)
    cover_x = 24 + 60  # the cover is the right-hand page of the first spread
    assert sheet.getpixel((cover_x + 30, 24 + 20))[2] > 100  # blue cover
    assert sheet.getpixel((24 + 30, 24 + 20)) == (236, 236, 236)  # nothing left of it
    assert capsys.readouterr().out.startswith(f"wrote {count} thumbnails")
