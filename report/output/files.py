"""Atomic file writing: a temporary file beside the target, then one rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from report.diagnostics import BuildError, Diagnostic, Location


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


def _cannot_write(target: Path, exc: OSError) -> BuildError:
    reason = exc.strerror or str(exc)
    return BuildError([Diagnostic(Location(target), f"cannot write the PDF: {reason}",
                                  "choose another output file with -o, or check the folder's permissions")])
