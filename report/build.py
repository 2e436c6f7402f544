"""The build, in order: load → assets → layout → output.

The only module that knows the order of the stages. Each stage takes the
previous one's value and returns its own; BuildError stops the build before
anything is written.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from report.assets import Assets, prepare_assets
from report.layout import layout_pdf
from report.load import load_brochure
from report.model import Brochure
from report.output import check_target, write_atomically

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Built:
    brochure: Brochure
    pdf: bytes


def check(target: Path, font_dir: Path, progress: Progress | None = None) -> tuple[Brochure, Assets]:
    """Load and check a brochure without laying it out."""
    timer = _Timer(progress)
    brochure = timer.stage("load", load_brochure, target)
    assets = timer.stage("assets", prepare_assets, brochure, font_dir)
    return brochure, assets


def build(target: Path, output: Path, font_dir: Path, progress: Progress | None = None) -> Built:
    """Build the PDF of the brochure at `target` into `output`."""
    timer = _Timer(progress)
    brochure, assets = check(target, font_dir, progress)
    check_target(output, [*brochure.files, *assets.files])
    pdf = timer.stage("layout", layout_pdf, brochure, assets)
    timer.stage("output", write_atomically, pdf, output)
    return Built(brochure, pdf)


class _Timer:
    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress

    def stage(self, name: str, function, *args):  # noqa: ANN001, ANN202 - any stage function
        start = time.perf_counter()
        result = function(*args)
        if self.progress is not None:
            self.progress(name, time.perf_counter() - start)
        return result
