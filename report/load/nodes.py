"""Typed reading of YAML nodes: mappings, text, booleans, numbers, lengths.

YAML 1.1 surprises never reach the model: scalars are read from the node's
source text by the type the schema expects, so `NO` stays the text "NO",
`1.10` stays "1.10", and only `true`/`false` are booleans.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from report.diagnostics import Collector, Location, shown

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|pt|in)\s*$")
# One or more spaces with a Chinese character (Han, CJK mark, full-width form) on either side.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
_SPACE_NEAR_CJK = re.compile(f"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
# Every right-to-left character (bidirectional class R or AL) lies in these blocks: Hebrew to
# Arabic Extended-A, the RLM, the presentation forms, the right-to-left areas of plane 1. The
# test of this module checks it against the whole Unicode database of the running Python.
_RIGHT_TO_LEFT_BLOCKS = re.compile("[\u0590-\u08ff\u200f\ufb1d-\ufdff\ufe70-\ufeff"
                                   "\U00010800-\U00010fff\U0001e800-\U0001efff]")
MAX_TEXT_CHARS = 100_000  # one text value; lays out in about 5 s (some 50 pages)
_UNIT_PT = {"mm": 72 / 25.4, "cm": 72 / 2.54, "pt": 1.0, "in": 72.0}
_NODE_KIND = {
    yaml.MappingNode: "a mapping (key: value)",
    yaml.SequenceNode: "a list",
    yaml.ScalarNode: "a single value",
}


@dataclass(frozen=True)
class Field:
    node: yaml.Node  # the value
    key: yaml.Node  # the key, for "missing"/"unknown" messages


class NodeReader:
    """Reads nodes of one file, reporting every problem into `errors`."""

    def __init__(self, file: Path, errors: Collector) -> None:
        self.file = file
        self.errors = errors

    def loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def error(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        self.errors.error(self.loc(node), message, hint)

    def mapping(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Field] | None:
        """The keys of a mapping node, after checking duplicates, unknown and missing keys."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} must be {_NODE_KIND[yaml.MappingNode]}, not {_kind(node)}")
            return None
        fields: dict[str, Field] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self.error(key, f"a key in {what} must be a plain name")
                continue
            if key.value in fields:
                first = self.loc(fields[key.value].key)
                self.error(key, f"duplicate key '{key.value}' in {what}",
                           f"the first '{key.value}' is at line {first.line}")
                continue
            if key.value not in allowed:
                self.error(key, f"unknown key '{shown(key.value)}' in {what}",
                           did_you_mean(key.value, allowed, "allowed keys"))
                continue
            fields[key.value] = Field(value, key)
        for name in required:
            if name not in fields:
                self.error(node, f"{what} is missing the required key '{name}'")
        return fields

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} must be {_NODE_KIND[yaml.SequenceNode]}, not {_kind(node)}",
                       "write one item per line, each starting with '- '")
            return None
        return list(node.value)

    def text(self, node: yaml.Node, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} must be text, not {_kind(node)}")
            return None
        if node.style is None and node.tag.endswith(":null"):
            self.error(node, f"{what} is empty")
            return None
        value = join_lines(node.value)
        if not value.strip():
            self.error(node, f"{what} is empty")
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.error(node, f"{what} is {len(value):,} characters long; the limit is {MAX_TEXT_CHARS:,}",
                       "split it into several shorter texts, e.g. paragraphs")
            return None
        return value if self._settable(node, value, what) else None

    def _settable(self, node: yaml.Node, value: str, what: str) -> bool:
        """Whether every character can reach paper: none invisible, none right-to-left."""
        bad = _first_invisible(value)
        if bad is not None:
            self.error(node, f"{what} contains the invisible character {_code(bad)}",
                       "delete it; it often comes from copying text out of a web page or PDF")
            return False
        bad = _first_right_to_left(value)
        if bad is not None:
            # The text engine sets left to right and shapes nothing: Hebrew or Arabic would
            # come out reversed and unjoined, so it is refused rather than printed wrong.
            self.error(node, f"{what} contains right-to-left text: '{bad}' {_code(bad)}",
                       "only left-to-right scripts can be set; remove it or write it in Latin letters")
            return False
        return True

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in ("true", "false"):
            return node.value == "true"
        self.error(node, f"{what} must be true or false", _bool_hint(node))
        return None

    def integer(self, node: yaml.Node, what: str, low: int, high: int) -> int | None:
        value = self.number(node, what, low, high)
        if value is not None and value != int(value):
            self.error(node, f"{what} must be a whole number from {low} to {high}")
            return None
        return None if value is None else int(value)

    def number(self, node: yaml.Node, what: str, low: float, high: float) -> float | None:
        value = None
        if isinstance(node, yaml.ScalarNode) and node.style is None:
            try:
                value = float(node.value)
            except ValueError:
                value = None
        if value is None or not low <= value <= high:
            self.error(node, f"{what} must be a number from {low:g} to {high:g}")
            return None
        return value

    def length(self, node: yaml.Node, what: str) -> float | None:
        """A length such as `20mm`, `1.5cm`, `12pt`, returned in points."""
        match = _LENGTH.match(node.value) if isinstance(node, yaml.ScalarNode) else None
        if not match:
            self.error(node, f"{what} must be a length such as 20mm, 2cm or 56pt")
            return None
        return float(match.group(1)) * _UNIT_PT[match.group(2)]


