"""Stage 2, lint: the source text's punctuation, checked before anything is laid out.

Follows GB/T 15834 (docs/typography.md, R13). Findings are warnings, or
errors under --strict. Knows the model only: may import report.model and
report.diagnostics; never ReportLab, never a later stage.
"""

from report.lint.punctuation import CHECKS, lint_brochure

__all__ = ["CHECKS", "lint_brochure"]
