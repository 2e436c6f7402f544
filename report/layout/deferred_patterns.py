"""ReportLab's paragraph module, imported with its regular expressions compiled on first use.

BaseDocTemplate, which every layout pass uses, imports reportlab.platypus.paragraph,
and that module and reportlab.lib.textsplit (which it imports) compile their regular
expressions when imported. One of them, a URL pattern with a case-insensitive class
of every character up to U+FFFF, takes 35-60 ms to compile: a tenth of the imports
of a rebuild. Only ReportLab's own Paragraph uses these patterns (hyphenation, link
schemes, CJK wrapping), and layout never makes one: our text engine sets every line.

So the layout package imports that module first, here, while `re.compile` gives those
two modules a DeferredPattern, which compiles the same pattern when first used: the
same matches, later or never. Every other caller of `re.compile` gets it as always.
ReportLab 5.1 uses these patterns only through their methods (`uri_pat.match(...)`),
which a DeferredPattern passes on; tests/layout/test_deferred_patterns.py checks that.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

PARAGRAPH_MODULE = "reportlab.platypus.paragraph"
# The modules whose module-level patterns are deferred; the first imports the second.
DEFERRING_MODULES = frozenset({PARAGRAPH_MODULE, "reportlab.lib.textsplit"})


class DeferredPattern:
    """A regular expression that is compiled when one of its methods or attributes is first used."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str) -> Any:  # only called for what the instance does not have
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)


def import_paragraph_module() -> None:
    """Import reportlab.platypus.paragraph with its patterns deferred, unless it is imported."""
    if PARAGRAPH_MODULE in sys.modules:
        return  # someone imported ReportLab's platypus first: nothing is lost but the time
    compile_now = re.compile

    def compile_later(pattern: Any, flags: int = 0) -> Any:
        if sys._getframe(1).f_globals.get("__name__") in DEFERRING_MODULES:
            return DeferredPattern(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_later
    try:
        importlib.import_module(PARAGRAPH_MODULE)
    finally:
        re.compile = compile_now
