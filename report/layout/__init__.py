"""Stage 3, layout: Brochure + Assets → PDF bytes, with ReportLab.

Running text goes through the Chinese text engine in `layout.text`, the one
seam for text setting. May import: report.model, report.diagnostics,
report.assets, report.deferred_patterns. Never imports output; never touches the disk.
"""

from report.deferred_patterns import import_reportlab_platypus

# First, before any layout module imports ReportLab's platypus: 40-65 ms of ReportLab's
# regular expressions that a build never uses are compiled when first used (never).
import_reportlab_platypus()

from report.layout.document import layout_pdf  # noqa: E402

__all__ = ["layout_pdf"]
