"""Chart drawing with matplotlib (assets stage): a chart spec → SVG text.

The only module that uses matplotlib, and it imports it inside `render_svg`
so that a build whose charts are all cached never loads it. Text stays text
(svg.fonttype 'none') in the theme's own Hei font files; the look is the
brochure's: no background, no frame, direct value labels, no legend box.

A spec is a plain dict (see report.assets.charts.chart_spec): everything
that changes the picture is in it, so its hash names the cached SVG.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

Spec = dict[str, Any]

BAR_WIDTH = 0.62  # of a category's slot
HEADROOM = 1.22  # room above the tallest bar for its label
MAX_BAR = 48.0  # pt: two or three bars in a column stay bars, not blocks


def render_svg(spec: Spec, regular: Path, bold: Path) -> str:
    """Draw `spec` at its exact size in points and return the SVG document."""
    import matplotlib

    matplotlib.use("svg", force=True)
    from matplotlib.figure import Figure

    family = _register_fonts(regular, bold)
    with matplotlib.rc_context(_style(spec, family)):
        figure = Figure(figsize=(spec["width"] / 72, spec["height"] / 72), dpi=72, layout="constrained")
        figure.get_layout_engine().set(w_pad=1 / 72, h_pad=1 / 72, wspace=0, hspace=0)
        axes = figure.add_subplot()
        _DRAW[spec["kind"]](axes, spec)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", transparent=True, metadata={"Date": None})
    return buffer.getvalue()


def _register_fonts(regular: Path, bold: Path) -> str:
    """Add the theme's Hei files to matplotlib; return their family name."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    for path in (regular, bold):
        if not any(Path(entry.fname) == path for entry in manager.ttflist):
            manager.addfont(str(path))
    family = next(entry.name for entry in manager.ttflist if Path(entry.fname) == regular)
    for weight, path in (("normal", regular), ("bold", bold)):
        found = font_manager.findfont(font_manager.FontProperties(family=family, weight=weight),
                                      fallback_to_default=False)
        if Path(found) != path:  # another font of the same name on this machine would win
            raise RuntimeError(f"matplotlib picks {found} for {family} {weight}, not {path}")
    return family


def _style(spec: Spec, family: str) -> dict[str, Any]:
    colors, size = spec["colors"], spec["sizes"]["label"]
    return {
        "font.family": [family], "font.size": size, "text.color": colors["text"],
        "axes.unicode_minus": False, "svg.fonttype": "none", "svg.hashsalt": "report",
        "text.parse_math": False, "text.usetex": False,  # user text is text: $x^2$ stays as typed
        "axes.edgecolor": colors["rule"], "axes.linewidth": 0.6, "axes.facecolor": "none",
        "xtick.color": colors["text"], "ytick.color": colors["text"],
        "xtick.labelsize": size, "ytick.labelsize": size,
        "xtick.major.size": 0, "ytick.major.size": 0, "xtick.major.pad": 4, "ytick.major.pad": 4,
        "legend.frameon": False, "legend.fontsize": spec["sizes"]["small"],
        "lines.solid_capstyle": "butt",
    }


# --- shared -----------------------------------------------------------------------------------------------


def _bare(axes, keep: str) -> None:  # noqa: ANN001 - a matplotlib Axes
    """No frame but the baseline (`keep`: 'bottom' or 'left')."""
    for side, spine in axes.spines.items():
        spine.set_visible(side == keep)


def _bar_colors(spec: Spec, count: int) -> list[str]:
    colors = spec["colors"]
    if spec["highlight"] is None:
        return [colors["series"][0]] * count
    return [colors["series"][0] if i == spec["highlight"] else colors["soft"] for i in range(count)]


def _notes(spec: Spec) -> dict[int, str]:
    return {index: text for index, text in spec["annotations"]}


