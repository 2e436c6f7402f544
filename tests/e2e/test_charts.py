"""Charts, key figures, tables and images, read back from finished PDFs.

Charts must be vectors (paths, no image XObject) with real text: their
labels are searched for in the text layer and found at the right places.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from report.assets.fonts import PROJECT_FONTS
from report.build import build
from report.cachefiles import read_entry
from report.cli import main
from report.load import load_brochure
from report.model import Chart
from tests.conftest import REPO
from tests.pdftools import page_texts, squeeze

EXAMPLE = REPO / "examples" / "minimal"
SHIFENG = REPO / "data" / "shifeng"
MM = 72 / 25.4


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("charts") / "example.pdf"
    build(EXAMPLE, out, PROJECT_FONTS)
    return out, [squeeze(text) for text in page_texts(out)]


def charts(folder: Path) -> list[Chart]:
    return [b for s in load_brochure(folder).sections for b in s.blocks if isinstance(b, Chart)]


def chart_page(texts: list[str], chart: Chart) -> int:
    title = squeeze(chart.title + (f"（{chart.unit}）" if chart.unit else ""))
    pages = [i for i, text in enumerate(texts) if title in text]
    assert len(pages) == 1, (chart.title, pages)
    return pages[0]


def chart_words(chart: Chart) -> list[str]:
    """Every label a reader sees on the chart: categories, values, series names, notes."""
    words = [squeeze(c) for c in chart.categories]
    words += [cell.number.shown for s in chart.series for cell in s.cells]
    if len(chart.series) > 1:
        words += [s.name for s in chart.series]
    return words + [a.text for a in chart.annotations]


def image_xobjects(pdf: Path, page: int) -> list[pikepdf.Object]:
    with pikepdf.open(pdf) as document:
        xobjects = document.pages[page].Resources.get("/XObject", {})
        return [(int(x.Width), int(x.Height)) for x in xobjects.values() if x.get("/Subtype") == "/Image"]


def path_operators(pdf: Path, page: int) -> int:
    with pikepdf.open(pdf) as document:
        ops = pikepdf.parse_content_stream(document.pages[page])
        return sum(1 for _, op in ops if str(op) in ("m", "l", "c", "re", "h"))


# --- the example brochure: one chart of every kind ----------------------------------------------------------


def test_the_example_has_every_chart_kind() -> None:
    assert sorted(c.kind for c in charts(EXAMPLE)) == ["bar", "donut", "grouped", "hbar", "line", "stacked"]


@pytest.mark.parametrize("folder", [EXAMPLE, SHIFENG], ids=["example", "shifeng"])
def test_every_chart_label_is_searchable_text(folder: Path, example, shifeng_pdf: Path) -> None:
    pdf = example[0] if folder == EXAMPLE else shifeng_pdf
    texts = [squeeze(text) for text in page_texts(pdf)]
    found = charts(folder)
    assert found
    for chart in found:
        page = texts[chart_page(texts, chart)]
        missing = [word for word in chart_words(chart) if word not in page]
        assert not missing, (chart.title, missing)
        assert f"来源：{squeeze(chart.source)}" in page


def test_charts_are_vectors_and_only_the_picture_is_an_image(example) -> None:
    pdf, texts = example
    pages = {chart_page(texts, chart) for chart in charts(EXAMPLE)}
    for page in pages:
        assert image_xobjects(pdf, page) == [], page
        assert path_operators(pdf, page) > 40, page
    picture = next(i for i, text in enumerate(texts) if "示例图片：用几何图形画成的示意图。" in text)
    assert picture not in pages
    # the email edition downsamples the 1100 × 560 picture to 150 ppi at its placed size
    [(width, height)] = image_xobjects(pdf, picture)
    assert width < 1100 and abs(width / height - 1100 / 560) < 0.01


def test_bars_are_paths_in_proportion_with_labels_on_top(example) -> None:
    pdf, texts = example
    chart = next(c for c in charts(EXAMPLE) if c.kind == "bar")
    cells = chart.series[0].cells
    with pdfplumber.open(pdf) as document:
        page = document.pages[chart_page(texts, chart)]
        top = next(w for w in page.extract_words() if w["text"].startswith(chart.title))["top"]
        bars = sorted((r for r in page.rects if r["fill"] and r["top"] > top and r["width"] < 60),
                      key=lambda r: r["x0"])
        words = page.extract_words()
    assert len(bars) == len(cells)
    scale = bars[0]["height"] / cells[0].number.value
    for bar, cell in zip(bars, cells, strict=True):
        assert bar["height"] == pytest.approx(cell.number.value * scale, rel=0.01)
        label = next(w for w in words if w["text"] == cell.number.shown and w["top"] > top)
        assert abs((label["x0"] + label["x1"]) / 2 - (bar["x0"] + bar["x1"]) / 2) < 1.0  # centred
        assert 0 < bar["top"] - label["bottom"] < 6  # just above its bar
    colors = [bar["non_stroking_color"] for bar in bars]
    highlighted = colors[chart.highlight]
    assert colors.count(highlighted) == 1  # the highlighted bar alone has the accent colour


def test_a_full_width_chart_breaks_out_of_the_columns(example) -> None:
    pdf, texts = example
    chart = next(c for c in charts(EXAMPLE) if c.full_width)
    with pdfplumber.open(pdf) as document:
        page = document.pages[chart_page(texts, chart)]
        words = page.extract_words()
        title = next(w for w in words if w["text"].startswith(chart.title))
        after = next(w for w in words if w["text"].startswith("通栏图表之后"))
        before = next(w for w in words if w["text"].startswith("这是新一页上的段落"))
        bars = [r for r in page.rects if r["fill"] and r["top"] > title["bottom"] and r["width"] < 100]
        source = next(w for w in words if w["text"].startswith("来源：") and w["top"] > title["top"])
    middle = page.width / 2
    assert max(bar["x1"] for bar in bars) > middle + 100 and min(bar["x0"] for bar in bars) < middle - 100
    assert before["bottom"] < title["top"] < source["top"] < after["top"]  # text above, chart, text below


def test_tiles_show_the_number_of_the_chart_cell(example) -> None:
    _, texts = example
    page = next(text for text in texts if "示例数字卡片" in text)
    assert "30万件乙产品数量（与柱状图同一单元格）" in page
    assert "约260家示例企业数示例比较说明" in page


def test_fonts_of_charts_are_the_theme_fonts(example) -> None:
    pdf, _ = example
    with pikepdf.open(pdf) as document:
        names = {str(f.BaseFont).split("+")[-1] for p in document.pages
                 for f in p.Resources.get("/Font", {}).values()}
    assert names == {"NotoSerifSC-Regular", "NotoSerifSC-Bold", "NotoSansSC-Regular", "NotoSansSC-Bold"}


# --- the cache ----------------------------------------------------------------------------------------------

SECOND_BUILD = """\
import json, sys
from pathlib import Path
from report.assets.fonts import PROJECT_FONTS
from report.build import build
built = build(Path(sys.argv[1]), Path(sys.argv[2]), PROJECT_FONTS)
stats = built.assets.chart_stats
print(json.dumps({"matplotlib": "matplotlib" in sys.modules, "rendered": stats.rendered,
                  "cached": stats.cached}))
