"""What layout does differently for each edition: the sheet, the inks, the page count.

One layout run per edition, from the same brochure; only these settings
differ:

| edition | sheet                               | colour          | page count       |
|---------|-------------------------------------|-----------------|------------------|
| email   | the trimmed page                    | RGB             | even (back cover is a verso) |
| print   | trim + bleed + crop marks, page boxes | CMYK (profile) | multiple of 4 (saddle stitch) |
| booklet | the trimmed page                    | RGB             | multiple of 4 (imposed 2-up) |

The booklet is laid out like the email edition, not the print one: an office
printer prints RGB (converting the press's CMYK back would dull the colours),
cannot print to the sheet edge, so bleed and crop marks would only be cut
away, and its sheets (A3 for A4 pages) hold exactly two trimmed pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from report.assets import Assets
from report.layout.colour import Inks, PressInks, ScreenInks
from report.layout.geometry import Sheet, press_sheet, screen_sheet
from report.model import EDITIONS, Brochure


@dataclass(frozen=True)
class EditionLayout:
    name: str
    sheet: Sheet
    inks: Inks
    pad_to: int  # the page count is a multiple of this; blank pages go before the back cover


def edition_layout(edition: str, brochure: Brochure, assets: Assets) -> EditionLayout:
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}")  # the CLI offers only EDITIONS
    spec = brochure.print_spec
    if edition == "print":
        return EditionLayout(edition, press_sheet(brochure.page, spec.bleed, spec.crop_marks),
                             PressInks(assets.profile.data), 4)
    pad_to = 4 if edition == "booklet" else 2
    return EditionLayout(edition, screen_sheet(brochure.page, spec.bleed), ScreenInks(), pad_to)
