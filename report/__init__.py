"""report: build printable Chinese PDF brochures from section YAML files.

Stages, in order (see build.py): load → assets → layout → output.
"""

from pathlib import Path

__version__ = "0.1.0"

# Facts the command line needs before any stage is imported (a reused build imports none).
EDITIONS = ("email", "print", "booklet")  # re-exported by report.model
PROJECT_FONTS = Path(__file__).resolve().parents[1] / "fonts"  # the default of --fonts