def kept_spans(line: str) -> list[tuple[int, int]]:
    """Where the characters join_lines keeps of a one-line text are: (start, end) of each stretch."""
    start, end = len(line) - len(line.lstrip()), len(line.rstrip())
    spans = []
    for space in _SPACE_NEAR_CJK.finditer(line, start, end):
        spans.append((start, space.start()))
        start = space.end()
    spans.append((start, end))
    return [(start, end) for start, end in spans if start < end]


def join_lines(text: str) -> str:
    """Text as a reader means it: YAML's line folding undone between Chinese characters.

    YAML turns each line break of a long text into a space; Chinese has no
    spaces between words, and the text engine adds its own Han–Latin spacing,
    so a space next to a Chinese character is dropped (as xeCJK does).
    """
    text = " ".join(line.strip() for line in text.split("\n") if line.strip())
    return _SPACE_NEAR_CJK.sub("", text)


def _first_invisible(value: str) -> str | None:
    if value.isprintable():  # no character of the categories Other and Separator but the space
        return None
    return next((char for char in value if _invisible(char)), None)


def _first_right_to_left(value: str) -> str | None:
    block = _RIGHT_TO_LEFT_BLOCKS.search(value)
    if block is None:
        return None
    return next((char for char in value[block.start():] if _right_to_left(char)), None)


def _right_to_left(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def _invisible(char: str) -> bool:
    """Control, format (zero-width, bidi override), unassigned characters and the line and
    paragraph separators never reach paper."""
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


_UNNAMED = {"Cc": "control character", "Cn": "unassigned code point", "Co": "private use character",
            "Cs": "lone surrogate"}


def _code(char: str) -> str:
    name = unicodedata.name(char, "") or _UNNAMED.get(unicodedata.category(char), "unnamed")
    return f"U+{ord(char):04X} ({name})"


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return "empty"
    return _NODE_KIND.get(type(node), "something else")


def did_you_mean(name: str, allowed: Sequence[str], listing: str, cutoff: float = 0.5) -> str:
    """The hint for an unknown name: the nearest allowed one, or `listing: a, b, c`."""
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=cutoff)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"{listing}: " + ", ".join(allowed)


def _bool_hint(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.value.lower() in ("yes", "no", "on", "off", "y", "n"):
        return f"write true or false; '{node.value}' is ambiguous"
    return None
