"""The build cache: a warm build gives the cold build's bytes, does less, and survives damage.

The cache (build.py's cache_folder: `.cache/` beside the PDF) holds parsed
fonts, drawn charts and the page log of the last build. Whatever it holds, the
PDF must be byte-identical to one built with no cache at all.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from report.assets import prepare_assets
from report.assets.fonts import PROJECT_FONTS
from report.build import build, cache_folder
from report.layout import layout_pdf
from report.load import load_brochure
from report.model import EDITIONS
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "minimal"
SHIFENG = REPO / "data" / "shifeng"

WARM_BUILD = """\
import json, sys
from pathlib import Path
from reportlab.pdfbase import pdfmetrics
from report.assets.fonts import PROJECT_FONTS
from report.build import build
built = build(Path(sys.argv[1]), Path(sys.argv[2]), PROJECT_FONTS, edition=sys.argv[3])
print(json.dumps({
    "modules": sorted(m for m in ("matplotlib", "fontTools", "svglib", "pikepdf.pdfa") if m in sys.modules),
    "faces": sorted({type(pdfmetrics.getFont(f).face).__name__ for f in built.assets.fonts.all}),
    "charts drawn": built.assets.chart_stats.rendered,
}))
"""


def build_in_subprocess(folder: Path, out: Path, edition: str = "email") -> dict:
    done = subprocess.run([sys.executable, "-c", WARM_BUILD, str(folder), str(out), edition],
                          capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def cold(tmp_path_factory) -> dict[str, bytes]:
    """The example brochure built in every edition, each with no cache at all."""
    pdfs = {}
    for edition in EDITIONS:
        out = tmp_path_factory.mktemp(f"cold-{edition}") / "cold.pdf"
        build(EXAMPLE, out, PROJECT_FONTS, edition=edition)
        pdfs[edition] = out.read_bytes()
    return pdfs


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_warm_build_is_the_cold_build_byte_for_byte(edition: str, cold: dict[str, bytes],
                                                     tmp_path: Path) -> None:
    out = tmp_path / "warm.pdf"
    build(EXAMPLE, out, PROJECT_FONTS, edition=edition)  # fills the cache
    report = build_in_subprocess(EXAMPLE, out, edition)  # a new process: nothing in memory
    assert out.read_bytes() == cold[edition]
    # Nothing the unchanged brochure does not need: no chart drawn, no font parsed.
    assert report["charts drawn"] == 0 and report["faces"] == ["CachedFace"]
    assert report["modules"] == []  # no matplotlib, svglib, fontTools, nor pikepdf's validator


def test_a_damaged_cache_is_detected_and_rebuilt(cold: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    build(EXAMPLE, out, PROJECT_FONTS)
    entries = [p for p in cache_folder(out).rglob("*") if p.is_file()]
    assert {p.parent.name for p in entries} >= {"fonts", "charts", "hashes", "pages"}
    for number, entry in enumerate(entries):  # every kind of damage, spread over the entries
        data = entry.read_bytes()
        entry.write_bytes([data[: len(data) // 3], b"", data[:-1] + bytes([data[-1] ^ 1])][number % 3])
    build_in_subprocess(EXAMPLE, out)
    assert out.read_bytes() == cold["email"]
    build_in_subprocess(EXAMPLE, out)  # and the entries made again are good ones
    assert out.read_bytes() == cold["email"]


def test_deleting_the_cache_changes_nothing(cold: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    build(EXAMPLE, out, PROJECT_FONTS)
    shutil.rmtree(cache_folder(out))
    build(EXAMPLE, out, PROJECT_FONTS)
    assert out.read_bytes() == cold["email"]


# --- one layout pass when the last build's page log still holds --------------------------------------


@pytest.fixture(scope="module")
def shifeng(tmp_path_factory):
    brochure = load_brochure(SHIFENG)
    return brochure, prepare_assets(brochure, PROJECT_FONTS, tmp_path_factory.mktemp("cache"))


@pytest.mark.parametrize("edition", ["email", "booklet"])
def test_a_right_hint_gives_the_same_pdf_in_one_pass(shifeng, edition: str) -> None:
    brochure, assets = shifeng
    two = layout_pdf(brochure, assets, edition)
    one = layout_pdf(brochure, assets, edition, hint=two.pages)
    assert (two.passes, one.passes) == (2, 1)
    assert one.pdf == two.pdf and one.pages == two.pages


def test_a_wrong_hint_costs_a_pass_and_changes_nothing(shifeng) -> None:
    brochure, assets = shifeng
    right = layout_pdf(brochure, assets, "booklet")
    moved = {key: page + 1 for key, page in right.pages.part_pages.items()}
    for wrong in (replace(right.pages, part_pages=moved),
                  replace(right.pages, pages_before_back=right.pages.pages_before_back + 1),
                  replace(right.pages, part_pages={})):
        again = layout_pdf(brochure, assets, "booklet", hint=wrong)
        assert again.passes == 2 and again.pdf == right.pdf and again.pages == right.pages


def test_the_page_numbers_in_the_contents_do_not_move_the_pages(shifeng) -> None:
    # What makes a hint checkable: the pages laid out with any numbers in the table of
    # contents are the pages laid out with the right ones.
    brochure, assets = shifeng
    right = layout_pdf(brochure, assets, "email")
    huge = replace(right.pages, part_pages={key: 987 for key in right.pages.part_pages})
    again = layout_pdf(brochure, assets, "email", hint=huge)
    assert again.pages == right.pages
