"""The print edition's output condition: a CMYK ICC profile and its name.

The built-in condition is FOGRA39 (ISO 12647-2 coated paper, sheet-fed
offset), the profile shipped in `icc/` with its licence. A manifest may name
another profile file in the brochure folder (`print: profile:`) and its
condition identifier; the file is checked here, before layout, so a wrong
file is an error at the manifest's line rather than a broken PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from report.diagnostics import Collector
from report.model import PrintSpec

ICC_DIR = Path(__file__).resolve().parent / "icc"
FOGRA39_FILE = ICC_DIR / "FOGRA39L_coated.icc"
ICC_REGISTRY = "http://www.color.org"
_HEADER = 128


@dataclass(frozen=True)
class OutputProfile:
    """A CMYK output condition: what PDF/X calls the output intent."""

    identifier: str  # /OutputConditionIdentifier, e.g. FOGRA39 (a name in the ICC registry)
    info: str  # /Info: a readable description of the condition
    data: bytes  # the ICC profile, embedded as /DestOutputProfile


FOGRA39 = ("FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004/Amd 1), FOGRA39L Coated profile")


def load_output_profile(spec: PrintSpec, errors: Collector) -> OutputProfile:
    """The output profile the manifest asks for (default: the built-in FOGRA39)."""
    if spec.profile is None:
        identifier, info = FOGRA39
        return OutputProfile(spec.condition or identifier, info, FOGRA39_FILE.read_bytes())
    data = spec.profile.path.read_bytes()
    problem = icc_problem(data)
    if problem is not None:
        errors.error(spec.profile.location, f"colour profile '{spec.profile.path.name}' {problem}",
                     "name an ICC output profile for CMYK printing, e.g. PSOcoated_v3.icc")
        identifier, info = FOGRA39
        return OutputProfile(identifier, info, FOGRA39_FILE.read_bytes())
    name = spec.profile.path.stem
    return OutputProfile(spec.condition or name, f"{name} ({spec.profile.path.name})", data)


def icc_problem(data: bytes) -> str | None:
    """Why `data` is not a CMYK output (printer) profile, or None if it is one."""
    if len(data) < _HEADER or data[36:40] != b"acsp":
        return "is not an ICC profile"
    if data[16:20] != b"CMYK":
        return f"is a {data[16:20].decode('latin-1').strip()} profile, not CMYK"
    if data[12:16] != b"prtr":
        return "is not an output (printer) profile"
    return None
