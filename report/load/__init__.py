"""Stage 1, load: brochure folder → `Brochure` model.

Reads YAML through PyYAML's node tree so every value keeps file:line:col.
May import: report.model, report.diagnostics. Never imports later stages.
"""

from report.load.brochure import load_brochure

__all__ = ["load_brochure"]
