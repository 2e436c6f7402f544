"""The theme: fonts, colours, type sizes and columns, with sober defaults.

The defaults suit a government brochure: Song body text in black, Hei
headings, one industrial blue accent (rail transit) and one green (the
renewed 清水塘 and 绿心) used sparingly.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from pathlib import Path

import yaml

from report.diagnostics import Collector, Location, shown
from report.load.nodes import NodeReader
from report.model import RGB, FontFamily, FontRef, Sizes, Theme

_HEX = re.compile(r"^#([0-9A-Fa-f]{6})$")
_SIZE_NAMES = tuple(f.name for f in fields(Sizes))
DEFAULT_FONTS = {
    "song": ("NotoSerifSC-Regular.ttf", "NotoSerifSC-Bold.ttf"),
    "hei": ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf"),
}
DEFAULT_COLORS = {
    "text": "#000000",
    "accent": "#0E4C7D",  # deep industrial blue
    "accent2": "#2F7D55",  # green renewal, second accent
    "muted": "#55606B",
    "rule": "#A9B6C2",
    "tint": "#EDF2F7",
    "paper": "#FFFFFF",
}


def default_theme(where: Location | None = None) -> Theme:
    location = where or Location(Path("<built-in theme>"))
    return Theme(
        song=_family(DEFAULT_FONTS["song"], location),
        hei=_family(DEFAULT_FONTS["hei"], location),
        colors={name: hex_to_rgb(value) for name, value in DEFAULT_COLORS.items()},
        sizes=Sizes(),
        location=location,
    )


def read_theme(node: yaml.Node, file: Path, errors: Collector) -> Theme:
    """The theme of `node`, every key optional and defaulting to the built-in theme."""
    reader = NodeReader(file, errors)
    theme = default_theme(reader.loc(node))
    top = reader.mapping(node, "the theme", ("fonts", "colors", "sizes", "layout"))
    if top is None:
        return theme
    if "fonts" in top:
        theme = _read_fonts(top["fonts"].node, reader, theme)
    if "colors" in top:
        theme = replace(theme, colors=_read_colors(top["colors"].node, reader, theme.colors))
    if "sizes" in top:
        theme = replace(theme, sizes=_read_sizes(top["sizes"].node, reader))
    if "layout" in top:
        theme = _read_layout(top["layout"].node, reader, theme)
    return theme


def hex_to_rgb(value: str) -> RGB:
    digits = value.lstrip("#")
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _family(files: tuple[str, str], location: Location) -> FontFamily:
    return FontFamily(FontRef(files[0], location), FontRef(files[1], location))


def _read_fonts(node: yaml.Node, reader: NodeReader, theme: Theme) -> Theme:
    roles = reader.mapping(node, "theme fonts", ("song", "hei", "fallback"))
    for role, field in (roles or {}).items():
        if role == "fallback":
            theme = replace(theme, fallback=_read_fallback(field.node, reader))
            continue
        faces = reader.mapping(field.node, f"font family '{role}'", ("regular", "bold"),
                               ("regular", "bold"))
        if not faces or len(faces) < 2:
            continue
        refs = {face: reader.text(f.node, f"font file '{role}.{face}'") for face, f in faces.items()}
        if all(refs.values()):
            family = FontFamily(
                FontRef(refs["regular"], reader.loc(faces["regular"].node)),
                FontRef(refs["bold"], reader.loc(faces["bold"].node)),
            )
            theme = replace(theme, **{role: family})
    return theme


def _read_fallback(node: yaml.Node, reader: NodeReader) -> tuple[FontRef, ...]:
    """`fallback: [file, …]`: faces tried in order for characters the main face lacks."""
    refs = []
    for item in reader.sequence(node, "fallback fonts") or []:
        name = reader.text(item, "a fallback font file")
        if name:
            refs.append(FontRef(name, reader.loc(item)))
    return tuple(refs)


def _read_colors(node: yaml.Node, reader: NodeReader, base: dict[str, RGB]) -> dict[str, RGB]:
    colors = dict(base)
    if not isinstance(node, yaml.MappingNode):
        reader.error(node, "theme colors must be a mapping of name: \"#RRGGBB\"")
        return colors
    allowed = tuple(key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode))
    for name, field in (reader.mapping(node, "theme colors", allowed) or {}).items():
        value = field.node.value if isinstance(field.node, yaml.ScalarNode) else ""
        match = _HEX.match(value)
        if not match:
            reader.error(field.node, f"colour '{shown(name)}' must be written \"#RRGGBB\"",
                         "quote it: a bare # starts a YAML comment")
            continue
        colors[name] = hex_to_rgb(value)
    return colors


def _read_sizes(node: yaml.Node, reader: NodeReader) -> Sizes:
    values = {}
    for name, field in (reader.mapping(node, "theme sizes", _SIZE_NAMES) or {}).items():
        value = reader.number(field.node, f"size '{name}' (in pt)", 4, 200)
        if value is not None:
            values[name] = value
    if values.get("body", 10.5) < 7.875 or any(v < 7.5 for v in values.values()):
        reader.error(node, "no text may be smaller than 7.5 pt (六号); body text at least 7.875 pt")
    return Sizes(**values)


def _read_layout(node: yaml.Node, reader: NodeReader, theme: Theme) -> Theme:
    layout = reader.mapping(node, "theme layout", ("columns", "gutter"))
    if not layout:
        return theme
    if "columns" in layout:
        columns = reader.number(layout["columns"].node, "columns", 1, 3)
        if columns is not None:
            if columns != int(columns):
                reader.error(layout["columns"].node, "columns must be 1, 2 or 3")
            theme = replace(theme, columns=int(columns))
    if "gutter" in layout:
        gutter = reader.number(layout["gutter"].node, "gutter (in body characters)", 0.5, 6)
        if gutter is not None:
            theme = replace(theme, gutter=gutter)
    return theme
