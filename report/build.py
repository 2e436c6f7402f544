"""The build, in order: load → lint → assets → layout → output.

The only module that knows the order of the stages. Each stage takes the
previous one's value and returns its own; BuildError stops the build before
anything is written. Lint findings are warnings that travel with the result
(errors under strict, reported together with the assets' errors).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from report.assets import Assets, prepare_assets
from report.diagnostics import BuildError, Diagnostic
from report.layout import layout_pdf
from report.lint import lint_brochure
from report.load import load_brochure
from report.model import Brochure
from report.output import write_atomically

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Checked:
    brochure: Brochure
    assets: Assets
    warnings: tuple[Diagnostic, ...]  # lint findings, for the CLI to show


@dataclass(frozen=True)
class Built:
    brochure: Brochure
    pdf: bytes
    warnings: tuple[Diagnostic, ...]


def check(target: Path, font_dir: Path, progress: Progress | None = None,
          strict: bool = False) -> Checked:
    """Load, lint and check a brochure without laying it out."""
    timer = _Timer(progress)
    brochure = timer.stage("load", load_brochure, target)
    findings = timer.stage("lint", lint_brochure, brochure, strict)
    try:
        assets = timer.stage("assets", prepare_assets, brochure, font_dir)
    except BuildError as error:
        raise BuildError(findings + error.diagnostics) from None
    if any(finding.severity == "error" for finding in findings):
        raise BuildError(findings)
    return Checked(brochure, assets, tuple(findings))


def build(target: Path, output: Path, font_dir: Path, progress: Progress | None = None,
          strict: bool = False) -> Built:
    """Build the PDF of the brochure at `target` into `output`."""
    timer = _Timer(progress)
    checked = check(target, font_dir, progress, strict)
    pdf = timer.stage("layout", layout_pdf, checked.brochure, checked.assets)
    timer.stage("output", write_atomically, pdf, output)
    return Built(checked.brochure, pdf, checked.warnings)


class _Timer:
    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress

    def stage(self, name: str, function, *args):  # noqa: ANN001, ANN202 - any stage function
        start = time.perf_counter()
        result = function(*args)
        if self.progress is not None:
            self.progress(name, time.perf_counter() - start)
        return result
