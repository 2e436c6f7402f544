"""The manifest and the section files → one `Brochure`.

Every error in every file is collected; the stage raises one BuildError at
the end so the user sees all of them at once.
"""

from __future__ import annotations

from itertools import chain
from pathlib import Path

import yaml

from report import textarea
from report.diagnostics import Collector, Location, shown
from report.load.datablocks import DATA_BLOCK_OPTIONS, DataContext, read_data_block, theme_color
from report.load.inline import parse_inline
from report.load.keptsections import KeptSections, data_context
from report.load.nodes import Field, NodeReader, did_you_mean, kept_spans
from report.load.paths import is_file, resolve_in_folder
from report.load.tables import read_table
from report.load.theme import default_theme, read_theme
from report.load.yamlfile import ReadBudget, compose_text, read_text, read_yaml
from report.model import (
    MM,
    Block,
    Brochure,
    DataTable,
    FileRef,
    Heading,
    Page,
    PageBreak,
    Paragraph,
    PrintSpec,
    Quote,
    RichText,
    Section,
    Subhead,
    Theme,
)

MANIFEST = "brochure.yaml"
MANIFEST_KEYS = ("title", "subtitle", "cover_line", "publisher", "date", "language", "subject",
                 "keywords", "page", "theme", "toc", "data", "sections", "print")
MANIFEST_REQUIRED = ("title", "publisher", "date", "sections")
SECTION_KEYS = ("title", "kicker", "subtitle", "lead", "opener", "blocks")
BLOCK_OPTIONS = {
    "heading": ("level", "lint"),
    "paragraph": ("lint",),
    "subhead": ("lint",),
    "quote": ("attribution", "color", "lint"),
    "page_break": (),
    **DATA_BLOCK_OPTIONS,
}
# `lint: ignore-<check>` acknowledges a punctuation finding the text must keep
# (e.g. a quotation cut off in the source); the checks are report.lint's.
LINT_CHECKS = ("ascii-punctuation", "ellipsis", "pairs", "unbalanced")
PAGE_SIZES_MM = {"A4": (210, 297), "A5": (148, 210), "B5": (176, 250)}
DEFAULT_MARGINS_MM = {"top": 20, "bottom": 22, "inside": 18, "outside": 18}
MAX_SECTIONS = 1000  # lays out in about 6 s; more parts than that is a list gone wrong
MIN_COLUMN_CHARS = 8  # a column narrower than this many body characters cannot set Chinese text
MIN_LINES = 10  # nor a text area lower than this many lines


def find_manifest(target: Path) -> Path:
    """`target` is a brochure folder or its manifest file."""
    try:
        return target / MANIFEST if target.is_dir() else target
    except OSError:  # e.g. a name too long for the file system: reported as no manifest
        return target


def load_brochure(target: Path, cache: Path | None = None) -> Brochure:
    """Read and check a whole brochure; raise BuildError listing every problem.

    With a build `cache`, sections read by an earlier build without a problem are taken
    from it when nothing they depend on changed (keptsections.py).
    """
    errors = Collector()
    manifest = find_manifest(target)
    folder = manifest.parent
    _check_manifest(manifest, errors)
    errors.raise_if_errors()
    budget = ReadBudget()
    node = read_yaml(manifest, manifest, errors, budget)
    errors.raise_if_errors()
    reader = NodeReader(manifest, errors)
    fields = reader.mapping(node, "the manifest", MANIFEST_KEYS, MANIFEST_REQUIRED) or {}
    files = [manifest]
    theme = _load_theme(folder, fields, reader, files, budget)
    colors = theme.colors.keys()

    def rich(name: str) -> RichText | None:
        if name not in fields:
            return None
        return _rich(fields[name].node, name, reader, colors)

    tables = _load_tables(folder, fields, reader, files)
    context = DataContext(folder, tables, colors)
    sections = _load_sections(folder, fields, reader, context, files, budget, cache)
    page = _page(fields.get("page"), reader)
    _check_text_area(page, theme, fields.get("page"), reader)
    brochure = Brochure(
        folder=folder,
        title=rich("title"),
        subtitle=rich("subtitle"),
        cover_line=rich("cover_line"),
        publisher=rich("publisher"),
        date=rich("date"),
        language=_plain(fields, "language", reader) or "zh-CN",
        subject=_plain(fields, "subject", reader) or "",
        keywords=_keywords(fields, reader),
        page=page,
        theme=theme,
        toc=reader.boolean(fields["toc"].node, "toc") if "toc" in fields else True,
        sections=tuple(sections),
        files=tuple(files),
        tables=tuple(table for table in tables.values() if table is not None),
        print_spec=_print_spec(folder, fields.get("print"), reader, files),
    )
    errors.raise_if_errors()
    return brochure


