"""YAML read through libyaml gives the very node trees, and errors, of PyYAML's pure-Python parser.

The loader composes with libyaml's events when it can (nine times faster) and
falls back to PyYAML for anything libyaml reads otherwise or cannot read;
these tests compare the two ways on every YAML file of the project, every
YAML text of the bad-input tests, edge cases and random YAML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from report.load import yamlfile
from tests import conftest
from tests.e2e import test_bad_input
from tests.load import test_data_diagnostics, test_diagnostics

needs_libyaml = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml: one way only")


def shape(node: yaml.Node | None) -> object:
    """Everything the loader reads from a node tree: kinds, tags, values, styles and positions.

    `flow_style` is reduced to flow or block: PyYAML says None for a sequence
    written at its key's indentation, libyaml False; nothing reads the difference.
    """
    if node is None:
        return None
    start, end = node.start_mark, node.end_mark
    head = (type(node).__name__, node.tag, (start.line, start.column), (end.line, end.column))
    if isinstance(node, yaml.ScalarNode):
        return (*head, node.style, node.value)
    if isinstance(node, yaml.SequenceNode):
        return (*head, bool(node.flow_style), [shape(item) for item in node.value])
    return (*head, bool(node.flow_style), [(shape(key), shape(value)) for key, value in node.value])


def pure(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=yamlfile._BoundedLoader)


def outcome(compose, text: str) -> object:  # noqa: ANN001
    try:
        return shape(compose(text))
    except yaml.YAMLError as exc:  # the message holds PyYAML's marks (with a snippet) or libyaml's
        return f"{type(exc).__name__}: {exc}"


def takes_libyaml(text: str) -> bool:
    return yamlfile._libyaml_may_read(text)


REPO = Path(__file__).resolve().parents[2]
PROJECT_FILES = sorted(p for folder in ("data", "examples") for p in (REPO / folder).rglob("*.y*ml"))


@needs_libyaml
@pytest.mark.parametrize("path", PROJECT_FILES, ids=lambda path: str(path.relative_to(REPO)))
def test_libyaml_reads_every_project_file_as_pyyaml_does(path: Path) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    assert takes_libyaml(text)  # none of them needs the slow way
    fast = yaml.compose(text, Loader=yamlfile._LibyamlLoader)
    assert shape(fast) == shape(pure(text))
    assert fast.start_mark.buffer is None  # libyaml's marks carry no text: these were libyaml's nodes


def fixture_texts() -> dict[str, str]:
    """Every YAML text the bad-input tests write, by case and file name."""
    cases = {**test_diagnostics.CASES, **test_data_diagnostics.CASES, **test_bad_input.LAYOUT_CASES}
    texts = {"conftest manifest": conftest.MANIFEST, "conftest section": conftest.SECTION,
             "data manifest": test_data_diagnostics.MANIFEST}
    for case, (files, _) in cases.items():
        for name, content in files.items():
            if not name.endswith((".yaml", ".yml")) or len(content) > yamlfile.MAX_FILE_BYTES:
                continue  # read_yaml refuses a file over the limit before composing it
            if isinstance(content, bytes):
                try:
                    content = content.decode("utf-8-sig")
                except UnicodeDecodeError:
                    continue  # refused before composing too
            texts[f"{case}: {name}"] = content
    return texts


FIXTURES = fixture_texts()


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_composes_or_fails_as_with_pyyaml(name: str) -> None:
    text = FIXTURES[name]
    assert outcome(yamlfile._compose, text) == outcome(pure, text)


# (text, whether libyaml reads it without an error); each must come out as PyYAML has it.
EDGE_CASES = {
    "Chinese, a character outside the BMP, markup": (
        "title: 中文𠂇x\nblocks:\n  - paragraph: 甲乙 丙 **丁**\n", True),
    "CRLF line ends": ("title: 一\r\nblocks:\r\n  - paragraph: 正文，\r\n      续行\r\n", True),
    "CR line ends": ("title: 一\rblocks: []\r", True),
    "YAML 1.1 booleans, numbers and dates": ("a: yes\nb: NO\nc: on\nd: off\ne: 1.10\nf: 08\ng: 0x1F\n"
                                             "h: 2026-01-01\ni: ~\nj: true\n", True),
    "quoted, folded and literal text": (
        "a: '一''二'\nb: \"\\u4e2d\\t\"\nc: >-\n  一\n  二\n\nd: |\n  三\n", True),
    "flow collections": ("a: [一, 二, {k: 三}]\nb: {x: 1, y: [2]}\n", True),
    "comments only": ("# 还没写\n", True),
    "a key of 1,100 characters": ("文" * 1100 + ": 一\n", False),  # too long for a key: an error
    "a BOM after the one read_yaml drops": ("\ufefftitle: 一\n", False),
    "a BOM inside": ("a: 一\n\ufeffb: 二\n", False),
    "a tab after a value": ("a: 一\t# 注\n", False),
    "a tab after a colon": ("a:\t一\n", False),
    "a tab in quotes": ("a: \"一\t二\"\n", False),
    "NEL, LS and PS line breaks": ("a: 一\x85b: 二\u2028c: 三\u2029\n", False),
    "no line break at the end": ("title: 一\nblocks:\n  - paragraph:", False),
    "spaces after the last line break": ("a:\n  - b\n  ", False),
    "an empty value": ("a:\nb: [c: ]\n", False),
    "an empty value in a flow mapping": ("a: {b: , c: 1}\n", False),
    "a question mark in a flow collection": ("a: [为什么 ?]\n", False),
    "a comment right after a block indicator": ("a: >#\n  一\n", False),
    "tags": ("a: !x 一\nb: !!str 1\nc: ! 2\n", False),
    "a tag libyaml ends elsewhere": ("[!a, b]\n", False),
    "a tag PyYAML refuses": ("a: !?!x b\n", False),
    "an anchor without an alias": ("a: &x 一\n", False),
    "an alias": ("a: &x 一\nb: *x\n", False),
    "deep nesting": ("a: " + "[" * 60 + "]" * 60 + "\n", False),
    "a control character": ("a: 一\x07\n", False),
    "an unpaired quote": ("a: '一\n", False),
    "two documents": ("a: 1\n---\nb: 2\n", False),
    "an empty document": ("---\n", False),
    "%YAML 1.3": ("%YAML 1.3\n---\na: 1\n", False),
}


@pytest.mark.parametrize("name", EDGE_CASES)
def test_edge_cases_compose_or_fail_as_with_pyyaml(name: str) -> None:
    text, _ = EDGE_CASES[name]
    assert outcome(yamlfile._compose, text) == outcome(pure, text)


@needs_libyaml
@pytest.mark.parametrize("name", [name for name, (_, fast) in EDGE_CASES.items() if fast])
def test_edge_cases_libyaml_reads_are_read_by_libyaml(name: str) -> None:
    text, _ = EDGE_CASES[name]
    assert takes_libyaml(text)
    assert outcome(lambda t: yaml.compose(t, Loader=yamlfile._LibyamlLoader), text) == outcome(pure, text)


@needs_libyaml
def test_libyaml_errors_are_reported_in_pyyaml_words() -> None:
    text = "title: 一\nblocks:\n  - paragraph: [未闭合\n"
    with pytest.raises(yaml.YAMLError) as libyaml_error:
        yaml.compose(text, Loader=yamlfile._LibyamlLoader)
    with pytest.raises(yaml.YAMLError) as pyyaml_error:
        pure(text)
    with pytest.raises(yaml.YAMLError) as error:
        yamlfile._compose(text)
    assert str(error.value) == str(pyyaml_error.value) != str(libyaml_error.value)


# Random brochure-like YAML: trees dumped in every style, then cut and spliced with YAML's
# own punctuation, CRLF or LF. Either way must give the same tree or the same error.
HAN = st.integers(0x4E00, 0x9FFF).map(chr)
MARKS = st.sampled_from(list("，。：？！“”*{}|\\#@&!%'\"-?:[],>` \n\u3000\xa0𠂇~"))
TEXT = st.text(st.one_of(HAN, MARKS, st.characters(min_codepoint=0x20, max_codepoint=0x7E)), max_size=30)
TRAPS = st.sampled_from(["NO", "yes", "1.10", "08", "0x1F", "2026-01-01", "~", "", " ", "- a", "a: b"])
SCALAR = st.one_of(TEXT, TEXT, st.integers(), st.booleans(), st.none(), TRAPS)
TREE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                    st.dictionaries(TEXT, inner, max_size=4)), max_leaves=15)
SPLICE = st.sampled_from([" ", "\n", "\r\n", ":", ": ", "- ", "? ", ",", "[", "]", "{", "}", "#", " #",
                          "'", '"', "\\", "|", ">", "&a ", "*a", "!", "---\n", "...\n", "\t", "\ufeff", "?",
                          "\n  "])


@given(tree=TREE, flow=st.sampled_from([False, True, None]),
       style=st.sampled_from([None, None, "'", '"', "|", ">"]), indent=st.integers(2, 6),
       width=st.integers(10, 100), splices=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), SPLICE),
                                                     max_size=3), newline=st.sampled_from(["\n", "\r\n"]))
def test_random_yaml_composes_or_fails_as_with_pyyaml(tree, flow, style, indent, width, splices,  # noqa: ANN001
                                                      newline) -> None:
    text = yaml.dump(tree, allow_unicode=True, default_flow_style=flow, default_style=style, indent=indent,
                     width=width, sort_keys=False)
    for where, cut, splice in splices:
        at = int(where * len(text))
        text = text[:at] + splice + text[at + cut:]
    text = text.replace("\n", newline)
    assert outcome(yamlfile._compose, text) == outcome(pure, text)
