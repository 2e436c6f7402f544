"""Fonts for the text-engine tests, registered once per session from fonts/ only."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from report.assets.cidfont import CIDFont, register_font
from report.layout.text import TextStyle

FONTS = Path(__file__).resolve().parents[2] / "fonts"

# Our own names, so registrations by other test folders cannot collide.
FACES = {
    "TextSerif": "NotoSerifSC-Regular.ttf",
    "TextSerifBold": "NotoSerifSC-Bold.ttf",
    "TextSans": "NotoSansSC-Regular.ttf",
}


def register_fonts() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file in FACES.items():
        if name not in registered:
            register_font(CIDFont(name, str(FONTS / file)))


@pytest.fixture(scope="session", autouse=True)
def fonts() -> None:
    register_fonts()


@pytest.fixture(scope="session")
def body() -> TextStyle:
    return TextStyle("TextSerif", 10.5)


@pytest.fixture(scope="session")
def bold() -> TextStyle:
    return TextStyle("TextSerifBold", 10.5, (0.6, 0.0, 0.0))


@pytest.fixture(scope="session")
def sans() -> TextStyle:
    return TextStyle("TextSans", 9.0)
