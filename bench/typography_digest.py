"""A fingerprint of the engine's typography, to prove that a speed-up changed nothing.

    python bench/typography_digest.py          # prints one sha256 per corpus and a total

Sets the whole torture corpus (tests/text/corpus.py: every measure, with and
without indent, plus the mixed paragraphs in two styles) and the 石峰 body
paragraphs, and hashes every line's text, glyph positions, runs and widths
(floats by repr, so any change in the last bit shows). Run it before and after
an optimisation: the digests must be equal. A deliberate typographic change
changes them; say so in the commit.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    from tests.text.conftest import register_fonts

    register_fonts()
    total = hashlib.sha256()
    for name, lines in (("torture", torture()), ("shifeng", shifeng())):
        digest = hashlib.sha256()
        count = 0
        for line in lines:
            data = repr(line).encode()
            digest.update(data)
            total.update(data)
            count += 1
        print(f"{name:8} {count:6} lines  {digest.hexdigest()}")
    print(f"{'total':8} {'':12}  {total.hexdigest()}")
    return 0


def torture() -> Iterator[object]:
    from report.layout.text import Span, TextStyle, set_lines
    from tests.text import corpus

    body, bold = TextStyle("TextSerif", 10.5), TextStyle("TextSerifBold", 10.5, (0.6, 0.0, 0.0))
    for width_em in corpus.WIDTHS_EM:
        for indent_em in (0, 2):
            for text in corpus.cases(width_em, indent_em):
                yield from set_lines([Span(text, body)], width_em * body.size,
                                     first_indent=indent_em * body.size)
    for width_em in (9, 12, 30):
        for text in corpus.mixed():
            third = len(text) // 3
            spans = [Span(text[:third], body), Span(text[third:2 * third], bold),
                     Span(text[2 * third:], body)]
            yield from set_lines(spans, width_em * body.size, first_indent=2 * body.size)


def shifeng() -> Iterator[object]:
    from report.layout.text import Span, TextStyle, set_lines
    from report.load import load_brochure
    from report.model import Paragraph

    body = TextStyle("TextSerif", 10.5)
    brochure = load_brochure(REPO / "data" / "shifeng")
    for section in brochure.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                for width_em in (12, 25):
                    yield from set_lines([Span(block.text.plain, body)], width_em * body.size,
                                         first_indent=2 * body.size)


if __name__ == "__main__":
    raise SystemExit(main())
