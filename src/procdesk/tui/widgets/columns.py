"""A table's columns and how they share the width they are given.

A narrow table keeps its most useful columns: each column has a priority (0 = always shown),
the columns that fit are taken in priority order and shown in their own order, and the width
left over goes to the columns that grow (free text such as an error message). Money is never
cut: a value wider than its column takes the room it needs from the cell to its left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.cells import cell_len

from procdesk.domain.text import shown
from procdesk.tui.paging import Row

R = TypeVar("R", bound=Row)

GAP = 1  # blank cells after each column


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of a table of `R` records: `key` names the record's field.

    `width` is the column's width, or its least width when it grows (`grow` > 0 shares the
    leftover width by weight). `priority` orders what a narrow table drops: higher numbers
    go first, 0 never. `whole` values (money) are never cut."""

    key: str
    label: str
    width: int
    render: Callable[[R], str | None] | None = None
    style_class: Callable[[R], str | None] | None = None  # a component class of the table
    align_right: bool = False
    priority: int = 0
    grow: int = 0
    whole: bool = False

    def text(self, row: R) -> str:
        value = self.render(row) if self.render else getattr(row, self.key, None)
        return "" if value is None else str(value)


@dataclass(frozen=True)
class Placed(Generic[R]):
    """A column as laid out: the width it got."""

    column: Column[R]
    width: int


def fit(text: str, width: int, *, right: bool = False) -> str:
    """`text` in exactly `width` cells: cut with an ellipsis, or padded."""
    text = shown(text.replace("\n", " "))  # never a raw control character on screen
    if cell_len(text) > width:
        return text[: max(width - 1, 0)] + "…" if width > 0 else ""
    pad = " " * (width - cell_len(text))
    return pad + text if right else text + pad


def place_columns(columns: Sequence[Column[R]], width: int) -> list[Placed[R]]:
    """The columns shown in `width` cells, in their own order, with their widths.

    Columns are taken by priority (then in their order) while they fit; priority 0 always.
    The width left over is shared by the growing columns, by weight."""
    ranked = sorted(range(len(columns)), key=lambda i: (columns[i].priority, i))
    taken: set[int] = set()
    used = 0
    for i in ranked:
        need = columns[i].width + GAP
        if columns[i].priority == 0 or used + need <= width:
            taken.add(i)
            used += need
    chosen = [c for i, c in enumerate(columns) if i in taken]
    spare = max(width - used, 0)
    weights = sum(c.grow for c in chosen)
    placed: list[Placed[R]] = []
    given = 0
    growing = [c for c in chosen if c.grow]
    for column in chosen:
        extra = 0
        if column.grow and weights:
            # the last one takes what rounding left
            extra = spare - given if column is growing[-1] else spare * column.grow // weights
            given += extra
        placed.append(Placed(column, column.width + extra))
    return placed


def row_width(placed: Sequence[Placed[R]]) -> int:
    return sum(p.width + GAP for p in placed)


def cells(texts: Sequence[str], placed: Sequence[Placed[R]]) -> list[str]:
    """Each text fitted to its column, each followed by its gap. A `whole` column's value
    that is wider than the column takes the cells it needs from the cells to its left."""
    widths = [p.width for p in placed]
    for i, (text, p) in enumerate(zip(texts, placed, strict=True)):
        over = cell_len(text) - widths[i]
        if not p.column.whole or over <= 0:
            continue
        widths[i] += over
        j = i - 1
        while over > 0 and j >= 0:
            taken = min(over, widths[j] + GAP)
            widths[j] -= taken
            over -= taken
            j -= 1
    out: list[str] = []
    for text, p, width in zip(texts, placed, widths, strict=True):
        if width < 0:  # this cell's gap went to its right-hand neighbour as well
            out.append("")
        else:
            out.append(fit(text, width, right=p.column.align_right) + " " * GAP)
    return out
