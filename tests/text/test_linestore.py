"""Set lines kept by content (linestore.py) and set ahead by a helper process (prefetch.py).

What is kept or handed over must be exactly what set_lines returns, to the
last bit of every float: the PDF of a layout that used the store or a helper
is compared byte for byte with one that set every paragraph itself
(tests/e2e/test_cache.py).
"""

from __future__ import annotations

import os
import time

import pytest

from report.layout.text import Span, TextBlock, TextStyle, set_lines
from report.layout.text.linestore import LineStore, decode, encode, lines_key, storing_lines
from report.layout.text.prefetch import _INDEX, _SETTING, Prefetch
from tests.text.corpus import mixed

WIDTH = 231.0


@pytest.fixture(scope="module")
def paragraphs(body: TextStyle) -> list[list[Span]]:
    bold = TextStyle("TextSerifBold", 10.5, (0.2, 0.3, 0.4))
    out = [[Span(text, body)] for text in mixed()]
    out.append([Span("石峰区", body), Span("新石峰", bold, "part-1"), Span("走出了一条新路子。", body)])
    out.append([Span("第一行\n第二行\n", body)])
    return out


def test_encoded_lines_decode_to_the_same_lines(paragraphs: list[list[Span]]) -> None:
    for spans in paragraphs:
        for width in (84.0, WIDTH):
            lines = set_lines(spans, width, first_indent=21.0)
            assert decode(encode(lines)) == lines  # every field, every float exactly


def test_a_store_sets_a_paragraph_once_and_keeps_it_for_the_next_layout(paragraphs) -> None:
    store = LineStore()
    first = [store.lines(spans, WIDTH, 21.0, "justify") for spans in paragraphs]
    again = [store.lines(spans, WIDTH, 21.0, "justify") for spans in paragraphs]
    assert first == again == [set_lines(s, WIDTH, first_indent=21.0) for s in paragraphs]
    assert (store.misses, store.hits) == (len(paragraphs), len(paragraphs))
    narrower = store.lines(paragraphs[0], 84.0, 21.0, "justify")  # another width: another key
    assert store.misses == len(paragraphs) + 1 and narrower != first[0]
    later = LineStore(store.used)  # as the next build reads it back
    assert later.lines(paragraphs[1], WIDTH, 21.0, "justify") == first[1] and later.misses == 0


def test_a_store_that_does_not_keep_remembers_nothing(paragraphs) -> None:
    store = LineStore(keep=False)
    for _ in range(2):
        store.lines(paragraphs[0], WIDTH, 21.0, "justify")
    assert store.misses == 2 and store.used == {}


def test_a_block_is_set_the_same_whatever_the_last_bit_of_its_width(body: TextStyle) -> None:
    # A frame's width is (x + width) - x: 231.00000000000003 on one page side, 231.0 on the other.
    spans = [Span(mixed()[3], body)]
    expected = set_lines(spans, WIDTH, first_indent=21.0)
    for width in (WIDTH, 231.00000000000003, 230.99999999999997):
        block = TextBlock(spans, leading=18.0, first_indent=21.0)
        block.wrap(width, 1000.0)
        assert block.lines == expected


def test_text_blocks_take_their_lines_from_the_active_store(body: TextStyle) -> None:
    spans = [Span(mixed()[0], body)]
    store = LineStore()
    with storing_lines(store):
        TextBlock(spans, leading=18.0).wrap(WIDTH, 1000.0)
        TextBlock(spans, leading=18.0).wrap(WIDTH, 1000.0)
    assert (store.misses, store.hits) == (1, 1)


# --- the helper process ------------------------------------------------------------------------


def test_the_helper_sends_exactly_what_set_lines_gives(paragraphs) -> None:
    keys = [lines_key(spans, WIDTH, 21.0, "justify") for spans in paragraphs]
    helper = Prefetch(keys)
    try:
        deadline = time.monotonic() + 60
        while helper.pipe is not None and time.monotonic() < deadline:  # until it is done
            helper._read()
            time.sleep(0.01)
        assert len(helper.ready) == len(set(keys))  # it never saw the layout move: it did all
        for index, spans in enumerate(paragraphs):
            assert decode(helper.take(keys[index])) == set_lines(spans, WIDTH, first_indent=21.0)
    finally:
        helper.close()


def test_the_helper_stops_where_the_layout_is_and_is_gone_after(paragraphs) -> None:
    keys = [lines_key(spans, WIDTH, 21.0, "justify") for spans in paragraphs]
    store = LineStore(keep=False)
    with storing_lines(store):
        store.supplier = helper = Prefetch(keys)
        pid = helper.pid
        got = [store.lines(spans, WIDTH, 21.0, "justify") for spans in paragraphs]
    assert got == [set_lines(spans, WIDTH, first_indent=21.0) for spans in paragraphs]
    assert store.misses + store.supplied == len(paragraphs)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie, no process left behind


def test_a_layout_that_fails_still_ends_the_helper(paragraphs) -> None:
    keys = [lines_key(spans, WIDTH, 21.0, "justify") for spans in paragraphs] * 50
    store = LineStore()
    with pytest.raises(KeyboardInterrupt), storing_lines(store):
        store.supplier = helper = Prefetch(keys)
        pid = helper.pid
        raise KeyboardInterrupt  # Ctrl-C in the middle of the layout
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_the_layout_waits_for_the_paragraph_the_helper_is_setting(body: TextStyle) -> None:
    """Not set a second time: the rest of one paragraph is never longer than setting it again."""
    long = [Span(mixed()[3] * 60, body)]  # long enough to be still in the helper's hands
    keys = [lines_key(long, WIDTH, 21.0, "justify")]
    helper = Prefetch(keys)
    try:
        deadline = time.monotonic() + 60
        while _INDEX.unpack_from(helper.shared, _SETTING)[0] != 0 and time.monotonic() < deadline:
            time.sleep(0.0005)
        data = helper.take(keys[0])
        assert data is not None  # waited, rather than left the layout to set it
        assert decode(data) == set_lines(long, WIDTH, first_indent=21.0)
    finally:
        helper.close()


def test_the_layout_and_the_helper_share_the_paragraphs_without_setting_one_twice(body) -> None:
    """Every paragraph is set by one of the two; the helper's work is used, not thrown away
    (the layout had set any paragraph not there yet, the helper's current one too: in
    lockstep, 40 % of the helper's paragraphs were set a second time)."""
    texts = dict.fromkeys(text[turn:] + text[:turn] for turn in range(0, 40, 2) for text in mixed())
    story = [[Span(text, body)] for text in texts]  # about 150 different paragraphs
    unique = [lines_key(spans, WIDTH, 21.0, "justify") for spans in story]
    store = LineStore(keep=False)
    store.supplier = helper = Prefetch(unique)
    try:
        for spans in story:
            store.lines(spans, WIDTH, 21.0, "justify")
            time.sleep(0.0002)  # the layout's own work on the paragraph
        deadline = time.monotonic() + 60
        while helper.pipe is not None and time.monotonic() < deadline:  # everything it sent
            helper._read()
            time.sleep(0.001)
        unused = len(helper.ready)
    finally:
        store.close()
    assert store.misses + store.supplied == len(unique)
    assert store.supplied > 0 and store.misses > 0  # both did part of the work
    # A paragraph can still be set twice if both decide within the same microseconds.
    assert unused <= 1 + len(unique) // 30, f"{unused} of {store.supplied + unused} sent in vain"
