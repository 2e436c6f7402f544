"""Stage 2, assets: everything layout needs, prepared and checked before layout.

Fonts are registered with ReportLab and every character of the brochure is
checked against the face that will draw it. May import: report.model,
report.diagnostics. Never imports layout or output.
"""

from report.assets.fonts import Assets, Fonts, prepare_assets

__all__ = ["Assets", "Fonts", "prepare_assets"]
