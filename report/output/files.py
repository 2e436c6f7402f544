"""Atomic file writing: a temporary file beside the target, then one rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from report.diagnostics import BuildError, Diagnostic, Location


def check_target(target: Path, inputs: Iterable[Path]) -> None:
    """Refuse, before any layout work, an output that would fail or destroy an input.

    `-o brochure.yaml` or `-o fonts/X.ttf` would otherwise replace a file the
    brochure is built from; a folder or a path through a file fails only at
    the very end, after a long layout.
    """
    try:
        resolved = target.resolve()
        if any(resolved == Path(path).resolve() for path in inputs):
            raise _refused(target, "the output file is one of the files the brochure is built from")
        if target.is_dir():
            raise _refused(target, "the output is a folder, not a file")
        folder = target.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent  # the nearest folder that exists: the rest will be created
    except OSError as exc:  # e.g. a name too long for the file system
        raise _cannot_write(target, exc) from None
    except RuntimeError:  # Python 3.11's resolve() on a loop of links
        raise _refused(target, "cannot write the PDF: the output is a link in a loop of links") from None
    if not folder.is_dir():
        raise _refused(target, f"cannot write the PDF: {folder} is a file, not a folder")


def write_atomically(data: bytes, target: Path) -> None:
    """Replace `target` with `data` in one step; on failure `target` is untouched."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException as exc:  # also KeyboardInterrupt: never leave the temporary file
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(target, exc) from None
        raise


def _refused(target: Path, message: str) -> BuildError:
    return BuildError([Diagnostic(Location(target), message,
                                  "choose another output file with -o, e.g. build/brochure.pdf")])


def _cannot_write(target: Path, exc: OSError) -> BuildError:
    reason = exc.strerror or str(exc)
    return BuildError([Diagnostic(Location(target), f"cannot write the PDF: {reason}",
                                  "choose another output file with -o, or check the folder's permissions")])
