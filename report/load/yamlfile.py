"""Read one YAML file into a node tree, safely.

Safe by construction: only the SafeLoader's composer runs (no object
construction), anchors and aliases are refused (no billion-laughs expansion),
and every failure becomes a Diagnostic with the file's line and column.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.events import AliasEvent

from report.diagnostics import Collector, Location

MAX_FILE_BYTES = 8 * 1024 * 1024  # a brochure section of 8 MB is a mistake, not a section


class _NoAliasLoader(yaml.SafeLoader):
    """A SafeLoader whose composer refuses `*alias` references."""

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "anchors and aliases (*name) are not supported", event.start_mark
            )
        return super().compose_node(parent, index)


def location_of(file: Path, node: yaml.Node) -> Location:
    mark = node.start_mark
    return Location(file, mark.line + 1, mark.column + 1)


def read_yaml(path: Path, shown: Path, errors: Collector) -> yaml.Node | None:
    """Compose `path` into a node tree; report problems at `shown` (the user's name for it)."""
    text = _read_text(path, shown, errors)
    if text is None:
        return None
    if not text.strip():
        errors.error(Location(shown), "the file is empty", "write at least the required keys")
        return None
    try:
        node = yaml.compose(text, Loader=_NoAliasLoader)
    except yaml.MarkedYAMLError as exc:
        errors.error(_mark_location(shown, exc), _yaml_message(exc), _yaml_hint(exc, text))
        return None
    except RecursionError:
        errors.error(Location(shown), "the YAML is nested too deeply")
        return None
    if node is None:  # only comments or `---`
        errors.error(Location(shown), "the file holds no YAML value")
    return node


def _read_text(path: Path, shown: Path, errors: Collector) -> str | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            errors.error(Location(shown), f"the file is {size} bytes; the limit is {MAX_FILE_BYTES}")
            return None
        data = path.read_bytes()
    except OSError as exc:
        errors.error(Location(shown), f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        return data.decode("utf-8-sig")  # a leading BOM is harmless: drop it
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        errors.error(
            Location(shown, line, column),
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02X})",
            "save it as UTF-8; files saved as GBK/GB18030 must be converted",
        )
        return None


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
        return "YAML does not allow tabs for indentation: indent with spaces"
    mark = exc.problem_mark
    if mark is not None:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
            return "YAML does not allow tabs for indentation: indent with spaces"
    if "mapping values are not allowed" in problem:
        return "a text containing ': ' must be quoted, e.g. \"时间: 2021年\""
    return None
