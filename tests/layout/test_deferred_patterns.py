"""ReportLab's paragraph patterns are compiled on first use, and behave as compiled ones."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

from report.layout.deferred_patterns import DEFERRING_MODULES, DeferredPattern

REPO = Path(__file__).resolve().parents[2]

FRESH_IMPORT = """\
import json, re, sys
compile_before = re.compile
import report.layout
from report.layout.deferred_patterns import DeferredPattern
paragraph = sys.modules["reportlab.platypus.paragraph"]
textsplit = sys.modules["reportlab.lib.textsplit"]
print(json.dumps({
    "deferred": [isinstance(p, DeferredPattern) and p._compiled is None
                 for p in (paragraph.uri_pat, paragraph._hy_letters_pat, textsplit.rx)],
    "compile_restored": re.compile is compile_before,
}))
"""


def test_a_layout_import_leaves_reportlab_paragraph_patterns_uncompiled() -> None:
    done = subprocess.run([sys.executable, "-c", FRESH_IMPORT], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert json.loads(done.stdout) == {"deferred": [True, True, True], "compile_restored": True}


def test_a_deferred_pattern_matches_as_the_compiled_one() -> None:
    source = r"(^(?:[a-z0-9.\-+]*)://)[\w.]+"
    deferred, compiled = DeferredPattern(source, re.I), re.compile(source, re.I)
    for text in ("HTTPS://Example.org/x", "mailto:someone", "ftp://石峰.cn"):
        assert repr(deferred.match(text)) == repr(compiled.match(text))
    assert deferred.split("a://b c://d") == compiled.split("a://b c://d")
    assert (deferred.pattern, deferred.flags) == (compiled.pattern, compiled.flags)


def test_reportlab_uses_its_deferred_patterns_only_through_their_attributes() -> None:
    # A DeferredPattern is not an re.Pattern: re.sub(pattern, …) or isinstance would fail.
    deferred = {}
    for name in DEFERRING_MODULES:
        tree = ast.parse(_source(name))
        deferred[name] = patterns = _module_level_compiles(tree)
        parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id in patterns and isinstance(node.ctx, ast.Load):
                assert isinstance(parents[id(node)], ast.Attribute), f"{name}: {node.id} used bare"
    assert "uri_pat" in deferred["reportlab.platypus.paragraph"]  # the one that takes the time
    for file in Path(importlib.util.find_spec("reportlab").origin).parent.rglob("*.py"):
        text = file.read_text(encoding="utf-8", errors="replace")
        for name, patterns in deferred.items():
            if name in text:  # nowhere else is a deferred pattern imported by its name
                for node in ast.walk(ast.parse(text)):
                    if isinstance(node, ast.ImportFrom) and node.module == name:
                        assert not patterns & {alias.name for alias in node.names}, file


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
