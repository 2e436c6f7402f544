"""Read one YAML file into a node tree, safely and within bounds.

Safe by construction: only the SafeLoader's composer runs (no object
construction), anchors and aliases are refused (no billion-laughs expansion),
nesting is capped (no RecursionError), files are size-limited (composing
PyYAML nodes costs about 8 s and 100 MB per MB of YAML), and every failure
becomes a Diagnostic with the file's line and column.

Fast when it can be: with libyaml, the same composer reads libyaml's events
(about 9 times faster than PyYAML's pure-Python scanner and parser). The two
word their errors differently and read a few things differently, so a text
libyaml fails on, or holding one of those things, is composed again by the
pure-Python parser: every diagnostic is PyYAML's, and so is every node tree
as far as the loader reads it (tests/load/test_yamlfile.py compares them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import AliasEvent

from report.diagnostics import Collector, Location

MAX_FILE_BYTES = 1024 * 1024  # 1 MB of YAML is some 350,000 Chinese characters: a whole book
MAX_BROCHURE_BYTES = 8 * 1024 * 1024  # all files of one brochure together
MAX_DEPTH = 50  # a brochure needs about 5 levels; PyYAML's composer recurses per level
_TAB_HINT = "YAML does not allow tabs for indentation: indent with spaces"


@dataclass
class ReadBudget:
    """How many bytes the brochure's remaining files may still take."""

    left: int = field(default_factory=lambda: MAX_BROCHURE_BYTES)


class _BoundedComposer(yaml.composer.Composer):
    """A composer that refuses `*alias` references and deep nesting."""

    depth = 0  # of the node being composed

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (*name) are not supported", event.start_mark
            )
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"more than {MAX_DEPTH} levels of nesting",
                self.peek_event().start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _BoundedLoader(_BoundedComposer, yaml.SafeLoader):
    """PyYAML's pure-Python reader, scanner and parser under the bounded composer."""


class _UnlikePyYAML(yaml.MarkedYAMLError):
    """libyaml would read this node differently from PyYAML."""


def _read_unlike_pyyaml(event: yaml.Event, parent: yaml.Node | None) -> bool:
    """Whether libyaml may have made this node otherwise than PyYAML would.

    Where the two parsers follow rules of their own: tags and anchors (libyaml
    allows other characters in them: `[!a, b]` is two items for libyaml, one
    for PyYAML), an empty value (`key:`; in a flow collection libyaml places
    it elsewhere), and a `?` in a plain scalar of a flow collection (libyaml
    keeps it in the text, PyYAML ends the scalar there). No good brochure has any.
    """
    if event.anchor is not None or getattr(event, "tag", None) is not None:
        return True
    if not isinstance(event, yaml.ScalarEvent) or event.style != "":
        return False
    return event.value == "" or ("?" in event.value and parent is not None and parent.flow_style)


# libyaml and PyYAML read these differently: a tab (libyaml allows more of them), a BOM that is
# not the first character, the Unicode line breaks, a comment right after a block scalar's `|` or
# `>` (libyaml's only). A text holding one goes to PyYAML, which defines the format.
_LIBYAML_DIFFERS = re.compile("[\t\ufeff\x85\u2028\u2029]|[|>][-+0-9]*#")


if yaml.__with_libyaml__:

    class _LibyamlLoader(_BoundedComposer, yaml.cyaml.CParser, yaml.resolver.Resolver):
        """libyaml's scanner and parser (C) under the same bounded composer (Python).

        Not CSafeLoader's own composer: that one recurses in C, where a deep
        nesting would overflow the stack before any limit could be checked.
        """

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
            event = self.peek_event()
            if _read_unlike_pyyaml(event, parent):
                raise _UnlikePyYAML(None, None, "left to PyYAML", event.start_mark)
            return super().compose_node(parent, index)

        def compose_scalar_node(self, anchor):  # noqa: ANN001, ANN201 - PyYAML's signature
            node = super().compose_scalar_node(anchor)
            if node.style == "":  # libyaml's plain style; PyYAML's is None, which nodes.py tests
                node.style = None
            return node


def location_of(file: Path, node: yaml.Node) -> Location:
    mark = node.start_mark
    return Location(file, mark.line + 1, mark.column + 1)


