"""Libraries imported with their module-level regular expressions compiled on first use.

Some modules compile regular expressions when imported that a build never uses, and
some of those take long to compile (re expands a class of wide Unicode ranges
character by character):

- reportlab.platypus.paragraph, which BaseDocTemplate imports, and reportlab.lib.textsplit:
  a URL pattern with a case-insensitive class of every character up to U+FFFF takes
  35-60 ms, a tenth of a rebuild's imports. Only ReportLab's own Paragraph uses these
  patterns (hyphenation, link schemes, CJK wrapping); layout never makes one. Two more
  ReportLab modules imported with it take 1-2 ms each: rl_safe_eval (unsafe names in
  evaluated markup) and PyFontify (Python source colouring for PythonPreformatted).
- pikepdf.models.metadata._constants: the characters XML forbids, 5-9 ms, for XMP text
  that pikepdf writes; an email rebuild copies its XMP from the cache and writes none.

Such a module is imported first, here, while `re.compile` gives it a DeferredPattern,
which compiles the same pattern when first used: the same matches, later or never.
Every other caller of `re.compile` gets it as always. These libraries use the patterns
only through their methods (`uri_pat.match(...)`), which a DeferredPattern passes on;
tests/test_deferred_patterns.py checks that in the installed versions.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

# Module to import → the modules (it or ones it imports) whose module-level patterns are deferred.
REPORTLAB_PLATYPUS = ("reportlab.platypus.paragraph",
                      frozenset({"reportlab.platypus.paragraph", "reportlab.lib.textsplit",
                                 "reportlab.lib.rl_safe_eval", "reportlab.lib.PyFontify"}))
PIKEPDF = ("pikepdf", frozenset({"pikepdf.models.metadata._constants"}))


class DeferredPattern:
    """A regular expression that is compiled when one of its methods or attributes is first used."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str) -> Any:  # only called for what the instance does not have
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)


def import_reportlab_platypus() -> None:
    """ReportLab's platypus (all of it: its package imports every module) and paragraph patterns deferred."""
    _import_deferring_patterns(*REPORTLAB_PLATYPUS)


def import_pikepdf() -> None:
    """pikepdf, with the XMP text pattern deferred."""
    _import_deferring_patterns(*PIKEPDF)


def _import_deferring_patterns(module: str, deferring: frozenset[str]) -> None:
    if module in sys.modules:
        return  # imported already, by someone else: nothing is lost but the time
    compile_now = re.compile

    def compile_later(pattern: Any, flags: int = 0) -> Any:
        if sys._getframe(1).f_globals.get("__name__") in deferring:
            return DeferredPattern(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_later
    try:
        importlib.import_module(module)
    finally:
        re.compile = compile_now
