"""report: build printable Chinese PDF brochures from section YAML files.

Stages, in order (see build.py): load → assets → layout → output.
"""

import sys
import types
from pathlib import Path

__version__ = "0.1.0"

# Facts the command line needs before any stage is imported (a reused build imports none).
EDITIONS = ("email", "print", "booklet")  # re-exported by report.model
PROJECT_FONTS = Path(__file__).resolve().parents[1] / "fonts"  # the default of --fonts

# When first imported, ReportLab runs ~/.reportlab_mods (Python code) and reads
# ~/.reportlab_settings, unless modules of those names can be imported; either
# file may change its defaults, so a build would depend on the machine and read
# outside the brochure and font folders. Empty stand-ins make those imports
# succeed without the home folder ever being opened.
for _name in ("reportlab_mods", "reportlab_settings"):
    sys.modules.setdefault(_name, types.ModuleType(_name))
