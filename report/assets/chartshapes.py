"""Shapes of pickled chart drawings that are ours, not svglib's (assets stage).

A module of its own: pickle imports it when it reads a drawing back, and
`report check`, which draws no chart, never does (it would import
ReportLab's graphics and, with them, platypus).
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Path


class ClipPath(Path):
    """svglib's ClippingPath, as pickled: a path that clips and is never filled or stroked.

    Pickled drawings hold this class instead of svglib's, so reading them back
    does not import svglib (and lxml, cssselect2, tinycss2).
    """

    def getProperties(self, *args: Any, **kwargs: Any) -> dict[str, Any]:  # noqa: N802 - ReportLab's API
        props: dict[str, Any] = Path.getProperties(self, *args, **kwargs)
        if "fillColor" in props:
            props["fillColor"] = None
        if "strokeColor" in props:
            props["strokeColor"] = None
        return props


def clip_path(state: dict[str, Any]) -> ClipPath:
    """A ClipPath with the attributes of an svglib ClippingPath (pickle's reconstructor)."""
    path = ClipPath.__new__(ClipPath)
    path.__dict__.update(state)
    return path