def _check_manifest(manifest: Path, errors: Collector) -> None:
    """The manifest must be a file that really lies in the brochure folder.

    The folder named on the command line may itself be a link (the user chose
    it), but a `brochure.yaml` inside it that links elsewhere is refused like
    any other file leading out of the folder: a brochure received from someone
    else must not make the builder read, and quote in its messages, any file
    on this machine.
    """
    if not is_file(manifest):
        errors.error(Location(manifest), "no brochure manifest here",
                     f"a brochure folder holds a {MANIFEST} file")
    elif not manifest.resolve().is_relative_to(manifest.parent.resolve()):
        errors.error(Location(manifest), "the manifest is a link leading outside the brochure folder",
                     "copy the manifest into the folder, or name the folder the link points to")


def _shown(folder: Path, path: Path) -> Path:
    """How to name a file in messages: as the user would, under the folder they gave."""
    return folder / path.relative_to(folder.resolve())


def _load_theme(folder: Path, fields: dict, reader: NodeReader, files: list[Path],
                budget: ReadBudget) -> Theme:
    if "theme" not in fields:
        return default_theme()
    path = resolve_in_folder(folder, fields["theme"].node, "theme file", reader)
    if path is None:
        return default_theme()
    display = _shown(folder, path)
    files.append(display)
    node = read_yaml(path, display, reader.errors, budget)
    return read_theme(node, display, reader.errors) if node is not None else default_theme()


def _load_tables(folder: Path, fields: dict, reader: NodeReader,
                 files: list[Path]) -> dict[str, DataTable | None]:
    """The manifest's `data: {name: file}`; a table that fails to load maps to None."""
    if "data" not in fields:
        return {}
    node = fields["data"].node
    if not isinstance(node, yaml.MappingNode):
        reader.error(node, "data must be a mapping of table name: file, e.g. 创新: data/innovation.csv")
        return {}
    allowed = tuple(key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode))
    tables: dict[str, DataTable | None] = {}
    for name, field in (reader.mapping(node, "data", allowed) or {}).items():
        if "." in name or not name.strip():
            reader.error(field.key, f"table name '{name}' may not contain a dot",
                         "cells are named table.row.column")
            continue
        path = resolve_in_folder(folder, field.node, "data file", reader)
        if path is not None and path.suffix.lower() not in (".csv", ".yaml", ".yml"):
            reader.error(field.node, f"data file '{field.node.value}' is not a .csv or .yaml file")
            path = None
        tables[name] = None
        if path is not None:
            display = _shown(folder, path)
            files.append(display)
            tables[name] = read_table(name, path, display, reader.errors)
    return tables


def _load_sections(folder: Path, fields: dict, reader: NodeReader, context: DataContext,
                   files: list[Path], budget: ReadBudget, cache: Path | None) -> list[Section]:
    """The sections the manifest lists; those read before come from `cache` (keptsections.py)."""
    if "sections" not in fields:
        return []
    items = reader.sequence(fields["sections"].node, "sections")
    if items is not None and not items:
        reader.error(fields["sections"].node, "sections is empty", "list at least one section file")
    if items is not None and len(items) > MAX_SECTIONS:
        reader.error(fields["sections"].node, f"sections lists {len(items):,} files; "
                     f"the limit is {MAX_SECTIONS:,}", "make several brochures of it")
        return []
    kept = None if cache is None else KeptSections(cache, folder, data_context(context))
    sections = []
    for item in items or []:
        path = resolve_in_folder(folder, item, "section file", reader)
        if path is None:
            continue
        display = _shown(folder, path)
        files.append(display)
        text = read_text(path, display, reader.errors, budget)
        section = kept.section(display, text) if kept is not None and text is not None else None
        if section is None and text is not None:
            section = _read_section(text, display, reader.errors, context, kept)
        if section is not None:
            sections.append(section)
    return sections


def _read_section(text: str, display: Path, errors: Collector, context: DataContext,
                  kept: KeptSections | None) -> Section | None:
    """A section from its file's text; kept for the next build if it raised no diagnostic."""
    before = len(errors.diagnostics)
    node = compose_text(text, display, errors)
    section = _section(node, NodeReader(display, errors), context) if node is not None else None
    if kept is not None and section is not None and len(errors.diagnostics) == before:
        kept.keep(display, text, section)
    return section


