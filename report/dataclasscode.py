"""Dataclasses made with the code of their generated methods kept between builds.

@dataclass writes the source text of each class's __init__, __repr__, __eq__,
__hash__ and, for frozen classes, __setattr__ and __delattr__, and compiles
it when the class is made: dataclasses._create_fn calls exec() on each text.
A build makes about 70 dataclasses (the model, the text engine, the stages'
results), about 400 compilations: 30-45 ms of a rebuild that must stay under
half a second, every time, for the same texts.

What a text compiles to depends only on the text and the Python version. So,
while the stages are imported, the dataclasses module's exec is one that
compiles each text once and keeps the code objects in the build cache
(`<cache>/code/`, marshal, the format of .pyc files, keyed by the exact Python
version); it then executes them exactly as exec would have. An entry is
rewritten only when a text was new, with the texts this build met, so code
that changed does not pile up. A missing, damaged or foreign entry only costs
the compilations. Where dataclasses does not call exec this way (another
Python), nothing changes but the speed.
"""

from __future__ import annotations

import builtins
import dataclasses
import hashlib
import marshal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType
from typing import Any

from report.cachefiles import read_entry, write_entry

_MAGIC = b"report-dataclass-code"


@contextmanager
def kept_dataclass_code(cache: Path) -> Iterator[None]:
    """Within: dataclasses compile their methods' texts once per Python, not once per build."""
    if "exec" in vars(dataclasses):  # already inside (a nested build): the outer one keeps them
        yield
        return
    entry = cache / "code" / f"dataclasses-{hashlib.sha256(sys.version.encode()).hexdigest()[:16]}.bin"
    known = _read(entry)
    used: dict[str, CodeType] = {}
    new = False

    def exec_kept(source: Any, globals: dict | None = None, locals: dict | None = None, /) -> None:  # noqa: A002
        nonlocal new
        if isinstance(source, str):
            code = known.get(source)
            if code is None:
                code = compile(source, "<string>", "exec")  # what exec(source) compiles
                new = True
            used[source] = code
            source = code
        builtins.exec(source, globals, locals)

    dataclasses.exec = exec_kept  # the name _create_fn looks up before the builtin
    try:
        yield
    finally:
        del dataclasses.exec
        if new:
            write_entry(entry, _MAGIC, marshal.dumps(used))


def _read(entry: Path) -> dict[str, CodeType]:
    payload = read_entry(entry, _MAGIC)
    if payload is None:
        return {}
    try:
        known = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(known, dict):
        return {}
    return {text: code for text, code in known.items()
            if isinstance(text, str) and isinstance(code, CodeType)}
