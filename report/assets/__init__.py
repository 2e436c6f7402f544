"""Stage 2, assets: everything layout needs, prepared and checked before layout.

Fonts are registered with ReportLab and every character of the brochure is
checked against the face that will draw it; images are measured at their
placed size; charts are drawn (matplotlib → SVG → ReportLab vectors) and
cached; the print edition's CMYK output profile is read and checked.
May import: report.model, report.diagnostics, report.textarea.
Never imports layout or output.
"""

from report.assets.fonts import Fonts
from report.assets.profiles import OutputProfile
from report.assets.stage import Assets, prepare_assets

__all__ = ["Assets", "Fonts", "OutputProfile", "prepare_assets"]
