"""Charts (assets stage): chart blocks → vector drawings of known size, cached.

Each chart becomes a spec (a plain dict of everything that changes the
picture: data, labels, size, colours, type sizes). The spec, the font files,
the matplotlib version and the drawing code are hashed; the SVG that
matplotlib draws is kept in `<cache>/charts/<hash>.svg`, so a rebuild whose
charts did not change reads SVG files and never imports matplotlib.

svglib turns the SVG into a ReportLab Drawing: vector paths, and text that
stays text in our own registered Hei faces (searchable, embedded once with
the body text's subsets). Our FontMap never asks the machine for fonts.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from report.diagnostics import Location
from report.model import RGB, Brochure, Chart, Theme

DRAWING_CODE = Path(__file__).with_name("chartdraw.py")
_FILE_HASHES: dict[tuple[Path, int, int], str] = {}  # (path, size, mtime) → sha256, per process


@dataclass(frozen=True)
class ChartArt:
    """A rendered chart: a ReportLab Drawing of `width` × `height` points."""

    drawing: Any  # reportlab.graphics.shapes.Drawing
    width: float
    height: float


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
    salt = _salt(fonts)
    for chart in charts:
        spec = chart_spec(chart, theme, widths[1] if chart.full_width else widths[0])
        svg = _cached_svg(spec, fonts, salt, cache_dir, stats)
        art[chart.location] = ChartArt(svg_drawing(svg, faces), spec["width"], spec["height"])
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


def _salt(fonts: tuple[Path, Path]) -> str:
    """What besides the spec changes the SVG: font files, matplotlib, our drawing code."""
    parts = [_file_hash(path) for path in fonts]
    parts += [metadata.version("matplotlib"), _file_hash(DRAWING_CODE)]
    return "\n".join(parts)


def _file_hash(path: Path) -> str:
    stat = path.stat()
    key = (path, stat.st_size, stat.st_mtime_ns)
    if key not in _FILE_HASHES:
        digest = hashlib.sha256()
        with path.open("rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
        _FILE_HASHES[key] = digest.hexdigest()
    return _FILE_HASHES[key]


def cache_key(spec: dict[str, Any], salt: str) -> str:
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False) + "\n" + salt
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cached_svg(spec: dict[str, Any], fonts: tuple[Path, Path], salt: str, cache_dir: Path,
                stats: ChartStats) -> str:
    path = cache_dir / "charts" / f"{cache_key(spec, salt)}.svg"
    stats.files.append(path)
    try:
        svg = path.read_text(encoding="utf-8")
        stats.cached += 1
        return svg
    except (OSError, UnicodeDecodeError):
        pass
    from report.assets.chartdraw import render_svg  # imports matplotlib: only on a cache miss

    svg = render_svg(spec, *fonts)
    stats.rendered += 1
    _store(path, svg)
    return svg


def _store(path: Path, svg: str) -> None:
    """Write atomically; a cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(svg)
        os.replace(temp, path)
    except OSError:
        return


# --- SVG → ReportLab --------------------------------------------------------------------------------------


def svg_drawing(svg: str, faces: tuple[str, str]) -> Any:
    """A ReportLab Drawing of `svg`, its text set in our registered faces (regular, bold)."""
    from svglib.svglib import svg2rlg

    logging.getLogger("svglib").setLevel(logging.ERROR)  # its notes on unused SVG attributes are noise
    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")), font_map=_font_map(faces))
    drawing.initialFontName = faces[0]  # else ReportLab's renderer selects Helvetica first
    return drawing


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