def _section(node: yaml.Node, reader: NodeReader, context: DataContext) -> Section | None:
    fields = reader.mapping(node, "a section", SECTION_KEYS, ("title", "blocks"))
    if fields is None or "title" not in fields or "blocks" not in fields:
        return None
    colors = context.colors

    def rich(name: str) -> RichText | None:
        return _rich(fields[name].node, name, reader, colors) if name in fields else None

    title = rich("title")  # read in the file's order, so messages come in the order of the lines
    kicker, subtitle, lead = rich("kicker"), rich("subtitle"), rich("lead")
    opener = reader.boolean(fields["opener"].node, "opener") if "opener" in fields else True
    blocks = [_block(b, reader, context) for b in reader.sequence(fields["blocks"].node, "blocks") or []]
    if title is None:
        return None
    return Section(title, kicker, subtitle, lead, opener is not False,
                   tuple(b for b in blocks if b is not None), reader.loc(node))


def _block(node: yaml.Node, reader: NodeReader, context: DataContext) -> Block | None:
    if not isinstance(node, yaml.MappingNode) or not node.value:
        reader.error(node, "a block must be a mapping whose first key is its type",
                     "e.g. '- paragraph: 正文' or '- heading: 标题'")
        return None
    kind_node = node.value[0][0]
    if not isinstance(kind_node, yaml.ScalarNode):
        reader.error(kind_node, "a block's first key must be its type",
                     "block types: " + ", ".join(BLOCK_OPTIONS))
        return None
    kind = kind_node.value
    owner = next((block for block, options in BLOCK_OPTIONS.items() if kind in options), None)
    if owner is not None and kind not in BLOCK_OPTIONS:  # e.g. `- attribution: 署名` before `quote:`
        reader.error(kind_node, f"a block starts with its type, not with '{shown(kind)}'",
                     f"write '{owner}: …' first, then '{kind}: …' under it")
        return None
    if kind not in BLOCK_OPTIONS:
        reader.error(kind_node, f"unknown block type '{shown(kind)}'",
                     did_you_mean(kind, tuple(BLOCK_OPTIONS), "block types"))
        return None
    fields = reader.mapping(node, f"a {kind} block", (kind, *BLOCK_OPTIONS[kind]))
    if fields is None or kind not in fields:
        return None
    location = reader.loc(kind_node)
    if kind in DATA_BLOCK_OPTIONS:
        return read_data_block(kind, fields, location, reader, context)
    colors = context.colors
    main = fields[kind].node
    if kind == "page_break":
        if reader.boolean(main, "page_break") is None:
            return None
        return PageBreak(location)
    text = _rich(main, kind, reader, colors)
    if text is None:
        return None
    ignore = _lint_ignore(fields["lint"].node, reader) if "lint" in fields else frozenset()
    if kind == "heading":
        level = 2
        if "level" in fields:
            level = reader.integer(fields["level"].node, "heading level", 2, 3) or 2
        return Heading(text, level, location, ignore)
    if kind == "quote":
        attribution = None
        if "attribution" in fields:
            attribution = _rich(fields["attribution"].node, "attribution", reader, colors)
        return Quote(text, attribution, location, theme_color(fields, reader, colors, "accent"), ignore)
    return {"paragraph": Paragraph, "subhead": Subhead}[kind](text, location, ignore)


def _lint_ignore(node: yaml.Node, reader: NodeReader) -> frozenset[str]:
    """`lint: ignore-unbalanced` or a list of such: the checks this block acknowledges."""
    items = reader.sequence(node, "lint") if isinstance(node, yaml.SequenceNode) else [node]
    checks = set()
    allowed = tuple(f"ignore-{check}" for check in LINT_CHECKS)
    for item in items or []:
        value = reader.text(item, "lint")
        if value is None:
            continue
        if value not in allowed:
            reader.error(item, f"unknown lint setting '{value}'", did_you_mean(value, allowed, "settings"))
            continue
        checks.add(value.removeprefix("ignore-"))
    return frozenset(checks)


def _rich(node: yaml.Node, what: str, reader: NodeReader, colors) -> RichText | None:
    text = reader.text(node, what)
    if text is None:
        return None
    return parse_inline(text, reader.loc(node), colors, reader.errors, _columns(node))


def _columns(node: yaml.Node) -> list[int] | None:
    """The file column of each character of the text of a plain one-line scalar.

    Its text is its source without the blanks at either end and the spaces
    next to Chinese characters (nodes.join_lines). Other scalars (quoted,
    folded, several lines) have escapes or line breaks between source and
    text: None, and messages point at the value's start.
    """
    if node.style is not None or node.start_mark.line != node.end_mark.line:
        return None
    first = node.start_mark.column + 1
    spans = kept_spans(node.value)
    return list(chain.from_iterable(range(first + start, first + end) for start, end in spans))


def _plain(fields: dict, name: str, reader: NodeReader) -> str | None:
    return reader.text(fields[name].node, name) if name in fields else None


