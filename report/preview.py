"""Preview: PNG thumbnails of every page and a contact sheet of spreads (pypdfium2 + Pillow).

For looking at a brochure without a PDF viewer. The contact sheet shows the
pages as a reader sees them in the bound brochure: the cover alone on the
right, then verso–recto spreads, two spreads to a row, each page numbered.
Not a build stage: reads any PDF, writes only into the folder it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

BACKGROUND = (236, 236, 236)
LABEL = (90, 90, 90)
GAP = 24  # px between spreads and rows
SPREADS_PER_ROW = 2


@dataclass(frozen=True)
class Preview:
    pages: list[Path]  # one PNG per page, in order
    contact_sheet: Path


def render_preview(pdf: Path, folder: Path, width: int = 240) -> Preview:
    """Thumbnails `width` px wide and a contact sheet, written into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    thumbnails = _thumbnails(pdf, width)
    pages = []
    for number, image in enumerate(thumbnails, 1):
        pages.append(folder / f"{pdf.stem}-p{number:02d}.png")
        image.save(pages[-1], optimize=True)
    sheet = folder / f"{pdf.stem}-contact.png"
    contact_sheet(thumbnails).save(sheet, optimize=True)
    return Preview(pages, sheet)


def _thumbnails(pdf: Path, width: int) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for page in document:
            scale = width / page.get_width()
            images.append(page.render(scale=scale).to_pil().convert("RGB"))
        return images
    finally:
        document.close()


def spreads(count: int) -> list[tuple[int | None, int | None]]:
    """Page numbers (from 1) of each spread: (None, 1), (2, 3), …; None where no page is."""
    pairs: list[tuple[int | None, int | None]] = [(None, 1)]
    for left in range(2, count + 1, 2):
        pairs.append((left, left + 1 if left + 1 <= count else None))
    return pairs if count else []


def contact_sheet(thumbnails: list[Image.Image]) -> Image.Image:
    """All pages as spreads on a grey ground, each page's number under it."""
    page_w = max(image.width for image in thumbnails)
    page_h = max(image.height for image in thumbnails)
    label_h = 18
    pairs = spreads(len(thumbnails))
    rows = (len(pairs) + SPREADS_PER_ROW - 1) // SPREADS_PER_ROW
    sheet = Image.new("RGB", (GAP + SPREADS_PER_ROW * (2 * page_w + GAP),
                              GAP + rows * (page_h + label_h + GAP)), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default()
    for index, pair in enumerate(pairs):
        x = GAP + (index % SPREADS_PER_ROW) * (2 * page_w + GAP)
        y = GAP + (index // SPREADS_PER_ROW) * (page_h + label_h + GAP)
        for side, number in enumerate(pair):
            if number is None:
                continue
            left = x + side * page_w
            sheet.paste(thumbnails[number - 1], (left, y))
            draw.text((left + page_w // 2, y + page_h + 3), str(number), fill=LABEL, font=font,
                      anchor="ma")
    return sheet
