"""The `report` command: the only place that prints or exits.

    report build data/shifeng -o build/shifeng.pdf [--edition email|print|booklet]
    report check data/shifeng
    report preflight build/shifeng-print.pdf
    report preview build/shifeng.pdf -o build/preview
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from report import EDITIONS, PROJECT_FONTS, __version__
from report.build import build, check
from report.diagnostics import BuildError, Diagnostic

# Each command imports only what it uses (pikepdf, pypdfium2, the preflight checks): a build
# pays no import time for `report preflight`. Preflight checks any of the EDITIONS.
if TYPE_CHECKING:
    from report.preflight import PreflightReport

# The cyclic garbage collector's thresholds for a `report` process. A build allocates millions
# of objects (lines, runs, operators) and leaves almost no cycles behind, and Python's default
# (a young collection every 700 allocations, the older generations every 10) spent a tenth of
# a 300-page build walking live objects: 373 collections, 0.2 s of a 2.2 s rebuild; 0.8 s of
# 8 s cold. Every 50,000: 4 collections, 0.04 s, 15 MB more at the peak.
GC_THRESHOLDS = (50_000, 20, 100)

DESCRIPTION = """\
Build a printable Chinese PDF brochure from a folder of YAML files.

A brochure folder holds brochure.yaml (title, publisher, list of sections),
a theme file and one YAML file per section. See docs/format.md."""

EPILOG = """\
examples:
  report build data/shifeng -o build/shifeng.pdf   lay out and write the PDF (email edition)
  report build data/shifeng -o build/shifeng-print.pdf --edition print
  report check data/shifeng                        only check the YAML and fonts (fast)
  report check --strict data/shifeng               punctuation warnings count as errors

Punctuation is checked by GB/T 15834 (ASCII marks in Chinese text, ... for ……,
single — or …, unbalanced quotes and brackets): warnings, errors with --strict.

