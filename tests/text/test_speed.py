"""Speed guard: the engine must stay cheap per character (a 300-page brochure is the goal)."""

from __future__ import annotations

import time

from report.layout.text import Span, TextStyle, set_lines
from tests.text import corpus


def test_sets_a_seed_sized_article_quickly(body: TextStyle) -> None:
    paragraphs = corpus.mixed() * 12  # about 6,000 characters, like the seed article
    chars = sum(len(text) for text in paragraphs)
    start = time.perf_counter()
    lines = [set_lines([Span(text, body)], 20 * body.size, first_indent=2 * body.size)
             for text in paragraphs]
    elapsed = time.perf_counter() - start
    assert chars > 5000 and sum(map(len, lines)) > 250
    # Measured about 0.05 s; the bound only catches an accidental quadratic.
    assert elapsed < 1.0, f"{chars} characters took {elapsed:.2f} s"
