"""Stage 4, output: PDF bytes → a file, written atomically.

A build that fails at any point, or is interrupted, leaves the previous PDF
exactly as it was and no temporary file behind. May import:
report.diagnostics.
"""

from report.output.files import check_target, write_atomically

__all__ = ["check_target", "write_atomically"]
