"""The build cache: a warm build gives the cold build's bytes, does less, and survives damage.

The cache (build.py's cache_folder: `.cache/` beside the PDF) holds the last
build of each brochure and edition, parsed fonts, drawn charts, the PDF/A
metadata and the page log of the last build. Whatever it holds, the PDF must
be byte-identical to one built with no cache at all.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from report import lastbuild
from report.assets import prepare_assets
from report.assets.fonts import PROJECT_FONTS
from report.build import build, cache_folder
from report.cli import main
from report.keptlines import read_lines, write_lines
from report.layout import layout_pdf
from report.layout.text import prefetch
from report.layout.text.linestore import LineStore
from report.load import load_brochure
from report.model import EDITIONS
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "minimal"
SHIFENG = REPO / "data" / "shifeng"
HEAVY = ("reportlab", "matplotlib", "fontTools", "svglib", "pikepdf.pdfa")

BUILD = """import json, sys
from pathlib import Path
from report import PROJECT_FONTS
from report.build import build
built = build(Path(sys.argv[1]), Path(sys.argv[2]), PROJECT_FONTS, edition=sys.argv[3])
faces = []
if built.assets is not None:
    from reportlab.pdfbase import pdfmetrics
    faces = sorted({type(pdfmetrics.getFont(f).face).__name__ for f in built.assets.fonts.all})
