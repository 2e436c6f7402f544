"""Set paragraphs in a helper process while the layout runs (layout stage, text engine).

Setting lines is about three quarters of laying out running text, and
every paragraph is set on its own, so on a machine with a second core a
helper can set some of them while the layout, which must go in order, sets
the others. The helper is a fork of this process (fonts registered, code
loaded: nothing to start up) and is given the keys of the paragraphs in
story order. It sets them ahead of the layout and sends each one's encoded
lines through a pipe. Two numbers in shared memory keep the two from
setting the same paragraph: the layout's furthest paragraph, and the one
the helper is setting now.

- The layout takes what has arrived. For the paragraph the helper is
  setting at that moment it waits (the rest of one paragraph is never
  longer than setting it again); anything else it sets itself (laying out
  pages, it catches up now and then).
- The helper skips what the layout has reached and goes on just past it.

Earlier the layout set any paragraph that had not arrived yet, also the one
the helper was setting: the two then set the same paragraphs in lockstep,
and 40 % of the helper's work was thrown away. (Working from both ends
towards each other was tried too: the helper stopped at the meeting point
while the layout still had half the pages to lay out.)

The PDF cannot differ: the helper runs the same set_lines on the same
values, and lines travel as marshal bytes, exact to the last bit. Where
fork is missing, there is one core, or too little text to pay for a fork,
nothing starts and the layout sets everything itself. A helper that fails
only costs time. Imports: linestore.
"""

from __future__ import annotations

import fcntl
import gc
import mmap
import os
import select
import signal
import struct
from collections.abc import Sequence
from contextlib import suppress

from .linestore import LinesKey, LineStore, encode, set_for

MIN_CHARACTERS = 20_000  # about ten pages: less is set sooner than a fork pays back
_HEADER = struct.Struct("=qq")  # paragraph index, length of its encoded lines
# Shared memory holds two paragraph indexes, each written by one process only: the layout's
# furthest (at _REACHED) and the one the helper is setting (at _SETTING).
_INDEX = struct.Struct("=q")
_REACHED, _SETTING = 0, _INDEX.size
_PIPE_BYTES = 1 << 20  # a deeper pipe lets the helper run further ahead of the reads
_LIVENESS = 0.5  # seconds between checks, while waiting, that the helper still works on it
LEAD = 12  # paragraphs the helper jumps ahead of a layout that waited for it


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def worth_a_helper(keys: Sequence[LinesKey], min_characters: int = MIN_CHARACTERS) -> bool:
    if not hasattr(os, "fork") or cores() < 2:
        return False
    return sum(len(text) for key in keys for text, *_ in key[0]) >= min_characters


def supply(store: LineStore, keys: Sequence[LinesKey]) -> None:
    """Give `store` a helper setting those of `keys` it lacks, when that pays."""
    missing = [key for key in keys if not store.has(key)]
    if worth_a_helper(missing):
        store.supplier = Prefetch(missing)


class Prefetch:
    """The layout's end of a helper process setting `keys` ahead of the layout.

    A Supplier of LineStore: take(key) returns the encoded lines if the helper
    has sent them or is setting them now (then it waits for them), else None;
    from then on the helper need not go below that index.
    """

    def __init__(self, keys: Sequence[LinesKey]) -> None:
        # A paragraph that comes again (the same words, width and style) is set once, and
        # its first place is its place: the layout asking for it means it got that far.
        keys = list(dict.fromkeys(keys))
        self.index = {key: i for i, key in enumerate(keys)}
        self.ready: dict[int, bytes] = {}
        self.buffer = bytearray()
        self.shared = mmap.mmap(-1, 2 * _INDEX.size)  # anonymous and shared with the fork
        _INDEX.pack_into(self.shared, _REACHED, -1)
        _INDEX.pack_into(self.shared, _SETTING, -1)
        read, write = os.pipe()
        with suppress(AttributeError, OSError):  # a shallower pipe only makes the helper wait more
            fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        # The garbage collector of a fork would write to every object it traverses, and so
        # copy every page of memory it shares with this process: freeze what exists now.
        gc.freeze()
        self.pid = os.fork()
        if self.pid == 0:  # the helper: never returns
            os.close(read)
            _serve(keys, write, self.shared)
        gc.unfreeze()
        os.close(write)
        os.set_blocking(read, False)
        self.pipe: int | None = read

    def take(self, key: LinesKey) -> bytes | None:
        index = self.index.get(key)
        if index is None:
            return None
        if index > _INDEX.unpack_from(self.shared, _REACHED)[0]:
            _INDEX.pack_into(self.shared, _REACHED, index)
        while True:
            # The helper writes a paragraph's lines before it moves on: read what it is
            # setting first, then the pipe, and a paragraph it finished is in the pipe.
            setting = _INDEX.unpack_from(self.shared, _SETTING)[0]
            self._read()
            if index in self.ready:
                return self.ready.pop(index)
            if self.pipe is None or setting != index:
                return None  # not being set: the layout sets it itself
            select.select([self.pipe], [], [], _LIVENESS)

    def close(self) -> None:
        if self.pid > 0:
            with suppress(OSError):  # it may be in the middle of a long paragraph
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0
        if self.pipe is not None:
            os.close(self.pipe)
            self.pipe = None
        self.shared.close()

    def _read(self) -> None:
        """Take in whatever the helper has written so far, without waiting."""
        while self.pipe is not None:
            try:
                chunk = os.read(self.pipe, _PIPE_BYTES)
            except BlockingIOError:
                break
            if not chunk:  # the helper is done (or gone)
                os.close(self.pipe)
                self.pipe = None
                break
            self.buffer += chunk
        self._unpack()

    def _unpack(self) -> None:
        buffer, at = self.buffer, 0
        while len(buffer) - at >= _HEADER.size:
            index, length = _HEADER.unpack_from(buffer, at)
            end = at + _HEADER.size + length
            if len(buffer) < end:
                break
            self.ready[index] = bytes(buffer[at + _HEADER.size:end])
            at = end
        del buffer[:at]


def _serve(keys: list[LinesKey], pipe: int, shared: mmap.mmap) -> None:
    """The helper process: set paragraphs ahead of the layout, in story order.

    Paragraphs the layout has reached are skipped. When the layout was waiting for the
    paragraph just set, jump LEAD paragraphs ahead: the layout sets the few in between
    itself while this process gets ahead again. (Without the jump the layout, which
    takes a paragraph it is given in a third of the time it takes to set one, would
    wait for every paragraph, and this process would set them all alone.)
    """
    code = 0
    try:
        index = 0
        while True:
            index = max(index, _INDEX.unpack_from(shared, _REACHED)[0] + 1)
            if index >= len(keys):
                break
            _INDEX.pack_into(shared, _SETTING, index)
            data = encode(set_for(keys[index]))
            _write_all(pipe, _HEADER.pack(index, len(data)) + data)
            waited = _INDEX.unpack_from(shared, _REACHED)[0] >= index
            index += LEAD if waited else 1
        _INDEX.pack_into(shared, _SETTING, len(keys))
    except BaseException:  # noqa: BLE001 - the layout sets what is missing; Ctrl-C ends us too
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of buffers inherited from the parent


def _write_all(pipe: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(pipe, view):]
