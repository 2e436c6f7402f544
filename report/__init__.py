"""report: build printable Chinese PDF brochures from section YAML files.

Stages, in order (see build.py): load → assets → layout → output.
"""

__version__ = "0.1.0"
