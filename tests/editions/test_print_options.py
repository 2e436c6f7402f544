"""The manifest's `print:` options: bleed, crop marks, another output condition; and their errors."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PIL import ImageCms

from report.assets.profiles import FOGRA39_FILE
from report.cli import main
from tests.conftest import MANIFEST

MM = 72 / 25.4


def _print_build(make_brochure, tmp_path: Path, print_yaml: str, extra: dict | None = None) -> Path:
    folder = make_brochure({"brochure.yaml": MANIFEST + print_yaml, **(extra or {})})
    out = tmp_path / "print.pdf"
    assert main(["build", str(folder), "-o", str(out), "--edition", "print", "-q"]) == 0
    return out


def test_a_shop_may_ask_for_more_bleed_and_no_crop_marks(make_brochure, tmp_path: Path) -> None:
    out = _print_build(make_brochure, tmp_path, "print:\n  bleed: 5mm\n  crop_marks: false\n")
    with pikepdf.open(out) as pdf:
        for page in pdf.pages:
            media, bleed, trim = ([float(v) for v in page.obj[k]] for k in ("/MediaBox", "/BleedBox",
                                                                               "/TrimBox"))
            assert bleed == pytest.approx(media, abs=0.01)  # nothing outside the bleed: no marks
            assert trim[0] - bleed[0] == pytest.approx(5 * MM, abs=0.01)
        assert not any(cs for page in pdf.pages for cs in page.Resources.get("/ColorSpace", {}).values())


def test_the_manifest_names_another_output_condition(make_brochure, tmp_path: Path) -> None:
    out = _print_build(make_brochure, tmp_path, "print:\n  profile: shop.icc\n  condition: FOGRA51\n",
                       {"shop.icc": FOGRA39_FILE.read_bytes()})
    with pikepdf.open(out) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.OutputConditionIdentifier) == "FOGRA51"
        assert intent.DestOutputProfile.read_bytes() == FOGRA39_FILE.read_bytes()


def test_an_rgb_profile_is_refused_at_its_line(make_brochure, tmp_path: Path, monkeypatch,
                                               capsys) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    folder = make_brochure({"brochure.yaml": MANIFEST + "print:\n  profile: srgb.icc\n",
                            "srgb.icc": srgb})
    monkeypatch.chdir(folder.parent)
    assert main(["build", "b", "-o", str(tmp_path / "x.pdf"), "--edition", "print"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "b/brochure.yaml:7:12: error: colour profile 'srgb.icc' is a RGB profile, not CMYK")
    assert not (tmp_path / "x.pdf").exists()


def test_bad_print_options_are_reported_together(make_brochure, monkeypatch, capsys) -> None:
    folder = make_brochure({"brochure.yaml": MANIFEST + "print:\n  bleed: 20mm\n  crop_mark: false\n"})
    monkeypatch.chdir(folder.parent)
    assert main(["check", "b"]) == 1
    err = capsys.readouterr().err
    assert "b/brochure.yaml:7:10: error: bleed must be between 0mm and 10mm" in err
    assert "b/brochure.yaml:8:3: error: unknown key 'crop_mark' in print" in err
    assert "hint: did you mean 'crop_marks'?" in err
