"""The last build of a brochure, reused when nothing it was made from has changed.

A build's PDF is a function of its inputs: the files the loader read (the
manifest, theme, sections, data tables, print profile), the images, the four
font files, the edition, our code and the installed libraries. The last PDF
of each (brochure, fonts, edition) is kept in `<cache>/builds/` with the
SHA-256 of every input file and a fingerprint of the code and libraries. A
build whose inputs all hash the same writes that PDF again and is done: no
loading, no layout. Any difference, or a damaged entry, and the build runs
in full. The warnings of the kept build are kept with it and shown again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from report.cachefiles import file_sha256, installed_distributions, read_entry, write_entry
from report.diagnostics import Diagnostic, Location

_MAGIC = b"report-build"
_PACKAGE = Path(__file__).resolve().parent  # our code, the built-in profile included
_FINGERPRINT: list[str] = []  # computed once per process


@dataclass(frozen=True)
class LastBuild:
    pdf: bytes
    warnings: tuple[Diagnostic, ...]


def reuse(cache: Path, target: Path, font_dir: Path, edition: str) -> LastBuild | None:
    """The last build's PDF if every input is as it was then, else None."""
    payload = read_entry(_entry(cache, target, font_dir, edition), _MAGIC)
    if payload is None:
        return None
    try:
        size = int.from_bytes(payload[:4], "big")
        record = json.loads(payload[4:4 + size])
        if record["code"] != code_fingerprint() or not _unchanged(record["inputs"], cache):
            return None
        warnings = tuple(_diagnostic(item) for item in record["warnings"])
    except (ValueError, KeyError, TypeError):
        return None
    return LastBuild(payload[4 + size:], warnings)


def remember(cache: Path, target: Path, font_dir: Path, edition: str, inputs: list[Path],
             warnings: tuple[Diagnostic, ...], pdf: bytes) -> None:
    """Keep `pdf` as the last build of `target`, made from `inputs`."""
    try:
        hashed = [[str(path), file_sha256(path, cache)] for path in dict.fromkeys(inputs)]
    except OSError:
        return  # an input went away while we built: nothing to vouch for
    record = {"code": code_fingerprint(), "inputs": hashed,
              "warnings": [_plain(warning) for warning in warnings]}
    header = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    write_entry(_entry(cache, target, font_dir, edition), _MAGIC,
                len(header).to_bytes(4, "big") + header + pdf)


def code_fingerprint() -> str:
    """Our package's files, the Python version, every installed distribution's name and version,
    and ReportLab's settings from the environment (RL_*)."""
    if not _FINGERPRINT:
        digest = hashlib.sha256(sys.version.encode())
        for name in sorted(key for key in os.environ if key.startswith("RL_")):
            digest.update(f"\0{name}={os.environ[name]}".encode())
        for path in sorted(_PACKAGE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"\0{path.relative_to(_PACKAGE)}\0".encode() + path.read_bytes())
        for name in installed_distributions():
            digest.update(f"\0{name}".encode())
        _FINGERPRINT.append(digest.hexdigest())
    return _FINGERPRINT[0]


def _entry(cache: Path, target: Path, font_dir: Path, edition: str) -> Path:
    # As the user named them: the warnings kept name files the same way.
    identity = f"{Path.cwd()}\0{target}\0{font_dir}\0{edition}"
    return cache / "builds" / f"{hashlib.sha256(identity.encode()).hexdigest()[:40]}.build"


def _unchanged(inputs: list[list[str]], cache: Path) -> bool:
    try:
        return all(file_sha256(Path(path), cache) == digest for path, digest in inputs)
    except OSError:
        return False  # an input is gone: the build will say what is missing


def _plain(warning: Diagnostic) -> dict:
    where = warning.location
    location = None if where is None else [str(where.file), where.line, where.column]
    return {"location": location, "message": warning.message, "hint": warning.hint,
            "severity": warning.severity}


def _diagnostic(item: dict) -> Diagnostic:
    where = item["location"]
    location = None if where is None else Location(Path(where[0]), int(where[1]), int(where[2]))
    return Diagnostic(location, str(item["message"]), item["hint"], str(item["severity"]))
