"""The build, in order: load → assets → layout → edition post-processing → output.

The only module that knows the order of the stages. Each stage takes the
previous one's value and returns its own; BuildError stops the build before
anything is written. Each edition is one layout run of the same brochure.
A build whose inputs are all as they were for the last one writes that
build's PDF again instead (lastbuild.py); the stages keep their own caches.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from report.diagnostics import Diagnostic
from report.lastbuild import remember, reuse

# The stages are imported where they run: a reused build (nothing changed) needs none of
# them, and `report check` neither layout nor output.
if TYPE_CHECKING:
    from report.assets import Assets
    from report.layout.document import PageProgress
    from report.model import Brochure

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Built:
    pdf: bytes
    edition: str
    warnings: tuple[Diagnostic, ...] = ()
    brochure: Brochure | None = None  # None: the last build was reused, nothing was loaded
    assets: Assets | None = None


def cache_folder(output: Path) -> Path:
    """The build cache (last builds, fonts, charts, page logs) lives next to the output PDF.

    Everything in it is keyed by content and checked when read: safe to delete at any time.
    """
    return output.parent / ".cache"


def check(target: Path, font_dir: Path, progress: Progress | None = None) -> tuple[Brochure, Assets]:
    """Load and check a brochure without laying it out."""
    from report.assets import prepare_assets
    from report.load import load_brochure

    timer = _Timer(progress)
    brochure = timer.stage("load", load_brochure, target)
    assets = timer.stage("assets", prepare_assets, brochure, font_dir)
    return brochure, assets


def build(target: Path, output: Path, font_dir: Path, progress: Progress | None = None,
          edition: str = "email", on_page: PageProgress | None = None) -> Built:
    """Build `edition` of the brochure at `target` into `output`."""
    from report.output.files import write_atomically

    timer = _Timer(progress)
    cache = cache_folder(output)
    start = time.perf_counter()
    last = reuse(cache, target, font_dir, edition)
    if last is not None:
        timer.report("reused", time.perf_counter() - start)
        timer.stage("output", write_atomically, last.pdf, output)
        return Built(last.pdf, edition, last.warnings)
    built = _build(timer, target, cache, font_dir, edition, on_page)
    timer.stage("output", write_atomically, built.pdf, output)
    remember(cache, target, font_dir, edition, _inputs(built.brochure, built.assets, font_dir),
             built.warnings, built.pdf)
    return built


def _build(timer: _Timer, target: Path, cache: Path, font_dir: Path, edition: str,
           on_page: PageProgress | None) -> Built:
    from report.assets import prepare_assets
    from report.layout import layout_pdf
    from report.load import load_brochure
    from report.output.editions import STEP_NAME, finish_edition
    from report.pagehints import read_hint, write_hint

    brochure = timer.stage("load", load_brochure, target)
    assets = timer.stage("assets", prepare_assets, brochure, font_dir, cache)
    hint = read_hint(cache, brochure.folder, edition)
    laid_out = timer.stage("layout", layout_pdf, brochure, assets, edition, on_page, hint)
    write_hint(cache, brochure.folder, edition, laid_out.pages)
    pdf = timer.stage(STEP_NAME[edition], finish_edition, edition, laid_out.pdf, assets.profile, cache)
    return Built(pdf, edition, assets.warnings, brochure, assets)


def _inputs(brochure: Brochure, assets: Assets, font_dir: Path) -> list[Path]:
    """Every file the PDF was made from, besides our code: the loader's, images and fonts."""
    theme = brochure.theme
    refs = (theme.song.regular, theme.song.bold, theme.hei.regular, theme.hei.bold)
    fonts = [font_dir / ref.file for ref in refs]
    return [*brochure.files, *(image.path for image in assets.images.values()), *fonts]


class _Timer:
    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress

    def stage(self, name: str, function, *args):  # noqa: ANN001, ANN202 - any stage function
        start = time.perf_counter()
        result = function(*args)
        self.report(name, time.perf_counter() - start)
        return result

    def report(self, name: str, seconds: float) -> None:
        if self.progress is not None:
            self.progress(name, seconds)
