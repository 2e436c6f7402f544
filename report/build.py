"""The build, in order: load → assets → layout → edition post-processing → output.

The only module that knows the order of the stages. Each stage takes the
previous one's value and returns its own; BuildError stops the build before
anything is written. Each edition is one layout run of the same brochure.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from report.assets import Assets, prepare_assets
from report.load import load_brochure
from report.model import Brochure

if TYPE_CHECKING:
    from report.layout.document import PageProgress

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Built:
    brochure: Brochure
    pdf: bytes
    assets: Assets
    edition: str = "email"


def cache_folder(output: Path) -> Path:
    """The build cache (fonts, charts, page logs) is kept next to the output PDF; safe to delete."""
    return output.parent / ".cache"


def check(target: Path, font_dir: Path, progress: Progress | None = None) -> tuple[Brochure, Assets]:
    """Load and check a brochure without laying it out."""
    timer = _Timer(progress)
    brochure = timer.stage("load", load_brochure, target)
    assets = timer.stage("assets", prepare_assets, brochure, font_dir)
    return brochure, assets


def build(target: Path, output: Path, font_dir: Path, progress: Progress | None = None,
          edition: str = "email", on_page: PageProgress | None = None) -> Built:
    """Build `edition` of the brochure at `target` into `output`."""
    # Imported here, not at the top: `report check` needs neither ReportLab's platypus nor pikepdf.
    from report.layout import layout_pdf
    from report.output import STEP_NAME, finish_edition, write_atomically
    from report.pagehints import read_hint, write_hint

    timer = _Timer(progress)
    cache = cache_folder(output)
    brochure = timer.stage("load", load_brochure, target)
    assets = timer.stage("assets", prepare_assets, brochure, font_dir, cache)
    hint = read_hint(cache, brochure.folder, edition)
    laid_out = timer.stage("layout", layout_pdf, brochure, assets, edition, on_page, hint)
    write_hint(cache, brochure.folder, edition, laid_out.pages)
    pdf = timer.stage(STEP_NAME[edition], finish_edition, edition, laid_out.pdf, assets.profile, cache)
    timer.stage("output", write_atomically, pdf, output)
    return Built(brochure, pdf, assets, edition)


class _Timer:
    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress

    def stage(self, name: str, function, *args):  # noqa: ANN001, ANN202 - any stage function
        start = time.perf_counter()
        result = function(*args)
        if self.progress is not None:
            self.progress(name, time.perf_counter() - start)
        return result
