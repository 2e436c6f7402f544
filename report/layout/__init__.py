"""Stage 3, layout: Brochure + Assets → PDF bytes, with ReportLab.

Running text goes through the Chinese text engine in `layout.text`, the one
seam for text setting. May import: report.model, report.diagnostics,
report.assets. Never imports output; never touches the disk.
"""

from report.layout.document import layout_pdf

__all__ = ["layout_pdf"]
