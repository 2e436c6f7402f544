"""The build, in order: load → lint → assets → layout → edition post-processing → output.

The only module that knows the order of the stages. Each stage takes the
previous one's value and returns its own; BuildError stops the build before
anything is written. Each edition is one layout run of the same brochure.
Lint findings are warnings that travel with the result (errors under
strict, reported together with the assets' errors). A build whose inputs
are all as they were for the last one writes that build's PDF again instead
(lastbuild.py); the stages keep their own caches.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from report.dataclasscode import kept_dataclass_code
from report.diagnostics import BuildError, Diagnostic
from report.lastbuild import remember, reuse

# The stages are imported where they run: a reused build (nothing changed) needs none of
# them, and `report check` neither layout nor output.
if TYPE_CHECKING:
    from report.assets import Assets
    from report.layout.document import PageProgress
    from report.model import Brochure

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Checked:
    brochure: Brochure
    assets: Assets
    warnings: tuple[Diagnostic, ...]  # lint findings and asset warnings, for the CLI to show


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


def check(target: Path, font_dir: Path, progress: Progress | None = None, strict: bool = False,
          cache_dir: Path | None = None) -> Checked:
    """Load, lint and check a brochure; charts are drawn only when there is a cache folder."""
    from report.assets import prepare_assets
    from report.lint import lint_brochure
    from report.load import load_brochure

    timer = _Timer(progress)
    brochure = timer.stage("load", load_brochure, target, cache_dir)
    findings = timer.stage("lint", lint_brochure, brochure, strict)
    try:
        assets = timer.stage("assets", prepare_assets, brochure, font_dir, cache_dir)
    except BuildError as error:
        raise BuildError(findings + error.diagnostics) from None
    if any(finding.severity == "error" for finding in findings):
        raise BuildError(findings)
    return Checked(brochure, assets, tuple(findings) + assets.warnings)


def build(target: Path, output: Path, font_dir: Path, progress: Progress | None = None,
          edition: str = "email", on_page: PageProgress | None = None,
          strict: bool = False) -> Built:
    """Build `edition` of the brochure at `target` into `output`."""
    from report.output.files import write_atomically

    timer = _Timer(progress)
    cache = cache_folder(output)
    key = f"{edition}{' strict' if strict else ''}"  # a strict build may refuse what a draft took
    start = time.perf_counter()
    last = reuse(cache, target, font_dir, key)
    if last is not None:
        timer.report("reused", time.perf_counter() - start)
        timer.stage("output", write_atomically, last.pdf, output)
        return Built(last.pdf, edition, last.warnings)
    with kept_dataclass_code(cache):  # the stages' modules are imported in there
        built = _build(timer, target, output, font_dir, edition, on_page, strict)
    timer.stage("output", write_atomically, built.pdf, output)
    remember(cache, target, font_dir, key, _inputs(built.brochure, built.assets),
             built.warnings, built.pdf)
    return built


def _build(timer: _Timer, target: Path, output: Path, font_dir: Path, edition: str,
           on_page: PageProgress | None, strict: bool) -> Built:
    from report.keptdrawings import read_drawings, write_drawings
    from report.keptlines import read_lines, write_lines
    from report.layout import layout_pdf
    from report.output.editions import STEP_NAME, finish_edition
    from report.output.files import check_target
    from report.pagehints import read_hint, write_hint

    cache = cache_folder(output)
    checked = check(target, font_dir, timer.progress, strict, cache)
    brochure, assets = checked.brochure, checked.assets
    check_target(output, [*brochure.files, *assets.files])  # never write over an input
    hint = read_hint(cache, brochure.folder, edition)
    fonts = list(assets.files)
    lines = read_lines(cache, brochure.folder, edition, fonts)  # the last build's set paragraphs
    drawings = read_drawings(cache, brochure.folder, edition, fonts)  # and its recorded charts
    laid_out = timer.stage("layout", layout_pdf, brochure, assets, edition, on_page, hint, lines,
                           drawings)
    write_hint(cache, brochure.folder, edition, laid_out.pages)
    write_lines(cache, brochure.folder, edition, fonts, lines)
    write_drawings(cache, brochure.folder, edition, fonts, drawings)
    pdf = timer.stage(STEP_NAME[edition], finish_edition, edition, laid_out.pdf, assets.profile, cache)
    return Built(pdf, edition, checked.warnings, brochure, assets)


def _inputs(brochure: Brochure, assets: Assets) -> list[Path]:
    """Every file the PDF was made from, besides our code: the loader's, images and fonts."""
    return [*brochure.files, *(image.path for image in assets.images.values()), *assets.files]


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