"""


def build_in_subprocess(folder: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", SECOND_BUILD, str(folder), str(out)], capture_output=True,
                          text=True, check=True, cwd=REPO)
    return json.loads(done.stdout)


def test_the_first_build_draws_every_chart_into_the_cache(example) -> None:
    svgs = sorted((example[0].parent / ".cache" / "charts").glob("*.svg"))
    assert len(svgs) == 6
    texts = [read_entry(svg, b"report-svg").decode("utf-8") for svg in svgs]  # checked entries
    assert all("font-family" in text for text in texts)  # text stays text
    assert len(list(svgs[0].parent.glob("*.drawing"))) == 6  # and the ReportLab drawing of each


def test_a_rebuild_reads_the_cache_and_never_imports_matplotlib(example, tmp_path: Path) -> None:
    out = tmp_path / "second.pdf"
    shutil.copytree(example[0].parent / ".cache", tmp_path / ".cache")
    shutil.rmtree(tmp_path / ".cache" / "builds")  # not the last build: the charts from the cache
    assert build_in_subprocess(EXAMPLE, out) == {"matplotlib": False, "rendered": 0, "cached": 6}
    assert out.read_bytes() == example[0].read_bytes()  # the cached charts give the same PDF


def test_changing_a_cell_redraws_only_the_charts_that_show_it(example, tmp_path: Path) -> None:
    folder = tmp_path / "brochure"
    shutil.copytree(EXAMPLE, folder)
    years = folder / "data" / "example-years.csv"
    years.write_text(years.read_text(encoding="utf-8").replace("2024年,14,12", "2024年,16,12"),
                     encoding="utf-8")
    out = tmp_path / "out" / "changed.pdf"
    shutil.copytree(example[0].parent / ".cache", out.parent / ".cache")  # a warm cache of its own
    stats = build(folder, out, PROJECT_FONTS).assets.chart_stats
    assert (stats.rendered, stats.cached) == (3, 3)  # grouped, stacked and line show the table


def test_the_cli_reports_charts_from_the_cache(example, capsys) -> None:
    # The booklet edition: not built yet, so laid out, with the email edition's charts.
    assert main(["build", str(EXAMPLE), "-o", str(example[0].with_name("cli.pdf")), "--edition",
                 "booklet"]) == 0
    assert "  charts  0 drawn, 6 from the cache\n" in capsys.readouterr().out


# --- tables and images in small brochures -------------------------------------------------------------------

MANIFEST = "title: 测试\npublisher: 单位\ndate: '2026'\ndata:\n  t: t.csv\nsections: [a.yaml]\n"


def test_table_numbers_align_on_their_units(make_brochure, tmp_path: Path) -> None:
    table = "名称,数量,unit\n甲地,1.28,亿元\n乙地,6,家\n丙地,345,平方公里\n"
    folder = make_brochure({"brochure.yaml": MANIFEST, "t.csv": table,
                            "a.yaml": "title: 一\nblocks:\n  - table: t\n    zebra: true\n"})
    out = tmp_path / "t.pdf"
    build(folder, out, PROJECT_FONTS)
    with pdfplumber.open(out) as document:
        page = next(p for p in document.pages if "甲地" in p.extract_text())
        chars = [c for c in page.chars if c["text"] in "865亿家平"]
    ends = [next(c for c in chars if c["text"] == d)["x1"] for d in "865"]
    starts = [next(c for c in chars if c["text"] == u)["x0"] for u in "亿家平"]
    assert max(ends) - min(ends) < 0.2  # the numbers end at one x
    assert max(starts) - min(starts) < 0.2  # their units start at one x
    assert 0 < starts[0] - ends[0] < 9  # a small gap between number and unit


def test_a_long_table_repeats_its_header_on_every_page(make_brochure, tmp_path: Path) -> None:
    rows = "".join(f"第{n}行,{n}\n" for n in range(1, 121))
    folder = make_brochure({"brochure.yaml": MANIFEST, "t.csv": "名称,数量 [个]\n" + rows,
                            "a.yaml": "title: 一\nblocks:\n  - table: t\n    title: 长表\n"})
    out = tmp_path / "t.pdf"
    build(folder, out, PROJECT_FONTS)
    texts = [squeeze(t) for t in page_texts(out)]
    with_rows = [t for t in texts if any(f"第{n}行" in t for n in range(1, 121))]
    assert len(with_rows) >= 2
    with pdfplumber.open(out) as document:
        for page in document.pages:
            words = page.extract_words()
            # the table flows through the columns: a header above its rows in each column
            columns = {w["x0"] > page.width / 2 for w in words if w["text"].startswith("第")}
            heads = [w for w in words if w["text"].startswith("名称")]
            assert len(heads) == len(columns), page.page_number
            for head in heads:
                below = [w for w in words if w["text"].startswith("第") and abs(w["x0"] - head["x0"]) < 1]
                assert below and min(w["top"] for w in below) > head["bottom"]
    assert sum(t.count("长表") for t in with_rows) == 1  # the title only above the first part
    found = "".join(with_rows)
    assert all(f"第{n}行{n}" in found for n in range(1, 121))  # every row once, in order
    assert found.index("第119行") > found.index("第2行")


def test_a_low_resolution_image_warns_and_still_builds(make_brochure, tmp_path: Path, capsys,
                                                        monkeypatch) -> None:
    folder = make_brochure({"a.yaml": "title: 一\nblocks:\n  - image: small.png\n    caption: 小图\n"})
    Image.new("RGB", (200, 100), (20, 80, 120)).save(folder / "small.png")
    monkeypatch.chdir(folder.parent)
    out = tmp_path / "i.pdf"
    assert main(["build", "b", "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().err == (
        "b/a.yaml:3:5: warning: image 'small.png' is 62 ppi at its placed width of 81 mm; "
        "print needs 300 ppi\n  hint: use an image at least 963 pixels wide, or place it smaller\n")
    assert image_xobjects(out, 2) == [(200, 100)]


def test_chart_labels_are_never_interpreted(make_brochure, tmp_path: Path) -> None:
    """matplotlib would read $…$ as mathematics and SVG would read <…> as markup: neither may happen."""
    table = "名称,数量 [个]\n$x^2$,3\n<b>R&D</b>,5\n"
    folder = make_brochure({"brochure.yaml": MANIFEST, "t.csv": table,
                            "a.yaml": "title: 一\nblocks:\n  - chart: bar\n    title: 图\n    table: t\n"})
    out = tmp_path / "t.pdf"
    build(folder, out, PROJECT_FONTS)
    text = "".join(page_texts(out))
    assert "$x^2$" in text and "<b>R&D</b>" in text
