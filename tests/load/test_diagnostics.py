"""Bad input gives exact file:line:col diagnostics, all at once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from report.diagnostics import BuildError
from report.load import load_brochure, yamlfile

# (files to write over the valid defaults, the exact expected messages)
CASES = {
    "unknown key with hint": (
        {"brochure.yaml": "titel: 测试\npublisher: 单位\ndate: '2026'\nsections: [a.yaml]\n"},
        ["b/brochure.yaml:1:1: error: unknown key 'titel' in the manifest\n  hint: did you mean 'title'?",
         "b/brochure.yaml:1:1: error: the manifest is missing the required key 'title'"],
    ),
    "duplicate key": (
        {"a.yaml": "title: 一\ntitle: 二\nblocks: []\n"},
        ["b/a.yaml:2:1: error: duplicate key 'title' in a section\n  hint: the first 'title' is at line 1"],
    ),
    "wrong type": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\nsections: a.yaml\n"},
        ["b/brochure.yaml:4:11: error: sections must be a list, not a single value\n"
         "  hint: write one item per line, each starting with '- '"],
    ),
    "missing section file": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\nsections: [ab.yaml]\n"},
        ["b/brochure.yaml:4:12: error: section file 'ab.yaml' not found in b\n"
         "  hint: did you mean 'a.yaml'?"],
    ),
    "unknown block type": (
        {"a.yaml": "title: 一\nblocks:\n  - paragrph: 正文\n"},
        ["b/a.yaml:3:5: error: unknown block type 'paragrph'\n  hint: did you mean 'paragraph'?"],
    ),
    "unknown block option": (
        {"a.yaml": "title: 一\nblocks:\n  - heading: 标题\n    levle: 3\n"},
        ["b/a.yaml:4:5: error: unknown key 'levle' in a heading block\n  hint: did you mean 'level'?"],
    ),
    "syntax error": (
        {"a.yaml": "title: 一\nblocks:\n  - paragraph: [未闭合\n"},
        ["b/a.yaml:4:1: error: YAML syntax: while parsing a flow sequence; "
         "expected ',' or ']', but got '<stream end>'"],
    ),
    "tab indentation": (
        {"a.yaml": "title: 一\nblocks:\n\t- paragraph: 正文\n"},
        ["b/a.yaml:3:1: error: YAML syntax: while scanning for the next token; "
         "found character '\\t' that cannot start any token\n"
         "  hint: YAML does not allow tabs for indentation: indent with spaces"],
    ),
    "GBK file": (
        {"a.yaml": "title: 一\nblocks:\n  - paragraph: 正文\n".encode("gbk")},
        # 一 (D2 BB) happens to be valid UTF-8; 正 (D5 FD) is the first byte that is not.
        ["b/a.yaml:3:16: error: the file is not UTF-8 (byte 0xD5)\n"
         "  hint: it looks like GBK/GB18030: save it as UTF-8 (e.g. iconv -f GB18030 -t UTF-8)"],
    ),
    "GBK file, column in characters": (
        # 一 (D2 BB) decodes as UTF-8 'һ', one character: 二's first byte is at character 9, byte 10.
        {"a.yaml": "title: 一二\nblocks: []\n".encode("gbk")},
        ["b/a.yaml:1:9: error: the file is not UTF-8 (byte 0xB6)\n"
         "  hint: it looks like GBK/GB18030: save it as UTF-8 (e.g. iconv -f GB18030 -t UTF-8)"],
    ),
    "UTF-16 file": (
        {"a.yaml": "title: 一\nblocks: []\n".encode("utf-16")},
        ["b/a.yaml:1:1: error: the file is not UTF-8 (byte 0xFF)\n"
         "  hint: the file is UTF-16 (Windows 'Unicode'): save it as UTF-8"],
    ),
    "raw control character": (
        {"a.yaml": "title: 一\x07二\nblocks: []\n"},
        ["b/a.yaml:1:9: error: the file contains the character U+0007, which YAML does not allow\n"
         "  hint: delete it; it often comes from copying text out of a web page or PDF"],
    ),
    "only comments": (
        {"a.yaml": "# 还没写\n"},
        ["b/a.yaml: error: the file holds no YAML value"],
    ),
    "two documents": (
        {"a.yaml": "title: 一\nblocks: []\n---\ntitle: 二\n"},
        ["b/a.yaml:3:1: error: YAML syntax: expected a single document in the stream; "
         "but found another document\n"
         "  hint: a file holds one document: remove the '---' line"],
    ),
    "unquoted colon": (
        {"a.yaml": "title: 时间: 2021年\nblocks: []\n"},
        ["b/a.yaml:1:10: error: YAML syntax: mapping values are not allowed here\n"
         "  hint: a text containing ': ' must be quoted, e.g. \"时间: 2021年\""],
    ),
    "unclosed quote": (
        {"a.yaml": "title: '一\nblocks: []\n"},
        ["b/a.yaml:3:1: error: YAML syntax: while scanning a quoted scalar; found unexpected end of stream"],
    ),
    "deep nesting": (
        {"a.yaml": "title: 一\nblocks: " + "[" * 60 + "]" * 60 + "\n"},
        ["b/a.yaml:2:58: error: YAML syntax: more than 50 levels of nesting"],
    ),
    "very large file": (
        {"a.yaml": "title: 一\nblocks:\n" + "  - paragraph: 正文正文正文\n" * 40_000},
        ["b/a.yaml: error: the file is 1,360,019 bytes; the limit is 1,048,576\n"
         "  hint: split it into several section files"],
    ),
    "text too long": (
        {"a.yaml": "title: 一\nblocks:\n  - paragraph: " + "文" * 100_001 + "\n"},
        ["b/a.yaml:3:16: error: paragraph is 100,001 characters long; the limit is 100,000\n"
         "  hint: split it into several shorter texts, e.g. paragraphs"],
    ),
    "too many sections": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\nsections:\n" + "  - a.yaml\n" * 1001},
        ["b/brochure.yaml:5:3: error: sections lists 1,001 files; the limit is 1,000\n"
         "  hint: make several brochures of it"],
    ),
    "missing fields": (
        {"brochure.yaml": "title: 测试\nsections: [a.yaml]\n", "a.yaml": "kicker: 一\n"},
        ["b/brochure.yaml:1:1: error: the manifest is missing the required key 'publisher'",
         "b/brochure.yaml:1:1: error: the manifest is missing the required key 'date'",
         "b/a.yaml:1:1: error: a section is missing the required key 'title'",
         "b/a.yaml:1:1: error: a section is missing the required key 'blocks'"],
    ),
    "text where a list belongs, a list where text belongs": (
        {"a.yaml": "title: [一, 二]\nblocks: 正文\n"},
        ["b/a.yaml:1:8: error: title must be text, not a list",
         "b/a.yaml:2:9: error: blocks must be a list, not a single value\n"
         "  hint: write one item per line, each starting with '- '"],
    ),
    "quoted boolean": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\ntoc: 'true'\nsections: [a.yaml]\n"},
        ["b/brochure.yaml:4:6: error: toc must be true or false"],
    ),
    "heading level not a whole number": (
        {"a.yaml": "title: 一\nblocks:\n  - heading: 标题\n    level: 2.5\n"},
        ["b/a.yaml:4:12: error: heading level must be a whole number from 2 to 3"],
    ),
    "heading level 08": (
        {"a.yaml": "title: 一\nblocks:\n  - heading: 标题\n    level: 08\n"},
        ["b/a.yaml:4:12: error: heading level must be a number from 2 to 3"],
    ),
    "block starting with an option": (
        {"a.yaml": "title: 一\nblocks:\n  - attribution: 署名\n    quote: 引文\n"},
        ["b/a.yaml:3:5: error: a block starts with its type, not with 'attribution'\n"
         "  hint: write 'quote: …' first, then 'attribution: …' under it"],
    ),
    "block type that is not a name": (
        {"a.yaml": "title: 一\nblocks:\n  - [paragraph]: 正文\n"},
        ["b/a.yaml:3:5: error: a block's first key must be its type\n"
         "  hint: block types: heading, paragraph, subhead, quote, page_break, "
         "chart, figures, table, image, callout"],
    ),
    "invisible character in a key": (
        {"a.yaml": 'title: 一\n"ki\\u200bcker": 二\nblocks: []\n'},
        ["b/a.yaml:2:1: error: unknown key 'ki\\u200bcker' in a section\n  hint: did you mean 'kicker'?"],
    ),
    "long unknown key is cut": (
        {"a.yaml": "title: 一\n" + "k" * 100 + ": 二\nblocks: []\n"},
        ["b/a.yaml:2:1: error: unknown key '" + "k" * 40 + "…' in a section\n"
         "  hint: allowed keys: title, kicker, subtitle, lead, opener, blocks"],
    ),
    "long file name is cut": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\nsections: [" + "x" * 300 + ".yaml]\n"},
        ["b/brochure.yaml:4:12: error: section file '" + "x" * 40 + "…' not found in b"],
    ),
    "colour name with a control character": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\ntheme: t.yaml\nsections: [a.yaml]\n",
         "t.yaml": 'colors:\n  "a\\tb": blue\n'},
        ["b/t.yaml:2:11: error: colour 'a\\u0009b' must be written \"#RRGGBB\"\n"
         "  hint: quote it: a bare # starts a YAML comment"],
    ),
    "right-to-left text": (
        {"a.yaml": "title: 一\nblocks:\n  - paragraph: 以色列 שלום\n"},
        ["b/a.yaml:3:16: error: paragraph contains right-to-left text: 'ש' U+05E9 (HEBREW LETTER SHIN)\n"
         "  hint: only left-to-right scripts can be set; remove it or write it in Latin letters"],
    ),
    "arabic": (
        {"a.yaml": "title: مرحبا\nblocks: []\n"},
        ["b/a.yaml:1:8: error: title contains right-to-left text: 'م' U+0645 (ARABIC LETTER MEEM)\n"
         "  hint: only left-to-right scripts can be set; remove it or write it in Latin letters"],
    ),
    "page too small for text": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\nsections: [a.yaml]\n"
                          "page:\n  size: [120mm, 100mm]\n  margins: {inside: 30mm, outside: 30mm}\n"},
        ["b/brochure.yaml:6:3: error: the text area of the page, 60 × 58 mm, cannot hold 2 columns "
         "of 8 characters and 10 lines of body text\n"
         "  hint: make the page larger, or the margins, the body size or the columns fewer"],
    ),
    "file URL": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\nsections: ['file:///etc/passwd']\n"},
        ["b/brochure.yaml:4:12: error: section file 'file:///etc/passwd' is a URL; "
         "the builder never fetches anything\n"
         "  hint: copy the file into the brochure folder and name it here"],
    ),
    "home folder": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\nsections: ['~/a.yaml']\n"},
        ["b/brochure.yaml:4:12: error: section file '~/a.yaml' is an absolute path\n"
         "  hint: name a file inside the brochure folder, relative to it"],
    ),
    "theme outside the folder": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\ntheme: ../../theme.yaml\n"
                          "sections: [a.yaml]\n"},
        ["b/brochure.yaml:4:8: error: theme file '../../theme.yaml' is outside the brochure folder\n"
         "  hint: files must be inside the brochure folder (no '..', no links leading out)"],
    ),
    "empty file": (
        {"a.yaml": ""},
        ["b/a.yaml: error: the file is empty\n  hint: write at least the required keys"],
    ),
    "alias": (
        {"a.yaml": "title: &t 一\nkicker: *t\nblocks: []\n"},
        ["b/a.yaml:2:9: error: YAML syntax: anchors and aliases (*name) are not supported"],
    ),
    "ambiguous boolean": (
        {"a.yaml": "title: 一\nopener: NO\nblocks: []\n"},
        ["b/a.yaml:2:9: error: opener must be true or false\n  hint: write true or false; 'NO' is ambiguous"],
    ),
    "parent folder": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\nsections: [../x.yaml]\n"},
        ["b/brochure.yaml:4:12: error: section file '../x.yaml' is outside the brochure folder\n"
         "  hint: files must be inside the brochure folder (no '..', no links leading out)"],
    ),
    "absolute path": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\nsections: [/etc/passwd]\n"},
        ["b/brochure.yaml:4:12: error: section file '/etc/passwd' is an absolute path\n"
         "  hint: name a file inside the brochure folder, relative to it"],
    ),
    "url": (
        {"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\n"
                          "sections: ['https://example.org/a.yaml']\n"},
        ["b/brochure.yaml:4:12: error: section file 'https://example.org/a.yaml' is a URL; "
         "the builder never fetches anything\n"
         "  hint: copy the file into the brochure folder and name it here"],
    ),
    "unknown colour": (
        {"a.yaml": "title: 一\nblocks:\n  - paragraph: '{red|红}字'\n"},
        ["b/a.yaml:3:16: error: unknown colour 'red' in {red|…}\n"
         "  hint: colours of the theme: accent, accent2, muted, paper, rule, text, tint"],
    ),
    "unclosed bold": (
        {"a.yaml": "title: 一\nblocks:\n  - paragraph: '**粗体'\n"},
        ["b/a.yaml:3:16: error: '**' is opened but never closed\n"
         "  hint: close it, or write \\* or \\{ for the character itself"],
    ),
    "empty text": (
        {"a.yaml": "title: 一\nblocks:\n  - paragraph:\n"},
        ["b/a.yaml:3:15: error: paragraph is empty"],
    ),
}


INVISIBLE = {
    "\u0007": "control character",
    "\u200b": "ZERO WIDTH SPACE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\u2028": "LINE SEPARATOR",
    "\u0378": "unassigned code point",
    "\ue000": "private use character",
    "\ud800": "lone surrogate",
}
for _char, _name in INVISIBLE.items():
    CASES[f"invisible U+{ord(_char):04X}"] = (
        {"a.yaml": f'title: 一\nblocks:\n  - paragraph: "正\\u{ord(_char):04x}文"\n'},
        [f"b/a.yaml:3:16: error: paragraph contains the invisible character U+{ord(_char):04X} ({_name})\n"
         "  hint: delete it; it often comes from copying text out of a web page or PDF"])
CASES["alias bomb"] = (
    {"a.yaml": "\n".join(["a0: &a0 [哈, 哈]"] + [f"a{i}: &a{i} [*a{i-1}, *a{i-1}]" for i in range(1, 30)])},
    ["b/a.yaml:2:10: error: YAML syntax: anchors and aliases (*name) are not supported"])


@pytest.mark.parametrize("name", CASES)
def test_bad_input_gives_exact_messages(name: str, make_brochure, monkeypatch) -> None:
    files, expected = CASES[name]
    folder = make_brochure(files)
    monkeypatch.chdir(folder.parent)
    with pytest.raises(BuildError) as caught:
        load_brochure(Path("b"))
    assert [d.render() for d in caught.value.diagnostics] == expected


def test_all_errors_of_all_files_are_reported_together(make_brochure, monkeypatch) -> None:
    manifest = "title: 测试\npublisher: 单位\ndate: '2026'\nsubtitel: x\nsections: [a.yaml, c.yaml]\n"
    folder = make_brochure({
        "brochure.yaml": manifest,
        "a.yaml": "title: 一\nblocks:\n  - paragrph: 正文\n",
        "c.yaml": "title: 二\nopener: yes\nblocks: []\n",
    })
    monkeypatch.chdir(folder.parent)
    with pytest.raises(BuildError) as caught:
        load_brochure(Path("b"))
    where = [str(d.location) for d in caught.value.diagnostics]
    assert where == ["b/brochure.yaml:4:1", "b/a.yaml:3:5", "b/c.yaml:2:9"]


def test_symlink_leading_out_is_refused(make_brochure, tmp_path, monkeypatch) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("title: 秘密\nblocks: []\n", encoding="utf-8")
    folder = make_brochure()
    (folder / "a.yaml").unlink()
    (folder / "a.yaml").symlink_to(outside)
    monkeypatch.chdir(folder.parent)
    with pytest.raises(BuildError) as caught:
        load_brochure(Path("b"))
    assert caught.value.diagnostics[0].message == "section file 'a.yaml' is outside the brochure folder"


def test_yaml_11_traps_stay_text(make_brochure) -> None:
    manifest = "title: 0x1F\npublisher: on\ndate: 2026-01-01\nsections: [a.yaml]\n"
    folder = make_brochure({"a.yaml": "title: NO\nkicker: 1.10\nsubtitle: 08\nblocks: []\n",
                            "brochure.yaml": manifest})
    brochure = load_brochure(folder)
    section = brochure.sections[0]
    assert (section.title.plain, section.kicker.plain, section.subtitle.plain) == ("NO", "1.10", "08")
    manifest_texts = (brochure.title.plain, brochure.publisher.plain, brochure.date.plain)
    assert manifest_texts == ("0x1F", "on", "2026-01-01")


def test_bom_is_accepted(make_brochure) -> None:
    folder = make_brochure({"a.yaml": "\ufefftitle: 一\nblocks:\n  - paragraph: 正文\n"})
    assert load_brochure(folder).sections[0].title.plain == "一"


def test_billion_laughs_is_refused_quickly(make_brochure, monkeypatch) -> None:
    lines = ["a0: &a0 [哈, 哈]"] + [f"a{i}: &a{i} [*a{i-1}, *a{i-1}]" for i in range(1, 30)]
    folder = make_brochure({"a.yaml": "\n".join(lines) + "\n"})
    monkeypatch.chdir(folder.parent)
    start = time.perf_counter()
    with pytest.raises(BuildError) as caught:
        load_brochure(Path("b"))
    assert time.perf_counter() - start < 1.0  # 2^30 laughs would take hours and all the memory
    assert [d.render() for d in caught.value.diagnostics] == [
        "b/a.yaml:2:10: error: YAML syntax: anchors and aliases (*name) are not supported"]


def test_a_loop_of_links_is_reported(make_brochure, monkeypatch) -> None:
    """Python 3.11's Path.resolve() raises RuntimeError on a cycle: it was a traceback."""
    folder = make_brochure()
    (folder / "a.yaml").unlink()
    (folder / "a.yaml").symlink_to("c.yaml")
    (folder / "c.yaml").symlink_to("a.yaml")
    monkeypatch.chdir(folder.parent)
    with pytest.raises(BuildError) as caught:
        load_brochure(Path("b"))
    assert [d.render() for d in caught.value.diagnostics] == [
        "b/brochure.yaml:5:5: error: section file 'a.yaml' is a link in a loop of links\n"
        "  hint: make the link point to a real file"]


def test_the_brochure_as_a_whole_has_a_size_limit(make_brochure, monkeypatch) -> None:
    """The real limit is 8 MB; a small one here spares the test writing 8 MB of YAML."""
    monkeypatch.setattr(yamlfile, "MAX_BROCHURE_BYTES", 300)
    section = "title: 一\nblocks:\n  - paragraph: " + "文" * 40 + "\n"  # 149 bytes
    folder = make_brochure({"brochure.yaml": "title: 测试\npublisher: 单位\ndate: '2026'\n"
                            "sections: [a.yaml, c.yaml]\n", "a.yaml": section, "c.yaml": section})
    monkeypatch.chdir(folder.parent)
    with pytest.raises(BuildError) as caught:
        load_brochure(Path("b"))
    assert [d.render() for d in caught.value.diagnostics] == [
        "b/c.yaml: error: the brochure's files add up to more than 300 bytes\n"
        "  hint: make two brochures of it"]
