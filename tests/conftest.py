"""Shared fixtures: tiny brochures written into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

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
