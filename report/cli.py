"""The `report` command: the only place that prints or exits.

    report build data/shifeng -o build/shifeng.pdf
    report check data/shifeng
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from report import __version__
from report.assets.fonts import PROJECT_FONTS
from report.build import build, check
from report.diagnostics import BuildError, Diagnostic

DESCRIPTION = """\
Build a printable Chinese PDF brochure from a folder of YAML files.

A brochure folder holds brochure.yaml (title, publisher, list of sections),
a theme file and one YAML file per section. See docs/format.md."""

EPILOG = """\
examples:
  report build data/shifeng -o build/shifeng.pdf   lay out and write the PDF
  report check data/shifeng                        only check the YAML and fonts (fast)
  report check --strict data/shifeng               punctuation warnings count as errors

Punctuation is checked by GB/T 15834 (ASCII marks in Chinese text, ... for ……,
single — or …, unbalanced quotes and brackets): warnings, errors with --strict.

exit status: 0 done, 1 the brochure has errors (listed as file:line:col), 2 wrong command line"""


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
    build_cmd.add_argument("-q", "--quiet", action="store_true",
                           help="print no progress (warnings are still printed)")
    build_cmd.set_defaults(run=_run_build)

    check_cmd = commands.add_parser("check", help="check a brochure's YAML and fonts without building",
                                    description="Check every file of a brochure and report all errors "
                                    "as file:line:col, without laying out the PDF.")
    _add_target(check_cmd)
    check_cmd.set_defaults(run=_run_check)
    return parser


def _add_target(command: argparse.ArgumentParser) -> None:
    command.add_argument("brochure", type=Path,
                         help="the brochure folder (holding brochure.yaml) or its manifest file")
    command.add_argument("--fonts", type=Path, default=PROJECT_FONTS, metavar="DIR",
                         help=f"folder with the theme's font files (default: {PROJECT_FONTS})")
    command.add_argument("--strict", action="store_true",
                         help="punctuation warnings are errors: nothing is written while one is left")


def _run_build(args: argparse.Namespace) -> int:
    progress = None if args.quiet else _print_stage
    built = build(args.brochure, args.output, args.fonts, progress, args.strict)
    _print_warnings(built.warnings)
    if not args.quiet:
        print(f"wrote {args.output} ({len(built.pdf) / 1e6:.1f} MB)")
    return 0


def _run_check(args: argparse.Namespace) -> int:
    checked = check(args.brochure, args.fonts, strict=args.strict)
    _print_warnings(checked.warnings)
    sections = checked.brochure.sections
    blocks = sum(len(section.blocks) for section in sections)
    warnings = len(checked.warnings)
    noted = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    print(f"{args.brochure}: ok ({len(sections)} sections, {blocks} blocks{noted})")
    return 0


def _print_warnings(warnings: tuple[Diagnostic, ...]) -> None:
    for warning in warnings:
        print(warning.render(), file=sys.stderr)


def _print_stage(name: str, seconds: float) -> None:
    print(f"  {name:<7} {seconds * 1000:7.0f} ms")


def _print_diagnostics(error: BuildError) -> None:
    for diagnostic in error.diagnostics:
        print(diagnostic.render(), file=sys.stderr)
    count = len([d for d in error.diagnostics if d.severity == "error"])
    print(f"report: {count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
