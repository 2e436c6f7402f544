"""Sections kept by one build are the very sections a fresh read gives, and only while
nothing they depend on changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from report.diagnostics import BuildError
from report.load import brochure as brochure_module
from report.load import load_brochure
from report.model import Paragraph
from tests.conftest import REPO


@pytest.fixture()
def minimal(tmp_path: Path) -> Path:
    """A copy of examples/minimal: data tables, a theme colour, charts and an image."""
    return Path(shutil.copytree(REPO / "examples" / "minimal", tmp_path / "minimal"))


def read_fresh_sections(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make _read_section note the files it reads (the rest came from the cache)."""
    read: list[str] = []
    original = brochure_module._read_section

    def noting(text, display, *args):  # noqa: ANN001, ANN202
        read.append(Path(display).name)
        return original(text, display, *args)

    monkeypatch.setattr(brochure_module, "_read_section", noting)
    return read


def paragraphs(brochure) -> list[str]:  # noqa: ANN001
    return [block.text.plain for section in brochure.sections for block in section.blocks
            if isinstance(block, Paragraph)]


def test_a_second_load_takes_the_sections_from_the_cache_and_equals_a_fresh_one(
        minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = load_brochure(minimal, cache)
    read = read_fresh_sections(monkeypatch)
    second = load_brochure(minimal, cache)
    assert read == ["part-two.yaml"]  # part two has an image: never kept
    assert second == first == load_brochure(minimal)


def test_an_edited_section_is_read_again(minimal: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    load_brochure(minimal, cache)
    part = minimal / "part-one.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("三级标题只在正文中出现。", "改过的段落。"),
                    encoding="utf-8")
    read = read_fresh_sections(monkeypatch)
    edited = load_brochure(minimal, cache)
    assert "part-one.yaml" in read
    assert "改过的段落。" in paragraphs(edited)
    assert edited == load_brochure(minimal)


def test_a_changed_data_table_reads_every_section_again(minimal: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The figures of part one copy cells of 指标: a new cell value must reach them."""
    cache = tmp_path / "cache"
    assert "13.5" not in repr(load_brochure(minimal, cache).sections[0])
    table = minimal / "data" / "example-figures.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("面积,12.5,", "面积,13.5,"), encoding="utf-8")
    read = read_fresh_sections(monkeypatch)
    changed = load_brochure(minimal, cache)
    assert read == ["part-one.yaml", "part-two.yaml"]
    assert changed == load_brochure(minimal)
    assert "13.5" in repr(changed.sections[0])


def test_a_colour_gone_from_the_theme_is_reported_though_the_section_was_kept(
        make_brochure, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    theme = 'colors:\n  accent: "#8A1C1C"\n  mark: "#123456"\n'
    section = "title: 一\nblocks:\n  - callout: 提示\n    color: mark\n"
    manifest = "title: 测试\npublisher: 单位\ndate: '2026年'\ntheme: theme.yaml\nsections:\n  - a.yaml\n"
    folder = make_brochure({"brochure.yaml": manifest, "theme.yaml": theme, "a.yaml": section})
    load_brochure(folder, cache)
    (folder / "theme.yaml").write_text('colors:\n  accent: "#8A1C1C"\n', encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        load_brochure(folder, cache)
    assert [d.message for d in raised.value.diagnostics] == ["unknown colour 'mark'"]


def test_a_section_with_a_warning_or_error_is_never_kept(make_brochure, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    folder = make_brochure({"a.yaml": "title: 一\nblocks:\n  - paragrph: 正文。\n"})
    for _ in range(2):  # the second time, the same error again
        with pytest.raises(BuildError) as raised:
            load_brochure(folder, cache)
        assert [d.message for d in raised.value.diagnostics] == ["unknown block type 'paragrph'"]
    assert not (cache / "sections").exists()


def test_a_damaged_entry_is_read_again(minimal: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = load_brochure(minimal, cache)
    (entry,) = (cache / "sections").iterdir()
    entry.write_bytes(entry.read_bytes()[:-10])
    read = read_fresh_sections(monkeypatch)
    assert load_brochure(minimal, cache) == first
    assert read == ["part-one.yaml", "part-two.yaml"]


def test_one_entry_per_section_file_however_often_it_changes(make_brochure, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    folder = make_brochure()
    for n in range(3):
        (folder / "a.yaml").write_text(f"title: 一\nblocks:\n  - paragraph: 第{n}版。\n", encoding="utf-8")
        assert paragraphs(load_brochure(folder, cache)) == [f"第{n}版。"]
    assert len(list((cache / "sections").iterdir())) == 1
