"""The torture corpus at eight measures, with and without indent: every rule holds."""

from __future__ import annotations

import pytest

from report.layout.text import Span, TextStyle, set_lines
from tests.text import corpus
from tests.text.checks import check_all


@pytest.mark.parametrize("width_em", corpus.WIDTHS_EM)
@pytest.mark.parametrize("indent_em", [0, 2])
def test_corpus_obeys_every_rule(body: TextStyle, width_em: int, indent_em: int) -> None:
    em = body.size
    width, indent = width_em * em, indent_em * em
    failures = []
    for text in corpus.cases(width_em, indent_em):
        lines = set_lines([Span(text, body)], width, first_indent=indent)
        errors = check_all(lines, text, width, indent)
        if errors:
            failures.append(f"{text}\n  " + "\n  ".join(errors))
    assert not failures, f"{len(failures)} paragraphs break rules:\n" + "\n".join(failures[:10])


def test_corpus_in_two_styles_and_sizes(body: TextStyle, bold: TextStyle) -> None:
    """Inline runs of another font survive breaking; the checks still hold."""
    for width_em in (9, 12, 30):
        width = width_em * body.size
        for text in corpus.mixed():
            third = len(text) // 3
            spans = [Span(text[:third], body), Span(text[third:2 * third], bold),
                     Span(text[2 * third:], body)]
            lines = set_lines(spans, width, first_indent=2 * body.size)
            assert check_all(lines, text, width, 2 * body.size) == []
