"""Dataclass methods compiled once and kept (report/dataclasscode.py): the same classes, less work."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from report import dataclasscode
from report.dataclasscode import kept_dataclass_code


def _point() -> type:
    return dataclasses.make_dataclass("Point", [("x", int), ("y", int, dataclasses.field(default=0))],
                                      frozen=True)


def _methods(cls: type) -> dict[str, tuple]:
    names = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
    return {name: (getattr(cls, name).__code__.co_code, getattr(cls, name).__code__.co_consts)
            for name in names}


@pytest.fixture
def compiles(monkeypatch) -> list[str]:
    """The texts dataclasscode compiles (rather than takes from the cache)."""
    texts: list[str] = []

    def counting(source: str, filename: str, mode: str):  # noqa: ANN202
        texts.append(source)
        return compile(source, filename, mode)

    monkeypatch.setattr(dataclasscode, "compile", counting, raising=False)
    return texts


def test_a_second_build_compiles_nothing_and_makes_the_same_class(tmp_path: Path,
                                                                  compiles: list[str]) -> None:
    plain = _point()
    with kept_dataclass_code(tmp_path):
        first = _point()
    assert len(compiles) == 6 and (tmp_path / "code").is_dir()
    with kept_dataclass_code(tmp_path):
        second = _point()
    assert len(compiles) == 6  # every text came from the cache
    for cls in (first, second):
        assert _methods(cls) == _methods(plain)
        point = cls(1, 2)
        assert point == cls(1, 2) and point != cls(1, 3) and hash(point) == hash(cls(1, 2))
        assert repr(point) == "Point(x=1, y=2)" and cls(5).y == 0
        with pytest.raises(dataclasses.FrozenInstanceError):
            point.x = 3
    assert "exec" not in vars(dataclasses)  # the module is as it was


def test_a_damaged_entry_is_compiled_again(tmp_path: Path, compiles: list[str]) -> None:
    with kept_dataclass_code(tmp_path):
        _point()
    (entry,) = (tmp_path / "code").iterdir()
    data = entry.read_bytes()
    entry.write_bytes(data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])
    with kept_dataclass_code(tmp_path):
        assert _point()(1, 2).x == 1
    assert len(compiles) == 12
    assert entry.read_bytes() == data  # written again, whole


def test_the_module_is_put_back_when_the_build_fails(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), kept_dataclass_code(tmp_path):
        _point()
        raise RuntimeError("a stage failed")
    assert "exec" not in vars(dataclasses)
    assert _point()(1).y == 0