print(json.dumps({
    "reused": built.brochure is None,
    "modules": [m for m in HEAVY if m in sys.modules],
    "faces": faces,
    "charts drawn": built.assets.chart_stats.rendered if built.assets is not None else 0,
}))
""".replace("HEAVY", repr(HEAVY))


def build_in_subprocess(folder: Path, out: Path, edition: str = "email") -> dict:
    """A build in a new process: nothing in memory, everything from the cache or the files."""
    done = subprocess.run([sys.executable, "-c", BUILD, str(folder), str(out), edition],
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


def test_an_unchanged_brochure_reuses_the_last_build(cold: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "warm.pdf"
    build_in_subprocess(EXAMPLE, out, "print")
    out.write_bytes(b"changed by hand")  # the PDF is written again, from the cache
    report = build_in_subprocess(EXAMPLE, out, "print")
    assert report["reused"] and out.read_bytes() == cold["print"]
    assert report["modules"] == []  # not even ReportLab: nothing was loaded or laid out


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_full_build_from_a_warm_cache_is_the_cold_build_byte_for_byte(edition: str, cold: dict[str, bytes],
                                                                       tmp_path: Path) -> None:
    out = tmp_path / "warm.pdf"
    build_in_subprocess(EXAMPLE, out, edition)
    shutil.rmtree(cache_folder(out) / "builds")  # no last build: every stage runs, on its own cache
    report = build_in_subprocess(EXAMPLE, out, edition)
    assert not report["reused"] and out.read_bytes() == cold[edition]
    # Nothing the unchanged charts and characters do not need: no chart drawn, no font parsed.
    assert report["charts drawn"] == 0 and report["faces"] == ["CachedFace"]
    assert report["modules"] == ["reportlab"]  # no matplotlib, svglib, fontTools, PDF/A validator


def test_an_edit_does_only_the_work_it_requires(tmp_path: Path) -> None:
    folder = tmp_path / "brochure"
    shutil.copytree(EXAMPLE, folder)
    out = tmp_path / "out" / "edited.pdf"
    build_in_subprocess(folder, out)
    section = folder / "part-one.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("  - paragraph: ", "  - paragraph: 示例", 1), encoding="utf-8")
    report = build_in_subprocess(folder, out)
    assert not report["reused"] and report["charts drawn"] == 0 and report["faces"] == ["CachedFace"]
    assert report["modules"] == ["reportlab"]
    fresh = tmp_path / "fresh" / "edited.pdf"
    build(folder, fresh, PROJECT_FONTS)  # the edited brochure with no cache at all
    assert out.read_bytes() == fresh.read_bytes()


def test_any_changed_input_means_a_new_build(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "brochure"
    shutil.copytree(EXAMPLE, folder)
    out = tmp_path / "out.pdf"
    assert build(folder, out, PROJECT_FONTS).brochure is not None
    assert build(folder, out, PROJECT_FONTS).brochure is None  # reused
    (folder / "theme.yaml").touch()  # a new time, the same content: still reused
    assert build(folder, out, PROJECT_FONTS).brochure is None
    assert build(folder, out, PROJECT_FONTS, edition="booklet").brochure is not None  # another edition
    for change in (folder / "theme.yaml", folder / "data" / "example-sales.csv",
                   folder / "example-image.png"):
        change.write_bytes(change.read_bytes() + b"\n")
        assert build(folder, out, PROJECT_FONTS).brochure is not None, change
        assert build(folder, out, PROJECT_FONTS).brochure is None
    fonts = tmp_path / "fonts"
    shutil.copytree(PROJECT_FONTS, fonts)
    assert build(folder, out, fonts).brochure is not None  # other font files
    monkeypatch.setattr(lastbuild, "_FINGERPRINT", ["other code"])
    assert build(folder, out, PROJECT_FONTS).brochure is not None  # other code or libraries


def test_a_reused_build_shows_the_warnings_again(make_brochure, tmp_path: Path, capsys, monkeypatch) -> None:
    folder = make_brochure({"a.yaml": "title: 一\nblocks:\n  - image: small.png\n    caption: 小图\n"})
    Image.new("RGB", (200, 100), (20, 80, 120)).save(folder / "small.png")
    monkeypatch.chdir(folder.parent)
    out = tmp_path / "i.pdf"
    assert main(["build", "b", "-o", str(out)]) == 0
    first = capsys.readouterr()
    assert main(["build", "b", "-o", str(out)]) == 0
    again = capsys.readouterr()
    assert "warning: image 'small.png' is 62 ppi" in first.err and again.err == first.err
    assert again.out.splitlines()[0].split()[0] == "reused"


def test_a_damaged_cache_is_detected_and_rebuilt(cold: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    build_in_subprocess(EXAMPLE, out)
    shutil.rmtree(cache_folder(out) / "builds")
    build_in_subprocess(EXAMPLE, out)  # the full build's entries too: the PDF/A metadata
    entries = [p for p in cache_folder(out).rglob("*") if p.is_file()]
    kinds = {"builds", "fonts", "charts", "hashes", "pages", "pdfa", "lines"}
    assert {p.parent.name for p in entries} >= kinds
    for number, entry in enumerate(entries):  # every kind of damage, spread over the entries
        data = entry.read_bytes()
        entry.write_bytes([data[: len(data) // 3], b"", data[:-1] + bytes([data[-1] ^ 1])][number % 3])
    assert not build_in_subprocess(EXAMPLE, out)["reused"]
    assert out.read_bytes() == cold["email"]
    assert build_in_subprocess(EXAMPLE, out)["reused"]  # and the entries made again are good ones
    assert out.read_bytes() == cold["email"]


def test_a_cache_that_cannot_be_written_only_costs_time(cold: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    cache_folder(out).write_text("not a folder")  # every read and write of an entry fails
    for _ in range(2):
        assert build(EXAMPLE, out, PROJECT_FONTS).brochure is not None  # built, not reused
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
    headings_only = {key: page + (0 if key.startswith("part-") else 1)
                     for key, page in right.pages.part_pages.items()}
    one = layout_pdf(brochure, assets, "booklet", hint=replace(right.pages, part_pages=headings_only))
    assert one.passes == 1 and one.pdf == right.pdf  # headings' pages are not printed
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


# --- paragraphs set once: kept between passes and builds, or set ahead by a helper process ----------


def test_an_edit_sets_only_the_edited_paragraph_again(tmp_path: Path) -> None:
    folder = tmp_path / "brochure"
    shutil.copytree(SHIFENG, folder)
    cache = tmp_path / "cache"
    brochure = load_brochure(folder)
    assets = prepare_assets(brochure, PROJECT_FONTS, cache)
    first = LineStore()
    cold = layout_pdf(brochure, assets, "email", lines=first)
    assert first.misses == len(first.used) and first.hits > 0  # pass two set nothing again
    section = folder / "04-reform.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("治理创新入选", "治理创新石峰区入选"),
                       encoding="utf-8")
    edited = load_brochure(folder)
    kept = LineStore(first.used)
    warm = layout_pdf(edited, assets, "email", hint=cold.pages, lines=kept)
    assert (kept.misses, warm.passes) == (1, 1)
    assert warm.pdf == layout_pdf(edited, assets, "email").pdf  # as if nothing had been kept


def test_kept_lines_serve_the_same_fonts_and_code_only(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    brochure = load_brochure(EXAMPLE)
    assets = prepare_assets(brochure, PROJECT_FONTS, cache)
    fonts = list(assets.files)
    store = LineStore()
    layout_pdf(brochure, assets, "email", lines=store)
    write_lines(cache, EXAMPLE, "email", fonts, store)
    assert read_lines(cache, EXAMPLE, "email", fonts).known == store.used
    assert read_lines(cache, EXAMPLE, "print", fonts).known == {}  # per edition
    other = tmp_path / "fonts" / fonts[0].name
    other.parent.mkdir()
    other.write_bytes(fonts[0].read_bytes() + b"\0")
    assert read_lines(cache, EXAMPLE, "email", [other, *fonts[1:]]).known == {}  # other widths
    monkeypatch.setattr(lastbuild, "_FINGERPRINT", ["other code"])
    assert read_lines(cache, EXAMPLE, "email", fonts).known == {}


def test_a_helper_setting_paragraphs_ahead_changes_no_byte(shifeng, monkeypatch) -> None:
    brochure, assets = shifeng
    monkeypatch.setattr(prefetch, "worth_a_helper", lambda keys: False)
    alone = LineStore()
    serial = layout_pdf(brochure, assets, "print", lines=alone)
    monkeypatch.setattr(prefetch, "worth_a_helper", lambda keys: True)
    helped = LineStore()
    parallel = layout_pdf(brochure, assets, "print", lines=helped)
    assert alone.supplied == 0 and helped.supplied > 0  # the helper did set some of them
    assert parallel.pdf == serial.pdf
