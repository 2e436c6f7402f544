"""Raster images (assets stage): size at the placed width and the resolution check.

The one place that knows the print resolution rule: an image under MIN_PPI
at the size it is placed gets a warning (a print shop wants 300 ppi; a
screen edition does not care). Only the header of each file is read here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from report.diagnostics import Collector, Location
from report.model import MM, Brochure, Picture

MIN_PPI = 300


@dataclass(frozen=True)
class ImageArt:
    """An image file and the size it is placed at, in points."""

    path: Path
    width: float
    height: float
    ppi: float


def prepare_images(brochure: Brochure, widths: tuple[float, float], max_height: float,
                   errors: Collector) -> dict[Location, ImageArt]:
    """Every image block's placed size; resolution warnings and unreadable files into `errors`."""
    placed: dict[Location, ImageArt] = {}
    for picture in _pictures(brochure):
        pixels = _pixels(picture, errors)
        if pixels is None:
            continue
        art = _place(picture.path, pixels, widths[1] if picture.full_width else widths[0], max_height)
        check_resolution(picture, art, errors)
        placed[picture.location] = art
    return placed


def check_resolution(picture: Picture, art: ImageArt, errors: Collector) -> None:
    if art.ppi < MIN_PPI:
        needed = math.ceil(art.width / 72 * MIN_PPI - 1e-9)
        errors.warning(picture.location, f"image '{picture.path.name}' is {art.ppi:.0f} ppi at its placed "
                       f"width of {art.width / MM:.0f} mm; print needs {MIN_PPI} ppi",
                       f"use an image at least {needed} pixels wide, or place it smaller")


def _pictures(brochure: Brochure) -> list[Picture]:
    return [b for section in brochure.sections for b in section.blocks if isinstance(b, Picture)]


def _pixels(picture: Picture, errors: Collector) -> tuple[int, int] | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(picture.path) as image:
            return image.size
    except (OSError, UnidentifiedImageError, ValueError) as exc:
        errors.error(picture.location, f"image file '{picture.path.name}' cannot be read: {exc}",
                     "save it again as PNG or JPEG")
        return None


def _place(path: Path, pixels: tuple[int, int], width: float, max_height: float) -> ImageArt:
    """The full width, unless that would be taller than `max_height`."""
    px_width, px_height = pixels
    height = width * px_height / px_width
    if height > max_height:
        width, height = max_height * px_width / px_height, max_height
    return ImageArt(path, width, height, px_width / (width / 72))
