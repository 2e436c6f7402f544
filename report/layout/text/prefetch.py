"""Set paragraphs in a helper process while the layout runs (layout stage, text engine).

Setting lines is about three quarters of laying out running text, and
every paragraph is set on its own, so on a machine with a second core a
helper can set some of them while the layout, which must go in order, sets
the others. The helper is a fork of this process (fonts registered, code
loaded: nothing to start up) and is given the keys of the paragraphs in
story order. It sets them ahead of the layout and sends each one's encoded
lines through a pipe. The layout takes what has arrived and sets itself
what has not (laying out pages, it catches up now and then), and tells the
helper through a shared counter how far it has got: the helper skips what
the layout has done and jumps a few paragraphs ahead of it. Neither waits
for the other. (Working from both ends towards each other was tried: the
helper stopped at the meeting point while the layout still had half the
pages to lay out.)

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
import signal
import struct
from collections.abc import Sequence
from contextlib import suppress

from .linestore import LinesKey, LineStore, encode, set_for

MIN_CHARACTERS = 20_000  # about ten pages: less is set sooner than a fork pays back
_HEADER = struct.Struct("=qq")  # paragraph index, length of its encoded lines
_POSITION = struct.Struct("=q")  # the layout's furthest paragraph index, in shared memory
_PIPE_BYTES = 1 << 20  # a deeper pipe lets the helper run further ahead of the reads
LEAD = 8  # paragraphs the helper jumps ahead of a layout that caught up with it


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
    has sent them (and from then on the helper need not go below that index).
    """

    def __init__(self, keys: Sequence[LinesKey]) -> None:
        # A paragraph that comes again (the same words, width and style) is set once, and
        # its first place is its place: the layout asking for it means it got that far.
        keys = list(dict.fromkeys(keys))
        self.index = {key: i for i, key in enumerate(keys)}
        self.ready: dict[int, bytes] = {}
        self.buffer = bytearray()
        self.position = mmap.mmap(-1, _POSITION.size)  # anonymous and shared with the fork
        _POSITION.pack_into(self.position, 0, -1)
        read, write = os.pipe()
        with suppress(AttributeError, OSError):  # a shallower pipe only makes the helper wait more
            fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        # The garbage collector of a fork would write to every object it traverses, and so
        # copy every page of memory it shares with this process: freeze what exists now.
        gc.freeze()
        self.pid = os.fork()
        if self.pid == 0:  # the helper: never returns
            os.close(read)
            _serve(keys, write, self.position)
        gc.unfreeze()
        os.close(write)
        os.set_blocking(read, False)
        self.pipe: int | None = read

    def take(self, key: LinesKey) -> bytes | None:
        index = self.index.get(key)
        if index is None:
            return None
        if index > _POSITION.unpack_from(self.position)[0]:
            _POSITION.pack_into(self.position, 0, index)
        self._read()
        return self.ready.pop(index, None)

    def close(self) -> None:
        if self.pid > 0:
            with suppress(OSError):  # it may be in the middle of a long paragraph
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = 0
        if self.pipe is not None:
            os.close(self.pipe)
            self.pipe = None
        self.position.close()

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


def _serve(keys: list[LinesKey], pipe: int, position: mmap.mmap) -> None:
    """The helper process: set paragraphs ahead of the layout, in story order.

    When the layout has caught up (it set the paragraph this process was about
    to set, or was setting), jump LEAD paragraphs past it: the layout sets the
    few in between while this process gets ahead again, instead of the two
    setting the same paragraph at the same time over and over.
    """
    code = 0
    try:
        index = 0
        while index < len(keys):
            reached = _POSITION.unpack_from(position)[0]
            if index <= reached:
                index = reached + LEAD
                continue
            data = encode(set_for(keys[index]))
            _write_all(pipe, _HEADER.pack(index, len(data)) + data)
            index += 1
    except BaseException:  # noqa: BLE001 - the layout sets what is missing; Ctrl-C ends us too
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no flushing of buffers inherited from the parent


def _write_all(pipe: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(pipe, view):]
