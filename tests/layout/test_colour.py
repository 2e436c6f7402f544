"""Inks per edition: theme RGB kept for screens, converted through FOGRA39 for the press."""

from __future__ import annotations

from PIL import Image

from report.assets.profiles import FOGRA39_FILE
from report.layout.colour import PressInks, ScreenInks
from report.load.theme import DEFAULT_COLORS, hex_to_rgb

PRESS = PressInks(FOGRA39_FILE.read_bytes())


def test_black_and_greys_print_in_black_ink_only() -> None:
    assert PRESS.ink((0.0, 0.0, 0.0)) == (0.0, 0.0, 0.0, 1.0)
    assert PRESS.ink((1.0, 1.0, 1.0)) == (0.0, 0.0, 0.0, 0.0)
    assert PRESS.ink((0.5, 0.5, 0.5))[:3] == (0.0, 0.0, 0.0)


def test_theme_colours_convert_to_cmyk_within_the_ink_limit() -> None:
    for name, value in DEFAULT_COLORS.items():
        ink = PRESS.ink(hex_to_rgb(value))
        assert len(ink) == 4 and all(0 <= v <= 1 for v in ink) and sum(ink) <= 3.0, name
    cyan, magenta, yellow, black = PRESS.ink(hex_to_rgb(DEFAULT_COLORS["accent"]))
    assert cyan > 0.7 and magenta > 0.3 and yellow < 0.1  # the deep blue stays blue


def test_screen_inks_keep_the_theme_rgb() -> None:
    assert ScreenInks().ink((0.1, 0.2, 0.3)) == (0.1, 0.2, 0.3)


def test_image_hook_downsamples_for_the_screen_and_converts_for_the_press() -> None:
    photo = Image.new("RGBA", (600, 300), (200, 30, 30, 128))  # 600 px placed 1 inch wide: 600 ppi
    screen = ScreenInks().image(photo, 72, 36)
    assert screen.mode == "RGB" and screen.size == (150, 75)
    press = PRESS.image(photo, 72, 36)
    assert press.mode == "CMYK" and press.size == (600, 300)  # the press keeps every pixel
    assert press.getpixel((0, 0))[1] > 0  # red on white paper: magenta ink, no alpha left
