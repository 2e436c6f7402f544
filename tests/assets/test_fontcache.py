"""The font cache: a restored face is the parsed face, a bad entry is parsed again, and a
kept subset program is the one ReportLab makes."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from report.assets.cidfont import register_font
from report.assets.fontcache import CachedFace, open_font
from report.assets.fonts import PROJECT_FONTS

FONT = PROJECT_FONTS / "NotoSansSC-Bold.ttf"  # the smallest of the four
SAMPLE = [ord(c) for c in "石峰十年，产业创新：12.2亿元（近40家）ABC “破”与“立”"]


@pytest.fixture(scope="module")
def parsed() -> TTFont:
    return TTFont("parsed", str(FONT))


@pytest.fixture
def restored(tmp_path: Path) -> TTFont:
    open_font("first", FONT, tmp_path)  # parses and writes the entry
    font = open_font("restored", FONT, tmp_path)
    assert isinstance(font.face, CachedFace)
    return font


def _widths_as_read(face, full: dict[int, int]) -> dict[int, int]:  # noqa: ANN001
    """`face.charWidths` read both ways ReportLab reads it, for every character of `full`;
    a character the face lacks is missing from both and reads as the default width."""
    widths = face.charWidths
    assert widths.get(0x10FFFF, face.defaultWidth) == face.defaultWidth and 0x10FFFF not in full
    with pytest.raises(KeyError):
        widths[0x10FFFF]  # noqa: B018 - indexing a character the face lacks fails as in a dict
    read = {code: widths.get(code, face.defaultWidth) for code in full}
    assert read == {code: widths[code] for code in full}
    return read


def test_widths_are_stored_without_the_default_width(restored: TTFont, parsed: TTFont) -> None:
    stored = dict.items(restored.face.charWidths)
    assert len(stored) < len(parsed.face.charWidths) / 20  # most of a CJK face is 1000 units
    assert all(width != parsed.face.defaultWidth for _, width in stored)


def test_the_restored_face_has_every_attribute_of_the_parsed_one(parsed: TTFont, restored: TTFont) -> None:
    mine, theirs = vars(restored.face), vars(parsed.face)
    for name, value in theirs.items():
        if name in ("_ttf_data", "_pdfScale", "_pos"):
            continue
        mine_value = getattr(restored.face, name)
        if name in ("hmetrics", "glyphPos"):  # arrays, read as ReportLab reads the lists
            mine_value = [mine_value[i] for i in range(len(mine_value))]
        if name == "charWidths":  # stored without the default widths, read as ReportLab reads it
            mine_value = _widths_as_read(restored.face, value)
        assert mine_value == value, name
    assert restored.face._ttf_data[:] == parsed.face._ttf_data
    assert restored.face._pdfScale(1234) == parsed.face._pdfScale(1234)
    assert set(mine) == set(theirs)


def test_the_font_object_is_set_up_as_ttfont_does(parsed: TTFont, restored: TTFont) -> None:
    for name, value in vars(parsed).items():
        if name not in ("fontName", "face", "state", "encoding"):
            assert getattr(restored, name) == value, name
    assert restored.encoding.name == parsed.encoding.name


def test_widths_and_subsets_are_identical(parsed: TTFont, restored: TTFont) -> None:
    assert [restored.face.getCharWidth(c) for c in SAMPLE] == [parsed.face.getCharWidth(c) for c in SAMPLE]
    assert restored.stringWidth("石峰十年 ABC", 10.5) == parsed.stringWidth("石峰十年 ABC", 10.5)
    # The bytes ReportLab embeds in the PDF for a subset of these characters.
    assert restored.face.makeSubset(SAMPLE) == parsed.face.makeSubset(SAMPLE)


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage"])
def test_a_damaged_entry_is_parsed_again_and_rewritten(damage: str, tmp_path: Path, parsed: TTFont) -> None:
    open_font("first", FONT, tmp_path)
    (entry,) = (tmp_path / "fonts").glob("*.face")
    data = entry.read_bytes()
    entry.write_bytes({
        "truncate": data[: len(data) // 2],
        "flip": data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:],
        "empty": b"",
        "garbage": b"report-face" + b"\x00" * 64,
    }[damage])
    font = open_font("again", FONT, tmp_path)  # parsed from the file
    assert _widths_as_read(font.face, parsed.face.charWidths) == parsed.face.charWidths
    assert entry.read_bytes() == data  # and the entry is whole again
    assert isinstance(open_font("third", FONT, tmp_path).face, CachedFace)


def test_without_a_cache_folder_the_file_is_parsed(parsed: TTFont) -> None:
    font = open_font("plain", FONT, None)
    assert not isinstance(font.face, CachedFace) and font.face.charToGlyph == parsed.face.charToGlyph


def _embedded_program(font: TTFont, text: str) -> bytes:
    """The FontFile2 a one-line PDF in `font` embeds, decoded."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont(font.fontName, 12)
    canvas.drawString(72, 700, text)
    canvas.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        (program,) = [obj for obj in pdf.objects
                      if isinstance(obj, pikepdf.Stream) and "/Length1" in obj.stream_dict]
        return program.read_bytes()


def test_a_subset_program_is_made_once_for_the_same_characters(tmp_path: Path, parsed: TTFont,
                                                                 monkeypatch) -> None:
    open_font("first", FONT, tmp_path)
    font = open_font("kept-programs", FONT, tmp_path)
    register_font(font)
    made: list[list[int]] = []
    make = font.face.makeSubset
    monkeypatch.setattr(font.face, "makeSubset", lambda chars: made.append(list(chars)) or make(chars))

    first = [ord(c) for c in "石峰十年"]
    assert _embedded_program(font, "石峰十年") == parsed.face.makeSubset(first)
    assert made == [first]
    assert _embedded_program(font, "石峰十年") == parsed.face.makeSubset(first)
    assert made == [first]  # from the cache
    other = [ord(c) for c in "石峰产业"]
    assert _embedded_program(font, "石峰产业") == parsed.face.makeSubset(other)
    assert made == [first, other]  # other characters: made again, never the kept one

    (entry,) = (tmp_path / "fonts").glob("*.subset")
    data = entry.read_bytes()
    entry.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    assert _embedded_program(font, "石峰产业") == parsed.face.makeSubset(other)
    assert made == [first, other, other]  # a damaged entry is made again
    assert entry.read_bytes() == data


def test_a_restored_faces_tables_are_loaded_when_first_read(restored: TTFont, parsed: TTFont) -> None:
    """A face that no text of the brochure uses costs no loading of its 31,000-entry tables."""
    face = restored.face
    assert "charToGlyph" not in vars(face) and "charWidths" not in vars(face)
    assert face.getCharWidth(ord("石")) == parsed.face.getCharWidth(ord("石"))  # loads both
    assert "_eager" not in vars(face) and face.charToGlyph == parsed.face.charToGlyph
