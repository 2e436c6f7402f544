"""Errors as data: every problem in the input is a Diagnostic with a location.

Shared by all stages. Stages collect diagnostics and raise one BuildError
holding all of them; only cli.py prints them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

_SHOWN_CHARS = 40  # user text quoted in a message is cut after this many characters


def shown(text: str) -> str:
    """User text as quoted in a message: invisible characters spelt out, long text cut.

    A key or file name may hold a control character, a lone surrogate or
    100,000 characters; the message must stay one readable, printable line.
    """
    cut = text[:_SHOWN_CHARS]
    spelt = "".join(f"\\u{ord(c):04x}" if unicodedata.category(c)[0] in "CZ" and c != " " else c
                    for c in cut)
    return spelt + ("…" if len(text) > _SHOWN_CHARS else "")


@dataclass(frozen=True)
class Location:
    """A place in a user's file; line and column count from 1 as editors do."""

    file: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return str(self.file)
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One message about the input: `file:line:col: error: message` plus a hint."""

    location: Location | None
    message: str
    hint: str | None = None
    severity: str = "error"  # "error" or "warning"

    def render(self) -> str:
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.severity}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


@dataclass
class BuildError(Exception):
    """Raised by a stage when the input has errors; carries all of them."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(d.render() for d in self.diagnostics)


class Collector:
    """Gathers diagnostics so that a stage reports every error at once."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def error(self, location: Location | None, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(location, message, hint))

    def warning(self, location: Location | None, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(location, message, hint, "warning"))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BuildError(list(self.diagnostics))
