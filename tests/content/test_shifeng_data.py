"""The numbers of the 石峰 brochure's charts, key figures and tables come from the article.

Every row of data/shifeng/data/*.csv quotes (in its `source` column) a
sentence of the article that states the row's value; the article itself is
checked against the OCR seed by test_shifeng_source.py. Values whose label
the source lost, and values the source does not support, stay out. Each data
block stands next to the text that states its numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from report.load import load_brochure
from report.model import Chart, DataTable, KeyFigures, Paragraph, Subhead, TableView

HERE = Path(__file__).resolve()
BROCHURE = HERE.parents[2] / "data" / "shifeng"
SEED = HERE.with_name("seed") / "000_df3d885bfdd328a2.txt"  # pinned by test_shifeng_source.py
NUMERALS = dict(zip("一二三四五六七八九十", (str(n) for n in range(1, 11)), strict=True))
DATA_BLOCKS = (Chart, KeyFigures, TableView)


@pytest.fixture(scope="module")
def brochure():
    return load_brochure(BROCHURE)


def article(brochure) -> str:
    texts = [s.lead.plain for s in brochure.sections if s.lead]
    texts += [b.text.plain for s in brochure.sections for b in s.blocks if isinstance(b, Paragraph | Subhead)]
    return "\n".join(texts)


def stated(row_cell, unit: str | None) -> list[str]:
    """How the article may write a value: 12.2亿元, 近40家, 30%以上, 六大洲 …"""
    number, unit = row_cell.number, unit or ""
    forms = [number.shown + unit, number.prefix + number.digits + unit + number.suffix]
    chinese = {v: k for k, v in NUMERALS.items()}.get(number.digits)
    if chinese:
        forms.append(number.prefix + chinese + number.suffix)
    return forms


def rows_with_values(table: DataTable):
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if cell.number is not None:
                yield row, cell, table.unit(row, index)


def test_every_value_is_stated_by_the_sentence_its_row_quotes(brochure) -> None:
    text = article(brochure)
    assert len(brochure.tables) == 6
    problems = []
    for table in brochure.tables:
        source = table.column_index("source")
        assert source is not None, table.name
        for row, cell, unit in rows_with_values(table):
            quote = row.cells[source].text
            if quote not in text:
                problems.append(f"{table.name}/{row.key}: the quote is not in the article: {quote}")
            forms = stated(cell, unit) if unit != "个" else [*stated(cell, unit), *stated(cell, "")]
            if not any(form in quote for form in forms):
                problems.append(f"{table.name}/{row.key}: {forms[0]} is not in its quote: {quote}")
    assert not problems, "\n".join(problems)


def test_every_value_is_in_the_seed(brochure) -> None:
    seed = re.sub(r"\s+", "", SEED.read_text(encoding="utf-8"))
    for table in brochure.tables:
        for row, cell, _ in rows_with_values(table):
            digits = cell.number.digits
            chinese = [numeral for numeral, value in NUMERALS.items() if value == digits]
            assert digits in seed or any(c in seed for c in chinese), (table.name, row.key, digits)


def test_left_out_values_stay_out(brochure) -> None:
    values = [cell.number.value for t in brochure.tables for _, cell, _ in rows_with_values(t)]
    for lost in (31.9, 87.7, 2.6, 3.6, 2012, 2021):  # lost infographic labels; the ambiguous 2.6倍
        assert lost not in values
    quotes = [row.cells[t.column_index("source")].text for t in brochure.tables for row in t.rows]
    assert not any("2.6倍" in quote for quote in quotes)


def test_notes_in_the_livelihood_table_are_words_of_the_article(brochure) -> None:
    text = article(brochure)
    table = next(t for t in brochure.tables if t.name == "民生")
    notes = [row.cells[table.column_index("说明")].text for row in table.rows]
    assert notes and all(note in text for note in notes), notes


def block_numbers(block) -> list[list[str]]:
    """Per value shown, the ways the article may write it."""
    if isinstance(block, Chart):
        return [stated(cell, block.unit) for s in block.series for cell in s.cells]
    if isinstance(block, KeyFigures):
        return [stated(tile.cell, tile.unit) for tile in block.tiles]
    return [stated(item.cell, item.unit or column.unit) for row in block.rows
            for item, column in zip(row, block.columns, strict=True) if item.cell.number]


def test_at_least_six_data_blocks_each_next_to_the_text_that_states_its_numbers(brochure) -> None:
    """The paragraph before a block (or before the blocks it follows) states one of its numbers.

    Every number is stated somewhere in the article (see the first test); a
    group may add one stated in another part (清水塘's 300多亿 is in 产业创新).
    """
    count = 0
    for section in brochure.sections:
        last_paragraph = ""
        for block in section.blocks:
            if isinstance(block, Paragraph):
                last_paragraph = block.text.plain
            if not isinstance(block, DATA_BLOCKS):
                continue
            count += 1
            numbers = block_numbers(block)
            assert numbers
            assert any(form in last_paragraph for forms in numbers for form in forms), block.location
    assert count >= 6
