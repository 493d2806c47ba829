"""How a table's columns share its width: priority decides what a narrow table keeps,
growing columns take what is left, money is never cut."""

from __future__ import annotations

import pytest

from procdesk.tui.widgets.columns import Column, cells, fit, place_columns, row_width

ID = Column[object]("id", "ID", 4, align_right=True)
STATUS = Column[object]("status", "Status", 8)
COMPANY = Column[object]("company", "Company", 10, priority=1)
SKU = Column[object]("sku", "SKU", 6, priority=2)
AMOUNT = Column[object]("amount", "Amount", 8, align_right=True, whole=True)
ERROR = Column[object]("error", "Error", 6, priority=3, grow=1)
NOTE = Column[object]("note", "Note", 4, priority=3, grow=3)
TABLE = [ID, STATUS, COMPANY, SKU, AMOUNT, ERROR]


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        # priority 0 always, even when it does not fit
        (10, ["ID", "Status", "Amount"]),
        (25, ["ID", "Status", "Amount"]),
        # then by priority while they fit, shown in the table's own order
        (36, ["ID", "Status", "Company", "Amount"]),
        (43, ["ID", "Status", "Company", "SKU", "Amount"]),
        # a smaller, less useful column fills a gap a bigger one does not fit
        (31, ["ID", "Status", "SKU", "Amount"]),
        (50, ["ID", "Status", "Company", "SKU", "Amount", "Error"]),
    ],
)
def test_a_narrow_table_keeps_its_most_useful_columns(width: int, shown: list[str]) -> None:
    placed = place_columns(TABLE, width)
    assert [p.column.label for p in placed] == shown


@pytest.mark.parametrize(
    ("columns", "width", "widths"),
    [
        # the growing column takes all that is left
        (TABLE, 60, [4, 8, 10, 6, 8, 18]),
        # no growing column: the rest stays blank
        ([ID, STATUS, AMOUNT], 60, [4, 8, 8]),
        # two growing columns share by weight; the last one takes the rounding
        ([ID, ERROR, NOTE], 30, [4, 6 + 3, 4 + 10]),
    ],
)
def test_growing_columns_take_the_width_left_over(
    columns: list[Column[object]], width: int, widths: list[int]
) -> None:
    placed = place_columns(columns, width)
    assert [p.width for p in placed] == widths
    assert row_width(placed) <= max(width, row_width(place_columns(columns, 0)))


@pytest.mark.parametrize(
    ("amount", "cells_shown"),
    [
        ("24.77", ["  12 ", "error    ", "   24.77 "]),
        # a wider amount takes the room it needs from its left-hand neighbour, whole
        ("12,345,678.90", ["  12 ", "er… ", "12,345,678.90 "]),
        # and from further left when the neighbour is not enough
        ("1,234,567,890,123.45", ["… ", "", "1,234,567,890,123.45 "]),
    ],
)
def test_money_is_never_cut(amount: str, cells_shown: list[str]) -> None:
    placed = place_columns([ID, STATUS, AMOUNT], 0)
    row = cells(["12", "error", amount], placed)
    assert row == cells_shown
    assert amount in "".join(row)
    assert len("".join(row)) >= row_width(placed)


@pytest.mark.parametrize(
    ("text", "width", "right", "shown"),
    [
        ("Northwind Traders", 10, False, "Northwind…"),
        ("abc", 5, False, "abc  "),
        ("abc", 5, True, "  abc"),
        ("two\nlines", 9, False, "two lines"),
        ("x", 0, False, ""),
    ],
)
def test_fit(text: str, width: int, right: bool, shown: str) -> None:
    assert fit(text, width, right=right) == shown
