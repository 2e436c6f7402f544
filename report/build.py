"""The build, in order: load → lint → assets → layout → edition post-processing → output.

The only module that knows the order of the stages. Each stage takes the
previous one's value and returns its own; BuildError stops the build before
anything is written. Each edition is one layout run of the same brochure.
Lint findings are warnings that travel with the result (errors under
strict, reported together with the assets' errors).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from report.assets import Assets, prepare_assets
from report.diagnostics import BuildError, Diagnostic
from report.layout import layout_pdf
from report.layout.document import PageProgress
from report.lint import lint_brochure
from report.load import load_brochure
from report.model import Brochure
from report.output import STEP_NAME, check_target, finish_edition, write_atomically

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Checked:
    brochure: Brochure
    assets: Assets
    warnings: tuple[Diagnostic, ...]  # lint findings and asset warnings, for the CLI to show


@dataclass(frozen=True)
class Built:
    brochure: Brochure
    pdf: bytes
    assets: Assets
    warnings: tuple[Diagnostic, ...]
    edition: str = "email"


def cache_folder(output: Path) -> Path:
    """Rendered charts are kept next to the output PDF; the folder is safe to delete."""
    return output.parent / ".cache"


def check(target: Path, font_dir: Path, progress: Progress | None = None, strict: bool = False,
          cache_dir: Path | None = None) -> Checked:
    """Load, lint and check a brochure; charts are drawn only when there is a cache folder."""
    timer = _Timer(progress)
    brochure = timer.stage("load", load_brochure, target)
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
    timer = _Timer(progress)
    checked = check(target, font_dir, progress, strict, cache_folder(output))
    brochure, assets = checked.brochure, checked.assets
    check_target(output, [*brochure.files, *assets.files])  # never write over an input
    laid_out = timer.stage("layout", layout_pdf, brochure, assets, edition, on_page)
    pdf = timer.stage(STEP_NAME[edition], finish_edition, edition, laid_out, assets.profile)
    timer.stage("output", write_atomically, pdf, output)
    return Built(brochure, pdf, assets, checked.warnings, edition)


class _Timer:
    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress

    def stage(self, name: str, function, *args):  # noqa: ANN001, ANN202 - any stage function
        start = time.perf_counter()
        result = function(*args)
        if self.progress is not None:
            self.progress(name, time.perf_counter() - start)
        return result
