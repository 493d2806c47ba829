"""Paged, filtered, sorted reads of the three dashboard tables, pushed into SQL.

A view never loads a table: it counts with an index, reads one page by keyset (the
(sort value, id) of the last row seen) or, for a jump, by offset, and finds rows by id when
the change feed says they changed. Free text uses the database's own text index
(SQLite FTS5 trigram, PostgreSQL pg_trgm), created by migration 0002.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from procdesk.domain.charge import Charge
from procdesk.domain.issue import Issue
from procdesk.domain.labels import cancel_reasons_matching, order_statuses_matching
from procdesk.domain.order import OrderRow
from procdesk.domain.records import Entity
from procdesk.store.schema import (
    charges,
    issues,
    order_lines,
    order_shipments,
    orders,
    purchase_orders,
    receipts,
)
from procdesk.store.view_query import SortKey as SortKey
from procdesk.store.view_query import ViewQuery as ViewQuery
from procdesk.store.view_query import sort_key


def _like_pattern(text: str) -> str:
    """`text` anywhere, its LIKE wildcards escaped (escape character: backslash)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


R = TypeVar("R", bound=Entity)


@dataclass(frozen=True)
class TableView(Generic[R]):
    """The queries of one dashboard table; its rows are `model` records (whole rows).

    `columns` are the ones a person sees of each row (exports and list commands)."""

    table: sa.Table
    model: type[R]
    fts_table: str
    sortable: tuple[str, ...]
    columns: tuple[str, ...]
    open_only: bool = field(default=False)  # issues: only open ones
    # computed per row beside the table's own columns (correlated subqueries)
    computed: tuple[sa.ColumnElement[Any], ...] = field(default=())
    # columns that change after a row is written, matched beside the text index (the
    # index holds what a row is born with); given the lower-case text and its LIKE pattern
    changing_match: Callable[[str, str], sa.ColumnElement[bool]] | None = field(default=None)
    # codes the index holds for what the pane shows in words ("quote_withdrawn" for
    # "quote withdrawn"): given the lower-case text, the codes to look for as well
    text_aliases: Callable[[str], list[str]] | None = field(default=None)

    def _rows(self, result: Any) -> list[R]:
        return [self.model.model_validate(r._mapping) for r in result]

    def _base_where(self, query: ViewQuery, dialect: str) -> list[sa.ColumnElement[bool]]:
        t = self.table
        where: list[sa.ColumnElement[bool]] = []
        if self.open_only:
            where.append(t.c.status == "open")
        if query.statuses:
            column = t.c.kind if self.open_only else t.c.status
            where.append(column.in_(query.statuses))
        for name, value in query.extra:
            where.append(t.c[name] == value)
        text = query.text.strip().lower()
        if text:
            clause = self._text_clause(text, dialect)
            if text.isdigit() and len(text) < 12:  # the ID column: that row too
                clause = sa.or_(clause, t.c.id == int(text))
            where.append(clause)
        return where

    def _text_clause(self, text: str, dialect: str) -> sa.ColumnElement[bool]:
        aliases = self.text_aliases(text) if self.text_aliases is not None else []
        if aliases:
            needles = [text, *aliases]
            return sa.or_(*(self._text_clause_of(needle, dialect) for needle in needles))
        return self._text_clause_of(text, dialect)

    def _text_clause_of(self, text: str, dialect: str) -> sa.ColumnElement[bool]:
        t = self.table
        if dialect == "sqlite" and len(text) >= 3:
            # FTS5 trigram: substring match through the index. Quote the phrase for FTS.
            phrase = '"' + text.replace('"', '""') + '"'
            fts = sa.text(f"SELECT rowid FROM {self.fts_table} WHERE {self.fts_table} MATCH :q")
            indexed = t.c.id.in_(fts.bindparams(q=phrase).columns(sa.column("rowid")))
        else:
            # PostgreSQL: pg_trgm's GIN index serves this LIKE; SQLite: short needles scan.
            indexed = t.c.search_text.like(_like_pattern(text), escape="\\")
        if self.changing_match is None:
            return indexed
        return sa.or_(indexed, self.changing_match(text, _like_pattern(text)))

    def _order(self, query: ViewQuery) -> tuple[sa.ColumnElement[Any], sa.ColumnElement[Any]]:
        if query.sort not in self.sortable:
            raise ValueError(f"cannot sort {self.table.name} by {query.sort!r}")
        return self.table.c[query.sort], self.table.c.id

    def _select(self, query: ViewQuery, dialect: str) -> sa.Select[Any]:
        sort_col, id_col = self._order(query)
        order = (sort_col.desc(), id_col.desc()) if query.descending else (sort_col, id_col)
        return (
            sa.select(self.table, *self.computed)
            .where(*self._base_where(query, dialect))
            .order_by(*order)
        )

    async def count(self, conn: AsyncConnection, query: ViewQuery) -> int:
        stmt = sa.select(sa.func.count()).select_from(self.table)
        stmt = stmt.where(*self._base_where(query, conn.dialect.name))
        return int((await conn.execute(stmt)).scalar_one())

    async def page_after(
        self, conn: AsyncConnection, query: ViewQuery, after: SortKey | None, limit: int
    ) -> list[R]:
        """The `limit` rows that follow `after` in the view's order (keyset pagination)."""
        stmt = self._select(query, conn.dialect.name).limit(limit)
        if after is not None:
            sort_col, id_col = self._order(query)
            key = sa.tuple_(sort_col, id_col)
            bound = sa.tuple_(sa.literal(after[0], sort_col.type), sa.literal(after[1]))
            stmt = stmt.where(key < bound if query.descending else key > bound)
        return self._rows(await conn.execute(stmt))

    async def page_at(
        self, conn: AsyncConnection, query: ViewQuery, offset: int, limit: int
    ) -> list[R]:
        """Rows from position `offset` (a jump: scrollbar drag, End key)."""
        stmt = self._select(query, conn.dialect.name).offset(offset).limit(limit)
        return self._rows(await conn.execute(stmt))

    async def rows_by_id(self, conn: AsyncConnection, ids: Sequence[int]) -> dict[int, R]:
        if not ids:
            return {}
        rows = await conn.execute(
            sa.select(self.table, *self.computed).where(self.table.c.id.in_(list(ids)))
        )
        return {r.id: r for r in self._rows(rows)}

    async def counts_by_status(self, conn: AsyncConnection) -> dict[str, int]:
        t = self.table
        column = t.c.kind if self.open_only else t.c.status
        stmt = sa.select(column, sa.func.count()).group_by(column)
        if self.open_only:
            stmt = stmt.where(t.c.status == "open")
        return {str(k): int(n) for k, n in await conn.execute(stmt)}

    def sort_key(self, row: R, query: ViewQuery) -> SortKey:
        return sort_key(row, query)


