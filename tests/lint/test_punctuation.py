"""Punctuation lint (GB/T 15834): exact messages, locations, acknowledgements, --strict."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report.cli import main
from report.lint.punctuation import lint_text
from tests.conftest import REPO


def findings(text: str) -> list[tuple[str, int, str]]:
    return [(f.check, f.index, f.message) for f in lint_text(text)]


@pytest.mark.parametrize("text, expected", [
    ("石峰区,全社会", [("ascii-punctuation", 3, "ASCII ',' in Chinese text: 石峰区,全社会")]),
    ("他说:好", [("ascii-punctuation", 2, "ASCII ':' in Chinese text: 他说:好")]),
    ('称为"火车头"', [("ascii-punctuation", 2, 'ASCII \'"\' in Chinese text: 称为"火车头"'),
                     ("ascii-punctuation", 6, 'ASCII \'"\' in Chinese text: 称为"火车头"')]),
    ("增长(GDP)了", [("ascii-punctuation", 2, "ASCII '(' in Chinese text: 增长(GDP)了"),
                    ("ascii-punctuation", 6, "ASCII ')' in Chinese text: 增长(GDP)了")]),
    ("等等...好", [("ellipsis", 2, "'...' written for an ellipsis: 等等...好")]),
    ("等等。。。好", [("ellipsis", 2, "'。。。' written for an ellipsis: 等等。。。好")]),
    ("推进—先", [("pairs", 2, "a single '—': 推进—先")]),
    ("等等…好", [("pairs", 2, "a single '…': 等等…好")]),
    ("推进———先", [("pairs", 2, "'———' (3 marks): 推进———先")]),
    ("“服务于千家万户，为居民排忧",
     [("unbalanced", 0, "'“' is never closed: “服务于千家万…")]),
    ("格管理员”模式", [("unbalanced", 4, "'”' closes nothing: 格管理员”模式")]),
    ("《石峰区“十四五》规划", [("unbalanced", 4, "'“' is never closed: 《石峰区“十四五》规划")]),
])
def test_each_check_with_its_message(text: str, expected: list) -> None:
    assert findings(text) == expected


@pytest.mark.parametrize("text", [
    "石峰区，全社会：“十年”（GDP）增长6.7%。",
    "时间12:30，比分3:1，网址example.com，1,000亿元",  # ASCII marks between Latin and digits
    "推进——先试点……再推广",
    "《石峰区“十四五”规划》提出，他说：“要以‘1+N’模式推进。”",
    "O’Neill来到石峰",  # ’ between Latin letters is an apostrophe
    "Hello, world! (Latin text keeps its own marks.)",
])
def test_clean_text_has_no_findings(text: str) -> None:
    assert findings(text) == []


# The rule as GB/T 15834 states it, as one regular expression (which takes 3 ms to compile, so
# the lint tests the neighbours' code points instead).
HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
ASCII_NEXT_TO_HAN = re.compile(rf'(?<=[{HAN_CLASS}])[,:;?!()"]|[,:;?!()"](?=[{HAN_CLASS}])')
# Marks, Latin, and the characters on both sides of each Han range's ends.
EDGES = ',:;?!()"a1 \u33ff\u3400\u4dbf\u4dc0\u4dff\u4e00\u9fff\ua000\uf8ff\uf900\ufaff\ufb00' \
        "\U0001ffff\U00020000\U0003ffff\U00040000，。"


@given(st.text(alphabet=EDGES, max_size=12))
def test_ascii_marks_are_found_next_to_exactly_the_han_characters_of_the_rule(text: str) -> None:
    found = [f.index for f in lint_text(text) if f.check == "ascii-punctuation"]
    assert found == [match.start() for match in ASCII_NEXT_TO_HAN.finditer(text)]


MANIFEST = "title: 测试手册\npublisher: 测试单位\ndate: \"2026年\"\nsections:\n  - a.yaml\n"


def check(make_brochure, monkeypatch, section: str, *options: str) -> int:
    folder = make_brochure({"brochure.yaml": MANIFEST, "a.yaml": section})
    monkeypatch.chdir(folder.parent)
    return main(["check", *options, "b"])


def test_warnings_point_at_the_character_and_do_not_stop_the_build(make_brochure, monkeypatch,
                                                                   capsys) -> None:
    section = "title: 一\nblocks:\n  - paragraph: 石峰区,全社会\n  - paragraph: \"引号里的值,没有列\"\n"
    assert check(make_brochure, monkeypatch, section) == 0
    out, err = capsys.readouterr()
    assert err == (
        "b/a.yaml:3:19: warning: ASCII ',' in Chinese text: 石峰区,全社会\n"
        "  hint: write the full-width ，\n"
        "b/a.yaml:4:16: warning: ASCII ',' in Chinese text: 引号里的值,没有列\n"
        "  hint: write the full-width ，\n")
    assert out == "b: ok (1 sections, 2 blocks, 2 warnings)\n"


def test_column_after_markup_and_dropped_spaces(make_brochure, monkeypatch, capsys) -> None:
    section = "title: 一\nblocks:\n  - paragraph: 石**峰** 区,好\n"
    check(make_brochure, monkeypatch, section)
    # 石 is at column 16; "**", 峰, "**", the dropped space and 区 come before the comma.
    assert capsys.readouterr().err.startswith("b/a.yaml:3:24: warning: ASCII ','")


def test_a_value_over_several_lines_points_at_its_start(make_brochure, monkeypatch, capsys) -> None:
    section = "title: 一\nblocks:\n  - paragraph: 第一行\n      第二行……第三行…\n"
    check(make_brochure, monkeypatch, section)
    assert capsys.readouterr().err.splitlines()[0] == (
        "b/a.yaml:3:16: warning: a single '…': …行……第三行…")


def test_strict_makes_them_errors(make_brochure, monkeypatch, capsys) -> None:
    section = "title: 一\nblocks:\n  - paragraph: 推进—先\n"
    assert check(make_brochure, monkeypatch, section, "--strict") == 1
    assert capsys.readouterr().err == (
        "b/a.yaml:3:18: error: a single '—': 推进—先\n"
        "  hint: a Chinese dash is a pair: ——\n"
        "report: 1 error; nothing was written\n")


def test_strict_errors_come_with_the_font_errors(make_brochure, monkeypatch, capsys) -> None:
    section = "title: 一\nblocks:\n  - paragraph: 推进—先😀\n"
    assert check(make_brochure, monkeypatch, section, "--strict") == 1
    err = capsys.readouterr().err
    assert "error: a single '—'" in err and "error: character '😀'" in err
    assert err.endswith("report: 2 errors; nothing was written\n")


def test_an_acknowledged_cut_off_quotation_passes_strict(make_brochure, monkeypatch, capsys) -> None:
    section = ("title: 一\nblocks:\n  - paragraph: “服务于千家万户，为居民排忧\n"
               "    lint: ignore-unbalanced\n")
    assert check(make_brochure, monkeypatch, section, "--strict") == 0
    assert capsys.readouterr().err == ""


def test_an_acknowledgement_does_not_hide_other_checks(make_brochure, monkeypatch, capsys) -> None:
    section = ("title: 一\nblocks:\n  - paragraph: “服务于千家万户,为居民排忧\n"
               "    lint: ignore-unbalanced\n")
    assert check(make_brochure, monkeypatch, section) == 0
    assert capsys.readouterr().err.startswith("b/a.yaml:3:24: warning: ASCII ','")


def test_an_acknowledgement_with_nothing_to_ignore_is_reported(make_brochure, monkeypatch,
                                                                capsys) -> None:
    section = "title: 一\nblocks:\n  - paragraph: 一切正常。\n    lint: [ignore-unbalanced]\n"
    assert check(make_brochure, monkeypatch, section, "--strict") == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        "b/a.yaml:3:5: error: 'lint: ignore-unbalanced' but the text has nothing to ignore",
        "  hint: delete the acknowledgement"]


def test_an_unknown_lint_setting_is_an_error(make_brochure, monkeypatch, capsys) -> None:
    section = "title: 一\nblocks:\n  - paragraph: 正文。\n    lint: ignore-unbalance\n"
    assert check(make_brochure, monkeypatch, section) == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        "b/a.yaml:4:11: error: unknown lint setting 'ignore-unbalance'",
        "  hint: did you mean 'ignore-unbalanced'?"]


def test_the_shifeng_brochure_passes_strict(capsys) -> None:
    assert main(["check", "--strict", str(REPO / "data" / "shifeng")]) == 0
    assert capsys.readouterr().err == ""


def test_build_prints_warnings_and_writes_the_pdf(make_brochure, monkeypatch, capsys, tmp_path) -> None:
    folder = make_brochure({"brochure.yaml": MANIFEST,
                            "a.yaml": "title: 一\nblocks:\n  - paragraph: 等等...好\n"})
    monkeypatch.chdir(folder.parent)
    assert main(["build", "b", "-q", "-o", str(tmp_path / "out.pdf")]) == 0
    assert capsys.readouterr().err == ("b/a.yaml:3:18: warning: '...' written for an ellipsis: 等等...好\n"
                                       "  hint: write …… (two U+2026)\n")
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