def _wrap(label: str, room: float, size: float) -> str:
    """Break a Chinese label into lines of at most `room` points (any character may start a line)."""
    per_line = max(2, int(room // size))
    if len(label) <= per_line:
        return label
    lines = -(-len(label) // per_line)
    per_line = -(-len(label) // lines)  # even lines: 4+4, not 7+1
    return "\n".join(label[i:i + per_line] for i in range(0, len(label), per_line))


def _value_label(axes, text: str, xy: tuple[float, float], offset: tuple[float, float],  # noqa: ANN001
                 spec: Spec, **align: str) -> None:
    axes.annotate(text, xy, xytext=offset, textcoords="offset points", fontweight="bold",
                  fontsize=spec["sizes"]["label"], color=spec["colors"]["text"], **align)


def _note(axes, text: str, xy: tuple[float, float], offset: tuple[float, float],  # noqa: ANN001
          spec: Spec, **align: str) -> None:
    axes.annotate(text, xy, xytext=offset, textcoords="offset points", fontsize=spec["sizes"]["small"],
                  color=spec["colors"]["note"], **align)


def _limits(values: list[float]) -> tuple[float, float]:
    low, high = min(0.0, *values), max(0.0, *values)
    return low * HEADROOM, high * HEADROOM or 1.0


# --- the kinds --------------------------------------------------------------------------------------------


def _bar(axes, spec: Spec) -> None:  # noqa: ANN001
    series = spec["series"][0]
    values, count = series["values"], len(series["values"])
    positions = list(range(count))
    slot = spec["width"] / count
    axes.bar(positions, values, width=min(BAR_WIDTH, MAX_BAR / slot), color=_bar_colors(spec, count))
    axes.set_xticks(positions, [_wrap(c, slot * 0.95, spec["sizes"]["label"]) for c in spec["categories"]])
    axes.yaxis.set_visible(False)
    _bare(axes, "bottom")
    notes, size = _notes(spec), spec["sizes"]["label"]
    low, high = _limits(values)
    axes.set_ylim(low, high * (1.15 if notes else 1.0))
    for i, (value, shown) in enumerate(zip(values, series["labels"], strict=True)):
        up = value >= 0
        _value_label(axes, shown, (i, value), (0, 3 if up else -3), spec, ha="center",
                     va="bottom" if up else "top")
        if i in notes:
            _note(axes, notes[i], (i, value), (0, 3 + size * 1.35), spec, ha="center", va="bottom")


def _hbar(axes, spec: Spec) -> None:  # noqa: ANN001
    series = spec["series"][0]
    values, count = series["values"], len(series["values"])
    positions = list(range(count))[::-1]  # the first row on top
    axes.barh(positions, values, height=BAR_WIDTH, color=_bar_colors(spec, count))
    size = spec["sizes"]["label"]
    axes.set_yticks(positions, [_wrap(c, spec["width"] * 0.38, size) for c in spec["categories"]],
                    multialignment="right")
    axes.xaxis.set_visible(False)
    _bare(axes, "left")
    notes = _notes(spec)
    low, high = _limits(values)
    axes.set_xlim(low, high * (1.5 if notes else 1.1))
    axes.set_ylim(-0.6, count - 0.4)
    for position, value, shown, i in zip(positions, values, series["labels"], range(count), strict=True):
        _value_label(axes, shown, (value, position), (4, 0), spec, ha="left", va="center")
        if i in notes:
            width = _text_width(shown, size, bold=True)
            _note(axes, notes[i], (value, position), (4 + width + size * 0.6, 0), spec, ha="left",
                  va="center")


def _text_width(text: str, size: float, bold: bool) -> float:
    """Width in points of `text` in the current Hei font (for placing a note after a label)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _, _ = TextToPath().get_text_width_height_descent(text, prop, ismath=False)
    return width


def _grouped(axes, spec: Spec) -> None:  # noqa: ANN001
    series, count = spec["series"], len(spec["categories"])
    width = BAR_WIDTH / len(series)
    for n, item in enumerate(series):
        offset = (n - (len(series) - 1) / 2) * width
        positions = [i + offset for i in range(count)]
        axes.bar(positions, item["values"], width=width * 0.92, color=spec["colors"]["series"][n],
                 label=item["name"])
        for x, value, shown in zip(positions, item["values"], item["labels"], strict=True):
            _small_value(axes, shown, x, value, spec)
    _category_axis(axes, spec, count)
    values = [v for item in series for v in item["values"]]
    axes.set_ylim(*_limits(values))
    _legend(axes, len(series))


def _small_value(axes, shown: str, x: float, value: float, spec: Spec) -> None:  # noqa: ANN001
    axes.annotate(shown, (x, value), xytext=(0, 2 if value >= 0 else -2), textcoords="offset points",
                  ha="center", va="bottom" if value >= 0 else "top", fontweight="bold",
                  fontsize=spec["sizes"]["small"], color=spec["colors"]["text"])


def _stacked(axes, spec: Spec) -> None:  # noqa: ANN001
    series, count = spec["series"], len(spec["categories"])
    bottoms = [0.0] * count
    paper = spec["colors"]["paper"]
    for n, item in enumerate(series):
        color = spec["colors"]["series"][n]
        axes.bar(range(count), item["values"], width=BAR_WIDTH, bottom=bottoms, color=color,
                 label=item["name"], edgecolor=paper, linewidth=0.6)
        for i, (value, shown) in enumerate(zip(item["values"], item["labels"], strict=True)):
            axes.annotate(shown, (i, bottoms[i] + value / 2), ha="center", va="center",
                          fontsize=spec["sizes"]["small"], fontweight="bold",
                          color=paper if n < 2 else spec["colors"]["text"])
        bottoms = [b + v for b, v in zip(bottoms, item["values"], strict=True)]
    _category_axis(axes, spec, count)
    axes.set_ylim(0, max(bottoms) * 1.05 or 1.0)
    _legend(axes, len(series))


def _category_axis(axes, spec: Spec, count: int) -> None:  # noqa: ANN001
    slot = spec["width"] / count
    axes.set_xticks(range(count), [_wrap(c, slot * 0.95, spec["sizes"]["label"]) for c in spec["categories"]])
    axes.yaxis.set_visible(False)
    _bare(axes, "bottom")


def _legend(axes, count: int) -> None:  # noqa: ANN001
    """A one-line key above the plot: no box, small squares."""
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=count, handlelength=0.8,
                handleheight=0.8, handletextpad=0.4, columnspacing=1.2, borderaxespad=0.2, borderpad=0)


def _line(axes, spec: Spec) -> None:  # noqa: ANN001
    count = len(spec["categories"])
    notes = _notes(spec)
    for n, item in enumerate(spec["series"]):
        color = spec["colors"]["series"][n]
        axes.plot(range(count), item["values"], color=color, linewidth=1.6, marker="o", markersize=3.5,
                  label=item["name"])
        above = n == 0  # the first series is labelled above its points, the others below
        for i, (value, shown) in enumerate(zip(item["values"], item["labels"], strict=True)):
            bold = spec["highlight"] == i
            axes.annotate(shown, (i, value), xytext=(0, 5 if above else -6), textcoords="offset points",
                          ha="center", va="bottom" if above else "top", fontsize=spec["sizes"]["small"],
                          color=spec["colors"]["text"], fontweight="bold" if bold else "normal")
            if n == 0 and i in notes:
                _note(axes, notes[i], (i, value), (0, 7 + spec["sizes"]["small"] * 1.3), spec,
                      ha="center", va="bottom")
    axes.set_xticks(range(count), spec["categories"])
    axes.set_xlim(-0.4, count - 0.6)
    values = [v for item in spec["series"] for v in item["values"]]
    low, high = min(values), max(values)
    span = (high - low) or abs(high) or 1.0
    axes.set_ylim(min(0.0, low - 0.15 * span), high + 0.3 * span)
    axes.grid(axis="y", color=spec["colors"]["grid"], linewidth=0.4)
    axes.set_axisbelow(True)
    _bare(axes, "bottom")
    if len(spec["series"]) > 1:
        _legend(axes, len(spec["series"]))


def _donut(axes, spec: Spec) -> None:  # noqa: ANN001
    series = spec["series"][0]
    colors = spec["colors"]
    count = len(series["values"])
    palette = [colors["series"][i % len(colors["series"])] for i in range(count)]
    if spec["highlight"] is not None:
        palette = [colors["series"][0] if i == spec["highlight"] else colors["soft"] for i in range(count)]
    notes = _notes(spec)
    labels = [f"{c}\n{shown}" + (f"\n{notes[i]}" if i in notes else "")
              for i, (c, shown) in enumerate(zip(spec["categories"], series["labels"], strict=True))]
    wedges, texts = axes.pie(series["values"], colors=palette, startangle=90, counterclock=False,
                             labels=labels, labeldistance=1.18,
                             wedgeprops={"width": 0.36, "edgecolor": colors["paper"], "linewidth": 1.0},
                             textprops={"fontsize": spec["sizes"]["small"], "color": colors["text"]})
    for text in texts:
        text.set_linespacing(1.25)
    axes.set_aspect("equal")


_DRAW = {"bar": _bar, "hbar": _hbar, "grouped": _grouped, "stacked": _stacked, "line": _line,
         "donut": _donut}
