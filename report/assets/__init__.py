"""Stage 2, assets: everything layout needs, prepared and checked before layout.

Fonts are registered with ReportLab and every character of the brochure is
checked against the face that will draw it; the print edition's CMYK output
profile is read and checked. May import: report.model,
report.diagnostics. Never imports layout or output.
"""

from report.assets.fonts import Assets, Fonts, prepare_assets
from report.assets.profiles import OutputProfile

__all__ = ["Assets", "Fonts", "OutputProfile", "prepare_assets"]
