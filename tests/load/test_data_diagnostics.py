"""Bad data and bad data blocks give exact file:line:col messages, at the cell or the YAML line."""

from __future__ import annotations

from pathlib import Path

import pytest

from report.diagnostics import BuildError
from report.load import load_brochure

MANIFEST = "title: 测试\npublisher: 单位\ndate: '2026'\ndata:\n  t: t.csv\nsections: [a.yaml]\n"
TABLE = "项目,金额 [亿元],v\n甲,12.2,3\n乙,30,abc\n"
NUMBER_HINT = ("  hint: write a number such as 12.2 or 1,200, optionally with 近/约 before it "
               "or 多/余/以上 after it")


def chart(*options: str, kind: str = "bar") -> str:
    """A section holding one chart block with `options` (one YAML line each)."""
    lines = ["title: 一", "blocks:", f"  - chart: {kind}", *(f"    {option}" for option in options)]
    return "\n".join(lines) + "\n"


CASES = {
    "chart names a missing column": (
        {"a.yaml": chart("title: 图", "table: t", "values: 金颔")},
        ["b/a.yaml:6:13: error: table 't' has no column '金颔'\n  hint: did you mean '金额'?"],
    ),
    "non-numeric cell in a charted column": (
        {"a.yaml": chart("title: 图", "table: t", "values: v")},
        [f"b/t.csv:3:6: error: cell 'abc' in column 'v' is not a number\n{NUMBER_HINT}"],
    ),
    "non-numeric cell in a column with a unit": (
        {"t.csv": "项目,金额 [亿元]\n甲,十二\n"},
        [f"b/t.csv:2:3: error: cell '十二' in column '金额' is not a number\n{NUMBER_HINT}"],
    ),
    "empty table": (
        {"t.csv": "# source: 示例\n项目,金额 [亿元]\n",
         "a.yaml": chart("title: 图", "table: t")},
        ["b/t.csv:2:1: error: table 't' has no rows\n  hint: add one line per row under the header line"],
    ),
    "negative value in a donut": (
        {"t.csv": "项目,份额 [%]\n甲,60\n乙,-5\n", "a.yaml": chart("title: 图", "table: t", kind="donut")},
        ["b/t.csv:3:3: error: a donut cannot show the negative value -5 (row '乙', column '份额')\n"
         "  hint: a donut shows parts of a whole; use a bar chart for negative values"],
    ),
    "cell after a quoted cell holding a comma and a line break": (
        {"t.csv": 'name,v [个],source\n甲,"1,200","第一行\n第二行"\n乙,x,"y"\n'},
        [f"b/t.csv:4:3: error: cell 'x' in column 'v' is not a number\n{NUMBER_HINT}"],
    ),
    "unknown table": (
        {"a.yaml": chart("title: 图", "table: tt")},
        ["b/a.yaml:5:12: error: unknown table 'tt'\n  hint: did you mean 't'?"],
    ),
    "unknown chart type": (
        {"a.yaml": chart("title: 图", "table: t", kind="pie")},
        ["b/a.yaml:3:12: error: unknown chart type 'pie'\n"
         "  hint: chart type: bar, hbar, grouped, stacked, line, donut"],
    ),
    "chart without a title": (
        {"a.yaml": chart("table: t")},
        ["b/a.yaml:3:12: error: a chart needs a title\n  hint: add title: … under the chart"],
    ),
    "two value columns in a bar chart": (
        {"t.csv": "项目,甲 [个],乙 [个]\n一,1,2\n", "a.yaml": chart("title: 图", "table: t")},
        ["b/a.yaml:3:12: error: a bar chart shows one value column, not 2\n"
         "  hint: name one with values: column; grouped, stacked and line charts show several"],
    ),
    "values of different units": (
        {"t.csv": "项目,数值,unit\n甲,12.2,亿元\n乙,6.7,%\n",
         "a.yaml": chart("title: 图", "table: t", "values: 数值")},
        ["b/a.yaml:3:12: error: the values of this chart have different units: 亿元, %\n"
         "  hint: a chart has one scale: chart values of one unit"],
    ),
    "highlight names a row the chart does not show": (
        {"a.yaml": chart("title: 图", "table: t", "rows: [甲]", "highlight: 乙")},
        ["b/a.yaml:7:16: error: row '乙' is not one of this block's rows\n  hint: rows: 甲"],
    ),
    "tile with a malformed cell reference": (
        {"a.yaml": "title: 一\nblocks:\n  - figures:\n      - value: t.甲\n"},
        ["b/a.yaml:4:16: error: 't.甲' is not a cell reference\n"
         "  hint: name a cell as table.row.column, e.g. 创新.研发经费.金额"],
    ),
    "tile names a missing row": (
        {"a.yaml": "title: 一\nblocks:\n  - figures:\n      - value: t.丙.金额\n"},
        ["b/a.yaml:4:16: error: table 't' has no row '丙'\n  hint: rows: 甲, 乙"],
    ),
    "duplicate row": (
        {"t.csv": "项目,金额 [亿元]\n甲,1\n甲,2\n"},
        ["b/t.csv:3:1: error: duplicate row '甲'\n"
         "  hint: rows are named by their first cell; the first '甲' is at line 2"],
    ),
    "row with a missing cell": (
        {"t.csv": "项目,金额 [亿元],v\n甲,1\n"},
        ["b/t.csv:2:1: error: this row has 2 cells, the header has 3\n"
         "  hint: a cell holding a comma must be quoted: \"1,200\""],
    ),
    "data file outside the folder": (
        {"brochure.yaml": MANIFEST.replace("t: t.csv", "t: ../t.csv")},
        ["b/brochure.yaml:5:6: error: data file '../t.csv' is outside the brochure folder\n"
         "  hint: files must be inside the brochure folder (no '..', no links leading out)"],
    ),
    "image that is not PNG or JPEG": (
        {"a.yaml": "title: 一\nblocks:\n  - image: t.csv\n"},
        ["b/a.yaml:3:12: error: image file 't.csv' is not a PNG or JPEG file\n"
         "  hint: convert it to .png or .jpg"],
    ),
    "callout in an unknown colour": (
        {"a.yaml": "title: 一\nblocks:\n  - callout: 提示\n    color: red\n"},
        ["b/a.yaml:4:12: error: unknown colour 'red'\n"
         "  hint: colours of the theme: accent, accent2, muted, paper, rule, text, tint"],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_bad_data_gives_exact_messages(name: str, make_brochure, monkeypatch) -> None:
    files, expected = CASES[name]
    folder = make_brochure({"brochure.yaml": MANIFEST, "t.csv": TABLE, **files})
    monkeypatch.chdir(folder.parent)
    with pytest.raises(BuildError) as caught:
        load_brochure(Path("b"))
    assert [d.render() for d in caught.value.diagnostics] == expected


def test_every_data_error_is_reported_at_once(make_brochure, monkeypatch) -> None:
    section = ("title: 一\nblocks:\n"
               "  - chart: bar\n    title: 图\n    table: t\n    values: 金颔\n"
               "  - chart: bar\n    title: 图\n    table: t\n    values: v\n"
               "  - chart: donut\n    title: 图\n    table: d\n")
    manifest = MANIFEST.replace("  t: t.csv\n", "  t: t.csv\n  d: d.csv\n")
    folder = make_brochure({"brochure.yaml": manifest, "t.csv": TABLE, "d.csv": "项目,份额 [%]\n甲,-1\n",
                            "a.yaml": section})
    monkeypatch.chdir(folder.parent)
    with pytest.raises(BuildError) as caught:
        load_brochure(Path("b"))
    assert [str(d.location) for d in caught.value.diagnostics] == [
        "b/a.yaml:6:13", "b/t.csv:3:6", "b/d.csv:2:3"]


def test_a_tile_and_a_chart_naming_one_cell_share_it(make_brochure) -> None:
    section = ("title: 一\nblocks:\n  - chart: bar\n    title: 图\n    table: t\n"
               "  - figures:\n      - value: t.乙.金额\n")
    sections = load_brochure(make_brochure({"brochure.yaml": MANIFEST, "t.csv": TABLE,
                                            "a.yaml": section})).sections
    chart, figures = sections[0].blocks
    cell = chart.series[0].cells[1]
    assert figures.tiles[0].cell is cell
    assert (cell.location.file.name, cell.location.line, cell.location.column) == ("t.csv", 3, 3)
    assert (cell.number.value, figures.tiles[0].unit) == (30.0, "亿元")


@pytest.mark.parametrize(("text", "value", "shown"), [
    ("12.2", 12.2, "12.2"), ("近40", 40.0, "近40"), ("将近1400", 1400.0, "将近1400"),
    ("300多", 300.0, "300多"), ("60余", 60.0, "60余"), ("30以上", 30.0, "30以上"),
    ("1,200", 1200.0, "1,200"), ("-5", -5.0, "-5"),
])
def test_numbers_keep_their_qualifiers(text: str, value: float, shown: str) -> None:
    from report.load.tables import parse_number

    number = parse_number(text)
    assert number is not None and (number.value, number.shown) == (value, shown)


@pytest.mark.parametrize("text", ["abc", "十二", "12.2.3", "1,20", "约", ""])
def test_non_numbers_are_refused(text: str) -> None:
    from report.load.tables import parse_number

    assert parse_number(text) is None
