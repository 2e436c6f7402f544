"""Libraries' unused regular expressions are compiled on first use, and behave as compiled ones."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from report.deferred_patterns import PIKEPDF, REPORTLAB_PLATYPUS, DeferredPattern

REPO = Path(__file__).resolve().parents[1]

FRESH_IMPORT = """\
import json, re, sys
compile_before = re.compile
import report.layout
from report.deferred_patterns import DeferredPattern, import_pikepdf
import_pikepdf()
paragraph = sys.modules["reportlab.platypus.paragraph"]
textsplit = sys.modules["reportlab.lib.textsplit"]
xmp = sys.modules["pikepdf.models.metadata._constants"]
print(json.dumps({
    "deferred": [isinstance(p, DeferredPattern) and p._compiled is None
                 for p in (paragraph.uri_pat, paragraph._hy_letters_pat, textsplit.rx,
                           sys.modules["reportlab.lib.rl_safe_eval"].__rl_unsafe_re__,
                           sys.modules["reportlab.lib.PyFontify"].matchRE, xmp.re_xml_illegal_chars)],
    "compile_restored": re.compile is compile_before,
}))
"""


def test_layout_and_output_imports_leave_the_slow_patterns_uncompiled() -> None:
    done = subprocess.run([sys.executable, "-c", FRESH_IMPORT], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert json.loads(done.stdout) == {"deferred": [True] * 6, "compile_restored": True}


def test_a_deferred_pattern_matches_as_the_compiled_one() -> None:
    source = r"(^(?:[a-z0-9.\-+]*)://)[\w.]+"
    deferred, compiled = DeferredPattern(source, re.I), re.compile(source, re.I)
    for text in ("HTTPS://Example.org/x", "mailto:someone", "ftp://石峰.cn"):
        assert repr(deferred.match(text)) == repr(compiled.match(text))
    assert deferred.split("a://b c://d") == compiled.split("a://b c://d")
    assert (deferred.pattern, deferred.flags) == (compiled.pattern, compiled.flags)


@pytest.mark.parametrize("package, deferring", [("reportlab", REPORTLAB_PLATYPUS[1]),
                                                ("pikepdf", PIKEPDF[1])])
def test_the_libraries_use_their_deferred_patterns_only_through_their_attributes(
        package: str, deferring: frozenset[str]) -> None:
    # A DeferredPattern is not an re.Pattern: re.sub(pattern, …) or isinstance would fail.
    deferred = {name: _module_level_compiles(ast.parse(_source(name))) for name in deferring}
    assert all(deferred.values())  # a new version without them: time to look again
    for file in Path(importlib.util.find_spec(package).origin).parent.rglob("*.py"):
        text = file.read_text(encoding="utf-8", errors="replace")
        if any(module.rpartition(".")[2] in text for module in deferred):
            tree = ast.parse(text)
            _assert_used_through_attributes(tree, _names_of_patterns(tree, file, deferred), file)


def _names_of_patterns(tree: ast.Module, file: Path, deferred: dict[str, set[str]]) -> set[str]:
    """The names under which the module in `file` sees deferred patterns: its own, imported ones."""
    names = set()
    for module, patterns in deferred.items():
        if file == Path(importlib.util.find_spec(module).origin):
            names |= patterns
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith(module.rpartition(".")[2]):
                names |= {alias.asname or alias.name for alias in node.names if alias.name in patterns}
    return names


def _assert_used_through_attributes(tree: ast.Module, names: set[str], file: Path) -> None:
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load):
            assert isinstance(parents[id(node)], ast.Attribute), f"{file}: {node.id} used bare"


def _source(module: str) -> str:
    return Path(importlib.util.find_spec(module).origin).read_text(encoding="utf-8")


def _module_level_compiles(tree: ast.Module) -> set[str]:
    """Names bound at module level to re.compile(…) itself (not to a method of it)."""
    names = set()
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
            function = statement.value.func
            if isinstance(function, ast.Attribute) and function.attr == "compile":
                names.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return names
