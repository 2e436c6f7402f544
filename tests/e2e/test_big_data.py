"""Data blocks at sizes nobody should print: refused with a limit, or laid out in bounded time."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from report.cli import main
from tests.pdftools import page_texts

MANIFEST = 'title: 测试\npublisher: 单位\ndate: "2026"\ndata:\n  表: t.csv\nsections: [a.yaml]\n'


def _write(folder: Path, csv: str, blocks: str) -> None:
    folder.mkdir()
    (folder / "brochure.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "t.csv").write_text("# source: 示例数据（虚构）\n" + csv, encoding="utf-8")
    (folder / "a.yaml").write_text("title: 一\nblocks:\n  - paragraph: 正文。\n" + blocks, encoding="utf-8")


def test_a_table_of_forty_columns_is_refused(tmp_path: Path, capsys, monkeypatch) -> None:
    header = ",".join(["名称"] + [f"列{i} [个]" for i in range(1, 40)])
    rows = "\n".join(",".join([f"行{r}"] + [str(r * i) for i in range(1, 40)]) for r in range(1, 4))
    _write(tmp_path / "b", header + "\n" + rows + "\n", "  - table: 表\n    width: full\n")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "b", "-o", "out.pdf", "-q"]) == 1
    assert capsys.readouterr().err == (
        "b/a.yaml:4:12: error: a table of 40 columns does not fit across the page; the limit is 10\n"
        "  hint: choose columns with columns: [...]\n"
        "report: 1 error; nothing was written\n")
    assert not (tmp_path / "out.pdf").exists()


def test_a_chart_of_ten_thousand_points_is_refused(tmp_path: Path, capsys, monkeypatch) -> None:
    points = "\n".join(f"p{i},{i % 97}" for i in range(10_000))
    chart = "  - chart: line\n    title: 多点\n    table: 表\n"
    _write(tmp_path / "b", "点,值 [个]\n" + points + "\n", chart)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "b", "-o", "out.pdf", "-q"]) == 1
    assert capsys.readouterr().err == (
        "b/a.yaml:4:12: error: a chart of 10,000 rows cannot be read on paper; the limit is 120\n"
        "  hint: choose rows with rows: [...], or show the data as a table\n"
        "report: 1 error; nothing was written\n")


def test_an_image_twenty_thousand_pixels_wide_is_laid_out(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "b"
    _write(folder, "名称,值 [个]\n甲,1\n", "  - image: huge.png\n    caption: 一张很宽的图\n")
    Image.new("RGB", (20_000, 200), (200, 100, 50)).save(folder / "huge.png")
    out = tmp_path / "out.pdf"
    assert main(["build", str(folder), "-o", str(out), "-q"]) == 0
    assert "一张很宽的图" in "".join(page_texts(out))
    assert out.stat().st_size < 1_000_000  # downsampled to screen resolution for the email edition
