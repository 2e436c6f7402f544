"""Preflight: what a print shop or a mail system checks in a finished PDF.

Not a build stage: it reads any PDF (ours or not) and reports one row per
check, `ok`, `warning` or `error`. May import: report.layout.text.charclass
(the line-breaking rules it verifies on the page), pikepdf and pypdfium2.
Never imports the build stages otherwise.
"""

from report.preflight.findings import Finding
from report.preflight.report import PREFLIGHT_EDITIONS, PreflightReport, preflight

__all__ = ["PREFLIGHT_EDITIONS", "Finding", "PreflightReport", "preflight"]
