"""Shared fixtures: tiny brochures written into a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]

# Property tests: a fixed, quick set of examples in `make test` (the same ones every run, so CI
# cannot flake), a long random campaign in `make fuzz` (HYPOTHESIS_PROFILE=fuzz).
settings.register_profile("default", max_examples=50, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

MANIFEST = """\
title: 测试手册
publisher: 测试单位
date: "2026年"
sections:
  - a.yaml
"""

SECTION = """\
title: 第一部分
blocks:
  - paragraph: 这是正文。
"""


@pytest.fixture(scope="session")
def shifeng_pdf(tmp_path_factory) -> Path:
    """The 石峰 brochure, built once for every test that reads it."""
    from report.assets.fonts import PROJECT_FONTS
    from report.build import build

    out = tmp_path_factory.mktemp("shifeng") / "shifeng.pdf"
    build(REPO / "data" / "shifeng", out, PROJECT_FONTS)
    return out


@pytest.fixture
def make_brochure(tmp_path: Path):
    """Write `files` (name → text or bytes) into a brochure folder; defaults fill the rest."""

    def make(files: dict[str, str | bytes] | None = None, folder: str = "b") -> Path:
        root = tmp_path / folder
        root.mkdir(parents=True, exist_ok=True)
        merged: dict[str, str | bytes] = {"brochure.yaml": MANIFEST, "a.yaml": SECTION}
        merged.update(files or {})
        for name, content in merged.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session")
def shifeng_editions(tmp_path_factory) -> dict[str, Path]:
    """The 石峰 brochure built once per test session in every edition: name → PDF path."""
    from report.assets.fonts import PROJECT_FONTS
    from report.build import build
    from report.model import EDITIONS

    folder = tmp_path_factory.mktemp("editions")
    paths = {}
    for edition in EDITIONS:
        paths[edition] = folder / f"shifeng-{edition}.pdf"
        build(REPO / "data" / "shifeng", paths[edition], PROJECT_FONTS, edition=edition)
    return paths
