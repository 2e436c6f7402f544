"""Large and unusual input is laid out, in bounded time, with every character where it belongs."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pdfplumber

from report.assets.fonts import PROJECT_FONTS
from report.build import build
from report.load.nodes import MAX_TEXT_CHARS
from tests.conftest import MANIFEST, REPO
from tests.pdftools import body_texts, outline_titles, page_texts, squeeze

MM = 72 / 25.4
SENTENCE = "石峰区全社会研发经费投入总量持续增长，R&D强度达到3.2%；生态环境持续优化。"


def test_a_paragraph_of_the_longest_allowed_length_is_laid_out(make_brochure, tmp_path: Path) -> None:
    """In a process of its own, to measure its peak memory."""
    text = (SENTENCE * (MAX_TEXT_CHARS // len(SENTENCE) + 1))[:MAX_TEXT_CHARS]
    folder = make_brochure({"a.yaml": f"title: 一\nblocks:\n  - paragraph: '{text}'\n"})
    done = subprocess.run([sys.executable, "-c", MEASURED_BUILD, str(folder), str(tmp_path / "out.pdf")],
                          capture_output=True, text=True, check=True, cwd=REPO)
    seconds, peak_mb = (float(value) for value in done.stdout.split())
    pages = body_texts(tmp_path / "out.pdf", 20, 22)  # without running heads and folios
    assert len(pages) > 40
    assert squeeze(text) in squeeze("".join(pages))
    assert seconds < 60, f"{seconds:.1f} s"  # measured about 3 s; quadratic splitting took 15 s
    assert peak_mb < 600, f"{peak_mb:.0f} MB"  # measured about 190 MB, fonts included


MEASURED_BUILD = """
import resource, sys, time
from pathlib import Path
from report.assets.fonts import PROJECT_FONTS
from report.build import build
start = time.perf_counter()
build(Path(sys.argv[1]), Path(sys.argv[2]), PROJECT_FONTS)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def test_a_word_longer_than_the_line_is_broken_inside_the_column(make_brochure, tmp_path: Path) -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 112  # 5,040 letters, no space
    folder = make_brochure({"a.yaml": f"title: 一\nblocks:\n  - paragraph: 前{word}后\n"})
    build(folder, tmp_path / "out.pdf", PROJECT_FONTS)
    assert f"前{word}后" in squeeze("".join(body_texts(tmp_path / "out.pdf", 20, 22)))
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        body = [page for page in pdf.pages if any(c["text"] == "P" for c in page.chars)]
        assert len(body) >= 2
        for page in body:
            letters = [c for c in page.chars if c["text"].isascii() and c["text"].isalpha()]
            assert min(c["x0"] for c in letters) >= 18 * MM - 0.01
            assert max(c["x1"] for c in letters) <= page.width - 18 * MM + 0.01  # nothing overflows


def test_a_thousand_sections_are_laid_out(make_brochure, tmp_path: Path) -> None:
    manifest = MANIFEST.replace("  - a.yaml\n", "".join(f"  - s{i:04d}.yaml\n" for i in range(1000)))
    sections = {f"s{i:04d}.yaml": f"title: 第{i + 1}部分\nopener: {'true' if i % 10 == 0 else 'false'}\n"
                                  f"blocks:\n  - paragraph: 第{i + 1}部分的正文。\n" for i in range(1000)}
    folder = make_brochure({"brochure.yaml": manifest, **sections})
    start = time.perf_counter()
    build(folder, tmp_path / "out.pdf", PROJECT_FONTS)
    elapsed = time.perf_counter() - start
    titles = outline_titles(tmp_path / "out.pdf")
    assert [title for depth, title in titles if depth == 0][1:] == [f"第{i + 1}部分" for i in range(1000)]
    assert "第1000部分的正文。" in squeeze("".join(page_texts(tmp_path / "out.pdf")))
    assert elapsed < 60, f"{elapsed:.1f} s"  # measured about 5 s


def test_characters_beyond_u_ffff_are_set_and_copy_back(make_brochure, tmp_path: Path) -> None:
    """𠂇 (U+20087) and 𤇾 (U+241FE) have glyphs in Noto Serif SC; ReportLab's ToUnicode got them wrong."""
    folder = make_brochure({"a.yaml": "title: 王𠂇石\nblocks:\n  - paragraph: 王𠂇石𤇾峰区\n"})
    build(folder, tmp_path / "out.pdf", PROJECT_FONTS)
    text = squeeze("".join(page_texts(tmp_path / "out.pdf")))
    assert "王𠂇石𤇾峰区" in text and text.count("王𠂇石") >= 3  # paragraph, opener, TOC, running head
