"""Colour for one edition: theme RGB for screens, CMYK for the press (layout stage).

An ink is a tuple of components in 0..1: three for RGB, four for CMYK. Every
colour that layout draws goes through an edition's `Inks`, so the print
edition holds no RGB at all and the screen editions no CMYK:

- ScreenInks keeps the theme's RGB and downsamples images for the screen;
- PressInks converts through the output profile (relative colorimetric with
  black-point compensation, littleCMS via Pillow), sets neutral greys in black
  ink only (text is 100 % K, hairlines need no registration) and keeps the
  total ink within the press's limit.

Imports: Pillow, ReportLab and report.model.
"""

from __future__ import annotations

import copy
import hashlib
import io
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from PIL import Image
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color
from reportlab.pdfgen.canvas import Canvas

from report.model import RGB

if TYPE_CHECKING:
    from PIL.ImageCms import ImageCmsTransform

Ink = tuple[float, ...]

SCREEN_PPI = 150  # enough for a screen or an office printer; keeps the email small
TOTAL_INK_LIMIT = 3.0  # 300 %: coated sheet-fed offset (FOGRA39)
# Registration colour: 100 % on every separation, for crop marks only.
REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All")


class ScreenInks:
    """The theme's RGB as it is; images at screen resolution."""

    mode = "rgb"
    key = "rgb"  # what a recorded chart (layout/recorded.py) was drawn with

    def ink(self, rgb: RGB) -> Ink:
        return tuple(rgb)

    def drawing(self, drawing: Drawing) -> Drawing:
        return drawing

    def image(self, image: Image.Image, width: float, height: float) -> Image.Image:
        """`image` placed `width` × `height` pt: RGB, at most SCREEN_PPI."""
        image = _flatten(image).convert("RGB")
        return _downsample(image, width, height, SCREEN_PPI)


class PressInks:
    """CMYK through the output profile `icc` (the bytes of a CMYK printer profile)."""

    mode = "cmyk"

    def __init__(self, icc: bytes) -> None:
        self.icc = icc
        self.key = "cmyk-" + hashlib.sha256(icc).hexdigest()[:32]

    def ink(self, rgb: RGB) -> Ink:
        return _press_ink(self.icc, tuple(round(c * 255) for c in rgb))

    def drawing(self, drawing: Drawing) -> Drawing:
        """A copy of a vector drawing (a chart) with every colour in press inks."""
        inked = copy.deepcopy(drawing)
        for shape in _shapes(inked):
            for attribute in ("fillColor", "strokeColor"):
                color = getattr(shape, attribute, None)
                if isinstance(color, Color) and not isinstance(color, CMYKColor):
                    setattr(shape, attribute, CMYKColor(*self.ink(color.rgb())))
        return inked

    def image(self, image: Image.Image, width: float, height: float) -> Image.Image:
        """`image` converted to CMYK at full resolution (the press wants ≥ 300 ppi)."""
        return _to_press(_flatten(image).convert("RGB"), self.icc)


Inks = ScreenInks | PressInks


def set_fill(canv: Canvas, ink: Ink) -> None:
    if len(ink) == 4:
        canv.setFillColorCMYK(*ink)
    else:
        canv.setFillColorRGB(*ink)


def set_stroke(canv: Canvas, ink: Ink) -> None:
    if len(ink) == 4:
        canv.setStrokeColorCMYK(*ink)
    else:
        canv.setStrokeColorRGB(*ink)


def _shapes(node: object) -> Iterator[object]:
    """Every shape of a ReportLab drawing, groups included."""
    yield node
    for child in getattr(node, "contents", ()):
        yield from _shapes(child)


@lru_cache(maxsize=256)
def _press_ink(icc: bytes, rgb: tuple[int, ...]) -> Ink:
    red, green, blue = rgb
    if red == green == blue:  # a neutral: black ink only
        return (0.0, 0.0, 0.0, round(1 - red / 255, 4))
    pixel = _to_press(Image.new("RGB", (1, 1), rgb), icc).getpixel((0, 0))
    cyan, magenta, yellow, black = (round(v / 255, 4) for v in pixel)
    total = cyan + magenta + yellow + black
    if total > TOTAL_INK_LIMIT:  # take the excess out of the colour inks, keep the black
        scale = (TOTAL_INK_LIMIT - black) / (cyan + magenta + yellow)
        cyan, magenta, yellow = (round(v * scale, 4) for v in (cyan, magenta, yellow))
    return (cyan, magenta, yellow, black)


def _to_press(image: Image.Image, icc: bytes) -> Image.Image:
    """An RGB image in the press's CMYK.

    littleCMS (PIL.ImageCms, 3 ms to import) is imported here, by the print edition only.
    """
    from PIL import ImageCms

    return ImageCms.applyTransform(image, _transform(icc))


@lru_cache(maxsize=4)
def _transform(icc: bytes) -> ImageCmsTransform:
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(icc)), "RGB", "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


def _flatten(image: Image.Image) -> Image.Image:
    """Transparent pixels onto white paper: neither edition carries soft masks."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    return image


def _downsample(image: Image.Image, width: float, height: float, ppi: float) -> Image.Image:
    wanted = (max(1, round(width / 72 * ppi)), max(1, round(height / 72 * ppi)))
    if image.width <= wanted[0] and image.height <= wanted[1]:
        return image
    return image.resize(wanted, Image.Resampling.LANCZOS)
