"""The shipped fonts are the recorded files, and they are usable glyf TrueType."""

from __future__ import annotations

import hashlib
import re

from report.assets.fonts import PROJECT_FONTS


def test_font_files_match_the_recorded_sha256() -> None:
    readme = (PROJECT_FONTS / "README.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"\| `([\w-]+\.ttf)` \|.*\| `([0-9a-f]{64})` \|", readme))
    assert sorted(recorded) == sorted(p.name for p in PROJECT_FONTS.glob("*.ttf"))
    for name, digest in recorded.items():
        assert hashlib.sha256((PROJECT_FONTS / name).read_bytes()).hexdigest() == digest, name


def test_licence_carries_both_copyright_lines() -> None:
    licence = (PROJECT_FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Noto Sans SC" in licence and "Noto Serif SC" in licence
