"""The assets stage in order: fonts, then images, then charts.

Layout only places things of known size: fonts are registered and checked,
every image's placed size and resolution are known, and every chart is a
vector drawing at its final size before layout starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from report import textarea
from report.assets.charts import ChartArt, ChartStats, render_charts
from report.assets.fonts import Fonts, prepare_fonts
from report.assets.images import ImageArt, prepare_images
from report.assets.profiles import OutputProfile, load_output_profile
from report.diagnostics import BuildError, Collector, Diagnostic, Location
from report.model import Brochure


@dataclass(frozen=True)
class Assets:
    fonts: Fonts
    profile: OutputProfile  # the print edition's CMYK output condition
    charts: dict[Location, ChartArt] = field(default_factory=dict)  # by the chart block's location
    images: dict[Location, ImageArt] = field(default_factory=dict)
    chart_stats: ChartStats = field(default_factory=ChartStats)
    warnings: tuple[Diagnostic, ...] = ()
    files: tuple[Path, ...] = ()  # the font files used, which the output must never replace


def prepare_assets(brochure: Brochure, font_dir: Path, cache_dir: Path | None = None) -> Assets:
    """Fonts and images always; charts only when there is a cache folder (`build`, not `check`)."""
    errors = Collector()
    profile = load_output_profile(brochure.print_spec, errors)
    try:
        fonts = prepare_fonts(brochure, font_dir, cache_dir)
    except BuildError as failed:  # report the profile's problems with the fonts' ones
        raise BuildError(errors.diagnostics + failed.diagnostics) from None
    widths = (textarea.column_width(brochure.page, brochure.theme),
              textarea.text_width(brochure.page, brochure.theme))
    page = brochure.page
    room = page.height - page.top - page.bottom - 6 * brochure.theme.sizes.leading  # caption and credit
    images = prepare_images(brochure, widths, room, errors)
    errors.raise_if_errors()
    charts, stats = {}, ChartStats()
    if cache_dir is not None:
        charts, stats = render_charts(brochure, font_dir, (fonts.hei, fonts.hei_bold), widths, cache_dir)
    theme = brochure.theme
    refs = (theme.song.regular, theme.song.bold, theme.hei.regular, theme.hei.bold, *theme.fallback)
    fonts_used = tuple(dict.fromkeys(font_dir / ref.file for ref in refs))
    return Assets(fonts, profile, charts, images, stats, tuple(errors.diagnostics), fonts_used)