def read_yaml(path: Path, shown: Path, errors: Collector, budget: ReadBudget | None = None
              ) -> yaml.Node | None:
    """Compose `path` into a node tree; report problems at `shown` (the user's name for it)."""
    text = read_text(path, shown, errors, budget or ReadBudget())
    return None if text is None else compose_text(text, shown, errors)


def compose_text(text: str, shown: Path, errors: Collector) -> yaml.Node | None:
    """The node tree of a file's `text` (read_text's); problems are reported at `shown`."""
    if not text.strip():
        errors.error(Location(shown), "the file is empty", "write at least the required keys")
        return None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        errors.error(_mark_location(shown, exc), _yaml_message(exc), _yaml_hint(exc, text))
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, e.g. a raw control character
        errors.error(_position_location(shown, text, exc.position),
                     f"the file contains the character U+{exc.character:04X}, which YAML does not allow",
                     "delete it; it often comes from copying text out of a web page or PDF")
        return None
    if node is None:  # only comments or `---`
        errors.error(Location(shown), "the file holds no YAML value")
    return node


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`: through libyaml when it reads `text` as PyYAML does, else PyYAML."""
    if _libyaml_may_read(text):
        try:
            return yaml.compose(text, Loader=_LibyamlLoader)
        except yaml.YAMLError:
            pass  # composed again below, for PyYAML's message and position
    return yaml.compose(text, Loader=_BoundedLoader)


def _libyaml_may_read(text: str) -> bool:
    """Whether libyaml is installed and `text` holds nothing it is known to read otherwise.

    libyaml ends an unended last line itself, so a value at the very end of a
    text without a final line break would be placed on the next line.
    """
    return yaml.__with_libyaml__ and text.endswith(("\n", "\r")) and not _LIBYAML_DIFFERS.search(text)


def read_text(path: Path, shown: Path, errors: Collector, budget: ReadBudget) -> str | None:
    """The text of a YAML file, within the size limits, or None (the problem reported)."""
    try:
        with path.open("rb") as file:  # never more than the limit, whatever stat() said
            data = file.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            errors.error(Location(shown), f"the file is {path.stat().st_size:,} bytes; "
                         f"the limit is {MAX_FILE_BYTES:,}", "split it into several section files")
            return None
    except OSError as exc:
        errors.error(Location(shown), f"cannot read the file: {exc.strerror or exc}")
        return None
    if len(data) > budget.left:
        errors.error(Location(shown), "the brochure's files add up to more than "
                     f"{MAX_BROCHURE_BYTES:,} bytes", "make two brochures of it")
        return None
    budget.left -= len(data)
    try:
        return data.decode("utf-8-sig")  # a leading BOM is harmless: drop it
    except UnicodeDecodeError as exc:
        errors.error(_byte_location(shown, data, exc.start),
                     f"the file is not UTF-8 (byte 0x{data[exc.start]:02X})", _encoding_hint(data))
        return None


def _byte_location(shown: Path, data: bytes, offset: int) -> Location:
    """Line and column of byte `offset`, the column counted in characters as editors do."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    before = data[line_start:offset].decode("utf-8-sig" if line_start == 0 else "utf-8")
    return Location(shown, data.count(b"\n", 0, offset) + 1, len(before) + 1)


def _encoding_hint(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "the file is UTF-16 (Windows 'Unicode'): save it as UTF-8"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return "save it as UTF-8"
    return "it looks like GBK/GB18030: save it as UTF-8 (e.g. iconv -f GB18030 -t UTF-8)"


def _position_location(shown: Path, text: str, position: int) -> Location:
    line_start = text.rfind("\n", 0, position) + 1
    return Location(shown, text.count("\n", 0, position) + 1, position - line_start + 1)


def _mark_location(shown: Path, exc: yaml.MarkedYAMLError) -> Location:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Location(shown)
    return Location(shown, mark.line + 1, mark.column + 1)


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "YAML syntax: " + "; ".join(parts) if parts else "YAML syntax error"


def _yaml_hint(exc: yaml.MarkedYAMLError, text: str) -> str | None:
    problem = exc.problem or ""
    if "\t" in problem or "tab" in problem:
        return _TAB_HINT
    mark = exc.problem_mark
    if mark is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            return _TAB_HINT
    if "mapping values are not allowed" in problem:
        return "a text containing ': ' must be quoted, e.g. \"时间: 2021年\""
    if "expected a single document" in (exc.context or ""):
        return "a file holds one document: remove the '---' line"
    return None
