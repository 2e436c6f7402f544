"""Charts (assets stage): chart blocks → vector drawings of known size, cached.

Each chart becomes a spec (a plain dict of everything that changes the
picture: data, labels, size, colours, type sizes). The spec, the font files,
the matplotlib version and the drawing code are hashed; the SVG that
matplotlib draws is kept in `<cache>/charts/<hash>.svg`, so a rebuild whose
charts did not change never imports matplotlib.

svglib turns the SVG into a ReportLab Drawing: vector paths, and text that
stays text in our own registered Hei faces (searchable, embedded once with
the body text's subsets). Our FontMap never asks the machine for fonts.
The Drawing is kept too (`<hash>.drawing`, a pickle, keyed by the SVG's key,
the faces, svglib, ReportLab and this file), so a rebuild neither imports
svglib nor parses SVG; a first build uses the unpickled Drawing as well, so
both place exactly the same objects. Every entry carries a checksum
(report.cachefiles): a damaged one is drawn again.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report.cachefiles import file_sha256, package_version, read_entry, write_entry
from report.diagnostics import Location
from report.model import RGB, Brochure, Chart, Theme

DRAWING_CODE = Path(__file__).with_name("chartdraw.py")
CONVERTING_CODE = (Path(__file__), Path(__file__).with_name("chartshapes.py"))  # SVG → Drawing
_SVG, _DRAWING = b"report-svg", b"report-drawing"


@dataclass(frozen=True)
class ChartArt:
    """A rendered chart: a ReportLab Drawing of `width` × `height` points."""

    drawing: Any  # reportlab.graphics.shapes.Drawing
    width: float
    height: float
    key: str  # of the drawing's content (its cache entry): layout keeps what it drew by it


@dataclass
class ChartStats:
    rendered: int = 0
    cached: int = 0
    files: list[Path] = field(default_factory=list)


def render_charts(brochure: Brochure, font_dir: Path, faces: tuple[str, str], widths: tuple[float, float],
                  cache_dir: Path) -> tuple[dict[Location, ChartArt], ChartStats]:
    """Every chart of the brochure, drawn at its placed width (column or full text width)."""
    theme = brochure.theme
    stats = ChartStats()
    art: dict[Location, ChartArt] = {}
    charts = _charts(brochure)
    if not charts:  # nothing to hash or draw: not even matplotlib's version is looked up
        return art, stats
    fonts = (font_dir / theme.hei.regular.file, font_dir / theme.hei.bold.file)
    salt = _salt(fonts, cache_dir)
    converting = _converting_salt(faces, cache_dir)
    for chart in charts:
        spec = chart_spec(chart, theme, widths[1] if chart.full_width else widths[0])
        drawing, key = _cached_drawing(spec, fonts, salt, faces, converting, cache_dir, stats)
        art[chart.location] = ChartArt(drawing, spec["width"], spec["height"], key)
    return art, stats


def _charts(brochure: Brochure) -> list[Chart]:
    return [block for section in brochure.sections for block in section.blocks if isinstance(block, Chart)]


# --- the spec ---------------------------------------------------------------------------------------------


def chart_spec(chart: Chart, theme: Theme, width: float) -> dict[str, Any]:
    """Everything that changes the picture, as plain JSON-able values."""
    caption = theme.sizes.caption
    return {
        "kind": chart.kind,
        "categories": list(chart.categories),
        "series": [{"name": s.name, "values": [c.number.value for c in s.cells if c.number],
                    "labels": [c.number.shown for c in s.cells if c.number]} for s in chart.series],
        "highlight": chart.highlight,
        "annotations": [[a.index, a.text] for a in chart.annotations],
        "width": round(width, 3),
        "height": round(_plot_height(chart, width, theme.sizes.leading), 3),
        "colors": _palette(theme.colors),
        "sizes": {"label": caption, "small": max(7.5, caption - 1)},
    }


def _plot_height(chart: Chart, width: float, leading: float) -> float:
    """The YAML's height, or a default for the kind; whole lines of the baseline grid."""
    if chart.height is not None:
        height = chart.height
    elif chart.kind == "hbar":
        height = 22 * len(chart.categories) + 10
    elif chart.kind == "donut":
        height = width * (0.36 if chart.full_width else 0.72)
    else:
        height = width * (0.34 if chart.full_width else 0.62)
    lines = -(-round(height, 3) // leading)
    return lines * leading


def _palette(colors: dict[str, RGB]) -> dict[str, Any]:
    def hexed(rgb: RGB) -> str:
        return "#" + "".join(f"{round(c * 255):02X}" for c in rgb)

    def lighter(rgb: RGB, amount: float) -> str:
        return hexed(tuple(c + (1 - c) * amount for c in rgb))  # type: ignore[arg-type]

    return {
        "series": [hexed(colors[name]) for name in ("accent", "accent2", "muted", "rule")],
        "soft": lighter(colors["accent"], 0.55),  # bars that are not highlighted
        "text": hexed(colors["text"]),
        "note": hexed(colors["muted"]),
        "rule": hexed(colors["rule"]),
        "grid": lighter(colors["rule"], 0.5),
        "paper": hexed(colors["paper"]),
    }


# --- the cache --------------------------------------------------------------------------------------------


def _salt(fonts: tuple[Path, Path], cache_dir: Path | None = None) -> str:
    """What besides the spec changes the SVG: font files, matplotlib, our drawing code."""
    parts = [file_sha256(path, cache_dir) for path in fonts]
    parts += [package_version("matplotlib"), file_sha256(DRAWING_CODE, cache_dir)]
    return "\n".join(parts)


def _converting_salt(faces: tuple[str, str], cache_dir: Path | None = None) -> str:
    """What besides the SVG changes the Drawing: the faces, svglib, ReportLab, this file."""
    parts = [*faces, package_version("svglib"), package_version("reportlab")]
    return "\n".join([*parts, *(file_sha256(path, cache_dir) for path in CONVERTING_CODE)])


def cache_key(spec: dict[str, Any], salt: str) -> str:
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False) + "\n" + salt
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cached_drawing(spec: dict[str, Any], fonts: tuple[Path, Path], salt: str, faces: tuple[str, str],
                    converting: str, cache_dir: Path, stats: ChartStats) -> tuple[Any, str]:
    """The chart's Drawing and the key of its entry."""
    key = cache_key(spec, salt)
    drawing_key = cache_key({"svg": key}, converting)
    entry = cache_dir / "charts" / f"{drawing_key}.drawing"
    drawing = _unpickled(read_entry(entry, _DRAWING))
    if drawing is not None:
        stats.cached += 1
        stats.files.append(entry)
        return drawing, drawing_key
    payload = _pickled(svg_drawing(_cached_svg(key, spec, fonts, cache_dir, stats), faces))
    write_entry(entry, _DRAWING, payload)
    return pickle.loads(payload), drawing_key  # the very objects a rebuild unpickles