def _keywords(fields: dict, reader: NodeReader) -> tuple[str, ...]:
    if "keywords" not in fields:
        return ()
    items = reader.sequence(fields["keywords"].node, "keywords") or []
    return tuple(k for k in (reader.text(item, "a keyword") for item in items) if k)


def _page(field, reader: NodeReader) -> Page:
    width, height = PAGE_SIZES_MM["A4"]
    margins = {k: v * MM for k, v in DEFAULT_MARGINS_MM.items()}
    size = (width * MM, height * MM)
    if field is not None:
        page = reader.mapping(field.node, "page", ("size", "margins")) or {}
        if "size" in page:
            size = _page_size(page["size"].node, reader) or size
        if "margins" in page:
            margins.update(_margins(page["margins"].node, reader))
    return Page(size[0], size[1], margins["top"], margins["bottom"], margins["inside"],
                margins["outside"])


PRINT_KEYS = ("bleed", "crop_marks", "profile", "condition")
MAX_BLEED_MM = 10


def _print_spec(folder: Path, field, reader: NodeReader, files: list[Path]) -> PrintSpec:
    """The manifest's `print:` mapping: bleed, crop marks and the output condition."""
    if field is None:
        return PrintSpec()
    keys = reader.mapping(field.node, "print", PRINT_KEYS) or {}
    values: dict = {"location": reader.loc(field.node)}
    if "bleed" in keys:
        bleed = reader.length(keys["bleed"].node, "bleed")
        if bleed is not None and not 0 <= bleed <= MAX_BLEED_MM * MM:
            reader.error(keys["bleed"].node, f"bleed must be between 0mm and {MAX_BLEED_MM}mm",
                         "print shops usually ask for 3mm (出血3mm)")
        elif bleed is not None:
            values["bleed"] = bleed
    if "crop_marks" in keys:
        marks = reader.boolean(keys["crop_marks"].node, "crop_marks")
        if marks is not None:
            values["crop_marks"] = marks
    if "profile" in keys:
        path = resolve_in_folder(folder, keys["profile"].node, "colour profile", reader)
        if path is not None:
            files.append(_shown(folder, path))
            values["profile"] = FileRef(path, reader.loc(keys["profile"].node))
    if "condition" in keys:
        values["condition"] = reader.text(keys["condition"].node, "condition")
    return PrintSpec(**values)


def _page_size(node: yaml.Node, reader: NodeReader) -> tuple[float, float] | None:
    if isinstance(node, yaml.ScalarNode):
        if node.value in PAGE_SIZES_MM:
            width, height = PAGE_SIZES_MM[node.value]
            return width * MM, height * MM
        reader.error(node, f"unknown page size '{shown(node.value)}'",
                     "use A4, A5, B5 or [width, height] such as [210mm, 285mm]")
        return None
    items = reader.sequence(node, "page size")
    if items is None or len(items) != 2:
        if items is not None:
            reader.error(node, "page size must be [width, height]")
        return None
    width, height = (reader.length(item, "page size") for item in items)
    if width is None or height is None:
        return None
    if not (100 <= width <= 2000 and 100 <= height <= 2000):
        reader.error(node, "page size must be between 100pt and 2000pt on each side")
        return None
    return width, height


def _margins(node: yaml.Node, reader: NodeReader) -> dict[str, float]:
    names = tuple(DEFAULT_MARGINS_MM)
    values = {}
    for name, field in (reader.mapping(node, "page margins", names) or {}).items():
        value = reader.length(field.node, f"margin '{name}'")
        if value is not None:
            if not 0 <= value <= 200:
                reader.error(field.node, f"margin '{name}' must be between 0 and 200pt")
                continue
            values[name] = value
    return values


def _check_text_area(page: Page, theme: Theme, field: Field | None, reader: NodeReader) -> None:
    """The margins and type sizes must leave room for real columns of text.

    Reported at the manifest's `page` (or the theme when the page is the
    default), because either one can be the cause.
    """
    body, columns = theme.sizes.body, theme.columns
    width = page.width - page.inside - page.outside
    height = page.height - page.top - page.bottom
    wide_enough = textarea.column_width(page, theme) >= MIN_COLUMN_CHARS * body
    if wide_enough and height >= MIN_LINES * theme.sizes.leading:
        return
    where = reader.loc(field.node) if field is not None else theme.location
    area = f"{max(width, 0) / MM:.0f} × {max(height, 0) / MM:.0f} mm"
    reader.errors.error(where, f"the text area of the page, {area}, cannot hold {columns} column"
                        f"{'s' if columns > 1 else ''} of {MIN_COLUMN_CHARS} characters and "
                        f"{MIN_LINES} lines of body text",
                        "make the page larger, or the margins, the body size or the columns fewer")
