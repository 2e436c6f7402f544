"""Stage 4, output: an edition's PDF bytes → the finished file, written atomically.

Post-processing of the layout's bytes with pikepdf (PDF/A, PDF/X, imposition)
happens here, never in layout. A build that fails at any point, or is
interrupted, leaves the previous PDF exactly as it was and no temporary file
behind. May import: report.diagnostics, report.assets (the output profile).
"""

from report.output.editions import STEP_NAME, finish_edition
from report.output.files import check_target, write_atomically

__all__ = ["STEP_NAME", "check_target", "finish_edition", "write_atomically"]