def _cached_svg(key: str, spec: dict[str, Any], fonts: tuple[Path, Path], cache_dir: Path,
                stats: ChartStats) -> str:
    path = cache_dir / "charts" / f"{key}.svg"
    stats.files.append(path)
    svg = _decoded(read_entry(path, _SVG))
    if svg is not None:
        stats.cached += 1
        return svg
    from report.assets.chartdraw import render_svg  # imports matplotlib: only on a cache miss

    svg = render_svg(spec, *fonts)
    stats.rendered += 1
    write_entry(path, _SVG, svg.encode("utf-8"))
    return svg


def _decoded(payload: bytes | None) -> str | None:
    try:
        return None if payload is None else payload.decode("utf-8")
    except UnicodeDecodeError:
        return None


class _DrawingPickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind.__name__ == "ClippingPath" and kind.__module__.startswith("svglib"):
            from report.assets.chartshapes import clip_path

            return clip_path, (dict(obj.__dict__),)
        return NotImplemented


def _pickled(drawing: Any) -> bytes:
    buffer = io.BytesIO()
    _DrawingPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(drawing)
    return buffer.getvalue()


def _unpickled(payload: bytes | None) -> Any:
    if payload is None:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - an entry of another shape (its checksum was right): draw again
        return None


# --- SVG → ReportLab --------------------------------------------------------------------------------------


def svg_drawing(svg: str, faces: tuple[str, str]) -> Any:
    """A ReportLab Drawing of `svg`, its text set in our registered faces (regular, bold)."""
    from svglib.svglib import svg2rlg

    logging.getLogger("svglib").setLevel(logging.ERROR)  # its notes on unused SVG attributes are noise
    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")), font_map=_font_map(faces))
    drawing.initialFontName = faces[0]  # else ReportLab's renderer selects Helvetica first
    return flattened(drawing)


def flattened(group: Any) -> Any:
    """`group` with every group inside it that does nothing merged into its parent.

    svglib makes a Group of every SVG <g>, and matplotlib wraps each shape in
    one or two: a chart had 40 groups around 18 shapes. ReportLab draws every
    group inside q … Q with its transform, 1 0 0 1 0 0 cm where it is the
    identity, so those groups cost drawing time on every build and bytes in
    the PDF and change nothing. A group stays when it moves or styles what it
    holds, or holds a clipping path (whose clip ends with the group).
    """
    from reportlab.graphics.shapes import Group

    contents = []
    for node in group.contents:
        if isinstance(node, Group):
            node = flattened(node)
            if _does_nothing(node):
                contents.extend(node.contents)
                continue
        contents.append(node)
    group.contents = contents
    return group


def _does_nothing(group: Any) -> bool:
    from reportlab.graphics.renderbase import getStateDelta
    from reportlab.graphics.shapes import Group, Path

    return (type(group) is Group and tuple(group.transform) == (1, 0, 0, 1, 0, 0)
            and set(getStateDelta(group)) <= {"transform"}
            and not any(isinstance(node, Path) and node.isClipPath for node in group.contents))


def _font_map(faces: tuple[str, str]) -> Any:
    from svglib.fonts import FontMap

    class ThemeFonts(FontMap):
        """Every SVG font is the theme's Hei face: matplotlib drew the chart with nothing else."""

        def find_font(self, font_name: str, weight: str = "normal",
                      style: str = "normal") -> tuple[str, bool]:
            weight = str(weight).lower()
            bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
            return faces[1] if bold else faces[0], True

    return ThemeFonts()
