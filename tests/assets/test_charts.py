"""Chart specs and cache keys (assets stage): what changes the picture changes the key."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from importlib import metadata

from report import textarea
from report.assets.charts import DRAWING_CODE, _salt, cache_key, chart_spec
from report.assets.fonts import PROJECT_FONTS
from report.load import load_brochure
from report.model import Chart
from tests.conftest import REPO

FONTS = (PROJECT_FONTS / "NotoSansSC-Regular.ttf", PROJECT_FONTS / "NotoSansSC-Bold.ttf")


def example_chart() -> tuple[Chart, object]:
    brochure = load_brochure(REPO / "examples" / "minimal")
    chart = next(b for s in brochure.sections for b in s.blocks if isinstance(b, Chart))
    return chart, brochure


def test_a_chart_is_drawn_at_its_column_width_on_the_baseline_grid() -> None:
    chart, brochure = example_chart()
    spec = chart_spec(chart, brochure.theme, textarea.column_width(brochure.page, brochure.theme))
    assert spec["width"] == 22 * 10.5  # whole body characters
    assert spec["height"] % brochure.theme.sizes.leading == 0
    assert spec["series"][0]["labels"] == ["12.5", "30", "近18", "6"]  # as the cells write them
    assert spec["colors"]["series"][0] == "#8A1C1C"  # the example theme's accent


def test_the_key_changes_with_data_colours_and_size() -> None:
    chart, brochure = example_chart()
    width = textarea.column_width(brochure.page, brochure.theme)
    base = cache_key(chart_spec(chart, brochure.theme, width), "salt")
    assert cache_key(chart_spec(chart, brochure.theme, width), "salt") == base  # stable
    other_theme = replace(brochure.theme, colors={**brochure.theme.colors, "accent": (0.0, 0.0, 1.0)})
    changed = [
        chart_spec(replace(chart, categories=("甲", "乙", "丙", "戊")), brochure.theme, width),
        chart_spec(chart, other_theme, width),
        chart_spec(chart, brochure.theme, width + 10.5),
    ]
    assert len({base, *(cache_key(spec, "salt") for spec in changed)}) == 4
    assert cache_key(chart_spec(chart, brochure.theme, width), "other salt") != base


def test_the_salt_holds_the_fonts_matplotlib_and_the_drawing_code() -> None:
    salt = _salt(FONTS).split("\n")
    assert salt[0] == hashlib.sha256(FONTS[0].read_bytes()).hexdigest()
    assert salt[1] == hashlib.sha256(FONTS[1].read_bytes()).hexdigest()
    assert salt[2] == metadata.version("matplotlib")
    assert salt[3] == hashlib.sha256(DRAWING_CODE.read_bytes()).hexdigest()


def test_merging_groups_that_do_nothing_leaves_every_pixel_of_every_chart_kind(tmp_path) -> None:
    """The example's charts (bar, hbar, grouped, stacked, line, donut) drawn from svglib's
    Drawing as it is and after flattened(): the same pixels, in far fewer groups."""
    import io

    import pypdfium2 as pdfium
    from reportlab.graphics import renderPDF
    from reportlab.graphics.shapes import Group
    from svglib.svglib import svg2rlg

    from report.assets import prepare_assets
    from report.assets.charts import _SVG, _font_map, flattened
    from report.cachefiles import read_entry

    brochure = load_brochure(REPO / "examples" / "minimal")
    fonts = prepare_assets(brochure, PROJECT_FONTS, tmp_path).fonts
    faces = (fonts.hei, fonts.hei_bold)
    svgs = sorted((tmp_path / "charts").glob("*.svg"))
    assert len(svgs) == 6

    def groups(node) -> int:  # noqa: ANN001
        return isinstance(node, Group) + sum(groups(n) for n in getattr(node, "contents", []))

    def pixels(drawing) -> bytes:  # noqa: ANN001
        pdf = renderPDF.drawToString(drawing)
        return pdfium.PdfDocument(io.BytesIO(pdf))[0].render(scale=3).to_pil().tobytes()

    for svg in svgs:
        def converted(path=svg):  # noqa: ANN202
            drawing = svg2rlg(io.BytesIO(read_entry(path, _SVG)), font_map=_font_map(faces))
            drawing.initialFontName = faces[0]
            return drawing
        before, after = converted(), flattened(converted())
        assert groups(after) * 2 < groups(before), svg.name
        assert pixels(after) == pixels(before), svg.name
