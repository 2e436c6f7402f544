"""A preflight finding: one row of the table."""

from __future__ import annotations

from dataclasses import dataclass

OK, WARNING, ERROR = "ok", "warning", "error"


@dataclass(frozen=True)
class Finding:
    check: str  # what was checked, e.g. "fonts embedded"
    status: str  # OK, WARNING or ERROR
    detail: str  # what was found, with page numbers where it helps


def pages_text(pages: list[int] | set[int], limit: int = 8) -> str:
    """'pages 1, 2, 5' (at most `limit` of them)."""
    ordered = sorted(set(pages))
    shown = ", ".join(str(p) for p in ordered[:limit]) + (" …" if len(ordered) > limit else "")
    return f"page{'s' if len(ordered) > 1 else ''} {shown}"