exit status: 0 done, 1 the brochure has errors (listed as file:line:col), 2 wrong command line"""


def run() -> None:
    """The `report` command and `python -m report`: main(), then leave at once.

    The work is done and every file written and closed when main() returns;
    freeing a build's objects one by one at interpreter exit would only take
    another 50–100 ms, which the operating system does in no time.
    """
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        code = main()
    except BrokenPipeError:  # `report … | head`: the reader has gone, so has our audience
        code = 141  # as a shell reports a process ended by SIGPIPE
    except SystemExit as done:  # argparse's --help, --version and usage errors
        if isinstance(done.code, int | None):
            code = done.code or 0
        else:  # as Python itself exits with a message
            print(done.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # e.g. `report … | head` closed the pipe
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except BuildError as error:
        _print_diagnostics(error)
        return 1
    except KeyboardInterrupt:
        print("report: interrupted; the previous PDF is unchanged", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="report", description=DESCRIPTION, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"report {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    build_cmd = commands.add_parser("build", help="lay out a brochure and write its PDF",
                                    description="Lay out a brochure and write its PDF atomically: "
                                    "on any error the previous PDF is left as it was.")
    _add_target(build_cmd)
    build_cmd.add_argument("-o", "--output", type=Path, required=True, metavar="PDF",
                           help="the PDF file to write, e.g. build/shifeng.pdf")
    build_cmd.add_argument("--edition", choices=EDITIONS, default="email",
                           help="email: RGB, PDF/A-2b, linearized (default); print: CMYK PDF/X-1a "
                           "with bleed, crop marks and a page count for saddle stitching; booklet: "
                           "pages imposed 2-up for a duplex office printer")
    build_cmd.add_argument("-q", "--quiet", action="store_true",
                           help="print no progress (warnings are still printed)")
    build_cmd.set_defaults(run=_run_build)

    check_cmd = commands.add_parser("check", help="check a brochure's YAML and fonts without building",
                                    description="Check every file of a brochure and report all errors "
                                    "as file:line:col, without laying out the PDF.")
    _add_target(check_cmd)
    check_cmd.set_defaults(run=_run_check)

    preflight_cmd = commands.add_parser(
        "preflight", help="check a finished PDF as a print shop or a mail system would",
        description="Check fonts, page boxes, bleed, page count, colour spaces, transparency, image "
        "resolution, PDF/X or PDF/A marks, linearization, size and the Chinese line rules of a PDF. "
        "Exit status 1 if any check fails.")
    preflight_cmd.add_argument("pdf", type=Path, help="the PDF to check")
    preflight_cmd.add_argument("--edition", choices=EDITIONS,
                               help="check as this edition (default: print for a PDF/X file, email "
                               "for a PDF/A file, otherwise only the general checks)")
    preflight_cmd.set_defaults(run=_run_preflight)

    preview_cmd = commands.add_parser(
        "preview", help="write PNG thumbnails and a contact sheet of a PDF's pages",
        description="Render every page of a PDF to a PNG thumbnail and all pages as spreads on one "
        "contact sheet, for looking at a brochure without a PDF viewer.")
    preview_cmd.add_argument("pdf", type=Path, help="the PDF to preview")
    preview_cmd.add_argument("-o", "--output", type=Path, metavar="DIR",
                             help="folder for the PNG files (default: <pdf folder>/preview)")
    preview_cmd.add_argument("--width", type=int, default=240, metavar="PX",
                             help="thumbnail width in pixels (default: 240)")
    preview_cmd.set_defaults(run=_run_preview)
    return parser


def _add_target(command: argparse.ArgumentParser) -> None:
    command.add_argument("brochure", type=Path,
                         help="the brochure folder (holding brochure.yaml) or its manifest file")
    command.add_argument("--fonts", type=Path, default=PROJECT_FONTS, metavar="DIR",
                         help=f"folder with the theme's font files (default: {PROJECT_FONTS})")
    command.add_argument("--strict", action="store_true",
                         help="punctuation warnings are errors: nothing is written while one is left")


def _run_build(args: argparse.Namespace) -> int:
    bar = PageBar(sys.stderr) if not args.quiet and sys.stderr.isatty() else None

    def stage(name: str, seconds: float) -> None:
        if bar is not None:
            bar.clear()
        _print_stage(name, seconds)

    built = build(args.brochure, args.output, args.fonts, None if args.quiet else stage,
                  args.edition, bar, args.strict)
    _print_warnings(built.warnings)
    if not args.quiet:
        stats = built.assets.chart_stats if built.assets is not None else None
        if stats is not None and (stats.rendered or stats.cached):
            print(f"  charts  {stats.rendered} drawn, {stats.cached} from the cache")
        print(f"wrote {args.output} ({args.edition} edition, {len(built.pdf) / 1e6:.2f} MB)")
    return 0


def _print_warnings(warnings: tuple[Diagnostic, ...]) -> None:
    for warning in warnings:
        print(warning.render(), file=sys.stderr)


def _run_preflight(args: argparse.Namespace) -> int:
    import pikepdf

    from report.preflight import preflight

    if not args.pdf.is_file():
        print(f"{args.pdf}: error: no such file", file=sys.stderr)
        return 1
    try:
        report = preflight(args.pdf, args.edition)
    except pikepdf.PdfError as exc:
        print(f"{args.pdf}: error: not a readable PDF: {exc}", file=sys.stderr)
        return 1
    print(_preflight_table(report))
    return 0 if report.passed else 1


def _run_preview(args: argparse.Namespace) -> int:
    import pypdfium2 as pdfium

    from report.preview import render_preview

    if not args.pdf.is_file():
        print(f"{args.pdf}: error: no such file", file=sys.stderr)
        return 1
    if not 16 <= args.width <= 4000:
        print(f"report preview: error: --width must be 16 to 4000 pixels, not {args.width}",
              file=sys.stderr)
        return 2
    folder = args.output or args.pdf.parent / "preview"
    try:
        result = render_preview(args.pdf, folder, args.width)
    except pdfium.PdfiumError as exc:
        print(f"{args.pdf}: error: not a readable PDF: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(result.pages)} thumbnails and {result.contact_sheet}")
    return 0


def _preflight_table(report: PreflightReport) -> str:
    width = max(len(f.check) for f in report.findings)
    marks = {"ok": "ok", "warning": "WARN", "error": "FAIL"}
    rows = [f"{report.path} — preflight as the {report.edition} edition", ""]
    rows += [f"  {marks[f.status]:<4}  {f.check:<{width}}  {f.detail}" for f in report.findings]
    errors, warnings = len(report.errors), sum(f.status == "warning" for f in report.findings)
    rows += ["", f"{errors} error{'s' if errors != 1 else ''}, "
             f"{warnings} warning{'s' if warnings != 1 else ''}"]
    return "\n".join(rows)


def _run_check(args: argparse.Namespace) -> int:
    checked = check(args.brochure, args.fonts, strict=args.strict)
    _print_warnings(checked.warnings)
    sections = checked.brochure.sections
    blocks = sum(len(section.blocks) for section in sections)
    warnings = len(checked.warnings)
    noted = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    print(f"{args.brochure}: ok ({len(sections)} sections, {blocks} blocks{noted})")
    return 0



class PageBar:
    """Pages laid out so far, redrawn in place on one terminal line (stderr, only on a tty)."""

    WIDTH = 30

    def __init__(self, stream) -> None:  # noqa: ANN001 - a text stream
        self.stream = stream
        self.total = 0  # pages of the first pass: the length of the second (0: no first pass)
        self.shown = False

    def __call__(self, layout_pass: int, page: int) -> None:
        if layout_pass == 1:
            self.total = max(self.total, page)
            text = f"pass 1/2 [{'·' * min(page, self.WIDTH):<{self.WIDTH}}] page {page}"
        elif self.total:
            done = round(self.WIDTH * page / max(self.total, page))
            text = f"pass 2/2 [{'█' * done + '·' * (self.WIDTH - done)}] page {page}/{max(self.total, page)}"
        else:  # one pass: the pages of the last build were right (layout/document.py)
            text = f"page {page}"
        self.stream.write(f"\r  layout  {text}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def _print_stage(name: str, seconds: float) -> None:
    print(f"  {name:<7} {seconds * 1000:7.0f} ms")


def _print_diagnostics(error: BuildError) -> None:
    for diagnostic in error.diagnostics:
        print(diagnostic.render(), file=sys.stderr)
    count = len([d for d in error.diagnostics if d.severity == "error"])
    print(f"report: {count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
