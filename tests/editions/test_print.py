"""The print edition, read back: boxes, bleed, crop marks, CMYK, output intent, PDF/X keys, padding."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from report.assets.profiles import FOGRA39_FILE
from report.load import load_brochure
from report.model import Paragraph
from report.preflight.scan import scan
from tests.conftest import REPO
from tests.pdftools import page_texts, squeeze

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
BLEED = 3 * MM


def _box(page: pikepdf.Page, key: str) -> tuple[float, ...]:
    return tuple(float(v) for v in page.obj[key])


def test_every_page_has_trim_and_bleed_boxes_nested_in_the_media_box(shifeng_editions) -> None:
    with pikepdf.open(shifeng_editions["print"]) as pdf:
        for page in pdf.pages:
            media, bleed, trim = _box(page, "/MediaBox"), _box(page, "/BleedBox"), _box(page, "/TrimBox")
            assert trim[2] - trim[0] == pytest.approx(A4[0], abs=0.01)
            assert trim[3] - trim[1] == pytest.approx(A4[1], abs=0.01)
            for side in (0, 1):  # 3 mm of bleed on every side, and room for marks beyond it
                assert trim[side] - bleed[side] == pytest.approx(BLEED, abs=0.01)
                assert bleed[side + 2] - trim[side + 2] == pytest.approx(BLEED, abs=0.01)
                assert bleed[side] - media[side] > 5 * MM
                assert media[side + 2] - bleed[side + 2] > 5 * MM


def _render(path: Path, index: int, px_per_mm: float = 4):
    document = pdfium.PdfDocument(path)
    image = document[index].render(scale=px_per_mm / MM).to_pil().convert("RGB")
    document.close()
    return image


def test_cover_background_runs_into_the_bleed_and_crop_marks_sit_outside_it(shifeng_editions) -> None:
    image = _render(shifeng_editions["print"], 0)
    slug_mm = (image.width / 4 - 210) / 2  # media edge → trim edge
    trim_left, trim_bottom = slug_mm * 4, image.height - slug_mm * 4

    def pixel(x_mm: float, y_mm: float) -> tuple[int, int, int]:
        """Colour at x_mm right of the trim's left edge and y_mm above its bottom edge."""
        return image.getpixel((round(trim_left + x_mm * 4), round(trim_bottom - y_mm * 4)))

    dark_blue = pixel(10, 100)
    assert dark_blue[2] > dark_blue[0] + 40  # the cover's accent blue
    assert pixel(-1.5, 100) == dark_blue  # inside the bleed
    assert min(pixel(-3.6, 100)) > 245  # beyond the bleed: paper white
    # Crop marks are 0.25 pt hairlines (grey once antialiased), in line with the trim edges.
    assert max(pixel(-6.5, 0)) < 200  # a crop mark on the bottom trim line, left of the bleed
    assert max(pixel(0, -6.5)) < 200  # and one on the left trim line, below the bleed
    assert min(pixel(-3.6, 0)) > 245  # no mark reaches into the bleed
    assert min(pixel(-6.5, 3)) > 245  # marks are thin lines, not a frame


def test_crop_marks_are_in_registration_colour_on_every_page(shifeng_editions) -> None:
    with pikepdf.open(shifeng_editions["print"]) as pdf:
        marked = {e.page for e in scan(pdf) if e.kind == "stroke" and e.space == "Separation"
                  and e.values == (1.0,)}
        assert marked == set(range(1, len(pdf.pages) + 1))
        spaces = [cs for page in pdf.pages for cs in page.Resources.get("/ColorSpace", {}).values()]
        assert spaces and all(cs[0] == "/Separation" and cs[1] == "/All" for cs in spaces)


def test_all_colour_is_cmyk_and_body_text_is_100_percent_black(shifeng_editions) -> None:
    with pikepdf.open(shifeng_editions["print"]) as pdf:
        events = list(scan(pdf))
    assert {e.space for e in events if e.kind in ("fill", "stroke", "image", "shading")} == {
        "DeviceCMYK", "Separation"}
    text = Counter(e.values for e in events if e.kind == "text")
    assert all(len(values) == 4 for values in text)
    assert text.most_common(1)[0][0] == (0.0, 0.0, 0.0, 1.0)
    assert all(sum(values) <= 3.0 for e in events if e.space == "DeviceCMYK" for values in [e.values])
    assert not any(e.kind in ("gstate", "group") for e in events)  # no transparency at all


def test_output_intent_embeds_the_committed_fogra39_profile(shifeng_editions) -> None:
    with pikepdf.open(shifeng_editions["print"]) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4
        assert hashlib.sha256(profile.read_bytes()).hexdigest() == hashlib.sha256(
            FOGRA39_FILE.read_bytes()).hexdigest() == (
            "b35713ef7eff09349d4c3249e5f377736d06d8a2671c54712971a3546bf17c57")


def test_pdfx_identification(shifeng_editions) -> None:
    with pikepdf.open(shifeng_editions["print"]) as pdf:
        info = pdf.docinfo
        assert str(info.GTS_PDFXVersion) == "PDF/X-1:2003"
        assert str(info.GTS_PDFXConformance) == "PDF/X-1a:2003"
        assert info.Trapped == "/False"
        assert str(info.Title) == "石峰十年" and "/CreationDate" in info and "/ModDate" in info
        assert "/ID" in pdf.trailer
        assert pdf.pdf_version == "1.4"
        assert not any("/Annots" in page.obj or "/Trans" in page.obj for page in pdf.pages)
        assert pdf.open_metadata()["dc:title"] == "石峰十年"
        assert pdf.check_pdf_syntax() == []


def test_pages_padded_to_a_multiple_of_4_with_blanks_before_the_back_cover(shifeng_editions) -> None:
    texts = [squeeze(t) for t in page_texts(shifeng_editions["print"])]
    email = [squeeze(t) for t in page_texts(shifeng_editions["email"])]
    assert len(texts) % 4 == 0 and len(email) % 2 == 0
    assert texts[-1] == "株洲市石峰区2022年"
    last_part = load_brochure(REPO / "data" / "shifeng").sections[-1]
    ending = squeeze([b for b in last_part.blocks if isinstance(b, Paragraph)][-1].text.plain)[-12:]
    end_page = next(i for i, text in enumerate(texts) if ending in text)
    assert 1 <= len(texts) - 1 - end_page - 1 <= 3  # the padding: blank pages, all after the last part
    assert all(text == "" for text in texts[end_page + 1:-1])
    assert texts[:end_page + 1] == email[:end_page + 1]  # same layout as the email edition up to there