CHARGES = TableView(
    table=charges,
    model=Charge,
    text_aliases=cancel_reasons_matching,
    fts_table="charges_fts",
    sortable=("id", "updated_at", "status", "company_name", "billable_amount", "quote_id"),
    columns=(
        "id",
        "status",
        "quote_id",
        "company_name",
        "ticket_number",
        "ticket_id",
        "sku",
        "description",
        "category",
        "quantity",
        "unit_price",
        "billable_amount",
        "autotask_id",
        "procurement_status",
        "is_billed",
        "error_kind",
        "last_error",
        "attempts",
        "next_attempt_at",
        "cancel_reason",
        "updated_at",
    ),
)


def _order_progress() -> tuple[sa.ColumnElement[Any], ...]:
    """The Autotask PO number and units ordered, shipped and received of each order row."""
    coming = order_lines.c.status.notin_(["rejected", "cancelled"])
    return (
        sa.select(purchase_orders.c.po_number)
        .where(purchase_orders.c.id == orders.c.id)
        .scalar_subquery()
        .label("po_number"),
        sa.select(sa.func.coalesce(sa.func.sum(order_lines.c.quantity), 0))
        .where(order_lines.c.order_id == orders.c.id, coming)
        .scalar_subquery()
        .label("units_ordered"),
        sa.select(sa.func.coalesce(sa.func.sum(order_shipments.c.quantity), 0))
        .where(order_shipments.c.order_id == orders.c.id, order_shipments.c.manual.is_(False))
        .scalar_subquery()
        .label("units_shipped"),
        sa.select(sa.func.coalesce(sa.func.sum(receipts.c.quantity), 0))
        .where(receipts.c.order_id == orders.c.id)
        .scalar_subquery()
        .label("units_received"),
    )


def _order_changing_match(text: str, pattern: str) -> sa.ColumnElement[bool]:
    """What the orders pane shows that changes as an order moves on: its status (value or
    on-screen word), the distributor's order number and status, the Autotask PO number and
    the last error. Orders are few beside charges, so these are matched without an index."""

    def contains(column: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
        return sa.func.lower(column).like(pattern, escape="\\")

    clauses = [
        contains(orders.c.distributor_order_id),
        contains(orders.c.distributor_status),
        contains(orders.c.last_error),
        sa.exists().where(
            purchase_orders.c.id == orders.c.id, contains(purchase_orders.c.po_number)
        ),
    ]
    if statuses := order_statuses_matching(text):
        clauses.append(orders.c.status.in_(statuses))
    return sa.or_(*clauses)


ORDERS = TableView(
    table=orders,
    model=OrderRow,
    computed=_order_progress(),
    changing_match=_order_changing_match,
    fts_table="orders_fts",
    sortable=("id", "updated_at", "status", "company_name", "total_value", "distributor"),
    columns=(
        "id",
        "status",
        "distributor",
        "quote_id",
        "company_name",
        "reference",
        "distributor_order_id",
        "distributor_status",
        "total_value",
        "currency",
        "error_kind",
        "last_error",
        "approved_by",
        "processing_since",
        "updated_at",
    ),
)

ISSUES = TableView(
    table=issues,
    model=Issue,
    fts_table="issues_fts",
    sortable=("id", "last_seen", "kind", "occurrences"),
    columns=(
        "id",
        "kind",
        "status",
        "subject_type",
        "subject_id",
        "provider",
        "title",
        "message",
        "hint",
        "action",
        "occurrences",
        "first_seen",
        "last_seen",
    ),
    open_only=True,
)

VIEWS: dict[str, TableView[Any]] = {"charges": CHARGES, "orders": ORDERS, "issues": ISSUES}
